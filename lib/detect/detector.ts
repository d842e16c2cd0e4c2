import type { KnowledgeBase } from '../knowledge/compile';
import type { Polarity, TopicId, TreatmentId } from '../knowledge/schema';
import { installPlugin, sentenceFacts, type SentenceFacts } from './nlp';
import { segment, type Sentence } from './segment';
import type { Claim } from './types';
import { EntryIndex } from './verdict';
import { Vocabulary, type Cue, type Mention, type Span } from './vocabulary';

export interface Detector {
  /**
   * Finds the claims in a text; offsets are UTF-16 indices into `text`. The text before `from` is
   * context: read for what it tells about the rest (the treatment "it" means, a question asked),
   * yielding no claims of its own, so it is spared the NLP claims need.
   */
  detect(text: string, from?: number): Claim[];
}

/** A question that names a treatment and a topic, waiting for its answer ("No, ..."). */
interface PendingQuestion {
  treatments: TreatmentId[];
  topics: Array<[TopicId, Polarity]>;
  block: number;
}

/** Where the treatment of a sentence that names none comes from. */
interface TreatmentContext {
  treatments: TreatmentId[];
  fromHeading: boolean;
  block: number;
  /** A byline came in between: a new post speaks of the old subject only when it points back ("it"). */
  acrossPosts?: boolean;
  /** Named in a question: the reply after a byline is about it ("Do fat injections last?" ... "Part of the fat ..."). */
  asked?: boolean;
}

const NEGATION_REACH = 40; // characters between a negator and the cue it flips
/** A treatment named in a sentence carries over this many blocks (paragraphs, posts) at most. */
const CARRY_BLOCKS = 2;
const MAX_TOPICS = 2;
const MIN_REPEAT = 30;
/** A sentence naming this many treatments is a list unless it says something specific of them. */
const LIST_MIN = 3;
const GENERIC_TREAT = /^(?:treat|for the treatment|indicat|used|correct)/iu;
/** An answer opens with yes or no (group 1: the answer denies what was asked). */
const ANSWER = /^\s*(?:[-–—•*]\s*)?(?:A:\s*)?(?:(no|nope|not really|not at all|absolutely not|definitely not|unfortunately not|sadly,? no|not necessarily|not permanently)|(yes|yep|yeah|absolutely|definitely|correct|indeed|it can|they can|it does|they do))(?![\p{L}])/iu;
/** How many blocks (a byline, a blank answer header) may stand between a question and its answer. */
const ANSWER_BLOCKS = 3;
/** Post headers, bylines and timestamps: lines that sit between a question and its answer. */
const BYLINE = /·|\|| \bposted\b|\banswered by\b|\basked by\b|\brepl(?:y|ied)\b|\bwrote:?$|\bedited\b|\bjoined\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d+\s*(?:h|d|w|m|mo|min|mins|hours?|days?|weeks?|months?|years?)\s*(?:ago)?$|^u\/|^@|^[\w.]+_[\w.]+$/iu;
/** A claim stands within this many blocks (paragraphs, posts) after, or before, a mention of scars. */
const SCAR_BEFORE = 6;
const SCAR_AFTER = 2;
/** A page where this many blocks, and this share of them, talk of scars is about scars ... */
const SCAR_PAGE_MIN = 4;
const SCAR_PAGE_SHARE = 0.25;
/** ... and there scar talk reaches this many blocks down. */
const SCAR_PAGE_BEFORE = 16;
/** A page is "about" one treatment when it has this many mentions and this share of all of them. */
const PAGE_SUBJECT_MIN = 3;
const PAGE_SUBJECT_SHARE = 0.6;
/** ... or when it has at least this many times the mentions of any other treatment. */
const PAGE_SUBJECT_LEAD = 2;
/** ... or when the page's title, a heading in its first blocks, names it alone. */
const TITLE_BLOCKS = 3;
const COMPARATOR_BEFORE = /(?:\bthan|\bafter|\bbefore|\binstead of|\bvs\.?|\bversus|\blike|\bunlike|\bcompared (?:to|with)|\bplus|\bwith)\s+(?:(?:a|an|the|any|plain|regular|simple|traditional|standard|other)\s+)?(?:[\p{L}-]+\s+)?$/iu;
/** Comparators that are never the sentence's subject ("better than any laser"), unlike "gone after microneedling". */
const STRICT_COMPARATOR = /(?:\bthan|\binstead of|\bvs\.?|\bversus|\bunlike|\bcompared (?:to|with))\s+(?:(?:a|an|the|any|plain|regular|simple|traditional|standard|other)\s+)?(?:[\p{L}-]+\s+)?$/iu;
/** When a sentence asserts several things, the more specific topics speak for it first. */
const TOPIC_PRIORITY: TopicId[] = [
  'complete-removal', 'permanence', 'comparison', 'skin-type', 'old-scars', 'speed', 'sessions', 'safety', 'scar-type', 'efficacy',
];
/** Topics whose cue alone does not show a sentence is about the treatment before it. */
const NOT_OWN_TOPICS = new Set<TopicId>(['efficacy', 'comparison']);
/** A personal story is told in the first person singular; "we" and "our" are as often a clinic's voice. */
const SINGULAR_STORY = /(?<![\p{L}])(?:i|i['’]m|i['’]ve|my|me)(?![\p{L}])/iu;
/** A clause with a subject of its own starts here ("..., and the nurse swore ..."). */
const NEW_CLAUSE = /[;:]|\b(?:and|but|while|whereas|because|so|although|though)\s+(?:the|my|our|his|her|their|she|he|they|it|i|we|you)\b/iu;
const CLAUSE_BREAK = /[,;:()–—]|\b(?:but|however|because|and|although|though|while)\b/iu;
/** Where a sentence turns against what it said first. */
const CONTRAST = /[,;]\s*(?:but|however|yet)\b|\s(?:but|however)\s/iu;
const BULLET_LEAD = /^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s+/u;
const MAX_WORDS_BARE_ITEM = 4;
/** A personal story goes on for this many blocks of its post after its last "I" or "my". */
const STORY_BLOCKS = 3;

