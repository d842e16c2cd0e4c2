/**
 * The options page: which claims to underline, the sites where ScarCheck is off, the reports
 * kept on this device, export and import (one JSON file, validated before anything changes),
 * and a reset. Every change is written to storage.local at once; open tabs follow it.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tCount, type MessageKey } from '../i18n';
import type { Report } from '../settings/reports';
import { mergeReports } from '../settings/reports';
import { MARK_TIERS, defaultSettings, type MarkTiers, type Settings } from '../settings/settings';
import { addSite, normalizeHost } from '../settings/sites';
import { buildExport, exportFileName, parseImport, type ExportFile, type ImportError } from '../settings/transfer';
import type { SettingsPort } from './Popup';
import { snippet, verdictLabel } from './theme';

export interface ReportsPort {
  load(): Promise<Report[]>;
  save(reports: Report[]): Promise<void>;
  watch(cb: (r: Report[]) => void): () => void;
}

export interface OptionsProps {
  settings: SettingsPort;
  reports: ReportsPort;
  /** Hands a file to the reader (a download); tests and non-DOM callers may replace it. */
  download?: (name: string, json: string) => void;
  now?: () => Date;
}

type Status = { kind: 'ok' | 'error'; text: string; where: 'transfer' | 'reset' } | null;

/** A polite live region that is always present, so its messages are announced. */
function StatusSlot({ status, where }: { status: Status; where: 'transfer' | 'reset' }): JSX.Element {
  const mine = status?.where === where ? status : null;
  return (
    <div class="sc-status-slot" aria-live="polite" data-testid={`scarcheck-status-${where}`}>
      {mine && <p class={mine.kind === 'error' ? 'sc-error' : 'sc-ok'} role={mine.kind === 'error' ? 'alert' : undefined}>{mine.text}</p>}
    </div>
  );
}

const TIER_CHOICE: Record<MarkTiers, { label: MessageKey; hint: MessageKey }> = {
  all: { label: 'options_tiersAll', hint: 'options_tiersAllHint' },
  questionable: { label: 'options_tiersQuestionable', hint: 'options_tiersQuestionableHint' },
};

export function importErrorText(e: ImportError): string {
  switch (e.kind) {
    case 'too-big': return t('options_importTooBig');
    case 'not-json': return t('options_importNotJson');
    case 'not-scarcheck': return t('options_importNotScarcheck');
    case 'invalid': return t('options_importInvalid', e.path);
  }
}

