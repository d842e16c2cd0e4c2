import type { Grade, TopicId, TreatmentId, VerdictId } from '../knowledge/schema';

/** A source as shown to the reader (resolved from knowledge/sources.json). */
export interface SourceRef {
  id: string;
  title: string;
  year: number | null;
  kind: string;
  url: string;
  pmid?: string;
  doi?: string;
}

/**
 * One checkable claim found in a text. start/end are UTF-16 offsets into the text given to the
 * detector, and text === input.slice(start, end).
 */
export interface Claim {
  start: number;
  end: number;
  text: string;
  treatment: TreatmentId;
  topic: TopicId;
  verdict: VerdictId;
  /** The knowledge entry whose note explains the verdict. */
  entryId: string;
  note: string;
  details: string;
  grade: Grade;
  sources: SourceRef[];
  /** "may help", "in some cases": the claim is softened. */
  hedged: boolean;
  /** A first-person report rather than a general statement. */
  anecdote: boolean;
  /** The treatment came from an earlier sentence or heading ("it", "this procedure"). */
  carried: boolean;
}
