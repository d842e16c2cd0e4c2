import { z } from 'zod';

import { GRADES, TOPIC_IDS, TREATMENT_IDS, VERDICT_IDS } from './ids';

// The id lists and tierOf live in ids.ts (no zod) so the content script can use them cheaply.
export { GRADES, TOPIC_IDS, TREATMENT_IDS, VERDICT_IDS, tierOf, type Tier } from './ids';

export const TreatmentId = z.enum(TREATMENT_IDS);
export const TopicId = z.enum(TOPIC_IDS);
export const VerdictId = z.enum(VERDICT_IDS);
export const Grade = z.enum(GRADES);
export type TreatmentId = z.infer<typeof TreatmentId>;
export type TopicId = z.infer<typeof TopicId>;
export type VerdictId = z.infer<typeof VerdictId>;
export type Grade = z.infer<typeof Grade>;

/** A regular-expression source, checked to compile (case-insensitive, unicode). */
const RegexSource = z.string().min(1).refine((s) => {
  try { new RegExp(s, 'iu'); return true; } catch { return false; }
}, { message: 'is not a valid regular expression' });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const Source = z.object({
  id: z.string().regex(/^S\d+$/, 'must look like S12'),
  title: z.string().min(5),
  year: z.number().int().min(1900).max(2100).nullable(),
  kind: z.string().min(2),
  url: z.string().url(),
  pmid: z.string().regex(/^\d+$/).optional(),
  doi: z.string().regex(/^10\.\S+$/).optional(),
}).strict();
export type Source = z.infer<typeof Source>;

export const TreatmentCard = z.object({
  summary: z.string().min(20).max(400),
  helps: z.string().min(5).max(300),
  improvement: z.string().min(5).max(300),
  duration: z.string().min(5).max(300),
  sessions: z.string().min(5).max(300),
  downtime: z.string().min(5).max(300),
  risks: z.string().min(5).max(400),
  darkerSkin: z.string().min(5).max(300),
  grade: Grade,
  sources: z.array(z.string()).min(1),
}).strict();

export const Treatment = z.object({
  id: TreatmentId,
  name: z.string().min(2),
  /** Names, brands, abbreviations and slang, as regex sources matched on word boundaries. */
  aliases: z.array(RegexSource).min(1),
  card: TreatmentCard,
}).strict();
export type Treatment = z.infer<typeof Treatment>;

/**
 * Polarity says which way the claim points, per topic:
 * permanence pos = lasting, neg = temporary; complete-removal pos = erases, neg = cannot erase;
 * efficacy pos = works, neg = does not; old-scars pos = works on old scars, neg = only fresh;
 * speed pos = fast, neg = slow; sessions pos = one/few enough, neg = many needed;
 * safety pos = safe/no downtime, neg = names a risk or downtime; skin-type pos = fine for dark
 * skin, neg = risky for it; scar-type pos = suits the scar type, neg = does not; comparison
 * pos = better than others, neg = not better.
 */
export const Polarity = z.enum(['pos', 'neg']);
export type Polarity = z.infer<typeof Polarity>;

export const ClaimEntry = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
  /** '*' makes a topic-level fallback used when no treatment-specific entry fits. */
  treatment: z.union([TreatmentId, z.literal('*')]),
  topic: TopicId,
  polarity: Polarity,
  /** 'anecdote': applies only to first-person reports ("my pits were gone"). */
  when: z.enum(['any', 'anecdote']).default('any'),
  verdict: VerdictId,
  assertion: z.string().min(5).max(200),
  /** Extra regex sources: when present, one must match the sentence for this entry to apply. */
  patterns: z.array(RegexSource).default([]),
  note: z.string().min(20).max(280),
  details: z.string().min(20).max(1200),
  grade: Grade,
  sources: z.array(z.string()).min(1),
  reviewed: IsoDate,
  /** The id of the entry this one reverses ("fillers are temporary" reverses "fillers are permanent"). */
  reverses: z.string().optional(),
  examples: z.array(z.string().min(5)).default([]),
  nearMisses: z.array(z.string().min(5)).default([]),
}).strict();
export type ClaimEntry = z.infer<typeof ClaimEntry>;

const CueList = z.array(RegexSource);
export const TopicCues = z.object({
  id: TopicId,
  label: z.string().min(3),
  /** Cues asserting the topic's positive direction (see Polarity). */
  pos: CueList,
  /** Cues asserting the negative direction. */
  neg: CueList,
  /**
   * Whether a negator before a negative cue flips it ("no downtime" is a safety-positive claim).
   * Off where negative cues name a target rather than assert ("not done on dark skin").
   */
  flipNeg: z.boolean(),
  /**
   * Positive cues that describe a mechanism rather than an outcome ("stimulates collagen"): they
   * count only in a sentence that names its treatment itself.
   */
  weak: CueList.default([]),
  /**
   * When present, a positive cue counts only with one of these words shortly before it: a scar type
   * is a claim topic in "works for boxcars", not in "I have boxcars".
   */
  lead: CueList.default([]),
  /** Which cues the lead rule governs: positive ones only, or both directions. */
  leadApplies: z.enum(['pos', 'both']).default('pos'),
}).strict();

/** The detector's vocabulary: everything it matches besides treatment names. */
export const Lexicon = z.object({
  topics: z.array(TopicCues).length(TOPIC_IDS.length),
  /** Words that flip the polarity of a cue that follows them closely ("not", "never"). */
  negators: CueList,
  /** Hedges ("may help"): a claim stays a claim, the note says so. */
  hedges: CueList,
  /** First-person report markers ("I had", "my scars"). */
  anecdote: CueList,
  /**
   * First-person words that introduce someone else's claim or a professional's voice rather than a
   * personal result ("my derm said", "I would not", "we recommend"): masked before anecdote markers are
   * looked for, so the reported claim gets its own verdict.
   */
  reporters: CueList.default([]),
  /** References back to the treatment named just before ("it", "this procedure"). */
  anaphora: CueList,
  /** Sentences that are not claims even with a treatment and a cue: booking text, prices, how-to. */
  nonClaims: CueList,
  /** Scar and skin words: a sentence that names no treatment needs one to inherit the treatment before it. */
  scarWords: CueList,
  /** Words that show a passage is about scars at all; claims stand only near one. */
  scarContext: CueList,
  /** Other conditions the same treatments are sold for (wrinkles, tattoos): without a scar word, not our topic. */
  offTopic: CueList,
  /**
   * Intentions and purposes that end right before a cue ("I chose to", "wanted to", "used it to"):
   * what follows is hoped for, not reported, so the cue does not count.
   */
  intent: CueList.default([]),
  /** Expletive "it" ("it's better to", "it is possible that"): no reference back to a treatment. */
  expletives: CueList.default([]),
}).strict();
export type Lexicon = z.infer<typeof Lexicon>;

export const SourcesFile = z.object({ sources: z.array(Source).min(1) }).strict();
export const TreatmentsFile = z.object({ treatments: z.array(Treatment).min(1) }).strict();
export const ClaimsFile = z.object({ claims: z.array(ClaimEntry).min(1) }).strict();
export const LexiconFile = Lexicon;
