/**
 * Finding where a long page talks about scar treatments, cheaply, before any real reading:
 *
 *   every Text node (open shadow roots included) ─> the ones naming a treatment ─> their blocks
 *     ─> regions: runs of neighbouring blocks, cut into chunks of a few kB, with the text just
 *        before each chunk as context (so "it" in the next post still finds its treatment)
 *
 * Only the chunks are then extracted with computed styles and sent for detection; the rest of the
 * page is read once by a TreeWalker and never again. Pure DOM reads: nothing is changed.
 */

/** Elements that hold a unit of prose: a paragraph, a post, a list item, a heading. */
export const BLOCK_SELECTOR =
  'p,li,dd,dt,td,th,h1,h2,h3,h4,h5,h6,blockquote,figcaption,caption,summary,article,section,aside,main,header,footer,'
  + 'div,form,fieldset,details,dialog,address,nav,ul,ol,dl,table,tr,tbody,body';

/** Text inside these is never read (see extract.ts for the full rules, applied to chunks). */
const SKIP_SELECTOR =
  'script,style,noscript,template,textarea,input,select,option,code,pre,kbd,samp,svg,math,title,'
  + '[contenteditable]:not([contenteditable="false" i]),[hidden],[aria-hidden="true"]';

export interface PageTexts {
  nodes: Text[];
  /** Open shadow roots met on the way. */
  shadowRoots: ShadowRoot[];
  chars: number;
}

/**
 * Every Text node under `root` that is not just whitespace, open shadow roots included (where web
 * components keep their text). One TreeWalker pass; no styles.
 */
export function collectTexts(root: Node, skip?: (el: Element) => boolean, minLength = 3): PageTexts {
  const out: PageTexts = { nodes: [], shadowRoots: [], chars: 0 };
  for (const _ of walkTexts(root, out, skip, minLength, () => false)) { /* all in one go */ }
  return out;
}

/** The same walk in slices: it pauses whenever `due()` says the slice is used up. */
export async function collectTextsSliced(root: Node, due: () => boolean, pause: () => Promise<void>, skip?: (el: Element) => boolean): Promise<PageTexts> {
  const out: PageTexts = { nodes: [], shadowRoots: [], chars: 0 };
  for (const _ of walkTexts(root, out, skip, 3, due)) await pause();
  return out;
}

function* walkTexts(root: Node, out: PageTexts, skip: ((el: Element) => boolean) | undefined, minLength: number, due: () => boolean): Generator<void> {
  const doc = root.ownerDocument ?? (root as Document);
  const queue: Node[] = [root];
  let steps = 0;
  while (queue.length) {
    const start = queue.pop()!;
    if (start.nodeType === 3) {
      const t = start as Text;
      if (t.data.length >= minLength || t.data.trim()) { out.nodes.push(t); out.chars += t.data.length; }
      continue;
    }
    const walker = doc.createTreeWalker(start, 0x1 | 0x4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 3) {
        // Short texts count too ("E " in "vitamin <b>E </b>oil"), whitespace between tags does not.
        const data = (n as Text).data;
        if (data.length >= minLength || (data.length && data.trim())) { out.nodes.push(n as Text); out.chars += data.length; }
      } else {
        // Custom elements and a few built-in ones (div, span, section, p...) may host one.
        const sr = (n as Element).shadowRoot;
        if (sr && !skip?.(n as Element)) { out.shadowRoots.push(sr); queue.push(sr); }
      }
      // The walker stays valid across pauses (a node removed meanwhile is simply passed by).
      if ((++steps & 1023) === 0 && due()) yield;
    }
  }
}

/** Is this text inside something ScarCheck never reads (a script, an editor, code, our UI)? */
export function isSkipped(node: Node, skip?: (el: Element) => boolean): boolean {
  for (let el: Element | null = node.parentElement; el; ) {
    const hit = el.closest(SKIP_SELECTOR);
    if (hit) return true;
    if (skip) for (let a: Element | null = el; a; a = a.parentElement) if (skip(a)) return true;
    // Climb out of a shadow root to check its host too.
    const root = el.getRootNode();
    el = root && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
  }
  return false;
}

/**
 * Is this element (a region's root) out of the reader's sight or reach: inside something never
 * read, or not rendered (display: none or visibility: hidden on it or an ancestor)?
 */
export function isHiddenRoot(el: Element, skip?: (el: Element) => boolean): boolean {
  if (el.closest(SKIP_SELECTOR) || (el.firstChild && isSkipped(el.firstChild, skip))) return true;
  // display: contents has no box, so checkVisibility says false: ask the nearest ancestor with one.
  let box: Element | null = el;
  const view = el.ownerDocument.defaultView;
  while (box && view && view.getComputedStyle(box).display === 'contents') box = box.parentElement;
  if (!box) return false;
  const check = (box as Element & { checkVisibility?: (o?: { visibilityProperty?: boolean }) => boolean }).checkVisibility;
  return typeof check === 'function' ? !check.call(box, { visibilityProperty: true }) : false;
}

