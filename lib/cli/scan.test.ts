import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReport } from './report';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SCAN = path.join(ROOT, 'lib/cli/scan.ts');
const run = (args: string[], input?: string) => spawnSync(TSX, [SCAN, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000 });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'scarcheck-cli-'));

describe('scan --json', () => {
  it('prints exactly the claims contract, with text equal to the input slice', () => {
    const file = path.join(tmp, 'post.txt');
    const text = 'Fillers are permanent.\nI did three sessions of Fraxel. It completely removed my scars!';
    writeFileSync(file, text);
    const out = execFileSync(TSX, [SCAN, '--json', file], { cwd: ROOT, encoding: 'utf8' });
    const report = JsonReport.parse(JSON.parse(out));
    expect(report.claims.length).toBeGreaterThanOrEqual(2);
    for (const c of report.claims) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(Object.keys(c).sort()).toEqual(['end', 'note', 'sources', 'start', 'text', 'topic', 'treatment', 'verdict']);
      expect(c.sources.length).toBeGreaterThan(0);
    }
  });

  it('reads HTML as the page text the extension sees, ignoring scripts and styles', () => {
    const file = path.join(tmp, 'page.html');
    writeFileSync(file, '<html><head><style>p{color:red}</style></head><body><h1>Fillers for acne scars</h1><p>Fillers are <b>permanent</b>.</p><script>var x = "lemon juice fades scars";</script></body></html>');
    const report = JsonReport.parse(JSON.parse(execFileSync(TSX, [SCAN, '--json', file], { cwd: ROOT, encoding: 'utf8' })));
    expect(report.claims.map((c) => c.text)).toContain('Fillers are permanent.');
    expect(report.claims.some((c) => c.treatment === 'home-remedy')).toBe(false);
  });

  it('reads standard input with "-"', () => {
    const res = run(['--json', '-'], 'Vitamin E oil fades scars.');
    expect(res.status).toBe(0);
    expect(JsonReport.parse(JSON.parse(res.stdout)).claims[0]?.treatment).toBe('vitamin-e');
  });
});

describe('scan, human-readable', () => {
  it('reports the bundled sample thread by verdict, with notes and sources', () => {
    const res = run([]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/bundled sample forum thread/);
    expect(res.stdout).toMatch(/== (FALSE|MISLEADING)/);
    expect(res.stdout).toMatch(/https?:\/\//);
    expect(res.stdout).toMatch(/Not medical advice/);
  });

  it('says so when a text has no claims', () => {
    const none = run(['-'], 'We baked bread and walked the dog.');
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/No claims about scar treatments found/);
  });
});

describe('unreadable input: a clear message and exit code 2', () => {
  it.each([
    ['a missing file', () => path.join(tmp, 'nope.txt'), /no such file/],
    ['a directory', () => tmp, /is a directory/],
    ['a binary file', () => { const f = path.join(tmp, 'bin.txt'); writeFileSync(f, Buffer.from([0x89, 0x50, 0x00, 0x01])); return f; }, /binary/],
    ['invalid UTF-8', () => { const f = path.join(tmp, 'latin1.txt'); writeFileSync(f, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20])); return f; }, /not valid UTF-8/],
  ])('%s', (_name, make, message) => {
    const res = run(['--json', make()]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('rejects an unknown option with usage', () => {
    const res = run(['--frobnicate']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/usage/);
  });
});
