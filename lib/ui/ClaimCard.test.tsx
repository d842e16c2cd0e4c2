// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimCard, type CardItem } from './ClaimCard';
import { PopupView } from './Popup';

const item = (index: number, over: Partial<CardItem> = {}): CardItem => ({
  index,
  text: 'Fillers last forever.',
  verdict: 'false',
  treatmentName: 'Dermal fillers',
  note: 'Hyaluronic acid fillers are broken down within months; they are not permanent.',
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
    render(<ClaimCard items={[item(0), item(1, { verdict: 'supported', treatmentName: 'Silicone gel' })]} />, document.body);
    expect(document.querySelectorAll('[data-claim-index]').length).toBe(2);
    expect(document.querySelectorAll('.sc-card__quote').length).toBe(1);
    expect(document.querySelectorAll('.sc-claim__quote').length).toBe(0);
    expect(document.body.textContent).toContain('Supported by evidence');
    render(<ClaimCard items={[item(0), item(1, { text: 'Silicone helps.' })]} />, document.body);
    expect(document.querySelectorAll('.sc-claim__quote').length).toBe(2);
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
    render(<PopupView state={{ kind: 'ready', response: { status: 'ok', claims } }} onJump={(i) => jumped.push(i)} />, document.body);
    expect(document.querySelector('[data-testid="scarcheck-popup-count"]')!.textContent).toContain('3');
    const rows = [...document.querySelectorAll('[data-testid="scarcheck-popup-row"]')] as HTMLButtonElement[];
    expect(rows.map((r) => r.tagName)).toEqual(['BUTTON', 'BUTTON', 'BUTTON']);
    expect(rows.map((r) => r.getAttribute('data-claim-index'))).toEqual(['1', '2', '0']);
    expect(rows[0]!.textContent).toContain('Laser resurfacing');
    expect(rows[0]!.textContent).toContain('False');
    rows[1]!.click();
    expect(jumped).toEqual([2]);
  });

  it('says when there are no claims or the page cannot be read', () => {
    render(<PopupView state={{ kind: 'ready', response: { status: 'no-vocabulary', claims: [] } }} onJump={() => {}} />, document.body);
    expect(document.body.textContent).toContain('No claims about scar treatments found on this page.');
    expect(document.querySelector('[data-testid="scarcheck-popup-count"]')!.textContent).toContain('0');
    render(<PopupView state={{ kind: 'unreachable' }} onJump={() => {}} />, document.body);
    expect(document.body.textContent).toContain('ScarCheck cannot read this page.');
  });
});
