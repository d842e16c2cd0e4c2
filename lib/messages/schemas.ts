/**
 * Every message that crosses a context boundary, as zod schemas. Receivers parse before they act
 * and ignore (logging once) anything that does not fit. Claims travel as plain JSON.
 *
 *   content ──{type:'find-candidates', texts}─> background ──{hits}──> content (long pages)
 *   content ──{type:'detect', items}─────────> background ──{results, treatments}──> content
 *   content ──{type:'set-badge', count}──────> background (questionable claims on the page)
 *   content ──{type:'reset-badge'}───────────> background (page without claims, or ScarCheck off)
 *   content ──{type:'save-report', report}───> background ──{ok}──> content (stored locally)
 *   popup   ──{type:'get-about'}─────────────> background ──{version, reviewed}──> popup
 *   popup   ──{type:'get-claims'}────────────> content ──{status, host, claims, treatments}──> popup
 *   popup   ──{type:'jump-to', index}────────> content ──{ok}──> popup
 *   background (command) ──{type:'navigate', direction}──> content ──{ok, index}──> background
 *
 * Embedded frames (same origin as the page, read only when the reader asks from the popup):
 *   popup   ──{type:'read-frames', tabId}──────> background: injects the content script into the
 *             tab's same-origin subframes (scripting, activeTab) ──{ok, frames}──> popup
 *   content (subframe) ──{type:'frame-claims', status, claims, treatments}──> background (kept per
 *             tab and frameId; the badge sums all frames)
 *   content (subframe) ──{type:'frame-gone'}───> background (the frame's document went away)
 *   content (top frame) ──{type:'page-start'}──> background (a new page: drop the old frames' claims)
 *   popup   ──{type:'get-frame-claims', tabId}─> background ──{frames: [{frameId, …}]}──> popup
 * Requests for the page itself (get-claims, jump-to, navigate) go to frameId 0 only; a jump to a
 * frame's claim goes to that frame.
 */
// zod/mini: the content script parses these on every page, and full zod would triple its size.
import { z } from 'zod/mini';
import { GRADES, TOPIC_IDS, TREATMENT_IDS, VERDICT_IDS } from '../knowledge/ids';
import type { Claim } from '../detect/types';
import type { TreatmentInfo } from '../knowledge/cards';

/** Longest page text we send for detection (about 2 MB of characters); longer pages are cut. */
export const MAX_TEXT = 2_000_000;

const TreatmentId = z.enum(TREATMENT_IDS);
const TopicId = z.enum(TOPIC_IDS);
const VerdictId = z.enum(VERDICT_IDS);
const Grade = z.enum(GRADES);
const Index = z.int().check(z.nonnegative());

export const SourceRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  year: z.nullable(z.number()),
  kind: z.string(),
  url: z.string(),
  pmid: z.optional(z.string()),
  doi: z.optional(z.string()),
});

/**
 * On the wire from the background, a claim leaves out what its knowledge entry says (note,
 * details, grade, sources): a dense page has thousands of claims and a few dozen entries, so each
 * entry travels once per answer (`entries`) and the content script joins them again. It leaves
 * out its own text too: the content script sent that text, and the offsets say where it is.
 */
export const WireClaimSchema = z.object({
  start: Index,
  end: Index,
  treatment: TreatmentId,
  topic: TopicId,
  verdict: VerdictId,
  entryId: z.string(),
  hedged: z.boolean(),
  anecdote: z.boolean(),
  carried: z.boolean(),
});
export const EntryTextSchema = z.object({
  note: z.string(),
  details: z.string(),
  grade: Grade,
  sources: z.array(SourceRefSchema),
});

/** A claim as the detector makes it: its own fields and its entry's texts. */
export const ClaimSchema = z.extend(WireClaimSchema, { text: z.string(), ...EntryTextSchema.shape });

/** A treatment's summary card ("About fillers"), sources resolved. */
export const TreatmentInfoSchema = z.object({
  id: TreatmentId,
  name: z.string(),
  card: z.object({
    summary: z.string(),
    helps: z.string(),
    improvement: z.string(),
    duration: z.string(),
    sessions: z.string(),
    downtime: z.string(),
    risks: z.string(),
    darkerSkin: z.string(),
    grade: Grade,
    sources: z.array(SourceRefSchema),
  }),
});

// The schemas and the core types must describe the same objects (checked both ways).
const infoFitsSchema = (t: TreatmentInfo): z.infer<typeof TreatmentInfoSchema> => t;
const schemaFitsInfo = (t: z.infer<typeof TreatmentInfoSchema>): TreatmentInfo => t;
void infoFitsSchema; void schemaFitsInfo;

