/**
 * Embedded frames: the new messages' schemas, what the background keeps per tab and frame (and
 * the badge sum), and the content script's frame checks (origin, start once, probe).
 */
import { describe, expect, it } from 'vitest';
import { BACKGROUND_TYPES, BackgroundRequest, ClaimsResponse, FrameClaimsResponse, ReadFramesResponse, type ClaimSummary } from './schemas';
import { FrameTabs, questionableOf, type SessionArea } from './frame-store';
import { claimFrameForReading, claimRun, frameRole } from '../page/frames';

const row = (index: number, verdict: ClaimSummary['verdict']): ClaimSummary =>
  ({ index, snippet: `claim ${index}`, treatment: 'laser', treatmentName: 'Laser resurfacing', verdict, painted: true });

describe('frame message schemas', () => {
  it('accept the new requests and answers, and refuse malformed ones', () => {
    const report = { type: 'frame-claims', status: 'ok', claims: [row(0, 'false')], treatments: [] };
    expect(BackgroundRequest.parse(report)).toEqual(report);
    expect(BackgroundRequest.safeParse({ ...report, status: 'maybe' }).success).toBe(false);
    expect(BackgroundRequest.safeParse({ ...report, claims: [{ ...row(0, 'false'), verdict: 'nope' }] }).success).toBe(false);
    for (const type of ['frame-gone', 'page-start']) expect(BackgroundRequest.parse({ type })).toEqual({ type });
    expect(BackgroundRequest.parse({ type: 'read-frames', tabId: 4 })).toEqual({ type: 'read-frames', tabId: 4 });
    expect(BackgroundRequest.safeParse({ type: 'read-frames' }).success).toBe(false);
    expect(BackgroundRequest.safeParse({ type: 'get-frame-claims', tabId: -1 }).success).toBe(false);
    expect(ReadFramesResponse.safeParse({ ok: true, frames: 2 }).success).toBe(true);
    expect(ReadFramesResponse.safeParse({ ok: true }).success).toBe(false);
    // Frame 0 is the page itself, never an embedded frame.
    expect(FrameClaimsResponse.safeParse({ frames: [{ frameId: 0, status: 'ok', claims: [], treatments: [] }] }).success).toBe(false);
    expect(FrameClaimsResponse.safeParse({ frames: [{ frameId: 3, status: 'ok', claims: [row(1, 'supported')], treatments: [] }] }).success).toBe(true);
  });

  it('lets the page count its readable frames (optional, a non-negative integer)', () => {
    const base = { status: 'ok', host: 'a.example', claims: [], treatments: [] };
    expect(ClaimsResponse.safeParse(base).success).toBe(true);
    expect(ClaimsResponse.parse({ ...base, frames: 2 }).frames).toBe(2);
    expect(ClaimsResponse.safeParse({ ...base, frames: -1 }).success).toBe(false);
  });

  it('lists every background type in the union the receiver registers', () => {
    const union = [...(BackgroundRequest as unknown as { _zod: { propValues: { type: Set<string> } } })._zod.propValues.type].sort();
    expect([...BACKGROUND_TYPES].sort()).toEqual(union);
  });
});

/** storage.session as a map (and how often it was written). */
function fakeSession(): SessionArea & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  return {
    data,
    writes: 0,
    async get(key) { return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}; },
    async set(items) { this.writes++; for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v)); },
    async remove(key) { data.delete(key); },
  };
}

