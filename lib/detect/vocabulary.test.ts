import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-node';
import { foldCase, foldPattern, Vocabulary, wordRegex } from './vocabulary';

const vocab = new Vocabulary(loadKnowledge());

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

  it('lower-cases only the literal letters of a pattern, never its escapes', () => {
    expect(foldPattern(String.raw`\S+ Laser\B \p{Lu} \u00C9 [A-Z]\D`)).toBe(String.raw`\S+ laser\B \p{Lu} \u00C9 [a-z]\D`);
    const re = wordRegex([String.raw`Fraxel\s+Dual`]);
    expect(re.flags).not.toContain('i');
    expect(foldCase('FRAXEL   DUAL worked').match(re)?.[0]).toBe('fraxel   dual');
  });

  it('reads topic cues and negators in capitals as in lower case', () => {
    const lower = vocab.cues('fillers are permanent and not painful').map((c) => [c.topic, c.polarity]);
    expect(lower.length).toBeGreaterThan(0);
    expect(vocab.cues('FILLERS ARE PERMANENT AND NOT PAINFUL').map((c) => [c.topic, c.polarity])).toEqual(lower);
    expect(vocab.negators('It does NOT work')).toHaveLength(1);
  });
});
