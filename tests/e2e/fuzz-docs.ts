/**
 * Seeded generator of hostile-but-valid HTML documents for the "never break a page" fuzz test:
 * nested inline and block elements, tables, lists, open (declarative) shadow roots, huge text
 * nodes, markup-like text, right-to-left and emoji text, hidden and editable regions. Every
 * document also carries claim sentences in plain visible text (split across inline elements),
 * so ScarCheck really paints on every document, and decoy claims where it must not look.
 *
 * Deterministic: the same seed always gives the same pages.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  private readonly next: () => number;
  constructor(seed: number) { this.next = prng(seed); }
  float(): number { return this.next(); }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Claim cores the detector finds in any context (checked against the CLI detector). */
export const CLAIMS = [
  'lemon juice fades acne scars', 'vitamin E oil does nothing for scars', 'TCA CROSS works well for ice pick scars',
  'silicone gel flattens scars', 'onion extract gel fades acne scars', 'Fraxel completely removed my acne scars',
  'PRP injections make acne scars disappear', 'retinoids smooth out acne scars', 'chemical peels remove deep acne scars',
  'dermabrasion permanently erases acne scars', 'steroid injections fill in atrophic scars', 'Sculptra is permanent for acne scars',
  'subcision lifted my rolling scars',
] as const;

const LEADS = [
  'Post {id}: ', 'Reply {id}: honestly, ', 'Update {id}: my dermatologist said ', 'Note {id}: I read that ',
  '{id}, in my experience ', 'User {id} wrote: ', 'Comment {id}: trust me, ', 'Thread {id}: everyone knows ',
];

const FILLER = [
  'The weather was mild and we walked along the river for an hour.', 'We baked bread and walked the dog.',
  'My sister moved to a new flat last spring.', 'The train was late again this morning.',
  'I have had acne scars since I was sixteen.', 'Does anyone else get anxious before a consultation?',
  'Thanks for reading this far.', 'Prices vary a lot between cities.', 'The forum rules are pinned at the top.',
];

const RTL = ['هذا نص عربي للاختبار مع بعض الكلمات.', 'זהו טקסט בעברית לבדיקה של כיוון הכתיבה.', 'ندبات حب الشباب موضوع شائع هنا.', 'שלום לכולם, תודה על התשובות.'];
const EMOJI = ['😀', '👩‍👩‍👧‍👦', '🇯🇵', '👍🏽', '❤️', '🧴', '🙂🙂🙂', '🫶🏿'];
/** Mid-word oddities: zero-width and bidi controls, soft hyphen, BOM, a combining accent, NBSP, astral letters. */
const ODD = ['\u200b', '\u200d', '\u202e', '\u2066', '\u2069', '\u00ad', '\ufeff', 'e\u0301', '\u00a0', '𝒮𝒸𝒶𝓇'];
const MARKUPISH = [
  '<img src=x onerror=alert(1)>', '</p><p>', '<script>alert(1)</script>', '&amp; &lt; &gt;', '<!-- not a comment -->', ']]>',
  "{{constructor.constructor('alert(1)')()}}", '${alert(1)}', 'javascript:alert(1)', '<b>bold</b>', '"><svg onload=alert(1)>',
  '<style>body{display:none}</style>', '\\u003cscript\\u003e',
];
const INLINE = ['b', 'i', 'em', 'strong', 'span', 'a', 'small', 'mark', 'u', 's', 'abbr', 'q', 'cite', 'time', 'label', 'sup', 'sub', 'x-note', 'font', 'bdi'];

export interface FuzzDoc {
  id: string;
  html: string;
  /** Claim sentences placed in plain visible text (as the reader sees them): each must be painted. */
  claims: string[];
}

export interface FuzzPage {
  html: string;
  docs: FuzzDoc[];
}

class DocBuilder {
  claims: string[] = [];
  private n = 0;
  constructor(private readonly g: Gen, readonly id: string) {}

  /** A claim sentence unique on the page: its core, and the whole sentence. */
  claimSentence(): { core: string; sentence: string } {
    const core = this.g.pick(CLAIMS);
    const lead = this.g.pick(LEADS).replace('{id}', `${this.id}${String.fromCharCode(97 + (this.n++ % 26))}${this.n > 26 ? this.n : ''}`);
    const sentence = lead + core + '.';
    return { core, sentence: sentence[0]!.toUpperCase() + sentence.slice(1) };
  }

