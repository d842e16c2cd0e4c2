/**
 * Real-browser harness: Debian Chromium (new headless) with the built extension, pages served
 * from 127.0.0.1. Flags and quirks: ../shared/research/e2e-harness.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

declare const chrome: any; // only inside sw.evaluate() callbacks (they run in the extension's service worker)

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXT = path.join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'tests/e2e/out');
export const SEEDS_DIR = path.resolve(ROOT, '../shared/seeds');

export const TIER_NAMES = ['scarcheck-green', 'scarcheck-amber', 'scarcheck-red'] as const;

export interface Browser {
  context: BrowserContext;
  sw: Worker;
  extId: string;
  close(): Promise<void>;
}

/** Newest modification time (ms) of the files under dir. */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The CLI reads knowledge/ directly while the extension bundles a compiled copy: a build older
 * than the knowledge files would make the two disagree for reasons unrelated to the code.
 * SCARCHECK_E2E_ALLOW_STALE=1 skips this check (while knowledge files are being edited).
 */
function assertFreshBuild(): void {
  const bundle = path.join(EXT, 'background.js');
  if (!fs.existsSync(bundle)) throw new Error(`no built extension at ${EXT}: run \`npm run build\` first`);
  const kb = path.join(ROOT, 'lib/knowledge/generated/kb.json');
  const compiled = fs.existsSync(kb) ? fs.statSync(kb).mtimeMs : 0;
  const stale = newest(path.join(ROOT, 'knowledge')) > compiled || compiled > fs.statSync(bundle).mtimeMs;
  if (stale && !process.env.SCARCHECK_E2E_ALLOW_STALE) {
    throw new Error('the built extension is older than knowledge/: run `npm run build` (it recompiles the knowledge base and rebuilds) first');
  }
}

export interface LaunchOptions {
  /** Extra Chromium flags, after the default ones. */
  args?: string[];
}

