import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-node';
import { buildPrefilter, textsNamingTreatments } from './prefilter';

describe('textsNamingTreatments', () => {
  const re = buildPrefilter({ aliases: ['TCA cross', 'fillers?', 'fraxel'] });

  it('finds the texts that name a treatment, and not the others', () => {
    expect(textsNamingTreatments(re, ['We baked bread.', 'My Fraxel session', 'was fine.', 'Fillers!'])).toEqual([1, 3]);
  });

  it('finds a name split over neighbouring nodes by inline markup, marking every part', () => {
    expect(textsNamingTreatments(re, ['Post 1: ', 'TCA ', 'CROSS ', 'works well.', 'Gardening.'])).toEqual([1, 2]);
  });

  it('finds a name in a text that follows one ending in a letter or digit', () => {
    expect(textsNamingTreatments(re, ['member_9', 'Fraxel removed my scars.'])).toEqual([1]);
  });

  it('keeps word edges: a name inside a longer word is no hit', () => {
    expect(textsNamingTreatments(re, ['refillers', 'unfraxeled'])).toEqual([]);
    expect(textsNamingTreatments(re, [])).toEqual([]);
  });
});

describe('the prefilter over real text', () => {
  it('finds the same texts as one plain case-insensitive regex with Unicode word edges', () => {
    const aliases = loadKnowledge().treatments.flatMap((t) => t.aliases);
    const names = buildPrefilter({ aliases });
    const plain = new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliases.map((a) => `(?:${a})`).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds');
    const lines = fs.readdirSync(seeds).flatMap((f) => fs.readFileSync(path.join(seeds, f), 'utf8').split('\n'));
    // Each line also in capitals, and with a foreign capital glued to the front of every word.
    const texts = [...lines, ...lines.map((l) => l.toUpperCase()), ...lines.map((l) => l.replace(/(?<![\p{L}\p{N}])(?=\p{L})/gu, 'É'))];
    const named = texts.map((t) => names.test(t));
    expect(named).toEqual(texts.map((t) => plain.test(t)));
    // Every line that names a treatment does so in capitals too, and none with a letter glued to every word.
    const count = (from: number) => named.slice(from, from + lines.length).filter(Boolean).length;
    expect(count(0)).toBeGreaterThan(80);
    expect(count(lines.length)).toBe(count(0));
    expect(count(lines.length * 2)).toBe(0);
  });
});
