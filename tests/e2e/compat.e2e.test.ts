/**
 * Never break a page, on the pages most likely to break: in Chromium with the built extension,
 * - a server-rendered React 19 page hydrated in the browser (its #root at load, and separately the
 *   whole document after ScarCheck has painted and put its UI host on <html>): no hydration or
 *   console error, its claims are marked, and marks follow React's later re-renders;
 * - a page served with a strict Content-Security-Policy: marks, a styled card and the popup work,
 *   and ScarCheck causes no CSP violation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPage, rootPage } from './fixtures/react-server.mjs';
import {
  CARD, hoverFirstClaim,
  ROOT, SHOTS, cliClaims, launch, openPopup, pageFor, paintedCount, seedFiles, serveRoutes, tabIdOf, waitForPaint,
  watchProblems, type Browser, type RouteServer,
} from './harness';

const CSP = "default-src 'none'; style-src 'self'; script-src 'self'";
const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');

let browser: Browser;
let server: RouteServer;
let tmp: string;
/** Expected claim counts, from the CLI on the same HTML. */
const expected: Record<string, number> = {};

/** The CLI's claims for an HTML string (written to a temp file). */
function cliCount(name: string, html: string): number {
  const file = path.join(tmp, `${name}.html`);
  fs.writeFileSync(file, html);
  return cliClaims(file).length;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scarcheck-compat-'));
  const bundle = await esbuild.build({
    entryPoints: [path.join(FIXTURES, 'react-client.mjs')],
    bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent',
    // The development build: it reports every hydration mismatch it notices.
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  const client = bundle.outputFiles[0]!.text;

  const seed = fs.readFileSync(seedFiles()[1]!, 'utf8');
  // pageFor's inline <style> and <script> would be blocked by the CSP: serve them as files.
  const cspHtml = pageFor(seed, 'Strict CSP')
    .replace(/<style>[\s\S]*?<\/style>/, '<link rel="stylesheet" href="/page.css">')
    .replace(/<script>[\s\S]*?<\/script>/, '<script src="/before.js"></script>');
  const pages = {
    '/react-root.html': rootPage('/client.js'),
    '/react-document.html': documentPage('/client.js?document'),
    '/csp.html': cspHtml,
  };
  for (const [route, html] of Object.entries(pages)) expected[route] = cliCount(route.slice(1, -5), html);

  server = await serveRoutes({
    '/client.js': { body: client, type: 'text/javascript' },
    '/react-root.html': { body: pages['/react-root.html'] },
    '/react-document.html': { body: pages['/react-document.html'] },
    '/csp.html': { body: pages['/csp.html'], headers: { 'content-security-policy': CSP } },
    '/page.css': { body: 'body{font:16px/1.5 Georgia,serif;max-width:720px;margin:24px auto;padding:0 16px;color:#222}', type: 'text/css' },
    '/before.js': {
      body: 'window.__scBefore = document.body.innerHTML; window.__violations = [];'
        + "document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));",
      type: 'text/javascript',
    },
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const reactErrors = (page: Page) => page.evaluate(() => (window as unknown as { __reactErrors: string[] }).__reactErrors);


describe('a server-rendered React page', () => {
  it('hydrated at load: no hydration or console error, claims marked, marks follow re-renders', async () => {
    expect(expected['/react-root.html']).toBeGreaterThanOrEqual(3);
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/react-root.html'));
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'yes');
    await waitForPaint(page);
    expect(await paintedCount(page)).toBe(expected['/react-root.html']);

    // React keeps working: a state update re-renders text, another adds a claim.
    await page.click('#like');
    await page.click('#like');
    await expect.poll(() => page.textContent('#like')).toBe('Helpful (2)');
    await page.click('#more');
    await page.waitForSelector('#late');
    await expect.poll(() => paintedCount(page), { timeout: 15_000 }).toBe(expected['/react-root.html']! + 1);
    const card = await hoverFirstClaim(page);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5_000 });

    expect(await reactErrors(page)).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.ours).toEqual([]);
    await page.close();
  });

  it('hydrated as a whole document after ScarCheck painted: no hydration error, marks and card still work', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/react-document.html'));
    await waitForPaint(page);
    const before = await paintedCount(page);
    expect(before).toBe(expected['/react-document.html']);
    expect(await page.evaluate(() => document.querySelector('html > scarcheck-ui') !== null)).toBe(true);

    await page.evaluate(() => (window as unknown as { __hydrateDocument(): void }).__hydrateDocument());
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'yes');
    await page.click('#like');
    await expect.poll(() => page.textContent('#like')).toBe('Helpful (1)');
    await page.click('#more');
    await page.waitForSelector('#late');
    await expect.poll(() => paintedCount(page), { timeout: 15_000 }).toBe(before + 1);
    const card = await hoverFirstClaim(page);
    await page.screenshot({ path: path.join(SHOTS, 'react-document-card.png') });
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5_000 });

    expect(await reactErrors(page)).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.ours).toEqual([]);
    await page.close();
  });
});

describe('a page with a strict Content-Security-Policy', () => {
  let page: Page;
  let problems: ReturnType<typeof watchProblems>;

  beforeAll(async () => {
    page = await browser.context.newPage();
    problems = watchProblems(page);
    const res = await page.goto(server.url('/csp.html'));
    expect(res?.headers()['content-security-policy']).toBe(CSP);
    await waitForPaint(page);
  });
  afterAll(async () => { await page?.close(); });

  it('gets its claims marked, with the underline styles applied', async () => {
    expect(await paintedCount(page)).toBe(expected['/csp.html']);
    // The ::highlight() rules reach the page: the computed underline of each painted tier.
    const styles = await page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const name of ['scarcheck-green', 'scarcheck-amber', 'scarcheck-red']) {
        if (!CSS.highlights.has(name)) continue;
        out[name] = getComputedStyle(document.body, `::highlight(${name})`).textDecorationLine;
      }
      return out;
    });
    expect(Object.keys(styles).length).toBeGreaterThan(0);
    for (const line of Object.values(styles)) expect(line).toBe('underline');
  });

  it('opens a styled card on hover', async () => {
    const card = await hoverFirstClaim(page);
    const look = await card.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { position: cs.position, background: cs.backgroundColor, width: el.getBoundingClientRect().width };
    });
    expect(look.position).toBe('fixed');
    expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(look.width).toBeGreaterThan(200);
    await page.screenshot({ path: path.join(SHOTS, 'csp-card.png') });
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('lists its claims in the popup', async () => {
    const popup = await openPopup(browser, await tabIdOf(browser.sw, page));
    await popup.getByTestId('scarcheck-popup-count').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('scarcheck-popup-row').count()).toBe(expected['/csp.html']);
    await popup.close();
  });

  it('leaves the page as it was, with no CSP violation and no error', async () => {
    const state = await page.evaluate(() => {
      const w = window as unknown as { __scBefore: string; __violations: string[] };
      return { same: w.__scBefore === document.body.innerHTML, violations: w.__violations };
    });
    expect(state).toEqual({ same: true, violations: [] });
    expect(problems.errors).toEqual([]);
    expect(problems.ours).toEqual([]);
  });
});
