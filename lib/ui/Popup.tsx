/**
 * The toolbar popup: a summary of the claims on the current tab, grouped by verdict (most
 * questionable first). Each row is a button that scrolls the page to the claim and opens its card.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { VerdictId } from '../knowledge/ids';
import type { ClaimSummary, ClaimsResponse } from '../messages/schemas';
import { VerdictChip } from './ClaimCard';
import { TreatmentSummary, shortName } from './TreatmentSummary';
import type { TreatmentInfo } from '../knowledge/cards';
import { VERDICT_LABEL, VERDICT_ORDER, plural, snippet, tierOf } from './theme';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'ready'; response: ClaimsResponse };

export interface PopupProps {
  /** Asks the tab's content script for its claims; rejects when nothing answers. */
  load: () => Promise<ClaimsResponse>;
  /** Scrolls the tab to claim `index` and opens its card. */
  jump: (index: number) => Promise<unknown>;
  /** Initial state (tests and screenshots); defaults to loading. */
  initial?: PopupState;
}

export const NO_CLAIMS_TEXT = 'No claims about scar treatments found on this page.';
export const UNREACHABLE_TEXT = 'ScarCheck cannot read this page.';

/** Claims grouped by verdict in popup order; empty groups are left out. */
export function groupByVerdict(claims: readonly ClaimSummary[]): Array<{ verdict: VerdictId; claims: ClaimSummary[] }> {
  return VERDICT_ORDER
    .map((verdict) => ({ verdict, claims: claims.filter((c) => c.verdict === verdict) }))
    .filter((g) => g.claims.length > 0);
}

function Row({ claim, onJump }: { claim: ClaimSummary; onJump: (i: number) => void }): JSX.Element {
  return (
    <li>
      <button
        type="button"
        class={`sc-row sc-row--${tierOf(claim.verdict)}`}
        data-testid="scarcheck-popup-row"
        data-claim-index={claim.index}
        disabled={!claim.painted}
        title={claim.painted ? 'Show this claim on the page' : 'This claim could not be located on the page'}
        onClick={() => onJump(claim.index)}
      >
        <span class="sc-row__snippet">“{snippet(claim.snippet, 160)}”</span>
        <span class="sc-row__meta">
          <span class="sc-row__treatment">{claim.treatmentName}</span>
          <span class="sc-row__verdict">{VERDICT_LABEL[claim.verdict]}</span>
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
        <strong>{claims.length}</strong> {claims.length === 1 ? 'claim' : 'claims'} about scar treatments
      </p>
      {claims.length > 0 && (
        <p class="sc-summary__sub">{questionable === 0 ? 'All of them agree with the evidence.' : `${plural(questionable, 'claim')} to read with care.`}</p>
      )}
      {groups.length > 0 && (
        <ul class="sc-counts" aria-label="Claims by verdict">
          {groups.map((g) => (
            <li key={g.verdict}><VerdictChip verdict={g.verdict} /><span class="sc-counts__n">{g.claims.length}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "About <treatment>" for every treatment the page's claims are about. */
function Treatments({ treatments }: { treatments: readonly TreatmentInfo[] }): JSX.Element | null {
  if (!treatments.length) return null;
  return (
    <section class="sc-treatments" aria-label="Treatments on this page">
      <h2 class="sc-treatments__title">Treatments on this page</h2>
      {treatments.map((t) => (
        <details class="sc-treatments__item" key={t.id} data-testid="scarcheck-popup-treatment">
          <summary>About {shortName(t.name)}</summary>
          <TreatmentSummary treatment={t} />
        </details>
      ))}
    </section>
  );
}

export function PopupView({ state, onJump }: { state: PopupState; onJump: (i: number) => void }): JSX.Element {
  let body: JSX.Element;
  if (state.kind === 'loading') {
    body = <p class="sc-message" role="status">Reading this page…</p>;
  } else if (state.kind === 'unreachable') {
    body = (
      <div class="sc-message" role="status">
        <p class="sc-message__title">{UNREACHABLE_TEXT}</p>
        <p>Browser pages, extension stores and some built-in viewers don’t let extensions read them. On a regular web page, try reloading the tab.</p>
      </div>
    );
  } else {
    const { claims, treatments } = state.response;
    body = (
      <>
        <Summary claims={claims} />
        {claims.length === 0 ? (
          <p class="sc-message" role="status">{NO_CLAIMS_TEXT}</p>
        ) : (
          <div class="sc-groups">
            {groupByVerdict(claims).map((g) => (
              <section class="sc-group" key={g.verdict} aria-label={`${VERDICT_LABEL[g.verdict]}: ${g.claims.length}`}>
                <h2 class={`sc-group__title sc-group__title--${tierOf(g.verdict)}`}>
                  {VERDICT_LABEL[g.verdict]} <span class="sc-group__n">{g.claims.length}</span>
                </h2>
                <ul class="sc-rows">
                  {g.claims.map((c) => <Row key={c.index} claim={c} onJump={onJump} />)}
                </ul>
              </section>
            ))}
            <Treatments treatments={treatments} />
          </div>
        )}
      </>
    );
  }
  return (
    <div class="sc-theme sc-popup">
      <header class="sc-popup__head">
        <span class="sc-brand"><span class="sc-brand__mark" aria-hidden="true" />ScarCheck</span>
        <span class="sc-popup__local">Runs on your device</span>
      </header>
      <main class="sc-popup__main">{body}</main>
      <footer class="sc-popup__foot">Hover an underlined claim on the page to see the evidence. Not medical advice.</footer>
    </div>
  );
}

/** Loads the tab's claims (retrying briefly while the page finishes loading) and renders them. */
export function Popup({ load, jump, initial }: PopupProps): JSX.Element {
  const [state, setState] = useState<PopupState>(initial ?? { kind: 'loading' });
  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    (async () => {
      // The content script runs at document_idle: give a loading tab a moment before giving up.
      for (let attempt = 0; attempt < 6 && !cancelled; attempt++) {
        try {
          const response = await load();
          if (!cancelled) setState({ kind: 'ready', response });
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      if (!cancelled) setState({ kind: 'unreachable' });
    })();
    return () => { cancelled = true; };
  }, []);
  return <PopupView state={state} onJump={(i) => { void jump(i).catch(() => undefined); }} />;
}
