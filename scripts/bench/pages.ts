/**
 * Generated pages for `npm run bench` (issue 5). Deterministic: a seeded PRNG, so every run and
 * every machine gets the same HTML.
 *
 * Every sentence here was written for the benchmark: the scar-treatment sentences are assembled
 * from short templates (treatment × what is said × scar type × opener), so almost every one is
 * unique (the detector marks a sentence repeated verbatim only once, and skips its NLP), and the
 * generic forum chatter comes from templates about games, cooking, cars, weather and gadgets.
 */
import { prng } from '../../tests/e2e/fuzz-docs';
import { pageFor, seedFiles } from '../../tests/e2e/harness';
import fs from 'node:fs';
import path from 'node:path';

/** The fuzz tests' seedable PRNG (mulberry32): the bench's pages are as reproducible. */
export const rng = prng;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ── Scar-treatment talk ───────────────────────────────────────────────────────────────────────

const TREATMENTS = [
  'the fractional CO2 laser', 'microneedling', 'silicone gel', 'silicone sheets', 'a chemical peel', 'TCA cross',
  'dermal fillers', 'subcision', 'PRP', 'steroid injections', 'Mederma', 'onion extract gel', 'Bio-Oil',
  'vitamin E oil', 'retinol', 'tretinoin', 'dermabrasion', 'microdermabrasion', 'punch excision', 'Fraxel',
  'the erbium laser', 'Sculptra', 'Bellafill', 'RF microneedling', 'Morpheus8', 'the pulsed dye laser',
  'rosehip oil', 'a scar cream', 'laser resurfacing', 'a dermaroller', 'Botox', 'fat grafting', 'PicoSure',
  'Kenalog shots', 'Scarguard', 'Dermatix', 'Kelo-cote', 'adapalene', 'a glycolic peel', 'Juvederm',
] as const;

const SCARS = [
  'acne scars', 'ice pick scars', 'rolling scars', 'boxcar scars', 'my C-section scar', 'my keloid',
  'hypertrophic scars', 'surgical scars', 'stretch marks', 'the scar on my chin', 'burn scars',
  'old acne scars', 'the pitted scars on my cheeks', 'my appendix scar', 'self-harm scars', 'chickenpox scars',
  'the scar from my knee surgery', 'deep atrophic scars', 'the dents on my temples', 'raised scars',
] as const;

/** What people say about a treatment ({T} treatment, {S} scar): most are checkable claims. */
const CLAIMS = [
  '{T} got rid of {S} completely', '{T} removes {S} permanently', '{T} is totally safe for dark skin',
  '{T} has no downtime at all', '{T} works on old {S} just as well as new ones', 'one session of {T} is all you need for {S}',
  '{T} made {S} fade in two weeks', '{T} is the only thing that really works for {S}', 'the results of {T} last forever',
  '{T} erased {S} for good', '{T} is completely painless', '{T} will make {S} disappear', '{T} fully removes {S}',
  '{T} is a permanent fix for {S}', '{T} cannot cause any side effects', '{T} healed {S} within a month',
  '{T} is 100% safe during pregnancy', '{T} does nothing at all for {S}', '{T} works on every skin type',
  '{T} smoothed out {S} after three sessions', '{T} made {S} vanish', 'with {T} the results are permanent',
  '{T} is proven to remove {S}', '{T} gets rid of {S} overnight', '{T} lightened {S} by about half',
] as const;

/** Scar talk that is not a claim (questions, logistics), still full of treatment names. */
const SCAR_CHAT = [
  'has anyone here tried {T} for {S}?', 'my appointment for {T} is next Tuesday', 'how much did you pay for {T}?',
  'the clinic near me has a discount on {T} this month', 'I am still deciding between {T} and {T2}',
  'my derm wants to talk about {T} at the next visit', 'is {T} covered by insurance anywhere?',
  'I posted pictures of {S} in the other thread before trying {T}', 'what should I ask before booking {T}?',
  'my sister is looking into {T} for {S}', 'the waiting list for {T} is three months here',
] as const;

