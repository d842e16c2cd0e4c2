/**
 * Claims on the wire: the background sends each knowledge entry's texts once per answer and no
 * claim's own text (the content script sent that text: offsets into it say it); the content
 * script joins both back onto the claims (see WireClaimSchema).
 */
import type { Claim } from '../detect/types';
import type { TreatmentInfo } from '../knowledge/cards';
import type { DetectRequest, DetectResponse, EntryText, WireClaim } from './schemas';

/** Splits claims into their own fields and the texts of the entries they cite (but those in `known`). */
export function toWire(results: readonly Claim[][], known?: ReadonlySet<string>): { results: WireClaim[][]; entries: Record<string, EntryText> } {
  const entries: Record<string, EntryText> = {};
  const slim = results.map((claims) => claims.map(({ note, details, grade, sources, text: _text, ...own }) => {
    if (!known?.has(own.entryId)) entries[own.entryId] ??= { note, details, grade, sources };
    return own;
  }));
  return { results: slim, entries };
}

/**
 * The content script's side: the entry texts and treatment cards of earlier answers, named in
 * each request (`known`) so that every one travels once per page, and joined back onto claims.
 */
export class AnswerTexts {
  private readonly entries: Record<string, EntryText> = {};
  private readonly treatments: Record<string, TreatmentInfo> = {};

  known(): NonNullable<DetectRequest['known']> {
    return { entries: Object.keys(this.entries), treatments: Object.keys(this.treatments) };
  }

  /** The answer's claims, whole, and every treatment card held so far. */
  take(res: DetectResponse, texts: readonly string[]): { results: Claim[][]; treatments: Readonly<Record<string, TreatmentInfo>> } {
    Object.assign(this.entries, res.entries);
    Object.assign(this.treatments, res.treatments);
    return { results: fromWire(res.results, this.entries, texts), treatments: this.treatments };
  }
}

/**
 * Joins the entry texts back (claims citing the same entry share its sources array), and each
 * claim's text from `texts`, the texts the claims were found in (one per result, in order).
 */
export function fromWire(results: readonly WireClaim[][], entries: Readonly<Record<string, EntryText>>, texts: readonly string[]): Claim[][] {
  return results.map((claims, i) => claims.map((c) => {
    const e = entries[c.entryId] ?? { note: '', details: '', grade: 'none' as const, sources: [] };
    return { ...c, text: (texts[i] ?? '').slice(c.start, c.end), note: e.note, details: e.details, grade: e.grade, sources: e.sources };
  }));
}