/** The block a Text node belongs to: its nearest block element, or the top element of its shadow tree. */
export function blockOf(node: Text): Element | null {
  const parent = node.parentElement;
  if (!parent) return null;
  const block = parent.closest(BLOCK_SELECTOR);
  if (block) return block;
  let top: Element = parent;
  while (top.parentElement) top = top.parentElement;
  return top;
}

/** Keeps only elements no other element in the set contains (a post and its paragraphs: the post). */
export function outermost(elements: Iterable<Element>): Element[] {
  const set = new Set(elements);
  const out: Element[] = [];
  for (const el of set) {
    let inner = false;
    for (let a = el.parentElement; a; a = a.parentElement) if (set.has(a)) { inner = true; break; }
    if (!inner) out.push(el);
  }
  return out;
}

/** Document order (shadow trees sort by their host's position). */
export function byDocumentOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  const pos = a.compareDocumentPosition(b);
  if (pos & 0x1) {
    // Different trees: compare the shadow hosts.
    const ha = hostChain(a), hb = hostChain(b);
    return byDocumentOrder(ha, hb) || (ha === a ? -1 : 1);
  }
  return pos & 0x4 ? -1 : pos & 0x2 ? 1 : 0;
}

function hostChain(n: Node): Node {
  let cur = n;
  for (let root = cur.getRootNode(); (root as ShadowRoot).host; root = cur.getRootNode()) cur = (root as ShadowRoot).host;
  return cur;
}

/**
 * Candidate blocks plus the `after` blocks that follow each (replies and "it" sentences after the
 * post that named the treatment), as runs of elements in document order. Runs that follow one
 * another with no text between (a post's last paragraphs, its footer, the next posts) are one
 * run while it holds at most `maxChars` characters: each run is read with context before it, so
 * on a page dense with treatment talk, runs cut at every level of markup would send much of the
 * page twice.
 */
export function regionsOf(blocks: Iterable<Element>, after = 3, covered?: (el: Element) => boolean, maxChars = 0): Element[][] {
  const chosen = new Set<Element>();
  for (const b of blocks) {
    if (covered?.(b)) continue;
    chosen.add(b);
    // The next blocks: siblings, or (a paragraph that ends its post) the posts after its own.
    let left = after;
    for (let cur: Element | null = b, level = 0; cur && left > 0 && level < 3; cur = cur.parentElement, level++) {
      if (cur.tagName === 'BODY') break;
      for (let sib = cur.nextElementSibling; sib && left > 0; sib = sib.nextElementSibling, left--) if (!covered?.(sib)) chosen.add(sib);
    }
  }
  // Blocks come in page order (from a TreeWalker), and so do the blocks after them: sort only
  // when that does not hold (compareDocumentPosition is the costly part on a long page).
  const els = outermost(chosen);
  for (let i = 1; i < els.length; i++) if (byDocumentOrder(els[i - 1]!, els[i]!) > 0) { els.sort(byDocumentOrder); break; }
  const runs: Element[][] = [];
  let runChars = 0;
  for (const el of els) {
    const run = runs[runs.length - 1];
    const chars = maxChars ? (el.textContent ?? '').length : 0;
    const last = run?.[run.length - 1];
    if (run && (last === el.previousElementSibling || (maxChars > 0 && runChars + chars <= maxChars && follows(last!, el)))) {
      run.push(el);
      runChars += chars;
    } else {
      runs.push([el]);
      runChars = chars;
    }
  }
  return runs;
}

/** Whitespace and comments between blocks: no text a reader sees. */
const isBlank = (n: Node) => n.nodeType === Node.COMMENT_NODE || (n.nodeType === Node.TEXT_NODE && !(n as Text).data.trim());

/** `b` comes right after `a` in the page, with nothing but whitespace between (at any depth). */
export function follows(a: Element, b: Element): boolean {
  for (let x: Node | null = b; x && x.nodeName !== 'BODY'; x = x.parentNode) {
    let prev = x.previousSibling;
    while (prev && isBlank(prev)) prev = prev.previousSibling;
    if (!prev) continue;
    // The previous content must end with `a`: `a` itself, or the last of its last children.
    for (let y: Node | null = prev; y; ) {
      if (y === a) return true;
      let last: Node | null = y.lastChild;
      while (last && isBlank(last)) last = last.previousSibling;
      y = last;
    }
    return false;
  }
  return false;
}

/**
 * Up to `max` characters of the text just before `el`: a few previous siblings, at its own level
 * and its parent's (a reply's thread title, the post before). Bounded, so a huge sidebar costs little.
 */
export function textBefore(el: Element, max = 600): string {
  const parts: string[] = [];
  let need = max;
  let cur: Element | null = el;
  for (let level = 0; level < 2 && cur && need > 0 && cur.tagName !== 'BODY'; level++, cur = cur.parentElement) {
    let seen = 0;
    for (let sib = cur.previousElementSibling; sib && need > 0 && seen < 3; sib = sib.previousElementSibling) {
      if (sib.matches(SKIP_SELECTOR)) continue;
      seen++;
      const t = (sib.textContent ?? '').slice(-4 * max).replace(/\s+/g, ' ').trim();
      if (!t) continue;
      parts.unshift(t.length > need ? t.slice(t.length - need) : t);
      need -= t.length;
    }
  }
  return parts.join('\n');
}
