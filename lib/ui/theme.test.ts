import { describe, expect, it } from 'vitest';
import { VERDICT_IDS } from '../knowledge/ids';
import { groupByVerdict } from './Popup';
import { VERDICT_ORDER, gradeLabel, snippet, tierOf, verdictLabel } from './theme';
import { GRADES } from '../knowledge/ids';

describe('theme', () => {
  it('names every verdict and orders red before amber before green', () => {
    expect([...VERDICT_ORDER].sort()).toEqual([...VERDICT_IDS].sort());
    for (const v of VERDICT_IDS) expect(verdictLabel(v)).toMatch(/^[A-Z][a-z]+/);
    for (const g of GRADES) expect(gradeLabel(g)).toMatch(/^[A-Z][a-z]+/);
    expect(verdictLabel('supported')).toBe('Supported by evidence');
    const rank = { red: 0, amber: 1, green: 2 } as const;
    const ranks = VERDICT_ORDER.map((v) => rank[tierOf(v)]);
    expect(ranks).toEqual([...ranks].sort());
  });

  it('shortens snippets on a word boundary', () => {
    expect(snippet('short')).toBe('short');
    const s = snippet('Laser resurfacing removes every acne scar completely after one session, clinics say.', 40);
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toBe('Laser resurfacing removes every acne…');
  });

  it('groups popup rows by verdict, most questionable first', () => {
    const row = (index: number, verdict: 'supported' | 'false' | 'mixed') =>
      ({ index, snippet: '', treatment: 'laser' as const, treatmentName: 'Laser', verdict, painted: true });
    const groups = groupByVerdict([row(0, 'supported'), row(1, 'mixed'), row(2, 'false'), row(3, 'mixed')]);
    expect(groups.map((g) => [g.verdict, g.claims.map((c) => c.index)])).toEqual([['false', [2]], ['mixed', [1, 3]], ['supported', [0]]]);
  });
});
