/**
 * The reader's experience in Chromium, keyboard first: the next / previous claim commands, the
 * popup without a mouse, switching a site off (and back on) across a reload, and a report that is
 * stored, exported and imported again from the options page. One browser for the file.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierOf, type VerdictId } from '../../lib/knowledge/ids';
import {
  badgeText, cliClaims, clearExtensionStorage, deepActiveElement, extensionStorage, launch, openOptionsPage, openPopup,
  pageFor, paintedCount, runCommand, seedFiles, serve, setExtensionStorage, tabIdOf, waitForPaint, type Browser, type CliClaim, type Server,
} from './harness';

const CARD = 'scarcheck-ui [data-testid=scarcheck-card]';
const SEED = seedFiles()[0]!;
const PAGE = '/reader.html';

let browser: Browser;
let server: Server;
let expected: CliClaim[];
let questionable: number;

/** The seed page with a search field before the text, so focus has somewhere to come back to. */
const readerPage = (text: string) => pageFor(text, 'Reader').replace('<body>\n', '<body>\n<input id="q" aria-label="Search this forum">\n');

beforeAll(async () => {
  browser = await launch();
  expected = cliClaims(SEED);
  questionable = expected.filter((c) => tierOf(c.verdict as VerdictId) !== 'green').length;
  server = await serve({ [PAGE]: readerPage(fs.readFileSync(SEED, 'utf8')) });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openReader(): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(server.url(PAGE));
  await waitForPaint(page);
  return { page, tabId: await tabIdOf(browser.sw, page) };
}

/** Document-order position (y in the page) of the claim ScarCheck flashed last, or null. */
const flashedClaim = (page: Page) => page.evaluate(() => {
  const h = CSS.highlights.get('scarcheck-flash');
  const r = h && [...(h as unknown as Set<AbstractRange>)][0];
  if (!r) return null;
  const live = document.createRange();
  live.setStart(r.startContainer, r.startOffset);
  live.setEnd(r.endContainer, r.endOffset);
  const rect = live.getBoundingClientRect();
  return { top: rect.top, bottom: rect.bottom, docY: rect.top + scrollY, text: live.toString(), inView: rect.bottom > 0 && rect.top < innerHeight };
});

describe('keyboard and commands', () => {
  it('goes from claim to claim with the commands, Enter opens the details and Escape gives focus back', async () => {
    const { page } = await openReader();
    await page.keyboard.press('Tab'); // the reader is in the search field
    expect((await deepActiveElement(page))?.id).toBe('q');

    const first = await runCommand(browser, 'next-claim');
    expect(first.ok).toBe(true);
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => deepActiveElement(page)).toMatchObject({ testId: 'scarcheck-card', inScarCheck: true });
    expect(await card.locator(`[data-claim-index="${first.index}"]`).count()).toBe(1);
    const a = (await flashedClaim(page))!;
    expect(a.inView).toBe(true);
    // The card sits beside its claim, not over it.
    const box = (await card.boundingBox())!;
    expect(box.y >= a.bottom - 1 || box.y + box.height <= a.top + 1).toBe(true);

    const second = await runCommand(browser, 'next-claim');
    expect(second.ok).toBe(true);
    expect(second.index).not.toBe(first.index);
    await expect.poll(async () => (await flashedClaim(page))?.docY).toBeGreaterThan(a.docY - 1);
    await expect.poll(() => card.locator(`[data-claim-index="${second.index}"]`).count()).toBe(1);
    await expect.poll(() => deepActiveElement(page)).toMatchObject({ testId: 'scarcheck-card' });

    const back = await runCommand(browser, 'previous-claim');
    expect(back.index).toBe(first.index);
    await expect.poll(() => card.locator(`[data-claim-index="${first.index}"]`).count()).toBe(1);
    await expect.poll(() => deepActiveElement(page)).toMatchObject({ testId: 'scarcheck-card' });

    // Enter on the card opens the claim's details and moves focus to them.
    await page.keyboard.press('Enter');
    const details = card.locator('[data-testid=scarcheck-details]');
    await details.waitFor({ state: 'visible', timeout: 5_000 });
    expect((await details.textContent())!.length).toBeGreaterThan(40);
    await expect.poll(() => deepActiveElement(page)).toMatchObject({ testId: 'scarcheck-details' });
    expect(await card.locator('[data-testid=scarcheck-more]').first().getAttribute('aria-expanded')).toBe('true');

    // Tab walks the card's own controls.
    await page.keyboard.press('Tab');
    expect(await deepActiveElement(page)).toMatchObject({ inScarCheck: true });

    // Escape closes the card and focus returns to the search field.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 5_000 });
    expect((await deepActiveElement(page))?.id).toBe('q');
    await page.close();
  });

  it('announces the number of claims once, in one polite live region', async () => {
    const { page } = await openReader();
    const live = page.locator('scarcheck-ui [data-testid=scarcheck-live]');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(new RegExp(`found ${expected.length} claims .*${questionable} to read with care`));
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('scarcheck-ui [aria-live]').count()).toBe(1);
    await page.close();
  });

  it('runs the popup from the keyboard: Tab to a claim, Enter scrolls the page to it and opens its card', async () => {
    const { page, tabId } = await openReader();
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-popup-row').first().waitFor();
    let focused: { testId: string | null; index: string | null } | null = null;
    for (let i = 0; i < 40; i++) {
      await popup.keyboard.press('Tab');
      focused = await popup.evaluate(() => ({ testId: document.activeElement?.getAttribute('data-testid') ?? null, index: document.activeElement?.getAttribute('data-claim-index') ?? null }));
      if (focused.testId === 'scarcheck-popup-row') break;
    }
    expect(focused?.testId, 'Tab reaches the claim list').toBe('scarcheck-popup-row');
    await popup.keyboard.press('Enter');
    await page.bringToFront();
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await card.locator(`[data-claim-index="${focused!.index}"]`).count()).toBe(1);
    await expect.poll(async () => (await flashedClaim(page))?.inView).toBe(true);
    // The filters narrow the list, by keyboard too.
    await popup.bringToFront();
    await popup.getByTestId('scarcheck-filter-verdict').focus();
    await popup.getByTestId('scarcheck-filter-verdict').selectOption('questionable');
    await expect.poll(() => popup.getByTestId('scarcheck-popup-row').count()).toBe(questionable);
    await popup.close();
    await page.close();
  });
});

