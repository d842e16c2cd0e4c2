/**
 * The toolbar popup: the claims on the current tab, grouped by verdict (most questionable first)
 * and filterable by verdict and treatment; each row is a button that scrolls the page to the
 * claim and opens its card. Switches for this site, for the marks and for a global pause; an
 * "About" view (what ScarCheck is, privacy, knowledge-base version). When the page embeds
 * same-origin frames ScarCheck has not read, a button reads them on request; their claims join
 * the list (each row knows its frame).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, tCount } from '../i18n';
import type { TreatmentInfo } from '../knowledge/cards';
import type { TreatmentId, VerdictId } from '../knowledge/ids';
import type { AboutResponse, ClaimSummary, ClaimsResponse, FrameClaims } from '../messages/schemas';
import type { Settings } from '../settings/settings';
import { addSite, isSiteOff, removeSite } from '../settings/sites';
import { VerdictChip } from './ClaimCard';
import { TreatmentSummary, shortName } from './TreatmentSummary';
import { VERDICT_ORDER, snippet, tierOf, verdictLabel } from './theme';

/** A claim in the popup's list: the page's own (frameId 0 or absent) or an embedded frame's. */
export type ListedClaim = ClaimSummary & { frameId?: number };

/** The page's answer with the claims of the frames read on request merged in. */
export type PopupResponse = Omit<ClaimsResponse, 'claims'> & {
  claims: ListedClaim[];
  /** How many embedded frames ScarCheck has read (their claims are in `claims`). */
  framesRead?: number;
};

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'ready'; response: PopupResponse };

/**
 * Merges the claims the tab's embedded frames reported into the page's answer: the page's claims
 * first, then each frame's in frame order; treatments once each. Frames are on the page's site,
 * so they are off when it is; a page without treatment words whose frames have claims is 'ok'.
 */
export function mergeFrames(top: ClaimsResponse, frames: readonly FrameClaims[]): PopupResponse {
  const read = [...frames].sort((a, b) => a.frameId - b.frameId);
  const on = top.status === 'off' ? [] : read.filter((f) => f.status !== 'off');
  const claims: ListedClaim[] = [
    ...top.claims.map((c) => ({ ...c, frameId: 0 })),
    ...on.flatMap((f) => f.claims.map((c) => ({ ...c, frameId: f.frameId }))),
  ];
  const treatments = new Map<string, TreatmentInfo>();
  for (const tr of [...top.treatments, ...on.flatMap((f) => f.treatments)]) if (!treatments.has(tr.id)) treatments.set(tr.id, tr);
  const status = top.status === 'no-vocabulary' && claims.length > 0 ? 'ok' : top.status;
  return { ...top, status, claims, treatments: [...treatments.values()], framesRead: read.length };
}

/** Same-origin frames the page has that ScarCheck has not read yet. */
export const unreadFrames = (r: PopupResponse): number => Math.max(0, (r.frames ?? 0) - (r.framesRead ?? 0));

const rowKey = (c: ListedClaim) => `${c.frameId ?? 0}:${c.index}`;

/** Settings as the popup and options page use them (storage.local behind it). */
export interface SettingsPort {
  load(): Promise<Settings>;
  update(change: (s: Settings) => Settings): Promise<Settings>;
  /** Calls back on every change (from any page); returns an unsubscribe. */
  watch(cb: (s: Settings) => void): () => void;
}

export interface PopupProps {
  /** Asks the tab's content script (and the background, for embedded frames) for its claims; rejects when nothing answers. */
  load: () => Promise<PopupResponse>;
  /** Scrolls the tab (or the embedded frame `frameId`; 0 is the page) to claim `index` and opens its card. */
  jump: (index: number, frameId: number) => Promise<unknown>;
  /** Reads the page's same-origin embedded frames (the reader asked); resolves with how many started. */
  readFrames?: () => Promise<{ ok: boolean; frames: number }>;
  settings?: SettingsPort;
  /** The knowledge base's version and review date (from the background). */
  about?: () => Promise<AboutResponse>;
  openOptions?: () => void;
  /** The extension's version (manifest). */
  version?: string;
  /** Initial state (tests and screenshots); defaults to loading. */
  initial?: PopupState;
}

