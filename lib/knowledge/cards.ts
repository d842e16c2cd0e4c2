import type { SourceRef } from '../detect/types';
import type { KnowledgeBase } from './compile';
import type { Grade, TreatmentId } from './ids';

/** A treatment's summary card as the UI shows it, with its sources resolved. */
export interface TreatmentInfo {
  id: TreatmentId;
  name: string;
  card: {
    summary: string;
    helps: string;
    improvement: string;
    duration: string;
    sessions: string;
    downtime: string;
    risks: string;
    darkerSkin: string;
    grade: Grade;
    sources: SourceRef[];
  };
}

export function treatmentInfo(kb: KnowledgeBase, id: TreatmentId): TreatmentInfo {
  const t = kb.treatments.find((x) => x.id === id);
  if (!t) throw new Error(`unknown treatment ${id}`);
  const sources = t.card.sources.map((s) => kb.sources[s]).filter((s): s is NonNullable<typeof s> => !!s);
  return { id: t.id, name: t.name, card: { ...t.card, sources } };
}
