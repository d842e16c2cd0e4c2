import type { KnowledgeBase } from '../knowledge/compile';
import type { Polarity, TopicId, TreatmentId } from '../knowledge/schema';

/** A span of a sentence matched by some part of the vocabulary (offsets relative to the sentence). */
export interface Span {
  start: number;
  end: number;
}
export interface Mention extends Span {
  treatment: TreatmentId;
}
export interface Cue extends Span {
  topic: TopicId;
  polarity: Polarity;
  /** Describes a mechanism, not an outcome (see Lexicon.topics[].weak). */
  weak: boolean;
}

/** How far before a cue an intention ("I decided to") is looked for. */
const INTENT_REACH = 60;
const EDGE_L = '(?<![\\p{L}\\p{N}])';
const EDGE_R = '(?![\\p{L}\\p{N}])';
/**
 * Words are matched whole: "laser" must not fire inside "laserphoresis". The pattern is
 * lower-cased and matches folded text (see foldCase) without /i: V8 compiles a large /iu
 * alternation about twice as slowly and runs it about 1.5x slower, and these are compiled on a
 * cold start and run on every sentence.
 */
export const wordRegex = (sources: string[], flags = 'gu') =>
  new RegExp(`${EDGE_L}(?:${sources.map((s) => `(?:${foldPattern(s)})`).join('|')})${EDGE_R}`, flags.replace('i', ''));

/** A pattern's literal letters lower-cased; escapes (\p{L}, \S, \B, \u00C9) are left as written. */
export function foldPattern(source: string): string {
  return source.replace(/\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|.)|[^\\]+/gsu, (m) => (m[0] === '\\' ? m : m.toLowerCase()));
}

/** The text lower-cased with its length kept, so offsets into it are offsets into the text. */
export function foldCase(text: string): string {
  const low = text.toLowerCase();
  if (low.length === text.length) return low;
  // A few letters grow when lower-cased ("İ" becomes "i" + a combining dot): those stay as written.
  let out = '';
  for (const ch of text) { const l = ch.toLowerCase(); out += l.length === ch.length ? l : ch; }
  return out;
}

