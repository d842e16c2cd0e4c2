/**
 * The hover card: what the evidence says about the claim(s) under the pointer. Several claims can
 * share one sentence; each gets its own block. Rendered inside ScarCheck's shadow root.
 *
 * Keyboard: the card is a non-modal dialog that takes focus when a ScarCheck command opened it;
 * Enter on the card opens the first claim's details ("More"); every control inside is a native
 * button, link or form field. Escape is handled by the page side (it closes the card and gives
 * focus back).
 */
import type { CSSProperties, JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SourceRef } from '../detect/types';
import { t, tCount } from '../i18n';
import type { TreatmentInfo } from '../knowledge/cards';
import type { Grade, VerdictId } from '../knowledge/ids';
import { placeCard, type Placement, type RectLike } from './position';
import { TIER_GLYPH, gradeLabel, snippet, tierOf, verdictLabel } from './theme';
import { AboutTreatment, shortName } from './TreatmentSummary';

export interface CardItem {
  index: number;
  text: string;
  verdict: VerdictId;
  treatment: TreatmentInfo;
  note: string;
  /** The knowledge entry's longer explanation ("More"). */
  details: string;
  /** The knowledge entry behind the note (kept with a report). */
  entryId: string;
  grade: Grade;
  sources: SourceRef[];
  hedged: boolean;
  anecdote: boolean;
}

/** Saves the reader's report on one claim; resolves true once it is stored. */
export type ReportHandler = (item: CardItem, comment: string) => Promise<boolean>;

export function VerdictChip({ verdict }: { verdict: VerdictId }): JSX.Element {
  const tier = tierOf(verdict);
  return (
    <span class={`sc-chip sc-chip--${tier}`} data-verdict={verdict}>
      <span class="sc-chip__glyph" aria-hidden="true">{TIER_GLYPH[tier]}</span>
      {verdictLabel(verdict)}
    </span>
  );
}

function SourceLink({ source }: { source: SourceRef }): JSX.Element {
  const meta = [source.year ?? t('source_noDate'), source.kind].join(' · ');
  return (
    <li>
      <a class="sc-source" href={source.url} target="_blank" rel="noopener noreferrer" data-testid="scarcheck-source-link">
        <span class="sc-source__title">{source.title}</span>
        <span class="sc-source__meta">{meta}</span>
      </a>
    </li>
  );
}

type ReportState = 'closed' | 'open' | 'saving' | 'saved' | 'failed';

