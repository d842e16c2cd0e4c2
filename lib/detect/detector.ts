import type { KnowledgeBase } from '../knowledge/compile';
import type { Polarity, TopicId, TreatmentId } from '../knowledge/schema';
import { installPlugin, sentenceFacts } from './nlp';
import { segment, type Sentence } from './segment';
import type { Claim } from './types';
import { EntryIndex } from './verdict';
import { Vocabulary, type Cue, type Span } from './vocabulary';

export interface Detector {
  /** Finds the claims in a text; offsets are UTF-16 indices into `text`. */
  detect(text: string): Claim[];
}

/** Where the treatment of a sentence that names none comes from. */
interface TreatmentContext {
  treatments: TreatmentId[];
  fromHeading: boolean;
  block: number;
}

const NEGATION_REACH = 40; // characters between a negator and the cue it flips
/** A treatment named in a sentence carries over this many blocks (paragraphs, posts) at most. */
const CARRY_BLOCKS = 2;
const MAX_TOPICS = 2;
const MIN_REPEAT = 30;
const COMPARATOR_BEFORE = /(?:\bthan|\bafter|\bbefore|\binstead of|\bvs\.?|\bversus|\blike|\bunlike|\bcompared (?:to|with)|\bplus|\bwith)\s+(?:(?:a|an|the|plain|regular|simple|traditional|standard)\s+)?$/iu;
/** When a sentence asserts several things, the more specific topics speak for it first. */
const TOPIC_PRIORITY: TopicId[] = [
  'complete-removal', 'permanence', 'comparison', 'skin-type', 'old-scars', 'speed', 'sessions', 'safety', 'scar-type', 'efficacy',
];
const CLAUSE_BREAK = /[,;:()–—]|\b(?:but|however|because|and|although|though|while)\b/iu;
const BULLET_LEAD = /^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s+/u;
const MAX_WORDS_BARE_ITEM = 4;

export function createDetector(kb: KnowledgeBase): Detector {
  const vocab = new Vocabulary(kb);
  const entries = new EntryIndex(kb);
  installPlugin(kb);

  function polarityOf(text: string, cue: Cue, negators: Span[]): Polarity {
    const negated = negators.some((n) => {
      if (n.end > cue.start || cue.start - n.end > NEGATION_REACH) return false;
      const between = text.slice(n.end, cue.start);
      // "not only X but Y" asserts X.
      return !CLAUSE_BREAK.test(between) && !/^\s*only\b/iu.test(between);
    });
    if (!negated) return cue.polarity;
    if (cue.polarity === 'pos') return 'neg';
    return vocab.flipNeg[cue.topic] ? 'pos' : 'neg';
  }

  /** One polarity per topic: the direction most of its cues point to (ties: the claim-like "pos"). */
  function topicsOf(text: string, withWeak: boolean): Array<[TopicId, Polarity]> {
    const negators = vocab.negators(text);
    const votes = new Map<TopicId, number>();
    const cues = vocab.cues(text);
    // Mechanism talk ("stimulates collagen") is a claim only alongside an outcome.
    if (!cues.some((c) => !c.weak)) return [];
    for (const cue of cues) {
      if (cue.weak && !withWeak) continue;
      const p = polarityOf(text, cue, negators);
      votes.set(cue.topic, (votes.get(cue.topic) ?? 0) + (p === 'pos' ? 1 : -1));
    }
    return [...votes]
      .sort(([a], [b]) => TOPIC_PRIORITY.indexOf(a) - TOPIC_PRIORITY.indexOf(b))
      .slice(0, MAX_TOPICS)
      .map(([t, v]) => [t, v >= 0 ? 'pos' : 'neg']);
  }

  function isBareItem(s: Sentence): boolean {
    const words = s.text.replace(BULLET_LEAD, '').match(/[\p{L}\p{N}]+/gu) ?? [];
    return s.bullet && s.first && words.length <= MAX_WORDS_BARE_ITEM;
  }

  return {
    detect(text) {
      const claims: Claim[] = [];
      let context: TreatmentContext | null = null;
      // A sentence repeated verbatim (a quoted or double-posted message) is marked once.
      const marked = new Set<string>();
      for (const s of segment(text)) {
        const mentions = vocab.mentions(s.text);
        const named = [...new Set(mentions.map((m) => m.treatment))];
        // "better than petroleum jelly", "after laser resurfacing": a comparator is not what the sentence is about.
        const subjects = [...new Set(mentions.filter((m) => !COMPARATOR_BEFORE.test(s.text.slice(Math.max(0, m.start - 24), m.start))).map((m) => m.treatment))];
        if (s.heading || isBareItem(s)) {
          // A heading or a bare list item names the subject of what follows; it is never a claim.
          if (named.length) context = { treatments: named, fromHeading: true, block: s.block };
          else if (s.heading) context = null;
          continue;
        }
        let treatments = subjects;
        let carried = false;
        if (subjects.length) context = { treatments: subjects, fromHeading: false, block: s.block };
        else if (context && (context.fromHeading || s.block - context.block <= CARRY_BLOCKS)) {
          // A sentence without a name of its own is about the treatment before it only if it points
          // back ("it", "this method", "the results") or talks about scars or skin.
          // Of several treatments named before, "it" means the last one.
          if (vocab.hasAnaphora(s.text) || vocab.hasScarWord(s.text)) { treatments = context.treatments.slice(-1); carried = true; }
        }
        if (!treatments.length) continue;
        if (vocab.isNonClaim(s.text) || vocab.isOffTopic(s.text)) continue;
        const topics = topicsOf(s.text, !carried);
        if (!topics.length) continue;
        const key = s.text.replace(BULLET_LEAD, '').trim().toLowerCase();
        if (key.length >= MIN_REPEAT && marked.has(key)) continue;
        const facts = sentenceFacts(s.text);
        if (facts.question || facts.fragment) continue;
        marked.add(key);
        const anecdote = vocab.isAnecdote(s.text);
        const hedged = facts.hedged || vocab.isHedged(s.text);
        const lead = s.text.match(BULLET_LEAD)?.[0].length ?? 0;
        const start = s.start + lead;
        for (const treatment of treatments) {
          for (const [topic, polarity] of topics) {
            const entry = entries.pick(treatment, topic, polarity, anecdote, s.text);
            if (!entry) continue;
            claims.push({
              start, end: s.end, text: text.slice(start, s.end), treatment, topic, verdict: entry.verdict,
              entryId: entry.id, note: entry.note, details: entry.details, grade: entry.grade,
              sources: entry.sources.map((id) => kb.sources[id]!).filter(Boolean),
              hedged, anecdote, carried,
            });
          }
        }
      }
      return claims;
    },
  };
}
