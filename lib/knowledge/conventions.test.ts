// Conventions every knowledge entry must keep, checked against the real detector (refined-github
// style meta-tests): the data has to be reachable, and its near-misses have to stay out.
import { describe, expect, it } from 'vitest';
import { createDetector } from '../detect/detector';
import { loadKnowledge } from './load-node';
import { tierOf, type ClaimEntry } from './schema';

const kb = loadKnowledge();
const detector = createDetector(kb);
const byId = new Map(kb.entries.map((e) => [e.id, e]));
/** Claims stand only near talk of scars; a one-line example gets that context first. */
const CONTEXT = 'This thread is about acne scars.\n';
const entriesFor = (sentence: string): ClaimEntry[] => detector.detect(CONTEXT + sentence).map((c) => byId.get(c.entryId)!);

/** A general fallback is reached through any treatment without an entry of its own, so its examples need only its topic and polarity. */
function reaches(entry: ClaimEntry, sentence: string): boolean {
  const found = entriesFor(sentence);
  if (entry.treatment !== '*') return found.some((e) => e.id === entry.id);
  return found.some((e) => e.topic === entry.topic && e.polarity === entry.polarity);
}

describe('every knowledge entry', () => {
  it('has at least two examples and one near-miss', () => {
    const thin = kb.entries.filter((e) => e.examples.length < 2 || e.nearMisses.length < 1).map((e) => e.id);
    expect(thin).toEqual([]);
  });

  it('is what the detector finds for its own examples', () => {
    const unreached = kb.entries.flatMap((e) => e.examples.filter((x) => !reaches(e, x)).map((x) => `${e.id}: ${x}`));
    expect(unreached).toEqual([]);
  });

  it('is not what the detector finds for its near-misses', () => {
    const leaked = kb.entries.flatMap((e) => e.nearMisses.filter((x) => entriesFor(x).some((f) => f.id === e.id)).map((x) => `${e.id}: ${x}`));
    expect(leaked).toEqual([]);
  });

  it('keeps its note and details within the card lengths', () => {
    expect(kb.entries.filter((e) => e.note.length > 280 || e.details.length > 1200).map((e) => e.id)).toEqual([]);
  });
});

describe('reversed claims', () => {
  const pairs = kb.entries.filter((e) => e.reverses).map((e) => [e, byId.get(e.reverses!)!] as const);

  it('are declared for the common myths', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
  });

  it('get opposite verdict tiers', () => {
    const same = pairs.filter(([a, b]) => tierOf(a.verdict) === tierOf(b.verdict)).map(([a, b]) => `${a.id} (${a.verdict}) / ${b.id} (${b.verdict})`);
    expect(same).toEqual([]);
  });

  it.each([
    ['Fillers are permanent.', 'Fillers are temporary and need top-ups.'],
    ['Laser resurfacing removes acne scars permanently.', 'Laser resurfacing cannot erase acne scars completely.'],
    ['Vitamin E oil fades scars.', 'Vitamin E oil does nothing for scars.'],
    ['Subcision is a one-and-done permanent fix.', 'Subcision results are not permanent, the bands can grow back.'],
  ])('"%s" is red and "%s" is not', (claim, reversed) => {
    const tiers = (s: string) => entriesFor(s).map((e) => tierOf(e.verdict));
    expect(tiers(claim)).toContain('red');
    expect(tiers(reversed).length).toBeGreaterThan(0);
    expect(tiers(reversed)).not.toContain('red');
  });
});

describe('every treatment card', () => {
  it('cites sources and grades the evidence', () => {
    for (const t of kb.treatments) {
      expect(t.card.sources.length, t.id).toBeGreaterThan(0);
      expect(t.card.grade, t.id).toBeTruthy();
    }
  });
});
