// Content script: thin wiring between WXT, the extension's messaging and lib/page.
// It must stay small: no alias list, no compromise, no kb.json (the background has them).
import '@/lib/ui/card.css';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentApp } from '@/lib/page/content-app';
import { browser } from '@/lib/messages/browser';
import { listenInContent, requestBadge, requestCandidates, requestDetect, requestSaveReport } from '@/lib/messages/transport';
import { loadSettings, watchSettings } from '@/lib/settings/settings';

const HOST_TAG = 'scarcheck-ui';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    const app = startContentApp({
      ctx,
      document,
      detect: (items) => requestDetect({ type: 'detect', items }),
      findCandidates: requestCandidates,
      setBadge: requestBadge,
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
