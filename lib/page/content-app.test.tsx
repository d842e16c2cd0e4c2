// @vitest-environment happy-dom
/**
 * The content app's reaction to the reader's settings, without a browser: a page that is off is
 * never read, switching it off clears the badge and the claims, switching it on reads it again,
 * and every change reaches the tab through the settings watcher. (Painting and focus are covered
 * in the real-browser tests.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Claim } from '../detect/types';
import type { DetectBatch } from './scanner';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import { startContentApp, type PageContext } from './content-app';

const claim: Claim = {
  start: 0, end: 22, text: 'Fillers are permanent.', treatment: 'filler', topic: 'permanence', verdict: 'false',
  entryId: 'filler-permanent', note: 'They are absorbed within months.', details: 'Details.', grade: 'strong', sources: [],
  hedged: false, anecdote: false, carried: false,
};

function setup(initial: Settings) {
  document.body.innerHTML = '<p>Fillers are permanent.</p>';
  const invalidate: Array<() => void> = [];
  const ctx: PageContext = {
    addEventListener: (t, type, h, o) => t.addEventListener(type, h, o),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms) as unknown as number,
    requestAnimationFrame: (cb) => window.setTimeout(() => cb(0), 0) as unknown as number,
    onInvalidated: (cb) => { invalidate.push(cb); return () => {}; },
    isValid: true,
  };
  let stored = initial;
  const watchers = new Set<(s: Settings) => void>();
  const calls = { detect: 0, badges: [] as number[] };
  const app = startContentApp({
    ctx,
    document,
    detect: async (items, gate): Promise<DetectBatch> => {
      if (gate && !items.some((i) => /fillers/i.test(i.text))) return { results: items.map(() => []), treatments: {}, vocabulary: false };
      calls.detect++;
      return { results: items.map(() => [claim]), treatments: {}, ...(gate ? { vocabulary: true } : {}) };
    },
    findCandidates: async (texts) => texts.flatMap((t, i) => (/fillers/i.test(t) ? [i] : [])),
    setBadge: async (n) => { calls.badges.push(n); },
    hostTag: 'scarcheck-ui',
    async mountUi() {
      const host = document.createElement('scarcheck-ui');
      const container = document.createElement('div');
      host.attachShadow({ mode: 'open' }).append(container);
      document.documentElement.append(host);
      return { container, host };
    },
    settings: {
      load: async () => stored,
      watch: (cb) => { watchers.add(cb); return () => watchers.delete(cb); },
    },
  });
  /** Stores new settings; `notify` false leaves the tab's storage listener silent (it lags behind). */
  const change = (next: Settings, notify = true) => { stored = next; if (notify) for (const w of watchers) w(next); };
  return { app, calls, change, invalidate };
}

afterEach(() => {
  document.body.innerHTML = '';
  document.querySelector('scarcheck-ui')?.remove();
});

describe('content app settings', () => {
  const host = () => location.hostname;

  it('never reads a page on a site that is off, and says so with its host', async () => {
    const { app, calls } = setup({ ...DEFAULT_SETTINGS, sitesOff: [host()] });
    expect(await app.getClaims()).toEqual({ status: 'off', host: host(), claims: [], treatments: [] });
    await vi.waitFor(() => expect(calls.badges).toEqual([0]));
    expect(calls.detect).toBe(0);
    expect(await app.navigate('next')).toEqual({ ok: false });
    expect(await app.jumpTo(0)).toEqual({ ok: false });
  });

  it('reads the page once switched on, and clears claims and badge once switched off or paused', async () => {
    const { app, calls, change } = setup({ ...DEFAULT_SETTINGS, paused: true });
    expect((await app.getClaims()).status).toBe('off');
    change({ ...DEFAULT_SETTINGS });
    const on = await app.getClaims();
    expect(on.status).toBe('ok');
    expect(on.claims.map((c) => c.snippet)).toEqual(['Fillers are permanent.']);
    expect(calls.detect).toBe(1);
    // The claim is false: the badge counts it, and clears once the site is switched off.
    await vi.waitFor(() => expect(calls.badges.at(-1)).toBe(1));
    change({ ...DEFAULT_SETTINGS, sitesOff: [host()] });
    expect(await app.getClaims()).toMatchObject({ status: 'off', claims: [] });
    await vi.waitFor(() => expect(calls.badges.at(-1)).toBe(0));
    // Off stays off through later DOM changes: no reading, no badge traffic.
    document.body.append(document.createElement('p'));
    expect(await app.getClaims()).toMatchObject({ status: 'off' });
    expect(calls.detect).toBe(1);
  });

  it('follows a change the popup just stored even before the storage event arrives', async () => {
    const { app, change } = setup({ ...DEFAULT_SETTINGS });
    expect((await app.getClaims()).status).toBe('ok');
    change({ ...DEFAULT_SETTINGS, paused: true }, false);
    expect((await app.getClaims()).status).toBe('off');
  });

  it('keeps its claims when only the marks change', async () => {
    const { app, calls, change } = setup({ ...DEFAULT_SETTINGS });
    expect((await app.getClaims()).claims.length).toBe(1);
    change({ ...DEFAULT_SETTINGS, marks: false });
    change({ ...DEFAULT_SETTINGS, markTiers: 'questionable' });
    expect((await app.getClaims()).claims.length).toBe(1);
    expect(calls.detect).toBe(1);
  });
});
