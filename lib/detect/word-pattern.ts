/**
 * Whole-word patterns over case-folded text: the vocabulary's names, cues and markers, and the
 * knowledge entries' patterns. A word is a run of letters and digits of any script, so "laser"
 * never fires inside "laserphoresis" nor "peel" inside "épeel".
 */

const EDGE_R = '(?![\\p{L}\\p{N}])';
/**
 * The regex itself only rules out an ASCII letter or digit before a match; `startsWord` checks
 * the rest. Node 20's V8 tests an ASCII class behind every position fast and a Unicode property
 * class slowly: `(?<![\p{L}\p{N}])` made the cue scan about three times slower there (the CLI,
 * the tests); Chromium 156's V8 runs both about as fast.
 */
const EDGE_L_ASCII = '(?<![a-z0-9])';
const EDGE_L_ASCII_ANY_CASE = '(?<![a-zA-Z0-9])';
const LETTER_OR_DIGIT_BEFORE = /[\p{L}\p{N}]$/u;

/** A pattern's literal letters lower-cased; escapes (\p{L}, \S, \B, \u00C9) are left as written. */
export function foldPattern(source: string): string {
  return source.replace(/\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|.)|[^\\]+/gsu, (m) => (m[0] === '\\' ? m : m.toLowerCase()));
}

/** The text lower-cased with its length kept, so offsets into it are offsets into the text. */
export function foldCase(text: string): string {
  const low = text.toLowerCase();
  if (low.length === text.length) return low;
  // A few letters grow when lower-cased ("İ" becomes "i" + a combining dot): those stay as written.
  let out = '';
  for (const ch of text) { const l = ch.toLowerCase(); out += l.length === ch.length ? l : ch; }
  return out;
}

/** The patterns as one folded alternation, without edges. */
export const alternation = (sources: readonly string[]) => `(?:${sources.map((s) => `(?:${foldPattern(s)})`).join('|')})`;

/** No letter or digit (of any script, astral ones included) ends right before `at`, as `(?<![\p{L}\p{N}])` tests it. */
export function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a));
  return !LETTER_OR_DIGIT_BEFORE.test(text.slice(Math.max(0, at - 2), at));
}

/** The index of the code point after the one at `at` (where to look again for a match that starts later). */
export const nextCodePoint = (text: string, at: number) => at + (text.codePointAt(at)! > 0xffff ? 2 : 1);

/**
 * Whole words matching any of the patterns. The patterns are lower-cased and match folded text
 * (see foldCase) without /i: V8 compiles a large /iu alternation about twice as slowly and runs it
 * about 1.5x slower, and these are compiled on a cold start and run on every sentence.
 */
export class WordPattern {
  /** Built on first use, like `sticky`: a cold background builds only the patterns its first page needs. */
  private re?: RegExp;
  /** The same alternation anchored at one position (the caller knows a word starts there). */
  private sticky?: RegExp;

  /** `anyCase`: for text that is not folded (the prefilter reads the page's text as it is). */
  constructor(private readonly sources: readonly string[], private readonly anyCase = false) {}

  /** The first match at or after `from`, as `(?<![\p{L}\p{N}])…(?![\p{L}\p{N}])` finds it. */
  next(text: string, from = 0): RegExpExecArray | null {
    const re = (this.re ??= new RegExp(`${this.anyCase ? EDGE_L_ASCII_ANY_CASE : EDGE_L_ASCII}${alternation(this.sources)}${EDGE_R}`, this.anyCase ? 'giu' : 'gu'));
    re.lastIndex = from;
    for (let m; (m = re.exec(text)); ) {
      if (startsWord(text, m.index)) return m;
      re.lastIndex = nextCodePoint(text, m.index);
    }
    return null;
  }

  test(text: string): boolean {
    return this.next(text) !== null;
  }

  /** Every match, each looked for after the end of the one before (as a global regex finds them). */
  all(text: string): Array<{ start: number; end: number }> {
    const out: Array<{ start: number; end: number }> = [];
    for (let at = 0, m; (m = this.next(text, at)); ) {
      const end = m.index + m[0].length;
      if (end === m.index) { at = nextCodePoint(text, m.index); continue; }
      out.push({ start: m.index, end });
      at = end;
    }
    return out;
  }

  /** The text with every match blanked out (spaces of the same length). */
  blank(text: string): string {
    let out = '';
    let at = 0;
    for (const { start, end } of this.all(text)) { out += text.slice(at, start) + ' '.repeat(end - start); at = end; }
    return at ? out + text.slice(at) : text;
  }

  /** The match starting exactly at `at`, where the caller already knows a word starts. */
  matchAt(text: string, at: number): string | null {
    const re = (this.sticky ??= new RegExp(`${alternation(this.sources)}${EDGE_R}`, this.anyCase ? 'iuy' : 'uy'));
    re.lastIndex = at;
    return re.exec(text)?.[0] ?? null;
  }
}
