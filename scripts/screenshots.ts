/**
 * `npm run screenshots`: renders the hover card and the popup, in light and dark mode, to
 * docs/screenshots/*.png (the README shows them). Builds the extension first when the build is
 * missing or older than its sources, then drives the real extension in headless Chromium on the
 * CLI's sample forum thread (lib/cli/sample-thread.txt).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXT, ROOT, launch, openPopup, pageFor, serve, tabIdOf, waitForPaint } from '../tests/e2e/harness';

const OUT = path.join(ROOT, 'docs/screenshots');
const HOST = 'forum.example';
const SOURCES = ['lib', 'entrypoints', 'public', 'knowledge', 'wxt.config.ts', 'package.json'];

/** Newest modification time under `p`, ignoring tests. */
function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}

function buildIfNeeded(): void {
  const bundle = path.join(EXT, 'background.js');
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newest(path.join(ROOT, s))));
  if (built && built >= changed) return;
  console.log(built ? 'screenshots: sources changed since the last build; building' : 'screenshots: no build yet; building');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

async function main(): Promise<void> {
  buildIfNeeded();
  fs.mkdirSync(OUT, { recursive: true });
  const text = fs.readFileSync(path.join(ROOT, 'lib/cli/sample-thread.txt'), 'utf8');
  const server = await serve({ '/thread.html': pageFor(text, 'Acne scars after 10 years') });
  // A readable host name in the popup ("On forum.example"), resolved to the local server.
  const browser = await launch({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  const written: string[] = [];
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 960, height: 800 });
    await page.goto(server.url('/thread.html').replace('127.0.0.1', HOST));
    await waitForPaint(page);
    await page.bringToFront();

    // Room below the thread, so the claim can sit high in the viewport with its card under it.
    await page.addStyleTag({ content: 'body { padding-bottom: 800px; }' });
    // Hover the first red (false or misleading) claim, as a reader would.
    const claim = await page.evaluate(() => {
      const r = [...(CSS.highlights.get('scarcheck-red') ?? []) as Iterable<AbstractRange>][0]!;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      live.startContainer.parentElement!.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -160);
      const line = Array.from(live.getClientRects()).find((x) => x.width > 8)!;
      return { x: line.left + Math.min(40, line.width / 2), y: line.top + line.height / 2, top: line.top };
    });
    await page.mouse.move(4, claim.y);
    await page.mouse.move(claim.x, claim.y, { steps: 4 });
    const card = page.locator('scarcheck-ui [data-testid=scarcheck-card]');
    await card.waitFor({ state: 'visible' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(100);
      const box = (await card.boundingBox())!;
      // The claim with a few lines of context above it, and the card under it.
      const top = Math.max(0, Math.min(claim.top, box.y) - 96);
      const bottom = Math.min(800, Math.max(claim.top + 24, box.y + box.height) + 24);
      const file = path.join(OUT, `card-${scheme}.png`);
      await page.screenshot({ path: file, clip: { x: 80, y: top, width: 800, height: bottom - top } });
      written.push(file);
    }

    const tabId = await tabIdOf(browser.sw, page);
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-popup-row').first().waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.waitForTimeout(100);
      const file = path.join(OUT, `popup-${scheme}.png`);
      await popup.locator('.sc-popup').screenshot({ path: file });
      written.push(file);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const f of written) console.log(`screenshots: wrote ${path.relative(ROOT, f)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
