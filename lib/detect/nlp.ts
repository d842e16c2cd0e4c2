import nlp from 'compromise';
import type { KnowledgeBase } from '../knowledge/compile';

/** What compromise tells us about one candidate sentence. */
export interface SentenceFacts {
  question: boolean;
  /** Starts with a command ("Mix the clay...", "Apply twice a day"): a how-to step. */
  imperative: boolean;
  hedged: boolean;
  /** A few words with no verb ("Keloid and hypertrophic scars."): a label, not an assertion. */
  fragment: boolean;
  /** Tells what happened (a verb in the past tense): in a personal story, part of the story. */
  past: boolean;
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

let installed = false;
export function installPlugin(kb: KnowledgeBase): void {
  if (installed) return;
  nlp.plugin({ tags: { ScarTreatment: { isA: 'Noun', notA: 'Verb' } }, words: treatmentWords(kb) });
  // Chunking (noun/verb phrases) only reads tags and only questions() needs it: computed on demand
  // below, it no longer costs every sentence (about a sixth of compromise's time per sentence).
  const world = nlp.world() as { hooks: string[] };
  world.hooks = world.hooks.filter((h) => h !== 'chunks');
  installed = true;
}

const MAX_FRAGMENT_WORDS = 4;
const QUESTION_START = /^(?:how|what|which|why|when|where|who|whom|whose|is|are|was|were|do|does|did|can|could|should|would|will|has|have|anyone|any)\b/iu;

/** "What nobody tells you is that ...", "What helped me was ...": a statement opening with "what". */
const PSEUDO_CLEFT = /^what\b[^?]{0,80}?\b(?:is|was|are|were)\s+(?:that|this|how|the|a|an|my|your|to)\b/iu;

/** compromise's questions(), with the chunks it needs computed first (they are off by default, see installPlugin). */
function hasQuestion(doc: ReturnType<typeof nlp>): boolean {
  doc.compute('chunks');
  return doc.questions().length > 0;
}

export function sentenceFacts(text: string): SentenceFacts {
  const trimmed = text.trim();
  const doc = nlp(trimmed);
  const endsWithQuestion = /\?["'”’)\]]*$/u.test(trimmed);
  // compromise also finds questions with no "?" ("how long does it last"); trust it only when the
  // sentence opens like a question, since forum claims often end without punctuation.
  // questions() parses clauses, the dearest call here: asked only of sentences that open like one.
  const question = endsWithQuestion || (QUESTION_START.test(trimmed) && !PSEUDO_CLEFT.test(trimmed) && hasQuestion(doc));
  const first = doc.terms().eq(0);
  const imperative = first.has('#Imperative') || (first.has('#Infinitive') && !first.has('#ScarTreatment') && !first.has('#Noun'));
  const hedged = doc.has('(may|might|could|can) #Adverb? #Verb') || doc.has('#Modal');
  const fragment = doc.terms().length <= MAX_FRAGMENT_WORDS && !doc.has('#Verb');
  const past = doc.has('#PastTense');
  return { question, imperative, hedged, fragment, past };
}

/**
 * What a sentence read only as context (the text before a chunk) needs: whether it asks (its
 * answer may follow) and whether it is a bare label. compromise runs only where it could change
 * the answer (a question without "?", a line of at most four words), so these match
 * sentenceFacts; the rest (hedged, past) only shapes claims, and context yields none.
 */
export function contextFacts(text: string): Pick<SentenceFacts, 'question' | 'fragment'> {
  const trimmed = text.trim();
  const endsWithQuestion = /\?["'”’)\]]*$/u.test(trimmed);
  const mayAsk = !endsWithQuestion && QUESTION_START.test(trimmed) && !PSEUDO_CLEFT.test(trimmed);
  // compromise never joins two space-separated words into one term, so more words means more terms.
  const words = trimmed.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (!mayAsk && words > MAX_FRAGMENT_WORDS) return { question: endsWithQuestion, fragment: false };
  const { question, fragment } = sentenceFacts(text);
  return { question, fragment };
}

