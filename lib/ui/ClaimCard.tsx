/**
 * The hover card: what the evidence says about the claim(s) under the pointer. Several claims can
 * share one sentence; each gets its own block. Rendered inside ScarCheck's shadow root.
 */
import type { CSSProperties, JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SourceRef } from '../detect/types';
import type { TreatmentInfo } from '../knowledge/cards';
import type { Grade, VerdictId } from '../knowledge/ids';
import { placeCard, type Placement, type RectLike } from './position';
import { GRADE_LABEL, TIER_GLYPH, VERDICT_LABEL, snippet, tierOf } from './theme';
import { AboutTreatment } from './TreatmentSummary';

export interface CardItem {
  index: number;
  text: string;
  verdict: VerdictId;
  treatment: TreatmentInfo;
  note: string;
  grade: Grade;
  sources: SourceRef[];
  hedged: boolean;
  anecdote: boolean;
}

export function VerdictChip({ verdict }: { verdict: VerdictId }): JSX.Element {
  const tier = tierOf(verdict);
  return (
    <span class={`sc-chip sc-chip--${tier}`} data-verdict={verdict}>
      <span class="sc-chip__glyph" aria-hidden="true">{TIER_GLYPH[tier]}</span>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

function SourceLink({ source }: { source: SourceRef }): JSX.Element {
  const meta = [source.year ?? 'n.d.', source.kind].join(' · ');
  return (
    <li>
      <a class="sc-source" href={source.url} target="_blank" rel="noopener noreferrer" data-testid="scarcheck-source-link">
        <span class="sc-source__title">{source.title}</span>
        <span class="sc-source__meta">{meta}</span>
      </a>
    </li>
  );
}

function ClaimBlock({ item, showQuote }: { item: CardItem; showQuote: boolean }): JSX.Element {
  const tier = tierOf(item.verdict);
  const [about, setAbout] = useState(false);
  const tags = [item.hedged && 'Hedged claim', item.anecdote && 'Personal report'].filter(Boolean) as string[];
  return (
    <section class={`sc-claim sc-claim--${tier}`} data-claim-index={item.index}>
      <div class="sc-claim__top">
        <VerdictChip verdict={item.verdict} />
        <span class="sc-claim__treatment">{item.treatment.name}</span>
      </div>
      {showQuote && <p class="sc-claim__quote">“{snippet(item.text, 110)}”</p>}
      <p class="sc-claim__note">{item.note}</p>
      <p class="sc-claim__grade">
        <span class="sc-label">Evidence</span> {GRADE_LABEL[item.grade]}
        {tags.map((t) => <span class="sc-tag" key={t}>{t}</span>)}
      </p>
      {item.sources.length > 0 && (
        <ul class="sc-sources" aria-label="Sources">
          {item.sources.slice(0, 3).map((s) => <SourceLink key={s.id} source={s} />)}
        </ul>
      )}
      {item.treatment.card.summary && <AboutTreatment treatment={item.treatment} open={about} onToggle={() => setAbout(!about)} />}
    </section>
  );
}

export interface ClaimCardProps {
  items: CardItem[];
  style?: CSSProperties;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  cardRef?: { current: HTMLDivElement | null };
}

export function ClaimCard({ items, style, onPointerEnter, onPointerLeave, cardRef }: ClaimCardProps): JSX.Element {
  // Several claims in one sentence usually share its text: quote it once, not per block.
  const sameText = items.every((i) => i.text === items[0]?.text);
  const label = items.length === 1 ? 'ScarCheck: what the evidence says about this claim' : `ScarCheck: what the evidence says about ${items.length} claims`;
  return (
    <div
      ref={cardRef}
      class="sc-theme sc-card"
      role="dialog"
      aria-label={label}
      data-testid="scarcheck-card"
      style={style}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      <header class="sc-card__head">
        <span class="sc-brand"><span class="sc-brand__mark" aria-hidden="true" />ScarCheck</span>
        {items.length > 1 && <span class="sc-card__count">{items.length} claims here</span>}
      </header>
      <div class="sc-card__body">
        {items.length > 1 && sameText && <p class="sc-card__quote">“{snippet(items[0]!.text, 160)}”</p>}
        {items.map((item) => <ClaimBlock key={item.index} item={item} showQuote={items.length > 1 && !sameText} />)}
      </div>
      <footer class="sc-card__foot">Not medical advice.</footer>
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
}

/** Measures the card, then places it below (or above) the anchor, clamped in the viewport. */
export function CardLayer({ items, anchor, viewport, onPointerEnter, onPointerLeave }: CardLayerProps): JSX.Element {
  const ref = useRef<HTMLDivElement | null>(null);
  const [place, setPlace] = useState<Placement | null>(null);
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
  const style: CSSProperties = place
    ? { left: `${place.left}px`, top: `${place.top}px`, ...(place.maxHeight ? { maxHeight: `${place.maxHeight}px` } : {}) }
    : { left: '0px', top: '0px', visibility: 'hidden' };
  return <ClaimCard items={items} style={style} cardRef={ref} onPointerEnter={onPointerEnter} onPointerLeave={onPointerLeave} />;
}
