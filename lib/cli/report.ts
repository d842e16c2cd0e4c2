import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/compile';
import { TopicId, TreatmentId, VerdictId, tierOf } from '../knowledge/schema';
import type { Claim } from '../detect/types';

/** The `--json` output contract (the scorer and other tools read exactly this). */
export const JsonSource = z.object({
  title: z.string(), year: z.number().nullable(), kind: z.string(), url: z.string(),
  pmid: z.string().optional(), doi: z.string().optional(),
}).strict();
export const JsonClaim = z.object({
  start: z.number().int().nonnegative(), end: z.number().int().positive(), text: z.string(),
  treatment: TreatmentId, topic: TopicId, verdict: VerdictId, note: z.string(), sources: z.array(JsonSource),
}).strict();
export const JsonReport = z.object({ claims: z.array(JsonClaim) }).strict();
export type JsonReport = z.infer<typeof JsonReport>;

export function toJsonReport(claims: Claim[]): JsonReport {
  return JsonReport.parse({
    claims: claims.map((c) => ({
      start: c.start, end: c.end, text: c.text, treatment: c.treatment, topic: c.topic, verdict: c.verdict, note: c.note,
      sources: c.sources.map(({ title, year, kind, url, pmid, doi }) => ({ title, year, kind, url, ...(pmid ? { pmid } : {}), ...(doi ? { doi } : {}) })),
    })),
  });
}

const VERDICT_WORDS: Record<VerdictId, string> = {
  false: 'FALSE', misleading: 'MISLEADING', unsupported: 'UNSUPPORTED', mixed: 'MIXED', supported: 'SUPPORTED',
};
const ORDER: VerdictId[] = ['false', 'misleading', 'unsupported', 'mixed', 'supported'];

/** A readable report: claims grouped by verdict, worst first, each with its note and sources. */
export function toTextReport(claims: Claim[], kb: KnowledgeBase, label: string): string {
  const name = (id: string) => kb.treatments.find((t) => t.id === id)?.name ?? id;
  const lines: string[] = [];
  const questionable = claims.filter((c) => tierOf(c.verdict) !== 'green').length;
  lines.push(`ScarCheck: ${label}`);
  lines.push(claims.length
    ? `${claims.length} claim${claims.length === 1 ? '' : 's'} about scar treatments, ${questionable} questionable.`
    : 'No claims about scar treatments found.');
  for (const v of ORDER) {
    const group = claims.filter((c) => c.verdict === v);
    if (!group.length) continue;
    lines.push('', `== ${VERDICT_WORDS[v]} (${group.length})`);
    for (const c of group) {
      const snippet = c.text.length > 140 ? `${c.text.slice(0, 137)}...` : c.text;
      lines.push(`- "${snippet}"`);
      lines.push(`  ${name(c.treatment)} / ${c.topic}${c.anecdote ? ' / personal report' : ''}${c.hedged ? ' / hedged' : ''}`);
      lines.push(`  ${c.note}`);
      for (const s of c.sources.slice(0, 3)) lines.push(`  [${s.kind}, ${s.year ?? 'n.d.'}] ${s.title} <${s.url}>`);
    }
  }
  lines.push('', 'Not medical advice: ScarCheck summarises published evidence; ask a dermatologist about your own skin.');
  return lines.join('\n');
}
