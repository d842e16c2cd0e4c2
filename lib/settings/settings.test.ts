import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS, MAX_SITES, SETTINGS_KEY, SETTINGS_VERSION, loadSettings, parseSettings, saveSettings, tiersFor, updateSettings,
  watchSettings, type Migrations,
} from './settings';
import { REPORTS_KEY, addReport, loadReports, mergeReports, parseReports, saveReports, type Report } from './reports';
import { buildExport, parseImport } from './transfer';
import { addSite, isSiteOff, normalizeHost, removeSite } from './sites';
import type { StorageArea, StorageChangeEvent, StorageChanges } from './storage';

/** storage.local as a Map that stores JSON copies, with an onChanged event. */
function fakeStorage(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  const listeners = new Set<(c: StorageChanges, area: string) => void>();
  const area: StorageArea = {
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const k of typeof keys === 'string' ? [keys] : keys) if (data.has(k)) out[k] = JSON.parse(data.get(k)!);
      return out;
    },
    async set(items) {
      const changes: StorageChanges = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: data.has(k) ? JSON.parse(data.get(k)!) : undefined, newValue: v };
        data.set(k, JSON.stringify(v));
      }
      for (const l of listeners) l(changes, 'local');
    },
  };
  const events: StorageChangeEvent = { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) };
  return { area, events, raw: (k: string) => (data.has(k) ? JSON.parse(data.get(k)!) : undefined), listeners };
}

const report = (id: string, over: Partial<Report> = {}): Report => ({
  id, date: '2026-11-22T10:00:00.000Z', host: 'example.com', text: 'Fillers last forever.', verdict: 'false',
  entryId: 'filler-permanent', comment: 'The note is outdated.', kbVersion: '0.1.0', ...over,
});

describe('settings', () => {
  it('are the defaults when nothing is stored', async () => {
    const s = fakeStorage();
    expect(await loadSettings(s.area)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, repaired: false });
    expect(DEFAULT_SETTINGS).toEqual({ version: 1, paused: false, marks: true, markTiers: 'all', sitesOff: [] });
  });

  it('round-trip through storage with their version', async () => {
    const s = fakeStorage();
    const next = { ...DEFAULT_SETTINGS, paused: true, markTiers: 'questionable' as const, sitesOff: ['example.com'] };
    await saveSettings(s.area, next);
    expect(s.raw(SETTINGS_KEY)).toEqual({ ...next, version: SETTINGS_VERSION });
    expect(await loadSettings(s.area)).toEqual(next);
    expect(parseSettings(s.raw(SETTINGS_KEY)).repaired).toBe(false);
  });

  it('fall back to the defaults when the stored value is corrupt', async () => {
    for (const raw of [null, 'garbage', 42, true, [1, 2], '{"paused":']) {
      expect(parseSettings(raw)).toEqual({ settings: DEFAULT_SETTINGS, repaired: true });
      expect(await loadSettings(fakeStorage({ [SETTINGS_KEY]: raw }).area)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('repair a hand-edited field without losing the others', () => {
    const { settings, repaired } = parseSettings({ version: 1, paused: 'yes', marks: false, markTiers: 'some', sitesOff: ['reddit.com'] });
    expect(repaired).toBe(true);
    expect(settings).toEqual({ version: 1, paused: false, marks: false, markTiers: 'all', sitesOff: ['reddit.com'] });
  });

  it('keep the good entries of a damaged site list', () => {
    const { settings, repaired } = parseSettings({ version: 1, sitesOff: ['reddit.com', 42, 'not a host', 'WWW.X.COM', 'reddit.com', 'news.example.org'] });
    expect(settings.sitesOff).toEqual(['reddit.com', 'x.com', 'news.example.org']);
    expect(repaired).toBe(true);
    const many = Array.from({ length: MAX_SITES + 5 }, (_, i) => `site${i}.com`);
    expect(parseSettings({ version: 1, sitesOff: many }).settings.sitesOff.length).toBe(MAX_SITES);
  });

  it('migrate an old (unversioned) value forward, keeping its fields', () => {
    const { settings, repaired } = parseSettings({ paused: true, sitesOff: ['example.com'] });
    expect(repaired).toBe(true);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, paused: true, sitesOff: ['example.com'] });
    // A negative or fractional version is treated as unversioned, not trusted.
    expect(parseSettings({ version: -3, marks: false }).settings.marks).toBe(false);
    expect(parseSettings({ version: 0.5, marks: false }).settings).toEqual({ ...DEFAULT_SETTINGS, marks: false });
  });

  it('run every migration in order from the stored version', () => {
    // A hypothetical v3 world: v1 stored `onlyQuestionable`, v2 renamed `disabledSites`.
    const migrations: Migrations = {
      1: (o) => ({ ...o, markTiers: o.onlyQuestionable ? 'questionable' : 'all', version: 2 }),
      2: (o) => ({ ...o, sitesOff: o.disabledSites, version: 3 }),
    };
    const { settings } = parseSettings({ version: 1, onlyQuestionable: true, disabledSites: ['a.com'], marks: false }, migrations, 3);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, markTiers: 'questionable', sitesOff: ['a.com'], marks: false });
    // A migration that throws on a hand-edited value still leaves the fields that fit.
    const broken: Migrations = { 1: () => { throw new Error('bad'); } };
    expect(parseSettings({ version: 1, paused: true }, broken, 2).settings).toEqual({ ...DEFAULT_SETTINGS, paused: true });
  });

  it('read a value from a newer version field by field', () => {
    const { settings } = parseSettings({ version: 7, paused: true, theme: 'sepia', markTiers: 'questionable' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, paused: true, markTiers: 'questionable' });
  });

  it('give defaults when storage itself fails', async () => {
    const failing: StorageArea = { get: () => Promise.reject(new Error('quota')), set: () => Promise.reject(new Error('quota')) };
    expect(await loadSettings(failing)).toEqual(DEFAULT_SETTINGS);
    expect(await loadReports(failing)).toEqual([]);
  });

  it('are never written invalid', async () => {
    const s = fakeStorage();
    await expect(saveSettings(s.area, { ...DEFAULT_SETTINGS, sitesOff: ['not a host'] })).rejects.toThrow();
    expect(s.raw(SETTINGS_KEY)).toBeUndefined();
  });

  it('update one field and leave the reports alone; watchers see the change', async () => {
    const s = fakeStorage({ [SETTINGS_KEY]: 'corrupt', [REPORTS_KEY]: { version: 1, items: [report('a')] } });
    const seen: unknown[] = [];
    const stop = watchSettings(s.events, (x) => seen.push(x));
    await updateSettings(s.area, (x) => ({ ...x, marks: false }));
    expect(await loadSettings(s.area)).toEqual({ ...DEFAULT_SETTINGS, marks: false });
    expect(await loadReports(s.area)).toEqual([report('a')]);
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, marks: false }]);
    stop();
    expect(s.listeners.size).toBe(0);
  });

  it('name the tiers to mark', () => {
    expect(tiersFor('all')).toEqual(['red', 'amber', 'green']);
    expect(tiersFor('questionable')).toEqual(['red', 'amber']);
  });
});

