// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimSummary, ClaimsResponse } from '../messages/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import { NO_FILTERS, Popup, PopupView, applyFilters, type SettingsPort } from './Popup';

const row = (index: number, verdict: ClaimSummary['verdict'], treatment: ClaimSummary['treatment'] = 'laser', treatmentName = 'Laser resurfacing'): ClaimSummary =>
  ({ index, snippet: `claim ${index}`, treatment, treatmentName, verdict, painted: true });
const claims = [row(0, 'supported'), row(1, 'false'), row(2, 'mixed', 'filler', 'Dermal fillers'), row(3, 'false', 'filler', 'Dermal fillers')];
const ready = (over: Partial<ClaimsResponse> = {}) => ({ kind: 'ready' as const, response: { status: 'ok' as const, host: 'forum.example', claims, treatments: [], ...over } });
const rows = () => [...document.querySelectorAll('[data-testid="scarcheck-popup-row"]')].map((r) => Number(r.getAttribute('data-claim-index')));
const select = (testId: string, value: string) => act(() => {
  const s = document.querySelector(`[data-testid="${testId}"]`) as HTMLSelectElement;
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
});

afterEach(() => render(null, document.body));

describe('popup filters', () => {
  it('filter by verdict, by questionable verdicts and by treatment', () => {
    expect(applyFilters(claims, NO_FILTERS).length).toBe(4);
    expect(applyFilters(claims, { verdict: 'false', treatment: 'all' }).map((c) => c.index)).toEqual([1, 3]);
    expect(applyFilters(claims, { verdict: 'questionable', treatment: 'all' }).map((c) => c.index)).toEqual([1, 2, 3]);
    expect(applyFilters(claims, { verdict: 'false', treatment: 'filler' }).map((c) => c.index)).toEqual([3]);
  });

  it('narrow the list from two selects, say how many are shown, and clear again', () => {
    render(<PopupView state={ready()} onJump={() => {}} />, document.body);
    expect(rows()).toEqual([1, 3, 2, 0]);
    const verdictOptions = [...document.querySelectorAll('[data-testid="scarcheck-filter-verdict"] option')].map((o) => o.textContent);
    expect(verdictOptions).toEqual(['All verdicts', 'To read with care (3)', 'False (2)', 'Mixed evidence (1)', 'Supported by evidence (1)']);
    const treatmentOptions = [...document.querySelectorAll('[data-testid="scarcheck-filter-treatment"] option')].map((o) => o.textContent);
    expect(treatmentOptions).toEqual(['All treatments', 'Dermal fillers (2)', 'Laser resurfacing (2)']);
    select('scarcheck-filter-treatment', 'filler');
    expect(rows()).toEqual([3, 2]);
    select('scarcheck-filter-verdict', 'false');
    expect(rows()).toEqual([3]);
    expect(document.body.textContent).toContain('Showing 1 of 4.');
    act(() => ([...document.querySelectorAll('button')].find((b) => b.textContent === 'Show all')!).click());
    expect(rows()).toEqual([1, 3, 2, 0]);
    // Labels name each select.
    for (const s of document.querySelectorAll('select')) expect(s.closest('label')!.textContent!.length).toBeGreaterThan(5);
  });
});

describe('popup switches and views', () => {
  it('switch this site off and back on, pause, and underlines', () => {
    let settings: Settings = { ...DEFAULT_SETTINGS, sitesOff: [] };
    const changes: Settings[] = [];
    const onSettings = (c: (s: Settings) => Settings) => { settings = c(settings); changes.push(settings); draw(); };
    const draw = () => render(<PopupView state={ready()} onJump={() => {}} settings={settings} onSettings={onSettings} />, document.body);
    draw();
    const sw = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    expect(sw('scarcheck-site-switch').checked).toBe(true);
    expect(sw('scarcheck-site-switch').getAttribute('role')).toBe('switch');
    expect(sw('scarcheck-site-switch').closest('label')!.textContent).toContain('On forum.example');
    act(() => sw('scarcheck-site-switch').click());
    expect(settings.sitesOff).toEqual(['forum.example']);
    act(() => sw('scarcheck-site-switch').click());
    expect(settings.sitesOff).toEqual([]);
    act(() => sw('scarcheck-pause-switch').click());
    expect(settings.paused).toBe(true);
    act(() => sw('scarcheck-marks-switch').click());
    expect(settings.marks).toBe(false);
    expect(changes.length).toBe(4);
  });

  it('says when ScarCheck is off on this site or paused', () => {
    render(<PopupView state={ready({ status: 'off', claims: [] })} onJump={() => {}} settings={{ ...DEFAULT_SETTINGS, sitesOff: ['forum.example'] }} onSettings={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-popup-off"]')!.textContent).toContain('ScarCheck is off on forum.example.');
    render(<PopupView state={ready({ status: 'off', claims: [] })} onJump={() => {}} settings={{ ...DEFAULT_SETTINGS, paused: true }} onSettings={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-popup-off"]')!.textContent).toContain('ScarCheck is paused.');
  });

  it('has no site switch on a page without a host', () => {
    render(<PopupView state={ready({ host: '' })} onJump={() => {}} settings={DEFAULT_SETTINGS} onSettings={() => {}} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-site-switch"]')).toBeNull();
    expect(document.querySelector('[data-testid="scarcheck-pause-switch"]')).not.toBeNull();
  });

  it('shows About: what it does, privacy, not medical advice, knowledge-base version and date', async () => {
    const port: SettingsPort = { load: async () => DEFAULT_SETTINGS, update: async (c) => c(DEFAULT_SETTINGS), watch: () => () => {} };
    await act(async () => {
      render(<Popup load={async () => ready().response} jump={async () => {}} settings={port} about={async () => ({ version: '0.1.0', reviewed: '2026-11-22' })} version="9.9.9" openOptions={() => {}} />, document.body);
    });
    const toggle = document.querySelector('[data-testid="scarcheck-about-toggle"]') as HTMLButtonElement;
    expect(toggle.textContent).toBe('About');
    await act(async () => { toggle.click(); });
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    const about = document.querySelector('[data-testid="scarcheck-about-view"]')!.textContent!;
    for (const s of ['finds claims about acne-scar', 'Nothing leaves your browser', 'Not medical advice', 'Version 0.1.0, reviewed 2026-11-22.', 'Extension version 9.9.9']) expect(about).toContain(s);
    expect(toggle.textContent).toBe('Back to claims');
    await act(async () => { toggle.click(); });
    expect(rows().length).toBe(4);
  });
});
