/**
 * Hit-testing painted claims. Highlights have no events, so the pointer position is checked
 * against each claim's client rects. `CSS.highlights.highlightsFromPoint` (Chrome 140+, Firefox
 * 150+) answers "is any of our highlights here?" cheaply and is used to bail out early.
 */
import { toRange, type TextBoundaries } from './anchor';

export interface HitTarget {
  index: number;
  boundaries: TextBoundaries;
  /** The range object registered in CSS.highlights (to match highlightsFromPoint results). */
  painted?: AbstractRange;
}

export interface Hit {
  indices: number[];
  /** The line box under the pointer (viewport coordinates), for placing the card. */
  rect: DOMRect | null;
}

interface RectLike { left: number; top: number; right: number; bottom: number }

type FromPoint = (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => Array<Highlight | { highlight: Highlight; ranges: AbstractRange[] }>;

/** Rects are cached this long at most, so late layout shifts (images, fonts) are picked up. */
const RECT_TTL_MS = 400;
/** Slack below a line box: the underline is painted slightly under the glyphs. */
const SLACK = 2;

export function contains(r: RectLike, x: number, y: number, slack = SLACK): boolean {
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom + slack;
}

export class HitTester {
  private cache = new Map<number, DOMRect[]>();
  private cachedAt = 0;
  private readonly byRange = new Map<AbstractRange, number>();
  private readonly byIndex = new Map<number, HitTarget>();

  constructor(
    private readonly targets: readonly HitTarget[],
    /** Our highlights, to recognise them among highlightsFromPoint results. */
    private readonly ours: () => Highlight[] = () => [],
    private readonly registry: HighlightRegistry | undefined = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights,
    private readonly now: () => number = () => performance.now(),
    /** Open shadow roots holding claims: highlightsFromPoint sees into them only when told. */
    private readonly shadowRoots: () => ShadowRoot[] = () => [],
  ) {
    for (const t of targets) {
      this.byIndex.set(t.index, t);
      if (t.painted) this.byRange.set(t.painted, t.index);
    }
  }

  /** Forget cached rects (call on scroll and resize). */
  invalidate(): void {
    this.cache.clear();
  }

  /** Viewport rects of one claim (empty if the claim is unknown or not rendered). */
  rectsOf(index: number): DOMRect[] {
    const t = this.now();
    if (t - this.cachedAt > RECT_TTL_MS) { this.cache.clear(); this.cachedAt = t; }
    let rects = this.cache.get(index);
    if (!rects) {
      const target = this.byIndex.get(index);
      rects = [];
      if (target) {
        try {
          rects = Array.from(toRange(target.boundaries).getClientRects()).filter((r) => r.width > 0 && r.height > 0);
        } catch {
          rects = []; // the page removed the text; the claim just stops being hoverable
        }
      }
      this.cache.set(index, rects);
    }
    return rects;
  }

  /** Claims under the viewport point (x, y), in document order. */
  at(x: number, y: number): Hit {
    let candidates: readonly HitTarget[] = this.targets;
    const fromPoint = (this.registry as { highlightsFromPoint?: FromPoint } | undefined)?.highlightsFromPoint;
    if (typeof fromPoint === 'function') {
      try {
        const ours = new Set(this.ours());
        const roots = this.shadowRoots();
        const hits = roots.length ? fromPoint.call(this.registry, x, y, { shadowRoots: roots }) : fromPoint.call(this.registry, x, y);
        const mine = hits.filter((h) => ours.has('highlight' in h ? h.highlight : h));
        if (!mine.length) return { indices: [], rect: null };
        const indices = new Set<number>();
        for (const h of mine) if ('ranges' in h) for (const r of h.ranges) { const i = this.byRange.get(r); if (i !== undefined) indices.add(i); }
        if (indices.size) candidates = this.targets.filter((t) => indices.has(t.index));
      } catch {
        // fall back to the full scan
      }
    }
    const indices: number[] = [];
    let rect: DOMRect | null = null;
    for (const t of candidates) {
      const r = this.rectsOf(t.index).find((rr) => contains(rr, x, y));
      if (r) { indices.push(t.index); rect ??= r; }
    }
    return { indices, rect };
  }
}
