/**
 * "Report this note": what the reader thought was wrong with a note, kept in storage.local only
 * (nothing is sent anywhere) and exported as JSON from the options page.
 *
 *   storage.local.reports = { version: 1, items: Report[] }
 *
 * Reading never fails: a corrupt value gives an empty list, and a damaged entry is dropped
 * without losing the others.
 */
import { z } from 'zod/mini';
import { ReportDraftSchema, type ReportDraft } from '../messages/schemas';
import { watchKey, type StorageArea, type StorageChangeEvent } from './storage';

export const REPORTS_KEY = 'reports';
export const REPORTS_VERSION = 1;
/** Oldest reports are dropped beyond this many. */
export const MAX_REPORTS = 500;
/** Limits of ReportDraftSchema (lib/messages/schemas.ts). */
export const MAX_COMMENT = 1000;
export const MAX_CLAIM_TEXT = 2000;

const short = (max: number) => z.string().check(z.maxLength(max));

/** What the page sends (the claim as shown, and the reader's comment) is defined with the messages. */
export { ReportDraftSchema, type ReportDraft };

/** A stored report: the draft plus when, an id, and the knowledge-base version that wrote the note. */
export const ReportSchema = z.object({
  ...ReportDraftSchema.shape,
  id: short(100).check(z.minLength(1)),
  /** ISO 8601 date and time. */
  date: z.iso.datetime(),
  kbVersion: short(50),
});
export type Report = z.infer<typeof ReportSchema>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a stored reports value; keeps every valid entry (newest MAX_REPORTS), never throws. */
export function parseReports(raw: unknown): { reports: Report[]; repaired: boolean } {
  if (raw === undefined) return { reports: [], repaired: false };
  // Version 0: a bare array of reports (hand-written or from before the list was versioned).
  const items = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.items) ? raw.items : null;
  if (!items) return { reports: [], repaired: true };
  const reports: Report[] = [];
  const ids = new Set<string>();
  for (const item of items) {
    const parsed = ReportSchema.safeParse(item);
    if (parsed.success && !ids.has(parsed.data.id)) { reports.push(parsed.data); ids.add(parsed.data.id); }
  }
  const kept = reports.slice(-MAX_REPORTS);
  const repaired = Array.isArray(raw) || (raw as { version?: unknown }).version !== REPORTS_VERSION || kept.length !== items.length;
  return { reports: kept, repaired };
}

export async function loadReports(area: StorageArea): Promise<Report[]> {
  try {
    return parseReports((await area.get(REPORTS_KEY))[REPORTS_KEY]).reports;
  } catch {
    return [];
  }
}

export async function saveReports(area: StorageArea, reports: readonly Report[]): Promise<void> {
  const items = reports.slice(-MAX_REPORTS).map((r) => ReportSchema.parse(r));
  await area.set({ [REPORTS_KEY]: { version: REPORTS_VERSION, items } });
}

/** A fresh id without crypto.randomUUID (absent in some test environments). */
export function reportId(now: Date, random: () => number = Math.random): string {
  return `${now.getTime().toString(36)}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
}

/** Stores a new report; returns it. */
export async function addReport(area: StorageArea, draft: ReportDraft, kbVersion: string, now = new Date()): Promise<Report> {
  const report: Report = ReportSchema.parse({ ...ReportDraftSchema.parse(draft), id: reportId(now), date: now.toISOString(), kbVersion });
  const reports = await loadReports(area);
  await saveReports(area, [...reports, report]);
  return report;
}

/** `into` plus the reports of `from` it does not already have (by id), oldest first. */
export function mergeReports(into: readonly Report[], from: readonly Report[]): { reports: Report[]; added: number } {
  const ids = new Set(into.map((r) => r.id));
  const fresh: Report[] = [];
  for (const r of from) if (!ids.has(r.id)) { ids.add(r.id); fresh.push(r); }
  const reports = [...into, ...fresh].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { reports, added: fresh.length };
}

export const watchReports = (events: StorageChangeEvent, cb: (r: Report[]) => void): (() => void) =>
  watchKey(events, REPORTS_KEY, (raw) => cb(parseReports(raw).reports));
