/**
 * The page scan, block by block, for pages of any length and pages that keep changing.
 *
 * - A short page (up to SMALL_PAGE characters) is read whole, as the command-line scanner reads a
 *   file, so the detector sees all its context; its text goes with a gate (the background reads it
 *   only if it names a treatment), the top of the page first.
 * - A long page is read as regions: the blocks that name a treatment (found by the background's
 *   prefilter over every Text node, top of the page first) and the few blocks after each. Regions are
 *   extracted in small slices, those on screen first, and sent for detection in batches; each
 *   batch's claims are painted as soon as they come back.
 * - A change re-reads only the regions it touched and the subtrees it added. A region whose text
 *   comes back unchanged (a framework re-rendering the same list) is anchored again from the
 *   cache, without asking the background.
 */
import type { Claim } from '../detect/types';
import type { TreatmentInfo } from '../knowledge/cards';
import { boundariesFor, type TextBoundaries } from './anchor';
import { blockOf, collectTexts, collectTextsSliced, isHiddenRoot, isSkipped, regionsOf, textBefore } from './blocks';
import { extractText, type ExtractedText, type TextRun } from './extract';

/** Pages with at most this much text are read whole, like the CLI reads a file. */
export const SMALL_PAGE = 64_000;
/** A short page's first lines read on their own before the whole (about one screen). */
const QUICK_CHARS = 2_500;
/** Chunks sent for detection are cut after about this many characters. */
const CHUNK_CHARS = 4_000;
/** The first chunk of a long page, about a screen of text: it is read alone, so it comes back first. */
const FIRST_CHUNK_CHARS = 1_500;
/** Characters of context before each chunk (the end of the chunk before it). */
const CONTEXT_CHARS = 600;
/** Adjacent runs of candidate blocks are read as one region up to this size (see regionsOf). */
const REGION_MAX_CHARS = 12_000;
/** A batch for the background holds about this many characters. */
const BATCH_CHARS = 24_000;
/** Main-thread budget per slice of extraction, in ms. */
const SLICE_MS = 8;
/** Text nodes per find-candidates message. */
const PREFILTER_BATCH_CHARS = 256_000;
/** Text nodes repeated at the start of each prefilter batch (a treatment name split by inline markup). */
const BATCH_OVERLAP = 6;
/** The first batch of a long page (its top, where the reader is): small, so it comes back fast. */
const FIRST_PREFILTER_CHARS = 48_000;

export interface DetectItem { context: string; text: string }
export interface DetectBatch { results: Claim[][]; treatments: Record<string, TreatmentInfo>; vocabulary?: boolean }

export interface ScannedClaim {
  claim: Claim;
  treatment: TreatmentInfo;
  boundaries: TextBoundaries | null;
}

export interface ScannerDeps {
  doc: Document;
  /** Our own UI host and anything else never read. */
  skip: (el: Element) => boolean;
  /**
   * Indices of `texts` that name a treatment: the prefilter, in the background (its regex over
   * every alias costs ~25-45 ms per MB, and its alias list would double the content script).
   */
  findCandidates(texts: string[]): Promise<number[]>;
  /** With `gate`, the background reads the items only if they name a treatment (`vocabulary` says). */
  detect(items: DetectItem[], gate?: boolean): Promise<DetectBatch>;
  /** New claims to show, claims to take away. */
  update(added: ScannedClaim[], removed: ScannedClaim[]): void;
  /**
   * Runs `fn` in a later task: soon when `urgent` (the reader is waiting for the first marks),
   * else in idle time where the browser has it.
   */
  later(fn: () => void, urgent?: boolean): void;
  /** Runs `fn` once the page has rendered a frame (its own style and layout are done by then). */
  afterFrame(fn: () => void): void;
  now(): number;
  /** An open shadow root was found (changes inside it must be watched too). */
  onShadowRoot?(root: ShadowRoot): void;
}

interface Region {
  elements: Element[];
  claims: ScannedClaim[];
  /** Whole-page region (short pages): its element is <body>. */
  whole: boolean;
}

