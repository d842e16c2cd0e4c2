/**
 * Pages that change under the reader (issue #5), in Chromium with the built extension:
 * - an infinite-scroll thread: posts loaded by scrolling get their claims marked, earlier marks
 *   stay (not even one frame without them), the popup's count grows, the page's DOM is its own;
 * - a single-page app that changes route with history.pushState: the old article's marks go,
 *   the new article's claims are marked and listed, and going back brings the old ones back;
 * - a React 19 list that re-renders with new keys (and sometimes a new order): the marks follow
 *   the new DOM nodes, with no console error;
 * - an open shadow root: its claim is marked and hovering it opens the card;
 * - a contenteditable editor and a textarea: never marked, never modified, typing works and the
 *   caret and selection stay where the reader put them;
 * - a sticky header: the hover card sits next to its claim, inside the viewport, readable (not
 *   under the header), and pointing at the header over a claim scrolled under it opens nothing.
 * One browser for the file; every page is generated here (the React list is
 * fixtures/react-list.mjs, bundled with esbuild).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CARD, ROOT, SHOTS, TIER_NAMES, launch, openPopup, serveRoutes, tabIdOf, waitForPaint, watchProblems,
  type Browser, type RouteServer,
} from './harness';

const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');

let browser: Browser;
let server: RouteServer;

// ── Page-side readers ──────────────────────────────────────────────────────────────────────────

/** One range painted in our tier highlights, as the page sees it. */
interface Mark {
  text: string;
  /** Both ends are in nodes still attached to the document (or to a shadow root in it). */
  connected: boolean;
  /** The range starts inside a shadow root. */
  shadow: boolean;
  /** data-post of the nearest [data-post] ancestor of its start. */
  post: string | null;
  /** ids of the start's ancestors (crossing shadow roots), nearest first. */
  ids: string[];
}

/** Runs in the page: every range in ScarCheck's three tier highlights. */
function readMarksInPage(names: string[]): Mark[] {
  const out: Mark[] = [];
  for (const name of names) {
    for (const r of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
      let text = '';
      try {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        text = live.toString();
      } catch { text = '<invalid range>'; }
      const ids: string[] = [];
      let el: Element | null = r.startContainer.parentElement;
      let post: string | null = null;
      while (el) {
        if (el.id) ids.push(el.id);
        post ??= el.getAttribute('data-post');
        const root = el.parentElement ? null : el.getRootNode();
        el = el.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
      }
      out.push({
        text,
        connected: r.startContainer.isConnected && r.endContainer.isConnected,
        shadow: r.startContainer.getRootNode() instanceof ShadowRoot,
        post,
        ids,
      });
    }
  }
  return out;
}

const readMarks = (page: Page): Promise<Mark[]> => page.evaluate(readMarksInPage, [...TIER_NAMES]);

/** The posts ([data-post]) that have at least one painted, attached range. */
async function markedPosts(page: Page): Promise<string[]> {
  const marks = await readMarks(page);
  return [...new Set(marks.filter((m) => m.connected && m.post !== null).map((m) => m.post!))].sort();
}

/** The ids of the posts on the page that carry a claim (data-claim="1"). */
const claimPosts = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...document.querySelectorAll('[data-post][data-claim="1"]')].map((e) => e.getAttribute('data-post')!).sort());

/**
 * What the popup shows for a page: the number in its count line, the rows' quoted snippets and
 * each row's claim index (the same index the hover card carries).
 */
async function popupClaims(page: Page): Promise<{ count: number; rows: string[]; indices: number[] }> {
  const popup = await openPopup(browser, await tabIdOf(browser.sw, page));
  try {
    const count = popup.getByTestId('scarcheck-popup-count');
    await count.waitFor({ timeout: 10_000 });
    const n = Number((await count.locator('strong').textContent())?.trim());
    const rows = (await popup.getByTestId('scarcheck-popup-row').locator('.sc-row__snippet').allTextContents())
      .map((s) => s.replace(/^\s*“|”\s*$/g, '').trim());
    const indices = (await popup.getByTestId('scarcheck-popup-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-claim-index'))))
      .map(Number);
    return { count: n, rows, indices };
  } finally {
    await popup.close();
  }
}

/** Moves the pointer to (x, y) the way a reader does: in from the left margin. */
async function pointAt(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(2, y);
  await page.mouse.move(x, y, { steps: 4 });
}

// ── 7. A page with more claims than it is worth painting at once ───────────────────────────────

const DENSE_POSTS = 900;
function densePage(): string {
  const posts: string[] = [];
  for (let i = 0; i < DENSE_POSTS; i++) posts.push(`<p id="p${i}">Post ${i}: Fraxel removed my acne scars completely.</p>`);
  return html('Dense thread', 'p{margin:6px 0}', `<h1>Fraxel reviews</h1>${posts.join('')}`);
}

