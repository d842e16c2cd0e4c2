/**
 * Every receiver validates with zod before it acts: a malformed message is ignored (the handler
 * never runs, no response is sent) and logged once however often it arrives; a message that is
 * not ours is left for other listeners; a malformed response is rejected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (message: unknown, sender: { tab?: { id?: number } }, sendResponse: (r: unknown) => void) => true | undefined;

const fake = vi.hoisted(() => ({
  listeners: [] as Listener[],
  sendMessage: undefined as unknown as (m: unknown) => Promise<unknown>,
  tabsSendMessage: undefined as unknown as (id: number, m: unknown, options?: { frameId?: number }) => Promise<unknown>,
}));

vi.mock('./browser', () => ({
  browser: {
    runtime: {
      onMessage: {
        addListener: (l: Listener) => { fake.listeners.push(l); },
        removeListener: (l: Listener) => { fake.listeners = fake.listeners.filter((x) => x !== l); },
      },
      sendMessage: (m: unknown) => fake.sendMessage(m),
    },
    tabs: { sendMessage: (id: number, m: unknown, options?: { frameId?: number }) => fake.tabsSendMessage(id, m, options) },
  },
}));

const { listenInBackground, listenInContent, requestClaims, requestDetect, requestJump, requestNavigate } = await import('./transport');
const { resetWarnings } = await import('./log');
const { BackgroundRequest, ContentRequest } = await import('./schemas');

/** The `type` values a discriminated-union request schema accepts (zod keeps them on the schema). */
const typesOf = (schema: unknown): string[] =>
  [...((schema as { _zod: { propValues: { type: Set<string> } } })._zod.propValues.type)].sort();

/** Delivers a message to the registered listeners as the browser would; resolves with the response (or 'no response'). */
async function deliver(message: unknown, tabId = 7): Promise<{ kept: boolean; response: unknown }> {
  let response: unknown = 'no response';
  let kept = false;
  let done: () => void = () => undefined;
  const answered = new Promise<void>((r) => { done = r; });
  for (const l of fake.listeners) {
    if (l(message, { tab: { id: tabId } }, (r) => { response = r; done(); }) === true) kept = true;
  }
  if (kept) await answered;
  return { kept, response };
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fake.listeners = [];
  resetWarnings();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => { warn.mockRestore(); });

