// Background: runs the detector for content scripts (NLP stays off the page's main thread), and
// on long pages the prefilter too; keeps the toolbar badge at the count each tab reports, stores reports of
// notes (storage.local), answers the popup's "About" and turns keyboard commands into messages to
// the active tab.
import { browser } from '@/lib/messages/browser';
import { defineBackground } from 'wxt/utils/define-background';
import kbJson from '@/lib/knowledge/generated/kb.json';
import type { KnowledgeBase } from '@/lib/knowledge/compile';
import { createDetector, detectInContext, type Detector } from '@/lib/detect';
import { buildPrefilter, textsNamingTreatments } from '@/lib/detect/prefilter';
import prefilterData from '@/lib/knowledge/generated/prefilter.json';
import { treatmentInfo, type TreatmentInfo } from '@/lib/knowledge/cards';
import { listenInBackground, requestNavigate } from '@/lib/messages/transport';
import type { AboutResponse, DetectResponse, FindCandidatesResponse, NavigateResponse } from '@/lib/messages/schemas';
import { addReport } from '@/lib/settings/reports';

const kb = kbJson as unknown as KnowledgeBase;

let detector: Detector | undefined;
/** Built on first use: a page without treatment words never wakes the NLP. */
const getDetector = () => (detector ??= createDetector(kb));
/** Builds the detector and runs it once (compromise compiles its lexicon on first use). */
const warmDetector = () => { if (!detector) getDetector().detect('Fillers are permanent.'); };
let prefilter: RegExp | undefined;
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

/** The queue of report writes. */
let reports: Promise<unknown> = Promise.resolve();

export default defineBackground(() => {
  browser.commands?.onCommand.addListener((command, tab) => { void runCommand(command, tab?.id); });
  (globalThis as { scarcheck?: { command: typeof runCommand } }).scarcheck = { command: runCommand };

  listenInBackground(async (req, sender) => {
    if (req.type === 'reset-badge') {
      await setBadge(sender.tabId, 0);
      return { ok: true };
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
      await setBadge(sender.tabId, req.count).catch(() => undefined);
      return { ok: true };
    }
    if (req.type === 'find-candidates') {
      const res: FindCandidatesResponse = { hits: textsNamingTreatments(getPrefilter(), req.texts) };
      // A page names a treatment: build the detector now, while the page extracts its text.
      if (res.hits.length && !detector) setTimeout(warmDetector, 0);
      return res;
    }
    const treatments: Record<string, TreatmentInfo> = {};
    const results = req.items.map((item) => {
      const claims = detectInContext(getDetector(), item.context, item.text);
      for (const c of claims) treatments[c.treatment] ??= treatmentInfo(kb, c.treatment);
      return claims;
    });
    const res: DetectResponse = { results, treatments };
    return res;
  });
});
