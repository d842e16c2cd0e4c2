import { describe, expect, it } from 'vitest';
import type { Claim } from '../detect/types';
import { treatmentInfo, type TreatmentInfo } from '../knowledge/cards';
import { loadKnowledge } from '../knowledge/load-node';
import { AnswerTexts, fromWire, toWire } from './claims-wire';
import { DetectResponse } from './schemas';

const CLAIM_TEXT = 'Fillers are permanent.';
/** A chunk of page text with the claim sentence at these offsets. */
const chunk = (...starts: number[]) => { let t = ''; for (const s of starts) t = t.padEnd(s, ' ') + CLAIM_TEXT; return t; };
const claim = (start: number, entryId: string): Claim => ({
  start, end: start + CLAIM_TEXT.length, text: CLAIM_TEXT, treatment: 'filler', topic: 'permanence', verdict: 'false',
  entryId, note: `note of ${entryId}: ${'why '.repeat(60)}`, details: `details of ${entryId}: ${'more '.repeat(120)}`, grade: 'strong',
  sources: [{ id: 'S1', title: 'A review', year: 2020, kind: 'review', url: 'https://example.org/a' }],
  hedged: false, anecdote: false, carried: false,
});

describe('claims on the wire', () => {
  it('sends each entry once and no claim text, and gives every claim its texts back', () => {
    const results = [[claim(0, 'a'), claim(30, 'a')], [], [claim(5, 'b')]];
    const texts = [chunk(0, 30), 'No claim here.', chunk(5)];
    const wire = toWire(results);
    expect(Object.keys(wire.entries).sort()).toEqual(['a', 'b']);
    expect(JSON.stringify(wire.results)).not.toContain('note of');
    expect(JSON.stringify(wire.results)).not.toContain(CLAIM_TEXT);
    const parsed = DetectResponse.parse(JSON.parse(JSON.stringify({ ...wire, treatments: {} })));
    expect(fromWire(parsed.results, parsed.entries, texts)).toEqual(results);
  });

  it('is much smaller than sending each claim whole when claims share entries', () => {
    const results = [Array.from({ length: 200 }, (_, i) => claim(i * 30, i % 2 ? 'a' : 'b'))];
    expect(JSON.stringify(toWire(results)).length).toBeLessThan(JSON.stringify(results).length / 2);
  });
});

describe('texts the content script already holds', () => {
  it('travel once per page: later answers leave them out and their claims still come back whole', () => {
    const page = new AnswerTexts();
    const card = treatmentInfo(loadKnowledge(), 'filler');
    const answer = (results: Claim[][], known: ReturnType<AnswerTexts['known']>, treatments: Record<string, TreatmentInfo>): DetectResponse =>
      DetectResponse.parse(JSON.parse(JSON.stringify({ ...toWire(results, new Set(known.entries)), treatments })));

    const first = [[claim(0, 'a')]];
    expect(page.known()).toEqual({ entries: [], treatments: [] });
    const one = page.take(answer(first, page.known(), { filler: card }), [chunk(0)]);
    expect(one.results).toEqual(first);

    const second = [[claim(30, 'a')], [claim(5, 'b')]];
    const known = page.known();
    expect(known).toEqual({ entries: ['a'], treatments: ['filler'] });
    const wire = answer(second, known, {});
    expect(Object.keys(wire.entries)).toEqual(['b']);
    const two = page.take(wire, [chunk(30), chunk(5)]);
    expect(two.results).toEqual(second);
    expect(two.treatments.filler).toEqual(card);
  });
});
