// Background: runs the detector for content scripts (NLP stays off the page's main thread) and
// keeps the toolbar badge at the number of questionable claims on each tab.
import { browser } from '@/lib/messages/browser';
import { defineBackground } from 'wxt/utils/define-background';
import kbJson from '@/lib/knowledge/generated/kb.json';
import type { KnowledgeBase } from '@/lib/knowledge/compile';
import { createDetector, type Detector } from '@/lib/detect';
import { tierOf } from '@/lib/knowledge/ids';
import { treatmentInfo, type TreatmentInfo } from '@/lib/knowledge/cards';
import { listenInBackground } from '@/lib/messages/transport';
import type { DetectResponse } from '@/lib/messages/schemas';

const kb = kbJson as unknown as KnowledgeBase;

let detector: Detector | undefined;
/** Built on first use: a page without treatment words never wakes the NLP. */
const getDetector = () => (detector ??= createDetector(kb));

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

export default defineBackground(() => {
  listenInBackground(async (req, sender) => {
    if (req.type === 'reset-badge') {
      await setBadge(sender.tabId, 0);
      return { ok: true };
    }
    const claims = getDetector().detect(req.text);
    const treatments: Record<string, TreatmentInfo> = {};
    for (const c of claims) treatments[c.treatment] ??= treatmentInfo(kb, c.treatment);
    const questionable = claims.filter((c) => tierOf(c.verdict) !== 'green').length;
    await setBadge(sender.tabId, questionable).catch(() => undefined);
    const res: DetectResponse = { claims, treatments };
    return res;
  });
});