function allMatches(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m; (m = re.exec(text)); ) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Keeps the longest of overlapping spans (ties: the earlier one), so "erbium laser" beats "laser". */
function longestFirst<T extends Span>(spans: T[]): T[] {
  const kept: T[] = [];
  for (const s of [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((k) => s.start < k.end && s.end > k.start)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The detector's compiled vocabulary: treatment names and topic cues from knowledge/. */
export class Vocabulary {
  /** Each treatment's aliases, tried only where some alias matches (sticky: at one position). */
  private readonly treatmentAt: Array<{ id: TreatmentId; re: RegExp }>;
  /** Every alias in one pattern: most sentences name no treatment, and one scan tells where names start. */
  private readonly anyTreatment: RegExp;
  /** One-word names of 7+ letters, for spotting misspellings ("microneedeling", "subscision"). */
  private readonly longNames: Array<{ word: string; treatment: TreatmentId }>;
  private readonly cueRes: Array<{ topic: TopicId; polarity: Polarity; weak: boolean; re: RegExp }>;
  readonly flipNeg: Record<TopicId, boolean>;
  private readonly lead: Partial<Record<TopicId, { re: RegExp; opens: RegExp; both: boolean }>>;
  private readonly negator: RegExp;
  private readonly hedge: RegExp;
  private readonly anecdote: RegExp;
  private readonly reporter: RegExp | null;
  private readonly anaphora: RegExp;
  private readonly nonClaim: RegExp;
  private readonly scarWord: RegExp;
  private readonly offTopic: RegExp;
  private readonly scarContext: RegExp;
  /** An intention or purpose ending where a cue starts ("I chose to | get rid of"). */
  private readonly intent: RegExp | null;
  private readonly expletive: RegExp | null;

  constructor(kb: KnowledgeBase) {
    const lx = kb.lexicon;
    this.treatmentAt = kb.treatments.map((t) => ({ id: t.id, re: wordRegex(t.aliases, 'uy') }));
    this.anyTreatment = wordRegex(kb.treatments.flatMap((t) => t.aliases), 'gu');
    this.longNames = kb.treatments.flatMap((t) => {
      // Plain one-word aliases, and the words of the display name that are themselves a name of it.
      const whole = new RegExp(`^(?:${t.aliases.map(foldPattern).join('|')})$`, 'u');
      const words = [...t.aliases.map((a) => a.replace(/s\?$/u, '')), ...(t.name.match(/\p{L}+/gu) ?? [])]
        .map((w) => w.toLowerCase())
        .filter((w) => /^\p{L}{7,}$/u.test(w) && whole.test(w));
      return [...new Set(words)].map((word) => ({ word, treatment: t.id }));
    });
    this.cueRes = lx.topics.flatMap((t) => [
      { topic: t.id, polarity: 'pos' as const, weak: false, re: wordRegex(t.pos) },
      { topic: t.id, polarity: 'neg' as const, weak: false, re: wordRegex(t.neg) },
      ...(t.weak.length ? [{ topic: t.id, polarity: 'pos' as const, weak: true, re: wordRegex(t.weak) }] : []),
    ]);
    this.flipNeg = Object.fromEntries(lx.topics.map((t) => [t.id, t.flipNeg])) as Record<TopicId, boolean>;
    this.lead = Object.fromEntries(lx.topics.filter((t) => t.lead.length).map((t) => [t.id, { both: t.leadApplies === 'both', opens: new RegExp(`^(?:${t.lead.join('|')})${EDGE_R}`, 'iu'), re: new RegExp(`${EDGE_L}(?:${t.lead.join('|')})${EDGE_R}(?:[\\s,]+[\\p{L}\\p{N}'’-]+){0,4}[\\s,]*$`, 'iu') }]));
    this.negator = wordRegex(lx.negators.map((n) => n.replace(/'/g, "['’]")));
    this.hedge = wordRegex(lx.hedges, 'u');
    this.anecdote = wordRegex(lx.anecdote.map((n) => n.replace(/'/g, "['’]")), 'u');
    this.reporter = lx.reporters.length ? wordRegex(lx.reporters.map((n) => n.replace(/'/g, "['’]")), 'gu') : null;
    this.anaphora = wordRegex(lx.anaphora, 'u');
    this.nonClaim = wordRegex(lx.nonClaims, 'u');
    this.scarWord = wordRegex(lx.scarWords, 'u');
    this.offTopic = wordRegex(lx.offTopic, 'u');
    this.scarContext = wordRegex(lx.scarContext, 'u');
    this.intent = lx.intent.length ? new RegExp(`${EDGE_L}(?:${lx.intent.map((n) => n.replace(/'/g, "['’]")).join('|')})\\s*$`, 'iu') : null;
    this.expletive = lx.expletives.length ? wordRegex(lx.expletives.map((n) => n.replace(/'/g, "['’]")), 'gu') : null;
  }

  mentions(original: string): Mention[] {
    const text = foldCase(original);
    const found = this.namedIn(text);
    // Misspelled names, looked for only where scars are talked about (it costs an edit distance per long word).
    if (this.scarContext.test(text)) found.push(...this.misspelled(text, found));
    return longestFirst(found);
  }

  /**
   * Every treatment's names in folded text, overlaps and all, as a scan with that treatment's own
   * pattern finds them (in treatment order), for about the cost of one scan: the union pattern
   * steps through the positions where any name starts, and each treatment is tried only there,
   * past the end of its last match.
   */
  namedIn(text: string): Mention[] {
    const per: Mention[][] = [];
    const ends: number[] = [];
    const any = this.anyTreatment;
    any.lastIndex = 0;
    for (let m; (m = any.exec(text)); ) {
      const at = m.index;
      any.lastIndex = at + 1;
      this.treatmentAt.forEach(({ id, re }, k) => {
        if (at < (ends[k] ?? 0)) return;
        re.lastIndex = at;
        const hit = re.exec(text);
        if (!hit?.[0].length) return;
        ends[k] = at + hit[0].length;
        (per[k] ??= []).push({ start: at, end: ends[k], treatment: id });
      });
    }
    return per.flat();
  }

  private misspelled(text: string, exact: Span[]): Mention[] {
    const out: Mention[] = [];
    for (const m of text.matchAll(/\p{L}{7,}/gu)) {
      const start = m.index, end = start + m[0].length;
      if (exact.some((e) => start < e.end && end > e.start)) continue;
      const word = m[0].toLowerCase();
      const limit = word.length >= 10 ? 2 : 1;
      const hit = this.longNames.find((n) => n.word[0] === word[0] && Math.abs(n.word.length - word.length) <= limit && n.word !== word && editDistance(word, n.word, limit) <= limit);
      if (hit) out.push({ start, end, treatment: hit.treatment });
    }
    return out;
  }

  /** Topic cues, minus those inside a treatment's name ("thread lifts" is a name, not a lift). */
  cues(original: string, mentions: Span[] = []): Cue[] {
    const text = foldCase(original);
    const found: Cue[] = [];
    for (const { topic, polarity, weak, re } of this.cueRes) for (const s of allMatches(re, text)) found.push({ ...s, topic, polarity, weak });
    const needsLead = (c: Cue) => { const l = this.lead[c.topic]; return !!l && (c.polarity === 'pos' || l.both); };
    const hasLead = (c: Cue) => this.lead[c.topic]!.opens.test(text.slice(c.start, c.end)) || this.lead[c.topic]!.re.test(text.slice(Math.max(0, c.start - 48), c.start));
    const intended = (c: Cue) => !!this.intent && this.intent.test(text.slice(Math.max(0, c.start - INTENT_REACH), c.start));
    const led = found.filter((c) => (!needsLead(c) || hasLead(c))
      && !mentions.some((m) => c.start >= m.start && c.end <= m.end) && !intended(c));
    found.length = 0;
    found.push(...led);
    // Drop cues that sit inside a longer cue: "minimal downtime" is one safety-positive cue, not also "downtime".
    return found.filter((c) => !found.some((o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start));
  }

  negators(text: string): Span[] {
    return allMatches(this.negator, foldCase(text));
  }

  isHedged = (text: string) => this.hedge.test(foldCase(text));
  /** A first-person report; "my derm said", "we recommend" introduce someone's claim instead. */
  isAnecdote = (original: string) => {
    const text = foldCase(original);
    return this.anecdote.test(this.reporter ? text.replace(this.reporter, (m) => ' '.repeat(m.length)) : text);
  };
  /** Points back to something named before; expletive "it" ("it's better to...") does not. */
  hasAnaphora = (original: string) => {
    const text = foldCase(original);
    return this.anaphora.test(this.expletive ? text.replace(this.expletive, (m) => ' '.repeat(m.length)) : text);
  };
  isExpletive = (text: string) => !!this.expletive && foldCase(text).search(this.expletive) >= 0;
  isNonClaim = (text: string) => this.nonClaim.test(foldCase(text));
  private nonClaimAll?: RegExp;
  nonClaims(text: string): Span[] {
    return allMatches((this.nonClaimAll ??= new RegExp(this.nonClaim.source, 'gu')), foldCase(text));
  }
  hasScarWord = (text: string) => this.scarWord.test(foldCase(text));
  hasScarContext = (text: string) => this.scarContext.test(foldCase(text));
  /** Names another condition (wrinkles, tattoos, hair) and no scars: a claim, but not one for us. */
  isOffTopic = (text: string) => this.offTopic.test(foldCase(text)) && !/(?<![\p{L}])(?:scars|acne scar\w*|pits|pitted|craters?|boxcars?|ice ?picks?|rolling scars?)(?![\p{L}])/iu.test(text);
}

/** Optimal-string-alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}