  /** Plain text with a sprinkle of emoji, RTL snippets, odd code points and markup-like strings (escaped). */
  noise(): string {
    const g = this.g;
    const parts: string[] = [];
    for (let i = g.int(1, 3); i > 0; i--) {
      const r = g.float();
      if (r < 0.45) parts.push(escapeHtml(g.pick(FILLER)));
      else if (r < 0.6) parts.push(escapeHtml(g.pick(RTL)));
      else if (r < 0.75) parts.push(escapeHtml(g.pick(EMOJI) + g.pick(FILLER) + ' ' + g.pick(EMOJI)));
      else if (r < 0.9) parts.push(escapeHtml(`Someone posted ${g.pick(MARKUPISH)} here.`));
      else parts.push(escapeHtml(`Odd${g.pick(ODD)}spacing and${g.pick(ODD)}marks.`));
    }
    return parts.join(g.pick([' ', '  ', '\n', '\t ', ' \n  ']));
  }

  /** Wraps words of `text` (already escaped) in random nested inline elements; text content unchanged. */
  inline(text: string, depth = 0): string {
    const g = this.g;
    const words = text.split(/(?<= )/); // keep each word's trailing space
    if (depth > 2 || words.length < 2 || g.chance(0.3)) return text;
    const out: string[] = [];
    let i = 0;
    while (i < words.length) {
      const len = g.int(1, Math.max(1, Math.min(4, words.length - i)));
      const chunk = words.slice(i, i + len).join('');
      i += len;
      if (g.chance(0.45)) {
        const tag = g.pick(INLINE);
        const attrs = tag === 'a' ? ' href="#top"' : tag === 'time' ? ' datetime="2024-01-01"' : tag === 'span' && g.chance(0.3) ? ' style="white-space:pre-wrap"' : '';
        out.push(`<${tag}${attrs}>${this.inline(chunk, depth + 1)}</${tag}>`);
      } else if (g.chance(0.1)) {
        out.push(`${chunk}<!-- c${i} -->`);
      } else if (g.chance(0.08) && /\w{6,}/.test(chunk)) {
        out.push(chunk.replace(/(\w{3})(\w{3,})/, '$1<wbr>$2'));
      } else {
        out.push(chunk);
      }
    }
    return out.join('');
  }

  /** A sentence that must be painted, in plain visible inline markup, maybe next to emoji. */
  visibleClaim(): string {
    const { sentence } = this.claimSentence();
    this.claims.push(sentence);
    const before = this.g.chance(0.25) ? escapeHtml(this.g.pick(EMOJI)) + ' ' : '';
    const after = this.g.chance(0.25) ? ' ' + escapeHtml(this.g.pick(EMOJI)) : '';
    return before + this.inline(escapeHtml(sentence)) + after;
  }

  /** A claim sentence in a place ScarCheck must not read (nothing to paint). */
  decoy(): string {
    return escapeHtml(this.claimSentence().sentence);
  }

  paragraph(): string {
    const g = this.g;
    const parts = [this.inline(this.noise())];
    if (g.chance(0.5)) parts.push(this.visibleClaim());
    if (g.chance(0.4)) parts.push(this.inline(this.noise()));
    const tag = g.pick(['p', 'p', 'div', 'blockquote', 'section', 'x-post']);
    return `<${tag}>${parts.join(' ')}</${tag}>`;
  }