/** Scar talk that names no treatment: it needs no NLP unless it points back to one. */
const SCAR_SMALLTALK = [
  'the redness around {S} took about {N} weeks to calm down', '{S} look worse under the bathroom light',
  'I mostly notice {S} in photos', 'makeup does not really cover {S}', 'my mom says she cannot even see {S} anymore',
  'I keep picking at my skin, which does not help {S}', 'summer is the worst for {S}', 'I have had {S} since high school',
  'the consult was free but the doctor seemed rushed', 'my skin was red and flaky for {N} days afterwards',
  'I took a photo every week to compare {S}', 'honestly {S} bother me less than they used to',
] as const;

const OPENERS = [
  '', 'honestly, ', 'in my experience ', 'my dermatologist told me ', 'I read on another forum that ',
  'trust me, ', 'from what I have seen, ', 'no joke, ', 'for what it is worth, ', 'my friend swears ',
  'the nurse said ', 'after years of trying everything, ', 'I can confirm ', 'fwiw ', 'speaking as a skeptic, ',
] as const;

const TAILS = [
  '.', '!', ', at least for me.', ', which surprised me.', ' and I would do it again.', ', no regrets.',
  '. Ask me anything.', ', but it was not cheap.', ', just saying.', ', and my skin is fair.', ', and my skin is olive.',
  '. Happy to share photos.', ', though everyone heals differently.', ' after about six months.', '.',
] as const;

function fill(r: Rand, template: string): string {
  const t = pick(r, TREATMENTS);
  let t2: string = pick(r, TREATMENTS);
  if (t2 === t) t2 = pick(r, TREATMENTS);
  return template.replace('{T}', t).replace('{T2}', t2).replace('{S}', pick(r, SCARS));
}

function scarSentence(r: Rand): string {
  if (r() < 0.4) return cap(pick(r, SCAR_SMALLTALK).replace('{S}', pick(r, SCARS)).replace('{N}', String(2 + Math.floor(r() * 9)))) + '.';
  if (r() < 0.25) return cap(fill(r, pick(r, SCAR_CHAT)));
  return cap(pick(r, OPENERS) + fill(r, pick(r, CLAIMS)) + pick(r, TAILS));
}

// ── Generic forum chatter (no treatment vocabulary) ──────────────────────────────────────────

const V = {
  thing: ['the new firmware', 'my old laptop', 'this graphics card', 'the patch notes', 'the router', 'the ranked mode',
    'the recipe from page two', 'my sourdough starter', 'the dishwasher', 'the rear brakes', 'the timing belt', 'the new season',
    'the battery', 'my headphones', 'the monitor', 'the keyboard', 'the garden hose', 'the tomato plants', 'the bike chain',
    'the thermostat', 'the charger', 'the drone', 'the camera lens', 'the tent', 'the spreadsheet', 'the soundtrack',
    'the coffee grinder', 'the espresso machine', 'the roof gutter', 'the pull request', 'the server', 'the save file'],
  person: ['my brother', 'a friend of mine', 'my neighbour', 'the guy at the store', 'my boss', 'our team lead', 'my cousin',
    'the mechanic', 'the moderator', 'the devs', 'my roommate', 'the support agent', 'the seller', 'my dad', 'the coach'],
  adj: ['great', 'terrible', 'overrated', 'underrated', 'weird', 'solid', 'decent', 'broken', 'amazing', 'janky', 'loud',
    'quiet', 'expensive', 'cheap', 'reliable', 'flaky', 'annoying', 'fun', 'boring', 'slow', 'fast', 'smooth', 'sketchy'],
  verb: ['bought', 'returned', 'fixed', 'broke', 'updated', 'replaced', 'cleaned', 'installed', 'tested', 'ordered', 'sold',
    'rebuilt', 'reset', 'tuned', 'painted', 'finished'],
  time: ['yesterday', 'last week', 'this morning', 'a couple of days ago', 'over the weekend', 'last night', 'two months ago',
    'back in March', 'earlier today', 'since Tuesday', 'for years'],
  place: ['Denver', 'the UK', 'Ohio', 'Berlin', 'Toronto', 'the city', 'Melbourne', 'Texas', 'the office', 'the garage'],
  num: ['2', '3', '5', '10', '12', '15', '20', '30', '45', '60', '100', '250'],
  unit: ['minutes', 'hours', 'bucks', 'euros', 'miles', 'degrees', 'percent', 'frames per second', 'gigs', 'days'],
  game: ['Elden Ring', 'Minecraft', 'the new Zelda', 'Factorio', 'Stardew Valley', 'Rocket League', 'Tetris', 'chess'],
  food: ['chili', 'pancakes', 'lasagna', 'ramen', 'tacos', 'banana bread', 'curry', 'pizza dough', 'brisket', 'pesto'],
  topic: ['the playoffs', 'fuel prices', 'the weather', 'remote work', 'the housing market', 'the new phone lineup',
    'electric cars', 'the streaming services', 'the transfer window', 'the film festival'],
} as const;

