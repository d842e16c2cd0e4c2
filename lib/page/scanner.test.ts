// @vitest-environment happy-dom
/**
 * The block-by-block scan without a browser: what is sent for detection on long pages and on
 * changes, and where the claims land. The detector is a stand-in (any sentence naming Fraxel
 * or fillers is a claim), so these tests are about reading, caching and anchoring only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '../detect/types';
import { textOf } from './anchor';
import { buildPrefilter, textsNamingTreatments } from '../detect/prefilter';
import { SMALL_PAGE, Scanner, type DetectItem, type ScannedClaim } from './scanner';

const PREFILTER = buildPrefilter({ aliases: ['fraxel', 'fillers?'] });
const CLAIM = /[^.\n]*\b(?:Fraxel|fillers?)\b[^.\n]*\./gi;

function fakeClaims(text: string): Claim[] {
  return [...text.matchAll(CLAIM)].map((m) => ({
    start: m.index, end: m.index + m[0].length, text: m[0], treatment: 'filler', topic: 'permanence', verdict: 'false',
    entryId: 'x', note: '', details: '', grade: 'strong', sources: [], hedged: false, anecdote: false, carried: false,
  }));
}

function setup() {
  // While `load.busy`, the clock jumps 10 ms at every look, as on a loaded machine (every element ends a time slice).
  const load = { busy: false };
  let t = 0;
  const sent: DetectItem[][] = [];
  const live = new Set<ScannedClaim>();
  const scanner = new Scanner({
    doc: document,
    skip: (el) => el.tagName === 'SCARCHECK-UI',
    findCandidates: async (texts) => textsNamingTreatments(PREFILTER, texts),
    detect: async (items, gate) => {
      // Like the background: with a gate, text that names no treatment is not read.
      if (gate && !items.some((i) => /\b(?:fraxel|fillers?)\b/i.test(i.text))) return { results: items.map(() => []), treatments: {}, vocabulary: false };
      sent.push(items);
      return { results: items.map((i) => fakeClaims(i.text)), treatments: {}, ...(gate ? { vocabulary: true } : {}) };
    },
    update: (added, removed) => { for (const c of removed) live.delete(c); for (const c of added) live.add(c); },
    later: (fn) => setTimeout(fn, 0),
    afterFrame: (fn) => setTimeout(fn, 0),
    now: () => (load.busy ? (t += 10) : t + performance.now()),
  });
  const marked = () => [...live].map((c) => (c.boundaries ? textOf(c.boundaries) : null));
  const sentText = () => sent.flat().map((i) => i.text).join('\n');
  return { scanner, sent, live, marked, sentText, load };
}

const chatter = (i: number) => `<div class="post"><p>Post ${i}: the weather was nice and we talked about gardening tools, recipes and old cars for a while.</p></div>`;

/** A page long enough to be read block by block. */
function longPage(extra: Record<number, string>): string {
  const posts: string[] = [];
  for (let i = 0; posts.join('').length < SMALL_PAGE * 1.5; i++) posts.push(extra[i] ?? chatter(i));
  return `<main id="thread">${posts.join('')}</main>`;
}

afterEach(() => { document.body.innerHTML = ''; });