interface Chunk { region: Region; ext: ExtractedText; context: string }

const EMPTY_TREATMENT = (id: Claim['treatment']): TreatmentInfo => ({
  id, name: id, card: { summary: '', helps: '', improvement: '', duration: '', sessions: '', downtime: '', risks: '', darkerSkin: '', grade: 'none', sources: [] },
});

/** The first lines of a page's text (about `max` characters, cut at a line end), or null when the page is not much longer. */
function headOf(ext: ExtractedText, max: number): ExtractedText | null {
  if (ext.text.length < max * 2) return null;
  const cut = ext.text.indexOf('\n', max);
  if (cut < 0 || cut > max * 1.5) return null;
  const runs: TextRun[] = [];
  for (const r of ext.runs) {
    if (r.start >= cut) break;
    runs.push(r.start + r.length <= cut ? r : { ...r, length: cut - r.start });
  }
  return { text: ext.text.slice(0, cut), runs };
}

/** Joins the extracted text of consecutive elements with "\n", as one extraction of them would. */
function joinExtracts(parts: ExtractedText[]): ExtractedText {
  if (parts.length === 1) return parts[0]!;
  const texts: string[] = [];
  const runs: TextRun[] = [];
  let at = 0;
  for (const p of parts) {
    if (!p.text) continue;
    if (texts.length) { texts.push('\n'); at += 1; }
    for (const r of p.runs) runs.push({ ...r, start: r.start + at });
    texts.push(p.text);
    at += p.text.length;
  }
  return { text: texts.join(''), runs };
}

export class Scanner {
  private regions = new Set<Region>();
  private regionOf = new WeakMap<Element, Region>();
  private generation = 0;
  private work: Promise<void> = Promise.resolve();
  private cache = new Map<string, { claims: Claim[]; treatments: Record<string, TreatmentInfo> }>();
  /** Did any text name a treatment (the popup's "nothing about scar treatments here")? */
  sawVocabulary = false;

  constructor(private readonly deps: ScannerDeps) {}

  /** Resolves when everything queued so far has been read and painted. */
  get idle(): Promise<void> { return this.work; }

  /** Forgets every region and claim (the page went away, or ScarCheck was switched off). */
  reset(): void {
    this.generation++;
    const removed = [...this.regions].flatMap((r) => r.claims);
    this.regions.clear();
    this.regionOf = new WeakMap();
    this.sawVocabulary = false;
    if (removed.length) this.deps.update([], removed);
  }

  /** Reads the whole page from scratch. */
  scanAll(): Promise<void> {
    this.reset();
    const gen = this.generation;
    return this.enqueue(async () => {
      this.urgent = true;
      // Reading styles before the page's first frame would pay for its first style and layout.
      await new Promise<void>((r) => this.deps.afterFrame(r));
      const body = this.deps.doc.body;
      if (!body || gen !== this.generation) return;
      let sliceStart = this.deps.now();
      const texts = await collectTextsSliced(body, () => this.deps.now() - sliceStart > SLICE_MS, async () => {
        await this.pause();
        sliceStart = this.deps.now();
      }, this.deps.skip);
      if (gen !== this.generation) return;
      for (const sr of texts.shadowRoots) this.deps.onShadowRoot?.(sr);
      if (texts.chars <= SMALL_PAGE) {
        await this.readWhole(body, gen);
        // Web components keep their text in shadow roots, which a whole-page read does not enter.
        if (texts.shadowRoots.length) await this.readRoots(texts.shadowRoots, gen);
        return;
      }
      await this.readTexts(texts.nodes, gen);
    });
  }

