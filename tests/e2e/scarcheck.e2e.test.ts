/**
 * ScarCheck end to end in Chromium: for each seed page, the claims painted on the page, the hover
 * card, the popup and the badge agree with what the CLI reports for the same text, and the
 * page's <body> is left untouched. One browser for the whole file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierOf, type VerdictId } from '../../lib/knowledge/ids';
import {
  CARD, SHOTS, badgeText, hoverFirstClaim, claimPoint, cliClaims, installPaintedRanges, lateRenderedPageFor, launch, openPopup, pageFor, paintedCount, seedFiles, serve,
  tabIdOf, type Browser, type CliClaim, type Server,
} from './harness';

const SOURCE_LINK = `${CARD} [data-testid=scarcheck-source-link]`;

interface Seed { name: string; file: string; route: string; expected: CliClaim[] }

const seeds: Seed[] = seedFiles().map((file, i) => ({ name: path.basename(file), file, route: `/seed-${i}.html`, expected: [] }));
const PLAIN = '/plain.html';
const LATE = '/late.html';
const PLAIN_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head><body>'
  + '<h1>Sourdough at home</h1><p>Feed the starter twice a day and keep it somewhere warm.</p>'
  + '<p>Bake at a high temperature with steam for the first twenty minutes.</p>'
  + '<script>window.__scBefore = document.body.innerHTML;</script></body></html>';

let browser: Browser;
let server: Server;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  const pages: Record<string, string> = { [PLAIN]: PLAIN_HTML };
  for (const s of seeds) {
    pages[s.route] = pageFor(fs.readFileSync(s.file, 'utf8'), s.name);
    s.expected = cliClaims(s.file);
  }
  pages[LATE] = lateRenderedPageFor(fs.readFileSync(seeds.at(-1)!.file, 'utf8'), 400);
  server = await serve(pages);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page and waits until the content script has painted its claims and mounted its UI host. */
async function openSeed(s: Seed): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(server.url(s.route));
  await page.waitForFunction(
    (names) => names.some((n) => (CSS.highlights.get(n)?.size ?? 0) > 0) && !!document.querySelector('scarcheck-ui')?.shadowRoot,
    ['scarcheck-green', 'scarcheck-amber', 'scarcheck-red'],
    { timeout: 30_000 },
  );
  return { page, tabId: await tabIdOf(browser.sw, page) };
}

