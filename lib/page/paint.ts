/**
 * Painting with the CSS Custom Highlight API: one Highlight per verdict tier, registered under
 * prefixed names in the document's registry. Paint only: the page's DOM is never touched.
 * The registry is shared with the page's own scripts, hence the unique names.
 */
import type { Tier } from '../knowledge/ids';

export const HIGHLIGHT_NAMES: Readonly<Record<Tier, string>> = {
  green: 'scarcheck-green',
  amber: 'scarcheck-amber',
  red: 'scarcheck-red',
};
export const FLASH_HIGHLIGHT = 'scarcheck-flash';
export const TIERS: readonly Tier[] = ['red', 'amber', 'green'];

/**
 * Underlines only, and each tier differs in line style as well as colour (solid / dotted / wavy),
 * so the verdict does not rest on colour alone. ::highlight() accepts only colour, background,
 * text-decoration and text-shadow.
 */
export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_NAMES.green}) { text-decoration: underline solid #16a34a; text-decoration-thickness: 1px; }
::highlight(${HIGHLIGHT_NAMES.amber}) { text-decoration: underline dotted #d97706; text-decoration-thickness: 2px; }
::highlight(${HIGHLIGHT_NAMES.red}) { text-decoration: underline wavy #dc2626; text-decoration-thickness: 1px; }
::highlight(${FLASH_HIGHLIGHT}) { background-color: rgba(250, 204, 21, 0.55); }
`;

type HighlightCtor = new (...ranges: AbstractRange[]) => Highlight;

/** The registry and constructor when the browser has the Highlight API, else null. */
export function highlightApi(): { registry: HighlightRegistry; Highlight: HighlightCtor } | null {
  const g = globalThis as { CSS?: { highlights?: HighlightRegistry }; Highlight?: HighlightCtor };
  return g.CSS?.highlights && typeof g.Highlight === 'function' ? { registry: g.CSS.highlights, Highlight: g.Highlight } : null;
}

/**
 * Makes the ::highlight() rules visible to the document without touching <body>: a constructed
 * stylesheet in document.adoptedStyleSheets, or (where that is refused, e.g. across Firefox's
 * content-script boundary) a <style> in <head>. Returns a function that removes it again.
 */
export function installHighlightStyles(doc: Document, css = HIGHLIGHT_CSS): () => void {
  const early = doc.adoptedStyleSheets?.find(isOurSheet);
  if (early) return () => { doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== early); };
  const undo = adoptSheet(doc, css);
  if (undo) return undo;
  const style = doc.createElement('style');
  style.setAttribute('data-scarcheck', '');
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
  return () => style.remove();
}

/** Our sheet, recognised by its first rule. */
function isOurSheet(sheet: CSSStyleSheet): boolean {
  try {
    return !!sheet.cssRules[0]?.cssText.includes(HIGHLIGHT_NAMES.green);
  } catch {
    return false;
  }
}

/**
 * Adopts the rules at document_start (entrypoints/highlight-style.content), when the document is
 * still empty and adding a sheet costs nothing. Where adopting is refused (Firefox's content-script
 * boundary), nothing happens: the main script falls back to a <style> when it paints.
 */
export function adoptHighlightSheet(doc: Document): void {
  if (!doc.adoptedStyleSheets?.some(isOurSheet)) adoptSheet(doc, HIGHLIGHT_CSS);
}

/**
 * The same rules inside a page's open shadow root (document styles do not reach its text). Only
 * as an adopted sheet: a <style> element would change the component's own DOM. Returns the undo,
 * or null where adopting is refused.
 */
export function installShadowHighlightStyles(root: ShadowRoot, css = HIGHLIGHT_CSS): (() => void) | null {
  return adoptSheet(root, css);
}

function adoptSheet(target: Document | ShadowRoot, css: string): (() => void) | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    if (target.adoptedStyleSheets.includes(sheet)) {
      return () => { target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet); };
    }
  } catch {
    // refused (e.g. across Firefox's content-script boundary)
  }
  return null;
}

export interface PaintItem {
  tier: Tier;
  range: AbstractRange;
}

/** Owns our entries in CSS.highlights. */
export class Painter {
  private flashToken: object | undefined;

  constructor(private readonly api: NonNullable<ReturnType<typeof highlightApi>>) {}

  /** Replaces every tier highlight with the given ranges (a tier without ranges is removed). */
  paint(items: readonly PaintItem[]): void {
    for (const tier of TIERS) {
      const ranges = items.filter((i) => i.tier === tier).map((i) => i.range);
      if (ranges.length) this.api.registry.set(HIGHLIGHT_NAMES[tier], new this.api.Highlight(...ranges));
      else this.api.registry.delete(HIGHLIGHT_NAMES[tier]);
    }
  }

  /** Adds ranges to their tiers' highlights (claims that just came in). */
  add(items: readonly PaintItem[]): void {
    for (const item of items) {
      const name = HIGHLIGHT_NAMES[item.tier];
      let h = this.api.registry.get(name);
      if (!h) { h = new this.api.Highlight(); this.api.registry.set(name, h); }
      h.add(item.range);
    }
  }

  /** Takes ranges off the page (claims whose text changed or went away). */
  remove(ranges: readonly AbstractRange[]): void {
    if (!ranges.length) return;
    for (const tier of TIERS) {
      const h = this.api.registry.get(HIGHLIGHT_NAMES[tier]);
      if (!h) continue;
      for (const r of ranges) h.delete(r);
      if (!h.size) this.api.registry.delete(HIGHLIGHT_NAMES[tier]);
    }
  }

  /** Paints a background behind `range` for `ms` milliseconds (the popup's "jump to" cue). */
  flash(range: AbstractRange, ms = 1500, timer: (fn: () => void, ms: number) => unknown = setTimeout): void {
    const h = new this.api.Highlight(range);
    h.priority = 10;
    this.api.registry.set(FLASH_HIGHLIGHT, h);
    const token = {};
    this.flashToken = token;
    timer(() => { if (this.flashToken === token) this.api.registry.delete(FLASH_HIGHLIGHT); }, ms);
  }
  /** Removes everything we registered. */
  clear(): void {
    for (const tier of TIERS) this.api.registry.delete(HIGHLIGHT_NAMES[tier]);
    this.api.registry.delete(FLASH_HIGHLIGHT);
    this.flashToken = undefined;
  }
}
