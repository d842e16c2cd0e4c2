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
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    if (doc.adoptedStyleSheets.includes(sheet)) {
      return () => { doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet); };
    }
  } catch {
    // fall through to <style>
  }
  const style = doc.createElement('style');
  style.setAttribute('data-scarcheck', '');
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
  return () => style.remove();
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
