// Background: runs the detector for content scripts (NLP stays off the page's main thread), and
// on long pages the prefilter too; keeps the toolbar badge at the count each tab reports, stores reports of
// notes (storage.local), answers the popup's "About" and turns keyboard commands into messages to
// the active tab. On the reader's request from the popup it also reads a tab's same-origin embedded
// frames (injects the content script there) and keeps their claims per tab and frame.
import { browser } from '@/lib/messages/browser';
import { defineBackground } from 'wxt/utils/define-background';
import kbJson from '@/lib/knowledge/generated/kb.json';
import type { KnowledgeBase } from '@/lib/knowledge/compile';
import { createDetector, detectInContext, warmNlp, type Detector } from '@/lib/detect';
import { buildPrefilter, textsNamingTreatments } from '@/lib/detect/prefilter';
import prefilterData from '@/lib/knowledge/generated/prefilter.json';
import { treatmentInfo, type TreatmentInfo } from '@/lib/knowledge/cards';
import { listenInBackground, requestClaims, requestNavigate } from '@/lib/messages/transport';
import { toWire } from '@/lib/messages/claims-wire';
import type { AboutResponse, DetectResponse, FindCandidatesResponse, FrameClaimsResponse, NavigateResponse, ReadFramesResponse } from '@/lib/messages/schemas';
import { FrameTabs, type SessionArea } from '@/lib/messages/frame-store';
import { CONTENT_SCRIPT_FILE, claimFrameForReading } from '@/lib/page/frames';
import { addReport } from '@/lib/settings/reports';

const kb = kbJson as unknown as KnowledgeBase;

let detector: Detector | undefined;
/** Built on first use: a page without treatment words never wakes the NLP. */
const getDetector = () => (detector ??= createDetector(kb));
/**
 * Builds the detector and loads compromise (~0.2 s, first parse included), which the detector
 * otherwise loads at its first parse: a long page naming treatments will need it.
 */
let warmed = false;
const warmDetector = () => { if (!detector) getDetector().detect('Fillers are permanent.'); warmNlp(); };
let prefilter: ReturnType<typeof buildPrefilter> | undefined;
const getPrefilter = () => (prefilter ??= buildPrefilter(prefilterData));

// MV3 has `action`; Firefox's MV2 build has `browserAction`.
type BadgeApi = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor'>;
const badgeApi = (): BadgeApi | undefined =>
  browser.action ?? (browser as unknown as { browserAction?: BadgeApi }).browserAction;

async function setBadge(tabId: number | undefined, questionable: number): Promise<void> {
  const api = badgeApi();
  if (tabId === undefined || !api) return;
  await api.setBadgeText({ tabId, text: questionable > 0 ? String(questionable) : '' });
  if (questionable > 0) await api.setBadgeBackgroundColor({ tabId, color: '#b42318' });
}

/** Manifest commands (wxt.config.ts) and the direction each one moves in. */
const COMMANDS = { 'next-claim': 'next', 'previous-claim': 'previous' } as const;

/**
 * Runs a keyboard command on a tab (default: the active tab of the focused window): the tab's
 * content script scrolls to the claim and moves focus to its card. commands.onCommand calls this;
 * so can tests, through the service worker's `scarcheck.command` (headless browsers cannot press
 * browser-level shortcuts).
 */
async function runCommand(command: string, tabId?: number): Promise<NavigateResponse> {
  const direction = COMMANDS[command as keyof typeof COMMANDS];
  if (!direction) return { ok: false };
  const id = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (id === undefined) return { ok: false };
  // A tab without our content script (browser pages, stores) has nothing to navigate.
  return requestNavigate(id, direction).catch(() => ({ ok: false }));
}

// Claims reported by embedded frames, per tab and frame; kept in storage.session so that a
// service worker that was stopped still knows them (memory only where there is no session area).
const frameTabs = new FrameTabs((browser.storage as unknown as { session?: SessionArea }).session);

/** Shows the sum of the tab's questionable claims: the page's own and its frames'. */
const showBadge = async (tabId: number | undefined): Promise<void> => {
  if (tabId === undefined) return;
  await setBadge(tabId, await frameTabs.questionable(tabId)).catch(() => undefined);
};

interface InjectionResult { frameId: number; result?: unknown }
interface ScriptingApi {
  executeScript(injection: { target: { tabId: number; allFrames?: boolean; frameIds?: number[] }; func?: () => unknown; files?: string[] }): Promise<InjectionResult[]>;
}

/** Waits for `p`, at most `ms`. */
const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);

/**
 * Reads the tab's same-origin embedded frames, which the reader asked for in the popup. The
 * popup's click grants activeTab, so the browser lets us into frames of the page's own origin only;
 * a probe first picks the subframes of the top frame's origin where ScarCheck does not run yet,
 * then the content script goes into just those. Resolves once they have read their text.
 */
