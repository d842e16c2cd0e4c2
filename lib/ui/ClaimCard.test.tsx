// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimCard, PageLayer, type CardItem } from './ClaimCard';
import { PopupView } from './Popup';
import type { TreatmentInfo } from '../knowledge/cards';

const fillers: TreatmentInfo = {
  id: 'filler',
  name: 'Dermal fillers (hyaluronic acid)',
  card: {
    summary: 'A gel injected under a depressed scar lifts it by adding volume.',
    helps: 'Soft rolling scars.', improvement: 'Most people improve.', duration: 'Months; the gel is absorbed.',
    sessions: 'Repeated.', downtime: 'Minimal.', risks: 'Bruising; rarely blocked vessels.', darkerSkin: 'Low pigment risk.',
    grade: 'limited',
    sources: [{ id: 'S11', title: 'FDA: Dermal fillers', year: null, kind: 'regulator information', url: 'https://example.org/fda' }],
  },
};
const silicone: TreatmentInfo = { ...fillers, id: 'silicone', name: 'Silicone gel' };

const item = (index: number, over: Partial<CardItem> = {}): CardItem => ({
  index,
  text: 'Fillers last forever.',
  verdict: 'false',
  treatment: fillers,
  note: 'Hyaluronic acid fillers are broken down within months; they are not permanent.',
  details: 'Most hyaluronic acid fillers last six to eighteen months.',
  entryId: 'filler-permanent',
  grade: 'strong',
  sources: [
    { id: 'S1', title: 'A review of filler longevity', year: 2020, kind: 'systematic review', url: 'https://example.org/1' },
    { id: 'S2', title: 'A trial', year: null, kind: 'RCT', url: 'https://example.org/2' },
    { id: 'S3', title: 'Another', year: 2019, kind: 'cohort', url: 'https://example.org/3' },
    { id: 'S4', title: 'Fourth', year: 2018, kind: 'review', url: 'https://example.org/4' },
  ],
  hedged: false,
  anecdote: false,
  ...over,
});

afterEach(() => render(null, document.body));

describe('ClaimCard', () => {
  it('shows verdict, treatment, note, grade, up to 3 source links and the disclaimer', () => {
    render(<ClaimCard items={[item(0)]} />, document.body);
    const card = document.querySelector('[data-testid="scarcheck-card"]')!;
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.getAttribute('aria-label')).toMatch(/ScarCheck/);
    const text = card.textContent!;
    for (const s of ['False', 'Dermal fillers', 'broken down within months', 'Strong evidence', 'Not medical advice.']) expect(text).toContain(s);
    const links = [...card.querySelectorAll('[data-testid="scarcheck-source-link"]')] as HTMLAnchorElement[];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/1', 'https://example.org/2', 'https://example.org/3']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(links[0]!.textContent).toContain('2020 · systematic review');
    expect(links[1]!.textContent).toContain('n.d. · RCT');
  });

  it('stacks several claims, quoting a shared sentence once', () => {
    render(<ClaimCard items={[item(0), item(1, { verdict: 'supported', treatment: silicone })]} />, document.body);
    expect(document.querySelectorAll('[data-claim-index]').length).toBe(2);
    expect(document.querySelectorAll('.sc-card__quote').length).toBe(1);
    expect(document.querySelectorAll('.sc-claim__quote').length).toBe(0);
    expect(document.body.textContent).toContain('Supported by evidence');
    render(<ClaimCard items={[item(0), item(1, { text: 'Silicone helps.' })]} />, document.body);
    expect(document.querySelectorAll('.sc-claim__quote').length).toBe(2);
  });

  it('opens the treatment summary card from "About <treatment>", by keyboard as by mouse', () => {
    render(<ClaimCard items={[item(0)]} />, document.body);
    const about = document.querySelector('[data-testid="scarcheck-about"]') as HTMLButtonElement;
    expect(about.tagName).toBe('BUTTON');
    expect(about.textContent).toContain('About dermal fillers');
    expect(about.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('[data-testid="scarcheck-treatment-card"]')).toBeNull();
    act(() => about.click());
    const summary = document.querySelector('[data-testid="scarcheck-treatment-card"]')!;
    expect(about.getAttribute('aria-expanded')).toBe('true');
    for (const s of ['lifts it by adding volume', 'How long it lasts', 'Darker skin', 'Limited evidence', 'FDA: Dermal fillers']) expect(summary.textContent).toContain(s);
  });

  it('marks hedged claims and personal reports', () => {
    render(<ClaimCard items={[item(0, { hedged: true, anecdote: true })]} />, document.body);
    expect(document.body.textContent).toContain('Hedged claim');
    expect(document.body.textContent).toContain('Personal report');
  });
});