  block(depth: number): string {
    const g = this.g;
    if (depth > 4) return this.paragraph();
    const kind = g.int(0, 19);
    switch (kind) {
      case 0: case 1: case 2: return this.paragraph();
      case 3: return `<div class="fz-box">${this.blocks(depth + 1, g.int(1, 3))}</div>`;
      case 4: {
        const tag = g.pick(['ul', 'ol']);
        const items = Array.from({ length: g.int(1, 4) }, () => `<li>${g.chance(0.6) ? this.inline(this.noise()) + ' ' + this.visibleClaim() : this.blocks(depth + 1, 1)}</li>`);
        return `<${tag}>${items.join('')}</${tag}>`;
      }
      case 5: {
        const cols = g.int(1, 3);
        const rows = Array.from({ length: g.int(1, 3) }, () =>
          `<tr>${Array.from({ length: cols }, () => `<td>${g.chance(0.5) ? this.visibleClaim() : this.inline(this.noise())}</td>`).join('')}</tr>`);
        const head = g.chance(0.5) ? `<thead><tr>${Array.from({ length: cols }, (_, i) => `<th>Col ${i}</th>`).join('')}</tr></thead>` : '';
        return `<table border="1">${g.chance(0.3) ? '<caption>Results table</caption>' : ''}${head}<tbody>${rows.join('')}</tbody></table>`;
      }
      case 6: {
        // An open shadow root (declarative, serializable); its text is not part of the page text.
        // Light-DOM children render only through a <slot>.
        const slotted = g.chance(0.5);
        const light = slotted ? this.paragraph() : `<p>${this.noise()}</p>`;
        return `<div class="fz-host"><template shadowrootmode="open" shadowrootserializable><p>${this.decoy()}</p>${slotted ? '<slot></slot>' : ''}<p>${this.noise()}</p></template>${light}</div>`;
      }
      case 7: {
        // A huge text node: tens of thousands of characters of plain words, maybe a claim inside.
        const words = [];
        const size = g.int(20_000, 120_000);
        let len = 0;
        while (len < size) { const w = g.pick(FILLER); words.push(w); len += w.length + 1; }
        if (g.chance(0.5)) words.splice(g.int(0, words.length), 0, this.decoy());
        return `<p class="fz-huge">${escapeHtml(words.join(' '))}</p>`;
      }
      case 8: {
        const editable = g.pick(['true', '', 'plaintext-only']);
        return `<div contenteditable="${editable}" class="fz-edit"><p>${this.decoy()}</p><p>${this.noise()}</p></div>`;
      }
      case 9: return `<form onsubmit="return false"><label>Your note <textarea class="fz-ta">${this.decoy()}</textarea></label><input class="fz-in" value="${this.decoy()}"><select><option>${this.decoy()}</option></select><button type="button">Send</button></form>`;
      case 10: return g.pick([
        `<div hidden>${this.decoy()}</div>`, `<p style="display:none">${this.decoy()}</p>`, `<span aria-hidden="true">${this.decoy()}</span>`,
        `<p style="visibility:hidden">${this.decoy()}</p>`, `<noscript>${this.decoy()}</noscript>`, `<template><p>${this.decoy()}</p></template>`,
      ]);
      case 11: return `<pre>${this.decoy()}\n  ${this.noise()}</pre><p><code>${this.decoy()}</code> ${this.inline(this.noise())}</p>`;
      case 12: return g.chance(0.5)
        ? `<details open><summary>${this.inline(this.noise())}</summary>${this.paragraph()}</details>`
        : `<details><summary>${this.inline(this.noise())}</summary><p>${this.decoy()}</p></details>`;
      case 13: return `<p dir="rtl">${escapeHtml(g.pick(RTL))} ${this.visibleClaim()} ${escapeHtml(g.pick(RTL))}</p><p><bdo dir="rtl">${escapeHtml(g.pick(RTL))}</bdo> ${this.inline(this.noise())}</p>`;
      case 14: return `<p>${this.inline(this.noise())}<br>${this.visibleClaim()}<br><br>${this.inline(this.noise())}</p>`;
      case 15: return `<svg width="10" height="10" aria-label="icon"><text x="0" y="9">${this.decoy()}</text></svg><p>${this.visibleClaim()}</p>`;
      case 16: return `<script type="text/plain">${this.decoy()}</script><!-- ${this.decoy()} --><p>${this.visibleClaim()}</p>`;
      case 17: return `<p style="white-space:pre">${this.noise()}\n\n   ${escapeHtml(this.claimSentence().sentence).replace(/ /g, '   ')}</p>`;
      default: return `<article><header><h3>${this.inline(this.noise())}</h3></header>${this.blocks(depth + 1, g.int(1, 2))}<footer><small>${this.noise()}</small></footer></article>`;
    }
  }

  blocks(depth: number, n: number): string {
    return Array.from({ length: n }, () => this.block(depth)).join('\n');
  }
}

/** One document: its own container, a heading, random blocks, and at least one paintable claim. */
export function fuzzDoc(g: Gen, id: string): FuzzDoc {
  const b = new DocBuilder(g, id);
  const body = b.blocks(0, g.int(2, 7));
  const guaranteed = `<p class="fz-claim">${b.visibleClaim()}</p>`;
  const parts = [body];
  parts.splice(g.chance(0.5) ? 0 : 1, 0, guaranteed);
  const html = `<div class="fz-doc" id="doc-${id}"><h2>Acne scars thread ${escapeHtml(id)}</h2>\n${parts.join('\n')}\n</div>`;
  return { id, html, claims: b.claims };
}

/**
 * The script at the end of every fuzz page. It runs before the content script (document_idle)
 * and records: the body's HTML plus every shadow root's, the values of form fields, a caret and
 * selection inside an editable region (focused), and a selection inside a textarea.
 * `window.__fz.check()` compares the page with that record afterwards.
 */
