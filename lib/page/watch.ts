/**
 * Notices when a page's text changes after load (single-page apps, "load more", live updates)
 * and calls back once the DOM has settled, so the page can be analysed again. Bounded on pages
 * that never stop changing: runs are spaced out and capped.
 */
import { warnOnce } from '../messages/log';

export interface WatchTimers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  now(): number;
}

export interface WatchOptions {
  /** Wait for this long without mutations before calling back... */
  quietMs: number;
  /** ...but never longer than this after the first unhandled mutation. */
  maxWaitMs: number;
  /** Minimum time between two callbacks. */
  minIntervalMs: number;
  /** Stop watching after this many callbacks (a page that never settles). */
  maxRuns: number;
}

export const DEFAULT_WATCH: WatchOptions = { quietMs: 750, maxWaitMs: 3000, minIntervalMs: 2000, maxRuns: 60 };

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const INERT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'META']);

/** Does this mutation change text a reader could see (not typing, not script or style tags)? */
export function isTextMutation(r: Pick<MutationRecord, 'type' | 'target' | 'addedNodes' | 'removedNodes'>): boolean {
  const target = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
  if (!target || target.closest(EDITABLE)) return false;
  if (r.type === 'characterData') return true;
  if (r.type !== 'childList') return false;
  const counts = (n: Node) => n.nodeType === 3 ? !!(n as Text).data.trim() : n.nodeType === 1 && !INERT.has((n as Element).tagName);
  for (const n of Array.from(r.addedNodes)) if (counts(n)) return true;
  for (const n of Array.from(r.removedNodes)) if (counts(n)) return true;
  return false;
}

export class DomWatcher {
  private timer: number | null = null;
  private firstDirty = 0;
  private lastRun = -Infinity;
  private runs = 0;
  private stopped = false;
  private readonly observer: MutationObserver | null;

  constructor(
    root: Element,
    private readonly onSettled: () => void,
    private readonly timers: WatchTimers,
    private readonly opts: WatchOptions = DEFAULT_WATCH,
  ) {
    const MO = root.ownerDocument.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    this.observer = MO ? new MO((records) => this.onRecords(records)) : null;
    this.observer?.observe(root, { childList: true, subtree: true, characterData: true });
    this.lastRun = timers.now(); // the initial analysis has just been started
  }

  /** Feed mutation records (called by the observer; public for tests). */
  onRecords(records: ReadonlyArray<Pick<MutationRecord, 'type' | 'target' | 'addedNodes' | 'removedNodes'>>): void {
    // Looking at a bounded number of records keeps the callback cheap on busy pages.
    if (this.stopped || !records.slice(0, 200).some(isTextMutation)) return;
    const now = this.timers.now();
    if (this.timer === null) this.firstDirty = now;
    else this.timers.clearTimeout(this.timer);
    const settleAt = Math.min(now + this.opts.quietMs, this.firstDirty + this.opts.maxWaitMs);
    const at = Math.max(settleAt, this.lastRun + this.opts.minIntervalMs);
    this.timer = this.timers.setTimeout(() => this.fire(), Math.max(0, at - now));
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    this.lastRun = this.timers.now();
    if (++this.runs >= this.opts.maxRuns) {
      warnOnce('this page keeps changing: ScarCheck stopped following its updates');
      this.stop();
    }
    this.onSettled();
  }
}
