/**
 * Splits text into blocks (lines) and sentences, keeping UTF-16 offsets into the original text.
 * Our own splitter, not compromise's: we need exact offsets, and compromise's sentence pass is
 * quadratic on long texts (perf-baseline.md §2).
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index of the block (line) the sentence sits in. */
  block: number;
  /** A short line with no closing punctuation: a title or a section heading, never a claim. */
  heading: boolean;
  /** Ends with a question mark: never a claim, and the next lines may answer it. */
  asks: boolean;
  /** A list item ("- Mesotherapy."). */
  bullet: boolean;
  /** First sentence of its block. */
  first: boolean;
}

// A sentence ends at . ! ? ; : (and runs of them, closing quotes or brackets) followed by space and
// something that does not continue a sentence: lower-case after a period is an abbreviation ("chem. peel").
// Closing quotes, brackets and emoji ("consultation?🙂 The...") may sit between the mark and the space.
const BOUNDARY = /[.!?;…]+["'”’)\]\p{Extended_Pictographic}\u{FE0F}\u{200D}]*(?=\s+(?![a-z(]))|[.!?…]+["'”’)\]\p{Extended_Pictographic}\u{FE0F}\u{200D}]*(?=\s+[a-z])(?<=[!?…]["'”’)\]\p{Extended_Pictographic}\u{FE0F}\u{200D}]*)/gu;
const ABBREVIATION = /(?:^|[^\p{L}])(?:no|nr|dr|mr|mrs|ms|vs|approx|e\.g|i\.e|fig|st)\.$/iu;
const BULLET = /^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s+/u;
const MAX_SENTENCE = 600;

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function segment(text: string): Sentence[] {
  const out: Sentence[] = [];
  let block = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim()) {
      const bullet = BULLET.test(line);
      const pieces = splitLine(line);
      const heading = pieces.length === 1 && !bullet && isHeadingLine(line);
      pieces.forEach(([s, e], i) => {
        const raw = line.slice(s, e);
        const lead = raw.length - raw.trimStart().length;
        const trail = raw.length - raw.trimEnd().length;
        const start = lineStart + s + lead;
        const end = lineStart + e - trail;
        const sentence = text.slice(start, end);
        if (end > start) out.push({ start, end, text: sentence, block, heading, asks: /\?["'”’)\]]*$/u.test(sentence), bullet: bullet && i === 0, first: i === 0 });
      });
      block++;
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

function isHeadingLine(line: string): boolean {
  // A quoted line of a forum reply ("> it wore off in 4 months") is the quoted post's text, not a title.
  if (/^\s*>/u.test(line)) return false;
  const t = line.trim();
  if (/[.!;,…]["'”’)\]]*$/u.test(t) || wordCount(t) > 14) return false;
  // Forum posts often end without punctuation; a line that starts in lower case is a post, not a
  // title ("but honestly my boxcars are 60% better now").
  return !/^["'“‘(]?\p{Ll}/u.test(t);
}

function splitLine(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m; (m = BOUNDARY.exec(line)); ) {
    const cut = m.index + m[0].length;
    if (ABBREVIATION.test(line.slice(Math.max(from, m.index - 8), m.index + 1))) continue;
    if (cut - from > 0) spans.push([from, cut]);
    from = cut;
  }
  if (from < line.length) spans.push([from, line.length]);
  // Run-on forum text with no punctuation: cut very long pieces at commas so a claim stays local.
  return spans.flatMap(([s, e]) => (e - s > MAX_SENTENCE ? splitLong(line, s, e) : [[s, e] as [number, number]]));
}

function splitLong(line: string, s: number, e: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = s;
  while (e - from > MAX_SENTENCE) {
    const window = line.slice(from, from + MAX_SENTENCE);
    const comma = Math.max(window.lastIndexOf(', '), window.lastIndexOf(' - '));
    const cut = comma > 100 ? from + comma + 1 : from + (window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') : MAX_SENTENCE);
    out.push([from, cut]);
    from = cut;
  }
  out.push([from, e]);
  return out;
}
