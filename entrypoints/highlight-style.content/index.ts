// Adopts ScarCheck's ::highlight() rules before the page renders anything. Added later (once a
// long page has laid out), the same sheet makes the browser restyle the whole document (~160 ms
// on a 2 MB page). The rules are inert until the main content script registers highlights.
//
// It also tells the background a new page starts (its frames' claims are gone). Sent this early,
// the message wakes a stopped service worker while the page still loads, instead of when the
// page is read at document_idle: a cold start no longer delays the first marks by its boot.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from '@/lib/messages/browser';
import type { PageStartRequest } from '@/lib/messages/schemas';
import { adoptHighlightSheet } from '@/lib/page/paint';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  main() {
    adoptHighlightSheet(document);
    const start: PageStartRequest = { type: 'page-start' };
    // Plain sendMessage (no zod, no transport): this script runs on every page before it renders.
    browser.runtime.sendMessage(start).catch(() => undefined);
  },
});
