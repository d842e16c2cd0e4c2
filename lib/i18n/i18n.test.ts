import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GRADES, VERDICT_IDS } from '../knowledge/ids';
import { formatMessage, setFallbackMessages, t, tCount, type MessageEntry } from './index';

const ROOT = path.resolve(import.meta.dirname, '../..');
const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, MessageEntry>;

/** Every source file that can show a string. */
function sources(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'generated') walk(p); } else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(ROOT, 'lib'));
  walk(path.join(ROOT, 'entrypoints'));
  out.push(fs.readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8'));
  return out.join('\n');
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  setFallbackMessages(messages);
});

describe('messages', () => {
  it('formats placeholders and substitutions the way browsers do', () => {
    const entry: MessageEntry = { message: 'Showing $SHOWN$ of $TOTAL$ ($$)', placeholders: { shown: { content: '$1' }, total: { content: '$2' } } };
    expect(formatMessage(entry, ['3', '12'])).toBe('Showing 3 of 12 ($)');
    expect(formatMessage({ message: 'no placeholders' }, ['x'])).toBe('no placeholders');
  });

  it('reads strings through browser.i18n.getMessage when the browser has it', () => {
    const calls: unknown[] = [];
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: (k: string, s: string[]) => { calls.push([k, s]); return `<${k}>`; } } };
    expect(t('popup_showing', 2, 5)).toBe('<popup_showing>');
    expect(calls).toEqual([['popup_showing', ['2', '5']]]);
  });

  it('falls back to the installed English table, then to the key', () => {
    expect(t('popup_showing', 2, 5)).toBe('Showing 2 of 5.');
    expect(tCount(1, 'popup_careOne', 'popup_careMany')).toBe('1 claim to read with care.');
    expect(tCount(4, 'popup_careOne', 'popup_careMany')).toBe('4 claims to read with care.');
    setFallbackMessages(null);
    expect(t('popup_about')).toBe('popup_about');
  });

  it('are complete: every entry has a message, a description and consistent placeholders', () => {
    for (const [key, e] of Object.entries(messages)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(e.message.trim().length, key).toBeGreaterThan(0);
      expect(e.description?.length ?? 0, `${key} has a description for translators`).toBeGreaterThan(3);
      const named = [...e.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
      expect(named.sort(), key).toEqual(Object.keys(e.placeholders ?? {}).sort());
      const contents = Object.values(e.placeholders ?? {}).map((p) => p.content).sort();
      expect(contents, key).toEqual(contents.map((_, i) => `$${i + 1}`));
    }
  });

  it('are all used, and every key the code and manifest use exists', () => {
    const src = sources();
    const dynamic = [...VERDICT_IDS.map((v) => `verdict_${v}`), ...GRADES.map((g) => `grade_${g}`)];
    for (const key of Object.keys(messages)) {
      if (dynamic.includes(key)) continue;
      expect(src.includes(`'${key}'`) || src.includes(`__MSG_${key}__`), `${key} is used`).toBe(true);
    }
    for (const key of dynamic) expect(messages[key], key).toBeDefined();
    for (const m of src.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) expect(messages[m[1]!], m[1]).toBeDefined();
  });

  it('keep the strings the tests and README quote', () => {
    expect(messages.card_disclaimer!.message).toBe('Not medical advice.');
    expect(messages.popup_noClaims!.message).toBe('No claims about scar treatments found on this page.');
    expect(messages.popup_unreachable!.message).toBe('ScarCheck cannot read this page.');
  });
});