export const SNAPSHOT_SCRIPT = `<script>(() => {
  const hosts = () => [...document.querySelectorAll('.fz-host')];
  const snap = () => document.body.innerHTML + hosts().map((h, i) => '\\n#shadow ' + i + ':' + (h.shadowRoot ? h.shadowRoot.innerHTML : 'none')).join('');
  const values = () => JSON.stringify([...document.querySelectorAll('textarea, input, select')].map((e) => e.value));
  const firstText = (el) => { const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); let t; while ((t = w.nextNode())) if (t.data.length > 8) return t; return null; };
  const ta = document.querySelector('textarea');
  if (ta) ta.setSelectionRange(1, Math.min(6, ta.value.length));
  const ed = document.querySelector('[contenteditable]');
  const t = ed && firstText(ed);
  if (ed && t) { ed.focus(); getSelection().setBaseAndExtent(t, 2, t, 8); }
  const sel = () => { const s = getSelection(); return { a: s.anchorNode, ao: s.anchorOffset, f: s.focusNode, fo: s.focusOffset }; };
  const taSel = () => ta ? [ta.selectionStart, ta.selectionEnd] : null;
  const before = { html: snap(), values: values(), sel: sel(), taSel: taSel(), active: document.activeElement, edText: ed ? ed.innerHTML : null };
  window.__fz = {
    check() {
      const now = sel();
      return {
        htmlSame: snap() === before.html,
        valuesSame: values() === before.values,
        selectionSame: now.a === before.sel.a && now.ao === before.sel.ao && now.f === before.sel.f && now.fo === before.sel.fo,
        textareaSelectionSame: JSON.stringify(taSel()) === JSON.stringify(before.taSel),
        activeSame: document.activeElement === before.active,
        editableSame: ed ? ed.innerHTML === before.edText : true,
        htmlLength: before.html.length,
        hasSelection: !!(ed && t),
      };
    },
  };
})();</script>`;

const PAGE_STYLE = '<style>body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:16px auto;padding:0 12px}.fz-doc{border-top:1px solid #ccc;margin:12px 0}.fz-huge{max-height:6em;overflow:hidden}</style>';

/** What fuzz documents must cover, and how to recognise it in a document's HTML. */
export const FEATURES: Record<string, RegExp> = {
  'open shadow root': /shadowrootmode="open"/, 'huge text node': /fz-huge/, 'editable region': /contenteditable/, textarea: /<textarea/,
  'right-to-left text': /dir="rtl"/, emoji: /\p{Extended_Pictographic}/u, 'markup-like text': /&lt;img src=x/, table: /<table/, list: /<li>/,
  'nested inline elements': /<(b|i|em|strong|span|mark|u|s|small)>[^<]*<(b|i|em|strong|span|mark|u|s|small)>/, 'hidden content': /hidden|display:none/,
  'closed details': /<details><summary>/, 'pre and code': /<pre>/,
};

/** A page holding `count` generated documents. */
export function fuzzPage(seed: number, page: number, count: number): FuzzPage {
  const g = new Gen(seed * 7919 + page);
  const docs = Array.from({ length: count }, (_, i) => fuzzDoc(g, `${page}-${i}`));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Fuzz page ${page}</title>${PAGE_STYLE}</head>`
    + `<body>\n${docs.map((d) => d.html).join('\n')}\n${SNAPSHOT_SCRIPT}</body></html>`;
  return { html, docs };
}

/** A seed's text as a page in the same frame: its lines as paragraphs (inline-split), an editable note and the snapshot script. */
export function seedFuzzPage(text: string, seed: number, name: string): FuzzPage {
  const g = new Gen(seed);
  const b = new DocBuilder(g, name);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const body = lines.map((l, i) => (i === 0 ? `<h1>${escapeHtml(l)}</h1>` : `<p>${b.inline(escapeHtml(l))}</p>`)).join('\n');
  const editable = `<div contenteditable="true" class="fz-edit"><p>My draft reply: ${b.decoy()}</p></div><textarea>${b.decoy()}</textarea>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(name)}</title>${PAGE_STYLE}</head>`
    + `<body>\n<div class="fz-doc" id="doc-${escapeHtml(name)}">${body}</div>\n${editable}\n${SNAPSHOT_SCRIPT}</body></html>`;
  return { html, docs: [{ id: name, html: body, claims: [] }] };
}
