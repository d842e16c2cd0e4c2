/**
 * What the bench runs inside the pages (main world), with and without the extension alike.
 *
 * PROBE_SOURCE is an init script (it runs before the page's own scripts). It records:
 * - long tasks (PerformanceObserver 'longtask', buffered);
 * - every change in the number of ranges in ScarCheck's three highlights (CSS.highlights is the
 *   document's registry, so the main world sees what the content script registers), polled every
 *   5 ms: [time, total ranges, ranges that start in the first viewport];
 * - the Text nodes of the first viewport (at DOMContentLoaded, page scrolled to the top), so the
 *   "first viewport painted" time needs no layout while ScarCheck works.
 * Its sourceURL (bench-probe.js) lets the trace analysis tell its tasks from ScarCheck's and the page's.
 */
export const TIER_NAMES = ['scarcheck-green', 'scarcheck-amber', 'scarcheck-red'];
export const PROBE_URL = 'bench-probe.js';

export interface ProbeState {
  /** [performance.now(), ranges painted, of them starting in the first viewport] at each change. */
  marks: Array<[number, number, number]>;
  /** Long tasks: [startTime, duration]. */
  lt: Array<[number, number]>;
  viewportNodes: number;
  /** When ScarCheck's host last said its reading was over (data-state="idle"). */
  idleAt: number | null;
  /** Claims ScarCheck found (its host's data-claims). */
  claims: number;
}

export const PROBE_SOURCE = `(() => {
  const names = ${JSON.stringify(TIER_NAMES)};
  const B = window.__bench = { marks: [], lt: [], viewportNodes: -1, idleAt: null, claims: 0 };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.lt.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  let inView = null;
  const viewportSet = () => {
    const set = new Set();
    if (!document.body) return set;
    const h = innerHeight, w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), r = document.createRange();
    for (let n; (n = w.nextNode()); ) {
      if (!n.data.trim()) continue;
      r.selectNodeContents(n);
      const b = r.getBoundingClientRect();
      if (b.top >= h) break; // document order: everything after starts lower
      if (b.bottom > 0 && b.width > 0) set.add(n);
    }
    B.viewportNodes = set.size;
    return set;
  };
  document.addEventListener('DOMContentLoaded', () => { inView ??= viewportSet(); });
  let last = 0;
  let state = null;
  setInterval(() => {
    // ScarCheck's host says when a reading is over, and how many claims it found (on very dense
    // pages only the claims near the viewport are painted, so the highlights do not tell).
    const host = document.querySelector('scarcheck-ui');
    const s = host ? host.getAttribute('data-state') : null;
    if (s !== state) { state = s; if (s === 'idle') B.idleAt = performance.now(); }
    if (host) B.claims = Number(host.getAttribute('data-claims') || 0);
    let n = 0;
    for (const k of names) n += CSS.highlights.get(k)?.size ?? 0;
    if (n === last) return;
    last = n;
    inView ??= viewportSet();
    let v = 0;
    for (const k of names) for (const range of CSS.highlights.get(k) ?? []) if (inView.has(range.startContainer)) v++;
    B.marks.push([performance.now(), n, v]);
  }, 5);
})();
//# sourceURL=${PROBE_URL}`;

/** The floor: a TreeWalker collecting the page's text (every Text node's data), in one task. */
export const FLOOR_WALK = `new Promise((resolve) => setTimeout(() => {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  let chars = 0;
  for (let n; (n = w.nextNode()); ) { const d = n.data; texts.push(d); chars += d.length; }
  resolve({ ms: performance.now() - t0, nodes: texts.length, chars });
}, 0))`;

/**
 * The naive baseline: collect the text as the floor does, then compromise over all of it in one
 * pass (nlp() and one match), in one task on the page's main thread. `nlp` is compromise's own
 * browser build (node_modules/compromise/builds/compromise.js), injected beforehand.
 */
export const NAIVE_PASS = `new Promise((resolve) => setTimeout(() => {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let n; (n = w.nextNode()); ) texts.push(n.data);
  const text = texts.join('\\n');
  const doc = nlp(text);
  const matches = doc.match('#Noun (is|are) permanent').length;
  resolve({ ms: performance.now() - t0, chars: text.length, terms: doc.terms().length, matches });
}, 0))`;
