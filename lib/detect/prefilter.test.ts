import { describe, expect, it } from 'vitest';
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
