// @vitest-environment happy-dom
/** The popup and embedded frames: merging the frames' claims, the offer to read them, jumps per frame. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClaimSummary, ClaimsResponse, FrameClaims } from '../messages/schemas';
import type { TreatmentInfo } from '../knowledge/cards';
import { Popup, PopupView, mergeFrames, unreadFrames, type PopupResponse } from './Popup';

const row = (index: number, verdict: ClaimSummary['verdict'], treatment: ClaimSummary['treatment'] = 'laser'): ClaimSummary =>
  ({ index, snippet: `claim ${index}`, treatment, treatmentName: treatment === 'laser' ? 'Laser resurfacing' : 'Dermal fillers', verdict, painted: true });
const info = (id: TreatmentInfo['id'], name: string): TreatmentInfo => ({
  id, name, card: { summary: 's', helps: 'h', improvement: 'i', duration: 'd', sessions: 's', downtime: 'd', risks: 'r', darkerSkin: 'd', grade: 'limited', sources: [] },
});
const top = (over: Partial<ClaimsResponse> = {}): ClaimsResponse =>
  ({ status: 'ok', host: 'forum.example', claims: [row(0, 'false'), row(1, 'supported')], treatments: [info('laser', 'Laser resurfacing')], frames: 2, ...over });
const frame = (frameId: number, claims: ClaimSummary[], over: Partial<FrameClaims> = {}): FrameClaims =>
  ({ frameId, status: 'ok', claims, treatments: [info('laser', 'Laser resurfacing'), info('filler', 'Dermal fillers')], ...over });
const rows = () => [...document.querySelectorAll('[data-testid="scarcheck-popup-row"]')]
  .map((r) => `${r.getAttribute('data-frame-id')}:${r.getAttribute('data-claim-index')}`);
const flush = () => act(async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => render(null, document.body));

describe('mergeFrames', () => {
  it('lists the page\'s claims, then each frame\'s by frame id, with treatments once each', () => {
    const merged = mergeFrames(top(), [frame(9, [row(0, 'mixed', 'filler')]), frame(4, [row(0, 'false'), row(1, 'misleading')])]);
    expect(merged.claims.map((c) => `${c.frameId}:${c.index}`)).toEqual(['0:0', '0:1', '4:0', '4:1', '9:0']);
    expect(merged.treatments.map((t) => t.id)).toEqual(['laser', 'filler']);
    expect(merged.framesRead).toBe(2);
    expect(unreadFrames(merged)).toBe(0);
    expect(unreadFrames(mergeFrames(top({ frames: 3 }), [frame(4, [])]))).toBe(2);
    expect(unreadFrames(mergeFrames(top({ frames: undefined }), []))).toBe(0);
  });

  it('keeps a page that is off off, and makes a page whose only claims are in frames "ok"', () => {
    expect(mergeFrames(top({ status: 'off', claims: [], treatments: [] }), [frame(4, [row(0, 'false')])]).claims).toEqual([]);
    const onlyFrames = mergeFrames(top({ status: 'no-vocabulary', claims: [], treatments: [] }), [frame(4, [row(0, 'false')])]);
    expect(onlyFrames.status).toBe('ok');
    expect(onlyFrames.claims.length).toBe(1);
    expect(mergeFrames(top({ status: 'no-vocabulary', claims: [], treatments: [] }), []).status).toBe('no-vocabulary');
    // A frame that is off lists nothing.
    expect(mergeFrames(top(), [frame(4, [row(0, 'false')], { status: 'off' })]).claims.length).toBe(2);
  });
});

describe('the popup\'s embedded-frames offer', () => {
  it('offers to read the unread same-origin frames, as a described button', () => {
    const state = { kind: 'ready' as const, response: mergeFrames(top({ frames: 2 }), []) };
    render(<PopupView state={state} onJump={() => {}} onReadFrames={() => {}} />, document.body);
    const button = document.querySelector('[data-testid="scarcheck-read-frames"]') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toBe('Also read the 2 embedded frames');
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toContain('only if you ask');
    render(<PopupView state={{ kind: 'ready', response: mergeFrames(top({ frames: 1 }), []) }} onJump={() => {}} onReadFrames={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-read-frames"]')!.textContent).toBe('Also read the embedded frame');
    // Nothing to offer: no frames, all read, or no way to read them.
    render(<PopupView state={{ kind: 'ready', response: mergeFrames(top({ frames: undefined }), []) }} onJump={() => {}} onReadFrames={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-read-frames"]')).toBeNull();
    render(<PopupView state={{ kind: 'ready', response: mergeFrames(top({ frames: 1 }), [frame(3, [])]) }} onJump={() => {}} onReadFrames={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-read-frames"]')).toBeNull();
    render(<PopupView state={state} onJump={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-read-frames"]')).toBeNull();
  });

  it('reads the frames on click, lists their claims and jumps into the right frame', async () => {
    let frames: FrameClaims[] = [];
    const load = vi.fn(async (): Promise<PopupResponse> => mergeFrames(top({ frames: 1 }), frames));
    const readFrames = vi.fn(async () => { frames = [frame(6, [row(0, 'misleading', 'filler')])]; return { ok: true, frames: 1 }; });
    const jump = vi.fn(async () => ({ ok: true }));
    render(<Popup load={load} jump={jump} readFrames={readFrames} />, document.body);
    await flush();
    expect(rows()).toEqual(['0:0', '0:1']);
    await act(() => (document.querySelector('[data-testid="scarcheck-read-frames"]') as HTMLButtonElement).click());
    await flush();
    expect(readFrames).toHaveBeenCalledTimes(1);
    expect(rows()).toEqual(['0:0', '6:0', '0:1']);
    expect(document.querySelector('[data-testid="scarcheck-read-frames"]')).toBeNull();
    const frameRow = document.querySelector('[data-frame-id="6"]') as HTMLButtonElement;
    expect(frameRow.textContent).toContain('In an embedded frame');
    act(() => frameRow.click());
    act(() => (document.querySelector('[data-frame-id="0"][data-claim-index="1"]') as HTMLButtonElement).click());
    expect(jump.mock.calls).toEqual([[0, 6], [1, 0]]);
  });

  it('says so when no frame could be read (no access, or other sites\' frames only)', async () => {
    const load = async () => mergeFrames(top({ frames: 1 }), []);
    render(<Popup load={load} jump={async () => undefined} readFrames={async () => ({ ok: false, frames: 0 })} />, document.body);
    await flush();
    await act(() => (document.querySelector('[data-testid="scarcheck-read-frames"]') as HTMLButtonElement).click());
    await flush();
    expect(document.querySelector('[data-testid="scarcheck-read-frames"]')).toBeNull();
    expect(document.querySelector('[data-testid="scarcheck-frames-none"]')!.textContent).toBe('No more embedded frames could be read.');
  });
});
