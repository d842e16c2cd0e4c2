/**
 * Embedded frames in Chromium: a page with a same-origin iframe and a cross-origin iframe (a second
 * server port), both full of claims. ScarCheck reads neither until the reader asks in the popup;
 * then it reads and paints the same-origin frame only, lists its claims in the popup, counts them
 * on the badge, and a jump from the popup opens the claim's card inside the frame.
 *
 * The popup's click grants activeTab in real use. Headless Chromium has no toolbar to click, so
 * the test runs the action through the DevTools protocol (Extensions.triggerAction, which needs
 * --enable-unsafe-extension-debugging and a pipe connection: Playwright's), then opens the popup
 * page in a tab for that tab as the other popup tests do.
 */
import fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierOf, type VerdictId } from '../../lib/knowledge/ids';
import {
  CARD, TIER_NAMES, axeAudit, badgeText, cliClaims, isNetworkUrl, launch, openPopup, pageFor, paintedCount, recordRequests, seedFiles, serve, tabIdOf, waitForPaint,
  type Browser, type CliClaim, type Server,
} from './harness';

let browser: Browser;
let home: Server;
let other: Server;
const [topFile, innerFile, crossFile] = seedFiles();
let expected: { top: CliClaim[]; inner: CliClaim[] };

/** The page: the top seed, then a same-origin iframe and a cross-origin one (another port). */
const pageWithFrames = (crossUrl: string) => pageFor(fs.readFileSync(topFile!, 'utf8'), 'Frames')
  .replace('<script>', '<iframe id="same" src="/inner.html" style="width:900px;height:500px"></iframe>'
    + `<iframe id="cross" src="${crossUrl}" style="width:900px;height:500px"></iframe><script>`);

beforeAll(async () => {
  browser = await launch({ args: ['--enable-unsafe-extension-debugging'] });
  other = await serve({ '/cross.html': pageFor(fs.readFileSync(crossFile!, 'utf8'), 'Cross-origin frame') });
  const crossUrl = other.url('/cross.html');
  home = await serve({
    '/frames.html': pageWithFrames(crossUrl),
    '/inner.html': pageFor(fs.readFileSync(innerFile!, 'utf8'), 'Same-origin frame'),
  });
  expected = { top: cliClaims(topFile!), inner: cliClaims(innerFile!) };
});

afterAll(async () => {
  await browser?.close();
  await home?.close();
  await other?.close();
});

/** Runs the extension's toolbar action on `page`'s tab, as a click on the ScarCheck button would (grants activeTab). */
async function clickAction(page: Page): Promise<void> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never) as { targetInfos: Array<{ type: string; url: string; targetId: string }> };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: browser.extId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

const frameOf = (page: Page, path: string): Frame => {
  const f = page.frames().find((fr) => fr.url().endsWith(path));
  if (!f) throw new Error(`no frame ${path}`);
  return f;
};

/** Ranges in ScarCheck's highlights inside a frame (its own CSS.highlights). */
const paintedIn = (frame: Frame) =>
  frame.evaluate((names) => names.reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0), [...TIER_NAMES]);
const hasUi = (frame: Frame) => frame.evaluate(() => !!document.querySelector('scarcheck-ui'));

async function openPage(): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(home.url('/frames.html'));
  await waitForPaint(page);
  // Both frames have loaded their text.
  for (const p of ['/inner.html', '/cross.html']) {
    await frameOf(page, p).waitForFunction(() => document.readyState === 'complete' && (document.body?.textContent ?? '').length > 100);
  }
  return { page, tabId: await tabIdOf(browser.sw, page) };
}

