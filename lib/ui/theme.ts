/**
 * Words and order shared by the card, the popup and the options page. The words come from
 * _locales (lib/i18n); colours live in theme.css (one set of tokens for all three, light and dark).
 */
import { t } from '../i18n';
import { tierOf, type Grade, type Tier, type VerdictId } from '../knowledge/ids';

export { tierOf };
export type { Tier };

/** The verdict in words, as the reader sees it. */
export const verdictLabel = (v: VerdictId): string => t(`verdict_${v}`);

/** A glyph per tier so the verdict never rests on colour alone. */
export const TIER_GLYPH: Readonly<Record<Tier, string>> = { red: '✕', amber: '!', green: '✓' };

/** The evidence grade in words. */
export const gradeLabel = (g: Grade): string => t(`grade_${g}`);


/** Most questionable first: the popup lists red, then amber, then green. */
export const VERDICT_ORDER: readonly VerdictId[] = ['false', 'misleading', 'unsupported', 'mixed', 'supported'];
export const TIER_ORDER: readonly Tier[] = ['red', 'amber', 'green'];

/** Shortens text to at most `max` characters on a word boundary, with an ellipsis. */
export function snippet(text: string, max = 140): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
