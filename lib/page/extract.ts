/**
 * Page text extraction: the visible text of a subtree as one string, the way a reader sees it,
 * with a map from every character back to the DOM.
 *
 * - Text of different block-level elements is separated by exactly one "\n"; nothing is inserted
 *   inside an inline run, so "a <b>scar</b> cream" stays one sentence.
 * - Whitespace collapses the way `white-space: normal` renders it: runs of spaces, tabs and
 *   source newlines become one space, and spaces at the start and end of a line disappear.
 * - Form fields, editable regions, code, scripts, hidden subtrees and our own UI are skipped, so
 *   the detector never sees text the reader does not (or text the user is typing).
 *
 * A page made of one block element per line of a .txt file therefore extracts to the file's lines
 * joined by "\n" (blank lines aside), and the detector finds the same claims on the page as the
 * CLI does on the file.
 */

/** A stretch of the extracted text copied 1:1 from one Text node. */
export interface TextRun {
  /** Offset of the run's first character in the extracted text. */
  start: number;
  length: number;
  node: Text;
  /** Offset of the run's first character in node.data. */
  offset: number;
}

export interface ExtractedText {
  text: string;
  /**
   * Sorted by start, non-overlapping. Every character of `text` lies in exactly one run, except the
   * "\n" separators inserted at block boundaries, which belong to no node.
   */
  runs: TextRun[];
}

export interface ExtractOptions {
  /** Extra elements to skip with their subtree (e.g. our own UI host). */
  skip?: (el: Element) => boolean;
  /**
   * Computed style lookup for display/visibility/white-space. Defaults to the root's window; pass
   * null to rely on tag names, attributes and inline style="" only (static HTML).
   */
  getComputedStyle?: ((el: Element) => Pick<CSSStyleDeclaration, 'display' | 'visibility' | 'whiteSpace'>) | null;
}

/** Subtrees whose text is never prose the reader is reading. */
const SKIP_TAGS = new Set([
  'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'OPTGROUP', 'CODE', 'PRE', 'SCRIPT', 'STYLE', 'NOSCRIPT',
  'TEMPLATE', 'SVG', 'IFRAME', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT', 'EMBED', 'MATH', 'HEAD', 'TITLE',
  'KBD', 'SAMP', 'DATALIST',
]);

/** Elements that start a new line whatever their computed display says. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG',
  'DIR', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'BR',
]);

/** Computed display values that render inline (everything else starts a new line). */
const INLINE_DISPLAYS = new Set(['', 'inline', 'inline-block', 'inline-flex', 'inline-grid', 'inline-table', 'contents', 'ruby', 'ruby-text']);

type WhiteSpace = 'collapse' | 'pre-line' | 'pre';

function whiteSpaceMode(value: string | undefined, inherited: WhiteSpace): WhiteSpace {
  switch (value) {
    case 'pre': case 'pre-wrap': case 'break-spaces': return 'pre';
    case 'pre-line': return 'pre-line';
    case 'normal': case 'nowrap': return 'collapse';
    default: return inherited;
  }
}

/** contenteditable="" and "true" and "plaintext-only" all make a region editable; only "false" does not. */
function isEditable(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  return v !== null && v.toLowerCase() !== 'false';
}

/**
 * Whitespace that `white-space: normal` collapses or drops (not U+00A0, which renders as a real
 * space): runs of two or more, any tab or newline, and a space at either end of a text node. A
 * lone space between two words renders as itself and is copied through.
 */
const BREAKING_SPACE = /[ \t\n\r\f]{2,}|[\t\n\r\f]|^ | $/g;

/**
 * Extracts the rendered text of `root` with an offset map back to its Text nodes.
 * Pure apart from reading the DOM (and computed styles when available); never mutates anything.
 */
