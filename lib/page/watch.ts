/**
 * Notices when a page's text changes after load (single-page apps, "load more", live updates)
 * and calls back, once the DOM has settled, with the nodes that changed, so only those are read
 * again. One MutationObserver for the page and its open shadow roots. A page that never stops
 * changing is backed off: while changes keep coming, the time between two callbacks doubles (up
 * to maxIntervalMs), and falls back once the page has been quiet for a while.
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
  /** Minimum time between two callbacks while the page is calm. */
  minIntervalMs: number;
  /** The back-off's ceiling: a page that changes all the time is re-read this often at most. */
  maxIntervalMs: number;
  /** More changed nodes than this in one round: the callback is told to re-read everything. */
  maxNodes: number;
}

/** After this many back-to-back runs the interval starts doubling. */
const BUSY_RUNS = 3;

export const DEFAULT_WATCH: WatchOptions = { quietMs: 250, maxWaitMs: 1000, minIntervalMs: 500, maxIntervalMs: 16_000, maxNodes: 2000 };

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const INERT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'META']);

type Record_ = Pick<MutationRecord, 'type' | 'target' | 'addedNodes' | 'removedNodes'>;

/** Does this mutation change text a reader could see (not typing, not script or style tags)? */
export function isTextMutation(r: Record_): boolean {
  const target = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
  if (!target || target.closest(EDITABLE)) return false;
  if (r.type === 'characterData') return true;
  if (r.type !== 'childList') return false;
  const counts = (n: Node) => n.nodeType === 3 ? !!(n as Text).data.trim() : n.nodeType === 1 && !INERT.has((n as Element).tagName);
  for (const n of Array.from(r.addedNodes)) if (counts(n)) return true;
  for (const n of Array.from(r.removedNodes)) if (counts(n)) return true;
  return false;
}

/** What changed since the last callback. `all`: too much to list, re-read the page. */
export interface Changes {
  nodes: Set<Node>;
  all: boolean;
}

export class DomWatcher {
  private timer: number | null = null;
  private firstDirty = 0;
  private lastRun = -Infinity;
  private interval: number;
  private stopped = false;
  /** Runs in a row that came as soon as the interval allowed. */
  private busyRuns = 0;
  private pending: Changes = { nodes: new Set(), all: false };
  private readonly observer: MutationObserver | null;

  constructor(
    root: Element,
    private readonly onSettled: (changes: Changes) => void,
    private readonly timers: WatchTimers,
    private readonly opts: WatchOptions = DEFAULT_WATCH,
  ) {
    const MO = root.ownerDocument.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    this.observer = MO ? new MO((records) => this.onRecords(records)) : null;
    this.observe(root);
    this.interval = opts.minIntervalMs;
    this.lastRun = timers.now(); // the initial analysis has just been started
  }

  /** Watches one more subtree (an open shadow root, which the page's observer does not see into). */
  observe(root: Node): void {
    this.observer?.observe(root, { childList: true, subtree: true, characterData: true });
  }

  /** Feed mutation records (called by the observer; public for tests). */
  onRecords(records: ReadonlyArray<Record_>): void {
    if (this.stopped) return;
    let relevant = false;
    for (const r of records) {
      if (!isTextMutation(r)) continue;
      relevant = true;
      if (this.pending.all) continue;
      // The changed node itself (its text is new) or, for additions and removals, the new nodes
      // and the parent whose content changed.
      if (r.type === 'characterData') this.note(r.target);
      else {
        for (const n of Array.from(r.addedNodes)) this.note(n);
        if (r.removedNodes.length) this.note(r.target);
      }
    }
    if (!relevant) return;
    const now = this.timers.now();
    if (this.timer === null) this.firstDirty = now;
    else this.timers.clearTimeout(this.timer);
    const settleAt = Math.min(now + this.opts.quietMs, this.firstDirty + this.opts.maxWaitMs);
    const at = Math.max(settleAt, this.lastRun + this.interval);
    this.timer = this.timers.setTimeout(() => this.fire(), Math.max(0, at - now));
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private note(n: Node): void {
    if (this.pending.nodes.size >= this.opts.maxNodes) { this.pending = { nodes: new Set(), all: true }; return; }
    this.pending.nodes.add(n);
  }

  private fire(): void {
    this.timer = null;
    const now = this.timers.now();
    // Back off while changes keep coming right after each run; relax once the page calms down.
    const busy = now - this.lastRun < this.interval + this.opts.maxWaitMs;
    this.busyRuns = busy ? this.busyRuns + 1 : 0;
    const next = this.busyRuns >= BUSY_RUNS ? Math.min(this.interval * 2, this.opts.maxIntervalMs) : busy ? this.interval : this.opts.minIntervalMs;
    if (next === this.opts.maxIntervalMs && this.interval !== next) warnOnce('this page keeps changing: ScarCheck reads its updates less often');
    this.interval = next;
    this.lastRun = now;
    const changes = this.pending;
    this.pending = { nodes: new Set(), all: false };
    this.onSettled(changes);
  }
}
