/**
 * Never leak, in Chromium with the built extension:
 * - while the four seed pages are read, their cards opened and their claims listed and jumped to
 *   from the popup (and the options page opened, when the build has one), no ScarCheck context
 *   (service worker, content script, popup, options page) makes a single network request;
 * - page text full of markup and script shows as text in the card and the popup, and never runs.
 *
 * Two independent records: every request Playwright sees from any page, extension page or the
 * service worker, and every request the test server receives. The fixture pages load nothing
 * themselves (no images, scripts or styles; an inline favicon), so the only requests either
 * record may hold are the navigations to the pages. A last test checks that both records do see
 * a request from each ScarCheck context, so an empty record means "no request", not "not looking".
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SHOTS, evaluateInContentScript, firstClaimPoint, isNetworkUrl, launch, openPopup, optionsPageOf, pageFor, recordRequests,
  seedFiles, serveRoutes, tabIdOf, waitForPaint, watchProblems, withoutFavicon, type Browser, type RouteServer, type SeenRequest,
} from './harness';

const CARD = 'scarcheck-ui [data-testid=scarcheck-card]';

const seeds = seedFiles().map((file, i) => ({ name: path.basename(file), file, route: `/seed-${i}.html` }));

// Literal markup in a claim sentence (escaped in the page source, so the page shows it as text).
// If any of it were parsed as HTML, the <img> would request /x and run its onerror handler.
const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_IMG2 = '<img src=/x2 onerror="document.documentElement.dataset.pwned=1">';
const XSS_SENTENCE = `Microneedling is safe for all skin types, <b>bold</b> <script>alert(2)</script> ${XSS_IMG} ${XSS_IMG2}`;
const MARKUP = '/markup.html';

let browser: Browser;
let server: RouteServer;
let recorder: ReturnType<typeof recordRequests>;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  recorder = recordRequests(browser.context);
  const routes: Parameters<typeof serveRoutes>[0] = {};
  for (const s of seeds) routes[s.route] = { body: withoutFavicon(pageFor(fs.readFileSync(s.file, 'utf8'), s.name)) };
  routes[MARKUP] = { body: withoutFavicon(pageFor(`Acne scar forum: markup in posts\n${XSS_SENTENCE}\nI have had acne scars for years.`, 'Markup')) };
  routes['/probe'] = { body: 'ok', type: 'text/plain' };
  server = await serveRoutes(routes);
});

afterAll(async () => {
  recorder?.stop();
  await browser?.close();
  await server?.close();
});

const describeRequest = (r: SeenRequest) => `${r.method} ${r.url} from ${r.from} ${r.origin}${r.navigation ? ' (navigation)' : ''}`;

describe('ScarCheck makes no network requests', () => {
  it('from any of its contexts while the seed pages are read, carded, listed and jumped to', async () => {
    expect(seeds.length).toBe(4);
    const opened: string[] = [];
    for (const seed of seeds) {
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      const url = server.url(seed.route);
      opened.push(url);
      await page.goto(url);
      await waitForPaint(page);
      // The hover card, and the treatment summary behind "About …".
      const pt = await firstClaimPoint(page);
      await page.mouse.move(2, pt.y);
      await page.mouse.move(pt.x, pt.y, { steps: 4 });
      const card = page.locator(CARD);
      await card.waitFor({ state: 'visible', timeout: 10_000 });
      await card.locator('[data-testid=scarcheck-about]').first().click();
      await card.locator('[data-testid=scarcheck-treatment-card]').first().waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached', timeout: 5_000 });
      // The popup's list, and a jump back into the page.
      const tabId = await tabIdOf(browser.sw, page);
      const popup = await openPopup(browser, tabId);
      const rows = popup.getByTestId('scarcheck-popup-row');
      await rows.first().waitFor({ timeout: 10_000 });
      await popup.locator('[data-testid=scarcheck-popup-row]:not([disabled])').last().click();
      await page.bringToFront();
      await card.waitFor({ state: 'visible', timeout: 5_000 });
      await popup.close();
      await page.close();
      expect(problems.errors, seed.name).toEqual([]);
    }
    const options = optionsPageOf();
    if (options) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extId}/${options}`);
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      await page.close();
    }
    await new Promise((r) => setTimeout(r, 500)); // anything late (timers, retries) would show up now

    const navigations = recorder.requests.filter((r) => r.from === 'web-page' && r.navigation).map((r) => r.url);
    expect(navigations, 'the recorder saw each page load').toEqual(opened);
    const leaks = recorder.requests.filter((r) => isNetworkUrl(r.url) && !(r.from === 'web-page' && r.navigation && opened.includes(r.url)));
    expect(leaks.map(describeRequest)).toEqual([]);
    // The server's own log: nothing but one document request per page.
    expect(server.hits.map((h) => `${h.method} ${h.path} ${h.dest}`)).toEqual(seeds.map((s) => `GET ${s.route} document`));
  });
});

describe('page text is never parsed as HTML', () => {
  let page: Page;
  let problems: ReturnType<typeof watchProblems>;

  beforeAll(async () => {
    page = await browser.context.newPage();
    problems = watchProblems(page);
    await page.goto(server.url(MARKUP));
    await waitForPaint(page);
  });
  afterAll(async () => { await page?.close(); });

  it('shows markup in a claim as literal text in the card, and runs none of it', async () => {
    await page.bringToFront();
    const pt = await firstClaimPoint(page);
    expect(pt.text).toContain(XSS_IMG);
    await page.mouse.move(2, pt.y);
    await page.mouse.move(pt.x, pt.y, { steps: 4 });
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    // Two claims share the sentence, so the card quotes it.
    await expect.poll(() => card.locator('[data-claim-index]').count(), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const quote = await card.evaluate((el) => {
      const q = el.querySelector('.sc-card__quote, .sc-claim__quote');
      return { text: q?.textContent ?? '', elements: q ? [...q.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()) : null };
    });
    expect(quote.elements, 'the quote is plain text').toEqual([]);
    expect(quote.text).toContain('<b>bold</b> <script>alert(2)</script> <img src=x onerror=alert(1)>');
    const injected = await card.evaluate((el) => el.querySelectorAll('img, script, b, iframe, object').length);
    expect(injected).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'card-markup.png') });
    await page.keyboard.press('Escape');
  });

  it('lists it as literal text in the popup', async () => {
    const tabId = await tabIdOf(browser.sw, page);
    const popup = await openPopup(browser, tabId);
    const rows = popup.getByTestId('scarcheck-popup-row');
    await rows.first().waitFor({ timeout: 10_000 });
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes(XSS_IMG))).toBe(true);
    expect(await popup.evaluate(() => document.querySelectorAll('#app img, #app script, #app b').length)).toBe(0);
    await popup.close();
  });

  it('loaded nothing and ran nothing: no /x request, no dialog, no attribute set', async () => {
    await page.waitForTimeout(300);
    expect(server.hits.filter((h) => h.path.startsWith('/x')).map((h) => h.path)).toEqual([]);
    expect(recorder.requests.filter((r) => /\/x2?$/.test(r.url)).map(describeRequest)).toEqual([]);
    expect(problems.dialogs).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.dataset.pwned ?? null)).toBeNull();
    expect(problems.errors).toEqual([]);
  });
});

describe('the request records', () => {
  it('do see a request from the service worker, the content script and the popup', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(seeds[0]!.route));
    await waitForPaint(page);
    const tabId = await tabIdOf(browser.sw, page);
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-popup-row').first().waitFor({ timeout: 10_000 });
    const before = recorder.requests.length;
    const probe = (who: string) => server.url(`/probe?from=${who}`);
    await browser.sw.evaluate((u) => fetch(u).then((r) => r.status), probe('sw'));
    await evaluateInContentScript(browser, page, `fetch(${JSON.stringify(probe('content'))}).then((r) => r.status)`);
    await popup.evaluate((u) => fetch(u).then((r) => r.status), probe('popup'));
    const seen = recorder.requests.slice(before).filter((r) => r.url.includes('/probe')).map((r) => `${r.from} ${new URL(r.url).search}`);
    expect(seen).toEqual(['service-worker ?from=sw', 'web-page ?from=content', 'extension-page ?from=popup']);
    expect(server.hits.filter((h) => h.path.startsWith('/probe')).map((h) => h.path)).toEqual(['/probe?from=sw', '/probe?from=content', '/probe?from=popup']);
    await popup.close();
    await page.close();
  });
});