const CHATTER = [
  '{person} {verb} {thing} {time} and it has been {adj} ever since.', 'Has anyone else noticed that {thing} is {adj} after the update?',
  'I spent {num} {unit} on {thing} and honestly it was {adj}.', 'Played {game} for {num} hours {time}, still not bored.',
  'Made {food} {time}, the trick is to let it rest for {num} minutes.', '{person} says {topic} will be {adj} this year, I doubt it.',
  'We had {num} {unit} of rain in {place} {time}.', 'Does {thing} work with the older model or do I need an adapter?',
  'Quick question: is {thing} worth it for {num} {unit}?', 'Off topic, but {topic} in {place} is getting {adj}.',
  'Thanks, that fixed it. {thing} was the problem all along.', '{person} recommended {game} and I am hooked.',
  'Not sure why everyone hates {thing}, mine has been {adj} for {num} {unit}.', 'Bump. Still looking for advice on {thing}.',
  'The {food} at the place in {place} is {adj}, go early though.', 'Anyone watching {topic}? The last round was {adj}.',
  'I {verb} {thing} myself, took about {num} {unit} and a lot of swearing.', 'Same here, {thing} died {time}.',
  'Lol, {person} tried to explain {topic} to me for {num} {unit}.', 'Pro tip: turn {thing} off and on again before calling support.',
] as const;

function chatterSentence(r: Rand): string {
  return pick(r, CHATTER).replace(/\{(\w+)\}/g, (_m, k: string) => pick(r, V[k as keyof typeof V]));
}

function chatterTitle(r: Rand): string {
  return cap(`${pick(r, V.thing)} is ${pick(r, V.adj)}: ${pick(r, V.topic)} thread`);
}

// ── Posts and pages ───────────────────────────────────────────────────────────────────────────

const USERS = ['mike', 'jen', 'dave', 'sara', 'tom', 'kat', 'alex', 'nina', 'raj', 'lee', 'omar', 'ines'];

export interface PostStats { chars: number; scarChars: number }

/**
 * One forum post: an <article> with a byline, 1–3 <p> of 2–5 sentences and a footer. `scarShare`
 * is the chance that a paragraph is scar-treatment talk; the caller steers it to hit a byte share.
 */
function post(r: Rand, i: number, scarShare: number, stats: PostStats): string {
  const paras: string[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const scar = r() < scarShare;
    const sentences: string[] = [];
    const m = 2 + Math.floor(r() * 4);
    for (let j = 0; j < m; j++) sentences.push(scar ? scarSentence(r) : chatterSentence(r));
    const p = sentences.join(' ');
    stats.chars += p.length;
    if (scar) stats.scarChars += p.length;
    paras.push(`<p>${esc(p)}</p>`);
  }
  const user = `${pick(r, USERS)}_${1000 + ((i * 37) % 9000)}`;
  const time = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  return `<article class="post" id="p${i}"><header><a class="user" href="#u">${user}</a> <time>${time}</time> <span class="num">#${i + 1}</span></header>`
    + `<div class="body">${paras.join('')}</div><footer><a href="#r">Reply</a> · <a href="#q">Quote</a> · <button>Like</button> <span class="likes">${Math.floor(r() * 40)}</span></footer></article>`;
}

/** Posts until `targetChars` of paragraph text, holding the scar-talk byte share near `share`. */
function posts(r: Rand, targetChars: number, share: number, first = 0): { html: string[]; stats: PostStats } {
  const stats: PostStats = { chars: 0, scarChars: 0 };
  const html: string[] = [];
  for (let i = first; stats.chars < targetChars; i++) {
    // Steer: below the share, paragraphs lean to scar talk; above it, to chatter.
    const now = stats.chars ? stats.scarChars / stats.chars : 0;
    const p = share >= 0.5 ? share : now < share ? Math.min(1, share * 2) : share / 4;
    html.push(post(r, i, p, stats));
  }
  return { html, stats };
}

