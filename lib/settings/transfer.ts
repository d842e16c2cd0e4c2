/**
 * Export and import of settings and reports as one JSON file (options page). Import is strict:
 * a file that does not fit the schema is refused as a whole with a message naming the problem,
 * and nothing changes.
 *
 *   { "app": "scarcheck", "kind": "export", "version": 1, "exportedAt": ISO date,
 *     "settings": { version: 1, ... }, "reports": [Report, ...] }
 */
import { z } from 'zod/mini';
import { MAX_REPORTS, ReportSchema, type Report } from './reports';
import { SettingsSchema, type Settings } from './settings';

export const EXPORT_VERSION = 1;
/** Files larger than this are not read (a real export is a few hundred kB at most). */
export const MAX_IMPORT_BYTES = 5_000_000;

export const ExportSchema = z.object({
  app: z.literal('scarcheck'),
  kind: z.literal('export'),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  settings: SettingsSchema,
  reports: z.array(ReportSchema).check(z.maxLength(MAX_REPORTS)),
});
export type ExportFile = z.infer<typeof ExportSchema>;

export function buildExport(settings: Settings, reports: readonly Report[], now = new Date()): ExportFile {
  return { app: 'scarcheck', kind: 'export', version: EXPORT_VERSION, exportedAt: now.toISOString(), settings, reports: [...reports] };
}

export const exportFileName = (now = new Date()): string => `scarcheck-export-${now.toISOString().slice(0, 10)}.json`;

/** Why an import was refused, for the reader. */
export type ImportError =
  | { kind: 'too-big' }
  | { kind: 'not-json' }
  | { kind: 'not-scarcheck' }
  | { kind: 'invalid'; path: string };

export type ImportResult = { ok: true; file: ExportFile } | { ok: false; error: ImportError };

/** Parses the text of an import file; never throws. */
export function parseImport(text: string): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: { kind: 'too-big' } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { kind: 'not-json' } };
  }
  const head = json as { app?: unknown; kind?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.app !== 'scarcheck' || head.kind !== 'export') {
    return { ok: false, error: { kind: 'not-scarcheck' } };
  }
  const parsed = ExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '';
    return { ok: false, error: { kind: 'invalid', path: path || '(top level)' } };
  }
  const ids = new Set<string>();
  for (const [i, r] of parsed.data.reports.entries()) {
    if (ids.has(r.id)) return { ok: false, error: { kind: 'invalid', path: `reports[${i}].id` } };
    ids.add(r.id);
  }
  return { ok: true, file: parsed.data };
}