describe('reports', () => {
  it('are stored locally with a date, an id and the knowledge-base version', async () => {
    const s = fakeStorage();
    const now = new Date('2026-11-22T12:00:00.000Z');
    const r = await addReport(s.area, { text: 'Fillers last forever.', verdict: 'false', entryId: 'filler-permanent', host: 'example.com', comment: 'Outdated' }, '0.1.0', now);
    expect(r).toMatchObject({ date: '2026-11-22T12:00:00.000Z', kbVersion: '0.1.0', comment: 'Outdated', host: 'example.com' });
    expect(r.id.length).toBeGreaterThan(4);
    expect(s.raw(REPORTS_KEY)).toEqual({ version: 1, items: [r] });
    await addReport(s.area, { text: 'x', verdict: 'mixed', entryId: 'e', host: 'h.org', comment: '' }, '0.1.0', now);
    expect((await loadReports(s.area)).length).toBe(2);
  });

  it('refuse an invalid draft and store nothing', async () => {
    const s = fakeStorage();
    await expect(addReport(s.area, { text: 'x', verdict: 'wrong' as 'false', entryId: 'e', host: 'h', comment: '' }, '1')).rejects.toThrow();
    await expect(addReport(s.area, { text: 'x', verdict: 'false', entryId: 'e', host: 'h', comment: 'c'.repeat(5000) }, '1')).rejects.toThrow();
    expect(s.raw(REPORTS_KEY)).toBeUndefined();
  });

  it('survive a corrupt list, keeping every valid entry', () => {
    expect(parseReports('garbage')).toEqual({ reports: [], repaired: true });
    expect(parseReports({ version: 1, items: 'nope' })).toEqual({ reports: [], repaired: true });
    const { reports, repaired } = parseReports({ version: 1, items: [report('a'), { id: 'b' }, null, report('c', { verdict: 'nonsense' as 'false' }), report('d'), report('a')] });
    expect(reports.map((r) => r.id)).toEqual(['a', 'd']);
    expect(repaired).toBe(true);
    // Version 0: a bare array.
    expect(parseReports([report('x')]).reports.map((r) => r.id)).toEqual(['x']);
  });

  it('merge by id, oldest first', () => {
    const a = report('a', { date: '2026-01-01T00:00:00.000Z' });
    const b = report('b', { date: '2026-02-01T00:00:00.000Z' });
    const c = report('c', { date: '2025-12-01T00:00:00.000Z' });
    expect(mergeReports([a, b], [b, c])).toEqual({ reports: [c, a, b], added: 1 });
  });

  it('a corrupt report list leaves the settings alone', async () => {
    const s = fakeStorage({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, paused: true }, [REPORTS_KEY]: 12 });
    expect(await loadReports(s.area)).toEqual([]);
    expect((await loadSettings(s.area)).paused).toBe(true);
    await saveReports(s.area, [report('z')]);
    expect(await loadReports(s.area)).toEqual([report('z')]);
  });
});

