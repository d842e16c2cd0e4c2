// Content script: thin wiring between WXT, the extension's messaging and lib/page.
// It must stay small: no alias list, no compromise, no kb.json (the background has them).
//
// The manifest runs it in the top frame only. The background injects the same file into the
// page's same-origin embedded frames when the reader asks from the popup ("Also read the
// embedded frames"); there it reads and paints its own frame and reports the claims to the
// background. In a cross-origin frame it does nothing, and it never starts twice in one frame.
import '@/lib/ui/card.css';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentApp } from '@/lib/page/content-app';
import { browser } from '@/lib/messages/browser';
import { AnswerTexts } from '@/lib/messages/claims-wire';
import {
  listenInContent, requestBadge, requestCandidates, requestDetect, requestFrameGone, requestFrameReport, requestSaveReport,
} from '@/lib/messages/transport';
import { claimRun, frameRole } from '@/lib/page/frames';
import { loadSettings, watchSettings } from '@/lib/settings/settings';

const HOST_TAG = 'scarcheck-ui';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    const role = frameRole(window);
    if (!role || !claimRun(globalThis)) return;
    const ignore = () => undefined;
    // The top frame announced its page at document_start (highlight-style.content).
    if (role === 'frame') {
      const gone = () => { void requestFrameGone().catch(ignore); };
      ctx.addEventListener(window, 'pagehide', gone);
      ctx.onInvalidated(gone);
    }
    const answers = new AnswerTexts();
    const app = startContentApp({
      ctx,
      document,
      detect: async (items, gate) => {
        const res = await requestDetect({ type: 'detect', items, known: answers.known(), ...(gate ? { gate } : {}) });
        return { ...answers.take(res, items.map((i) => i.text)), vocabulary: res.vocabulary };
      },
      findCandidates: requestCandidates,
      // The top frame owns the badge; a frame's claims reach it through its report (the background sums).
      setBadge: role === 'top' ? requestBadge : async () => undefined,
      report: role === 'frame' ? (claims) => { void requestFrameReport(claims).catch(ignore); } : undefined,
      hostTag: HOST_TAG,
      settings: {
        load: () => loadSettings(browser.storage.local),
        watch: (cb) => watchSettings(browser.storage.onChanged, cb),
      },
      saveReport: requestSaveReport,
      async mountUi() {
        const ui = await createShadowRootUi(ctx, {
          name: HOST_TAG,
          position: 'inline',
          anchor: 'html',
          append: 'last',
          mode: 'open',
          // Keys typed in the card (a report) must not reach the page's own shortcuts.
          isolateEvents: true,
          onMount: (body) => {
            const root = document.createElement('div');
            root.className = 'sc-root';
            body.append(root);
            return root;
          },
        });
        ui.mount();
        return { container: ui.mounted!, host: ui.shadowHost };
      },
    });
    const stop = listenInContent((req) => {
      switch (req.type) {
        case 'get-claims': return app.getClaims();
        case 'jump-to': return app.jumpTo(req.index);
        case 'navigate': return app.navigate(req.direction);
      }
    });
    ctx.onInvalidated(stop);
  },
});
