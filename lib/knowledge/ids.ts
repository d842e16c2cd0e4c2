/**
 * Ids, verdict tiers and the tier rule without zod, so the content script and popup can use them
 * without bundling the schema library (schema.ts re-exports everything here).
 */

/** Ids from ../shared/spec/claims.md: the contract between knowledge, detector, UI and tests. */
export const TREATMENT_IDS = [
  'filler', 'pmma-filler', 'biostimulatory-filler', 'fat-transfer', 'laser', 'ablative-laser',
  'nonablative-laser', 'rf-microneedling', 'microneedling', 'dermabrasion', 'microdermabrasion',
  'chemical-peel', 'tca-cross', 'subcision', 'punch-excision', 'surgical-excision', 'mesotherapy',
  'prp', 'botox', 'steroid-injection', 'pdo-threads', 'silicone', 'onion-extract', 'scar-cream',
  'retinoid', 'vitamin-e', 'sunscreen', 'home-remedy', 'homeopathy', 'microcurrent',
] as const;
export const TOPIC_IDS = [
  'permanence', 'complete-removal', 'efficacy', 'old-scars', 'speed', 'sessions', 'safety',
  'skin-type', 'scar-type', 'comparison',
] as const;
export const VERDICT_IDS = ['supported', 'mixed', 'unsupported', 'misleading', 'false'] as const;
export const GRADES = ['strong', 'moderate', 'limited', 'none', 'contradicted'] as const;

export type TreatmentId = (typeof TREATMENT_IDS)[number];
export type TopicId = (typeof TOPIC_IDS)[number];
export type VerdictId = (typeof VERDICT_IDS)[number];
export type Grade = (typeof GRADES)[number];

/** Verdict tiers drive the mark's colour and style (claims.md "mark" column). */
export type Tier = 'green' | 'amber' | 'red';
export const tierOf = (v: VerdictId): Tier =>
  v === 'supported' ? 'green' : v === 'mixed' || v === 'unsupported' ? 'amber' : 'red';
