/**
 * Everything the content script does on a page, with browser APIs injected by the entrypoint:
 *
 *   extract text ─> prefilter ─(no treatment words: stop)─> detect (background) ─> anchor
 *     ─> paint (CSS.highlights) ─> hover card (shadow root) + answers for the popup
 *
 * The page's <body> is never modified: highlights are paint only, the ::highlight() rules live in
 * an adopted stylesheet, and the UI host hangs off <html>. Pages that render or change their
 * text later (single-page apps, "load more") are analysed again once their DOM settles.
 *
 * The reader's settings decide whether the page is read at all (global pause, per-site off) and
 * which claims are underlined; a change applies at once, in every open tab. Focus moves only when
 * the reader runs a ScarCheck command (next / previous claim), and goes back when the card closes.
 */
import { render } from 'preact';
import type { DetectResponse, ClaimsResponse, JumpToResponse, NavigateResponse, ReportDraft } from '../messages/schemas';
import { MAX_TEXT } from '../messages/schemas';
import { warnOnce } from '../messages/log';
import { hasTreatmentVocabulary } from '../detect/prefilter';
import { t, tCount } from '../i18n';
import { tierOf, type Tier } from '../knowledge/ids';
import { DEFAULT_SETTINGS, tiersFor, type Settings } from '../settings/settings';
import { isSiteOff } from '../settings/sites';
import { PageLayer, type CardItem, type CardLayerProps } from '../ui/ClaimCard';
import { toRange, toStaticRange } from './anchor';
import { CardController } from './card-controller';
import { extractText, type ExtractedText } from './extract';
import { HitTester, contains, type Hit, type HitTarget } from './hit-test';
import { pickClaim, type Direction, type NavItem } from './navigate';
import { anchorClaims, summarize, toCardItem, treatmentsOf, type PageClaim } from './page-claims';
import { HIGHLIGHT_NAMES, Painter, TIERS, highlightApi, installHighlightStyles, type PaintItem } from './paint';
import { DomWatcher } from './watch';

/** The slice of WXT's ContentScriptContext we use (everything registered through it is undone on invalidation). */
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
  prefilter: RegExp;
  detect(text: string): Promise<DetectResponse>;
  resetBadge(): Promise<void>;
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
}

export interface ContentApp {
  /** Resolves once the page's current text has been analysed. */
  readonly ready: Promise<void>;
  getClaims(): Promise<ClaimsResponse>;
  jumpTo(index: number): Promise<JumpToResponse>;
  /** The next / previous claim command: scroll to it, open its card and focus the card. */
  navigate(direction: Direction): Promise<NavigateResponse>;
}

const EMPTY: ExtractedText = { text: '', runs: [] };