describe('settings', () => {
  it('switching a site off removes its marks and badge at once, survives a reload, and switching it on restores them', async () => {
    await clearExtensionStorage(browser);
    const { page, tabId } = await openReader();
    expect(await paintedCount(page)).toBe(expected.length);
    await expect.poll(() => badgeText(browser.sw, tabId)).toBe(questionable > 0 ? String(questionable) : '');

    let popup = await openPopup(browser, tabId);
    const site = popup.getByTestId('scarcheck-site-switch');
    await site.waitFor();
    expect(await site.isChecked()).toBe(true);
    await site.focus();
    await popup.keyboard.press('Space');
    await popup.getByTestId('scarcheck-popup-off').waitFor({ timeout: 5_000 });
    await expect.poll(() => paintedCount(page), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => badgeText(browser.sw, tabId), { timeout: 5_000 }).toBe('');
    expect(await extensionStorage(browser, 'settings')).toMatchObject({ settings: { sitesOff: ['127.0.0.1'] } });
    await popup.close();

    await page.reload();
    await page.waitForLoadState('load');
    // The content script answers, says it is off, and paints nothing.
    popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-popup-off').waitFor({ timeout: 10_000 });
    expect(await paintedCount(page)).toBe(0);
    expect(await badgeText(browser.sw, tabId)).toBe('');
    expect(await page.locator('scarcheck-ui').count()).toBe(0);

    await popup.getByTestId('scarcheck-site-switch').check();
    await expect.poll(() => paintedCount(page), { timeout: 15_000 }).toBe(expected.length);
    await expect.poll(() => badgeText(browser.sw, tabId), { timeout: 5_000 }).toBe(questionable > 0 ? String(questionable) : '');
    await expect.poll(() => popup.getByTestId('scarcheck-popup-row').count(), { timeout: 10_000 }).toBe(expected.length);
    await popup.close();
    await page.close();
  });

  it('pausing everywhere, turning underlines off and marking only questionable claims apply at once', async () => {
    await clearExtensionStorage(browser);
    const { page, tabId } = await openReader();
    const popup = await openPopup(browser, tabId);
    await popup.getByTestId('scarcheck-pause-switch').check();
    await expect.poll(() => paintedCount(page), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => badgeText(browser.sw, tabId)).toBe('');
    await popup.getByTestId('scarcheck-pause-switch').uncheck();
    await expect.poll(() => paintedCount(page), { timeout: 15_000 }).toBe(expected.length);

    // Underlines off: nothing painted, but the badge and the list stay, and commands still work.
    await popup.getByTestId('scarcheck-marks-switch').uncheck();
    await expect.poll(() => paintedCount(page), { timeout: 5_000 }).toBe(0);
    expect(await badgeText(browser.sw, tabId)).toBe(questionable > 0 ? String(questionable) : '');
    await page.bringToFront();
    expect((await runCommand(browser, 'next-claim')).ok).toBe(true);
    await page.locator(CARD).waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Escape');
    await popup.getByTestId('scarcheck-marks-switch').check();
    await expect.poll(() => paintedCount(page), { timeout: 5_000 }).toBe(expected.length);

    // Only questionable claims: the green tier disappears, amber and red stay.
    await setExtensionStorage(browser, { settings: { version: 1, paused: false, marks: true, markTiers: 'questionable', sitesOff: [] } });
    await expect.poll(() => paintedCount(page), { timeout: 5_000 }).toBe(questionable);
    expect(await page.evaluate(() => CSS.highlights.get('scarcheck-green')?.size ?? 0)).toBe(0);
    await clearExtensionStorage(browser);
    await popup.close();
    await page.close();
  });
});

