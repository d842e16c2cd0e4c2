/**
 * Every string the reader sees comes from public/_locales/<lang>/messages.json through
 * `browser.i18n.getMessage` (the extension's own locale machinery; English is complete). Keys
 * are typed from the English file, which is never bundled: `t()` reads the browser's copy.
 *
 * Outside an extension (unit tests, the screenshot fixtures) `browser.i18n` is missing: a
 * message table can be installed with `setFallbackMessages`, formatted the way browsers do.
 */
type Messages = typeof import('../../public/_locales/en/messages.json');
export type MessageKey = keyof Messages;

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

interface I18nApi { getMessage(key: string, substitutions?: string | string[]): string }

// Read the global namespace directly (not webextension-polyfill, which refuses to load outside an
// extension): Firefox has `browser`, Chromium `chrome`; getMessage is synchronous in both.
const api = (): I18nApi | undefined => {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
};

let fallback: Readonly<Record<string, MessageEntry>> | null = null;

/** Installs a message table for contexts without browser.i18n (tests). */
export function setFallbackMessages(messages: Readonly<Record<string, MessageEntry>> | null): void {
  fallback = messages;
}

/**
 * Formats a message the way browsers do: `$NAME$` is replaced by the named placeholder's content,
 * in which `$1`..`$9` stand for the substitutions; `$$` is a literal dollar sign.
 */
export function formatMessage(entry: MessageEntry, subs: readonly string[]): string {
  const sub = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const p = entry.placeholders?.[name.toLowerCase()];
    return p ? sub(p.content) : whole;
  });
  return sub(named).replace(/\$\$/g, '$');
}

/** The reader's string for `key`, with substitutions for its placeholders. */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const s = subs.map(String);
  let msg = '';
  try {
    msg = api()?.getMessage(key, s) ?? '';
  } catch {
    msg = ''; // the extension context was invalidated (after an update): fall through
  }
  if (msg) return msg;
  const entry = fallback?.[key];
  return entry ? formatMessage(entry, s) : key;
}

/** "1 claim" / "3 claims": chrome.i18n has no plural rules, so English keeps two keys. */
export const tCount = (n: number, one: MessageKey, many: MessageKey): string => t(n === 1 ? one : many, n);
