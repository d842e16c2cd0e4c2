/**
 * A treatment's summary card ("About fillers"): what it is, what it helps, how much, for how long,
 * at what cost in sessions, downtime and risk, and how good the evidence is. Shared by the hover
 * card and the popup.
 */
import type { JSX } from 'preact';
import { t, type MessageKey } from '../i18n';
import type { TreatmentInfo } from '../knowledge/cards';
import { gradeLabel } from './theme';

const ROWS: Array<[keyof Omit<TreatmentInfo['card'], 'summary' | 'grade' | 'sources'>, MessageKey]> = [
  ['helps', 'fact_helps'],
  ['improvement', 'fact_improvement'],
  ['duration', 'fact_duration'],
  ['sessions', 'fact_sessions'],
  ['downtime', 'fact_downtime'],
  ['risks', 'fact_risks'],
  ['darkerSkin', 'fact_darkerSkin'],
];

export function TreatmentSummary({ treatment }: { treatment: TreatmentInfo }): JSX.Element {
  const { card } = treatment;
  return (
    <div class="sc-treatment" data-testid="scarcheck-treatment-card" data-treatment={treatment.id}>
      <p class="sc-treatment__summary">{card.summary}</p>
      <dl class="sc-treatment__facts">
        {ROWS.map(([key, label]) => (
          <div class="sc-treatment__fact" key={key}>
            <dt>{t(label)}</dt>
            <dd>{card[key]}</dd>
          </div>
        ))}
        <div class="sc-treatment__fact">
          <dt>{t('card_evidence')}</dt>
          <dd>{gradeLabel(card.grade)}</dd>
        </div>
      </dl>
      {card.sources.length > 0 && (
        <ul class="sc-sources" aria-label={t('treatment_sources', treatment.name)}>
          {card.sources.slice(0, 4).map((s) => (
            <li key={s.id}>
              <a class="sc-source" href={s.url} target="_blank" rel="noopener noreferrer">
                <span class="sc-source__title">{s.title}</span>
                <span class="sc-source__meta">{[s.year ?? t('source_noDate'), s.kind].join(' · ')}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "About <treatment>" as a disclosure: the summary opens in place, keyboard operable. */
export function AboutTreatment({ treatment, open, onToggle }: { treatment: TreatmentInfo; open: boolean; onToggle: () => void }): JSX.Element {
  const panel = `sc-about-${treatment.id}`;
  return (
    <div class="sc-about">
      <button type="button" class="sc-about__toggle" aria-expanded={open} aria-controls={panel} data-testid="scarcheck-about" onClick={onToggle}>
        <span aria-hidden="true" class="sc-about__caret">{open ? '▾' : '▸'}</span> {t('treatment_about', shortName(treatment.name))}
      </button>
      {open && <div id={panel}><TreatmentSummary treatment={treatment} /></div>}
    </div>
  );
}

/** "Dermal fillers (hyaluronic acid)" reads better as "dermal fillers" in a link. */
export function shortName(name: string): string {
  const base = name.replace(/\s*\(.*\)\s*$/u, '').trim();
  return base.length > 2 && /^[A-Z][a-z]/u.test(base) && !/^[A-Z]{2,}/u.test(base) ? base[0]!.toLowerCase() + base.slice(1) : base;
}
