// The seed pages scored by the shared scorer exactly as CI and the unseen pages are scored: it runs
// `npm run --silent scan -- --json <page>` for every page. Floors only ever go up.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCORER = path.resolve(ROOT, '../shared/eval/score.mjs');
const GOLD = path.resolve(ROOT, '../shared/eval/seeds-gold.jsonl');
const SEEDS = path.resolve(ROOT, '../shared/seeds');

const FLOORS = { precision: 0.95, recall: 0.92 };

describe('the seed pages, scored by ../shared/eval/score.mjs', () => {
  it('meet the precision and recall floors', { timeout: 240_000 }, () => {
    expect(existsSync(SCORER), `${SCORER} is part of the shared workspace`).toBe(true);
    const out = execFileSync('node', [SCORER, GOLD, SEEDS], { cwd: ROOT, encoding: 'utf8', timeout: 230_000 });
    const figures = Object.fromEntries([...out.matchAll(/([a-z-]+)=([\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
    console.log(out.trim());
    expect(figures.failures).toBe(0);
    expect(figures.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(figures.recall).toBeGreaterThanOrEqual(FLOORS.recall);
  });
});
