/** Where the hover card goes: below the claim's line if it fits, else above, clamped in the viewport. */

export interface RectLike { left: number; top: number; right: number; bottom: number }
export interface Size { width: number; height: number }
export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** Set when the card must shrink (its body scrolls) to fit beside the claim. */
  maxHeight?: number;
}

/** Never shrink the card below this; a very short viewport overlaps the claim instead. */
export const MIN_CARD_HEIGHT = 160;

export function placeCard(anchor: RectLike, card: Size, viewport: Size, gap = 8, margin = 8): Placement {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));
  const left = clamp(anchor.left, margin, viewport.width - card.width - margin);
  const below = anchor.bottom + gap;
  if (below + card.height <= viewport.height - margin) return { left, top: below, side: 'below' };
  const above = anchor.top - gap - card.height;
  if (above >= margin) return { left, top: above, side: 'above' };
  // Fits neither way: shrink into the roomier side so the claim stays visible.
  const roomBelow = viewport.height - margin - below;
  const roomAbove = anchor.top - gap - margin;
  const side = roomBelow >= roomAbove ? 'below' : 'above';
  const maxHeight = Math.max(MIN_CARD_HEIGHT, Math.min(card.height, side === 'below' ? roomBelow : roomAbove));
  const top = side === 'below' ? below : anchor.top - gap - maxHeight;
  return { left, top: clamp(top, margin, viewport.height - maxHeight - margin), side, maxHeight };
}
