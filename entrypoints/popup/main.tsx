// Popup: finds the target tab and wires the Popup component to the tab's content script (its top
// frame), the background (knowledge-base version; embedded frames read on request and their
// claims) and storage.local (settings).
import '@/lib/ui/popup.css';
import { render } from 'preact';
import { browser } from '@/lib/messages/browser';
import { Popup, mergeFrames, type SettingsPort } from '@/lib/ui/Popup';
import { requestAbout, requestClaims, requestFrameClaims, requestJump, requestReadFrames } from '@/lib/messages/transport';
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
      const top = await requestClaims(id, 0);
      const frames = await requestFrameClaims(id).catch(() => ({ frames: [] }));
      return mergeFrames(top, frames.frames);
    }}
    jump={async (index, frameId) => {
      const id = await tabId;
      if (id !== undefined) await requestJump(id, index, frameId);
    }}
    readFrames={async () => {
      const id = await tabId;
      return id === undefined ? { ok: false, frames: 0 } : requestReadFrames(id);
    }}
    settings={settings}
    about={requestAbout}
    openOptions={() => { void browser.runtime.openOptionsPage(); }}
    version={browser.runtime.getManifest().version}
  />,
  document.getElementById('app')!,
);
