/**
 * Which claim the next / previous claim command goes to. Pure, so it is unit tested.
 *
 * - From a claim the reader is on (its card is open, or it is still on screen): the claim after
 *   or before it in document order, wrapping around at the ends.
 * - Otherwise from where the reader is: "next" is the first claim at or below the top of the
 *   viewport, "previous" the last claim above it; past either end it wraps around.
 */

export interface NavItem {
  index: number;
  /** Viewport coordinates of the claim's first line box. */
  top: number;
  bottom: number;
}

export type Direction = 'next' | 'previous';

/**
 * @param items claims that can be shown, in document order
 * @param current the claim the reader is on, if any
 * @param onCurrent true when that claim's card is open (the reader is on it even if it scrolled away)
 */
export function pickClaim(items: readonly NavItem[], current: number | null, onCurrent: boolean, direction: Direction, viewportHeight: number): number | null {
  const n = items.length;
  if (!n) return null;
  const step = direction === 'next' ? 1 : -1;
  const pos = current === null ? -1 : items.findIndex((it) => it.index === current);
  if (pos >= 0) {
    const it = items[pos]!;
    if (onCurrent || (it.bottom > 0 && it.top < viewportHeight)) return items[(pos + step + n) % n]!.index;
  }
  if (direction === 'next') return (items.find((it) => it.top >= 0) ?? items[0]!).index;
  return (items.findLast((it) => it.top < 0) ?? items[n - 1]!).index;
}