// The schema and the detector's Claim type must describe the same object (checked both ways).
type Parsed = z.infer<typeof ClaimSchema>;
const claimFitsSchema = (c: Claim): Parsed => c;
const schemaFitsClaim = (c: Parsed): Claim => c;
void claimFitsSchema; void schemaFitsClaim;

// ── content → background ──────────────────────────────────────────────────────────────────────
/**
 * Chunks of page text to read: `context` is the text just before the chunk (read for "it" and
 * headings, never marked); claims come back per chunk with offsets into its `text`.
 */
export const DetectItem = z.object({ context: z.string().check(z.maxLength(4000)), text: z.string() });
export const DetectRequest = z.object({
  type: z.literal('detect'),
  /**
   * Only if the text names a treatment: a short page sends its text at once, and the background
   * runs its prefilter first (no NLP for a page without treatment names).
   */
  gate: z.optional(z.boolean()),
  items: z.array(DetectItem).check(z.refine((items) => items.reduce((n, i) => n + i.text.length, 0) <= MAX_TEXT, 'too much text')),
  /**
   * Entry texts and treatment cards the content script holds from earlier answers: left out of
   * this answer (a dense page's answers would repeat ~150 KB of them each).
   */
  known: z.optional(z.object({ entries: z.array(z.string()), treatments: z.array(z.string()) })),
});
export const DetectResponse = z.object({
  results: z.array(z.array(WireClaimSchema)),
  /** What each entry the claims cite says, by entryId. */
  entries: z.record(z.string(), EntryTextSchema),
  /** Names and summary cards of the treatments the claims are about, by id. */
  treatments: z.record(z.string(), TreatmentInfoSchema),
  /** With `gate`: false when no text named a treatment (nothing was read). */
  vocabulary: z.optional(z.boolean()),
});
/** The prefilter over a long page's Text nodes (its regex is the costly part, so it runs here). */
export const FindCandidatesRequest = z.object({
  type: z.literal('find-candidates'),
  texts: z.array(z.string()).check(z.refine((t) => t.reduce((n, s) => n + s.length, 0) <= MAX_TEXT, 'too much text')),
});
/** Indices of the texts that name a scar treatment. */
export const FindCandidatesResponse = z.object({ hits: z.array(Index) });
export const ResetBadgeRequest = z.object({ type: z.literal('reset-badge') });
/** The number of questionable (amber and red) claims now on the page. */
export const SetBadgeRequest = z.object({ type: z.literal('set-badge'), count: Index });

/** "Report this note" as the page sends it; the background adds id, date and KB version (lib/settings/reports). */
export const ReportDraftSchema = z.object({
  text: z.string().check(z.maxLength(2000)),
  verdict: VerdictId,
  entryId: z.string().check(z.maxLength(200)),
  host: z.string().check(z.maxLength(253)),
  comment: z.string().check(z.maxLength(1000)),
});
export const SaveReportRequest = z.object({ type: z.literal('save-report'), report: ReportDraftSchema });
export const OkResponse = z.object({ ok: z.boolean() });

// ── popup → background ────────────────────────────────────────────────────────────────────────
export const GetAboutRequest = z.object({ type: z.literal('get-about') });
/** The bundled knowledge base's version and the date its newest entry was reviewed. */
export const AboutResponse = z.object({ version: z.string(), reviewed: z.string() });


// ── popup → content ───────────────────────────────────────────────────────────────────────────
export const GetClaimsRequest = z.object({ type: z.literal('get-claims') });
export const JumpToRequest = z.object({ type: z.literal('jump-to'), index: Index });
/** The next / previous claim command (background → the active tab). */
export const NavigateRequest = z.object({ type: z.literal('navigate'), direction: z.enum(['next', 'previous']) });
export const ContentRequest = z.discriminatedUnion('type', [GetClaimsRequest, JumpToRequest, NavigateRequest]);

/** What the popup needs per claim. */
export const ClaimSummary = z.object({
  index: Index,
  snippet: z.string(),
  treatment: TreatmentId,
  treatmentName: z.string(),
  verdict: VerdictId,
  /** False when the claim could not be anchored in the page (it is listed but cannot be shown). */
  painted: z.boolean(),
});
export const ClaimsResponse = z.object({
  /**
   * 'no-vocabulary': the page names no scar treatment, so nothing was analysed.
   * 'off': ScarCheck is paused, or off on this site (the page was not read).
   */
  status: z.enum(['ok', 'no-vocabulary', 'error', 'off']),
  /** The page's host name (location.hostname; '' for pages without one), for the per-site switch. */
  host: z.string(),
  claims: z.array(ClaimSummary),
  /** Summary cards of the treatments those claims are about, in order of first appearance. */
  treatments: z.array(TreatmentInfoSchema),
  /**
   * Same-origin embedded frames (<iframe>, <frame>, nested ones too) whose document this page can
   * see and that hold text: what "Also read the embedded frames" would read.
   */
  frames: z.optional(Index),
});
export const JumpToResponse = z.object({ ok: z.boolean() });
/** `index`: the claim whose card is now open and focused. */
export const NavigateResponse = z.object({ ok: z.boolean(), index: z.optional(Index) });

