/**
 * Accessibility and layout in Chromium: axe-core (npm) finds no serious or critical violation on
 * the hover card (inside ScarCheck's shadow root), the popup and the options page, in light and
 * dark mode; the card is sized in px whatever the page's root font size, sits against its claim
 * under a sticky header and inside a transformed layout, and flips above a claim near the bottom
 * of the viewport.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeAudit, clearExtensionStorage, installPaintedRanges, launch, openOptionsPage, openPopup, pageFor, runCommand, seedFiles, serve, setExtensionStorage,
  tabIdOf, waitForPaint, type Browser, type Server,
} from './harness';

const CARD = 'scarcheck-ui [data-testid=scarcheck-card]';
const CARD_IN_SHADOW = [['scarcheck-ui', '[data-testid=scarcheck-card]']];
const SCHEMES = ['light', 'dark'] as const;

/** axe's serious and critical violations, after checking that it measured text contrast at all. */
async function violations(page: Page, include?: string[][]) {
  const audit = await axeAudit(page, include);
  expect(audit.passed).toContain('color-contrast');
  return audit.violations;
}

let browser: Browser;
let server: Server;

/** Seed text inside a page with a 10px root font, a sticky header and a transformed column. */
function awkwardPage(text: string): string {
  const inner = pageFor(text).match(/<body>([\s\S]*)<script>/)![1]!;
  return '<!doctype html><html lang="en" style="font-size:10px"><head><meta charset="utf-8"><title>Awkward layout</title><style>'
    + 'body{margin:0;font:16px/1.5 Georgia,serif;color:#222}'
    + 'header{position:sticky;top:0;height:72px;background:#1f2937;color:#fff;z-index:9999;display:flex;align-items:center;padding:0 16px}'
    + '.col{max-width:640px;margin:0 auto;padding:0 16px;transform:translateX(24px) scale(0.92);transform-origin:0 0}'
    + '</style></head><body><header>Forum</header>'
    + `<div class="col">${inner}</div></body></html>`;
}

beforeAll(async () => {
  browser = await launch();
  const text = fs.readFileSync(seedFiles()[0]!, 'utf8');
  server = await serve({ '/seed.html': pageFor(text, 'Seed'), '/awkward.html': awkwardPage(text) });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(route: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(server.url(route));
  await waitForPaint(page);
  return { page, tabId: await tabIdOf(browser.sw, page) };
}

/** The first painted claim's line box after scrolling it to viewport y = `y`. */
const lineAt = async (page: Page, y: number) => { await installPaintedRanges(page); return page.evaluate((targetY) => {
  const ranges = window.__scPaintedRanges();
  const range = ranges[Math.floor(ranges.length / 2)]!;
  const first = () => Array.from(range.getClientRects()).find((r) => r.width > 8 && r.height > 0)!;
  window.scrollBy(0, first().top - targetY);
  const r = first();
  return { x: r.left + Math.min(r.width / 2, 30), y: r.top + r.height / 2, top: r.top, bottom: r.bottom, left: r.left };
}, y); };

describe('axe-core', () => {
  it('finds no serious or critical violation on the card, with its details and report form open', async () => {
    const { page } = await open('/seed.html');
    await runCommand(browser, 'next-claim');
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible' });
    await card.locator('[data-testid=scarcheck-more]').first().click();
    await card.locator('[data-testid=scarcheck-about]').first().click();
    await card.locator('[data-testid=scarcheck-report]').first().click();
    await card.locator('textarea').waitFor();
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page, CARD_IN_SHADOW), `card, ${scheme}`).toEqual([]);
    }
    // The live region sits in the shadow root too.
    expect((await axeAudit(page, [['scarcheck-ui', '[data-testid=scarcheck-live]']])).violations).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.close();
  });

  it('finds no serious or critical violation on the popup: claims, filters, switches, About, a site switched off', async () => {
    await clearExtensionStorage(browser);
    const { page, tabId } = await open('/seed.html');
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-popup-row').first().waitFor();
    for (const scheme of SCHEMES) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await violations(popup), `popup, ${scheme}`).toEqual([]);
    }
    await popup.getByTestId('scarcheck-about-toggle').click();
    await popup.getByTestId('scarcheck-kb-version').filter({ hasText: /Version \d/ }).waitFor();
    for (const scheme of SCHEMES) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await violations(popup), `popup About, ${scheme}`).toEqual([]);
    }
    await popup.getByTestId('scarcheck-about-toggle').click();
    await popup.getByTestId('scarcheck-site-switch').check();
    await popup.getByTestId('scarcheck-site-switch').uncheck();
    await popup.getByTestId('scarcheck-popup-off').waitFor();
    expect(await violations(popup), 'popup, site off').toEqual([]);
    await clearExtensionStorage(browser);
    await popup.close();
    await page.close();
  });

  it('finds no serious or critical violation on the options page, with sites, reports and an import error', async () => {
    await setExtensionStorage(browser, {
      settings: { version: 1, paused: false, marks: true, markTiers: 'questionable', sitesOff: ['reddit.com'] },
      reports: { version: 1, items: [{ id: 'r1', date: '2026-11-22T10:00:00.000Z', host: 'example.com', text: 'Fillers last forever.', verdict: 'false', entryId: 'filler-permanent', comment: 'Outdated source.', kbVersion: '0.1.0' }] },
    });
    const options = await openOptionsPage(browser);
    await options.getByTestId('scarcheck-report-item').waitFor();
    await options.getByTestId('scarcheck-import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
    await options.getByRole('alert').waitFor();
    for (const scheme of SCHEMES) {
      await options.emulateMedia({ colorScheme: scheme });
      expect(await violations(options), `options, ${scheme}`).toEqual([]);
    }
    await clearExtensionStorage(browser);
    await options.close();
  });
});

describe('card layout', () => {
  it('is sized in px under a 10px root font, sits against its claim under a sticky header in a transformed column, and flips at the bottom', async () => {
    const { page } = await open('/awkward.html');
    await page.bringToFront();
    const card = page.locator(CARD);

    // A claim just under the sticky header: the card opens below the line, above the header's layer.
    const high = await lineAt(page, 120);
    await page.mouse.move(2, high.y);
    await page.mouse.move(high.x, high.y, { steps: 4 });
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    const styles = await card.evaluate((el) => {
      const note = el.querySelector('.sc-claim__note')!;
      return { width: el.getBoundingClientRect().width, font: getComputedStyle(note).fontSize };
    });
    expect(styles).toEqual({ width: 340, font: '13px' });
    let box = (await card.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(high.bottom);
    expect(box.y - high.bottom).toBeLessThan(16);
    expect(Math.abs(box.x - Math.max(8, high.left))).toBeLessThan(2);
    const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase(), [box.x + 20, box.y + 10]);
    expect(onTop).toBe('scarcheck-ui');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    // A claim near the bottom of the viewport: the card flips above it and stays in the viewport.
    const vh = page.viewportSize()!.height;
    const low = await lineAt(page, vh - 60);
    await page.mouse.move(2, low.y);
    await page.mouse.move(low.x, low.y, { steps: 4 });
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    box = (await card.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(low.top);
    expect(low.top - (box.y + box.height)).toBeLessThan(16);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.close();
  });
});