  /**
   * Re-reads what changed: `nodes` were added or had their text changed. Regions they fall in
   * are dropped and read again, as are regions whose elements left the page.
   */
  rescan(nodes: Iterable<Node>): Promise<void> {
    const gen = this.generation;
    return this.enqueue(async () => {
      const dirty = new Set<Region>();
      const roots = new Set<Node>();
      for (const n of nodes) {
        if (!n.isConnected) continue;
        const r = this.regionContaining(n);
        if (r) dirty.add(r);
        else roots.add(n);
      }
      for (const r of this.regions) if (!r.elements.every((el) => el.isConnected)) dirty.add(r);
      let whole = false;
      // The claims of re-read regions stay painted until the new reading is in: those found again
      // at the same place are kept as they are (no flicker), the rest go at the end.
      const stale: ScannedClaim[] = [];
      this.reuse = new Map();
      for (const r of dirty) {
        this.dropRegion(r);
        if (r.whole) whole = true;
        for (const el of r.elements) if (el.isConnected) roots.add(el);
        for (const c of r.claims) {
          const start = c.boundaries?.startContainer;
          if (!start?.isConnected) { stale.push(c); continue; }
          const list = this.reuse.get(start) ?? [];
          list.push(c);
          this.reuse.set(start, list);
        }
      }
      if (stale.length) this.deps.update([], stale);
      try {
        await this.reread(roots, whole, gen);
      } finally {
        const left = [...(this.reuse?.values() ?? [])].flat();
        this.reuse = null;
        if (left.length && gen === this.generation) this.deps.update([], left);
      }
    });
  }

  /** Old claims that may be found again, by the Text node they start in (during a rescan). */
  private reuse: Map<Text, ScannedClaim[]> | null = null;

  private takeReusable(c: ScannedClaim): ScannedClaim | null {
    const b = c.boundaries;
    const list = b && this.reuse?.get(b.startContainer);
    if (!b || !list) return null;
    const i = list.findIndex((o) => o.boundaries!.startOffset === b.startOffset && o.boundaries!.endContainer === b.endContainer
      && o.boundaries!.endOffset === b.endOffset && o.claim.entryId === c.claim.entryId && o.claim.verdict === c.claim.verdict);
    return i < 0 ? null : list.splice(i, 1)[0]!;
  }

  /** Reads `roots` again (or the whole short page), once their old regions are gone. */
  private async reread(roots: Set<Node>, whole: boolean, gen: number): Promise<void> {
    if (whole) {
      // A short page is read whole again, unless it has grown long.
      const body = this.deps.doc.body;
      if (!body) return;
      const texts = collectTexts(body, this.deps.skip);
      for (const sr of texts.shadowRoots) this.deps.onShadowRoot?.(sr);
      if (texts.chars <= SMALL_PAGE) {
        await this.readWhole(body, gen);
        if (texts.shadowRoots.length) await this.readRoots(texts.shadowRoots, gen);
        return;
      }
      await this.readTexts(texts.nodes.filter((t) => !this.regionContaining(t)), gen);
      return;
    }
    const nodesToRead: Text[] = [];
    for (const root of roots) {
      if (this.regionContaining(root)) continue;
      const t = collectTexts(root, this.deps.skip);
      nodesToRead.push(...t.nodes);
      for (const sr of t.shadowRoots) this.deps.onShadowRoot?.(sr);
    }
    await this.readTexts(nodesToRead, gen);
  }

  /** Reads the text of open shadow roots found later (a web component that rendered late). */
  private readRoots(roots: ShadowRoot[], gen: number): Promise<void> {
    const nodes: Text[] = [];
    for (const r of roots) nodes.push(...collectTexts(r, this.deps.skip).nodes);
    return this.readTexts(nodes, gen);
  }

  /** Until a reading has sent its first text for detection, its pauses are short. */
  private urgent = false;
  private pause(): Promise<void> {
    return new Promise<void>((r) => this.deps.later(r, this.urgent));
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.work.then(job);
    // A failed job must not block the next one; the caller sees the failure.
    this.work = run.catch(() => undefined);
    return run;
  }

  private regionContaining(n: Node): Region | null {
    let el: Element | null = n.nodeType === 1 ? (n as Element) : n.parentElement;
    // The whole-page read of <body> does not enter shadow roots, so it does not cover them.
    let crossed = false;
    while (el) {
      const r = this.regionOf.get(el);
      if (r && !(crossed && r.whole)) return r;
      const parent: Element | null = el.parentElement;
      if (parent) { el = parent; continue; }
      const root = el.getRootNode() as ShadowRoot;
      el = root.host ?? null;
      crossed = true;
    }
    return null;
  }