describe('ScarCheck in Chromium', () => {
  it('has seed pages to test and a running service worker', () => {
    expect(seeds.length).toBe(4);
    expect(browser.extId).toMatch(/^[a-p]{32}$/);
  });

  for (const seed of seeds) {
    describe(seed.name, () => {
      let page: Page;
      let tabId: number;

      beforeAll(async () => {
        expect(seed.expected.length, 'the CLI finds claims in every seed').toBeGreaterThan(0);
        ({ page, tabId } = await openSeed(seed));
      });
      afterAll(async () => { await page?.close(); });

      it('paints exactly the claims the CLI reports for the same text', async () => {
        expect(await paintedCount(page)).toBe(seed.expected.length);
      });

      it('leaves document.body byte-identical, and its UI host outside <body> takes no room', async () => {
        const s = await page.evaluate(() => {
          const host = document.querySelector('scarcheck-ui');
          const box = host?.getBoundingClientRect();
          return {
            before: (window as unknown as { __scBefore: string }).__scBefore,
            after: document.body.innerHTML,
            rootChildren: [...document.documentElement.children].map((e) => e.tagName.toLowerCase()),
            host: host && { position: getComputedStyle(host).position, width: box!.width, height: box!.height, open: !!host.shadowRoot },
          };
        });
        expect(s.before.length).toBeGreaterThan(100);
        expect(s.after).toBe(s.before);
        expect(s.rootChildren).toEqual(['head', 'body', 'scarcheck-ui']);
        expect(s.host).toEqual({ position: 'fixed', width: 0, height: 0, open: true });
      });

      it('shows the card with source links when hovering the first claim, and Escape closes it', async () => {
        const card = await hoverFirstClaim(page);
        const hrefs = await page.locator(SOURCE_LINK).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        expect(hrefs.length).toBeGreaterThan(0);
        for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
        expect(await page.locator(SOURCE_LINK).first().getAttribute('rel')).toBe('noopener noreferrer');
        expect(await page.locator(SOURCE_LINK).first().getAttribute('target')).toBe('_blank');
        await expect(card.textContent()).resolves.toContain('Not medical advice.');
        if (seed === seeds[0]) {
          await page.screenshot({ path: path.join(SHOTS, 'card.png') });
          await page.emulateMedia({ colorScheme: 'dark' });
          await page.screenshot({ path: path.join(SHOTS, 'card-dark.png') });
          await page.emulateMedia({ colorScheme: 'light' });
        }
        await page.keyboard.press('Escape');
        await card.waitFor({ state: 'detached', timeout: 5_000 });
      });

      it('gives every claim a card with a grade, a source link and its treatment\'s summary card', async () => {
        await page.bringToFront();
        const card = page.locator(CARD);
        for (const position of [0, 0.5, 0.999]) {
          const pt = await claimPoint(page, position);
          await page.mouse.move(2, pt.y);
          await page.mouse.move(pt.x, pt.y, { steps: 4 });
          await card.waitFor({ state: 'visible', timeout: 10_000 });
          await expect(card.locator('.sc-claim__grade').first().textContent()).resolves.toMatch(/Evidence\s*(Strong|Moderate|Limited|No|Contradicted|contradicts this)/i);
          expect(await page.locator(SOURCE_LINK).count()).toBeGreaterThan(0);
          const about = card.locator('[data-testid=scarcheck-about]').first();
          await expect(about.textContent()).resolves.toMatch(/^\W*About /);
          await about.click();
          const summary = card.locator('[data-testid=scarcheck-treatment-card]').first();
          await summary.waitFor({ state: 'visible', timeout: 5_000 });
          await expect(summary.textContent()).resolves.toMatch(/How long it lasts.*Darker skin/s);
          if (seed === seeds[2] && position === 0) await page.screenshot({ path: path.join(SHOTS, 'card-about.png') });
          await page.keyboard.press('Escape');
          await card.waitFor({ state: 'detached', timeout: 5_000 });
        }
      });

      it('lists the same number of claims in the popup', async () => {
        const popup = await openPopup(browser, tabId);
        const count = popup.getByTestId('scarcheck-popup-count');
        await count.waitFor({ timeout: 10_000 });
        const n = seed.expected.length;
        expect(await count.textContent()).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
        expect(await popup.getByTestId('scarcheck-popup-row').count()).toBe(n);
        if (seed === seeds[0]) {
          await popup.screenshot({ path: path.join(SHOTS, 'popup.png'), fullPage: true });
          await popup.emulateMedia({ colorScheme: 'dark' });
          await popup.screenshot({ path: path.join(SHOTS, 'popup-dark.png'), fullPage: true });
        }
        await popup.close();
      });

      it('sets the badge to the number of amber and red claims', async () => {
        const questionable = seed.expected.filter((c) => tierOf(c.verdict as VerdictId) !== 'green').length;
        expect(await badgeText(browser.sw, tabId)).toBe(questionable > 0 ? String(questionable) : '');
      });
    });
  }

  it('jumping from the popup scrolls to the claim, flashes it and opens its card', async () => {
    const seed = seeds[0]!;
    const { page, tabId } = await openSeed(seed);
    const popup = await openPopup(browser, tabId);
    const rows = popup.getByTestId('scarcheck-popup-row');
    await rows.first().waitFor();
    const last = rows.last();
    const index = Number(await last.getAttribute('data-claim-index'));
    await last.focus();
    await popup.keyboard.press('Enter'); // rows are buttons: keyboard operable
    await page.bringToFront();
    await page.waitForFunction(() => (CSS.highlights.get('scarcheck-flash')?.size ?? 0) > 0, undefined, { timeout: 5_000 });
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await card.locator(`[data-claim-index="${index}"]`).count()).toBe(1);
    // The claim is in the viewport.
    const inView = await page.evaluate(() => {
      const h = CSS.highlights.get('scarcheck-flash')!;
      const r = [...(h as unknown as Set<AbstractRange>)][0]!;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const rect = live.getBoundingClientRect();
      return rect.bottom > 0 && rect.top < innerHeight;
    });
    expect(inView).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'jump.png') });
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    await popup.close();
    await page.close();
  });

  it('stacks every claim under the pointer in one card when claims overlap', async () => {
    const seed = seeds[0]!;
    const { page } = await openSeed(seed);
    await page.bringToFront();
    await installPaintedRanges(page);
    const pt = await page.evaluate(() => {
      const ranges = window.__scPaintedRanges();
      for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) {
          const a = ranges[i]!, b = ranges[j]!;
          const where = a.comparePoint(b.startContainer, b.startOffset);
          if (where > 0 || (b.startContainer === a.endContainer && b.startOffset === a.endOffset)) break; // b starts after a
          const both = document.createRange();
          both.setStart(b.startContainer, b.startOffset);
          if (a.compareBoundaryPoints(Range.END_TO_END, b) <= 0) both.setEnd(a.endContainer, a.endOffset);
          else both.setEnd(b.endContainer, b.endOffset);
          if (both.toString().trim().length < 3) continue;
          b.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          const rect = Array.from(both.getClientRects()).find((r) => r.width > 4 && r.height > 0);
          if (rect) return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
        }
      }
      return null;
    });
    expect(pt, 'seed 0 has overlapping claims').not.toBeNull();
    // Approach along the line from the margin: a card opened for a claim on the way sits below
    // that line and never covers it.
    await page.mouse.move(2, pt!.y);
    await page.mouse.move(pt!.x, pt!.y, { steps: 3 });
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => card.locator('[data-claim-index]').count(), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(SHOTS, 'card-stacked.png') });
    // Moving the pointer into the card keeps it open (grace delay), and a link there is clickable.
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 5 });
    await page.waitForTimeout(600);
    await expect(card.isVisible()).resolves.toBe(true);
    // Leaving both claim and card closes it.
    await page.mouse.move(box.x + box.width + 300, 5, { steps: 3 });
    await card.waitFor({ state: 'detached', timeout: 5_000 });
    await page.close();
  });

  it('analyses text that a page renders after load', async () => {
    const seed = seeds.at(-1)!;
    const page = await browser.context.newPage();
    await page.goto(server.url(LATE));
    await page.waitForFunction(() => document.querySelectorAll('#root p').length > 0);
    await page.waitForFunction(
      (names) => names.some((n) => (CSS.highlights.get(n)?.size ?? 0) > 0),
      ['scarcheck-green', 'scarcheck-amber', 'scarcheck-red'],
      { timeout: 20_000 },
    );
    expect(await paintedCount(page)).toBe(seed.expected.length);
    const tabId = await tabIdOf(browser.sw, page);
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-popup-count').waitFor();
    expect(await popup.getByTestId('scarcheck-popup-row').count()).toBe(seed.expected.length);
    await popup.close();
    await page.close();
  });

  it('does nothing on a page without treatment words, and the popup says so', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(PLAIN));
    const tabId = await tabIdOf(browser.sw, page);
    const popup = await openPopup(browser, tabId);
    await popup.getByText('No claims about scar treatments found on this page.').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('scarcheck-popup-count').textContent()).toMatch(/(^|\D)0(\D|$)/);
    await page.bringToFront();
    expect(await paintedCount(page)).toBe(0);
    const state = await page.evaluate(() => ({
      same: (window as unknown as { __scBefore: string }).__scBefore === document.body.innerHTML,
      host: document.querySelectorAll('scarcheck-ui').length,
    }));
    expect(state).toEqual({ same: true, host: 0 });
    expect(await badgeText(browser.sw, tabId)).toBe('');
    await popup.close();
    await page.close();
  });

  it('says it cannot read a page without a content script', async () => {
    const page = await browser.context.newPage();
    await page.goto('about:blank');
    const tabId = await tabIdOf(browser.sw, page);
    const popup = await openPopup(browser, tabId);
    await popup.getByText('ScarCheck cannot read this page.').waitFor({ timeout: 10_000 });
    await popup.close();
    await page.close();
  });
});
