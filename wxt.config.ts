import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { lazyCompromise } from './scripts/build/lazy-compromise';

// Firefox tests pin the moz-extension UUID through this fixed add-on id.
const GECKO_ID = 'scarcheck@scarcheck.example';

export default defineConfig({
  manifest: ({ browser }) => ({
    // Every string the reader sees comes from public/_locales (English complete).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and reports in storage.local (README "Permissions").
    // activeTab + scripting: when the reader asks in the popup ("Also read the embedded frames"),
    // the background injects the content script into the page's same-origin frames. Opening the
    // popup grants access to that one tab's site until it navigates; no host permission is asked.
    permissions: ['storage', 'activeTab', 'scripting'],
    // Keyboard commands (not a permission): the reader can change the keys in the browser's
    // shortcut settings. The background turns them into messages to the active tab.
    commands: {
      'next-claim': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_cmd_next__' },
      'previous-claim': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_cmd_previous__' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: {
          // Firefox asks add-ons to declare what they collect: nothing.
          gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          gecko_android: { strict_min_version: '142.0' },
        } }
      : {}),
  }),
  hooks: {
    // WXT takes the action's title from popup.html's <title>; the toolbar tooltip is localised.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const action of [manifest.action, manifest.browser_action]) if (action) action.default_title = '__MSG_actionTitle__';
    },
  },
  // JSON modules as JSON.parse("…"): the 0.7 MB knowledge base evaluates faster that way when the
  // background wakes (V8 parses JSON text quicker than an object literal).
  vite: () => ({ plugins: [preact(), lazyCompromise()], json: { stringify: true } }),
});
