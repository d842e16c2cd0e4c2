/** Claims placed on the page: detector output joined with DOM anchors and display names. */
import type { Claim } from '../detect/types';
import type { TreatmentInfo } from '../knowledge/cards';
import type { ClaimSummary } from '../messages/schemas';
import type { CardItem } from '../ui/ClaimCard';
import { boundariesFor, type TextBoundaries } from './anchor';
import type { ExtractedText } from './extract';

export interface PageClaim {
  index: number;
  claim: Claim;
  treatment: TreatmentInfo;
  /** Null when the claim's span holds no page text (it is listed but not painted). */
  boundaries: TextBoundaries | null;
}

/** Stands in for a card the background did not send (never expected; keeps the page usable). */
const unknownTreatment = (id: Claim['treatment']): TreatmentInfo => ({
  id, name: id, card: { summary: '', helps: '', improvement: '', duration: '', sessions: '', downtime: '', risks: '', darkerSkin: '', grade: 'none', sources: [] },
});

export function anchorClaims(ext: ExtractedText, claims: readonly Claim[], treatments: Readonly<Record<string, TreatmentInfo>>): PageClaim[] {
  return claims.map((claim, index) => ({
    index,
    claim,
    treatment: treatments[claim.treatment] ?? unknownTreatment(claim.treatment),
    boundaries: boundariesFor(ext, claim.start, claim.end),
  }));
}

export function summarize(claims: readonly PageClaim[]): ClaimSummary[] {
  return claims.map((p) => ({
    index: p.index,
    snippet: p.claim.text.slice(0, 400),
    treatment: p.claim.treatment,
    treatmentName: p.treatment.name,
    verdict: p.claim.verdict,
    painted: p.boundaries !== null,
  }));
}

/** The treatments the claims are about, each once, in order of first appearance. */
export function treatmentsOf(claims: readonly PageClaim[]): TreatmentInfo[] {
  const seen = new Map<string, TreatmentInfo>();
  for (const p of claims) if (p.treatment.card.summary && !seen.has(p.treatment.id)) seen.set(p.treatment.id, p.treatment);
  return [...seen.values()];
}

export function toCardItem(p: PageClaim): CardItem {
  const c = p.claim;
  return {
    index: p.index,
    text: c.text,
    verdict: c.verdict,
    treatment: p.treatment,
    note: c.note,
    details: c.details,
    entryId: c.entryId,
    grade: c.grade,
    sources: c.sources,
    hedged: c.hedged,
    anecdote: c.anecdote,
  };
}