export function startContentApp(deps: ContentAppDeps): ContentApp {
  const { ctx, document: doc } = deps;
  const win = doc.defaultView!;
  const hostTag = deps.hostTag.toUpperCase();
  const host = win.location?.hostname ?? '';
  const api = highlightApi();
  const painter = api ? new Painter(api) : null;
  let removeStyles: (() => void) | null = null;

  // Results of the latest analysis.
  let status: ClaimsResponse['status'] = 'ok';
  let claims: PageClaim[] = [];
  let byIndex = new Map<number, PageClaim>();
  let tester = new HitTester([]);
  let lastText: string | null = null;
  /** Claims whose underline is painted (the only ones hovering opens). */
  let hoverable = new Set<number>();

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
    if (!hoverable.size) return { indices: [], rect: null };
    const hit = tester.at(x, y);
    const indices = hit.indices.filter((i) => hoverable.has(i));
    if (indices.length === hit.indices.length) return hit;
    const rect = indices.length ? tester.rectsOf(indices[0]!).find((r) => contains(r, x, y)) ?? null : null;
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
      rectsOf: (i) => tester.rectsOf(i),
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
      tester.invalidate();
      if (queued) return;
      queued = true;
      ctx.requestAnimationFrame(() => { queued = false; card.reposition(); });
    };
    ctx.addEventListener(win, 'scroll', onScroll, { passive: true, capture: true });
    ctx.addEventListener(win, 'resize', onScroll, { passive: true });
    return { container, uiHost, card };
  })());

  /** Reads the page, and (re)paints its claims if its text changed since the last time. */
  async function analyse(): Promise<void> {
    if (!isOn()) {
      // Paused or off on this site: nothing is read, marked or counted.
      lastText = null;
      if (status === 'off') return;
      publish('off', []);
      // Nothing to announce any more; switching back on announces the count again.
      live = '';
      announcedFor = null;
      draw();
      await deps.resetBadge().catch(() => undefined);
      return;
    }
    // XML and SVG documents have no body: nothing to read.
    const ext = doc.body ? extractText(doc.body, { skip: (el) => el.tagName === hostTag }) : EMPTY;
    if (ext.text === lastText) return;
    lastText = ext.text;
    if (!hasTreatmentVocabulary(deps.prefilter, ext.text)) {
      publish('no-vocabulary', []);
      await deps.resetBadge().catch(() => undefined);
      return;
    }
    const text = ext.text.length > MAX_TEXT ? ext.text.slice(0, MAX_TEXT) : ext.text;
    const res = await deps.detect(text);
    if (!ctx.isValid || lastText !== ext.text) return; // superseded
    if (!isOn()) return; // switched off while the background worked: the next run clears up
    publish('ok', anchorClaims(ext, res.claims, res.treatments));
    if (claims.length) {
      await ensureUi();
      announce();
    }
  }

  /** Tells screen-reader users, once per page (URL), how many claims ScarCheck found. */
  function announce(): void {
    const url = win.location?.href ?? '';
    if (announcedFor === url || !claims.length) return;
    announcedFor = url;
    const n = tCount(claims.length, 'live_claimOne', 'live_claimMany');
    const care = claims.filter((p) => tierOf(p.claim.verdict) !== 'green').length;
    // The region is already in the shadow root (ensureUi drew it empty): change its text later,
    // so screen readers notice the change.
    ctx.setTimeout(() => { live = care ? t('live_foundCare', n, care) : t('live_found', n); draw(); }, 250);
  }

  /** Makes a new set of claims current: paint, hit-testing, popup answers. */
  function publish(next: ClaimsResponse['status'], nextClaims: PageClaim[]): void {
    status = next;
    claims = nextClaims;
    byIndex = new Map(claims.map((p) => [p.index, p]));
    const targets: HitTarget[] = [];
    const items: PaintItem[] = [];
    const marked = markedTiers();
    hoverable = new Set();
    for (const p of claims) {
      if (!p.boundaries) continue;
      const tier = tierOf(p.claim.verdict);
      const range = api && marked.has(tier) ? toStaticRange(p.boundaries) : undefined;
      if (range) { items.push({ tier, range }); hoverable.add(p.index); }
      targets.push({ index: p.index, boundaries: p.boundaries, painted: range });
    }
    if (painter) {
      if (items.length && !removeStyles) removeStyles = installHighlightStyles(doc);
      painter.paint(items);
    } else if (claims.length) {
      warnOnce('CSS Custom Highlight API is missing: claims are listed in the popup but not marked on the page');
    }
    const ours = () => (api ? TIERS.map((t) => api.registry.get(HIGHLIGHT_NAMES[t])).filter((h): h is Highlight => !!h) : []);
    tester = new HitTester(targets, ours);
    void ui?.then(({ card }) => card.close());
  }

  /** Applies new settings: on/off reads or clears the page, a marks change repaints. */
  function applySettings(next: Settings): void {
    const wasOn = isOn();
    const marksBefore = marksKey(settings);
    settings = next;
    if (wasOn !== isOn()) { lastText = null; void run(); return; }
    if (isOn() && marksBefore !== marksKey(settings) && status === 'ok') publish(status, claims);
  }

  // Settings first (a site that is off is never read), then the page.
  let current: Promise<void> = deps.settings
    ? deps.settings.load().then((s) => { settings = s; }, () => undefined)
    : Promise.resolve();
  if (deps.settings) {
    const stop = deps.settings.watch((s) => applySettings(s));
    ctx.onInvalidated(stop);
  }

  /** Runs analyses one after another; a failure is logged and leaves the page untouched. */
  const run = () => {
    current = current.then(analyse).catch((err: unknown) => {
      status = 'error';
      warnOnce('could not analyse this page', err);
    });
    return current;
  };
  run();

  // Text that appears or changes later is analysed once the DOM settles.
  if (doc.body) {
    const watcher = new DomWatcher(doc.body, () => { void run(); }, {
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimeout: (id) => win.clearTimeout(id),
      now: () => win.performance.now(),
    });
    ctx.onInvalidated(() => watcher.stop());
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
    tester.invalidate();
    painter?.flash(toStaticRange(p.boundaries), 1500, (fn, ms) => ctx.setTimeout(fn, ms));
    const { uiHost, card } = await ensureUi();
    if (focus) {
      const active = doc.activeElement;
      // Remember the page's focus, not our own card's (a second command keeps the first origin).
      if (active !== uiHost) returnFocus = active;
      focusFor = { key: String(p.index), token: ++focusTokens };
    }
    lastVisited = p.index;
    card.openPinned([p.index], tester.rectsOf(p.index)[0] ?? rect);
  }

  const hasBoundaries = (p: PageClaim | undefined): p is PageClaim & { boundaries: NonNullable<PageClaim['boundaries']> } => !!p?.boundaries;

  return {
    get ready() { return current; },
    async getClaims() {
      // A change the popup just wrote may not have reached this tab's storage listener yet.
      if (deps.settings) applySettings(await deps.settings.load().catch(() => settings));
      await current;
      return { status, host, claims: summarize(claims), treatments: treatmentsOf(claims) };
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
      for (const p of [...claims].sort((a, b) => a.claim.start - b.claim.start || a.claim.end - b.claim.end)) {
        if (!p.boundaries || !tiers.has(tierOf(p.claim.verdict))) continue;
        const r = tester.rectsOf(p.index)[0];
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