describe('background receiver', () => {
  it('handles a well-formed request and passes the sender tab', async () => {
    const handler = vi.fn(async () => ({ ok: true }));
    listenInBackground(handler);
    const res = await deliver({ type: 'reset-badge' }, 42);
    expect(res).toEqual({ kept: true, response: { ok: true } });
    expect(handler).toHaveBeenCalledWith({ type: 'reset-badge' }, { tabId: 42 });
  });

  it.each([
    ['items missing', { type: 'detect' }],
    ['text not a string', { type: 'detect', items: [{ context: '', text: 42 }] }],
    ['text too long', { type: 'detect', items: [{ context: '', text: 'x'.repeat(1_000_001) }, { context: '', text: 'x'.repeat(1_000_000) }] }],
  ])('ignores a malformed "detect" (%s) and logs it once', async (_why, message) => {
    const handler = vi.fn();
    listenInBackground(handler);
    for (let i = 0; i < 3; i++) expect(await deliver(message)).toEqual({ kept: false, response: 'no response' });
    expect(handler).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/\[ScarCheck\] ignored a malformed "detect" message/);
  });

  it.each([
    ['null', null], ['a string', 'detect'], ['a number', 3], ['an array', [{ type: 'detect', text: 'x' }]],
    ['another type', { type: 'get-claims' }], ['an unknown type', { type: 'hello', text: 'x' }], ['a non-string type', { type: 7 }],
  ])('leaves %s alone, silently', async (_what, message) => {
    const handler = vi.fn();
    listenInBackground(handler);
    expect(await deliver(message)).toEqual({ kept: false, response: 'no response' });
    expect(handler).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers undefined and logs once when the handler fails', async () => {
    listenInBackground(() => { throw new Error('boom'); });
    expect(await deliver({ type: 'reset-badge' })).toEqual({ kept: true, response: undefined });
    expect(await deliver({ type: 'reset-badge' })).toEqual({ kept: true, response: undefined });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('stops listening when asked', async () => {
    const handler = vi.fn();
    const stop = listenInBackground(handler);
    stop();
    expect(await deliver({ type: 'reset-badge' })).toEqual({ kept: false, response: 'no response' });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('content receiver', () => {
  it('handles get-claims and a valid jump-to', async () => {
    const handler = vi.fn(async (req: { type: string }) => (req.type === 'get-claims' ? { n: 1 } : { ok: true }));
    listenInContent(handler);
    expect((await deliver({ type: 'get-claims' })).response).toEqual({ n: 1 });
    expect((await deliver({ type: 'jump-to', index: 2 })).response).toEqual({ ok: true });
  });

  it.each([
    ['a negative index', { type: 'jump-to', index: -1 }],
    ['a string index', { type: 'jump-to', index: '1' }],
    ['a fractional index', { type: 'jump-to', index: 1.5 }],
    ['no index', { type: 'jump-to' }],
  ])('ignores jump-to with %s, and logs once', async (_why, message) => {
    const handler = vi.fn();
    listenInContent(handler);
    expect(await deliver(message)).toEqual({ kept: false, response: 'no response' });
    expect(await deliver(message)).toEqual({ kept: false, response: 'no response' });
    expect(handler).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('ignores background requests sent to a page', async () => {
    const handler = vi.fn();
    listenInContent(handler);
    expect(await deliver({ type: 'detect', text: 'Fillers are permanent.' })).toEqual({ kept: false, response: 'no response' });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('every request type of the schemas has a receiver', () => {
  it.each([
    ['background', BackgroundRequest, listenInBackground],
    ['content script', ContentRequest, listenInContent],
  ] as const)('the %s receiver takes up each of its types (handled, or rejected as malformed and logged)', async (_who, schema, listenIn) => {
    const types = typesOf(schema);
    expect(types.length).toBeGreaterThanOrEqual(2);
    for (const type of types) {
      fake.listeners = [];
      resetWarnings();
      warn.mockClear();
      const handler = vi.fn(async () => ({ ok: true }));
      listenIn(handler as never);
      const res = await deliver({ type });
      const recognised = handler.mock.calls.length === 1 ? 'handled' : warn.mock.calls.length === 1 ? 'rejected' : 'ignored';
      expect(recognised, type).not.toBe('ignored');
      expect(res.kept, type).toBe(recognised === 'handled');
    }
  });
});

describe('senders validate responses', () => {
  it('reject a malformed detect response and log it once', async () => {
    fake.sendMessage = async () => ({ results: [[{ start: 0, end: 5, text: 'hello', treatment: 'magic' }]], treatments: {} });
    await expect(requestDetect({ type: 'detect', items: [{ context: '', text: 'hello' }] })).rejects.toThrow(/malformed response to detect/);
    await expect(requestDetect({ type: 'detect', items: [{ context: '', text: 'hello' }] })).rejects.toThrow(/malformed response to detect/);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('reject a missing popup answer (no content script)', async () => {
    fake.tabsSendMessage = async () => undefined;
    await expect(requestClaims(3)).rejects.toThrow(/malformed response to get-claims/);
  });

  it('accept a well-formed detect response', async () => {
    fake.sendMessage = async () => ({ results: [[]], entries: {}, treatments: {} });
    await expect(requestDetect({ type: 'detect', items: [{ context: '', text: 'hello' }] })).resolves.toEqual({ results: [[]], entries: {}, treatments: {} });
  });

  it('send the page\'s requests to the top frame only, and a frame\'s jump to that frame', async () => {
    const sent: Array<[number, string, number | undefined]> = [];
    fake.tabsSendMessage = async (id, m, options) => {
      const type = (m as { type: string }).type;
      sent.push([id, type, options?.frameId]);
      return type === 'get-claims' ? { status: 'ok', host: 'h', claims: [], treatments: [] } : { ok: true };
    };
    await requestClaims(3);
    await requestClaims(3, 8);
    await requestJump(3, 1);
    await requestJump(3, 2, 8);
    await requestNavigate(3, 'next');
    expect(sent).toEqual([[3, 'get-claims', 0], [3, 'get-claims', 8], [3, 'jump-to', 0], [3, 'jump-to', 8], [3, 'navigate', 0]]);
  });
});
