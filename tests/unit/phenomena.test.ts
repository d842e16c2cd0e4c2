// Detection per phenomenon on our own labelled dev corpus (tests/corpus): how often claims with
// each phenomenon are found, and how often rows that must stay unmarked are left alone. Floors
// only ever go up; `npm run eval` lists the rows behind every figure.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect';
import { loadKnowledge } from '../../lib/knowledge/load-node';
import { phenomena } from '../eval/phenomena';

const CORPUS = path.resolve(import.meta.dirname, '../corpus');
const figures = phenomena(createDetector(loadKnowledge()), path.join(CORPUS, 'gold.jsonl'), path.join(CORPUS, 'pages'));
const fig = (tag: string) => {
  const f = figures.get(tag);
  if (!f) throw new Error(`no rows tagged "${tag}" in the corpus`);
  return f;
};

/** Share of claim rows with the tag that get a mark. */
const RECALL_FLOORS: Record<string, number> = {
  negation: 0.92,
  hedge: 0.95,
  anecdote: 0.94,
  'reported speech': 0.89,
  'pronoun carry-over': 0.96,
  quantity: 0.96,
  brand: 0.95,
  slang: 0.94,
  'multi-claim': 0.94,
  list: 0.95,
  'run-on': 0.86,
  typo: 0.85,
};

/** Share of rows that are not claims (with the tag) left unmarked. */
const LEFT_ALONE_FLOORS: Record<string, number> = {
  question: 1,
  heading: 1,
  username: 1,
  'price/booking': 1,
  'bare mention': 0.9,
  'how-to': 0.77,
  'mechanism-only': 0.8,
  'off-topic': 0.93,
  chatter: 0.85,
};

describe('claims are found, phenomenon by phenomenon', () => {
  it.each(Object.entries(RECALL_FLOORS))('%s', (tag, floor) => {
    const f = fig(tag);
    expect(f.claimRows).toBeGreaterThanOrEqual(10);
    expect(f.found / f.claimRows).toBeGreaterThanOrEqual(floor);
  });
});

describe('what is not a claim stays unmarked', () => {
  it.each(Object.entries(LEFT_ALONE_FLOORS))('%s', (tag, floor) => {
    const f = fig(tag);
    expect(f.plainRows).toBeGreaterThanOrEqual(10);
    expect(f.leftAlone / f.plainRows).toBeGreaterThanOrEqual(floor);
  });
});
