/**
 * Everything the content script does on a page, with browser APIs injected by the entrypoint:
 *
 *   extract text ─> prefilter ─(no treatment words: stop)─> detect (background) ─> anchor
 *     ─> paint (CSS.highlights) ─> hover card (shadow root) + answers for the popup
 *
 * The page's <body> is never modified: highlights are paint only, the ::highlight() rules live in
 * an adopted stylesheet, and the UI host hangs off <html>. Pages that render or change their
 * text later (single-page apps, "load more") are analysed again once their DOM settles.
 */
import { render } from 'preact';
import type { DetectResponse, ClaimsResponse, JumpToResponse } from '../messages/schemas';
import { MAX_TEXT } from '../messages/schemas';
import { warnOnce } from '../messages/log';
import { hasTreatmentVocabulary } from '../detect/prefilter';
import { tierOf } from '../knowledge/ids';
import { CardLayer } from '../ui/ClaimCard';
import { toRange, toStaticRange } from './anchor';
import { CardController } from './card-controller';
import { extractText, type ExtractedText } from './extract';
import { HitTester, type HitTarget } from './hit-test';
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
}

export interface ContentApp {
  /** Resolves once the page's current text has been analysed. */
  readonly ready: Promise<void>;
  getClaims(): Promise<ClaimsResponse>;
  jumpTo(index: number): Promise<JumpToResponse>;
}

const EMPTY: ExtractedText = { text: '', runs: [] };

export function startContentApp(deps: ContentAppDeps): ContentApp {
  const { ctx, document: doc } = deps;
  const win = doc.defaultView!;
  const hostTag = deps.hostTag.toUpperCase();
  const api = highlightApi();
  const painter = api ? new Painter(api) : null;
  let removeStyles: (() => void) | null = null;

  // Results of the latest analysis.
  let status: ClaimsResponse['status'] = 'ok';
  let claims: PageClaim[] = [];
  let byIndex = new Map<number, PageClaim>();
  let tester = new HitTester([]);
  let lastText: string | null = null;

  let ui: Promise<{ container: HTMLElement; card: CardController }> | null = null;

  ctx.onInvalidated(() => { painter?.clear(); removeStyles?.(); });

  /** Mounts the UI host and wires pointer and keyboard handling, once. */
  const ensureUi = () => (ui ??= (async () => {
    const { container, host } = await deps.mountUi();
    const fromUi = (e: Event) => e.composedPath().includes(host);
    const viewport = () => ({ width: doc.documentElement.clientWidth || win.innerWidth, height: win.innerHeight });
    const card: CardController = new CardController({
      hitTest: (x, y) => tester.at(x, y),
      rectsOf: (i) => tester.rectsOf(i),
      show: (indices, anchor) => {
        const items = indices.map((i) => byIndex.get(i)).filter((p): p is PageClaim => !!p).map(toCardItem);
        const a = { left: anchor.left, top: anchor.top, right: anchor.right, bottom: anchor.bottom };
        render(<CardLayer items={items} anchor={a} viewport={viewport} onPointerEnter={() => card.cardEnter()} onPointerLeave={() => card.cardLeave()} />, container);
      },
      hide: () => render(null, container),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimeout: (id) => win.clearTimeout(id),
      requestFrame: (fn) => { ctx.requestAnimationFrame(() => fn()); },
      viewport,
    });
    ctx.onInvalidated(() => render(null, container));
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
    return { container, card };
  })());

  /** Reads the page, and (re)paints its claims if its text changed since the last time. */
  async function analyse(): Promise<void> {
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
    publish('ok', anchorClaims(ext, res.claims, res.treatments));
    if (claims.length) await ensureUi();
  }

  /** Makes a new set of claims current: paint, hit-testing, popup answers. */
  function publish(next: ClaimsResponse['status'], nextClaims: PageClaim[]): void {
    status = next;
    claims = nextClaims;
    byIndex = new Map(claims.map((p) => [p.index, p]));
    const targets: HitTarget[] = [];
    const items: PaintItem[] = [];
    for (const p of claims) {
      if (!p.boundaries) continue;
      const range = api ? toStaticRange(p.boundaries) : undefined;
      if (range) items.push({ tier: tierOf(p.claim.verdict), range });
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

  let current: Promise<void> = Promise.resolve();
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

  return {
    get ready() { return current; },
    async getClaims() {
      await current;
      return { status, claims: summarize(claims), treatments: treatmentsOf(claims) };
    },
    async jumpTo(index) {
      await current;
      const p = byIndex.get(index);
      if (!p?.boundaries) return { ok: false };
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
      const { card } = await ensureUi();
      card.openPinned([index], tester.rectsOf(index)[0] ?? rect);
      return { ok: true };
    },
  };
}
