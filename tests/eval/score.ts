// The scoring rule of ../shared/eval/score.mjs, in process: a gold claim sentence is found when a
// reported claim overlaps it; a reported claim is right when it overlaps a gold claim sentence;
// treatment (by family) and verdict tier are compared on the found ones.
import type { Claim } from '../../lib/detect/types';

export interface GoldRow {
  page: string;
  sentence: string;
  claims: Array<{ treatment: string; topic: string; verdict: string }>;
  note?: string;
}

export interface Score {
  goldClaims: number; hit: number; out: number; outOnClaim: number; treatOk: number; verdictOk: number;
  precision: number; recall: number; f1: number; treatment: number; verdictTier: number;
  misses: string[]; falsePositives: string[]; badVerdicts: string[]; badTreatments: string[];
}

const tier = (v: string) => ({ supported: 'green', mixed: 'amber', unsupported: 'amber', misleading: 'red', false: 'red' })[v] ?? 'none';
const family = (t: string) => (t.endsWith('laser') ? 'laser' : t.endsWith('filler') || t === 'fat-transfer' ? 'filler' : t);

export function score(pages: Map<string, { text: string; claims: Claim[] }>, gold: GoldRow[]): Score {
  let goldClaims = 0, hit = 0, out = 0, outOnClaim = 0, treatOk = 0, verdictOk = 0;
  const misses: string[] = [], falsePositives: string[] = [], badVerdicts: string[] = [], badTreatments: string[] = [];
  const byPage = new Map<string, GoldRow[]>();
  for (const g of gold) byPage.set(g.page, [...(byPage.get(g.page) ?? []), g]);
  for (const [page, rows] of byPage) {
    const p = pages.get(page);
    if (!p) throw new Error(`no scan for page ${page}`);
    const spans = rows.map((g) => { const s = p.text.indexOf(g.sentence); return { g, s, e: s + g.sentence.length }; }).filter((x) => x.s >= 0);
    const overlaps = (c: Claim, sp: { s: number; e: number }) => c.start < sp.e && c.end > sp.s;
    out += p.claims.length;
    for (const c of p.claims) {
      const sp = spans.find((x) => overlaps(c, x));
      const tag = `[${c.treatment}/${c.topic}/${c.verdict}]`;
      if (!sp) falsePositives.push(`${page}: ${tag} ${c.text.slice(0, 160)}`);
      else if (sp.g.claims.length) outOnClaim++;
      else falsePositives.push(`${page}: NEG ${tag} ${sp.g.sentence.slice(0, 160)}`);
    }
    for (const sp of spans) {
      if (!sp.g.claims.length) continue;
      goldClaims++;
      const mine = p.claims.filter((c) => overlaps(c, sp));
      const want = sp.g.claims.map((c) => `${c.treatment}/${c.topic}/${c.verdict}`).join(',');
      if (!mine.length) { misses.push(`${page}: ${want} :: ${sp.g.sentence.slice(0, 180)}`); continue; }
      hit++;
      const got = mine.map((c) => `${c.treatment}/${c.topic}/${c.verdict}`).join(',');
      const gt = new Set(sp.g.claims.map((c) => family(c.treatment)));
      if (mine.some((c) => gt.has(family(c.treatment)))) treatOk++;
      else badTreatments.push(`${page}: want ${want} got ${got} :: ${sp.g.sentence.slice(0, 140)}`);
      const wantTier = new Set(sp.g.claims.map((c) => tier(c.verdict)));
      if (mine.some((c) => wantTier.has(tier(c.verdict)))) verdictOk++;
      else badVerdicts.push(`${page}: want ${want} got ${got} :: ${sp.g.sentence.slice(0, 140)}`);
    }
  }
  const precision = out ? outOnClaim / out : 0, recall = goldClaims ? hit / goldClaims : 0;
  return {
    goldClaims, hit, out, outOnClaim, treatOk, verdictOk, precision, recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    treatment: hit ? treatOk / hit : 0, verdictTier: hit ? verdictOk / hit : 0,
    misses, falsePositives, badVerdicts, badTreatments,
  };
}
