import { z } from 'zod';
import {
  ClaimsFile, LexiconFile, SourcesFile, TreatmentsFile, TREATMENT_IDS,
  type ClaimEntry, type Lexicon, type Source, type Treatment,
} from './schema';

/** The validated knowledge base in the form every context loads. */
export interface KnowledgeBase {
  version: string;
  reviewed: string;
  sources: Record<string, Source>;
  treatments: Treatment[];
  entries: ClaimEntry[];
  lexicon: Lexicon;
}

/** A knowledge file failed validation: names the file, the entry and the field. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid knowledge base:\n  ${problems.join('\n  ')}`);
    this.name = 'KnowledgeError';
  }
}

/** Raw file contents keyed by their path relative to knowledge/ (e.g. "claims/filler.json"). */
export type KnowledgeFiles = Record<string, string>;

function describe(file: string, data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  let where = '';
  // Name the entry by its id where it has one, so the message survives reordering.
  if (path.length >= 2 && typeof path[1] === 'number') {
    const list = (data as Record<string, unknown[]>)[String(path[0])];
    const item = Array.isArray(list) ? (list[path[1]] as { id?: unknown } | undefined) : undefined;
    where = ` entry ${typeof item?.id === 'string' ? `"${item.id}"` : `#${path[1]}`}`;
    const field = path.slice(2).join('.');
    return `${file}:${where} field "${field || '(entry)'}": ${issue.message}`;
  }
  return `${file}: field "${path.join('.') || '(file)'}": ${issue.message}`;
}

function parseFile<T>(file: string, text: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) {
    problems.push(`${file}: not valid JSON (${(e as Error).message})`);
    return undefined;
  }
  const res = schema.safeParse(data);
  if (!res.success) { for (const issue of res.error.issues) problems.push(describe(file, data, issue)); return undefined; }
  return res.data;
}

/** Validates every knowledge file and cross-checks ids; throws KnowledgeError listing every problem. */
export function compileKnowledge(files: KnowledgeFiles, version = '0'): KnowledgeBase {
  const problems: string[] = [];
  const need = (name: string) => {
    if (files[name] === undefined) problems.push(`${name}: file is missing`);
    return files[name] ?? '';
  };
  const sourcesFile = parseFile('sources.json', need('sources.json'), SourcesFile, problems);
  const treatmentsFile = parseFile('treatments.json', need('treatments.json'), TreatmentsFile, problems);
  const lexicon = parseFile('lexicon.json', need('lexicon.json'), LexiconFile, problems);
  const claimFiles = Object.keys(files).filter((f) => f.startsWith('claims/') && f.endsWith('.json')).sort();
  if (!claimFiles.length) problems.push('claims/: no claim files');
  const entries: ClaimEntry[] = [];
  const entryFile = new Map<string, string>();
  for (const f of claimFiles) {
    const parsed = parseFile(f, files[f]!, ClaimsFile, problems);
    if (!parsed) continue;
    for (const e of parsed.claims) {
      if (entryFile.has(e.id)) problems.push(`${f}: entry "${e.id}" field "id": duplicate of an entry in ${entryFile.get(e.id)}`);
      entryFile.set(e.id, f);
      entries.push(e);
    }
  }

  const sources: Record<string, Source> = {};
  for (const s of sourcesFile?.sources ?? []) {
    if (sources[s.id]) problems.push(`sources.json: entry "${s.id}" field "id": duplicate id`);
    sources[s.id] = s;
  }
  const treatments = treatmentsFile?.treatments ?? [];
  if (treatmentsFile) {
    const seen = new Set<string>();
    for (const t of treatments) {
      if (seen.has(t.id)) problems.push(`treatments.json: entry "${t.id}" field "id": duplicate id`);
      seen.add(t.id);
      for (const s of t.card.sources) if (sourcesFile && !sources[s]) problems.push(`treatments.json: entry "${t.id}" field "card.sources": unknown source ${s}`);
    }
    for (const id of TREATMENT_IDS) if (!seen.has(id)) problems.push(`treatments.json: field "treatments": no entry for treatment "${id}"`);
  }
  // One verdict per (treatment, topic, polarity, situation, patterns): two would contradict each other.
  const verdictOf = new Map<string, { id: string; verdict: string }>();
  for (const e of entries) {
    const file = entryFile.get(e.id)!;
    for (const s of e.sources) if (sourcesFile && !sources[s]) problems.push(`${file}: entry "${e.id}" field "sources": unknown source ${s}`);
    const key = [e.treatment, e.topic, e.polarity, e.when, [...e.patterns].sort().join('|')].join(' ');
    const prev = verdictOf.get(key);
    if (prev && prev.verdict !== e.verdict) problems.push(`${file}: entry "${e.id}" field "verdict": ${e.verdict} contradicts "${prev.id}" (${prev.verdict}) for the same treatment, topic and polarity`);
    verdictOf.set(key, { id: e.id, verdict: e.verdict });
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries) {
    if (!e.reverses) continue;
    const other = byId.get(e.reverses);
    const file = entryFile.get(e.id)!;
    if (!other) problems.push(`${file}: entry "${e.id}" field "reverses": unknown entry ${e.reverses}`);
    else if (other.treatment !== e.treatment || other.topic !== e.topic || other.polarity === e.polarity) {
      problems.push(`${file}: entry "${e.id}" field "reverses": ${e.reverses} must have the same treatment and topic and the opposite polarity`);
    }
  }
  if (problems.length) throw new KnowledgeError(problems);
  const reviewed = entries.map((e) => e.reviewed).sort().at(-1) ?? '';
  return { version, reviewed, sources, treatments, entries, lexicon: lexicon! };
}