describe('same-origin frames, read on request', () => {
  it('has seeds with claims in each part of the page', () => {
    expect(expected.top.length).toBeGreaterThan(0);
    expect(expected.inner.length).toBeGreaterThan(0);
    expect(cliClaims(crossFile!).length).toBeGreaterThan(0);
  });

  it('reads no frame by itself; after the popup\'s button, paints and lists the same-origin frame only', async () => {
    const recorder = recordRequests(browser.context);
    const { page, tabId } = await openPage();
    const inner = frameOf(page, '/inner.html');
    const cross = frameOf(page, '/cross.html');
    const questionable = (cs: CliClaim[]) => cs.filter((c) => tierOf(c.verdict as VerdictId) !== 'green').length;

    // Nothing in either frame is read or painted, by the page load alone…
    expect(await paintedCount(page)).toBe(expected.top.length);
    expect(await paintedIn(inner)).toBe(0);
    expect(await paintedIn(cross)).toBe(0);
    expect(await hasUi(inner)).toBe(false);
    expect(await hasUi(cross)).toBe(false);
    expect(await badgeText(browser.sw, tabId)).toBe(String(questionable(expected.top) || ''));

    // …nor by opening the popup, which offers to read the one same-origin frame.
    await clickAction(page);
    const popup = await openPopup(browser, tabId);
    const button = popup.getByTestId('scarcheck-read-frames');
    await button.waitFor({ timeout: 10_000 });
    expect(await button.textContent()).toBe('Also read the embedded frame');
    expect(await popup.getByTestId('scarcheck-popup-row').count()).toBe(expected.top.length);
    expect(await paintedIn(inner)).toBe(0);
    // The offer is accessible like the rest of the popup.
    expect((await axeAudit(popup)).violations).toEqual([]);

    await button.click();
    const frameRows = popup.locator('[data-testid=scarcheck-popup-row]:not([data-frame-id="0"])');
    await frameRows.first().waitFor({ timeout: 30_000 });

    // The same-origin frame is painted exactly as the CLI reads its text, with its own UI host.
    await inner.waitForFunction(() => document.querySelector('scarcheck-ui')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
    expect(await paintedIn(inner)).toBe(expected.inner.length);
    expect(await hasUi(inner)).toBe(true);
    // The popup lists the page's claims and the frame's, and offers nothing more to read.
    expect(await frameRows.count()).toBe(expected.inner.length);
    expect(await popup.getByTestId('scarcheck-popup-row').count()).toBe(expected.top.length + expected.inner.length);
    expect(await popup.getByTestId('scarcheck-read-frames').count()).toBe(0);
    expect(await frameRows.first().textContent()).toContain('In an embedded frame');
    // The badge counts the questionable claims of the page and of the frame.
    const badge = questionable(expected.top) + questionable(expected.inner);
    await expect.poll(() => badgeText(browser.sw, tabId)).toBe(badge ? String(badge) : '');

    // The cross-origin frame stays untouched.
    expect(await paintedIn(cross)).toBe(0);
    expect(await hasUi(cross)).toBe(false);

    // Jumping to a frame's claim opens its card inside the frame.
    const row = frameRows.last();
    const index = Number(await row.getAttribute('data-claim-index'));
    await row.click();
    await page.bringToFront();
    const card = inner.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await card.locator(`[data-claim-index="${index}"]`).count()).toBe(1);
    expect(await page.locator(CARD).count()).toBe(0);

    // A second click (another popup) starts nothing twice: still one UI host, same marks.
    const again = await openPopup(browser, tabId);
    await again.getByTestId('scarcheck-popup-count').waitFor();
    await expect.poll(() => again.getByTestId('scarcheck-popup-row').count()).toBe(expected.top.length + expected.inner.length);
    expect(await again.getByTestId('scarcheck-read-frames').count()).toBe(0);
    expect(await inner.evaluate(() => document.querySelectorAll('scarcheck-ui').length)).toBe(1);
    await again.close();

    // Jumping to one of the page's own claims still goes to the page itself.
    await popup.bringToFront();
    const topRow = popup.locator('[data-testid=scarcheck-popup-row][data-frame-id="0"]').first();
    const topIndex = Number(await topRow.getAttribute('data-claim-index'));
    await topRow.click();
    await page.bringToFront();
    await page.locator(CARD).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator(`${CARD} [data-claim-index="${topIndex}"]`).count()).toBe(1);

    // Reading the frames sent nothing anywhere: the only network requests are the page's own documents.
    recorder.stop();
    const network = recorder.requests.filter((r) => isNetworkUrl(r.url));
    expect(network.filter((r) => r.from !== 'web-page' || !r.navigation).map((r) => `${r.from} ${r.url}`)).toEqual([]);
    expect(new Set(network.map((r) => new URL(r.url).pathname))).toEqual(new Set(['/frames.html', '/inner.html', '/cross.html']));

    await popup.close();
    await page.close();
  });

  it('reads nothing without the reader\'s click on the toolbar button (no access to the tab)', async () => {
    const { page, tabId } = await openPage();
    const popup = await openPopup(browser, tabId);
    const button = popup.getByTestId('scarcheck-read-frames');
    await button.waitFor({ timeout: 10_000 });
    await button.click();
    await popup.getByTestId('scarcheck-frames-none').waitFor({ timeout: 10_000 });
    expect(await paintedIn(frameOf(page, '/inner.html'))).toBe(0);
    expect(await hasUi(frameOf(page, '/inner.html'))).toBe(false);
    expect(await paintedIn(frameOf(page, '/cross.html'))).toBe(0);
    await popup.close();
    await page.close();
  });

  it('forgets a page\'s frames when the tab goes to another page', async () => {
    const { page, tabId } = await openPage();
    await clickAction(page);
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-read-frames').click();
    await popup.locator('[data-testid=scarcheck-popup-row]:not([data-frame-id="0"])').first().waitFor({ timeout: 30_000 });
    await popup.close();
    await page.goto(home.url('/inner.html'));
    await waitForPaint(page);
    const after = await openPopup(browser, tabId);
    await after.getByTestId('scarcheck-popup-count').waitFor();
    await expect.poll(() => after.getByTestId('scarcheck-popup-row').count()).toBe(expected.inner.length);
    expect(await after.locator('[data-testid=scarcheck-popup-row]:not([data-frame-id="0"])').count()).toBe(0);
    const badge = expected.inner.filter((c) => tierOf(c.verdict as VerdictId) !== 'green').length;
    await expect.poll(() => badgeText(browser.sw, tabId)).toBe(badge ? String(badge) : '');
    await after.close();
    await page.close();
  });
});