export async function launch(options: LaunchOptions = {}): Promise<Browser> {
  assertFreshBuild();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scarcheck-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--disable-gpu', '--disable-quic', '--disable-sync', ...(options.args ?? [])],
    viewport: { width: 1000, height: 700 },
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extId = new URL(sw.url()).host;
  return {
    context,
    sw,
    extId,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Server {
  url(p: string): string;
  close(): Promise<void>;
}

/** Serves fixed HTML documents by path. */
export async function serve(pages: Record<string, string>): Promise<Server> {
  const server = http.createServer((req, res) => {
    const body = pages[(req.url ?? '/').split('?')[0]!];
    if (body === undefined) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A page for a .txt: first line as <h1>, every other non-empty line as <p>. An inline script at
 * the very end of <body> records body.innerHTML before the content script runs (document_idle).
 * Nothing may follow </script>: even whitespace after </body> is parsed into <body>.
 */
export function pageFor(text: string, title = 'Seed page'): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [first = '', ...rest] = lines;
  const body = [`<h1>${escapeHtml(first)}</h1>`, ...rest.map((l) => `<p>${escapeHtml(l)}</p>`)].join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`
    + '<style>body{font:16px/1.5 Georgia,serif;max-width:720px;margin:24px auto;padding:0 16px;color:#222}</style></head>'
    + `<body>\n${body}\n<script>window.__scBefore = document.body.innerHTML;</script></body></html>`;
}

/**
 * The same page rendered the way a single-page app does it: an empty root filled by a script
 * after `delayMs`, once the content script has already looked at the page.
 */
export function lateRenderedPageFor(text: string, delayMs: number): string {
  const inner = pageFor(text).match(/<body>([\s\S]*)<script>/)![1]!;
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late page</title></head>'
    + `<body><div id="root">Loading…</div><script>setTimeout(() => { document.getElementById('root').innerHTML = ${JSON.stringify(inner)}; }, ${delayMs});</script></body></html>`;
}

export function seedFiles(): string[] {
  return fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS_DIR, f));
}

export interface CliClaim { start: number; end: number; text: string; treatment: string; verdict: string }

/** What the CLI reports for a file: the expected claims on the page built from it. */
export function cliClaims(file: string): CliClaim[] {
  const out = execFileSync('npm', ['run', '--silent', 'scan', '--', '--json', file], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(out) as { claims: CliClaim[] }).claims;
}

/** The tab id of a page (tab URLs are hidden without the "tabs" permission, so go by focus). */
export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id as number);
}

export async function badgeText(sw: Worker, tabId: number): Promise<string> {
  return sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }) as Promise<string>, tabId);
}

/** Sum of the ranges in our three tier highlights (evaluated in the page's main world). */
export async function paintedCount(page: Page): Promise<number> {
  return page.evaluate((names) => names.reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0), [...TIER_NAMES]);
}

/**
 * Scrolls the first painted claim (in document order) into view and returns the centre of its
 * first client rect.
 */
export function firstClaimPoint(page: Page): Promise<{ x: number; y: number; text: string }> {
  return claimPoint(page, 0);
}

/**
 * Page-side helper: `__scPaintedRanges(selector?)` returns ScarCheck's painted claims as live
 * Ranges in document order (only those inside `selector`, if given). Every test that points at a
 * claim uses it. Installed with a function, not a source string, so strict-CSP pages allow it.
 */
function definePaintedRanges(names: readonly string[]): void {
  window.__scPaintedRanges = (selector?: string) => {
    const ranges: Range[] = [];
    for (const name of names) {
      for (const r of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
        if (selector && !r.startContainer.parentElement?.closest(selector)) continue;
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        ranges.push(live);
      }
    }
    return ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  };
}

declare global {
  interface Window { __scPaintedRanges(selector?: string): Range[] }
}

/** Installs `__scPaintedRanges` in a page (Playwright's or puppeteer's: both take (fn, arg)). */
export async function installPaintedRanges(page: Page | import('puppeteer-core').Page): Promise<void> {
  await (page as Page).evaluate(definePaintedRanges, [...TIER_NAMES]);
}

/** Like firstClaimPoint, for the claim at `position` (0..1) of the painted claims in document order. */
export async function claimPoint(page: Page, position: number): Promise<{ x: number; y: number; text: string }> {
  await installPaintedRanges(page);
  return page.evaluate((position) => {
    const ranges = window.__scPaintedRanges();
    const first = ranges[Math.min(ranges.length - 1, Math.floor(position * ranges.length))];
    if (!first) throw new Error('no painted claim');
    first.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const rect = Array.from(first.getClientRects()).find((r) => r.width > 0 && r.height > 0)!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: first.toString() };
  }, position);
}

export async function openPopup(b: Browser, tabId: number): Promise<Page> {
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${b.extId}/popup.html?tabId=${tabId}`);
  return popup;
}

// ── Trust tests: routes with headers, request recording, page problems, Firefox ───────────────

export interface Route {
  body: string | Buffer;
  /** Content-Type; defaults to HTML. */
  type?: string;
  /** Extra response headers (e.g. a Content-Security-Policy). */
  headers?: Record<string, string>;
}

export interface Hit {
  method: string;
  path: string;
  dest: string | undefined;
}

export interface RouteServer extends Server {
  /** Every request the server received, in order. */
  hits: Hit[];
}

/** Like serve(), with per-route content type and headers, and a log of every request received. */
export async function serveRoutes(routes: Record<string, Route>): Promise<RouteServer> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0]!;
    const dest = req.headers['sec-fetch-dest'];
    hits.push({ method: req.method ?? 'GET', path: req.url ?? '/', dest: Array.isArray(dest) ? dest[0] : dest });
    const route = routes[p];
    if (!route) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': route.type ?? 'text/html; charset=utf-8', ...route.headers }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    hits,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** A page's HTML with an inline favicon, so the browser itself fetches nothing but the document. */
export const withoutFavicon = (html: string): string => html.replace('<head>', '<head><link rel="icon" href="data:,">');

/** One request as Playwright saw it, with the kind of context that made it. */
export interface SeenRequest {
  url: string;
  method: string;
  from: 'service-worker' | 'extension-page' | 'web-page';
  /** URL of the frame (pages) or worker script (service worker) that made the request. */
  origin: string;
  navigation: boolean;
}

/**
 * Records every request made by any page of the context (web pages with their content scripts,
 * extension pages such as the popup and options page) and by the extension's service worker.
 */
export function recordRequests(context: BrowserContext): { requests: SeenRequest[]; stop(): void } {
  const requests: SeenRequest[] = [];
  const onRequest = (r: import('playwright-core').Request) => {
    const sw = r.serviceWorker();
    let origin = sw?.url() ?? '';
    if (!sw) { try { origin = r.frame().url(); } catch { origin = '?'; } }
    // A navigation happens in the frame it replaces: classify it by where it goes.
    const page = r.isNavigationRequest() ? r.url() : origin;
    const from = sw ? 'service-worker' : page.startsWith('chrome-extension://') ? 'extension-page' : 'web-page';
    requests.push({ url: r.url(), method: r.method(), from, origin, navigation: r.isNavigationRequest() });
  };
  context.on('request', onRequest);
  return { requests, stop: () => context.off('request', onRequest) };
}

/** True for a URL that would leave the browser (chrome-extension:, data:, blob: and about: stay inside). */
export const isNetworkUrl = (url: string): boolean => !/^(chrome-extension|moz-extension|data|blob|about):/i.test(url);

export interface PageProblems {
  /** Uncaught exceptions and console.error calls on the page (main world and content script). */
  errors: string[];
  /** Every console message ScarCheck logged on the page (it prefixes them with "[ScarCheck]"). */
  ours: string[];
  /** alert / confirm / prompt dialogs the page opened (each is dismissed). */
  dialogs: string[];
}

/** Starts collecting a page's errors, ScarCheck's console messages and dialogs. */
export function watchProblems(page: Page): PageProblems {
  const p: PageProblems = { errors: [], ours: [], dialogs: [] };
  page.on('pageerror', (e) => p.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') p.errors.push(`console.error: ${m.text()}`);
    if (m.text().includes('[ScarCheck]')) p.ours.push(`${m.type()}: ${m.text()}`);
  });
  page.on('dialog', (d) => { p.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss().catch(() => undefined); });
  return p;
}

/**
 * Waits until ScarCheck has painted at least one claim, mounted its UI host, and finished reading
 * the page (its host's data-state: claims stream in batch by batch on long pages).
 */
export async function waitForPaint(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (names) => names.some((n) => (CSS.highlights.get(n)?.size ?? 0) > 0) && !!document.querySelector('scarcheck-ui')?.shadowRoot
      && document.querySelector('scarcheck-ui')?.getAttribute('data-state') === 'idle',
    [...TIER_NAMES],
    { timeout },
  );
}

