/**
 * ScarCheck in Firefox ESR (the MV2 build, as a temporary add-on, driven over WebDriver BiDi):
 * on a seed page the painted claims equal what the CLI reports, hovering a claim opens its card,
 * and the popup lists the same number of claims. A page with a strict Content-Security-Policy
 * gets marks and a styled card too. The page's <body> is left untouched throughout.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SHOTS, TIER_NAMES, cliClaims, installPaintedRanges, launchFirefox, openFirefoxExtensionPage, pageFor, seedFiles, serveRoutes, withoutFavicon,
  type CliClaim, type FirefoxBrowser, type RouteServer,
} from './harness';

declare const browser: { tabs: { getCurrent(): Promise<{ id: number }>; query(q: object): Promise<Array<{ id: number }>> } }; // in moz-extension pages

const CARD = 'scarcheck-ui >>> [data-testid=scarcheck-card]';
// Images are allowed: the browser's own favicon request is not ScarCheck's (it loads no images).
const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:";

const seedFile = seedFiles()[0]!;
let expected: CliClaim[];
let fx: FirefoxBrowser;
let server: RouteServer;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  expected = cliClaims(seedFile);
  const text = fs.readFileSync(seedFile, 'utf8');
  server = await serveRoutes({
    '/seed.html': { body: withoutFavicon(pageFor(text, path.basename(seedFile))) },
    '/csp.html': {
      body: withoutFavicon(pageFor(text, 'Strict CSP').replace(/<style>[\s\S]*?<\/style>/, '').replace(/<script>[\s\S]*?<\/script>/, '<script src="/before.js"></script>')),
      headers: { 'content-security-policy': CSP },
    },
    '/before.js': {
      body: 'window.__scBefore = document.body.innerHTML; window.__violations = [];'
        + "document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
      type: 'text/javascript',
    },
  });
  fx = await launchFirefox();
}, 120_000);

afterAll(async () => {
  await fx?.close();
  await server?.close();
});

const painted = (page: Page) => page.evaluate((names) => names.reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0), [...TIER_NAMES]);

async function openAndWait(route: string): Promise<Page> {
  const page = await fx.browser.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(server.url(route));
  await page.waitForFunction(
    // Painted, UI mounted, and the reading over (the top of a page is painted before the rest).
    (names) => names.some((n) => (CSS.highlights.get(n)?.size ?? 0) > 0) && !!document.querySelector('scarcheck-ui')?.shadowRoot
      && document.querySelector('scarcheck-ui')?.getAttribute('data-state') === 'idle',
    { timeout: 30_000 },
    [...TIER_NAMES],
  );
  return page;
}

/** Scrolls the first painted claim into view and moves the pointer onto it. */
async function hoverFirstClaim(page: Page): Promise<void> {
  await installPaintedRanges(page);
  const pt = await page.evaluate(() => {
    const ranges = window.__scPaintedRanges();
    ranges[0]!.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const rect = Array.from(ranges[0]!.getClientRects()).find((r) => r.width > 2 && r.height > 0)!;
    return { x: rect.left + Math.min(rect.width / 2, 40), y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(2, pt.y);
  await page.mouse.move(pt.x, pt.y, { steps: 4 });
}

describe('ScarCheck in Firefox', () => {
  let page: Page;

  beforeAll(async () => { page = await openAndWait('/seed.html'); }, 60_000);

  it('paints exactly the claims the CLI reports for the same text', async () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(await painted(page)).toBe(expected.length);
  });

  it('shows the card with sources when hovering a claim, and Escape closes it', async () => {
    await page.bringToFront();
    await hoverFirstClaim(page);
    const card = await page.waitForSelector(CARD, { visible: true, timeout: 10_000 });
    expect(await card!.evaluate((el) => el.textContent ?? '')).toContain('Not medical advice.');
    expect(await card!.evaluate((el) => el.querySelectorAll('[data-testid=scarcheck-source-link]').length)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'firefox-card.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector(CARD, { hidden: true, timeout: 5_000 });
  });

  it('lists the same number of claims in the popup', async () => {
    // The popup opened in a tab finds the page's tab id itself (tab URLs need the "tabs" permission).
    const probe = await openFirefoxExtensionPage(fx, 'popup.html');
    const tabId = await probe.evaluate(async () => {
      const me = await browser.tabs.getCurrent();
      const others = (await browser.tabs.query({})).filter((t) => t.id !== me.id);
      return others.at(-1)!.id;
    });
    await probe.close();
    const popup = await openFirefoxExtensionPage(fx, `popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-testid=scarcheck-popup-count]', { timeout: 15_000 });
    const n = expected.length;
    expect(await popup.$eval('[data-testid=scarcheck-popup-count]', (el) => el.textContent ?? '')).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
    expect((await popup.$$('[data-testid=scarcheck-popup-row]')).length).toBe(n);
    await popup.close();
  });

  it('left the page\'s <body> untouched', async () => {
    expect(await page.evaluate(() => (window as unknown as { __scBefore: string }).__scBefore === document.body.innerHTML)).toBe(true);
  });
});

describe('a strict Content-Security-Policy page in Firefox', () => {
  it('gets its claims marked and a styled card, without CSP violations', async () => {
    const page = await openAndWait('/csp.html');
    expect(await painted(page)).toBe(expected.length);
    await hoverFirstClaim(page);
    const card = await page.waitForSelector(CARD, { visible: true, timeout: 10_000 });
    const look = await card!.evaluate((el) => ({ position: getComputedStyle(el).position, background: getComputedStyle(el).backgroundColor }));
    expect(look.position).toBe('fixed');
    expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'firefox-csp-card.png') });
    const state = await page.evaluate(() => {
      const w = window as unknown as { __scBefore: string; __violations: string[] };
      return { same: w.__scBefore === document.body.innerHTML, violations: w.__violations };
    });
    expect(state).toEqual({ same: true, violations: [] });
    await page.close();
  });
});