// ── embedded frames ───────────────────────────────────────────────────────────────────────────
const FrameStatus = z.enum(['ok', 'no-vocabulary', 'error', 'off']);
const FrameId = z.int().check(z.positive());
/** A subframe's claims as it reports them (content → background); the sender gives tab and frame. */
export const FrameClaimsRequest = z.object({
  type: z.literal('frame-claims'),
  status: FrameStatus,
  claims: z.array(ClaimSummary).check(z.maxLength(5000)),
  treatments: z.array(TreatmentInfoSchema),
});
/** A subframe's document is going away (pagehide, or its script was invalidated). */
export const FrameGoneRequest = z.object({ type: z.literal('frame-gone') });
/** The top frame's content script started on a new document: earlier frames' claims are stale. */
export const PageStartRequest = z.object({ type: z.literal('page-start') });
/** Popup → background: read the same-origin embedded frames of this tab (the reader asked). */
export const ReadFramesRequest = z.object({ type: z.literal('read-frames'), tabId: Index });
/** `frames`: how many frames ScarCheck started reading now (0: none left, or not allowed). */
export const ReadFramesResponse = z.object({ ok: z.boolean(), frames: Index });
/** Popup → background: the claims the tab's subframes have reported. */
export const GetFrameClaimsRequest = z.object({ type: z.literal('get-frame-claims'), tabId: Index });
export const FrameClaims = z.object({
  frameId: FrameId,
  status: FrameStatus,
  claims: z.array(ClaimSummary),
  treatments: z.array(TreatmentInfoSchema),
});
export const FrameClaimsResponse = z.object({ frames: z.array(FrameClaims) });

export const BackgroundRequest = z.discriminatedUnion('type', [
  DetectRequest, FindCandidatesRequest, ResetBadgeRequest, SetBadgeRequest, SaveReportRequest, GetAboutRequest,
  FrameClaimsRequest, FrameGoneRequest, PageStartRequest, ReadFramesRequest, GetFrameClaimsRequest,
]);
/** Every `type` the background answers (transport registers exactly these). */
export const BACKGROUND_TYPES = [
  'detect', 'find-candidates', 'reset-badge', 'set-badge', 'save-report', 'get-about',
  'frame-claims', 'frame-gone', 'page-start', 'read-frames', 'get-frame-claims',
] as const;

export type DetectRequest = z.infer<typeof DetectRequest>;
export type DetectResponse = z.infer<typeof DetectResponse>;
export type WireClaim = z.infer<typeof WireClaimSchema>;
export type EntryText = z.infer<typeof EntryTextSchema>;
export type ResetBadgeRequest = z.infer<typeof ResetBadgeRequest>;
export type SetBadgeRequest = z.infer<typeof SetBadgeRequest>;
export type FindCandidatesRequest = z.infer<typeof FindCandidatesRequest>;
export type FindCandidatesResponse = z.infer<typeof FindCandidatesResponse>;
export type DetectItem = z.infer<typeof DetectItem>;
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;
export type GetClaimsRequest = z.infer<typeof GetClaimsRequest>;
export type JumpToRequest = z.infer<typeof JumpToRequest>;
export type ContentRequest = z.infer<typeof ContentRequest>;
export type ClaimSummary = z.infer<typeof ClaimSummary>;
export type ClaimsResponse = z.infer<typeof ClaimsResponse>;
export type JumpToResponse = z.infer<typeof JumpToResponse>;
export type ReportDraft = z.infer<typeof ReportDraftSchema>;
export type SaveReportRequest = z.infer<typeof SaveReportRequest>;
export type GetAboutRequest = z.infer<typeof GetAboutRequest>;
export type AboutResponse = z.infer<typeof AboutResponse>;
export type NavigateRequest = z.infer<typeof NavigateRequest>;
export type NavigateResponse = z.infer<typeof NavigateResponse>;
export type FrameClaimsRequest = z.infer<typeof FrameClaimsRequest>;
export type FrameGoneRequest = z.infer<typeof FrameGoneRequest>;
export type PageStartRequest = z.infer<typeof PageStartRequest>;
export type ReadFramesRequest = z.infer<typeof ReadFramesRequest>;
export type ReadFramesResponse = z.infer<typeof ReadFramesResponse>;
export type GetFrameClaimsRequest = z.infer<typeof GetFrameClaimsRequest>;
export type FrameClaims = z.infer<typeof FrameClaims>;
export type FrameClaimsResponse = z.infer<typeof FrameClaimsResponse>;