async function readFrames(tabId: number): Promise<ReadFramesResponse> {
  const scripting = (browser as unknown as { scripting?: ScriptingApi }).scripting;
  if (!scripting) return { ok: false, frames: 0 };
  try {
    const probe = await scripting.executeScript({ target: { tabId, allFrames: true }, func: claimFrameForReading });
    const frameIds = probe.filter((r) => r.frameId > 0 && r.result === true).map((r) => r.frameId);
    if (!frameIds.length) return { ok: true, frames: 0 };
    await scripting.executeScript({ target: { tabId, frameIds }, files: [CONTENT_SCRIPT_FILE] });
    // Each frame answers once it has read its document; its answer is its first report.
    await Promise.all(frameIds.map(async (frameId) => {
      const res = await within(requestClaims(tabId, frameId), 20_000).catch(() => null);
      if (res) await frameTabs.setFrame(tabId, frameId, { status: res.status, claims: res.claims, treatments: res.treatments });
    }));
    await showBadge(tabId);
    return { ok: true, frames: frameIds.length };
  } catch {
    // No access (the popup was not opened on this tab, or a browser page): nothing read.
    return { ok: false, frames: 0 };
  }
}

/** The queue of report writes. */
let reports: Promise<unknown> = Promise.resolve();

export default defineBackground(() => {
  browser.commands?.onCommand.addListener((command, tab) => { void runCommand(command, tab?.id); });
  (globalThis as { scarcheck?: { command: typeof runCommand } }).scarcheck = { command: runCommand };
  browser.tabs.onRemoved.addListener((tabId) => { void frameTabs.dropTab(tabId); });

  listenInBackground(async (req, sender) => {
    if (req.type === 'reset-badge') {
      if (sender.tabId !== undefined) await frameTabs.setTop(sender.tabId, 0);
      await showBadge(sender.tabId);
      return { ok: true };
    }
    if (req.type === 'page-start') {
      if (sender.tabId !== undefined && !sender.frameId) await frameTabs.dropFrames(sender.tabId);
      return { ok: true };
    }
    if (req.type === 'frame-claims') {
      if (sender.tabId === undefined || !sender.frameId) return { ok: false };
      await frameTabs.setFrame(sender.tabId, sender.frameId, { status: req.status, claims: req.claims, treatments: req.treatments });
      await showBadge(sender.tabId);
      return { ok: true };
    }
    if (req.type === 'frame-gone') {
      if (sender.tabId === undefined || !sender.frameId) return { ok: false };
      await frameTabs.dropFrame(sender.tabId, sender.frameId);
      await showBadge(sender.tabId);
      return { ok: true };
    }
    if (req.type === 'read-frames') return readFrames(req.tabId);
    if (req.type === 'get-frame-claims') {
      const res: FrameClaimsResponse = { frames: await frameTabs.frames(req.tabId) };
      return res;
    }
    if (req.type === 'get-about') {
      const about: AboutResponse = { version: kb.version, reviewed: kb.reviewed };
      return about;
    }
    if (req.type === 'save-report') {
      // One report at a time: each is a read-modify-write of the stored list.
      const saved = reports.then(() => addReport(browser.storage.local, req.report, kb.version));
      reports = saved.catch(() => undefined);
      await saved;
      return { ok: true };
    }
    if (req.type === 'set-badge') {
      if (sender.tabId !== undefined && !sender.frameId) await frameTabs.setTop(sender.tabId, req.count);
      await showBadge(sender.tabId);
      return { ok: true };
    }
    if (req.type === 'find-candidates') {
      const res: FindCandidatesResponse = { hits: textsNamingTreatments(getPrefilter(), req.texts) };
      // A page names a treatment: build the detector now, while the page extracts its text.
      if (res.hits.length && !warmed) { warmed = true; setTimeout(warmDetector, 0); }
      return res;
    }
    if (req.gate && !req.items.some((item) => getPrefilter().test(item.text))) {
      const none: DetectResponse = { results: req.items.map(() => []), entries: {}, treatments: {}, vocabulary: false };
      return none;
    }
    const treatments: Record<string, TreatmentInfo> = {};
    // What the content script holds from earlier answers is not sent again.
    const knownTreatments = new Set(req.known?.treatments);
    const results = req.items.map((item) => {
      const claims = detectInContext(getDetector(), item.context, item.text);
      for (const c of claims) if (!knownTreatments.has(c.treatment)) treatments[c.treatment] ??= treatmentInfo(kb, c.treatment);
      return claims;
    });
    const res: DetectResponse = { ...toWire(results, new Set(req.known?.entries)), treatments, ...(req.gate ? { vocabulary: true } : {}) };
    return res;
  });
});