/** Claims grouped by verdict in popup order; empty groups are left out. */
export function groupByVerdict<C extends ClaimSummary>(claims: readonly C[]): Array<{ verdict: VerdictId; claims: C[] }> {
  return VERDICT_ORDER
    .map((verdict) => ({ verdict, claims: claims.filter((c) => c.verdict === verdict) }))
    .filter((g) => g.claims.length > 0);
}

export type VerdictFilter = 'all' | 'questionable' | VerdictId;
export interface Filters { verdict: VerdictFilter; treatment: 'all' | TreatmentId }
export const NO_FILTERS: Filters = { verdict: 'all', treatment: 'all' };

export function applyFilters<C extends ClaimSummary>(claims: readonly C[], f: Filters): C[] {
  return claims.filter((c) =>
    (f.verdict === 'all' || (f.verdict === 'questionable' ? tierOf(c.verdict) !== 'green' : c.verdict === f.verdict))
    && (f.treatment === 'all' || c.treatment === f.treatment));
}

function Row({ claim, onJump }: { claim: ListedClaim; onJump: (index: number, frameId: number) => void }): JSX.Element {
  const inFrame = (claim.frameId ?? 0) > 0;
  return (
    <li>
      <button
        type="button"
        class={`sc-row sc-row--${tierOf(claim.verdict)}`}
        data-testid="scarcheck-popup-row"
        data-claim-index={claim.index}
        data-frame-id={claim.frameId ?? 0}
        disabled={!claim.painted}
        title={claim.painted ? t('popup_rowShow') : t('popup_rowMissing')}
        onClick={() => onJump(claim.index, claim.frameId ?? 0)}
      >
        <span class="sc-row__snippet">“{snippet(claim.snippet, 160)}”</span>
        <span class="sc-row__meta">
          <span class="sc-row__treatment">{claim.treatmentName}</span>
          <span class="sc-row__verdict">{verdictLabel(claim.verdict)}</span>
          {inFrame && <span class="sc-row__frame">{t('popup_rowInFrame')}</span>}
        </span>
      </button>
    </li>
  );
}

