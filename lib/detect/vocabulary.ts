import type { KnowledgeBase } from '../knowledge/compile';
import type { Polarity, TopicId, TreatmentId } from '../knowledge/schema';
import { foldCase, foldPattern, nextCodePoint, WordPattern } from './word-pattern';

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
  /** Each treatment's aliases, tried only where some alias matches. */
  private readonly treatmentAt: Array<{ id: TreatmentId; names: WordPattern }>;
  /** Every alias in one pattern: most sentences name no treatment, and one scan tells where names start. */
  private readonly anyTreatment: WordPattern;
  /** One-word names of 7+ letters, for spotting misspellings ("microneedeling", "subscision"). */
  private readonly longNames: Array<{ word: string; treatment: TreatmentId }>;
  private readonly cueRes: Array<{ topic: TopicId; polarity: Polarity; weak: boolean; words: WordPattern }>;
  readonly flipNeg: Record<TopicId, boolean>;
  private readonly lead: Partial<Record<TopicId, { re: RegExp; opens: RegExp; both: boolean }>>;
  private readonly negator: WordPattern;
  private readonly hedge: WordPattern;
  private readonly anecdote: WordPattern;
  private readonly reporter: WordPattern | null;
  private readonly anaphora: WordPattern;
  private readonly nonClaim: WordPattern;
  private readonly scarWord: WordPattern;
  private readonly offTopic: WordPattern;
  private readonly scarContext: WordPattern;
  /** An intention or purpose ending where a cue starts ("I chose to | get rid of"). */
  private readonly intent: RegExp | null;
  private readonly expletive: WordPattern | null;

  constructor(kb: KnowledgeBase) {
    const lx = kb.lexicon;
    this.treatmentAt = kb.treatments.map((t) => ({ id: t.id, names: new WordPattern(t.aliases) }));
    this.anyTreatment = new WordPattern(kb.treatments.flatMap((t) => t.aliases));
    this.longNames = kb.treatments.flatMap((t) => {
      // Plain one-word aliases, and the words of the display name that are themselves a name of it.
      const whole = new RegExp(`^(?:${t.aliases.map(foldPattern).join('|')})$`, 'u');
      const words = [...t.aliases.map((a) => a.replace(/s\?$/u, '')), ...(t.name.match(/\p{L}+/gu) ?? [])]
        .map((w) => w.toLowerCase())
        .filter((w) => /^\p{L}{7,}$/u.test(w) && whole.test(w));
      return [...new Set(words)].map((word) => ({ word, treatment: t.id }));
    });
    this.cueRes = lx.topics.flatMap((t) => [
      { topic: t.id, polarity: 'pos' as const, weak: false, words: new WordPattern(t.pos) },
      { topic: t.id, polarity: 'neg' as const, weak: false, words: new WordPattern(t.neg) },
      ...(t.weak.length ? [{ topic: t.id, polarity: 'pos' as const, weak: true, words: new WordPattern(t.weak) }] : []),
    ]);
    this.flipNeg = Object.fromEntries(lx.topics.map((t) => [t.id, t.flipNeg])) as Record<TopicId, boolean>;
    this.lead = Object.fromEntries(lx.topics.filter((t) => t.lead.length).map((t) => [t.id, { both: t.leadApplies === 'both', opens: new RegExp(`^(?:${t.lead.join('|')})${EDGE_R}`, 'iu'), re: new RegExp(`${EDGE_L}(?:${t.lead.join('|')})${EDGE_R}(?:[\\s,]+[\\p{L}\\p{N}'’-]+){0,4}[\\s,]*$`, 'iu') }]));
    this.negator = new WordPattern(lx.negators.map((n) => n.replace(/'/g, "['’]")));
    this.hedge = new WordPattern(lx.hedges);
    this.anecdote = new WordPattern(lx.anecdote.map((n) => n.replace(/'/g, "['’]")));
    this.reporter = lx.reporters.length ? new WordPattern(lx.reporters.map((n) => n.replace(/'/g, "['’]"))) : null;
    this.anaphora = new WordPattern(lx.anaphora);
    this.nonClaim = new WordPattern(lx.nonClaims);
    this.scarWord = new WordPattern(lx.scarWords);
    this.offTopic = new WordPattern(lx.offTopic);
    this.scarContext = new WordPattern(lx.scarContext);
    this.intent = lx.intent.length ? new RegExp(`${EDGE_L}(?:${lx.intent.map((n) => n.replace(/'/g, "['’]")).join('|')})\\s*$`, 'iu') : null;
    this.expletive = lx.expletives.length ? new WordPattern(lx.expletives.map((n) => n.replace(/'/g, "['’]"))) : null;
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
    for (let m = this.anyTreatment.next(text); m; m = this.anyTreatment.next(text, nextCodePoint(text, m.index))) {
      const at = m.index;
      this.treatmentAt.forEach(({ id, names }, k) => {
        if (at < (ends[k] ?? 0)) return;
        const hit = names.matchAt(text, at);
        if (!hit) return;
        ends[k] = at + hit.length;
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
    for (const { topic, polarity, weak, words } of this.cueRes) for (const s of words.all(text)) found.push({ ...s, topic, polarity, weak });
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
    return this.negator.all(foldCase(text));
  }

  isHedged = (text: string) => this.hedge.test(foldCase(text));
  /** A first-person report; "my derm said", "we recommend" introduce someone's claim instead. */
  isAnecdote = (original: string) => {
    const text = foldCase(original);
    return this.anecdote.test(this.reporter ? this.reporter.blank(text) : text);
  };
  /** Points back to something named before; expletive "it" ("it's better to...") does not. */
  hasAnaphora = (original: string) => {
    const text = foldCase(original);
    return this.anaphora.test(this.expletive ? this.expletive.blank(text) : text);
  };
  isExpletive = (text: string) => !!this.expletive && this.expletive.test(foldCase(text));
  isNonClaim = (text: string) => this.nonClaim.test(foldCase(text));
  nonClaims(text: string): Span[] {
    return this.nonClaim.all(foldCase(text));
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
