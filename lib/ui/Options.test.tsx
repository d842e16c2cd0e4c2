// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../settings/reports';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import { buildExport } from '../settings/transfer';
import { OptionsView, type ReportsPort } from './Options';
import type { SettingsPort } from './Popup';

const report = (id: string, over: Partial<Report> = {}): Report => ({
  id, date: '2026-11-22T10:00:00.000Z', host: 'example.com', text: 'Fillers last forever.', verdict: 'false',
  entryId: 'filler-permanent', comment: 'Outdated.', kbVersion: '0.1.0', ...over,
});

let settings: Settings;
let reports: Report[];
let downloads: Array<{ name: string; json: string }>;

const settingsPort: SettingsPort = {
  load: async () => settings,
  update: async (c) => (settings = c(settings)),
  watch: () => () => {},
};
const reportsPort: ReportsPort = {
  load: async () => reports,
  save: async (r) => { reports = r; },
  watch: () => () => {},
};

const flush = () => act(async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0)); });
const byTestId = <T extends Element = HTMLElement>(id: string) => document.querySelector(`[data-testid="${id}"]`) as T | null;

async function mount(): Promise<void> {
  await act(async () => {
    render(<OptionsView settings={settingsPort} reports={reportsPort} download={(name, json) => downloads.push({ name, json })} now={() => new Date('2026-11-22T12:00:00.000Z')} />, document.body);
  });
  await flush();
}

async function importText(text: string): Promise<void> {
  const input = byTestId<HTMLInputElement>('scarcheck-import')!;
  const file = new File([text], 'import.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => { input.dispatchEvent(new Event('change', { bubbles: true })); });
  await flush();
}

beforeEach(() => {
  settings = { ...DEFAULT_SETTINGS, sitesOff: ['reddit.com'] };
  reports = [report('a')];
  downloads = [];
});
afterEach(() => render(null, document.body));

describe('options page', () => {
  it('chooses which tiers to mark', async () => {
    await mount();
    const all = byTestId<HTMLInputElement>('scarcheck-tiers-all')!;
    const questionable = byTestId<HTMLInputElement>('scarcheck-tiers-questionable')!;
    expect([all.checked, questionable.checked]).toEqual([true, false]);
    expect(questionable.closest('label')!.textContent).toContain('Only questionable claims');
    await act(async () => { questionable.click(); });
    await flush();
    expect(settings.markTiers).toBe('questionable');
  });

  it('adds and removes sites, refusing what is not a host', async () => {
    await mount();
    expect(byTestId('scarcheck-sites')!.textContent).toContain('reddit.com');
    const input = byTestId<HTMLInputElement>('scarcheck-site-input')!;
    const submit = async (value: string) => {
      await act(async () => { input.value = value; input.dispatchEvent(new Event('input', { bubbles: true })); });
      await act(async () => { input.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); });
      await flush();
    };
    await submit('no such thing');
    expect(document.querySelector('[role="alert"]')!.textContent).toContain('is not a site name');
    expect(settings.sitesOff).toEqual(['reddit.com']);
    await submit('https://www.Example.org/page');
    expect(settings.sitesOff).toEqual(['example.org', 'reddit.com']);
    const remove = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Remove reddit.com')!;
    expect(remove.textContent).toBe('Remove');
    await act(async () => { remove.click(); });
    await flush();
    expect(settings.sitesOff).toEqual(['example.org']);
  });

  it('exports settings and reports as one JSON file', async () => {
    await mount();
    await act(async () => { byTestId<HTMLButtonElement>('scarcheck-export')!.click(); });
    await flush();
    expect(downloads.map((d) => d.name)).toEqual(['scarcheck-export-2026-11-22.json']);
    expect(JSON.parse(downloads[0]!.json)).toEqual(buildExport(settings, reports, new Date('2026-11-22T12:00:00.000Z')));
    expect(byTestId('scarcheck-status-transfer')!.textContent).toContain('Exported your settings and 1 report.');
  });

  it('imports a file: settings replaced, reports merged', async () => {
    await mount();
    const file = buildExport({ ...DEFAULT_SETTINGS, marks: false, sitesOff: ['x.org'] }, [report('a'), report('b', { date: '2026-11-23T00:00:00.000Z' })]);
    await importText(JSON.stringify(file));
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, marks: false, sitesOff: ['x.org'] });
    expect(reports.map((r) => r.id)).toEqual(['a', 'b']);
    expect(byTestId('scarcheck-status-transfer')!.textContent).toContain('Imported the settings and 1 report new.');
    expect(document.querySelectorAll('[data-testid="scarcheck-report-item"]').length).toBe(2);
  });

  it('refuses a bad file with a clear error and changes nothing', async () => {
    await mount();
    const before = JSON.stringify([settings, reports]);
    const good = buildExport(DEFAULT_SETTINGS, [report('z')]);
    for (const [text, message] of [
      ['not json at all', 'not valid JSON'],
      [JSON.stringify({ hello: 'world' }), 'not a ScarCheck export'],
      [JSON.stringify({ ...good, settings: { ...good.settings, paused: 'maybe' } }), '“settings.paused”'],
      [JSON.stringify({ ...good, reports: [{ ...report('z'), date: 'yesterday' }] }), '“reports[0].date”'],
    ] as const) {
      await importText(text);
      const alert = document.querySelector('[role="alert"]')!;
      expect(alert.textContent).toContain('Nothing was imported');
      expect(alert.textContent).toContain(message);
      expect(JSON.stringify([settings, reports])).toBe(before);
    }
  });

  it('deletes a report, and resets the settings but keeps the reports', async () => {
    settings = { ...DEFAULT_SETTINGS, paused: true, markTiers: 'questionable', sitesOff: ['a.com'] };
    reports = [report('a'), report('b')];
    await mount();
    const del = [...document.querySelectorAll('button')].filter((b) => b.textContent === 'Delete');
    expect(del.length).toBe(2);
    await act(async () => { del[0]!.click(); });
    await flush();
    expect(reports.map((r) => r.id)).toEqual(['a']); // the list shows newest first
    await act(async () => { byTestId<HTMLButtonElement>('scarcheck-reset')!.click(); });
    await flush();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(reports.length).toBe(1);
    expect(byTestId('scarcheck-status-reset')!.textContent).toContain('back to their defaults');
  });
});