/**
 * Evaluates an expression in ScarCheck's content-script world of a page (Chromium's isolated world
 * named after the extension), through CDP. Resolves promises and returns the value.
 */
export async function evaluateInContentScript(b: Browser, page: Page, expression: string): Promise<unknown> {
  const cdp = await b.context.newCDPSession(page);
  try {
    const worlds: Array<{ id: number; name: string; origin: string }> = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const world = worlds.findLast((w) => w.origin === `chrome-extension://${b.extId}`);
    if (!world) throw new Error('no ScarCheck content-script world on this page');
    const res = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
    if (res.exceptionDetails) throw new Error(`content-script evaluation failed: ${res.exceptionDetails.text}`);
    return res.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The built extension's manifest. */
export function builtManifest(dir = EXT): Record<string, unknown> & {
  options_ui?: { page?: string }; options_page?: string; permissions?: string[]; host_permissions?: string[]; optional_permissions?: string[];
  icons?: Record<string, string>; browser_specific_settings?: { gecko?: { id?: string } };
} {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
}

/** The options page of the built extension (relative path), when it has one. */
export function optionsPageOf(dir = EXT): string | undefined {
  const m = builtManifest(dir);
  return m.options_ui?.page ?? m.options_page;
}

// ── Reader experience: commands, storage, options page, focus, accessibility ─────────────────

/**
 * Runs a manifest command (next-claim / previous-claim) the way commands.onCommand does: the
 * background's handler, reached through the service worker (headless Chromium cannot press
 * browser-level shortcuts). Targets the active tab: bring the page to the front first.
 */
export async function runCommand(b: Browser, command: 'next-claim' | 'previous-claim'): Promise<{ ok: boolean; index?: number }> {
  return b.sw.evaluate((c) => (self as unknown as { scarcheck: { command(c: string): Promise<{ ok: boolean; index?: number }> } }).scarcheck.command(c), command);
}

/** The extension's storage.local (all keys, or one). */
export async function extensionStorage(b: Browser, key?: string): Promise<Record<string, unknown>> {
  return b.sw.evaluate((k) => chrome.storage.local.get(k ?? null) as Promise<Record<string, unknown>>, key);
}

export async function setExtensionStorage(b: Browser, items: Record<string, unknown>): Promise<void> {
  await b.sw.evaluate((i) => chrome.storage.local.set(i) as Promise<void>, items);
}

export async function clearExtensionStorage(b: Browser): Promise<void> {
  await b.sw.evaluate(() => chrome.storage.local.clear() as Promise<void>);
}

/** The options page in a tab. */
export async function openOptionsPage(b: Browser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extId}/options.html`);
  return page;
}

/**
 * Where keyboard focus is, through open shadow roots: the focused element's tag, test id, id,
 * and whether it sits inside ScarCheck's UI host.
 */
export function deepActiveElement(page: Page): Promise<{ tag: string; testId: string | null; id: string; inScarCheck: boolean } | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inScarCheck = false;
    while (el?.shadowRoot?.activeElement) {
      if (el.tagName === 'SCARCHECK-UI') inScarCheck = true;
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return null;
    return { tag: el.tagName.toLowerCase(), testId: el.getAttribute('data-testid'), id: el.id, inScarCheck };
  });
}

export interface AxeViolation { id: string; impact: string | null; help: string; targets: string[] }

export interface AxeAudit {
  /** Serious and critical violations. */
  violations: AxeViolation[];
  /** Ids of the rules that ran on some element and passed (e.g. "color-contrast"). */
  passed: string[];
}

/**
 * Runs axe-core (node_modules/axe-core) in the page. `include` limits the check, e.g.
 * [['scarcheck-ui', '[data-testid=scarcheck-card]']] for the card inside ScarCheck's shadow root.
 * Extension pages' CSP forbids inline scripts, so axe is evaluated through the debugging
 * protocol, not a <script> tag.
 *
 * axe lays out its colour-contrast grid from document.body only, and ScarCheck's UI host is a
 * child of <html>: with `include` starting at that host, the host is moved into <body> for the
 * audit and back afterwards (it is position: fixed, so nothing moves on screen).
 */
export async function axeAudit(page: Page, include?: string[][]): Promise<AxeAudit> {
  const source = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async (inc) => {
    type Result = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const host = inc?.[0]?.[0] ? document.querySelector(inc[0][0]) : null;
    const outside = host && host.parentNode === document.documentElement ? host : null;
    if (outside) document.body.append(outside);
    let res: { violations: Result[]; passes: Result[] };
    try {
      res = await axe.run(inc ? { include: inc.map((p) => ({ fromShadowDom: p })) } : document, { resultTypes: ['violations'] });
    } finally {
      if (outside) document.documentElement.append(outside);
    }
    return {
      violations: res.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) })),
      passed: res.passes.map((p) => p.id),
    };
  }, include ?? null);
}

// ── Firefox (firefox-esr over WebDriver BiDi with puppeteer-core; ../shared/research/e2e-harness.md) ──

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXT = path.join(ROOT, '.output/firefox-mv2');
/** The moz-extension:// UUID the tests pin through the fixed gecko id (extensions.webextensions.uuids). */
export const FIREFOX_UUID = '6f1c2b9e-5c3a-4f0e-9d7b-5ca2c4ec0e57';

export interface FirefoxBrowser {
  browser: import('puppeteer-core').Browser;
  /** moz-extension://<uuid> */
  base: string;
  close(): Promise<void>;
}

/** Launches headless Firefox ESR with the built MV2 extension installed as a temporary add-on. */
export async function launchFirefox(): Promise<FirefoxBrowser> {
  assertFreshBuild();
  const manifest = builtManifest(FIREFOX_EXT);
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${FIREFOX_EXT}/manifest.json has no browser_specific_settings.gecko.id to pin the extension UUID with`);
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Lets WebDriver open moz-extension:// pages (the popup in a tab).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }) },
  });
  try {
    await browser.installExtension(FIREFOX_EXT);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return { browser, base: `moz-extension://${FIREFOX_UUID}`, close: () => browser.close() };
}