describe('export and import', () => {
  const settings = { ...DEFAULT_SETTINGS, markTiers: 'questionable' as const, sitesOff: ['reddit.com'] };
  const file = buildExport(settings, [report('a')], new Date('2026-11-22T00:00:00.000Z'));

  it('round-trip settings and reports', () => {
    const back = parseImport(JSON.stringify(file));
    expect(back).toEqual({ ok: true, file });
    expect(file).toMatchObject({ app: 'scarcheck', kind: 'export', version: 1, exportedAt: '2026-11-22T00:00:00.000Z' });
  });

  it('refuse a bad file with a reason', () => {
    expect(parseImport('{not json')).toEqual({ ok: false, error: { kind: 'not-json' } });
    expect(parseImport('[]')).toEqual({ ok: false, error: { kind: 'not-scarcheck' } });
    expect(parseImport(JSON.stringify({ app: 'other', kind: 'export' }))).toEqual({ ok: false, error: { kind: 'not-scarcheck' } });
    expect(parseImport(JSON.stringify({ ...file, settings: { ...settings, markTiers: 'some' } })))
      .toEqual({ ok: false, error: { kind: 'invalid', path: 'settings.markTiers' } });
    expect(parseImport(JSON.stringify({ ...file, reports: [report('a'), { ...report('b'), verdict: 'meh' }] })))
      .toEqual({ ok: false, error: { kind: 'invalid', path: 'reports[1].verdict' } });
    expect(parseImport(JSON.stringify({ ...file, reports: [report('a'), report('a')] })))
      .toEqual({ ok: false, error: { kind: 'invalid', path: 'reports[1].id' } });
    expect(parseImport(JSON.stringify({ ...file, version: 2 }))).toEqual({ ok: false, error: { kind: 'invalid', path: 'version' } });
    expect(parseImport(' '.repeat(5_000_001))).toEqual({ ok: false, error: { kind: 'too-big' } });
  });
});

describe('sites', () => {
  it('normalise what the reader types to a host', () => {
    expect(normalizeHost('https://www.Reddit.com/r/SkincareAddiction')).toBe('reddit.com');
    expect(normalizeHost(' old.reddit.com ')).toBe('old.reddit.com');
    expect(normalizeHost('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(normalizeHost('bücher.de')).toBe('xn--bcher-kva.de');
    for (const bad of ['', 'not a host', 'http://', 'a..b', '-x.com']) expect(normalizeHost(bad)).toBeNull();
  });

  it('cover a host and its subdomains, not look-alikes', () => {
    const sites = ['reddit.com'];
    expect(isSiteOff(sites, 'reddit.com')).toBe(true);
    expect(isSiteOff(sites, 'www.reddit.com')).toBe(true);
    expect(isSiteOff(sites, 'old.reddit.com')).toBe(true);
    expect(isSiteOff(sites, 'notreddit.com')).toBe(false);
    expect(isSiteOff(sites, '')).toBe(false);
  });

  it('add once and remove every covering entry', () => {
    expect(addSite(['b.com'], 'https://www.a.com/x')).toEqual(['a.com', 'b.com']);
    expect(addSite(['a.com'], 'a.com')).toEqual(['a.com']);
    expect(addSite(['a.com'], 'nonsense host')).toEqual(['a.com']);
    expect(removeSite(['a.com', 'x.a.com', 'b.com'], 'x.a.com')).toEqual(['b.com']);
  });
});
