/**
 * Never break a page: 1,000 generated documents (40 pages of 25, see fuzz-docs.ts) and the four
 * seed pages, in Chromium with the built extension. After ScarCheck has read and painted each
 * page and its card has been opened and closed:
 * - document.body.innerHTML (and every open shadow root's HTML) is byte-identical;
 * - form values, the caret/selection in an editable region, a textarea's selection and the
 *   focused element are untouched;
 * - every claim placed in plain visible text is painted, and nothing inside editable, hidden,
 *   code or form content is;
 * - no error escapes: no uncaught page error, no console error, no "[ScarCheck]" warning on the
 *   page or in the service worker, no dialog.
 * Deterministic: SCARCHECK_FUZZ_SEED (default below) picks the documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES, type FuzzPage, fuzzPage, seedFuzzPage } from './fuzz-docs';
import {
  TIER_NAMES, installPaintedRanges, launch, seedFiles, serveRoutes, waitForPaint, watchProblems, type Browser, type PageProblems, type RouteServer,
} from './harness';

const SEED = Number(process.env.SCARCHECK_FUZZ_SEED ?? 20261122);
const PAGES = 40;
const DOCS_PER_PAGE = 25;
const CARD = 'scarcheck-ui [data-testid=scarcheck-card]';

interface Case { name: string; route: string; page: FuzzPage }

const cases: Case[] = [
  ...Array.from({ length: PAGES }, (_, i) => ({ name: `generated page ${i}`, route: `/fuzz-${i}.html`, page: fuzzPage(SEED, i, DOCS_PER_PAGE) })),
  ...seedFiles().map((f, i) => ({ name: `seed ${path.basename(f)}`, route: `/seed-${i}.html`, page: seedFuzzPage(fs.readFileSync(f, 'utf8'), SEED + i, `seed-${i}`) })),
];

let browser: Browser;
let server: RouteServer;
let tab: Page;
let problems: PageProblems;
const swProblems: string[] = [];

beforeAll(async () => {
  browser = await launch();
  browser.sw.on('console', (m) => { if (m.type() === 'error' || m.text().includes('[ScarCheck]')) swProblems.push(`${m.type()}: ${m.text()}`); });
  server = await serveRoutes(Object.fromEntries(cases.map((c) => [c.route, { body: c.page.html }])));
  tab = await browser.context.newPage();
  problems = watchProblems(tab);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Scrolls to the middle painted claim that starts inside `selector` and returns its centre. */
async function plainClaimPoint(page: Page, selector: string): Promise<{ x: number; y: number }> {
  await installPaintedRanges(page);
  return page.evaluate((selector) => {
    const ranges = window.__scPaintedRanges(selector);
    const range = ranges[Math.floor(ranges.length / 2)];
    if (!range) throw new Error(`no painted claim in ${selector}`);
    range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const rect = Array.from(range.getClientRects()).find((r) => r.width > 2 && r.height > 0)!;
    return { x: rect.left + Math.min(rect.width / 2, 30), y: rect.top + rect.height / 2 };
  }, selector);
}

/** Facts about what ScarCheck painted, read in the page. */
function paintedFacts(page: Page) {
  return page.evaluate((names) => {
    const norm = (s: string) => s.replace(/\s+/g, ' ');
    const FORBIDDEN = '[contenteditable]:not([contenteditable="false"]), textarea, input, select, pre, code, [hidden], [aria-hidden="true"], noscript, template, script, svg, style';
    const byDoc: Record<string, string[]> = {};
    const forbidden: string[] = [];
    let count = 0;
    for (const name of names) {
      for (const r of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
        count++;
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const text = norm(live.toString());
        for (const node of [r.startContainer, r.endContainer]) {
          const el = node.parentElement;
          if (!el || !el.isConnected || el.closest(FORBIDDEN) || getComputedStyle(el).display === 'none' || getComputedStyle(el).visibility === 'hidden') forbidden.push(text);
        }
        const doc = r.startContainer.parentElement?.closest('.fz-doc')?.id ?? '(none)';
        (byDoc[doc] ??= []).push(text);
      }
    }
    return { count, byDoc, forbidden };
  }, [...TIER_NAMES]);
}

describe(`ScarCheck leaves ${PAGES * DOCS_PER_PAGE} generated documents and the seed pages as they were (seed ${SEED})`, () => {
  it('has the documents it promises', () => {
    expect(cases.filter((c) => c.name.startsWith('generated')).reduce((n, c) => n + c.page.docs.length, 0)).toBe(PAGES * DOCS_PER_PAGE);
    expect(cases.length).toBe(PAGES + 4);
    const docs = cases.filter((c) => c.name.startsWith('generated')).flatMap((c) => c.page.docs);
    const covered = Object.fromEntries(Object.entries(FEATURES).map(([name, re]) => [name, docs.filter((d) => re.test(d.html)).length]));
    for (const [name, n] of Object.entries(covered)) expect(n, `documents with ${name}`).toBeGreaterThanOrEqual(100);
  });

  for (const c of cases) {
    it(c.name, async () => {
      problems.errors.length = 0; problems.ours.length = 0; problems.dialogs.length = 0;
      await tab.goto(server.url(c.route));
      await waitForPaint(tab);

      // Open and close the card over a claim in plain view (one a document was built around).
      const pt = await plainClaimPoint(tab, c.name.startsWith('seed') ? '.fz-doc' : '.fz-claim');
      await tab.mouse.move(2, pt.y);
      await tab.mouse.move(pt.x, pt.y, { steps: 3 });
      const card = tab.locator(CARD);
      await card.waitFor({ state: 'visible', timeout: 10_000 });
      await tab.keyboard.press('Escape');
      await card.waitFor({ state: 'detached', timeout: 5_000 });

      const check = await tab.evaluate(() => (window as unknown as { __fz: { check(): Record<string, unknown> } }).__fz.check());
      expect(check).toMatchObject({
        hasSelection: true, htmlSame: true, valuesSame: true, selectionSame: true, textareaSelectionSame: true, activeSame: true, editableSame: true,
      });
      expect(check.htmlLength as number).toBeGreaterThan(1000);

      const facts = await paintedFacts(tab);
      expect(facts.forbidden, 'painted inside editable, hidden, code or form content').toEqual([]);
      const missing: string[] = [];
      for (const d of c.page.docs) {
        const painted = facts.byDoc[`doc-${d.id}`] ?? [];
        if (c.name.startsWith('seed')) { if (!painted.length) missing.push(`${d.id}: nothing painted`); continue; }
        if (!painted.length) missing.push(`${d.id}: nothing painted`);
        for (const sentence of d.claims) if (!painted.some((t) => t.includes(sentence))) missing.push(`${d.id}: "${sentence}"`);
      }
      expect(missing, 'claims in plain visible text that were not painted').toEqual([]);

      expect(problems.errors).toEqual([]);
      expect(problems.ours).toEqual([]);
      expect(problems.dialogs).toEqual([]);
      expect(swProblems).toEqual([]);
    });
  }
});
