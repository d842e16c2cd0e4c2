import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-node';
import { segment } from './segment';
import { Vocabulary, type Mention } from './vocabulary';
import { alternation, foldCase } from './word-pattern';

const kb = loadKnowledge();
const vocab = new Vocabulary(kb);

describe('case folding (patterns run without /i on lower-cased text)', () => {
  it('finds treatment names written in any case, at their place in the original text', () => {
    const text = 'MICRONEEDLING and Subcision, then TCA CROSS.';
    const found = vocab.mentions(text).map((m) => [m.treatment, text.slice(m.start, m.end)]);
    expect(found).toEqual([['microneedling', 'MICRONEEDLING'], ['subcision', 'Subcision'], ['tca-cross', 'TCA CROSS']]);
  });

  it('keeps offsets when a letter grows as it is lower-cased ("İ" is two code units in lower case)', () => {
    const text = 'İİİ Dermabrasion fixed it.';
    expect(foldCase(text)).toHaveLength(text.length);
    const [m] = vocab.mentions(text);
    expect(text.slice(m!.start, m!.end)).toBe('Dermabrasion');
  });

  it('reads topic cues and negators in capitals as in lower case', () => {
    const lower = vocab.cues('fillers are permanent and not painful').map((c) => [c.topic, c.polarity]);
    expect(lower.length).toBeGreaterThan(0);
    expect(vocab.cues('FILLERS ARE PERMANENT AND NOT PAINFUL').map((c) => [c.topic, c.polarity])).toEqual(lower);
    expect(vocab.negators('It does NOT work')).toHaveLength(1);
  });
});

describe('treatment names', () => {
  /** The plain way: each treatment's own pattern, with Unicode word edges, over the whole text. */
  const eachOnItsOwn = (text: string): Mention[] => kb.treatments.flatMap((t) =>
    [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${alternation(t.aliases)}(?![\\p{L}\\p{N}])`, 'gu'))]
      .map((m) => ({ start: m.index, end: m.index + m[0].length, treatment: t.id })));

  it('finds every name of every treatment, overlaps included, as each treatment\'s own pattern does', () => {
    const crafted = [
      'fractional co2 laser resurfacing, then fraxel laser and a laser peel',
      'ha filler injections with hyaluronic acid fillers and hyaluronic acid skin boosters',
      'subcision subcision, tca cross with 100% tca dotting, derma roller microneedling pens',
      'rf microneedling (morpheus8) vs microneedling with rf, prp after microneedling',
    ];
    const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds');
    const pages = fs.readdirSync(seeds).map((f) => fs.readFileSync(path.join(seeds, f), 'utf8'));
    const sentences = [...crafted, ...pages.flatMap((p) => segment(p).map((s) => foldCase(s.text)))];
    let named = 0;
    for (const s of sentences) {
      const found = vocab.namedIn(s);
      expect(found, s).toEqual(eachOnItsOwn(s));
      named += found.length;
    }
    expect(named).toBeGreaterThan(200);
    expect(vocab.namedIn(crafted[0]!).map((m) => m.treatment)).toEqual(expect.arrayContaining(['laser', 'ablative-laser', 'nonablative-laser']));
  });
});
