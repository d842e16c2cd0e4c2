// Adopts ScarCheck's ::highlight() rules before the page renders anything. Added later (once a
// long page has laid out), the same sheet makes the browser restyle the whole document (~160 ms
// on a 2 MB page). The rules are inert until the main content script registers highlights.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { adoptHighlightSheet } from '@/lib/page/paint';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  main() {
    adoptHighlightSheet(document);
  },
});