  private addRegion(r: Region): void {
    this.regions.add(r);
    for (const el of r.elements) this.regionOf.set(el, r);
  }

  private dropRegion(r: Region): void {
    this.regions.delete(r);
    for (const el of r.elements) if (this.regionOf.get(el) === r) this.regionOf.delete(el);
  }

  /** A short page: one extraction of <body>; its top is read first, then the whole text, as the CLI reads it. */
  private async readWhole(body: HTMLElement, gen: number): Promise<void> {
    const region: Region = { elements: [body], claims: [], whole: true };
    this.addRegion(region);
    // The text goes with a gate: the background's prefilter decides whether to read it at all.
    const ext = extractText(body, { skip: this.deps.skip });
    this.urgent = false;
    if (!ext.text.trim()) return;
    const head = headOf(ext, QUICK_CHARS);
    // The top of the page (what the reader sees first) is read on its own first, then the whole
    // page; marks the whole reading confirms stay as they are, the others are replaced.
    const headNamed = head ? await this.detectChunks([{ region, ext: head, context: '' }], gen, true) : false;
    if (gen !== this.generation) return;
    if (!headNamed) {
      // No treatment on top (or a page too short to split): the whole text, gated.
      if (await this.detectChunks([{ region, ext, context: '' }], gen, true)) this.sawVocabulary = true;
      return;
    }
    this.sawVocabulary = true;
    const quick = region.claims.splice(0);
    const own = !this.reuse;
    const pool = (this.reuse ??= new Map());
    for (const c of quick) {
      const start = c.boundaries?.startContainer;
      if (start) pool.set(start, [...(pool.get(start) ?? []), c]);
    }
    try {
      await this.detectChunks([{ region, ext, context: '' }], gen);
    } finally {
      const kept = new Set(region.claims);
      const left = quick.filter((c) => !kept.has(c));
      for (const c of left) {
        const list = c.boundaries ? pool.get(c.boundaries.startContainer) : undefined;
        if (list?.includes(c)) list.splice(list.indexOf(c), 1);
      }
      if (own) this.reuse = null;
      if (left.length && gen === this.generation) this.deps.update([], left);
    }
  }

  /**
   * A long page or a change: prefilter these Text nodes, then read the regions around the hits,
   * batch by batch in page order (the rest of the page is filtered while its top is read).
   */
  private async readTexts(nodes: Text[], gen: number): Promise<void> {
    // The top of the page first, in a small batch: its regions go out for detection before the
    // rest of the page is even filtered (the background answers messages in order).
    let i = 0;
    let size = 0;
    while (i < nodes.length && size < FIRST_PREFILTER_CHARS) size += nodes[i++]!.data.length;
    const top = await this.candidates(nodes.slice(0, i));
    if (gen !== this.generation) return;
    // The rest is filtered while the top is read, once the top's first chunk has gone out (the
    // background answers in order): its detector then never waits for the next regions.
    let markTopSent!: () => void;
    const topSent = new Promise<void>((resolve) => { markTopSent = resolve; });
    const topRead = this.readHits(top, true, gen, markTopSent);
    await Promise.race([topSent, topRead]);
    if (gen !== this.generation || i >= nodes.length) { await topRead; return; }
    // The rest starts a few nodes back: a name split over nodes at the cut is then seen whole.
    const rest = this.candidateBatches(nodes.slice(Math.max(0, i - BATCH_OVERLAP)));
    await topRead;
    for (const batch of await rest) {
      const hits = await batch;
      if (gen !== this.generation) return;
      await this.readHits(hits, false, gen);
    }
  }

