/**
 * Typed, validated messaging over `browser` from webextension-polyfill (chrome.* on Chromium, browser.* on
 * Firefox). Requests are parsed by the receiver and responses by the sender; anything malformed
 * is dropped with one warning.
 */
import { browser } from './browser';
import type { z } from 'zod/mini';
import { warnOnce } from './log';
import {
  AboutResponse, BACKGROUND_TYPES, BackgroundRequest, ClaimsResponse, ContentRequest, DetectResponse, FindCandidatesResponse, FrameClaimsResponse, JumpToResponse,
  NavigateResponse, OkResponse, ReadFramesResponse,
  type FrameClaimsRequest, type FrameGoneRequest, type GetFrameClaimsRequest, type ReadFramesRequest,
  type DetectRequest, type FindCandidatesRequest, type SetBadgeRequest, type GetAboutRequest, type GetClaimsRequest, type JumpToRequest, type NavigateRequest, type ReportDraft,
  type ResetBadgeRequest, type SaveReportRequest,
} from './schemas';

export interface Sender {
  tabId?: number;
  /** 0: the tab's top frame; other numbers: an embedded frame. */
  frameId?: number;
}

/** Requests meant for the page itself go to the top frame only (subframes may run ScarCheck too). */
const TOP_FRAME = { frameId: 0 };

/**
 * Registers a runtime.onMessage handler for the requests `schema` accepts. Other messages are
 * left for other listeners (or ignored with one warning when they look like ours but are
 * malformed). Uses sendResponse + `return true`, which both Chrome and Firefox honour.
 * Returns a function that removes the listener.
 */
export function listen<S extends z.ZodMiniType<{ type: string }>>(
  schema: S,
  types: readonly string[],
  handler: (req: z.infer<S>, sender: Sender) => Promise<unknown> | unknown,
): () => void {
  const listener = (message: unknown, sender: { tab?: { id?: number }; frameId?: number }, sendResponse: (r: unknown) => void): true | undefined => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !types.includes(type)) return undefined;
    const parsed = schema.safeParse(message);
    if (!parsed.success) {
      warnOnce(`ignored a malformed "${type}" message`, parsed.error.issues);
      return undefined;
    }
    Promise.resolve()
      .then(() => handler(parsed.data, { tabId: sender.tab?.id, frameId: sender.frameId }))
      .then(sendResponse, (err: unknown) => { warnOnce(`"${type}" handler failed`, err); sendResponse(undefined); });
    return true;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  return () => browser.runtime.onMessage.removeListener(listener as Parameters<typeof browser.runtime.onMessage.removeListener>[0]);
}

export const listenInBackground = (handler: (req: BackgroundRequest, sender: Sender) => Promise<unknown> | unknown) =>
  listen(BackgroundRequest, BACKGROUND_TYPES, handler);

export const listenInContent = (handler: (req: ContentRequest, sender: Sender) => Promise<unknown> | unknown) =>
  listen(ContentRequest, ['get-claims', 'jump-to', 'navigate'], handler);

function parseResponse<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    warnOnce(`malformed response to "${what}"`, parsed.error.issues);
    throw new Error(`ScarCheck: malformed response to ${what}`);
  }
  return parsed.data;
}

/** Content → background: run the detector on the page text. */
export async function requestDetect(req: DetectRequest): Promise<DetectResponse> {
  return parseResponse(DetectResponse, await browser.runtime.sendMessage(req), 'detect');
}

/** Content → background: which of these texts name a treatment (long pages). */
export async function requestCandidates(texts: string[]): Promise<number[]> {
  const req: FindCandidatesRequest = { type: 'find-candidates', texts };
  return parseResponse(FindCandidatesResponse, await browser.runtime.sendMessage(req), 'find-candidates').hits;
}

/** Content → background: the badge shows this many questionable claims. */
export async function requestBadge(count: number): Promise<void> {
  const req: SetBadgeRequest = { type: 'set-badge', count };
  await browser.runtime.sendMessage(req);
}

/** Content → background: this page has no claims (clears the badge). */
export async function requestBadgeReset(): Promise<void> {
  const req: ResetBadgeRequest = { type: 'reset-badge' };
  await browser.runtime.sendMessage(req);
}

/**
 * Popup → content script of a tab (its top frame, or the embedded frame `frameId`). Rejects when
 * no content script answers (chrome:// pages…).
 */
export async function requestClaims(tabId: number, frameId = 0): Promise<ClaimsResponse> {
  const req: GetClaimsRequest = { type: 'get-claims' };
  return parseResponse(ClaimsResponse, await browser.tabs.sendMessage(tabId, req, { frameId }), 'get-claims');
}

/** Popup → the frame holding claim `index` (0: the page itself). */
export async function requestJump(tabId: number, index: number, frameId = 0): Promise<JumpToResponse> {
  const req: JumpToRequest = { type: 'jump-to', index };
  return parseResponse(JumpToResponse, await browser.tabs.sendMessage(tabId, req, { frameId }), 'jump-to');
}

/** Content (subframe) → background: this frame's claims now. */
export async function requestFrameReport(report: Omit<FrameClaimsRequest, 'type'>): Promise<void> {
  const req: FrameClaimsRequest = { type: 'frame-claims', ...report };
  await browser.runtime.sendMessage(req);
}

/** Content (subframe) → background: this frame's document is going away. */
export async function requestFrameGone(): Promise<void> {
  const req: FrameGoneRequest = { type: 'frame-gone' };
  await browser.runtime.sendMessage(req);
}

/** Popup → background: read the tab's same-origin embedded frames (the reader asked). */
export async function requestReadFrames(tabId: number): Promise<ReadFramesResponse> {
  const req: ReadFramesRequest = { type: 'read-frames', tabId };
  return parseResponse(ReadFramesResponse, await browser.runtime.sendMessage(req), 'read-frames');
}

/** Popup → background: the claims the tab's embedded frames reported. */
export async function requestFrameClaims(tabId: number): Promise<FrameClaimsResponse> {
  const req: GetFrameClaimsRequest = { type: 'get-frame-claims', tabId };
  return parseResponse(FrameClaimsResponse, await browser.runtime.sendMessage(req), 'get-frame-claims');
}


/** Content → background: store a report of a note locally. Resolves true once stored. */
export async function requestSaveReport(report: ReportDraft): Promise<boolean> {
  const req: SaveReportRequest = { type: 'save-report', report };
  return parseResponse(OkResponse, await browser.runtime.sendMessage(req), 'save-report').ok;
}

/** Popup → background: the knowledge base's version and review date. */
export async function requestAbout(): Promise<AboutResponse> {
  const req: GetAboutRequest = { type: 'get-about' };
  return parseResponse(AboutResponse, await browser.runtime.sendMessage(req), 'get-about');
}

/** Background → content script of a tab: go to the next or previous claim and focus its card. */
export async function requestNavigate(tabId: number, direction: NavigateRequest['direction']): Promise<NavigateResponse> {
  const req: NavigateRequest = { type: 'navigate', direction };
  return parseResponse(NavigateResponse, await browser.tabs.sendMessage(tabId, req, TOP_FRAME), 'navigate');
}
