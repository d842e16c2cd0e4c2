import { describe, expect, it } from 'vitest';
import { BackgroundRequest, ClaimSchema, ClaimsResponse, ContentRequest, DetectResponse, MAX_TEXT } from './schemas';
import type { Claim } from '../detect/types';

const claim: Claim = {
  start: 0, end: 20, text: 'Fillers last forever', treatment: 'filler', topic: 'permanence', verdict: 'false',
  entryId: 'filler-permanent', note: 'Hyaluronic acid fillers are broken down by the body within months.',
  details: 'Details.', grade: 'strong',
  sources: [{ id: 'S1', title: 'A review', year: 2020, kind: 'review', url: 'https://example.org/a' }],
  hedged: false, anecdote: false, carried: false,
};

describe('message schemas', () => {
  it('accepts a detector claim as plain JSON', () => {
    expect(ClaimSchema.parse(JSON.parse(JSON.stringify(claim)))).toEqual(claim);
    const info = { id: 'filler', name: 'Dermal fillers', card: { summary: 's', helps: 'h', improvement: 'i', duration: 'd', sessions: 's', downtime: 'd', risks: 'r', darkerSkin: 'd', grade: 'limited', sources: [] } };
    expect(DetectResponse.safeParse({ results: [[claim], []], entries: {}, treatments: { filler: info } }).success).toBe(true);
    expect(DetectResponse.safeParse({ results: [[claim], []], entries: {}, treatments: { filler: { ...info, card: { ...info.card, grade: 'great' } } } }).success).toBe(false);
  });

  it('rejects unknown verdicts and treatments', () => {
    expect(ClaimSchema.safeParse({ ...claim, verdict: 'maybe' }).success).toBe(false);
    expect(ClaimSchema.safeParse({ ...claim, treatment: 'magic' }).success).toBe(false);
  });

  it('routes background and content requests by type', () => {
    const items = [{ context: 'Fraxel thread', text: 'It did nothing.' }];
    expect(BackgroundRequest.parse({ type: 'detect', items })).toEqual({ type: 'detect', items });
    expect(BackgroundRequest.safeParse({ type: 'detect' }).success).toBe(false);
    expect(BackgroundRequest.safeParse({ type: 'detect', items: [{ context: '', text: 'x'.repeat(MAX_TEXT + 1) }] }).success).toBe(false);
    expect(BackgroundRequest.parse({ type: 'find-candidates', texts: ['a', 'b'] })).toEqual({ type: 'find-candidates', texts: ['a', 'b'] });
    expect(BackgroundRequest.safeParse({ type: 'find-candidates', texts: ['x'.repeat(MAX_TEXT), 'y'] }).success).toBe(false);
    expect(BackgroundRequest.parse({ type: 'set-badge', count: 3 })).toEqual({ type: 'set-badge', count: 3 });
    expect(BackgroundRequest.safeParse({ type: 'set-badge', count: -1 }).success).toBe(false);
    expect(ContentRequest.parse({ type: 'jump-to', index: 3 })).toEqual({ type: 'jump-to', index: 3 });
    expect(ContentRequest.safeParse({ type: 'jump-to', index: -1 }).success).toBe(false);
    expect(ContentRequest.safeParse({ type: 'jump-to', index: '1' }).success).toBe(false);
    expect(ContentRequest.safeParse({ type: 'detect', items }).success).toBe(false);
  });

  it('validates the popup summary', () => {
    const ok = { status: 'ok', host: 'example.com', claims: [{ index: 0, snippet: 's', treatment: 'laser', treatmentName: 'Laser', verdict: 'mixed', painted: true }], treatments: [] };
    expect(ClaimsResponse.parse(ok)).toEqual(ok);
    expect(ClaimsResponse.parse({ ...ok, status: 'off', claims: [] }).status).toBe('off');
    expect(ClaimsResponse.safeParse({ status: 'weird', host: '', claims: [], treatments: [] }).success).toBe(false);
    expect(ClaimsResponse.safeParse({ status: 'ok', claims: [], treatments: [] }).success).toBe(false);
  });

  it('validates reports, the About answer and the claim commands', () => {
    const report = { text: 'Fillers last forever.', verdict: 'false', entryId: 'filler-permanent', host: 'example.com', comment: '' };
    expect(BackgroundRequest.parse({ type: 'save-report', report })).toEqual({ type: 'save-report', report });
    expect(BackgroundRequest.safeParse({ type: 'save-report', report: { ...report, comment: 'x'.repeat(1001) } }).success).toBe(false);
    expect(BackgroundRequest.safeParse({ type: 'save-report', report: { ...report, verdict: 'meh' } }).success).toBe(false);
    expect(BackgroundRequest.parse({ type: 'get-about' })).toEqual({ type: 'get-about' });
    expect(ContentRequest.parse({ type: 'navigate', direction: 'previous' })).toEqual({ type: 'navigate', direction: 'previous' });
    expect(ContentRequest.safeParse({ type: 'navigate', direction: 'sideways' }).success).toBe(false);
  });
});
