/**
 * The reader's settings: typed, versioned, stored under one key in storage.local.
 *
 *   { version: 1, paused, marks, markTiers, sitesOff }
 *
 * Reading never fails. A stored value is migrated forward from its version, then every field is
 * validated on its own: a field that is missing, corrupt or hand-edited into something invalid
 * falls back to its default while the valid fields are kept. A value that is not an object at
 * all (corrupt storage) gives the defaults. zod/mini: the content script reads settings on every
 * page.
 */
import { z } from 'zod/mini';
import type { Tier } from '../knowledge/ids';
import { isHost, normalizeHost } from './sites';
import { watchKey, type StorageArea, type StorageChangeEvent } from './storage';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;
/** More sites than anyone switches off by hand; keeps a hand-edited list from growing without bound. */
export const MAX_SITES = 1000;

/** Which verdict tiers get underlined: all of them, or only the questionable (amber and red) ones. */
export const MARK_TIERS = ['all', 'questionable'] as const;
export type MarkTiers = (typeof MARK_TIERS)[number];

/** One schema per field, so each is validated (and repaired) on its own. */
export const SETTINGS_FIELDS = {
  /** Global pause: no page is read or marked. */
  paused: z.boolean(),
  /** Underline claims on pages (off: the popup still lists them and the badge still counts). */
  marks: z.boolean(),
  markTiers: z.enum(MARK_TIERS),
  /** Hosts where ScarCheck is off (sites.ts: lower case, no "www."; covers subdomains). */
  sitesOff: z.array(z.string().check(z.refine(isHost))).check(z.maxLength(MAX_SITES)),
};

export const SettingsSchema = z.object({ version: z.literal(SETTINGS_VERSION), ...SETTINGS_FIELDS });
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  paused: false,
  marks: true,
  markTiers: 'all',
  sitesOff: [],
});

export const defaultSettings = (): Settings => ({ ...DEFAULT_SETTINGS, sitesOff: [] });

/** The tiers a setting marks. */
export const tiersFor = (m: MarkTiers): readonly Tier[] => (m === 'all' ? ['red', 'amber', 'green'] : ['red', 'amber']);

type Raw = Record<string, unknown>;
/**
 * Migrations from each older version to the next. Version 0 is a value without a version
 * field (written by hand, or by a build before settings were versioned): it has the current
 * field names, so it only needs its version.
 */
export type Migrations = Readonly<Record<number, (old: Raw) => Raw>>;
export const MIGRATIONS: Migrations = {
  0: (old) => ({ ...old, version: 1 }),
};

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ParsedSettings {
  settings: Settings;
  /** True when the stored value was not exactly a current, valid settings object. */
  repaired: boolean;
}

/** Reads a stored settings value of any version and shape; never throws. */
export function parseSettings(raw: unknown, migrations: Migrations = MIGRATIONS, current = SETTINGS_VERSION): ParsedSettings {
  if (raw === undefined) return { settings: defaultSettings(), repaired: false };
  if (!isObject(raw)) return { settings: defaultSettings(), repaired: true };
  let value: Raw = raw;
  let version = typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 0 ? raw.version : 0;
  let repaired = version !== raw.version;
  try {
    while (version < current) {
      const step = migrations[version];
      if (!step) break; // no path forward: keep whatever fields still fit
      value = step(value);
      version += 1;
      repaired = true;
    }
  } catch {
    repaired = true; // a migration choked on a hand-edited value: salvage fields below
  }
  // A newer version (after a downgrade) is read field by field as well.
  const out = defaultSettings();
  for (const key of Object.keys(SETTINGS_FIELDS) as Array<keyof typeof SETTINGS_FIELDS>) {
    const field = SETTINGS_FIELDS[key];
    let v: unknown = value[key];
    if (key === 'sitesOff' && Array.isArray(v)) {
      // Keep the good entries of a partly damaged list (a hand-typed "WWW.Example.com" counts).
      const list: unknown[] = v;
      const hosts = list.map((s) => (typeof s === 'string' ? (isHost(s) ? s : normalizeHost(s)) : null)).filter((s): s is string => !!s);
      const good = [...new Set(hosts)].slice(0, MAX_SITES);
      if (good.length !== list.length || good.some((h, i) => h !== list[i])) repaired = true;
      v = good;
    }
    const parsed = field.safeParse(v);
    if (parsed.success) (out as Raw)[key] = parsed.data;
    else repaired = true;
  }
  return { settings: out, repaired };
}

export async function loadSettings(area: StorageArea): Promise<Settings> {
  try {
    const got = await area.get(SETTINGS_KEY);
    return parseSettings(got[SETTINGS_KEY]).settings;
  } catch {
    return defaultSettings();
  }
}

export async function saveSettings(area: StorageArea, settings: Settings): Promise<void> {
  const checked = SettingsSchema.parse({ ...settings, version: SETTINGS_VERSION });
  await area.set({ [SETTINGS_KEY]: checked });
}

/** Read, change, write. Returns what was written. */
export async function updateSettings(area: StorageArea, change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings(area));
  await saveSettings(area, next);
  return next;
}

/** Calls `cb` with the parsed settings whenever they change in storage. */
export const watchSettings = (events: StorageChangeEvent, cb: (s: Settings) => void): (() => void) =>
  watchKey(events, SETTINGS_KEY, (raw) => cb(parseSettings(raw).settings));