describe('PopupView', () => {
  const summary = (index: number, verdict: 'false' | 'mixed' | 'supported') =>
    ({ index, snippet: `claim ${index}`, treatment: 'laser' as const, treatmentName: 'Laser resurfacing', verdict, painted: true });

  it('counts claims and lists them as buttons, red first', () => {
    const jumped: number[] = [];
    const claims = [summary(0, 'supported'), summary(1, 'false'), summary(2, 'mixed')];
    render(<PopupView state={{ kind: 'ready', response: { status: 'ok', host: 'example.com', claims, treatments: [fillers] } }} onJump={(i) => jumped.push(i)} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-popup-count"]')!.textContent).toContain('3');
    const rows = [...document.querySelectorAll('[data-testid="scarcheck-popup-row"]')] as HTMLButtonElement[];
    expect(rows.map((r) => r.tagName)).toEqual(['BUTTON', 'BUTTON', 'BUTTON']);
    expect(rows.map((r) => r.getAttribute('data-claim-index'))).toEqual(['1', '2', '0']);
    expect(rows[0]!.textContent).toContain('Laser resurfacing');
    expect(rows[0]!.textContent).toContain('False');
    rows[1]!.click();
    expect(jumped).toEqual([2]);
    const about = document.querySelector('[data-testid="scarcheck-popup-treatment"]')!;
    expect(about.querySelector('summary')!.textContent).toBe('About dermal fillers');
    expect(about.textContent).toContain('lifts it by adding volume');
  });

  it('says when there are no claims or the page cannot be read', () => {
    render(<PopupView state={{ kind: 'ready', response: { status: 'no-vocabulary', host: 'example.com', claims: [], treatments: [] } }} onJump={() => {}} />, document.body);
    expect(document.body.textContent).toContain('No claims about scar treatments found on this page.');
    expect(document.querySelector('[data-testid="scarcheck-popup-count"]')!.textContent).toContain('0');
    render(<PopupView state={{ kind: 'unreachable' }} onJump={() => {}} />, document.body);
    expect(document.body.textContent).toContain('ScarCheck cannot read this page.');
  });
});

describe('ClaimCard: details, reports and keyboard', () => {
  it('"More" shows the entry\'s details, and Enter on the card opens them', async () => {
    render(<ClaimCard items={[item(0)]} />, document.body);
    const more = document.querySelector('[data-testid="scarcheck-more"]') as HTMLButtonElement;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('[data-testid="scarcheck-details"]')).toBeNull();
    act(() => more.click());
    expect(document.querySelector('[data-testid="scarcheck-details"]')!.textContent).toContain('six to eighteen months');
    act(() => more.click());
    expect(document.querySelector('[data-testid="scarcheck-details"]')).toBeNull();
    const card = document.querySelector('[data-testid="scarcheck-card"]') as HTMLElement;
    expect(card.tabIndex).toBe(-1);
    expect(card.getAttribute('aria-label')).toBe('ScarCheck note: False, dermal fillers');
    expect(card.getAttribute('aria-describedby')).toBe('sc-note-0');
    act(() => { card.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); });
    expect(document.querySelector('[data-testid="scarcheck-details"]')).not.toBeNull();
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('"Report this note" sends the claim with the comment, and says it was kept', async () => {
    const sent: Array<[number, string]> = [];
    let answer = true;
    const onReport = async (it: CardItem, comment: string) => { sent.push([it.index, comment]); return answer; };
    render(<ClaimCard items={[item(3)]} onReport={onReport} />, document.body);
    act(() => (document.querySelector('[data-testid="scarcheck-report"]') as HTMLButtonElement).click());
    const form = document.querySelector('[data-testid="scarcheck-report-form"]') as HTMLFormElement;
    const area = form.querySelector('textarea')!;
    expect(form.querySelector(`label[for="${area.id}"]`)!.textContent).toContain('What is wrong with this note?');
    expect(form.textContent).toContain('nothing is sent');
    act(() => { area.value = '  Outdated source. '; area.dispatchEvent(new Event('input', { bubbles: true })); });
    await act(async () => { form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); });
    expect(sent).toEqual([[3, 'Outdated source.']]);
    expect(document.querySelector('[data-testid="scarcheck-report-done"]')!.textContent).toContain('Report saved on this device');
    // A failure says so.
    render(null, document.body);
    answer = false;
    render(<ClaimCard items={[item(4)]} onReport={onReport} />, document.body);
    act(() => (document.querySelector('[data-testid="scarcheck-report"]') as HTMLButtonElement).click());
    await act(async () => { document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); });
    expect(document.querySelector('[data-testid="scarcheck-report-done"]')!.textContent).toContain('could not be saved');
  });

  it('has no report button without a place to keep reports', () => {
    render(<ClaimCard items={[item(0)]} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-report"]')).toBeNull();
  });

  it('takes focus once per focus token, and only when a command asked for it', async () => {
    const vp = () => ({ width: 1000, height: 700 });
    const anchor = { left: 10, top: 10, right: 200, bottom: 30 };
    await act(async () => { render(<PageLayer live="" cardKey="0" card={{ items: [item(0)], anchor, viewport: vp }} />, document.body); });
    expect(document.activeElement).toBe(document.body);
    await act(async () => { render(<PageLayer live="" cardKey="0" card={{ items: [item(0)], anchor, viewport: vp, focusToken: 1 }} />, document.body); });
    const card = document.querySelector('[data-testid="scarcheck-card"]');
    expect(document.activeElement).toBe(card);
    (document.activeElement as HTMLElement).blur();
    await act(async () => { render(<PageLayer live="3 claims" cardKey="0" card={{ items: [item(0)], anchor: { ...anchor, top: 12 }, viewport: vp, focusToken: 1 }} />, document.body); });
    expect(document.activeElement).toBe(document.body); // a reposition does not take focus again
    const live = document.querySelector('[data-testid="scarcheck-live"]')!;
    expect([live.getAttribute('role'), live.getAttribute('aria-live'), live.textContent]).toEqual(['status', 'polite', '3 claims']);
  });
});
