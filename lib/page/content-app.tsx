/**
 * Everything the content script does on a page, with browser APIs injected by the entrypoint:
 *
 *   scanner (blocks naming a treatment ─> detect in the background, on-screen first)
 *     ─> anchor ─> paint (CSS.highlights) ─> hover card (shadow root) + answers for the popup
 *
 * The page's <body> is never modified: highlights are paint only, the ::highlight() rules live in
 * an adopted stylesheet, and the UI host hangs off <html>. Pages that render or change their
 * text later (single-page apps, "load more", frameworks re-rendering) have the changed blocks read
again once their DOM settles; a new route (history.pushState) starts the page over.
 *
 * The reader's settings decide whether the page is read at all (global pause, per-site off) and
 * which claims are underlined; a change applies at once, in every open tab. Focus moves only when
 * the reader runs a ScarCheck command (next / previous claim), and goes back when the card closes.
 */
import { render } from 'preact';
import type { ClaimsResponse, FrameClaimsRequest, JumpToResponse, NavigateResponse, ReportDraft } from '../messages/schemas';
import { warnOnce } from '../messages/log';
import { t, tCount } from '../i18n';
import { tierOf, type Tier } from '../knowledge/ids';
import { DEFAULT_SETTINGS, tiersFor, type Settings } from '../settings/settings';
import { isSiteOff } from '../settings/sites';
import { PageLayer, type CardItem, type CardLayerProps } from '../ui/ClaimCard';
import { toRange, toStaticRange } from './anchor';
import { CardController } from './card-controller';
import { countReadableFrames } from './frames';
import { byDocumentOrder } from './blocks';
import { HitTester, contains, type Hit, type HitTarget } from './hit-test';
import { pickClaim, type Direction, type NavItem } from './navigate';
import { summarize, toCardItem, treatmentsOf, type PageClaim } from './page-claims';
import { HIGHLIGHT_NAMES, Painter, TIERS, highlightApi, installHighlightStyles, installShadowHighlightStyles, type PaintItem } from './paint';
import { Scanner, type DetectBatch, type DetectItem, type ScannedClaim } from './scanner';
import { DomWatcher, type Changes } from './watch';
import { Nearby } from './nearby';
import { PaintQueue } from './paint-queue';

/** The slice of WXT's ContentScriptContext we use (everything registered through it is undone on invalidation). */
/** Claims scrolled near the viewport are painted this soon. */
const SCROLL_PAINT_MS = 80;
/** Above this many claims on a page, only those near the viewport are painted (see Nearby). */
const NEARBY_FROM = 600;

export interface PageContext {
  addEventListener(target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions): void;
  setTimeout(handler: () => void, ms?: number): number;
  requestAnimationFrame(cb: FrameRequestCallback): number;
  onInvalidated(cb: () => void): () => void;
  readonly isValid: boolean;
}

export interface ContentAppDeps {
  ctx: PageContext;
  document: Document;
  detect(items: DetectItem[], gate?: boolean): Promise<DetectBatch>;
  /** The prefilter over the page's Text nodes, in the background: indices of those naming a treatment. */
  findCandidates(texts: string[]): Promise<number[]>;
  /** Shows the number of questionable claims on the toolbar badge (0 clears it). */
  setBadge(count: number): Promise<void>;
  /** Creates ScarCheck's UI host (one element with an open shadow root outside <body>). */
  mountUi(): Promise<{ container: HTMLElement; host: Element }>;
  /** Tag name of the UI host, skipped by extraction. */
  hostTag: string;
  /** The reader's settings and their changes (storage.local). Absent: the defaults. */
  settings?: {
    load(): Promise<Settings>;
    watch(cb: (s: Settings) => void): () => void;
  };
  /** Stores a report of a note (the background keeps it on this device). Absent: no report button. */
  saveReport?(report: ReportDraft): Promise<boolean>;
  /**
   * In an embedded frame (read because the reader asked): receives the frame's claims whenever
   * they change, for the background (popup list, badge). Absent in the top frame.
   */
  report?(claims: Omit<FrameClaimsRequest, 'type'>): void;
}

export interface ContentApp {
  /** Resolves once the page's current text has been read and painted. */
  readonly ready: Promise<void>;
  getClaims(): Promise<ClaimsResponse>;
  jumpTo(index: number): Promise<JumpToResponse>;
  /** The next / previous claim command: scroll to it, open its card and focus the card. */
  navigate(direction: Direction): Promise<NavigateResponse>;
}

