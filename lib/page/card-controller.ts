/**
 * When the hover card opens and closes. Pure state machine over injected effects, so it runs in
 * unit tests without a browser.
 *
 * - Pointer over painted claim(s): open a card for all of them. While a card is open, moving onto
 *   other claims switches the card only once the pointer rests there (SWITCH_DELAY_MS).
 * - Pointer leaves claim and card: close after a short grace delay, so the pointer can travel
 *   from the claim into the card and click a source link.
 * - Escape, or a press outside card and claims: close.
 * - A card opened from the popup ("jump to") is pinned: it stays until Escape, a press elsewhere,
 *   another claim is hovered, or the pointer has visited the card and left it.
 * - While focus is inside the card (a command put it there, or the reader clicked or tabbed into
 *   it, e.g. to type a report), the pointer neither closes nor switches it: only Escape, a press
 *   elsewhere or another command does.
 */
import type { Hit } from './hit-test';
import type { RectLike } from '../ui/position';

export const CLOSE_GRACE_MS = 300;
/**
 * With a card open, another claim must hold the pointer this long before the card switches to it,
 * so the pointer can cross the next line on its way down into the card.
 */
export const SWITCH_DELAY_MS = 120;

export interface CardEffects {
  hitTest(x: number, y: number): Hit;
  /** Current viewport rects of claim `index` (for repositioning on scroll). */
  rectsOf(index: number): RectLike[];
  show(indices: number[], anchor: RectLike): void;
  hide(): void;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestFrame(fn: () => void): void;
  viewport(): { width: number; height: number };
}

/** The smallest rect holding all of `rects` (undefined for none). */
function union(rects: readonly RectLike[]): RectLike | undefined {
  if (!rects.length) return undefined;
  return {
    left: Math.min(...rects.map((r) => r.left)),
    top: Math.min(...rects.map((r) => r.top)),
    right: Math.max(...rects.map((r) => r.right)),
    bottom: Math.max(...rects.map((r) => r.bottom)),
  };
}

const same = (a: readonly number[] | null, b: readonly number[]) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

export class CardController {
  private open: number[] | null = null;
  private anchorLine = 0;
  private pinned = false;
  private overCard = false;
  private focused = false;
  private closeTimer: number | null = null;
  private switchTimer: number | null = null;
  private framePending = false;
  private last: { x: number; y: number; fromCard: boolean } | null = null;

  constructor(private readonly fx: CardEffects) {}

  get openIndices(): readonly number[] | null {
    return this.open;
  }

  /** pointermove anywhere (document, capture): processed at most once per animation frame. */
  pointerMove(x: number, y: number, fromCard: boolean): void {
    this.last = { x, y, fromCard };
    if (this.framePending) return;
    this.framePending = true;
    this.fx.requestFrame(() => {
      this.framePending = false;
      if (this.last) this.process(this.last.x, this.last.y, this.last.fromCard);
    });
  }

  /** Handles one pointer position now (the frame callback, and tests). */
  process(x: number, y: number, fromCard: boolean): void {
    this.last = { x, y, fromCard };
    if (fromCard) { this.overCard = true; this.cancelClose(); this.cancelSwitch(); return; }
    if (this.focused && this.open) { this.cancelSwitch(); return; }
    const hit = this.fx.hitTest(x, y);
    if (hit.indices.length && hit.rect) {
      this.cancelClose();
      if (same(this.open, hit.indices)) { this.cancelSwitch(); return; }
      if (!this.open) { this.pinned = false; this.show(hit.indices, hit.rect); return; }
      // A card is open for other claims: switch only if the pointer stays on these.
      if (this.switchTimer === null) {
        this.switchTimer = this.fx.setTimeout(() => {
          this.switchTimer = null;
          const p = this.last;
          if (!p || p.fromCard) return;
          const now = this.fx.hitTest(p.x, p.y);
          if (now.indices.length && now.rect && !same(this.open, now.indices)) { this.pinned = false; this.show(now.indices, now.rect); }
        }, SWITCH_DELAY_MS);
      }
      return;
    }
    this.cancelSwitch();
    if (this.open && !this.pinned && !this.overCard) this.scheduleClose();
  }

  cardEnter(): void {
    this.overCard = true;
    this.cancelClose();
    this.cancelSwitch();
  }

  cardLeave(): void {
    this.overCard = false;
    this.pinned = false;
    if (this.open && !this.focused) this.scheduleClose();
  }

  /** Focus entered the card. */
  focusIn(): void {
    this.focused = true;
    this.cancelClose();
    this.cancelSwitch();
  }

  /** Focus left the card for the page. */
  focusOut(): void {
    this.focused = false;
  }

  /** keydown: Escape closes. Returns true when it closed a card. */
  key(key: string): boolean {
    if (key !== 'Escape' || !this.open) return false;
    this.close();
    return true;
  }

  /** pointerdown: a press outside the card and outside every claim closes it. */
  press(x: number, y: number, fromCard: boolean): void {
    if (!this.open || fromCard) return;
    if (!this.fx.hitTest(x, y).indices.length) this.close();
  }

  /**
   * Opens a card that stays open without hover (the popup's "jump to", the claim commands). It is
   * placed against the whole claim (every line of it), which the reader came to read.
   */
  openPinned(indices: number[], anchor: RectLike): void {
    this.cancelClose();
    this.show(indices, anchor, true);
    this.pinned = true;
  }

  /** Scroll or resize: move the card with its claim, or close it once the claim is off screen. */
  reposition(): void {
    if (!this.open) return;
    const rects = this.fx.rectsOf(this.open[0]!);
    const rect = this.anchorLine < 0 ? union(rects) : rects[Math.min(this.anchorLine, rects.length - 1)];
    const vp = this.fx.viewport();
    if (!rect || rect.bottom < 0 || rect.top > vp.height) { this.close(); return; }
    this.fx.show(this.open, rect);
  }

  close(): void {
    this.cancelClose();
    this.cancelSwitch();
    this.open = null;
    this.pinned = false;
    this.overCard = false;
    this.focused = false;
    this.fx.hide();
  }

  private show(indices: number[], anchor: RectLike, whole = false): void {
    this.open = indices;
    const rects = this.fx.rectsOf(indices[0]!);
    const line = rects.findIndex((r) => r.top === anchor.top && r.left === anchor.left);
    // -1: anchored to the union of the claim's lines.
    this.anchorLine = whole ? -1 : line < 0 ? 0 : line;
    this.fx.show(indices, whole ? union(rects) ?? anchor : anchor);
  }

  private scheduleClose(): void {
    if (this.closeTimer !== null) return;
    this.closeTimer = this.fx.setTimeout(() => {
      this.closeTimer = null;
      if (!this.overCard && !this.focused) this.close();
    }, CLOSE_GRACE_MS);
  }

  private cancelSwitch(): void {
    if (this.switchTimer === null) return;
    this.fx.clearTimeout(this.switchTimer);
    this.switchTimer = null;
  }

  private cancelClose(): void {
    if (this.closeTimer === null) return;
    this.fx.clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }
}