const html = (title: string, style: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>`
  + `<style>body{font:16px/1.5 Georgia,serif;max-width:720px;margin:24px auto;padding:0 16px;color:#222}${style}</style></head>`
  + `<body>${body}</body></html>`;

// ── 1. Infinite scroll ─────────────────────────────────────────────────────────────────────────

interface Post { claim: boolean; text: string }
const chat = (text: string): Post => ({ claim: false, text });
const claim = (text: string): Post => ({ claim: true, text });

const THREAD_START: Post[] = [
  claim('Subcision was the single best thing I did for my rolling scars.'),
  chat('Thanks everyone for the replies, this forum has been a lifesaver.'),
  claim('Lemon juice fades acne scars if you use it every night.'),
  chat('I will ask at my appointment next week and report back here.'),
  claim('Vitamin E oil does nothing for acne scars.'),
  chat('Has anyone been to the clinic on Main Street? The waiting list there is long.'),
  claim('Steroid injections flattened my keloid scar.'),
  chat('Same question as above, following this thread.'),
  claim('Laser resurfacing can make boxcar scars shallower.'),
  chat('Good luck to all of you, be patient with yourselves.'),
];
/** Loaded one batch per scroll to the bottom. */
const THREAD_BATCHES: Post[][] = [
  [claim('Fraxel removed my acne scars completely.'), chat('Following. My sister wants to know too.'),
    claim('Silicone gel makes old acne scars disappear.'), chat('Sorry for the late reply, I was travelling all month.')],
  [claim('TCA cross got rid of my ice pick scars.'), claim('Mederma made my c-section scar vanish.'), chat('Thanks, that is really helpful to hear.')],
];

const postHtml = (p: Post, i: number) =>
  `<article class="post" data-post="${i}" data-claim="${p.claim ? 1 : 0}"><p class="author">member_${i}</p><p class="text">${p.text}</p></article>`;

/**
 * The thread: its script appends the next batch of posts (before the <!--more--> marker) when the
 * reader scrolls near the bottom, and records every HTML string it inserted, so the test can
 * rebuild what <body> must be: the page's own HTML and nothing else.
 */
function infiniteScrollPage(): string {
  let n = THREAD_START.length;
  const batches = THREAD_BATCHES.map((b) => b.map((p) => postHtml(p, n++)).join(''));
  const script = `
    window.__initial = document.body.innerHTML; window.__appended = []; window.__batches = 0;
    const BATCHES = ${JSON.stringify(batches)};
    const thread = document.getElementById('thread');
    let loading = false;
    const check = () => {
      if (loading || window.__batches >= BATCHES.length) return;
      if (innerHeight + scrollY < document.documentElement.scrollHeight - 300) return;
      loading = true;
      setTimeout(() => {
        const html = BATCHES[window.__batches];
        const t = document.createElement('template');
        t.innerHTML = html;
        thread.insertBefore(t.content, thread.lastChild);
        window.__appended.push(html);
        window.__batches++;
        loading = false;
      }, 250);
    };
    addEventListener('scroll', check, { passive: true });`;
  return html('Acne scars thread', '.post{border:1px solid #ccc;border-radius:6px;margin:16px 0;padding:8px 16px;min-height:90px}.author{font-weight:bold;margin:0}',
    `<h1>Acne scars: what actually worked for you?</h1><div id="thread">${THREAD_START.map(postHtml).join('')}<!--more--></div>`
    + `<p id="footer">Scroll down for more replies.</p><script>${script}</script>`);
}

// ── 2. Single-page app ─────────────────────────────────────────────────────────────────────────

const ARTICLE_A = {
  title: 'Home remedies for scars: a reader survey',
  claims: ['Lemon juice fades acne scars if you use it every night.', 'Bio-Oil erased my stretch marks and surgery scar in two weeks.', 'Onion extract gel cures keloid scars.'],
};
const ARTICLE_B = {
  title: 'Procedures that helped our members',
  claims: ['Subcision was the single best thing I did for my rolling scars.', 'Dermabrasion got rid of my chickenpox scars.', 'Silicone sheets flatten hypertrophic scars if worn every day.'],
};

/** One shell for /spa/a and /spa/b: the script renders the article for the current path, and links route with pushState. */
function spaPage(): string {
  const script = `
    const ARTICLES = ${JSON.stringify({ '/spa/a': ARTICLE_A, '/spa/b': ARTICLE_B })};
    const main = document.getElementById('main');
    const render = () => {
      const a = ARTICLES[location.pathname] || ARTICLES['/spa/a'];
      const paras = [];
      a.claims.forEach((c, i) => {
        paras.push('<p class="claim" data-post="' + location.pathname + '#' + i + '" data-claim="1">' + c + '</p>');
        paras.push('<p>Posted by a member of the forum. Replies are welcome below.</p>');
      });
      main.innerHTML = '<article><h1>' + a.title + '</h1>' + paras.join('') + '</article>';
      document.title = a.title;
    };
    document.addEventListener('click', (e) => {
      const link = e.target.closest('a[data-route]');
      if (!link) return;
      e.preventDefault();
      history.pushState({}, '', link.getAttribute('href'));
      render();
    });
    addEventListener('popstate', render);
    render();`;
  return html('Forum', 'nav a{margin-right:16px}',
    '<nav><a data-route href="/spa/a" id="to-a">Survey</a><a data-route href="/spa/b" id="to-b">Procedures</a></nav>'
    + `<main id="main"></main><script>${script}</script>`);
}

// ── 3. React list ──────────────────────────────────────────────────────────────────────────────

const reactListPage = () =>
  html('React thread', '.post{list-style:none;border:1px solid #ccc;margin:12px 0;padding:4px 12px}.author{font-weight:bold;margin:0}',
    '<div id="root"></div><script src="/react-list.js"></script>');

// ── 4. Open shadow root ────────────────────────────────────────────────────────────────────────

const LIGHT_CLAIM = 'Vitamin E oil does nothing for acne scars.';
const SHADOW_CLAIM = 'Fraxel removed my acne scars completely.';
/** In an open shadow root a page's script attaches to a plain <div>. */
const DIV_SHADOW_CLAIM = 'Subcision cannot fix boxcar scars.';

function shadowPage(): string {
  const script = `
    customElements.define('forum-post', class extends HTMLElement {
      constructor() {
        super();
        const root = this.attachShadow({ mode: 'open' });
        root.innerHTML = '<style>.body{font-size:18px;margin:8px 0}</style><p class="author">member_9</p><p class="body" id="shadow-body">${SHADOW_CLAIM}</p>';
      }
    });`;
  return html('Shadow thread', 'forum-post{display:block;border:1px solid #ccc;padding:8px 16px}',
    `<h1>Acne scar laser experiences</h1><p id="light">${LIGHT_CLAIM}</p><p>Another member replied below.</p>`
    + `<forum-post id="post"></forum-post><div id="widget"></div><p>End of thread.</p><script>${script}`
    + `document.getElementById('widget').attachShadow({ mode: 'open' }).innerHTML = '<p>${DIV_SHADOW_CLAIM}</p>';</script>`);
}

// ── 5. Editors ─────────────────────────────────────────────────────────────────────────────────

const EDITOR_HTML = '<p>Draft: Onion extract gel cures keloid scars.</p><p>Bio-Oil erased my stretch marks and surgery scar in two weeks.</p>';
const TEXTAREA_TEXT = 'Steroid injections flattened my keloid scar.';

function editorPage(): string {
  return html('Reply', '#editor{border:1px solid #888;padding:4px 12px;min-height:80px}#ta{width:100%;height:80px}',
    '<h1>Reply to the thread</h1><p id="post" data-post="post" data-claim="1">Lemon juice fades acne scars if you use it every night.</p>'
    + `<div id="editor" contenteditable="true">${EDITOR_HTML}</div>`
    + `<textarea id="ta" aria-label="Quick reply">${TEXTAREA_TEXT}</textarea><div id="after"></div>`
    + '<script>window.__editorBefore = document.getElementById("editor").innerHTML;</script>');
}

// ── 6. Sticky header ───────────────────────────────────────────────────────────────────────────

const STICKY_CLAIM = 'Silicone sheets flatten hypertrophic scars if worn every day.';
const FILLER = [
  'The weather was mild and we walked along the river for an hour before lunch.',
  'Our group meets on the first Tuesday of every month in the library on the corner.',
  'Please keep replies friendly and on topic, and read the pinned post before asking.',
  'The bakery near the station has started selling rye bread again, which is good news.',
  'I finally repainted the kitchen last weekend and it looks much brighter now.',
];

function stickyPage(): string {
  const paras: string[] = [];
  for (let i = 0; i < 40; i++) paras.push(i === 20 ? `<p id="target">${STICKY_CLAIM}</p>` : `<p>${FILLER[i % FILLER.length]} (${i + 1})</p>`);
  return html('Sticky header',
    'body{margin:0 auto}header{position:sticky;top:0;z-index:1000;height:72px;background:#1d3557;color:#fff;display:flex;align-items:center;gap:24px;padding:0 16px}'
    + 'header a{color:#fff}',
    '<header id="header"><strong>Scar Forum</strong><a href="#">Threads</a><a href="#">Members</a><a href="#">Search</a></header>'
    + `<article><h1>Weekly chat</h1>${paras.join('')}</article>`);
}

// ── Setup ──────────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const bundle = await esbuild.build({
    entryPoints: [path.join(FIXTURES, 'react-list.mjs')],
    bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  const spa = spaPage();
  server = await serveRoutes({
    '/thread.html': { body: infiniteScrollPage() },
    '/spa/a': { body: spa },
    '/spa/b': { body: spa },
    '/react-list.html': { body: reactListPage() },
    '/react-list.js': { body: bundle.outputFiles[0]!.text, type: 'text/javascript' },
    '/shadow.html': { body: shadowPage() },
    '/dense.html': { body: densePage() },
    '/editor.html': { body: editorPage() },
    '/sticky.html': { body: stickyPage() },
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('pages that change under the reader', () => {
  it('infinite scroll: posts loaded by scrolling get their claims marked, earlier marks stay, the popup count grows', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/thread.html'));
    await waitForPaint(page);
    const initialClaimPosts = await claimPosts(page);
    expect(initialClaimPosts.length).toBe(5);
    await expect.poll(() => markedPosts(page), { timeout: 10_000, message: 'every post with a claim in the first page of the thread is marked' })
      .toEqual(initialClaimPosts);
    const before = await popupClaims(page);
    expect(before.count, 'the popup counts the claims of the first page').toBeGreaterThanOrEqual(initialClaimPosts.length);

    // Watch every frame from now on: the first page's marks must never disappear while posts load.
    await page.bringToFront();
    await page.evaluate(({ names, old }) => {
      const w = window as unknown as { __minOld: number; __frames: number; __short: number };
      w.__minOld = Infinity;
      w.__frames = 0;
      w.__short = 0;
      const tick = () => {
        const marked = new Set<string>();
        for (const n of names) {
          for (const r of (CSS.highlights.get(n) ?? []) as Iterable<AbstractRange>) {
            const post = r.startContainer.isConnected ? r.startContainer.parentElement?.closest('[data-post]')?.getAttribute('data-post') : null;
            if (post && old.includes(post)) marked.add(post);
          }
        }
        w.__minOld = Math.min(w.__minOld, marked.size);
        if (marked.size < old.length) w.__short++;
        w.__frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, { names: [...TIER_NAMES], old: initialClaimPosts });

    let expectedPosts = initialClaimPosts;
    for (let batch = 1; batch <= THREAD_BATCHES.length; batch++) {
      await page.mouse.move(500, 350);
      await page.mouse.wheel(0, 20_000);
      await page.waitForFunction((b) => (window as unknown as { __batches: number }).__batches >= b, batch, { timeout: 5_000 });
      expectedPosts = await claimPosts(page);
      expect(expectedPosts.length).toBe(initialClaimPosts.length + THREAD_BATCHES.slice(0, batch).flat().filter((p) => p.claim).length);
      await expect.poll(() => markedPosts(page), {
        timeout: 6_000,
        message: `after scrolling loaded batch ${batch}, every post with a claim (old and new) is marked`,
      }).toEqual(expectedPosts);
    }

    const marks = await readMarks(page);
    expect(marks.filter((m) => !m.connected).map((m) => m.text), 'no mark points at text the page no longer shows').toEqual([]);
    const monitor = await page.evaluate(() => {
      const w = window as unknown as { __minOld: number; __frames: number; __short: number };
      return { min: w.__minOld, frames: w.__frames, short: w.__short };
    });
    expect(monitor.frames, 'the frame monitor ran').toBeGreaterThan(10);
    expect({ fewestMarkedInAFrame: monitor.min, framesWithMarksMissing: monitor.short },
      `the first page's ${initialClaimPosts.length} marked posts stayed marked in every one of ${monitor.frames} frames while new posts loaded (no flicker)`)
      .toEqual({ fewestMarkedInAFrame: initialClaimPosts.length, framesWithMarksMissing: 0 });

    const after = await popupClaims(page);
    const newClaims = THREAD_BATCHES.flat().filter((p) => p.claim).map((p) => p.text);
    expect(after.count, 'the popup\'s claim count grew by the claims of the loaded posts').toBeGreaterThanOrEqual(before.count + newClaims.length);
    expect(after.rows.length).toBe(after.count);
    for (const text of newClaims) expect(after.rows, `the popup lists "${text}"`).toContain(text);

    // <body> is exactly the page's own HTML plus the posts the page itself appended.
    const dom = await page.evaluate(() => {
      const w = window as unknown as { __initial: string; __appended: string[] };
      return { expected: w.__initial.replace('<!--more-->', `${w.__appended.join('')}<!--more-->`), actual: document.body.innerHTML, hosts: document.body.querySelectorAll('scarcheck-ui').length };
    });
    expect(dom.hosts, 'no ScarCheck element inside <body>').toBe(0);
    expect(dom.actual, '<body> holds only the page\'s own HTML and the posts it appended').toBe(dom.expected);
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 40_000);

  it('single-page app: a pushState route change drops the old article\'s marks, marks and lists the new one, and back restores it', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/spa/a'));
    await waitForPaint(page);
    const postsA = await claimPosts(page);
    expect(postsA.length).toBe(ARTICLE_A.claims.length);
    await expect.poll(() => markedPosts(page), { timeout: 10_000, message: 'article A\'s claims are marked' }).toEqual(postsA);
    const popupA = await popupClaims(page);
    for (const c of ARTICLE_A.claims) expect(popupA.rows, `the popup lists "${c}" on article A`).toContain(c);

    // The reader clicks a link: the app changes the URL with pushState and swaps the article.
    await page.bringToFront();
    await page.click('#to-b');
    await page.waitForURL(/\/spa\/b$/);
    const postsB = await claimPosts(page);
    expect(postsB.length).toBe(ARTICLE_B.claims.length);
    const state = async () => {
      const marks = await readMarks(page);
      return {
        detached: marks.filter((m) => !m.connected).length,
        oldArticleTexts: marks.filter((m) => ARTICLE_A.claims.some((c) => c.includes(m.text.trim()) && m.text.trim().length > 3)).map((m) => m.text),
        markedPosts: [...new Set(marks.filter((m) => m.connected && m.post).map((m) => m.post!))].sort(),
      };
    };
    await expect.poll(state, { timeout: 6_000, message: 'after the route change: no mark left on the removed article A, and every claim of article B marked' })
      .toEqual({ detached: 0, oldArticleTexts: [], markedPosts: postsB });

    const popupB = await popupClaims(page);
    for (const c of ARTICLE_B.claims) expect(popupB.rows, `the popup lists "${c}" after the route change`).toContain(c);
    const stale = popupB.rows.filter((r) => !ARTICLE_B.claims.some((c) => c.includes(r)));
    expect(stale, 'the popup lists only claims of the article on screen (none from article A)').toEqual([]);
    expect(popupB.count).toBe(popupB.rows.length);

    // Back: the app renders article A again on popstate.
    await page.bringToFront();
    await page.goBack();
    await page.waitForURL(/\/spa\/a$/);
    await expect.poll(async () => {
      const marks = await readMarks(page);
      return {
        detached: marks.filter((m) => !m.connected).length,
        markedPosts: [...new Set(marks.filter((m) => m.connected && m.post).map((m) => m.post!))].sort(),
      };
    }, { timeout: 6_000, message: 'after going back, article A\'s claims are marked again and nothing points at article B' })
      .toEqual({ detached: 0, markedPosts: postsA });
    const popupBack = await popupClaims(page);
    expect(popupBack.rows.filter((r) => !ARTICLE_A.claims.some((c) => c.includes(r))), 'after going back the popup lists only article A\'s claims').toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 40_000);

  it('React list that re-renders with new keys and new order: the marks survive on the new nodes, no console error', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/react-list.html'));
    await page.waitForFunction(() => typeof (window as unknown as { __startRerenders?: unknown }).__startRerenders === 'function');
    await waitForPaint(page);
    const posts = await claimPosts(page);
    expect(posts.length).toBe(4);
    await expect.poll(() => markedPosts(page), { timeout: 10_000, message: 'every post with a claim is marked before the re-renders' }).toEqual(posts);
    const count = (await readMarks(page)).length;

    // React now replaces every list item every 300 ms (new keys), reversing the order in some
    // renders, then keeps the original order with new nodes, and stops.
    const firstNode = await page.evaluateHandle(() => document.querySelector('.post .body')!.firstChild!);
    await page.evaluate(() => (window as unknown as { __startRerenders(): void }).__startRerenders());
    await page.waitForFunction(() => document.documentElement.dataset.settled === 'yes', undefined, { timeout: 15_000 });
    expect(await firstNode.evaluate((n) => n.isConnected), 'React replaced the DOM nodes (the test really re-renders)').toBe(false);

    await expect.poll(async () => {
      const marks = await readMarks(page);
      return {
        painted: marks.length,
        detached: marks.filter((m) => !m.connected).map((m) => m.text),
        markedPosts: [...new Set(marks.filter((m) => m.connected && m.post).map((m) => m.post!))].sort(),
      };
    }, { timeout: 5_000, message: 'a few seconds after the list re-rendered, the same claims are painted on the new nodes (none on removed ones)' })
      .toEqual({ painted: count, detached: [], markedPosts: posts });

    expect(await page.evaluate(() => (window as unknown as { __reactErrors: string[] }).__reactErrors)).toEqual([]);
    expect(problems.errors, 'no console error or uncaught exception on the page').toEqual([]);
    await page.close();
  }, 40_000);

  it('open shadow root: the claim inside it is marked, and hovering it opens its card', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/shadow.html'));
    await waitForPaint(page);
    await expect.poll(async () => (await readMarks(page)).filter((m) => !m.shadow).map((m) => m.text.trim()), { timeout: 10_000 })
      .toContain(LIGHT_CLAIM);
    await expect.poll(async () => (await readMarks(page)).filter((m) => m.shadow && m.connected).map((m) => m.text.trim()), {
      timeout: 6_000,
      message: 'the claim inside the custom element\'s open shadow root is painted (a range whose root node is a ShadowRoot)',
    }).toContain(SHADOW_CLAIM);
    await expect.poll(async () => (await readMarks(page)).filter((m) => m.shadow && m.connected).map((m) => m.text.trim()), {
      timeout: 6_000,
      message: 'the claim in the shadow root of a plain <div> is painted too',
    }).toContain(DIV_SHADOW_CLAIM);

    // The popup lists it too; its row's claim index is the one the card must show.
    const listed = await popupClaims(page);
    expect(listed.rows, 'the popup lists the claim in the <div>\'s shadow root').toContain(DIV_SHADOW_CLAIM);
    const row = listed.rows.indexOf(SHADOW_CLAIM);
    expect(row, 'the popup lists the claim inside the shadow root').toBeGreaterThanOrEqual(0);
    const index = listed.indices[row]!;

    await page.bringToFront();
    // Point at the painted range itself (its first line).
    const pt = await page.evaluate((names) => {
      const r = names.flatMap((n) => [...((CSS.highlights.get(n) ?? []) as Iterable<AbstractRange>)])
        .find((x) => x.startContainer.getRootNode() === document.getElementById('post')!.shadowRoot)!;
      r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const rect = [...live.getClientRects()].find((x) => x.width > 0 && x.height > 0)!;
      return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
    }, [...TIER_NAMES]);
    await pointAt(page, pt.x, pt.y);
    const card = page.locator(CARD);
    await expect.poll(() => card.isVisible(), { timeout: 5_000, message: 'hovering the marked claim inside the shadow root opens the card' }).toBe(true);
    await expect.poll(() => card.locator(`[data-claim-index="${index}"]`).count(), { timeout: 2_000, message: 'the card opened is the shadow-root claim\'s card' })
      .toBe(1);
    expect(await card.locator('[data-claim-index]').count(), 'the card shows that claim only').toBe(1);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5_000 });
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 40_000);

  it('contenteditable editor and textarea: never marked or modified; typing works and the caret and selection stay put', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/editor.html'));
    await waitForPaint(page);
    await expect.poll(() => markedPosts(page), { timeout: 10_000, message: 'the ordinary paragraph\'s claim is marked' }).toEqual(['post']);
    const inEditors = async () => (await readMarks(page)).filter((m) => m.ids.includes('editor') || m.ids.includes('ta')).map((m) => m.text);
    expect(await inEditors(), 'nothing painted in the editor or the textarea').toEqual([]);
    expect(await page.evaluate(() => ({
      editor: document.getElementById('editor')!.innerHTML === (window as unknown as { __editorBefore: string }).__editorBefore,
      ta: (document.getElementById('ta') as HTMLTextAreaElement).value,
    }))).toEqual({ editor: true, ta: TEXTAREA_TEXT });

    /**
     * Adds a claim outside the editors and waits until it is marked: proof that ScarCheck looked at
     * the page again. Each time a different sentence (the detector reports a repeated sentence once).
     */
    const LATE = ['Dermabrasion got rid of my chickenpox scars.', 'TCA cross got rid of my ice pick scars.', 'Mederma made my c-section scar vanish.'];
    let late = 0;
    const rescanned = async () => {
      const id = `late-${late}`;
      const text = LATE[late++]!;
      await page.evaluate(({ i, text }) => {
        const p = document.createElement('p');
        p.dataset.post = i;
        p.textContent = text;
        document.getElementById('after')!.append(p);
      }, { i: id, text });
      await expect.poll(() => markedPosts(page), { timeout: 10_000, message: 'a claim added outside the editor gets marked' }).toContain(id);
    };

    // The reader types a sentence with a claim at the end of the editor's last paragraph.
    await page.bringToFront();
    await page.click('#editor p:last-child');
    await page.keyboard.press('End');
    const typed = ' Silicone gel makes old acne scars disappear.';
    await page.keyboard.type(typed);
    await rescanned();
    expect(await inEditors(), 'the typed claim is not marked either').toEqual([]);
    const caret = () => page.evaluate(() => {
      const sel = getSelection()!;
      const editor = document.getElementById('editor')!;
      return {
        focus: document.activeElement?.id,
        inEditor: !!sel.anchorNode && editor.contains(sel.anchorNode),
        collapsed: sel.isCollapsed,
        before: (sel.anchorNode?.textContent ?? '').slice(0, sel.anchorOffset).replace(/\u00a0/g, ' ').slice(-20),
        selected: sel.toString(),
      };
    });
    expect(await caret(), 'the caret is still right after the typed text').toEqual({
      focus: 'editor', inEditor: true, collapsed: true, before: typed.slice(-20), selected: '',
    });
    const editorHtml = await page.$eval('#editor', (e) => e.innerHTML.replace(/&nbsp;/g, ' '));
    expect(editorHtml, 'the editor holds exactly what the reader typed, nothing added').toBe(EDITOR_HTML.replace(/<\/p>$/, `${typed}</p>`));

    // The reader selects the last word; a re-scan leaves the selection alone.
    for (let i = 0; i < 'disappear.'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    expect((await caret()).selected).toBe('disappear.');
    await rescanned();
    expect(await caret(), 'the selection is untouched by ScarCheck').toMatchObject({ focus: 'editor', inEditor: true, collapsed: false, selected: 'disappear.' });

    // The textarea: typing works, the caret stays at the end, nothing is marked.
    await page.click('#ta');
    await page.keyboard.press('Control+End');
    const typedTa = ' Fraxel removed my acne scars completely.';
    await page.keyboard.type(typedTa);
    await rescanned();
    expect(await page.$eval('#ta', (t) => {
      const ta = t as HTMLTextAreaElement;
      return { focus: document.activeElement === ta, value: ta.value, start: ta.selectionStart, end: ta.selectionEnd };
    })).toEqual({ focus: true, value: TEXTAREA_TEXT + typedTa, start: (TEXTAREA_TEXT + typedTa).length, end: (TEXTAREA_TEXT + typedTa).length });
    expect(await inEditors()).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 40_000);

  describe('a page with a sticky header', () => {
    let page: Page;

    beforeAll(async () => {
      page = await browser.context.newPage();
      await page.goto(server.url('/sticky.html'));
      await waitForPaint(page);
    });
    afterAll(async () => { await page?.close(); });

    /** Scrolls so the claim's first line starts `y` px from the top of the viewport; returns that line's rect. */
    const placeClaim = (y: number) => page.evaluate(({ y, names }) => {
      const target = document.getElementById('target')!;
      const r = names.flatMap((n) => [...((CSS.highlights.get(n) ?? []) as Iterable<AbstractRange>)]).find((x) => target.contains(x.startContainer));
      if (!r) throw new Error('the claim below the header is not painted');
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      scrollBy(0, live.getClientRects()[0]!.top - y);
      const line = [...live.getClientRects()].find((x) => x.width > 0 && x.height > 0)!;
      return { left: line.left, top: line.top, right: line.right, bottom: line.bottom };
    }, { y, names: [...TIER_NAMES] });

    /** Where the open card is, and what a reader sees at points inside it. */
    const geometry = () => page.evaluate((names) => {
      const host = document.querySelector('scarcheck-ui')!;
      const card = host.shadowRoot!.querySelector('[data-testid=scarcheck-card]')!.getBoundingClientRect();
      const header = document.getElementById('header')!.getBoundingClientRect();
      const target = document.getElementById('target')!;
      const r = names.flatMap((n) => [...((CSS.highlights.get(n) ?? []) as Iterable<AbstractRange>)]).find((x) => target.contains(x.startContainer))!;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const lines = [...live.getClientRects()].filter((x) => x.width > 0 && x.height > 0).map((x) => ({ left: x.left, top: x.top, right: x.right, bottom: x.bottom }));
      const probes = [[card.left + 8, card.top + 8], [card.right - 8, card.top + 8], [card.left + card.width / 2, card.top + card.height / 2], [card.left + 8, card.bottom - 8], [card.right - 8, card.bottom - 8]];
      const covered = probes.map(([x, y]) => document.elementFromPoint(x!, y!)).filter((el) => el !== host).map((el) => el?.tagName.toLowerCase() ?? 'nothing');
      return {
        card: { left: card.left, top: card.top, right: card.right, bottom: card.bottom },
        header: { top: header.top, bottom: header.bottom },
        lines,
        viewport: { width: document.documentElement.clientWidth, height: innerHeight },
        covered,
      };
    }, [...TIER_NAMES]);

    type Rect = { left: number; top: number; right: number; bottom: number };
    const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const gap = (card: Rect, line: Rect) => Math.max(line.top - card.bottom, card.top - line.bottom, 0);

    async function hoverAndCheck(y: number, shot: string): Promise<void> {
      await page.bringToFront();
      await page.keyboard.press('Escape');
      await page.mouse.move(990, 5);
      await page.locator(CARD).waitFor({ state: 'detached', timeout: 5_000 });
      const line = await placeClaim(y);
      await pointAt(page, line.left + Math.min(40, (line.right - line.left) / 2), (line.top + line.bottom) / 2);
      await page.locator(CARD).waitFor({ state: 'visible', timeout: 5_000 });
      // Wait for the card to be placed (it is measured first, hidden).
      await expect.poll(() => page.locator(CARD).evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
      const g = await geometry();
      await page.screenshot({ path: path.join(SHOTS, shot) });
      const where = `card ${JSON.stringify(g.card)}, claim lines ${JSON.stringify(g.lines)}, header ${JSON.stringify(g.header)}`;
      expect(g.card.left >= 0 && g.card.top >= 0 && g.card.right <= g.viewport.width && g.card.bottom <= g.viewport.height, `the card is inside the viewport: ${where}`).toBe(true);
      expect(g.lines.filter((l) => overlaps(g.card, l)), `the card does not cover its own claim: ${where}`).toEqual([]);
      expect(Math.min(...g.lines.map((l) => gap(g.card, l))), `the card is next to its claim: ${where}`).toBeLessThan(40);
      expect(g.covered, `nothing of the page (the sticky header) is drawn over the card: ${where}`).toEqual([]);
      expect(g.card.top >= g.header.bottom - 1 || g.covered.length === 0, `the card is below the header or drawn above it: ${where}`).toBe(true);
    }

    it('the card of a claim just below the header is next to it, inside the viewport and not under the header', async () => {
      // The header is 72 px high: the claim's line starts 6 px below it.
      await hoverAndCheck(78, 'sticky-top.png');
    });

    it('the card of a claim at the bottom of the viewport is next to it and not under the header', async () => {
      await hoverAndCheck(700 - 40, 'sticky-bottom.png');
    });

    it('pointing at the header over a claim scrolled under it opens no card', async () => {
      await page.bringToFront();
      await page.keyboard.press('Escape');
      await page.mouse.move(990, 690);
      await page.locator(CARD).waitFor({ state: 'detached', timeout: 5_000 });
      const line = await placeClaim(20); // under the 72 px header
      const pt = { x: line.left + Math.min(60, (line.right - line.left) / 2), y: (line.top + line.bottom) / 2 };
      expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('header')?.id, pt), 'the claim is hidden under the header there').toBe('header');
      await page.mouse.move(pt.x, 690);
      await page.mouse.move(pt.x, pt.y, { steps: 4 });
      // A card opens within a frame or two of the pointer resting on a claim: give it ample time.
      await page.waitForTimeout(800);
      expect(await page.locator(CARD).count(), 'no card for a claim the reader cannot see (it is under the header)').toBe(0);
    });
  });
});

describe('a page with hundreds of claims', () => {
  it('paints the claims near the viewport, and those further down once the reader scrolls there', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url('/dense.html'));
    await waitForPaint(page);
    const found = Number(await page.locator('scarcheck-ui').getAttribute('data-claims'));
    expect(found, 'every post\'s claim is found').toBeGreaterThanOrEqual(DENSE_POSTS);
    const paintedIn = () => page.evaluate((names) => {
      const ids = new Set<string>();
      for (const n of names) for (const r of (CSS.highlights.get(n) ?? []) as Iterable<AbstractRange>) ids.add(r.startContainer.parentElement?.id ?? '');
      return [...ids];
    }, [...TIER_NAMES]);
    const top = await paintedIn();
    expect(top, 'the first posts are marked').toContain('p0');
    expect(top.length, 'posts far below the viewport are not painted yet').toBeLessThan(DENSE_POSTS / 2);
    await page.evaluate(() => document.getElementById('p880')!.scrollIntoView());
    await expect.poll(paintedIn, { timeout: 5_000, message: 'after scrolling, the posts now on screen are marked' }).toContain('p880');
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
