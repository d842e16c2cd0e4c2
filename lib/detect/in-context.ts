import type { Detector } from './detector';
import type { Claim } from './types';

/**
 * Detects claims in `text` read after `context` (the text just before it on the page: the thread
 * title, the previous post), so "it" and headings still point where they should. Claims in the
 * context are not returned; offsets are into `text`.
 */
export function detectInContext(detector: Detector, context: string, text: string): Claim[] {
  if (!context) return detector.detect(text);
  const skip = context.length + 1;
  const out: Claim[] = [];
  for (const c of detector.detect(`${context}\n${text}`, skip)) {
    if (c.start < skip) continue;
    out.push({ ...c, start: c.start - skip, end: c.end - skip });
  }
  return out;
}
