import type { KnowledgeBase } from '../knowledge/compile';
import type { ClaimEntry, Polarity, TopicId, TreatmentId } from '../knowledge/schema';
import { foldCase, WordPattern } from './word-pattern';

/** Picks the knowledge entry that explains a claim, most specific first. */
export class EntryIndex {
  /** A WordPattern compiles on first use: most entries are never asked for on a page, and a cold start compiles none. */
  private readonly byKey = new Map<string, Array<{ entry: ClaimEntry; patterns: WordPattern | null }>>();

  constructor(kb: KnowledgeBase) {
    for (const entry of kb.entries) {
      const key = `${entry.treatment}|${entry.topic}|${entry.polarity}`;
      const list = this.byKey.get(key) ?? [];
      list.push({ entry, patterns: entry.patterns.length ? new WordPattern(entry.patterns) : null });
      this.byKey.set(key, list);
    }
  }

  /**
   * Order: this treatment's anecdote entries, the general anecdote entries (a personal report is an
   * anecdote whatever the treatment), this treatment's entries, the general entries. Within each, an
   * entry whose patterns match the sentence beats a default entry.
   */
  pick(treatment: TreatmentId, topic: TopicId, polarity: Polarity, anecdote: boolean, sentence: string): ClaimEntry | undefined {
    type Tier = { treatment: TreatmentId | '*'; when: 'any' | 'anecdote' };
    const tiers: Tier[] = [];
    if (anecdote) tiers.push({ treatment, when: 'anecdote' }, { treatment: '*', when: 'anecdote' });
    tiers.push({ treatment, when: 'any' }, { treatment: '*', when: 'any' });
    const folded = foldCase(sentence);
    for (const { treatment: t, when } of tiers) {
      const list = (this.byKey.get(`${t}|${topic}|${polarity}`) ?? []).filter((c) => c.entry.when === when);
      const patterned = list.find((c) => c.patterns?.test(folded));
      if (patterned) return patterned.entry;
      const plain = list.find((c) => !c.patterns);
      if (plain) return plain.entry;
    }
    return undefined;
  }
}