function Summary({ claims }: { claims: readonly ClaimSummary[] }): JSX.Element {
  const groups = groupByVerdict(claims);
  const questionable = claims.filter((c) => tierOf(c.verdict) !== 'green').length;
  return (
    <div class="sc-summary">
      <p class="sc-summary__total" data-testid="scarcheck-popup-count">
        <strong>{claims.length}</strong> {t(claims.length === 1 ? 'popup_totalOne' : 'popup_totalMany')}
      </p>
      {claims.length > 0 && (
        <p class="sc-summary__sub">{questionable === 0 ? t('popup_allSupported') : tCount(questionable, 'popup_careOne', 'popup_careMany')}</p>
      )}
      {groups.length > 0 && (
        <ul class="sc-counts" aria-label={t('popup_byVerdict')}>
          {groups.map((g) => (
            <li key={g.verdict}><VerdictChip verdict={g.verdict} /><span class="sc-counts__n">{g.claims.length}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FilterBar({ claims, filters, onChange }: { claims: readonly ClaimSummary[]; filters: Filters; onChange: (f: Filters) => void }): JSX.Element {
  const verdicts = VERDICT_ORDER.filter((v) => claims.some((c) => c.verdict === v));
  const treatments = [...new Map(claims.map((c) => [c.treatment, c.treatmentName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const count = (pred: (c: ClaimSummary) => boolean) => claims.filter(pred).length;
  return (
    <div class="sc-filters" role="group" aria-label={t('popup_filters')}>
      <label class="sc-field">
        <span class="sc-field__label">{t('popup_filterVerdict')}</span>
        <select
          class="sc-select"
          data-testid="scarcheck-filter-verdict"
          value={filters.verdict}
          onChange={(e) => onChange({ ...filters, verdict: (e.currentTarget as HTMLSelectElement).value as VerdictFilter })}
        >
          <option value="all">{t('popup_filterAllVerdicts')}</option>
          <option value="questionable">{t('popup_filterQuestionable', count((c) => tierOf(c.verdict) !== 'green'))}</option>
          {verdicts.map((v) => <option key={v} value={v}>{`${verdictLabel(v)} (${count((c) => c.verdict === v)})`}</option>)}
        </select>
      </label>
      <label class="sc-field">
        <span class="sc-field__label">{t('popup_filterTreatment')}</span>
        <select
          class="sc-select"
          data-testid="scarcheck-filter-treatment"
          value={filters.treatment}
          onChange={(e) => onChange({ ...filters, treatment: (e.currentTarget as HTMLSelectElement).value as Filters['treatment'] })}
        >
          <option value="all">{t('popup_filterAllTreatments')}</option>
          {treatments.map(([id, name]) => <option key={id} value={id}>{`${name} (${count((c) => c.treatment === id)})`}</option>)}
        </select>
      </label>
    </div>
  );
}

/** "About <treatment>" for every treatment the page's claims are about. */
function Treatments({ treatments }: { treatments: readonly TreatmentInfo[] }): JSX.Element | null {
  if (!treatments.length) return null;
  return (
    <section class="sc-treatments" aria-labelledby="sc-treatments-title">
      <h2 class="sc-treatments__title" id="sc-treatments-title">{t('popup_treatments')}</h2>
      {treatments.map((tr) => (
        <details class="sc-treatments__item" key={tr.id} data-testid="scarcheck-popup-treatment">
          <summary>{t('treatment_about', shortName(tr.name))}</summary>
          <TreatmentSummary treatment={tr} />
        </details>
      ))}
    </section>
  );
}

/** An on/off switch: a native checkbox, announced as a switch. */
function Switch({ label, checked, onChange, testId, hint }: {
  label: string; checked: boolean; onChange: (on: boolean) => void; testId: string; hint?: string;
}): JSX.Element {
  return (
    <label class="sc-switch">
      <input
        type="checkbox"
        role="switch"
        class="sc-switch__input"
        checked={checked}
        data-testid={testId}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span class="sc-switch__track" aria-hidden="true"><span class="sc-switch__thumb" /></span>
      <span class="sc-switch__text">
        <span class="sc-switch__label">{label}</span>
        {hint && <span class="sc-switch__hint">{hint}</span>}
      </span>
    </label>
  );
}

export interface ControlsProps {
  settings: Settings;
  /** The tab's host ('' or undefined: no per-site switch). */
  host?: string;
  onChange: (change: (s: Settings) => Settings) => void;
}

export function Controls({ settings, host, onChange }: ControlsProps): JSX.Element {
  const siteOn = host ? !isSiteOff(settings.sitesOff, host) : false;
  return (
    <div class="sc-controls" role="group" aria-label={t('popup_controls')}>
      {host && (
        <Switch
          label={t('popup_siteSwitch', host)}
          checked={siteOn}
          testId="scarcheck-site-switch"
          onChange={(on) => onChange((s) => ({ ...s, sitesOff: on ? removeSite(s.sitesOff, host) : addSite(s.sitesOff, host) }))}
        />
      )}
      <Switch label={t('popup_marksSwitch')} checked={settings.marks} testId="scarcheck-marks-switch" onChange={(on) => onChange((s) => ({ ...s, marks: on }))} />
      <Switch label={t('popup_pauseSwitch')} checked={settings.paused} testId="scarcheck-pause-switch" onChange={(on) => onChange((s) => ({ ...s, paused: on }))} />
    </div>
  );
}

export function AboutView({ about, version, onOptions }: { about: AboutResponse | null; version?: string; onOptions?: () => void }): JSX.Element {
  return (
    <section class="sc-aboutview" aria-labelledby="sc-aboutview-title" data-testid="scarcheck-about-view">
      <h2 class="sc-aboutview__title" id="sc-aboutview-title">{t('about_title')}</h2>
      <p>{t('about_what')}</p>
      <h3 class="sc-aboutview__sub">{t('about_privacyTitle')}</h3>
      <p>{t('about_privacy')}</p>
      <h3 class="sc-aboutview__sub">{t('about_adviceTitle')}</h3>
      <p>{t('about_advice')}</p>
      <h3 class="sc-aboutview__sub">{t('about_kbTitle')}</h3>
      <p data-testid="scarcheck-kb-version">{about ? t('about_kb', about.version, about.reviewed) : t('about_kbUnknown')}</p>
      {version && <p class="sc-aboutview__version">{t('about_version', version)}</p>}
      {onOptions && <button type="button" class="sc-button" onClick={onOptions}>{t('popup_options')}</button>}
    </section>
  );
}

/** What the embedded-frames offer shows: the button, reading under way, or nothing more to read. */
export type FramesOfferState = 'idle' | 'reading' | 'none';

/** "Also read the N embedded frames": frames are read only when the reader asks. */
function FramesOffer({ unread, state, onRead }: { unread: number; state: FramesOfferState; onRead: () => void }): JSX.Element | null {
  if (state === 'none') return <p class="sc-frames sc-frames__note" role="status" data-testid="scarcheck-frames-none">{t('popup_framesNone')}</p>;
  if (unread === 0 && state !== 'reading') return null;
  return (
    <div class="sc-frames" data-testid="scarcheck-frames">
      <p class="sc-frames__note" id="sc-frames-hint">{t('popup_framesHint')}</p>
      <button
        type="button"
        class="sc-button"
        data-testid="scarcheck-read-frames"
        aria-describedby="sc-frames-hint"
        disabled={state === 'reading'}
        onClick={onRead}
      >
        {tCount(unread, 'popup_readFramesOne', 'popup_readFramesMany')}
      </button>
      {state === 'reading' && <p class="sc-frames__note" role="status">{t('popup_framesReading')}</p>}
    </div>
  );
}

export interface PopupViewProps {
  state: PopupState;
  /** A row was chosen: claim `index` of frame `frameId` (0: the page itself). */
  onJump: (index: number, frameId: number) => void;
  /** Reads the embedded frames (absent: no offer). */
  onReadFrames?: () => void;
  framesState?: FramesOfferState;
  settings?: Settings | null;
  onSettings?: (change: (s: Settings) => Settings) => void;
  view?: 'claims' | 'about';
  onView?: (v: 'claims' | 'about') => void;
  about?: AboutResponse | null;
  version?: string;
  onOptions?: () => void;
  filters?: Filters;
  onFilters?: (f: Filters) => void;
}

function ClaimsBody({ state, settings, onJump, filters, onFilters, onReadFrames, framesState = 'idle' }: Required<Pick<PopupViewProps, 'state' | 'onJump' | 'filters' | 'onFilters'>>
  & Pick<PopupViewProps, 'onReadFrames' | 'framesState'> & { settings?: Settings | null }): JSX.Element {
  if (state.kind === 'loading') return <p class="sc-message" role="status">{t('popup_loading')}</p>;
  if (state.kind === 'unreachable') {
    return (
      <div class="sc-message" role="status">
        <p class="sc-message__title">{t('popup_unreachable')}</p>
        <p>{t('popup_unreachableHint')}</p>
      </div>
    );
  }
  const { claims, treatments, status, host } = state.response;
  if (status === 'off') {
    const paused = settings?.paused ?? false;
    return (
      <div class="sc-message" role="status" data-testid="scarcheck-popup-off">
        <p class="sc-message__title">{paused ? t('popup_paused') : t('popup_siteOff', host)}</p>
        <p>{paused ? t('popup_pausedHint') : t('popup_siteOffHint')}</p>
      </div>
    );
  }
  const shown = applyFilters(claims, filters);
  const unread = unreadFrames(state.response);
  return (
    <>
      <Summary claims={claims} />
      {onReadFrames && <FramesOffer unread={unread} state={framesState} onRead={onReadFrames} />}
      {claims.length === 0 ? (
        <p class="sc-message" role="status">{t('popup_noClaims')}</p>
      ) : (
        <div class="sc-groups">
          {claims.length > 1 && <FilterBar claims={claims} filters={filters} onChange={onFilters} />}
          {shown.length < claims.length && (
            <p class="sc-filters__shown" role="status">
              {t('popup_showing', shown.length, claims.length)}{' '}
              <button type="button" class="sc-linkbutton" onClick={() => onFilters(NO_FILTERS)}>{t('popup_clearFilters')}</button>
            </p>
          )}
          {groupByVerdict(shown).map((g) => (
            <section class="sc-group" key={g.verdict} aria-labelledby={`sc-group-${g.verdict}`}>
              <h2 class={`sc-group__title sc-group__title--${tierOf(g.verdict)}`} id={`sc-group-${g.verdict}`}>
                {verdictLabel(g.verdict)} <span class="sc-group__n">{g.claims.length}</span>
              </h2>
              <ul class="sc-rows">
                {g.claims.map((c) => <Row key={rowKey(c)} claim={c} onJump={onJump} />)}
              </ul>
            </section>
          ))}
          <Treatments treatments={treatments} />
        </div>
      )}
    </>
  );
}

export function PopupView(props: PopupViewProps): JSX.Element {
  const { state, settings, onSettings, view = 'claims', onView, about = null, version, onOptions } = props;
  const [localFilters, setLocalFilters] = useState<Filters>(NO_FILTERS);
  const filters = props.filters ?? localFilters;
  const onFilters = props.onFilters ?? setLocalFilters;
  const host = state.kind === 'ready' ? state.response.host : undefined;
  return (
    <div class="sc-theme sc-popup">
      <header class="sc-popup__head">
        <span class="sc-brand"><span class="sc-brand__mark" aria-hidden="true" />{t('extName')}</span>
        <span class="sc-popup__local">{t('popup_local')}</span>
        {onView && (
          <button type="button" class="sc-linkbutton" data-testid="scarcheck-about-toggle" onClick={() => onView(view === 'about' ? 'claims' : 'about')}>
            {view === 'about' ? t('popup_backToClaims') : t('popup_about')}
          </button>
        )}
      </header>
      <main class="sc-popup__main">
        {view === 'about' ? (
          <AboutView about={about} version={version} onOptions={onOptions} />
        ) : (
          <>
            {settings && onSettings && <Controls settings={settings} host={host} onChange={onSettings} />}
            <ClaimsBody
              state={state}
              settings={settings}
              onJump={props.onJump}
              filters={filters}
              onFilters={onFilters}
              onReadFrames={props.onReadFrames}
              framesState={props.framesState}
            />
          </>
        )}
      </main>
      <footer class="sc-popup__foot">
        <span>{t('popup_footer')}</span>
        {onOptions && view === 'claims' && (
          <button type="button" class="sc-linkbutton" data-testid="scarcheck-open-options" onClick={onOptions}>{t('popup_options')}</button>
        )}
      </footer>
    </div>
  );
}

/** Loads the tab's claims (retrying briefly while the page finishes loading) and renders them. */
export function Popup({ load, jump, readFrames, settings: port, about: loadAbout, openOptions, version, initial }: PopupProps): JSX.Element {
  const [state, setState] = useState<PopupState>(initial ?? { kind: 'loading' });
  const [framesState, setFramesState] = useState<FramesOfferState>('idle');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [view, setView] = useState<'claims' | 'about'>('claims');
  const [about, setAbout] = useState<AboutResponse | null>(null);

  const fetchClaims = async (attempts: number, isCancelled: () => boolean) => {
    // The content script runs at document_idle: give a loading tab a moment before giving up.
    for (let attempt = 0; attempt < attempts && !isCancelled(); attempt++) {
      try {
        const response = await load();
        if (!isCancelled()) setState({ kind: 'ready', response });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    if (!isCancelled()) setState({ kind: 'unreachable' });
  };

  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    void fetchClaims(6, () => cancelled);
    return () => { cancelled = true; };
  }, []);

  useEffect(() => {
    if (!port) return;
    let live = true;
    port.load().then((s) => { if (live) setSettings(s); }, () => undefined);
    const stop = port.watch((s) => setSettings(s));
    return () => { live = false; stop(); };
  }, [port]);

  useEffect(() => {
    if (view !== 'about' || about || !loadAbout) return;
    loadAbout().then(setAbout, () => undefined);
  }, [view]);

  const onSettings = (change: (s: Settings) => Settings) => {
    if (!port) return;
    const before = settings;
    void port.update(change).then((next) => {
      setSettings(next);
      // Turning the page on or off changes what the tab has to say: ask again.
      const wasOff = !!before && (before.paused || (state.kind === 'ready' && isSiteOff(before.sitesOff, state.response.host)));
      const isOff = next.paused || (state.kind === 'ready' && isSiteOff(next.sitesOff, state.response.host));
      if (wasOff !== isOff && state.kind === 'ready') void fetchClaims(3, () => false);
    }, () => undefined);
  };

  const onReadFrames = readFrames && (async () => {
    setFramesState('reading');
    const res = await readFrames().catch(() => ({ ok: false, frames: 0 }));
    await fetchClaims(3, () => false);
    setFramesState(res.frames > 0 ? 'idle' : 'none');
  });

  return (
    <PopupView
      state={state}
      onJump={(index, frameId) => { void jump(index, frameId).catch(() => undefined); }}
      onReadFrames={onReadFrames ? () => { void onReadFrames(); } : undefined}
      framesState={framesState}
      settings={settings}
      onSettings={port ? onSettings : undefined}
      view={view}
      onView={setView}
      about={about}
      version={version}
      onOptions={openOptions}
    />
  );
}
