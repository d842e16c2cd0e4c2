/** Claims placed on the page: detector output joined with DOM anchors and display names. */
import type { Claim } from '../detect/types';
import type { ClaimSummary } from '../messages/schemas';
import type { CardItem } from '../ui/ClaimCard';
import { boundariesFor, type TextBoundaries } from './anchor';
import type { ExtractedText } from './extract';

export interface PageClaim {
  index: number;
  claim: Claim;
  treatmentName: string;
  /** Null when the claim's span holds no page text (it is listed but not painted). */
  boundaries: TextBoundaries | null;
}

export function anchorClaims(ext: ExtractedText, claims: readonly Claim[], treatmentNames: Readonly<Record<string, string>>): PageClaim[] {
  return claims.map((claim, index) => ({
    index,
    claim,
    treatmentName: treatmentNames[claim.treatment] ?? claim.treatment,
    boundaries: boundariesFor(ext, claim.start, claim.end),
  }));
}

export function summarize(claims: readonly PageClaim[]): ClaimSummary[] {
  return claims.map((p) => ({
    index: p.index,
    snippet: p.claim.text.slice(0, 400),
    treatment: p.claim.treatment,
    treatmentName: p.treatmentName,
    verdict: p.claim.verdict,
    painted: p.boundaries !== null,
  }));
}

export function toCardItem(p: PageClaim): CardItem {
  const c = p.claim;
  return {
    index: p.index,
    text: c.text,
    verdict: c.verdict,
    treatmentName: p.treatmentName,
    note: c.note,
    grade: c.grade,
    sources: c.sources,
    hedged: c.hedged,
    anecdote: c.anecdote,
  };
}