describe('frame claims kept by the background', () => {
  it('sums the badge over the page and its frames, per tab', async () => {
    const tabs = new FrameTabs(fakeSession());
    await tabs.setTop(1, 2);
    await tabs.setFrame(1, 7, { status: 'ok', claims: [row(0, 'false'), row(1, 'supported'), row(2, 'mixed')], treatments: [] });
    await tabs.setFrame(1, 5, { status: 'ok', claims: [row(0, 'misleading')], treatments: [] });
    await tabs.setFrame(2, 7, { status: 'ok', claims: [row(0, 'false')], treatments: [] });
    expect(await tabs.questionable(1)).toBe(2 + 2 + 1);
    expect(await tabs.questionable(2)).toBe(1);
    expect((await tabs.frames(1)).map((f) => f.frameId)).toEqual([5, 7]);
    // A frame's newer report replaces its older one.
    await tabs.setFrame(1, 7, { status: 'ok', claims: [], treatments: [] });
    expect(await tabs.questionable(1)).toBe(3);
    // A frame switched off counts nothing.
    expect(questionableOf({ status: 'off', claims: [row(0, 'false')], treatments: [] })).toBe(0);
  });

  it('drops a frame that went away, all frames on a new page, and everything when the tab closes', async () => {
    const session = fakeSession();
    const tabs = new FrameTabs(session);
    await tabs.setTop(1, 1);
    await tabs.setFrame(1, 3, { status: 'ok', claims: [row(0, 'false')], treatments: [] });
    await tabs.setFrame(1, 4, { status: 'ok', claims: [row(0, 'false')], treatments: [] });
    await tabs.dropFrame(1, 3);
    expect((await tabs.frames(1)).map((f) => f.frameId)).toEqual([4]);
    await tabs.dropFrames(1);
    expect(await tabs.frames(1)).toEqual([]);
    expect(await tabs.questionable(1)).toBe(1);
    await tabs.dropTab(1);
    expect(session.data.size).toBe(0);
    expect(await tabs.questionable(1)).toBe(0);
  });

  it('survives a restarted service worker through storage.session, and ignores a damaged record', async () => {
    const session = fakeSession();
    const first = new FrameTabs(session);
    await first.setTop(9, 1);
    await first.setFrame(9, 2, { status: 'ok', claims: [row(0, 'false')], treatments: [] });
    const second = new FrameTabs(session);
    expect(await second.questionable(9)).toBe(2);
    expect((await second.frames(9))[0]!.claims[0]!.verdict).toBe('false');
    session.data.set('frames:9', { top: 'x', frames: 'y' });
    expect(await new FrameTabs(session).frames(9)).toEqual([]);
    // Without a session area it keeps them in memory.
    const memory = new FrameTabs();
    await memory.setTop(1, 4);
    expect(await memory.questionable(1)).toBe(4);
  });

  it('applies concurrent reports one at a time (none is lost)', async () => {
    const tabs = new FrameTabs(fakeSession());
    await Promise.all([1, 2, 3, 4, 5].map((id) => tabs.setFrame(1, id, { status: 'ok', claims: [row(0, 'false')], treatments: [] })));
    expect(await tabs.questionable(1)).toBe(5);
  });
});

/** A window-like object: `top` is itself or a parent whose location may throw (cross-origin). */
function fakeWindow(origin: string, top?: { origin?: string; throws?: boolean }): Window {
  const self = { location: { origin } } as unknown as { top: unknown; location: { origin: string } };
  if (!top) self.top = self;
  else self.top = { get location() { if (top.throws) throw new DOMException('cross-origin', 'SecurityError'); return { origin: top.origin }; } };
  return self as unknown as Window;
}

describe('frame checks in the content script', () => {
  it('runs in the top frame and in frames of its origin, never in cross-origin frames', () => {
    expect(frameRole(fakeWindow('https://forum.example'))).toBe('top');
    expect(frameRole(fakeWindow('https://forum.example', { origin: 'https://forum.example' }))).toBe('frame');
    expect(frameRole(fakeWindow('https://ads.example', { origin: 'https://forum.example' }))).toBe(null);
    expect(frameRole(fakeWindow('https://ads.example', { throws: true }))).toBe(null);
    expect(frameRole(fakeWindow('null', { origin: 'null' }))).toBe(null);
  });

  it('starts once per frame', () => {
    const scope = {};
    expect(claimRun(scope)).toBe(true);
    expect(claimRun(scope)).toBe(false);
  });

  it('probe: picks a same-origin subframe once, never the top frame or a cross-origin one', () => {
    const g = globalThis as { window?: unknown; location?: unknown; __scarcheck?: string };
    const saved = { window: g.window, location: g.location };
    const run = (origin: string, top: { origin?: string; throws?: boolean } | null) => {
      const w = fakeWindow(origin, top ?? undefined);
      g.window = w;
      g.location = w.location;
      return claimFrameForReading();
    };
    try {
      delete g.__scarcheck;
      expect(run('https://forum.example', null)).toBe(false);
      expect(run('https://ads.example', { throws: true })).toBe(false);
      expect(run('https://forum.example', { origin: 'https://forum.example' })).toBe(true);
      expect(run('https://forum.example', { origin: 'https://forum.example' })).toBe(false);
      g.__scarcheck = 'running';
      expect(run('https://forum.example', { origin: 'https://forum.example' })).toBe(false);
    } finally {
      delete g.__scarcheck;
      g.window = saved.window;
      g.location = saved.location;
    }
  });
});