const STYLE = 'body{font:14px/1.45 sans-serif;margin:0;display:grid;grid-template-columns:1fr 220px}main{padding:8px 16px}'
  + '.post{border-bottom:1px solid #ddd;padding:8px 0}.post header{color:#555;font-size:12px}aside{padding:8px;background:#fafafa}';

function shell(r: Rand, body: string, script = ''): string {
  const title = chatterTitle(r);
  const aside = Array.from({ length: 20 }, () => `<li><a href="#t">${esc(chatterTitle(r))}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - Example Forum</title><style>${STYLE}</style></head>`
    + `<body><main id="thread"><nav><a href="/">Forum</a> › <a href="#">Off-topic</a> › ${esc(title)}</nav>\n${body}</main>`
    + `<aside><h3>Active threads</h3><ul>${aside}</ul></aside>${script}</body></html>`;
}

export interface BenchPage {
  key: string;
  label: string;
  html: string;
  /** Paragraph text generated (chars) and the scar-talk share of it. */
  chars: number;
  scarShare: number;
}

/**
 * Paragraph text per big page: with bylines, footers and the sidebar the page holds ≈ 1.95 M chars
 * of text, under the content script's 2,000,000-character cap (MAX_TEXT), so all of it is analysed.
 */
const BIG_TEXT = 1_740_000;

export function forumPage(): BenchPage {
  const r = rng(11);
  const { html, stats } = posts(r, BIG_TEXT, 0.05);
  return { key: 'a', label: '(a) 2 MB forum, ~5% scar talk', html: shell(r, html.join('\n')), chars: stats.chars, scarShare: stats.scarChars / stats.chars };
}

export function densePage(): BenchPage {
  const r = rng(22);
  const { html, stats } = posts(r, BIG_TEXT, 0.7);
  return { key: 'b', label: '(b) 2 MB scar-dense forum', html: shell(r, html.join('\n')), chars: stats.chars, scarShare: stats.scarChars / stats.chars };
}

export const THREAD = { initial: 200, batch: 50, batches: 10, intervalMs: 1000 } as const;

/**
 * (c) A 200-post thread whose page script appends 50 posts a second for 10 seconds once the bench
 * calls window.__startThread() (so the initial scan is over before the appending starts).
 * Batches are the same size, so the new text per batch is constant while the page grows 3.5×.
 */
export function threadPage(): BenchPage {
  const r = rng(33);
  const share = 0.1;
  const stats: PostStats = { chars: 0, scarChars: 0 };
  const initial: string[] = [];
  for (let i = 0; i < THREAD.initial; i++) initial.push(post(r, i, share, stats));
  const later: string[] = [];
  for (let b = 0; b < THREAD.batches; b++) {
    const batch: string[] = [];
    for (let k = 0; k < THREAD.batch; k++) batch.push(post(r, THREAD.initial + b * THREAD.batch + k, share, stats));
    later.push(batch.join('\n'));
  }
  const script = `<script>(() => {
  const batches = ${JSON.stringify(later).replace(/</g, '\\u003c')};
  window.__threadBatches = [];
  window.__startThread = () => new Promise((done) => {
    const thread = document.getElementById('thread');
    let b = 0;
    const add = () => {
      thread.insertAdjacentHTML('beforeend', batches[b]);
      window.__threadBatches.push(performance.now());
      if (++b < batches.length) setTimeout(add, ${THREAD.intervalMs}); else done(window.__threadBatches);
    };
    add();
  });
})();</script>`;
  return { key: 'c', label: '(c) thread +50 posts/s for 10 s', html: shell(r, initial.join('\n'), script), chars: stats.chars, scarShare: stats.scarChars / stats.chars };
}

/** (d) The seed pages, rendered the way the e2e harness renders a .txt (read at run time). */
export function seedPages(): BenchPage[] {
  return seedFiles().map((file, i) => {
    const text = fs.readFileSync(file, 'utf8');
    return { key: `d${i + 1}`, label: `(d) seed ${path.basename(file, '.txt').slice(0, 3)}`, html: pageFor(text), chars: text.length, scarShare: NaN };
  });
}
