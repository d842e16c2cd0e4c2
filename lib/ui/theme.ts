/**
 * Words and order shared by the card and the popup. Colours live in theme.css (one set of
 * tokens for both, light and dark).
 */
import { tierOf, type Grade, type Tier, type VerdictId } from '../knowledge/ids';

export { tierOf };
export type { Tier };

/** The verdict in words, as the reader sees it. */
export const VERDICT_LABEL: Readonly<Record<VerdictId, string>> = {
  false: 'False',
  misleading: 'Misleading',
  mixed: 'Mixed evidence',
  unsupported: 'Unsupported',
  supported: 'Supported by evidence',
};

/** A glyph per tier so the verdict never rests on colour alone. */
export const TIER_GLYPH: Readonly<Record<Tier, string>> = { red: '✕', amber: '!', green: '✓' };

/** The evidence grade in words. */
export const GRADE_LABEL: Readonly<Record<Grade, string>> = {
  strong: 'Strong evidence',
  moderate: 'Moderate evidence',
  limited: 'Limited evidence',
  none: 'No studies found',
  contradicted: 'Evidence contradicts this',
};

/** Most questionable first: the popup lists red, then amber, then green. */
export const VERDICT_ORDER: readonly VerdictId[] = ['false', 'misleading', 'unsupported', 'mixed', 'supported'];
export const TIER_ORDER: readonly Tier[] = ['red', 'amber', 'green'];

/** "1 claim", "3 claims". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Shortens text to at most `max` characters on a word boundary, with an ellipsis. */
export function snippet(text: string, max = 140): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