describe('reports', () => {
  it('stores a report locally, exports it and imports it again; a bad file changes nothing', async () => {
    await clearExtensionStorage(browser);
    const { page } = await openReader();
    const opened = await runCommand(browser, 'next-claim');
    const card = page.locator(CARD);
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    const claimText = (await flashedClaim(page))!.text;
    await card.locator('[data-testid=scarcheck-report]').first().click();
    const comment = card.locator('textarea');
    await expect.poll(() => deepActiveElement(page)).toMatchObject({ tag: 'textarea' });
    await page.keyboard.type('The study cited is about keloids, not acne scars.');
    await card.getByRole('button', { name: 'Save report' }).click();
    await card.locator('[data-testid=scarcheck-report-done]').waitFor({ timeout: 5_000 });
    expect(await card.locator('[data-testid=scarcheck-report-done]').textContent()).toContain('saved on this device');
    expect(await comment.count()).toBe(0);

    const stored = (await extensionStorage(browser, 'reports')).reports as { version: number; items: Array<Record<string, string>> };
    expect(stored.version).toBe(1);
    expect(stored.items).toHaveLength(1);
    const report = stored.items[0]!;
    expect(report).toMatchObject({ host: '127.0.0.1', comment: 'The study cited is about keloids, not acne scars.' });
    expect(report.text!.replace(/\s+/g, ' ')).toBe(claimText.replace(/\s+/g, ' '));
    expect(report.entryId).toMatch(/\S/);
    expect(Date.parse(report.date!)).toBeGreaterThan(Date.now() - 60_000);
    expect(expected.map((c) => c.verdict)).toContain(report.verdict);
    expect(opened.ok).toBe(true);
    await page.close();

    // The options page lists it and exports it with the settings.
    const options = await openOptionsPage(browser);
    await options.getByTestId('scarcheck-report-item').first().waitFor();
    expect(await options.getByTestId('scarcheck-report-item').first().textContent()).toContain('keloids');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('scarcheck-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^scarcheck-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported).toMatchObject({ app: 'scarcheck', kind: 'export', version: 1, settings: { version: 1, markTiers: 'all' } });
    expect(exported.reports).toEqual(stored.items);

    // Delete it, then import the file: it is back.
    await options.getByRole('button', { name: /Delete the report/ }).click();
    await options.getByTestId('scarcheck-reports-empty').waitFor();
    expect((await extensionStorage(browser, 'reports')).reports).toEqual({ version: 1, items: [] });
    await options.getByTestId('scarcheck-import').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => options.getByTestId('scarcheck-status-transfer').textContent()).toContain('Imported the settings and 1 report new');
    await options.getByTestId('scarcheck-report-item').first().waitFor();
    expect(((await extensionStorage(browser, 'reports')).reports as { items: unknown[] }).items).toEqual(stored.items);

    // A file with one bad value is refused with the reason, and nothing changes.
    const before = await extensionStorage(browser);
    const bad = { ...exported, settings: { ...exported.settings, markTiers: 'some' }, reports: [] };
    await options.getByTestId('scarcheck-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const alert = options.getByRole('alert');
    await alert.waitFor({ timeout: 5_000 });
    expect(await alert.textContent()).toContain('Nothing was imported');
    expect(await alert.textContent()).toContain('settings.markTiers');
    await options.getByTestId('scarcheck-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"app":') });
    await expect.poll(() => alert.textContent()).toContain('not valid JSON');
    expect(await extensionStorage(browser)).toEqual(before);
    await options.close();
  });
});

describe('options page', () => {
  it('edits the site list, the tiers to mark, and resets to defaults', async () => {
    await clearExtensionStorage(browser);
    const options = await openOptionsPage(browser);
    await options.getByTestId('scarcheck-sites-empty').waitFor();
    const input = options.getByTestId('scarcheck-site-input');
    await input.fill('not a site!');
    await input.press('Enter');
    await options.getByRole('alert').waitFor();
    await input.fill('https://www.Reddit.com/r/acne');
    await input.press('Enter');
    await options.getByTestId('scarcheck-sites').getByText('reddit.com').waitFor();
    await options.getByTestId('scarcheck-tiers-questionable').check();
    await expect.poll(async () => (await extensionStorage(browser, 'settings')).settings).toMatchObject({ sitesOff: ['reddit.com'], markTiers: 'questionable' });
    await options.getByRole('button', { name: 'Remove reddit.com' }).click();
    await options.getByTestId('scarcheck-sites-empty').waitFor();
    await options.getByTestId('scarcheck-options-paused').check();
    await options.getByTestId('scarcheck-reset').click();
    await expect.poll(async () => (await extensionStorage(browser, 'settings')).settings).toEqual({ version: 1, paused: false, marks: true, markTiers: 'all', sitesOff: [] });
    expect(await options.getByTestId('scarcheck-tiers-all').isChecked()).toBe(true);
    expect(await options.getByTestId('scarcheck-options-paused').isChecked()).toBe(false);
    await options.close();
  });
});