export function extractText(root: Element, options: ExtractOptions = {}): ExtractedText {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  const styleOf = options.getComputedStyle === undefined
    ? (view?.getComputedStyle ? (el: Element) => view.getComputedStyle(el) : null)
    : options.getComputedStyle;
  const skip = options.skip;

  const parts: string[] = [];
  const runs: TextRun[] = [];
  let length = 0;
  let lastChar = '\n'; // treat the start as a line start
  let pendingBreak = false;
  let pendingSpace: { node: Text; offset: number } | null = null;

  const push = (s: string, node: Text | null, offset: number) => {
    if (node) {
      const last = runs[runs.length - 1];
      if (last && last.node === node && last.offset + last.length === offset && last.start + last.length === length) last.length += s.length;
      else runs.push({ start: length, length: s.length, node, offset });
    }
    parts.push(s);
    length += s.length;
    lastChar = s[s.length - 1]!;
  };
  /** Called before emitting visible characters: settles a pending line break or space. */
  const settle = () => {
    if (pendingBreak) {
      if (length > 0 && lastChar !== '\n') push('\n', null, 0);
      pendingBreak = false;
      pendingSpace = null;
    } else if (pendingSpace) {
      if (lastChar !== '\n' && lastChar !== ' ') push(' ', pendingSpace.node, pendingSpace.offset);
      pendingSpace = null;
    }
  };
  const lineBreak = () => { pendingBreak = true; pendingSpace = null; };

  // Per-element facts decided when the walker first meets the element.
  const blockish = new WeakSet<Element>();
  const modeOf = new WeakMap<Element, WhiteSpace>();

  const rejects = (el: Element): boolean => {
    if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || isEditable(el)) return true;
    if (skip?.(el)) return true;
    // A closed <details> renders only its <summary>.
    const parent = el.parentElement;
    if (parent && parent.tagName === 'DETAILS' && !parent.hasAttribute('open') && el.tagName !== 'SUMMARY') return true;
    return false;
  };

  const classify = (el: Element, parentMode: WhiteSpace): boolean => {
    const tag = el.tagName.toUpperCase();
    let block = BLOCK_TAGS.has(tag);
    let mode = parentMode;
    // Without computed styles (static HTML in the CLI), an inline style="" is still honoured.
    const cs = styleOf ? styleOf(el) : (el as Partial<HTMLElement>).style;
    if (cs) {
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse') return false;
      if (cs.display && !INLINE_DISPLAYS.has(cs.display)) block = true;
      mode = whiteSpaceMode(cs.whiteSpace, parentMode);
    }
    if (block) blockish.add(el);
    modeOf.set(el, mode);
    return true;
  };

  const emitText = (node: Text, mode: WhiteSpace) => {
    const data = node.data;
    if (mode === 'pre') {
      let i = 0;
      for (const line of data.split('\n')) {
        if (i > 0) lineBreak();
        if (line) { settle(); push(line, node, i); }
        i += line.length + 1;
      }
      return;
    }
    // Single spaces between words render as themselves, so only other whitespace breaks a run.
    BREAKING_SPACE.lastIndex = 0;
    let at = 0;
    for (let m; (m = BREAKING_SPACE.exec(data)); ) {
      if (m.index > at) { settle(); push(data.slice(at, m.index), node, at); }
      if (mode === 'pre-line' && m[0].includes('\n')) lineBreak();
      else if (!pendingBreak && !pendingSpace && lastChar !== '\n') pendingSpace = { node, offset: m.index };
      at = m.index + m[0].length;
    }
    if (at < data.length) { settle(); push(data.slice(at), node, at); }
  };

  const NF = view?.NodeFilter ?? (globalThis as { NodeFilter?: typeof NodeFilter }).NodeFilter;
  const SHOW_ELEMENT = NF?.SHOW_ELEMENT ?? 0x1;
  const SHOW_TEXT = NF?.SHOW_TEXT ?? 0x4;
  // No NodeFilter callback (a JS call per node is the walk's main cost): rejected elements are
  // simply not descended into.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);

  const rootMode = styleOf ? whiteSpaceMode(styleOf(root).whiteSpace, 'collapse') : 'collapse';
  const modes: WhiteSpace[] = [rootMode];
  const enter = (el: Element): boolean => {
    if (rejects(el) || !classify(el, modes[modes.length - 1]!)) return false;
    if (blockish.has(el)) lineBreak();
    modes.push(modeOf.get(el)!);
    return true;
  };
  const exit = (el: Element) => {
    modes.pop();
    if (blockish.has(el)) lineBreak();
  };

  let cur: Node | null = walker.firstChild();
  while (cur) {
    let descended = false;
    if (cur.nodeType === 3) emitText(cur as Text, modes[modes.length - 1]!);
    else if (cur.nodeType === 1 && enter(cur as Element)) {
      if (walker.firstChild()) { cur = walker.currentNode; descended = true; }
      else exit(cur as Element);
    }
    if (descended) continue;
    // Advance to the next sibling, closing every element we climb out of.
    let next: Node | null = walker.nextSibling();
    while (!next) {
      const parent = walker.parentNode();
      if (!parent || parent === root) break;
      exit(parent as Element);
      next = walker.nextSibling();
    }
    cur = next;
  }
  return { text: parts.join(''), runs };
}