export function createDetector(kb: KnowledgeBase): Detector {
  const vocab = new Vocabulary(kb);
  const entries = new EntryIndex(kb);
  installPlugin(kb);

  /**
   * A sentence without a treatment name is about the one before it only if it points back ("it",
   * "this method", "the results"), talks about scars, or asserts something only a treatment has
   * (downtime, sessions, how long it lasts).
   */
  function pointsBack(text: string, cues: () => Cue[]): boolean {
    if (vocab.hasAnaphora(text) || vocab.hasScarWord(text)) return true;
    // General advice ("It's better to suffer for a year") and bare comparisons ("Anything is better
    // than ...") assert nothing that only a treatment has.
    if (vocab.isExpletive(text)) return false;
    return cues().some((c) => !c.weak && !NOT_OWN_TOPICS.has(c.topic));
  }

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
  function topicsOf(text: string, cues: Cue[], withWeak: boolean): Array<[TopicId, Polarity]> {
    // Mechanism talk ("stimulates collagen") is a claim only alongside an outcome.
    if (!cues.some((c) => !c.weak)) return [];
    const negators = vocab.negators(text);
    const votes = new Map<TopicId, number>();
    // A weak cue speaks for its topic only where no outcome cue of that topic does ("10 sessions twice a week").
    const strong = new Set(cues.filter((c) => !c.weak).map((c) => c.topic));
    // "People swear it fades scars, but there's no research behind that": after a "but" the writer
    // speaks for themselves, so that clause outweighs the one it answers.
    const turn = text.search(CONTRAST);
    for (const cue of cues) {
      if (cue.weak && (!withWeak || strong.has(cue.topic))) continue;
      const p = polarityOf(text, cue, negators);
      const weight = turn >= 0 && cue.start > turn ? 1.5 : 1;
      votes.set(cue.topic, (votes.get(cue.topic) ?? 0) + (p === 'pos' ? weight : -weight));
    }
    return [...votes]
      .sort(([a], [b]) => TOPIC_PRIORITY.indexOf(a) - TOPIC_PRIORITY.indexOf(b))
      .slice(0, MAX_TOPICS)
      .map(([t, v]) => [t, v >= 0 ? 'pos' : 'neg']);
  }

  /** Treatments a sentence is about: named ones, minus comparators ("better than X", "after X"). */
  function subjectsOf(text: string, mentions: Mention[]): TreatmentId[] {
    const compared = comparators(text, mentions);
    return [...new Set(mentions.filter((_, i) => !compared[i]).map((m) => m.treatment))];
  }

  /** Which mentions are comparators; a name right after a comparator continues it ("with fractional laser Er:YAG"). */
  function comparators(text: string, mentions: Mention[], re = COMPARATOR_BEFORE): boolean[] {
    const out: boolean[] = [];
    mentions.forEach((m, i) => {
      const prev = mentions[i - 1];
      const joined = !!prev && out[i - 1]! && /^\s*$/u.test(text.slice(prev.end, m.start));
      out.push(joined || re.test(text.slice(Math.max(0, m.start - 32), m.start)));
    });
    return out;
  }

  /** "preparations (aloe extract, placenta extract, retinoic acid, etc.)": ingredients, not treatments. */
  function outsideIngredientLists(text: string, mentions: Mention[]): Mention[] {
    const lists = [...text.matchAll(/\([^()]*,[^()]*\)/gu)].map((m) => [m.index, m.index + m[0].length] as const);
    return mentions.filter((m) => !lists.some(([a, b]) => m.start > a && m.end < b));
  }

  /** The treatment a whole page is about (a product page, a clinic's Morpheus8 page), if one dominates. */
  function pageSubject(sentences: Sentence[], mentions: Mention[][]): TreatmentId | null {
    const counts = new Map<TreatmentId, number>();
    let total = 0;
    sentences.forEach((s, i) => {
      for (const t of subjectsOf(s.text, mentions[i]!)) { counts.set(t, (counts.get(t) ?? 0) + 1); total++; }
    });
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    const [best, n] = ranked[0] ?? [null, 0];
    if (best && n >= PAGE_SUBJECT_MIN && (n / total >= PAGE_SUBJECT_SHARE || n >= PAGE_SUBJECT_LEAD * (ranked[1]?.[1] ?? 0))) return best;
    // A thread or article titled with one treatment ("PDO threads for rolling scars, anyone?") is about it.
    const title = sentences.findIndex((s, i) => s.heading && s.block < TITLE_BLOCKS && mentions[i]!.length > 0);
    if (title < 0) return null;
    const named = new Set(mentions[title]!.map((m) => m.treatment));
    return named.size === 1 ? [...named][0]! : null;
  }

  function isBareItem(s: Sentence): boolean {
    const words = s.text.replace(BULLET_LEAD, '').match(/[\p{L}\p{N}]+/gu) ?? [];
    return s.bullet && s.first && words.length <= MAX_WORDS_BARE_ITEM;
  }

  return {
    detect(text, from = 0) {
      const claims: Claim[] = [];
      const sentences = segment(text);
      const mentionsOf = sentences.map((s) => vocab.mentions(s.text));
      const subject = pageSubject(sentences, mentionsOf);
      let context: TreatmentContext | null = null;
      let question: PendingQuestion | null = null;
      // Distances are counted in blocks of text: bylines and post headers ("u/derm_nurse · 7h",
      // "Asked by anon, 24") stand between a post and its reply without putting distance between them.
      const rawBlocks = (sentences.at(-1)?.block ?? 0) + 1;
      const byline = new Uint8Array(rawBlocks);
      sentences.forEach((s, i) => {
        if (s.first && BYLINE.test(s.text) && sentences[i + 1]?.block !== s.block) byline[s.block] = 1;
      });
      const at = new Uint32Array(rawBlocks);
      for (let b = 1; b < rawBlocks; b++) at[b] = at[b - 1]! + (byline[b - 1] ? 0 : 1);
      const blocks = at[rawBlocks - 1]! + 1;
      // scarsUpTo[b]: how many blocks before b mention scars, so "is there one near b" is two lookups.
      const scarry = new Uint8Array(blocks);
      for (const s of sentences) if (!scarry[at[s.block]!] && vocab.hasScarContext(s.text)) scarry[at[s.block]!] = 1;
      const scarsUpTo = new Uint32Array(blocks + 1);
      for (let b = 0; b < blocks; b++) scarsUpTo[b + 1] = scarsUpTo[b]! + scarry[b]!;
      // On a page about scars (a scar forum thread, a scar clinic's page) scar talk reaches further:
      // a long thread's posts rarely repeat "scars", while a page about something else mentions them in passing.
      const scarPage = scarsUpTo[blocks]! >= SCAR_PAGE_MIN && scarsUpTo[blocks]! / blocks >= SCAR_PAGE_SHARE;
      const before = scarPage ? SCAR_PAGE_BEFORE : SCAR_BEFORE;
      const nearScars = (block: number) => scarsUpTo[Math.min(blocks, block + SCAR_AFTER + 1)]! - scarsUpTo[Math.max(0, block - before)]! > 0;
      // A sentence repeated verbatim (a quoted or double-posted message) is marked once.
      const marked = new Set<string>();

      // A post: what stands between two bylines or headings.
      const postOf = new Uint32Array(rawBlocks);
      sentences.forEach((s, i) => {
        if (s.first && s.block > 0) postOf[s.block] = postOf[s.block - 1]! + (byline[s.block - 1] || (s.heading && !s.asks) || sentences[i - 1]?.heading ? 1 : 0);
      });
      // A story told one line at a time goes on in the next lines of its post; one told in a paragraph
      // ends with it (the next paragraph may be someone else's: pages quote posts without bylines).
      let story: { post: number; block: number; raw: number; lines: boolean } | null = null;
      const inStory = (s: Sentence) => !!story && (story.raw === s.block || (story.lines && story.post === postOf[s.block] && at[s.block]! - story.block <= STORY_BLOCKS));
      /** `facts` absent: an answer to a question, not a story of its own. */
      const emit = (s: Sentence, treatments: TreatmentId[], topics: Array<[TopicId, Polarity]>, carried: boolean, facts?: SentenceFacts) => {
        if (s.start < from) return;
        // A personal story goes on in the next sentences of its post: those that name no treatment ("Pits
        // stayed the same.") and those that tell what happened ("what fixed them was subcision").
        // Cheap tests first: the facts parse the sentence only when these leave the answer open.
        const anecdote = vocab.isAnecdote(s.text) || (inStory(s) && (carried || !!facts?.past));
        // Hedges are words (knowledge/lexicon.json): "may", "could", "would"... soften a claim;
        // "will", "must", "cannot" are modal verbs too, but they insist.
        const hedged = vocab.isHedged(s.text);
        const start = s.start + (s.text.match(BULLET_LEAD)?.[0].length ?? 0);
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
      };

      sentences.forEach((s, i) => {
        const block = at[s.block]!;
        if (SINGULAR_STORY.test(s.text) && vocab.isAnecdote(s.text)) {
          story = { post: postOf[s.block]!, block, raw: s.block, lines: s.first && sentences[i + 1]?.block !== s.block };
        }
        const mentions = outsideIngredientLists(s.text, mentionsOf[i]!);
        const named = [...new Set(mentions.map((m) => m.treatment))];
        const subjects = subjectsOf(s.text, mentions);
        // Most sentences of a long page name no treatment and follow none: skip them before any cue matching.
        const alive = !!context && (context.fromHeading || block - context.block <= CARRY_BLOCKS);
        if (!mentions.length && !s.heading && !alive && !subject && !question) return;
        let cueCache: Cue[] | undefined;
        const cues = () => (cueCache ??= vocab.cues(s.text, mentions));
        const outcome = () => cues().some((c) => !c.weak);
        // A question on its own line ("Why choose fillers for acne scars?") heads what follows, and may get an answer.
        if (s.heading && s.asks && named.length) context = { treatments: named, fromHeading: true, block, asked: true };
        else if (s.heading || (isBareItem(s) && named.length && !outcome())) {
          // A heading or a bare list item ("- Mesotherapy.") names the subject of what follows; it is never a claim.
          if (named.length) context = { treatments: named, fromHeading: true, block };
          // A new section ends the old subject; a post's byline ("mochi_latte · 2 Apr 2025") does not.
          else if (s.heading && !BYLINE.test(s.text)) context = null;
          else if (context) context = { ...context, acrossPosts: true };
          return;
        }
        // "Is filler permanent?" "No, ...": the answer asserts (or denies) what the question asked.
        const reply = question && block - question.block <= ANSWER_BLOCKS ? ANSWER.exec(s.text) : null;
        if (question && reply) {
          const asked = question;
          question = null;
          if (nearScars(block)) {
            const flip = reply[1] !== undefined;
            emit(s, asked.treatments, asked.topics.map(([t, p]) => [t, flip ? (p === 'pos' ? 'neg' : 'pos') : p]), true);
            return;
          }
        }
        let treatments = subjects;
        let carried = false;
        // "Works better than any laser": a treatment compared with another, so the one before (or the page's).
        const comparedOnly = named.length > 0 && !subjects.length && (alive || !!subject) && comparators(s.text, mentions, STRICT_COMPARATOR).every(Boolean);
        if (subjects.length && !(s.heading && s.asks)) context = { treatments: subjects, fromHeading: false, block, asked: s.asks };
        else if (named.length && !(context && vocab.hasAnaphora(s.text)) && !comparedOnly) {
          // Only a comparator is named ("gone after microneedling"): with nothing else to point to, it is the subject.
          treatments = named;
        } else if (comparedOnly || pointsBack(s.text, cues)) {
          // Of several treatments named before, "it" means the last one; with none in reach, the page's own subject.
          const inReach = alive && (!context!.acrossPosts || !!context!.asked || vocab.hasAnaphora(s.text));
          const inherited = inReach ? context!.treatments.slice(-1) : subject ? [subject] : [];
          if (inherited.length) { treatments = inherited; carried = true; }
        }
        if (!treatments.length || !outcome()) return;
        // "The most common methods are: mesotherapy, biorevitalization, plasma lifting and fillers"
        // lists treatments; with nothing but "treats scars" said of them, it is not a claim.
        if (named.length >= LIST_MIN && !cues().some((c) => !c.weak && !(c.topic === 'efficacy' && GENERIC_TREAT.test(s.text.slice(c.start, c.end))))) return;
        if (vocab.isOffTopic(s.text)) return;
        // Prices and booking text make a sentence no claim, unless a claim stands in a clause of its own
        // ("My clinic quoted $1,200 and the nurse swore it's permanent").
        if (vocab.isNonClaim(s.text)) {
          const spans = vocab.nonClaims(s.text);
          const apart = (c: Cue) => spans.every((n) => NEW_CLAUSE.test(s.text.slice(Math.min(n.end, c.end), Math.max(n.start, c.start))));
          if (!cues().some((c) => !c.weak && apart(c))) return;
        }
        // Claims about scars come with scar talk nearby; "laser" on a printer page or "filler" in a recipe do not.
        if (!nearScars(block)) return;
        const topics = topicsOf(s.text, cues(), !carried);
        if (!topics.length) return;
        const key = s.text.replace(BULLET_LEAD, '').trim().toLowerCase();
        if (key.length >= MIN_REPEAT && marked.has(key)) return;
        // Context before `from` asks only whether a sentence is a question or a label (emit skips it).
        const facts = sentenceFacts(s.text);
        if (facts.question) {
          question = { treatments, topics, block };
          return;
        }
        // A short verbless line is a label ("Keloid and hypertrophic scars."), unless it is a list item ("- Minimal downtime").
        if (facts.fragment && !s.bullet) return;
        marked.add(key);
        emit(s, treatments, topics, carried, facts);
      });
      return claims;
    },
  };
}
