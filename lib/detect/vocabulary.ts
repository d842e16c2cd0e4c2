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

const EDGE_L = '(?<![\\p{L}\\p{N}])';
const EDGE_R = '(?![\\p{L}\\p{N}])';
/** Words are matched whole: "laser" must not fire inside "laserphoresis". */
export const wordRegex = (sources: string[], flags = 'giu') =>
  new RegExp(`${EDGE_L}(?:${sources.map((s) => `(?:${s})`).join('|')})${EDGE_R}`, flags);

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
  private readonly treatmentRes: Array<{ id: TreatmentId; re: RegExp }>;
  /** Every alias in one pattern: most sentences name no treatment, and one scan tells. */
  private readonly anyTreatment: RegExp;
  private readonly cueRes: Array<{ topic: TopicId; polarity: Polarity; weak: boolean; re: RegExp }>;
  readonly flipNeg: Record<TopicId, boolean>;
  private readonly lead: Partial<Record<TopicId, { re: RegExp; opens: RegExp; both: boolean }>>;
  private readonly negator: RegExp;
  private readonly hedge: RegExp;
  private readonly anecdote: RegExp;
  private readonly anaphora: RegExp;
  private readonly nonClaim: RegExp;
  private readonly scarWord: RegExp;
  private readonly offTopic: RegExp;
  private readonly scarContext: RegExp;

  constructor(kb: KnowledgeBase) {
    const lx = kb.lexicon;
    this.treatmentRes = kb.treatments.map((t) => ({ id: t.id, re: wordRegex(t.aliases) }));
    this.anyTreatment = wordRegex(kb.treatments.flatMap((t) => t.aliases), 'iu');
    this.cueRes = lx.topics.flatMap((t) => [
      { topic: t.id, polarity: 'pos' as const, weak: false, re: wordRegex(t.pos) },
      { topic: t.id, polarity: 'neg' as const, weak: false, re: wordRegex(t.neg) },
      ...(t.weak.length ? [{ topic: t.id, polarity: 'pos' as const, weak: true, re: wordRegex(t.weak) }] : []),
    ]);
    this.flipNeg = Object.fromEntries(lx.topics.map((t) => [t.id, t.flipNeg])) as Record<TopicId, boolean>;
    this.lead = Object.fromEntries(lx.topics.filter((t) => t.lead.length).map((t) => [t.id, { both: t.leadApplies === 'both', opens: new RegExp(`^(?:${t.lead.join('|')})${EDGE_R}`, 'iu'), re: new RegExp(`${EDGE_L}(?:${t.lead.join('|')})${EDGE_R}(?:[\\s,]+[\\p{L}\\p{N}'’-]+){0,4}[\\s,]*$`, 'iu') }]));
    this.negator = wordRegex(lx.negators.map((n) => n.replace(/'/g, "['’]")));
    this.hedge = wordRegex(lx.hedges, 'iu');
    this.anecdote = wordRegex(lx.anecdote.map((n) => n.replace(/'/g, "['’]")), 'iu');
    this.anaphora = wordRegex(lx.anaphora, 'iu');
    this.nonClaim = wordRegex(lx.nonClaims, 'iu');
    this.scarWord = wordRegex(lx.scarWords, 'iu');
    this.offTopic = wordRegex(lx.offTopic, 'iu');
    this.scarContext = wordRegex(lx.scarContext, 'iu');
  }

  mentions(text: string): Mention[] {
    if (!this.anyTreatment.test(text)) return [];
    const found: Mention[] = [];
    for (const { id, re } of this.treatmentRes) for (const s of allMatches(re, text)) found.push({ ...s, treatment: id });
    return longestFirst(found);
  }

  /** Topic cues, minus those inside a treatment's name ("thread lifts" is a name, not a lift). */
  cues(text: string, mentions: Span[] = []): Cue[] {
    const found: Cue[] = [];
    for (const { topic, polarity, weak, re } of this.cueRes) for (const s of allMatches(re, text)) found.push({ ...s, topic, polarity, weak });
    const needsLead = (c: Cue) => { const l = this.lead[c.topic]; return !!l && (c.polarity === 'pos' || l.both); };
    const hasLead = (c: Cue) => this.lead[c.topic]!.opens.test(text.slice(c.start, c.end)) || this.lead[c.topic]!.re.test(text.slice(Math.max(0, c.start - 48), c.start));
    const led = found.filter((c) => (!needsLead(c) || hasLead(c))
      && !mentions.some((m) => c.start >= m.start && c.end <= m.end));
    found.length = 0;
    found.push(...led);
    // Drop cues that sit inside a longer cue: "minimal downtime" is one safety-positive cue, not also "downtime".
    return found.filter((c) => !found.some((o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start));
  }

  negators(text: string): Span[] {
    return allMatches(this.negator, text);
  }

  isHedged = (text: string) => this.hedge.test(text);
  isAnecdote = (text: string) => this.anecdote.test(text);
  hasAnaphora = (text: string) => this.anaphora.test(text);
  isNonClaim = (text: string) => this.nonClaim.test(text);
  hasScarWord = (text: string) => this.scarWord.test(text);
  hasScarContext = (text: string) => this.scarContext.test(text);
  /** Names another condition (wrinkles, tattoos, hair) and no scars: a claim, but not one for us. */
  isOffTopic = (text: string) => this.offTopic.test(text) && !/(?<![\p{L}])(?:scars|acne scar\w*|pits|pitted|craters?|boxcars?|ice ?picks?|rolling scars?)(?![\p{L}])/iu.test(text);
}
