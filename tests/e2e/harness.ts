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

export async function launch(): Promise<Browser> {
  assertFreshBuild();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scarcheck-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--disable-gpu', '--disable-quic', '--disable-sync'],
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

/** Like firstClaimPoint, for the claim at `position` (0..1) of the painted claims in document order. */
export async function claimPoint(page: Page, position: number): Promise<{ x: number; y: number; text: string }> {
  return page.evaluate(([names, position]) => {
    const ranges: Range[] = [];
    for (const name of names) {
      for (const r of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        ranges.push(live);
      }
    }
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const first = ranges[Math.min(ranges.length - 1, Math.floor((position as number) * ranges.length))];
    if (!first) throw new Error('no painted claim');
    first.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const rect = Array.from(first.getClientRects()).find((r) => r.width > 0 && r.height > 0)!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: first.toString() };
  }, [[...TIER_NAMES], position] as const);
}

export async function openPopup(b: Browser, tabId: number): Promise<Page> {
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${b.extId}/popup.html?tabId=${tabId}`);
  return popup;
}