export function startContentApp(deps: ContentAppDeps): ContentApp {
  const { ctx, document: doc } = deps;
  const win = doc.defaultView!;
  const hostTag = deps.hostTag.toUpperCase();
  const host = win.location?.hostname ?? '';
  const api = highlightApi();
  const painter = api ? new Painter(api) : null;
  let removeStyles: (() => void) | null = null;

  // The claims on the page now, by index (indices only grow: the popup may hold an old one).
  let failed = false;
  const byIndex = new Map<number, PageClaim>();
  /** How many claims in byIndex are not green: the badge's number, kept as claims come and go (a page may hold 15,000). */
  let questionable = 0;
  const isQuestionable = (p: PageClaim) => tierOf(p.claim.verdict) !== 'green';
  const ofScanned = new Map<ScannedClaim, PageClaim>();
  let nextIndex = 0;
  let tester = new HitTester([]);
  /** Claims whose underline is painted (the only ones hovering opens), with their ranges. */
  const painted = new Map<number, AbstractRange>();
  /** Open shadow roots given the ::highlight() rules, with their undo. */
  const styledRoots = new Map<ShadowRoot, () => void>();

  let settings: Settings = DEFAULT_SETTINGS;
  const isOn = () => !settings.paused && !isSiteOff(settings.sitesOff, host);
  const markedTiers = (): ReadonlySet<Tier> => new Set(settings.marks ? tiersFor(settings.markTiers) : []);
  const marksKey = (s: Settings) => `${s.marks}:${s.markTiers}`;

  let ui: Promise<{ container: HTMLElement; uiHost: Element; card: CardController }> | null = null;

  // What the shadow root shows: the live region's text and the open card, if any.
  let live = '';
  let announcedFor: string | null = null;
  let cardProps: CardLayerProps | null = null;
  let cardKey = '';
  /** The card that should take focus (a command opened it), with its focus token. */
  let focusFor: { key: string; token: number } | null = null;
  let focusTokens = 0;
  /** Where focus was before a command moved it into the card; it goes back there on close. */
  let returnFocus: Element | null = null;
  /** The claim the last command or jump went to. */
  let lastVisited: number | null = null;
  let draw = () => {};

  ctx.onInvalidated(() => { painter?.clear(); removeStyles?.(); });

  const onReport = (item: CardItem, comment: string): Promise<boolean> =>
    deps.saveReport
      ? deps.saveReport({ text: item.text.slice(0, 2000), verdict: item.verdict, entryId: item.entryId, host, comment: comment.slice(0, 1000) })
      : Promise.resolve(false);

  /** Hit-testing restricted to painted claims (unmarked tiers are not hoverable). */
  const hitTest = (x: number, y: number): Hit => {
    if (!painted.size) return { indices: [], rect: null };
    const hit = hitTester().at(x, y);
    const indices = hit.indices.filter((i) => painted.has(i));
    if (indices.length === hit.indices.length) return hit;
    const rect = indices.length ? hitTester().rectsOf(indices[0]!).find((r) => contains(r, x, y)) ?? null : null;
    return rect ? { indices, rect } : { indices: [], rect: null };
  };

  /** Mounts the UI host and wires pointer and keyboard handling, once. */
  const ensureUi = () => (ui ??= (async () => {
    const { container, host: uiHost } = await deps.mountUi();
    const fromUi = (e: Event) => e.composedPath().includes(uiHost);
    const viewport = () => ({ width: doc.documentElement.clientWidth || win.innerWidth, height: win.innerHeight });
    const shadow = container.getRootNode() as ShadowRoot | Document;
    draw = () => render(<PageLayer live={live} card={cardProps} cardKey={cardKey} />, container);
    const card: CardController = new CardController({
      hitTest,
      rectsOf: (i) => hitTester().rectsOf(i),
      show: (indices, anchor) => {
        const items = indices.map((i) => byIndex.get(i)).filter((p): p is PageClaim => !!p).map(toCardItem);
        const a = { left: anchor.left, top: anchor.top, right: anchor.right, bottom: anchor.bottom };
        cardKey = indices.join(',');
        const focusToken = focusFor?.key === cardKey ? focusFor.token : 0;
        cardProps = { items, anchor: a, viewport, onPointerEnter: () => card.cardEnter(), onPointerLeave: () => card.cardLeave(), onReport, focusToken };
        draw();
      },
      hide: () => {
        const hadFocus = !!shadow.activeElement;
        cardProps = null;
        focusFor = null;
        draw();
        // Focus was in the card: give it back to where it was before a command took it.
        if (hadFocus) {
          const back = returnFocus as HTMLElement | null;
          if (back && back.isConnected && back !== doc.body && typeof back.focus === 'function') back.focus({ preventScroll: true });
          else (shadow.activeElement as HTMLElement | null)?.blur();
        }
        returnFocus = null;
      },
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimeout: (id) => win.clearTimeout(id),
      requestFrame: (fn) => { ctx.requestAnimationFrame(() => fn()); },
      viewport,
    });
    ctx.onInvalidated(() => render(null, container));
    // Focus inside the card keeps it open against pointer movement (typing a report).
    ctx.addEventListener(container, 'focusin', () => card.focusIn());
    ctx.addEventListener(container, 'focusout', (e) => {
      const next = (e as FocusEvent).relatedTarget as Node | null;
      if (!next || !container.contains(next)) card.focusOut();
    });
    draw();
    // Hover needs visible marks; without the Highlight API the card opens only from the popup.
    if (api) {
      ctx.addEventListener(doc, 'pointermove', (e) => {
        const p = e as PointerEvent;
        if (p.pointerType !== 'touch') card.pointerMove(p.clientX, p.clientY, fromUi(e));
      }, { passive: true, capture: true });
    }
    ctx.addEventListener(doc, 'pointerdown', (e) => {
      const p = e as PointerEvent;
      card.press(p.clientX, p.clientY, fromUi(e));
    }, { passive: true, capture: true });
    ctx.addEventListener(win, 'keydown', (e) => { card.key((e as KeyboardEvent).key); }, { passive: true, capture: true });
    let queued = false;
    const onScroll = () => {
      hitTester().invalidate();
      if (queued) return;
      queued = true;
      ctx.requestAnimationFrame(() => { queued = false; card.reposition(); });
    };
    ctx.addEventListener(win, 'scroll', onScroll, { passive: true, capture: true });
    ctx.addEventListener(win, 'resize', onScroll, { passive: true });
    uiHost.setAttribute('data-state', pending ? 'reading' : 'idle');
    return { container, uiHost, card };
  })());


  /** The claims in page order (shadow trees at their host's place). */
  function ordered(): PageClaim[] {
    const list = [...byIndex.values()];
    const key = (p: PageClaim) => p.boundaries?.startContainer;
    return list.sort((a, b) => {
      const na = key(a), nb = key(b);
      if (!na || !nb) return (na ? -1 : nb ? 1 : 0) || a.index - b.index;
      return byDocumentOrder(na, nb) || a.boundaries!.startOffset - b.boundaries!.startOffset || a.index - b.index;
    });
  }

  // A page with thousands of claims: every change to a highlight costs the browser time in
  // proportion to all ranges registered (~200 ms for 13,000), so only claims within a few screens
  // of the viewport are registered; scrolling brings the others in (an IntersectionObserver).
  const nearby = new Nearby(win, (enter, leave) => {
    const marked = markedTiers();
    for (const i of leave) { const r = painted.get(i); if (r) { painted.delete(i); queue?.remove(r); } }
    for (const i of enter) {
      const p = byIndex.get(i);
      if (!p || painted.has(i)) continue;
      const item = paintItem(p, marked);
      if (item) queue?.add(item);
    }
    rebuildTester();
    queue?.schedule(SCROLL_PAINT_MS);
  });

  /** Paints one claim if its tier is marked; returns the range registered. */
  function paintItem(p: PageClaim, marked: ReadonlySet<Tier>): PaintItem | null {
    if (!api || !p.boundaries) return null;
    const tier = tierOf(p.claim.verdict);
    if (!marked.has(tier)) return null;
    if (!nearby.admits(p.index, p.boundaries.startContainer.parentElement)) return null;
    const range = toStaticRange(p.boundaries);
    painted.set(p.index, range);
    // Text in a page's shadow root needs the rules in that root too.
    const root = p.boundaries.startContainer.getRootNode();
    if (root !== doc && (root as ShadowRoot).host && !styledRoots.has(root as ShadowRoot)) {
      styledRoots.set(root as ShadowRoot, installShadowHighlightStyles(root as ShadowRoot) ?? (() => undefined));
    }
    return { tier, range };
  }

  const ours = () => (api ? TIERS.map((t) => api.registry.get(HIGHLIGHT_NAMES[t])).filter((h): h is Highlight => !!h) : []);
  /** The hit-tester is rebuilt when next needed (batches can come in faster than the pointer moves). */
  let testerStale = false;
  function rebuildTester(): void { testerStale = true; }
  function hitTester(): HitTester {
    if (testerStale) {
      testerStale = false;
      const targets: HitTarget[] = [];
      for (const p of byIndex.values()) if (p.boundaries) targets.push({ index: p.index, boundaries: p.boundaries, painted: painted.get(p.index) });
      tester = new HitTester(targets, ours, undefined, undefined, () => [...styledRoots.keys()]);
    }
    return tester;
  }

  let badgeTimer: number | null = null;
  let badgeShown = -1;
  /** Keeps the badge at the number of questionable claims (coalesced: batches come in quick succession). */
  function updateBadge(): void {
    if (badgeTimer !== null) return;
    badgeTimer = ctx.setTimeout(() => {
      badgeTimer = null;
      const n = isOn() ? questionable : 0;
      if (n === badgeShown) return;
      badgeShown = n;
      void deps.setBadge(n).catch(() => undefined);
    }, 50);
  }

  let reportTimer: number | null = null;
  let reported = '';
  /** An embedded frame tells the background its claims (coalesced like the badge; only real changes). */
  function scheduleReport(): void {
    if (!deps.report || reportTimer !== null) return;
    reportTimer = ctx.setTimeout(() => {
      reportTimer = null;
      const list = isOn() ? ordered() : [];
      const st = status();
      const key = `${st}:${list.map((p) => `${p.index}${p.boundaries ? '' : '-'}`).join(',')}`;
      if (key === reported) return;
      reported = key;
      deps.report?.({ status: st, claims: summarize(list), treatments: treatmentsOf(list) });
    }, 100);
  }

  /** The scanner's news: claims to add and to take away. */
  function update(added: ScannedClaim[], removed: ScannedClaim[]): void {
    const gone: AbstractRange[] = [];
    const goneIndices = new Set<number>();
    for (const sc of removed) {
      const p = ofScanned.get(sc);
      if (!p) continue;
      ofScanned.delete(sc);
      if (byIndex.delete(p.index) && isQuestionable(p)) questionable--;
      nearby.forget(p.index);
      goneIndices.add(p.index);
      const r = painted.get(p.index);
      if (r) { gone.push(r); painted.delete(p.index); }
    }
    const items: PaintItem[] = [];
    if (isOn()) {
      const marked = markedTiers();
      if (!nearby.active && byIndex.size + added.length > NEARBY_FROM) nearby.start([...painted.keys()].map((i) => [i, byIndex.get(i)?.boundaries?.startContainer.parentElement ?? null] as const));
      for (const sc of added) {
        const p: PageClaim = { index: nextIndex++, ...sc };
        ofScanned.set(sc, p);
        byIndex.set(p.index, p);
        if (isQuestionable(p)) questionable++;
        const item = paintItem(p, marked);
        if (item) items.push(item);
      }
    }
    if (painter) {
      for (const r of gone) queue!.remove(r);
      for (const item of items) queue!.add(item);
      queue!.schedule();
    } else if (added.length) {
      warnOnce('CSS Custom Highlight API is missing: claims are listed in the popup but not marked on the page');
    }
    rebuildTester();
    updateBadge();
    scheduleReport();
    // A card whose claim went away closes; the others stay open while new claims come in.
    if (goneIndices.size) void ui?.then(({ card }) => { if (card.openIndices?.some((i) => goneIndices.has(i))) card.close(); });
    if (byIndex.size) void ensureUi();
  }

  const queue = painter
    ? new PaintQueue(painter, { setTimeout: (fn, ms) => ctx.setTimeout(fn, ms), clearTimeout: (id) => win.clearTimeout(id) },
      () => { removeStyles ??= installHighlightStyles(doc); })
    : null;

  /** Marks changed (tiers, on/off): paint every claim again. */
  function repaintAll(): void {
    queue?.clear();
    painted.clear();
    const marked = markedTiers();
    const items: PaintItem[] = [];
    for (const p of byIndex.values()) { const item = paintItem(p, marked); if (item) items.push(item); }
    if (painter) {
      if (items.length && !removeStyles) removeStyles = installHighlightStyles(doc);
      painter.paint(items);
    }
    rebuildTester();
    void ui?.then(({ card }) => card.close());
  }

  const scanner = new Scanner({
    doc,
    skip: (el) => el.tagName === hostTag,
    findCandidates: (texts) => deps.findCandidates(texts),
    detect: (items, gate) => deps.detect(items, gate),
    update: (added, removed) => { if (ctx.isValid) update(added, removed); },
    later: (fn, urgent) => {
      const run = () => { if (ctx.isValid) fn(); };
      const sched = (win as { scheduler?: { postTask?: (cb: () => void, o?: { priority?: string }) => Promise<unknown> } }).scheduler;
      if (urgent) {
        if (sched?.postTask) void sched.postTask(run, { priority: 'user-visible' }).catch(() => undefined);
        else ctx.setTimeout(run, 0);
        return;
      }
      const idle = (win as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle.call(win, run, { timeout: 50 });
      else ctx.setTimeout(run, 0);
    },
    afterFrame: (fn) => {
      // An idle period comes after the page's pending frame; a hidden tab may have none for long.
      let done = false;
      const go = () => { if (!done && ctx.isValid) { done = true; fn(); } };
      const idle = (win as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle.call(win, go, { timeout: 100 });
      else ctx.setTimeout(go, 0);
      ctx.setTimeout(go, 150);
    },
    now: () => win.performance.now(),
    onShadowRoot: (root) => watcher?.observe(root),
  });

  /** The address that makes a page (a single-page app's route), without the #fragment. */
  const routeOf = () => { const l = win.location; return l ? `${l.origin}${l.pathname}${l.search}` : ''; };
  let route = routeOf();

  /** Reads the page from scratch (load, switched on, new route). */
  function scanPage(): Promise<void> {
    failed = false;
    nearby.stop();
    route = routeOf();
    return track(scanner.scanAll().then(() => { if (!byIndex.size) updateBadge(); announce(); }));
  }

  /** Follows the page's changes: a new route starts over, otherwise only what changed is read. */
  function onChanges(changes: Changes): void {
    if (!isOn() || !ctx.isValid) return;
    if (routeOf() !== route || changes.all) { void scanPage(); return; }
    void track(scanner.rescan(changes.nodes).then(() => { if (!byIndex.size) updateBadge(); announce(); }));
  }

  /** ScarCheck switched off (paused, or this site): nothing read, marked or counted. */
  function switchOff(): void {
    scanner.reset();
    repaintAll();
    live = '';
    announcedFor = null;
    draw();
    badgeShown = -1;
    updateBadge();
    scheduleReport();
  }

  /** The latest work: getClaims and the commands wait for it. A failure leaves the page as it was. */
  let current: Promise<void> = Promise.resolve();
  let pending = 0;
  function track(p: Promise<void>): Promise<void> {
    if (!pending) queue?.restart();
    pending++;
    showState();
    current = p.catch((err: unknown) => { failed = true; warnOnce('could not analyse this page', err); })
      .finally(() => { if (!--pending) queue?.flushNow(); showState(); scheduleReport(); });
    return current;
  }
  /** Our own host says whether a reading is under way (for tests and the benchmark; the page's DOM is untouched). */
  function showState(): void {
    void ui?.then(({ uiHost }) => {
      uiHost.setAttribute('data-claims', String(byIndex.size));
      uiHost.setAttribute('data-state', pending ? 'reading' : 'idle');
    });
  }

  /** Tells screen-reader users, once per page (URL), how many claims ScarCheck found. */
  function announce(): void {
    const url = win.location?.href ?? '';
    if (announcedFor === url || !byIndex.size) return;
    announcedFor = url;
    const all = [...byIndex.values()];
    const n = tCount(all.length, 'live_claimOne', 'live_claimMany');
    const care = all.filter((p) => tierOf(p.claim.verdict) !== 'green').length;
    // The region is already in the shadow root (ensureUi drew it empty): change its text later,
    // so screen readers notice the change.
    ctx.setTimeout(() => { live = care ? t('live_foundCare', n, care) : t('live_found', n); draw(); }, 250);
  }

  /** Applies new settings: on/off reads or clears the page, a marks change repaints. */
  function applySettings(next: Settings): void {
    const wasOn = isOn();
    const marksBefore = marksKey(settings);
    settings = next;
    if (wasOn !== isOn()) {
      if (isOn()) void scanPage();
      else switchOff();
      return;
    }
    if (isOn() && marksBefore !== marksKey(settings)) repaintAll();
  }

  let watcher: DomWatcher | null = null;
  ctx.onInvalidated(() => { scanner.reset(); for (const undo of styledRoots.values()) undo(); });

  // Settings first (a site that is off is never read), then the page.
  const loaded: Promise<void> = deps.settings
    ? deps.settings.load().then((s) => { settings = s; }, () => undefined)
    : Promise.resolve();
  if (deps.settings) {
    const stop = deps.settings.watch((s) => applySettings(s));
    ctx.onInvalidated(stop);
  }
  track(loaded.then(() => (isOn() ? scanPage() : switchOff())));

  // Text that appears or changes later: the changed blocks are read once the DOM settles.
  if (doc.body) {
    watcher = new DomWatcher(doc.body, onChanges, {
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimeout: (id) => win.clearTimeout(id),
      now: () => win.performance.now(),
    });
    const w = watcher;
    ctx.onInvalidated(() => w.stop());
    // Back and forward in a single-page app may change the route before any DOM change.
    ctx.addEventListener(win, 'popstate', () => { if (isOn() && routeOf() !== route) void scanPage(); });
  }

  /** Scrolls claim `p` into view, flashes it and opens its card (focused when a command asked). */
  async function reveal(p: PageClaim & { boundaries: NonNullable<PageClaim['boundaries']> }, focus: boolean): Promise<void> {
    const range = toRange(p.boundaries);
    p.boundaries.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    // A long paragraph can be taller than the viewport: make sure the claim itself is in view.
    let rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > win.innerHeight) {
      win.scrollBy({ top: rect.top - win.innerHeight / 2 + rect.height / 2 });
      rect = range.getBoundingClientRect();
    }
    hitTester().invalidate();
    painter?.flash(toStaticRange(p.boundaries), 1500, (fn, ms) => ctx.setTimeout(fn, ms));
    const { uiHost, card } = await ensureUi();
    if (focus) {
      const active = doc.activeElement;
      // Remember the page's focus, not our own card's (a second command keeps the first origin).
      if (active !== uiHost) returnFocus = active;
      focusFor = { key: String(p.index), token: ++focusTokens };
    }
    lastVisited = p.index;
    card.openPinned([p.index], hitTester().rectsOf(p.index)[0] ?? rect);
  }

  const hasBoundaries = (p: PageClaim | undefined): p is PageClaim & { boundaries: NonNullable<PageClaim['boundaries']> } => !!p?.boundaries;

  /** What the popup shows as the page's state. */
  const status = (): ClaimsResponse['status'] =>
    !isOn() ? 'off' : failed ? 'error' : byIndex.size || scanner.sawVocabulary ? 'ok' : 'no-vocabulary';

  return {
    get ready() { return current; },
    async getClaims() {
      // A change the popup just wrote may not have reached this tab's storage listener yet.
      if (deps.settings) applySettings(await deps.settings.load().catch(() => settings));
      await current;
      const list = ordered();
      // Same-origin frames the popup may offer to read (left out when there are none).
      const frames = countReadableFrames(doc);
      return { status: status(), host, claims: summarize(list), treatments: treatmentsOf(list), ...(frames ? { frames } : {}) };
    },
    async jumpTo(index) {
      await current;
      const p = byIndex.get(index);
      if (!isOn() || !hasBoundaries(p)) return { ok: false };
      await reveal(p, false);
      return { ok: true };
    },
    async navigate(direction) {
      await current;
      if (!isOn()) return { ok: false };
      const tiers = new Set(tiersFor(settings.markTiers));
      const nav: NavItem[] = [];
      for (const p of ordered()) {
        if (!p.boundaries || !tiers.has(tierOf(p.claim.verdict))) continue;
        const r = hitTester().rectsOf(p.index)[0];
        if (r) nav.push({ index: p.index, top: r.top, bottom: r.bottom });
      }
      const open = (await ui)?.card.openIndices ?? null;
      const from = open?.[0] ?? lastVisited;
      const index = pickClaim(nav, from, !!open, direction, win.innerHeight);
      const p = index === null ? undefined : byIndex.get(index);
      if (!hasBoundaries(p)) return { ok: false };
      await reveal(p, true);
      return { ok: true, index: p.index };
    },
  };
}