function downloadFile(name: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Section({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }): JSX.Element {
  return (
    <section class="sc-section" aria-labelledby={`${id}-title`}>
      <h2 class="sc-section__title" id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function SiteList({ settings, onChange }: { settings: Settings; onChange: (c: (s: Settings) => Settings) => void }): JSX.Element {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const host = normalizeHost(input);
    if (!host) { setError(t('options_siteInvalid', input.trim())); return; }
    setError('');
    setInput('');
    onChange((s) => ({ ...s, sitesOff: addSite(s.sitesOff, host) }));
  };
  return (
    <>
      <p class="sc-help">{t('options_sitesHelp')}</p>
      {settings.sitesOff.length === 0 ? (
        <p class="sc-empty" data-testid="scarcheck-sites-empty">{t('options_sitesEmpty')}</p>
      ) : (
        <ul class="sc-list" data-testid="scarcheck-sites">
          {settings.sitesOff.map((site) => (
            <li class="sc-list__item" key={site}>
              <span class="sc-list__main">{site}</span>
              <button
                type="button"
                class="sc-button sc-button--small"
                aria-label={t('options_siteRemoveLabel', site)}
                onClick={() => onChange((s) => ({ ...s, sitesOff: s.sitesOff.filter((x) => x !== site) }))}
              >
                {t('options_siteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="sc-inline-form" onSubmit={add}>
        <label class="sc-field">
          <span class="sc-field__label">{t('options_siteAddLabel')}</span>
          <input
            type="text"
            class="sc-input"
            value={input}
            placeholder={t('options_sitePlaceholder')}
            autocomplete="off"
            spellcheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sc-site-error' : undefined}
            data-testid="scarcheck-site-input"
            onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="sc-button">{t('options_siteAdd')}</button>
      </form>
      {error && <p class="sc-error" id="sc-site-error" role="alert">{error}</p>}
    </>
  );
}

function ReportList({ reports, onDelete }: { reports: readonly Report[]; onDelete: (id: string) => void }): JSX.Element {
  if (!reports.length) return <p class="sc-empty" data-testid="scarcheck-reports-empty">{t('options_reportsEmpty')}</p>;
  return (
    <ul class="sc-list" data-testid="scarcheck-reports">
      {[...reports].reverse().map((r) => (
        <li class="sc-list__item sc-report-item" key={r.id} data-testid="scarcheck-report-item">
          <div class="sc-list__main">
            <p class="sc-report-item__claim">“{snippet(r.text, 140)}”</p>
            <p class="sc-report-item__meta">{t('options_reportMeta', verdictLabel(r.verdict), r.host || '—', r.date.slice(0, 10))}</p>
            {r.comment && <p class="sc-report-item__comment">{r.comment}</p>}
          </div>
          <button type="button" class="sc-button sc-button--small" aria-label={t('options_reportDeleteLabel', snippet(r.text, 40))} onClick={() => onDelete(r.id)}>
            {t('options_reportDelete')}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function OptionsView({ settings: port, reports: reportsPort, download = downloadFile, now = () => new Date() }: OptionsProps): JSX.Element {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [reports, setReports] = useState<Report[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    let live = true;
    void port.load().then((s) => { if (live) setSettings(s); });
    void reportsPort.load().then((r) => { if (live) setReports(r); });
    const stopS = port.watch(setSettings);
    const stopR = reportsPort.watch(setReports);
    return () => { live = false; stopS(); stopR(); };
  }, []);

  const change = (c: (s: Settings) => Settings) => { void port.update(c).then(setSettings); };

  const exportAll = async () => {
    const [s, r] = await Promise.all([port.load(), reportsPort.load()]);
    const date = now();
    download(exportFileName(date), `${JSON.stringify(buildExport(s, r, date), null, 2)}\n`);
    setStatus({ kind: 'ok', where: 'transfer', text: t('options_exported', tCount(r.length, 'options_reportsCountOne', 'options_reportsCountMany')) });
  };

  const importFile = async (file: File) => {
    const parsed = parseImport(await file.text());
    if (!parsed.ok) { setStatus({ kind: 'error', where: 'transfer', text: importErrorText(parsed.error) }); return; }
    await applyImport(parsed.file);
  };

  const applyImport = async (file: ExportFile) => {
    const current = await reportsPort.load();
    const merged = mergeReports(current, file.reports);
    await reportsPort.save(merged.reports);
    await port.update(() => file.settings);
    setSettings(file.settings);
    setReports(merged.reports);
    setStatus({ kind: 'ok', where: 'transfer', text: t('options_imported', tCount(merged.added, 'options_reportsCountOne', 'options_reportsCountMany')) });
  };

  const reset = async () => {
    const next = await port.update(() => defaultSettings());
    setSettings(next);
    setStatus({ kind: 'ok', where: 'reset', text: t('options_resetDone') });
  };

  const deleteReport = async (id: string) => {
    const next = (await reportsPort.load()).filter((r) => r.id !== id);
    await reportsPort.save(next);
    setReports(next);
  };

  if (!settings) return <div class="sc-theme sc-options"><p class="sc-message" role="status">{t('popup_loading')}</p></div>;

  return (
    <div class="sc-theme sc-options">
      <header class="sc-options__head">
        <span class="sc-brand"><span class="sc-brand__mark" aria-hidden="true" />{t('extName')}</span>
        <h1 class="sc-options__title">{t('options_title')}</h1>
      </header>
      <main class="sc-options__main">
        <Section id="sc-marking" title={t('options_marking')}>
          <fieldset class="sc-fieldset">
            <legend class="sc-fieldset__legend">{t('options_tiersLegend')}</legend>
            {MARK_TIERS.map((m) => (
              <label class="sc-choice" key={m}>
                <input
                  type="radio"
                  name="sc-tiers"
                  value={m}
                  checked={settings.markTiers === m}
                  data-testid={`scarcheck-tiers-${m}`}
                  onChange={() => change((s) => ({ ...s, markTiers: m }))}
                />
                <span class="sc-choice__text">
                  <span class="sc-choice__label">{t(TIER_CHOICE[m].label)}</span>
                  <span class="sc-choice__hint">{t(TIER_CHOICE[m].hint)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <label class="sc-choice">
            <input type="checkbox" checked={settings.marks} data-testid="scarcheck-options-marks" onChange={(e) => { const on = (e.currentTarget as HTMLInputElement).checked; change((s) => ({ ...s, marks: on })); }} />
            <span class="sc-choice__text">
              <span class="sc-choice__label">{t('popup_marksSwitch')}</span>
              <span class="sc-choice__hint">{t('options_marksHint')}</span>
            </span>
          </label>
          <label class="sc-choice">
            <input type="checkbox" checked={settings.paused} data-testid="scarcheck-options-paused" onChange={(e) => { const on = (e.currentTarget as HTMLInputElement).checked; change((s) => ({ ...s, paused: on })); }} />
            <span class="sc-choice__text">
              <span class="sc-choice__label">{t('popup_pauseSwitch')}</span>
              <span class="sc-choice__hint">{t('options_pausedHint')}</span>
            </span>
          </label>
        </Section>

        <Section id="sc-sites" title={t('options_sites')}>
          <SiteList settings={settings} onChange={change} />
        </Section>

        <Section id="sc-reports" title={t('options_reports')}>
          <p class="sc-help">{t('options_reportsHelp')}</p>
          <ReportList reports={reports} onDelete={(id) => { void deleteReport(id); }} />
        </Section>

        <Section id="sc-transfer" title={t('options_transfer')}>
          <p class="sc-help">{t('options_transferHelp')}</p>
          <div class="sc-actions">
            <button type="button" class="sc-button sc-button--primary" data-testid="scarcheck-export" onClick={() => { void exportAll(); }}>{t('options_export')}</button>
            <label class="sc-button sc-file">
              {t('options_import')}
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                class="sc-file__input"
                data-testid="scarcheck-import"
                onChange={(e) => {
                  const input = e.currentTarget as HTMLInputElement;
                  const file = input.files?.[0];
                  if (file) void importFile(file).finally(() => { input.value = ''; });
                }}
              />
            </label>
          </div>
          <StatusSlot status={status} where="transfer" />
        </Section>

        <Section id="sc-reset" title={t('options_reset')}>
          <p class="sc-help">{t('options_resetHelp')}</p>
          <div class="sc-actions">
            <button type="button" class="sc-button" data-testid="scarcheck-reset" onClick={() => { void reset(); }}>{t('options_resetButton')}</button>
          </div>
          <StatusSlot status={status} where="reset" />
        </Section>
      </main>
      <footer class="sc-options__foot">{t('options_footer')}</footer>
    </div>
  );
}