describe('scanner', () => {
  it('reads a short page whole, as the CLI reads a file', async () => {
    document.body.innerHTML = '<h1>Fillers</h1><p>Fillers are permanent. I love my dog.</p>';
    const { scanner, sent, marked } = setup();
    await scanner.scanAll();
    expect(sent).toEqual([[{ context: '', text: 'Fillers\nFillers are permanent. I love my dog.' }]]);
    expect(marked()).toEqual(['Fillers are permanent.']);
  });

  it('on a long page sends only the posts that name a treatment and the few after them', async () => {
    document.body.innerHTML = longPage({
      40: '<div class="post"><p>Fraxel removed my acne scars completely.</p></div>',
      200: '<div class="post"><p>My filler lasted three years.</p></div>',
    });
    const { scanner, sentText, marked } = setup();
    await scanner.scanAll();
    expect(marked().sort()).toEqual(['Fraxel removed my acne scars completely.', 'My filler lasted three years.']);
    const text = sentText();
    expect(text).toContain('Post 41:'); // a reply right after can say "it"
    expect(text).not.toContain('Post 100:');
    expect(text.length).toBeLessThan(document.body.textContent!.length / 10);
  });

  it('finds a name split by inline markup into a one-letter text on a long page', async () => {
    document.body.innerHTML = longPage({ 120: '<div class="post"><p>My <i>F</i>raxel session removed my acne scars completely.</p></div>' });
    const { scanner, marked } = setup();
    await scanner.scanAll();
    expect(marked()).toEqual(['My Fraxel session removed my acne scars completely.']);
  });

  it('reads only the new posts when a thread grows, and keeps the old marks', async () => {
    document.body.innerHTML = longPage({ 10: '<div class="post"><p>Fraxel removed my acne scars completely.</p></div>' });
    const { scanner, sent, sentText, marked, live } = setup();
    await scanner.scanAll();
    const first = [...live][0]!;
    sent.length = 0;
    const thread = document.getElementById('thread')!;
    const post = document.createElement('div');
    post.innerHTML = '<p>Fillers are permanent, my friend said.</p>';
    thread.append(post);
    await scanner.rescan([post]);
    expect(sentText()).toContain('Fillers are permanent');
    expect(sentText()).not.toContain('Fraxel');
    expect(marked().sort()).toEqual(['Fillers are permanent, my friend said.', 'Fraxel removed my acne scars completely.']);
    expect(live.has(first)).toBe(true);
  });

  it('reads a post again as one region when text is added straight into it, with no mark twice', async () => {
    document.body.innerHTML = longPage({ 12: '<div class="post" id="p"><p>Fraxel removed my acne scars completely.</p></div>' });
    const { scanner, marked } = setup();
    await scanner.scanAll();
    expect(marked()).toEqual(['Fraxel removed my acne scars completely.']);
    // The new text's block is the post itself, which holds the paragraph read before.
    const added = document.createTextNode('Fillers are permanent.');
    document.getElementById('p')!.append(added);
    await scanner.rescan([added]);
    expect(marked().sort()).toEqual(['Fillers are permanent.', 'Fraxel removed my acne scars completely.']);
  });

  it.each([['idle', false], ['loaded', true]])('re-anchors a re-rendered post from its cache (machine %s during the first read), and drops the marks of a removed one', async (_, busy) => {
    document.body.innerHTML = longPage({
      5: '<div class="post" id="a"><p>Fraxel removed my acne scars completely.</p></div>',
      300: '<div class="post" id="b"><p>My filler lasted three years.</p></div>',
    });
    const { scanner, sent, live, marked, load } = setup();
    load.busy = busy;
    await scanner.scanAll();
    load.busy = false;
    const calls = sent.length;
    // A framework renders post a again: new nodes, same text.
    const a = document.getElementById('a')!;
    const again = a.cloneNode(true) as Element;
    a.replaceWith(again);
    await scanner.rescan([again]);
    expect(sent.length).toBe(calls);
    expect(marked().sort()).toEqual(['Fraxel removed my acne scars completely.', 'My filler lasted three years.']);
    for (const c of live) expect(c.boundaries!.startContainer.isConnected).toBe(true);
    // Post b goes away: its mark goes with it.
    const b = document.getElementById('b')!;
    const parent = b.parentElement!;
    b.remove();
    await scanner.rescan([parent]);
    expect(marked()).toEqual(['Fraxel removed my acne scars completely.']);
  });

  it('reads open shadow roots and never editors, text fields or code', async () => {
    document.body.innerHTML = '<p>Nothing here.</p><x-post></x-post><div id="widget"></div>'
      + '<div contenteditable="true"><p>Fillers are permanent, I typed.</p></div><textarea>Fraxel is magic.</textarea>'
      + '<pre>fillers = permanent.</pre>';
    const host = document.querySelector('x-post')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Fraxel removed my acne scars completely.</p>';
    // A built-in element may host a shadow root too.
    const widget = document.getElementById('widget')!;
    widget.attachShadow({ mode: 'open' }).innerHTML = '<p>My filler lasted three years.</p>';
    const { scanner, sentText, marked, live } = setup();
    await scanner.scanAll();
    expect(marked().sort()).toEqual(['Fraxel removed my acne scars completely.', 'My filler lasted three years.']);
    expect(new Set([...live].map((c) => c.boundaries!.startContainer.getRootNode()))).toEqual(new Set([host.shadowRoot, widget.shadowRoot]));
    expect(sentText()).not.toMatch(/typed|magic|fillers =/);
  });

  it('starts over on reset: old claims go, nothing stale comes back', async () => {
    document.body.innerHTML = '<p>Fillers are permanent.</p>';
    const { scanner, live } = setup();
    await scanner.scanAll();
    expect(live.size).toBe(1);
    document.body.innerHTML = '<p>A new route about gardening.</p>';
    await scanner.scanAll();
    expect(live.size).toBe(0);
    expect(scanner.sawVocabulary).toBe(false);
  });
});
