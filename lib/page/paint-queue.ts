/**
 * When marks reach the page. Every change to a highlight makes the browser re-check the painting
 * of the whole page (about 40 ms on a 2 MB page, ~200 ms once 13,000 ranges are registered), so
 * batches that stream in are painted together: the first of a reading at once (what is on
 * screen), later ones at growing intervals, claims scrolled into reach soon.
 */
import type { PaintItem } from './paint';

export interface PaintTarget {
  add(items: readonly PaintItem[]): void;
  remove(ranges: readonly AbstractRange[]): void;
}

export interface PaintTimers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The second paint of a reading waits this long, each later one twice as long, up to MAX_MS. */
const FIRST_MS = 400;
const MAX_MS = 3200;

export class PaintQueue {
  private readonly adds = new Map<AbstractRange, PaintItem>();
  private removes: AbstractRange[] = [];
  private timer: number | null = null;
  private every = 0;

  /** `beforeAdd` runs before ranges are first added (the ::highlight rules must be in place). */
  constructor(private readonly target: PaintTarget, private readonly timers: PaintTimers, private readonly beforeAdd: () => void = () => {}) {}

  add(item: PaintItem): void { this.adds.set(item.range, item); }

  /** A range to take off (dropped from the queue if it was never painted). */
  remove(range: AbstractRange): void { if (!this.adds.delete(range)) this.removes.push(range); }

  /** Paints the queue: at once for a reading's first batch, after `within` ms if given, else at the growing interval. */
  schedule(within?: number): void {
    if (this.timer !== null) return;
    if (within !== undefined) { this.timer = this.timers.setTimeout(() => this.flush(), within); return; }
    if (this.every === 0) { this.every = FIRST_MS; this.flush(); return; }
    this.timer = this.timers.setTimeout(() => this.flush(), this.every);
    this.every = Math.min(this.every * 2, MAX_MS);
  }

  /** Paints what is waiting now (a reading ended). */
  flushNow(): void {
    if (this.timer !== null) { this.timers.clearTimeout(this.timer); this.flush(); }
  }

  /** A new reading starts: its first batch paints at once again. */
  restart(): void {
    this.flushNow();
    this.every = 0;
  }

  /** Forgets everything queued (the page is about to be painted afresh). */
  clear(): void {
    if (this.timer !== null) { this.timers.clearTimeout(this.timer); this.timer = null; }
    this.adds.clear();
    this.removes = [];
  }

  private flush(): void {
    this.timer = null;
    if (this.adds.size) this.beforeAdd();
    this.target.remove(this.removes);
    this.target.add([...this.adds.values()]);
    this.adds.clear();
    this.removes = [];
  }
}
