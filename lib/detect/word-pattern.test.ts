import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-node';
import { segment } from './segment';
import { alternation, foldCase, foldPattern, WordPattern } from './word-pattern';

/** What a whole-word pattern means: the alternation between Unicode word edges, as one plain regex. */
const plain = (sources: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])${alternation(sources)}(?![\\p{L}\\p{N}])`, 'gu');
const plainAll = (sources: string[], text: string) => [...text.matchAll(plain(sources))].map((m) => ({ start: m.index, end: m.index + m[0].length }));

describe('case folding (patterns run without /i on lower-cased text)', () => {
  it('lower-cases only the literal letters of a pattern, never its escapes', () => {
    expect(foldPattern(String.raw`\S+ Laser\B \p{Lu} \u00C9 [A-Z]\D`)).toBe(String.raw`\S+ laser\B \p{Lu} \u00C9 [a-z]\D`);
    expect(new WordPattern([String.raw`Fraxel\s+Dual`]).next(foldCase('FRAXEL   DUAL worked'))?.[0]).toBe('fraxel   dual');
  });
});

describe('whole words', () => {
  const words = new WordPattern(['peels?', 'laser', 'foo bar', 'bar']);

  it('never matches inside a word of any script, nor after a digit', () => {
    for (const before of ['é', 'ñ', 'ж', '中', '𝐀', '٣', '2', 'x', 'X']) {
      expect(words.test(`${before}laser`), before).toBe(false);
      expect(words.all(`my ${before}peel and a laser`), before).toEqual([{ start: 14 + before.length, end: 19 + before.length }]);
    }
  });

  it('matches after punctuation, marks, underscores and emoji', () => {
    for (const before of ['(', '-', '_', '\u0301', '😀', '’', '\u00a0']) expect(words.all(`${before}laser`), before).toEqual([{ start: before.length, end: before.length + 5 }]);
  });

  it('finds a word that starts inside a longer match that was ruled out ("éfoo bar": "bar")', () => {
    expect(words.all('éfoo bar')).toEqual([{ start: 5, end: 8 }]);
    expect(words.blank('a laser peel, élaser')).toBe('a           , élaser');
  });

  it('finds exactly what the plain Unicode-edged regex finds, for every vocabulary list over the seeds', () => {
    const lx = loadKnowledge().lexicon;
    const lists = [lx.negators, lx.hedges, lx.anecdote, lx.anaphora, lx.nonClaims, lx.scarWords, lx.offTopic, lx.scarContext,
      ...lx.topics.flatMap((t) => [t.pos, t.neg, t.weak])].filter((l) => l.length);
    const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds');
    const sentences = fs.readdirSync(seeds).flatMap((f) => segment(fs.readFileSync(path.join(seeds, f), 'utf8')).map((s) => foldCase(s.text)));
    // The same sentences with a foreign letter glued to the front of every word.
    const glued = sentences.slice(0, 300).map((s) => s.replace(/(?<![\p{L}\p{N}])(?=\p{L})/gu, 'é'));
    let found = 0;
    for (const list of lists) {
      const pattern = new WordPattern(list);
      for (const s of [...sentences, ...glued]) {
        const all = pattern.all(s);
        expect(all, s).toEqual(plainAll(list, s));
        expect(pattern.test(s)).toBe(all.length > 0);
        found += all.length;
      }
    }
    expect(found).toBeGreaterThan(500);
  });
});