/** "Report this note": a comment kept on this device with the claim. */
function ReportForm({ item, onReport, state, setState }: {
  item: CardItem; onReport: ReportHandler; state: ReportState; setState: (s: ReportState) => void;
}): JSX.Element {
  const [comment, setComment] = useState('');
  const area = useRef<HTMLTextAreaElement | null>(null);
  const done = useRef<HTMLParagraphElement | null>(null);
  const id = `sc-report-${item.index}`;
  useEffect(() => {
    if (state === 'open') area.current?.focus({ preventScroll: true });
    if (state === 'saved' || state === 'failed') done.current?.focus({ preventScroll: true });
  }, [state]);
  if (state === 'saved' || state === 'failed') {
    return (
      <p class={`sc-report__done sc-report__done--${state}`} tabIndex={-1} ref={done} data-testid="scarcheck-report-done">
        {t(state === 'saved' ? 'report_saved' : 'report_failed')}
      </p>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    if (state === 'saving') return;
    setState('saving');
    onReport(item, comment.trim()).then((ok) => setState(ok ? 'saved' : 'failed'), () => setState('failed'));
  };
  return (
    <form class="sc-report" onSubmit={submit} data-testid="scarcheck-report-form">
      <label class="sc-report__label" for={id}>{t('report_label')}</label>
      <textarea
        id={id}
        ref={area}
        class="sc-report__comment"
        rows={3}
        maxLength={1000}
        value={comment}
        onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <p class="sc-report__hint">{t('report_hint')}</p>
      <div class="sc-report__actions">
        <button type="submit" class="sc-button sc-button--primary" disabled={state === 'saving'}>{t('report_save')}</button>
        <button type="button" class="sc-button" onClick={() => setState('closed')}>{t('report_cancel')}</button>
      </div>
    </form>
  );
}

function ClaimBlock({ item, showQuote, more, onMore, onReport }: {
  item: CardItem; showQuote: boolean; more: boolean; onMore: () => void; onReport?: ReportHandler;
}): JSX.Element {
  const tier = tierOf(item.verdict);
  const [about, setAbout] = useState(false);
  const [report, setReport] = useState<ReportState>('closed');
  const tags = [item.hedged && t('tag_hedged'), item.anecdote && t('tag_anecdote')].filter(Boolean) as string[];
  const moreId = `sc-more-${item.index}`;
  return (
    <section class={`sc-claim sc-claim--${tier}`} data-claim-index={item.index} aria-label={t('card_claimLabel', verdictLabel(item.verdict), item.treatment.name)}>
      <div class="sc-claim__top">
        <VerdictChip verdict={item.verdict} />
        <span class="sc-claim__treatment">{item.treatment.name}</span>
      </div>
      {showQuote && <p class="sc-claim__quote">“{snippet(item.text, 110)}”</p>}
      <p class="sc-claim__note" id={`sc-note-${item.index}`}>{item.note}</p>
      <p class="sc-claim__grade">
        <span class="sc-label">{t('card_evidence')}</span> {gradeLabel(item.grade)}
        {tags.map((tag) => <span class="sc-tag" key={tag}>{tag}</span>)}
      </p>
      {item.sources.length > 0 && (
        <ul class="sc-sources" aria-label={t('card_sources')}>
          {item.sources.slice(0, 3).map((s) => <SourceLink key={s.id} source={s} />)}
        </ul>
      )}
      <div class="sc-disclosures">
        {item.details && (
          <div class="sc-about">
            <button type="button" class="sc-about__toggle" aria-expanded={more} aria-controls={moreId} data-testid="scarcheck-more" onClick={onMore}>
              <span aria-hidden="true" class="sc-about__caret">{more ? '▾' : '▸'}</span> {t('card_more')}
            </button>
            {more && <div id={moreId} class="sc-more" tabIndex={-1} data-testid="scarcheck-details"><p>{item.details}</p></div>}
          </div>
        )}
        {item.treatment.card.summary && <AboutTreatment treatment={item.treatment} open={about} onToggle={() => setAbout(!about)} />}
        {onReport && (
          <div class="sc-about">
            {report === 'closed' ? (
              <button type="button" class="sc-about__toggle" data-testid="scarcheck-report" aria-expanded={false} onClick={() => setReport('open')}>
                <span aria-hidden="true" class="sc-about__caret">⚑</span> {t('report_open')}
              </button>
            ) : (
              <ReportForm item={item} onReport={onReport} state={report} setState={setReport} />
            )}
          </div>
        )}
      </div>
    </section>
  );
}

export interface ClaimCardProps {
  items: CardItem[];
  style?: CSSProperties;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  cardRef?: { current: HTMLDivElement | null };
  onReport?: ReportHandler;
}

export function ClaimCard({ items, style, onPointerEnter, onPointerLeave, cardRef, onReport }: ClaimCardProps): JSX.Element {
  // Several claims in one sentence usually share its text: quote it once, not per block.
  const sameText = items.every((i) => i.text === items[0]?.text);
  const [more, setMore] = useState<readonly number[]>([]);
  const first = items[0];
  const label = items.length === 1 && first
    ? t('card_label', verdictLabel(first.verdict), shortName(first.treatment.name))
    : t('card_labelMany', items.length);
  const toggleMore = (i: number) => setMore(more.includes(i) ? more.filter((x) => x !== i) : [...more, i]);
  const onKeyDown = (e: KeyboardEvent) => {
    // Enter on the card itself (where a command put focus) opens the first claim's details.
    if (e.key !== 'Enter' || e.target !== e.currentTarget || !first?.details) return;
    e.preventDefault();
    const root = e.currentTarget as HTMLElement;
    if (!more.includes(first.index)) setMore([...more, first.index]);
    // Move focus to the details once rendered, so a screen reader reads them.
    requestAnimationFrame(() => {
      (root.querySelector(`#sc-more-${first.index}`) as HTMLElement | null)?.focus({ preventScroll: true });
    });
  };
  return (
    <div
      ref={cardRef}
      class="sc-theme sc-card"
      role="dialog"
      aria-label={label}
      aria-describedby={first ? `sc-note-${first.index}` : undefined}
      tabIndex={-1}
      data-testid="scarcheck-card"
      style={style}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
      onKeyDown={onKeyDown}
    >
      <header class="sc-card__head">
        <span class="sc-brand"><span class="sc-brand__mark" aria-hidden="true" />{t('extName')}</span>
        {items.length > 1 && <span class="sc-card__count">{tCount(items.length, 'card_countOne', 'card_countMany')}</span>}
      </header>
      <div class="sc-card__body">
        {items.length > 1 && sameText && <p class="sc-card__quote">“{snippet(items[0]!.text, 160)}”</p>}
        {items.map((item) => (
          <ClaimBlock
            key={item.index}
            item={item}
            showQuote={items.length > 1 && !sameText}
            more={more.includes(item.index)}
            onMore={() => toggleMore(item.index)}
            onReport={onReport}
          />
        ))}
      </div>
      <footer class="sc-card__foot">{t('card_disclaimer')}</footer>
    </div>
  );
}

export interface CardLayerProps {
  items: CardItem[];
  /** The claim's line box in viewport coordinates. */
  anchor: RectLike;
  viewport: () => { width: number; height: number };
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  onReport?: ReportHandler;
  /** A new value moves focus to the card (a ScarCheck command opened it); 0 leaves focus alone. */
  focusToken?: number;
}

/** Measures the card, then places it below (or above) the anchor, clamped in the viewport. */
export function CardLayer({ items, anchor, viewport, onPointerEnter, onPointerLeave, onReport, focusToken = 0 }: CardLayerProps): JSX.Element {
  const ref = useRef<HTMLDivElement | null>(null);
  const [place, setPlace] = useState<Placement | null>(null);
  const focused = useRef(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Measure at natural height (the previous placement may have capped it).
    const capped = el.style.maxHeight;
    el.style.maxHeight = '';
    const { width, height } = el.getBoundingClientRect();
    el.style.maxHeight = capped;
    const next = placeCard(anchor, { width, height }, viewport());
    setPlace((prev) => (prev && prev.left === next.left && prev.top === next.top && prev.maxHeight === next.maxHeight ? prev : next));
  }, [items, anchor.left, anchor.top, anchor.right, anchor.bottom]);
  // Focus once the card is placed (a hidden element cannot take focus), once per token.
  useEffect(() => {
    if (!place || !focusToken || focused.current === focusToken) return;
    focused.current = focusToken;
    ref.current?.focus({ preventScroll: true });
  }, [place, focusToken]);
  const style: CSSProperties = place
    ? { left: `${place.left}px`, top: `${place.top}px`, ...(place.maxHeight ? { maxHeight: `${place.maxHeight}px` } : {}) }
    : { left: '0px', top: '0px', visibility: 'hidden' };
  return <ClaimCard items={items} style={style} cardRef={ref} onPointerEnter={onPointerEnter} onPointerLeave={onPointerLeave} onReport={onReport} />;
}

/**
 * Everything ScarCheck draws in the page's shadow root: the one polite live region (the claim
 * count, announced once per page) and the card, when one is open.
 */
export function PageLayer({ live, card, cardKey }: { live: string; card: CardLayerProps | null; cardKey: string }): JSX.Element {
  return (
    <>
      <div class="sc-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="scarcheck-live">{live}</div>
      {/* A card for other claims is a new card: its disclosures and report form start closed. */}
      {card && <CardLayer key={cardKey} {...card} />}
    </>
  );
}
