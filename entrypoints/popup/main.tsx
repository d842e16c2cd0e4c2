// Popup: finds the target tab and wires the Popup component to the tab's content script, the
// background (knowledge-base version) and storage.local (settings).
import '@/lib/ui/popup.css';
import { render } from 'preact';
import { browser } from '@/lib/messages/browser';
import { Popup, type SettingsPort } from '@/lib/ui/Popup';
import { requestAbout, requestClaims, requestJump } from '@/lib/messages/transport';
import { loadSettings, updateSettings, watchSettings } from '@/lib/settings/settings';

/** `?tabId=N` targets a given tab (tests open the popup page in a tab); else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const q = new URLSearchParams(location.search).get('tabId');
  if (q && /^\d+$/.test(q)) return Number(q);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const settings: SettingsPort = {
  load: () => loadSettings(browser.storage.local),
  update: (change) => updateSettings(browser.storage.local, change),
  watch: (cb) => watchSettings(browser.storage.onChanged, cb),
};

const tabId = targetTabId();
render(
  <Popup
    load={async () => {
      const id = await tabId;
      if (id === undefined) throw new Error('no tab');
      return requestClaims(id);
    }}
    jump={async (index) => {
      const id = await tabId;
      if (id !== undefined) await requestJump(id, index);
    }}
    settings={settings}
    about={requestAbout}
    openOptions={() => { void browser.runtime.openOptionsPage(); }}
    version={browser.runtime.getManifest().version}
  />,
  document.getElementById('app')!,
);
