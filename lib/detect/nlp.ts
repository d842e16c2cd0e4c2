import { loadCompromise, type Nlp } from './compromise';
import type { KnowledgeBase } from '../knowledge/compile';

/**
 * What compromise tells us about one candidate sentence. Each fact is worked out when first read,
 * and compromise parses the sentence only for a fact its words cannot settle (see sentenceFacts).
 */
export interface SentenceFacts {
  readonly question: boolean;
  /** A few words with no verb ("Keloid and hypertrophic scars."): a label, not an assertion. */
  readonly fragment: boolean;
  /** Tells what happened (a verb in the past tense): in a personal story, part of the story. */
  readonly past: boolean;
}

const LITERAL = /^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u;

/** Treatment names as compromise words, so brand and procedure names are tagged as nouns, not verbs. */
function treatmentWords(kb: KnowledgeBase): Record<string, string> {
  const words: Record<string, string> = {};
  for (const t of kb.treatments) {
    for (const alias of t.aliases) {
      // Expand a trailing optional plural ("fillers?") and keep plain literals only.
      const base = alias.replace(/s\?$/u, '');
      for (const form of base === alias ? [alias] : [base, `${base}s`]) if (LITERAL.test(form)) words[form.toLowerCase()] = 'ScarTreatment';
    }
  }
  return words;
}

/** The treatment names compromise is taught, once it loads. */
let names: Record<string, string> | undefined;
let ready: Nlp | undefined;

/** Teaches compromise the treatment names (the first knowledge base wins), now or when it loads. */
export function installPlugin(kb: KnowledgeBase): void {
  if (names) return;
  names = treatmentWords(kb);
  if (ready) teach(ready, names);
}

function teach(nlp: Nlp, words: Record<string, string>): void {
  nlp.plugin({ tags: { ScarTreatment: { isA: 'Noun', notA: 'Verb' } }, words });
  // Chunking (noun/verb phrases) only reads tags and only questions() needs it: computed on demand
  // below, it no longer costs every sentence (about a sixth of compromise's time per sentence).
  const world = nlp.world() as { hooks: string[] };
  world.hooks = world.hooks.filter((h) => h !== 'chunks');
}

/** compromise, loaded on first use: a detector that never needs a parse never pays for it. */
function compromise(): Nlp {
  if (!ready) {
    ready = loadCompromise();
    if (names) teach(ready, names);
  }
  return ready;
}

const nlp = (text: string): ReturnType<Nlp> => compromise()(text);

/**
 * Loads compromise ahead of the first parse, and parses once (its first parse compiles the tagger):
 * for when a page is known to need it soon and the time is free now.
 */
export function warmNlp(): void {
  if (!ready) nlp('Fillers may last a year.');
}

const MAX_FRAGMENT_WORDS = 4;
export const QUESTION_START = /^(?:how|what|which|why|when|where|who|whom|whose|is|are|was|were|do|does|did|can|could|should|would|will|has|have|anyone|any)\b/iu;

/** "What nobody tells you is that ...", "What helped me was ...": a statement opening with "what". */
export const PSEUDO_CLEFT = /^what\b[^?]{0,80}?\b(?:is|was|are|were)\s+(?:that|this|how|the|a|an|my|your|to)\b/iu;

const SCENE_START = /^(?:when|where)\b[^,?]{1,120},/iu;
const QUESTION_CLAUSE = /(?:[,;:.!\n]|\b(?:and|but|or|so|then|yet)\b)\s*(?:is|are|am|was|were|do|does|did|can|could|will|would|shall|should|may|might|must|has|have|had|how|what|why|who|whom|whose|which|when|where|any|anyone)(?:n['’]t)?\b/iu;
const OR_NOT_END = /\bor\s+not\W*$/iu;
/**
 * "When injected by a dermatologist, fillers ...": a clause that sets the scene, then a statement,
 * read as one with no parse. Not when a later clause opens like a question ("Where the scar is
 * deep, is TCA CROSS better"), or the sentence has a "?" or ends in "or not". compromise says the
 * same of such sentences, but for one rule of its own that makes a garbled line a question
 * ("When healed, the question is scars better").
 */
export function opensWithScene(text: string): boolean {
  const scene = SCENE_START.exec(text);
  return !!scene && !text.includes('?') && !QUESTION_CLAUSE.test(text.slice(scene[0].length - 1)) && !OR_NOT_END.test(text);
}

/** compromise's questions(), with the chunks it needs computed first (they are off by default, see installPlugin). */
function hasQuestion(doc: ReturnType<Nlp>): boolean {
  doc.compute('chunks');
  return doc.questions().length > 0;
}

const words = (s: string) => s.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * The sentence's facts, each read when first asked for. compromise (~0.4 ms a sentence) parses
 * it only for a fact its words leave open: a question with no "?" that opens like one (but not
 * with a "When ...," clause before a statement: see opensWithScene), a line of four words
 * or fewer (compromise never joins two space-separated words into one term), and the tense, which
 * only a personal story asks about. The answers are compromise's own (opensWithScene aside).
 */
export function sentenceFacts(text: string): SentenceFacts {
  const trimmed = text.trim();
  let doc: ReturnType<Nlp> | undefined;
  const parsed = () => (doc ??= nlp(trimmed));
  const once = <T>(f: () => T): (() => T) => { let done = false; let v: T; return () => { if (!done) { v = f(); done = true; } return v; }; };
  const question = once(() => {
    if (/\?["'”’)\]]*$/u.test(trimmed)) return true;
    // compromise also finds questions with no "?" ("how long does it last"); trust it only when the
    // sentence opens like a question, since forum claims often end without punctuation.
    return QUESTION_START.test(trimmed) && !PSEUDO_CLEFT.test(trimmed) && !opensWithScene(trimmed) && hasQuestion(parsed());
  });
  const fragment = once(() => words(trimmed) <= MAX_FRAGMENT_WORDS && parsed().terms().length <= MAX_FRAGMENT_WORDS && !parsed().has('#Verb'));
  const past = once(() => parsed().has('#PastTense'));
  return {
    get question() { return question(); },
    get fragment() { return fragment(); },
    get past() { return past(); },
  };
}
