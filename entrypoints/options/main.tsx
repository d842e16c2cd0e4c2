// Options page: wires the Options component to storage.local (settings and reports).
import '@/lib/ui/options.css';
import { render } from 'preact';
import { browser } from '@/lib/messages/browser';
import { t } from '@/lib/i18n';
import { OptionsView, type ReportsPort } from '@/lib/ui/Options';
import type { SettingsPort } from '@/lib/ui/Popup';
import { loadSettings, updateSettings, watchSettings } from '@/lib/settings/settings';
import { loadReports, saveReports, watchReports } from '@/lib/settings/reports';

const area = browser.storage.local;
const settings: SettingsPort = {
  load: () => loadSettings(area),
  update: (change) => updateSettings(area, change),
  watch: (cb) => watchSettings(browser.storage.onChanged, cb),
};
const reports: ReportsPort = {
  load: () => loadReports(area),
  save: (r) => saveReports(area, r),
  watch: (cb) => watchReports(browser.storage.onChanged, cb),
};

document.title = t('options_pageTitle');
render(<OptionsView settings={settings} reports={reports} />, document.getElementById('app')!);