  private async readHits(hits: Text[], first: boolean, gen: number, onSent?: () => void): Promise<void> {
    const blocks = new Set<Element>();
    let sliceStart = this.deps.now();
    for (const t of hits) {
      if (this.deps.now() - sliceStart > SLICE_MS) {
        await this.pause();
        if (gen !== this.generation) return;
        sliceStart = this.deps.now();
      }
      if (!t.isConnected || isSkipped(t, this.deps.skip)) continue;
      const b = blockOf(t);
      if (b) blocks.add(b);
    }
    if (!blocks.size) return;
    this.sawVocabulary = true;
    const runs = regionsOf(blocks, 3, (el) => !!this.regionContaining(el), REGION_MAX_CHARS);
    const regions = runs.map((elements): Region => ({ elements, claims: [], whole: false }));
    // A new region may enclose old ones (text added straight into a post): the new one replaces them.
    if (this.regions.size) {
      const removed: ScannedClaim[] = [];
      const fresh = new Set(regions.flatMap((r) => r.elements));
      // An old region's first block with an ancestor among the new regions' blocks.
      const enclosed = (el: Element) => { for (let a = el.parentElement; a; a = a.parentElement) if (fresh.has(a)) return true; return false; };
      for (const old of [...this.regions]) {
        if (enclosed(old.elements[0]!)) {
          this.dropRegion(old);
          removed.push(...old.claims);
        }
      }
      if (removed.length) this.deps.update([], removed);
    }
    for (const r of regions) this.addRegion(r);
    const order = first ? await this.visibleFirst(regions) : { regions, visible: 0 };
    await this.readRegions(order.regions, order.visible, gen, onSent);
  }

  private async candidates(nodes: Text[]): Promise<Text[]> {
    const out: Text[] = [];
    for (const batch of await this.candidateBatches(nodes)) out.push(...await batch);
    return out;
  }

  /** Sends the texts to the background's prefilter in batches, one task each (each send serialises its texts on this thread). */
  private async candidateBatches(nodes: Text[]): Promise<Array<Promise<Text[]>>> {
    const answers: Array<Promise<Text[]>> = [];
    for (let i = 0; i < nodes.length; ) {
      if (i > 0) await this.pause();
      const batch: string[] = [];
      let size = 0;
      // Each batch repeats the last few nodes of the one before (a name split by markup at the cut).
      const from = Math.max(0, i - (i > 0 ? BATCH_OVERLAP : 0));
      for (let k = from; k < i; k++) batch.push(nodes[k]!.data);
      while (i < nodes.length && (size < PREFILTER_BATCH_CHARS || !batch.length)) { const d = nodes[i++]!.data; batch.push(d); size += d.length; }
      answers.push(this.deps.findCandidates(batch).then((ks) => ks.map((k) => nodes[from + k]!).filter(Boolean)));
    }
    return answers;
  }

  /**
   * Regions on screen first (in page order), then the rest in page order. Asked of an
   * IntersectionObserver, which answers with the next frame instead of forcing a layout now.
   */
  private visibleFirst(regions: Region[]): Promise<{ regions: Region[]; visible: number }> {
    const IO = (this.deps.doc.defaultView as (Window & typeof globalThis) | null)?.IntersectionObserver;
    if (!IO) return Promise.resolve({ regions, visible: 0 });
    return new Promise((resolve) => {
      // A region's first and last blocks: one of them is on screen when any of it is, bar a region taller than the screen.
      const byEl = new Map<Element, Region>();
      for (const r of regions) { byEl.set(r.elements[0]!, r); byEl.set(r.elements.at(-1)!, r); }
      let done = false;
      const io = new IO((entries) => {
        if (done) return;
        done = true;
        io.disconnect();
        const on = new Set<Region>();
        for (const e of entries) if (e.isIntersecting) on.add(byEl.get(e.target)!);
        resolve({ regions: [...regions.filter((r) => on.has(r)), ...regions.filter((r) => !on.has(r))], visible: on.size });
      });
      for (const el of byEl.keys()) io.observe(el);
      // A tab that renders no frames (hidden) never answers: page order then.
      this.deps.afterFrame(() => this.deps.later(() => { if (!done) { done = true; io.disconnect(); resolve({ regions, visible: 0 }); } }));
    });
  }

