// Per-phenomenon figures on the dev corpus: every gold row's note starts with its tags
// ("negation, anecdote: why"), so each tag gets its own recall (claim rows found) and, for rows
// that must stay unmarked (questions, headings, prices...), its rate of rows left alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Detector } from '../../lib/detect';
import type { GoldRow } from './score';

export interface TagFigure { tag: string; claimRows: number; found: number; plainRows: number; leftAlone: number }

export function tagsOf(row: GoldRow): string[] {
  const head = (row.note ?? '').split(':')[0] ?? '';
  return head.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
}

export function phenomena(detector: Detector, goldFile: string, pagesDir: string): Map<string, TagFigure> {
  const gold = readFileSync(goldFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldRow);
  const figures = new Map<string, TagFigure>();
  const claimsByPage = new Map<string, { text: string; spans: Array<[number, number]> }>();
  for (const page of new Set(gold.map((g) => g.page))) {
    const text = readFileSync(path.join(pagesDir, page), 'utf8');
    claimsByPage.set(page, { text, spans: detector.detect(text).map((c) => [c.start, c.end]) });
  }
  for (const row of gold) {
    const { text, spans } = claimsByPage.get(row.page)!;
    const s = text.indexOf(row.sentence);
    if (s < 0) continue;
    const e = s + row.sentence.length;
    const marked = spans.some(([a, b]) => a < e && b > s);
    for (const tag of tagsOf(row)) {
      const f = figures.get(tag) ?? { tag, claimRows: 0, found: 0, plainRows: 0, leftAlone: 0 };
      if (row.claims.length) { f.claimRows++; if (marked) f.found++; } else { f.plainRows++; if (!marked) f.leftAlone++; }
      figures.set(tag, f);
    }
  }
  return figures;
}