/**
 * Opens a moz-extension:// page in a new tab. BiDi never reports "load" for those pages, so the
 * navigation is not awaited: wait for content instead.
 */
export async function openFirefoxExtensionPage(fx: FirefoxBrowser, relative: string): Promise<import('puppeteer-core').Page> {
  const page = await fx.browser.newPage();
  const url = `${fx.base}/${relative}`;
  page.goto(url).catch(() => undefined);
  // Poll rather than waitForFunction: an evaluation can land in the realm the navigation is
  // replacing, and BiDi then fails it instead of retrying.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
    if (state === `${url} complete`) return page;
    if (Date.now() > deadline) throw new Error(`${url} did not load (last state: "${state}")`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The hover card's selector (it lives in ScarCheck's open shadow root). */
export const CARD = 'scarcheck-ui [data-testid=scarcheck-card]';

/** Moves the pointer onto the first painted claim, the way a reader would, and waits for its card. */
export async function hoverFirstClaim(page: Page) {
  await page.bringToFront();
  const pt = await firstClaimPoint(page);
  await page.mouse.move(2, pt.y);
  await page.mouse.move(pt.x, pt.y, { steps: 4 });
  const card = page.locator(CARD);
  await card.waitFor({ state: 'visible', timeout: 10_000 });
  return card;
}