  /** Extracts regions in slices and sends them in batches; at most two batches in flight. */
  private async readRegions(regions: Region[], visible: number, gen: number, onSent?: () => void): Promise<void> {
    const inFlight: Promise<void>[] = [];
    let batch: Chunk[] = [];
    let batchChars = 0;
    let sliceStart = this.deps.now();
    let first = true;
    const flush = async () => {
      if (!batch.length) return;
      const send = batch;
      batch = [];
      batchChars = 0;
      this.urgent = false;
      inFlight.push(this.detectChunks(send, gen).then(() => undefined));
      onSent?.();
      if (inFlight.length >= 2) await inFlight.shift();
    };
    let index = 0;
    for (const region of regions) {
      if (gen !== this.generation) return;
      index++;
      let parts: ExtractedText[] = [];
      let chars = 0;
      let context = textBefore(region.elements[0]!, CONTEXT_CHARS);
      const close = () => {
        if (!chars) return;
        const ext = joinExtracts(parts);
        batch.push({ region, ext, context });
        batchChars += ext.text.length;
        context = ext.text.slice(-CONTEXT_CHARS);
        parts = [];
        chars = 0;
      };
      for (const el of region.elements) {
        if (!el.isConnected || isHiddenRoot(el, this.deps.skip)) continue;
        const ext = extractText(el, { skip: this.deps.skip });
        if (ext.text) { parts.push(ext); chars += ext.text.length + 1; }
        if (chars >= (first ? FIRST_CHUNK_CHARS : CHUNK_CHARS)) {
          close();
          // The first chunk (the top of what is on screen) goes out alone, so it comes back first.
          if (first) { first = false; await flush(); }
        }
        if (this.deps.now() - sliceStart > SLICE_MS) {
          // Let the page breathe. The chunk being built is not cut here: chunks depend on the text
          // alone, not on how busy the machine was, so a re-rendered region finds them in the cache.
          if (batchChars >= BATCH_CHARS) await flush();
          await this.pause();
          if (gen !== this.generation) return;
          sliceStart = this.deps.now();
        }
      }
      close();
      // What is on screen goes out on its own, so it comes back first.
      if (index === visible || batchChars >= BATCH_CHARS) { first = false; await flush(); }
    }
    await flush();
    await Promise.all(inFlight);
  }

  /** Detects the chunks (from the cache where it can) and anchors their claims. With `gate`: false when no chunk named a treatment. */
  private async detectChunks(chunks: Chunk[], gen: number, gate = false): Promise<boolean> {
    const keyOf = (c: Chunk) => `${c.context}\u0001${c.ext.text}`;
    const todo = chunks.filter((c) => !this.cache.has(keyOf(c)));
    if (todo.length) {
      const res = await this.deps.detect(todo.map((c) => ({ context: c.context, text: c.ext.text })), gate || undefined);
      if (gate && res.vocabulary === false) return false;
      todo.forEach((c, i) => this.remember(keyOf(c), { claims: res.results[i] ?? [], treatments: res.treatments }));
    }
    if (gen !== this.generation) return true;
    const added: ScannedClaim[] = [];
    for (const c of chunks) {
      if (!this.regions.has(c.region)) continue; // dropped by a change meanwhile
      const hit = this.cache.get(keyOf(c))!;
      for (const claim of hit.claims) {
        const sc: ScannedClaim = {
          claim,
          treatment: hit.treatments[claim.treatment] ?? EMPTY_TREATMENT(claim.treatment),
          boundaries: boundariesFor(c.ext, claim.start, claim.end),
        };
        const old = this.takeReusable(sc);
        c.region.claims.push(old ?? sc);
        if (!old) added.push(sc);
      }
    }
    if (added.length) this.deps.update(added, []);
    return true;
  }

  private remember(key: string, value: { claims: Claim[]; treatments: Record<string, TreatmentInfo> }): void {
    if (this.cache.size >= 400) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
  }
}
