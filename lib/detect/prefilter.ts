import { WordPattern } from './word-pattern';

/**
 * The cheap first pass: does a text name any scar treatment at all? Runs in the background over
 * every Text node of a long page and before any NLP, so it uses only the alias list.
 */
export interface PrefilterData {
  aliases: string[];
}

/** One alternation over every alias, case-insensitive: it reads the page's text as it is. */
export function buildPrefilter(data: PrefilterData): WordPattern {
  return new WordPattern(data.aliases, true);
}

/**
 * Indices of the texts (a page's Text nodes, in order) that name a treatment, including names
 * split over neighbouring nodes by inline markup ("<b>TCA</b> <i>CROSS</i>"): the texts are
 * scanned joined, and a match marks every text it overlaps.
 */
export function textsNamingTreatments(names: WordPattern, texts: readonly string[]): number[] {
  const starts = new Array<number>(texts.length);
  let at = 0;
  texts.forEach((t, i) => { starts[i] = at; at += t.length; });
  const indexAt = (pos: number): number => {
    let lo = 0, hi = texts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= pos) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const hits = new Set<number>();
  texts.forEach((t, i) => { if (names.test(t)) hits.add(i); });
  // Joined without separators, neighbours can also glue words together ("member_9" + "Fraxel"):
  // that pass only adds names that span several texts.
  for (const m of names.all(texts.join(''))) {
    const first = indexAt(m.start);
    const last = indexAt(m.end - 1);
    if (last > first) for (let i = first; i <= last; i++) hits.add(i);
  }
  return [...hits].sort((a, b) => a - b);
}
