/**
 * The cheap first pass: does a text name any scar treatment at all? Runs in the content script on
 * every page, so it uses only the alias list (no NLP, no notes).
 */
export interface PrefilterData {
  aliases: string[];
}

const EDGE_L = '(?<![\\p{L}\\p{N}])';
const EDGE_R = '(?![\\p{L}\\p{N}])';

/** One alternation over every alias; V8's regex engine scans this at well over 100 MB/s. */
export function buildPrefilter(data: PrefilterData): RegExp {
  const body = data.aliases.map((a) => `(?:${a})`).join('|');
  return new RegExp(`${EDGE_L}(?:${body})${EDGE_R}`, 'iu');
}

/**
 * Indices of the texts (a page's Text nodes, in order) that name a treatment, including names
 * split over neighbouring nodes by inline markup ("<b>TCA</b> <i>CROSS</i>"): the texts are
 * scanned joined, and a match marks every text it overlaps.
 */
export function textsNamingTreatments(re: RegExp, texts: readonly string[]): number[] {
  const starts = new Array<number>(texts.length);
  let at = 0;
  texts.forEach((t, i) => { starts[i] = at; at += t.length; });
  const indexAt = (pos: number): number => {
    let lo = 0, hi = texts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= pos) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const hits = new Set<number>();
  const single = new RegExp(re.source, re.flags.replace('g', ''));
  texts.forEach((t, i) => { if (single.test(t)) hits.add(i); });
  // Joined without separators, neighbours can also glue words together ("member_9" + "Fraxel"):
  // that pass only adds names that span several texts.
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (const m of texts.join('').matchAll(global)) {
    const first = indexAt(m.index);
    const last = indexAt(m.index + Math.max(0, m[0].length - 1));
    if (last > first) for (let i = first; i <= last; i++) hits.add(i);
  }
  return [...hits].sort((a, b) => a - b);
}
