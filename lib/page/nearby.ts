/**
 * Which claims are near the viewport, for pages with so many claims that registering all their
 * ranges would make every highlight change slow (the browser re-checks all registered ranges).
 * Claims are grouped by the element their text starts in; an IntersectionObserver with a margin
 * of a few screens says which groups are near. Inactive (everything admitted) until started.
 */
const MARGIN = '300% 0px';

export class Nearby {
  active = false;
  private observer: IntersectionObserver | null = null;
  private near = new WeakSet<Element>();
  private claimsAt = new Map<Element, Set<number>>();
  private elementOf = new Map<number, Element>();

  constructor(
    private readonly win: Window,
    /** Claims that came near, and claims that went away from the viewport. */
    private readonly onChange: (enter: number[], leave: number[]) => void,
  ) {}

  /** Starts watching; `painted` are the claims painted so far, with their anchors (near until told otherwise). */
  start(painted: ReadonlyArray<readonly [number, Element | null]>): void {
    const IO = (this.win as Window & typeof globalThis).IntersectionObserver;
    if (this.active || !IO) return;
    this.active = true;
    this.observer = new IO((entries) => this.onEntries(entries), { rootMargin: MARGIN });
    for (const [index, el] of painted) if (el) { this.near.add(el); this.admits(index, el); }
  }

  /** May claim `index`, anchored at `el`, be painted now? Records it either way. */
  admits(index: number, el: Element | null): boolean {
    if (!this.active || !el) return true;
    if (!this.elementOf.has(index)) {
      this.elementOf.set(index, el);
      let set = this.claimsAt.get(el);
      if (!set) { set = new Set(); this.claimsAt.set(el, set); this.observer!.observe(el); }
      set.add(index);
    }
    return this.near.has(el);
  }

  /** The claim is gone from the page. */
  forget(index: number): void {
    const el = this.elementOf.get(index);
    if (!el) return;
    this.elementOf.delete(index);
    const set = this.claimsAt.get(el);
    set?.delete(index);
    if (set && !set.size) { this.claimsAt.delete(el); this.observer?.unobserve(el); }
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.active = false;
    this.near = new WeakSet();
    this.claimsAt.clear();
    this.elementOf.clear();
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    const enter: number[] = [];
    const leave: number[] = [];
    for (const e of entries) {
      const claims = [...(this.claimsAt.get(e.target) ?? [])];
      if (e.isIntersecting) { this.near.add(e.target); enter.push(...claims); }
      else { this.near.delete(e.target); leave.push(...claims); }
    }
    if (enter.length || leave.length) this.onChange(enter, leave);
  }
}
