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

export function hasTreatmentVocabulary(re: RegExp, text: string): boolean {
  return re.test(text);
}
