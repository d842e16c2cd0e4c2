/**
 * Anchoring: offsets into the extracted text → DOM boundary points → ranges.
 *
 * The "\n" separators that extraction inserts at block boundaries belong to no Text node, so a
 * start offset on a separator moves forward to the next character and an end offset moves back
 * to just after the previous one. Ranges therefore always start and end inside text.
 */
import type { ExtractedText, TextRun } from './extract';

export interface BoundaryPoint {
  node: Text;
  offset: number;
}

export interface TextBoundaries {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

/** Index of the last run whose start is <= index, or -1. Binary search: runs are sorted. */
function runIndexAt(runs: TextRun[], index: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.start <= index) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** The DOM point where the character at `index` starts (moving forward over separators). */
export function startPoint(ext: ExtractedText, index: number): BoundaryPoint | null {
  const i = runIndexAt(ext.runs, index);
  const run = ext.runs[i];
  if (run && index < run.start + run.length) return { node: run.node, offset: run.offset + (index - run.start) };
  const next = ext.runs[i + 1];
  return next ? { node: next.node, offset: next.offset } : null;
}

/** The DOM point just after the character at `end - 1` (moving back over separators). */
export function endPoint(ext: ExtractedText, end: number): BoundaryPoint | null {
  if (end <= 0) return null;
  const i = runIndexAt(ext.runs, end - 1);
  const run = ext.runs[i];
  if (!run) return null;
  const inRun = Math.min(end - run.start, run.length);
  return { node: run.node, offset: run.offset + inRun };
}

/** Boundary points for the extracted-text span [start, end), or null when it holds no page text. */
export function boundariesFor(ext: ExtractedText, start: number, end: number): TextBoundaries | null {
  if (!(start < end)) return null;
  const s = startPoint(ext, start);
  const e = endPoint(ext, end);
  if (!s || !e) return null;
  // A span made only of separators resolves to an end before its start.
  const a = runIndexAt(ext.runs, start);
  const b = runIndexAt(ext.runs, end - 1);
  const sRun = a >= 0 && start < ext.runs[a]!.start + ext.runs[a]!.length ? a : a + 1;
  if (sRun > b) return null;
  return { startContainer: s.node, startOffset: s.offset, endContainer: e.node, endOffset: e.offset };
}

/** A live Range over the boundaries (for measuring: getClientRects, scrollIntoView). */
export function toRange(b: TextBoundaries): Range {
  const range = b.startContainer.ownerDocument.createRange();
  range.setStart(b.startContainer, b.startOffset);
  range.setEnd(b.endContainer, b.endOffset);
  return range;
}

/**
 * A StaticRange over the boundaries (cheap to keep for painting: the DOM need not update it on
 * every mutation). Falls back to a live Range where StaticRange is missing.
 */
export function toStaticRange(b: TextBoundaries): AbstractRange {
  const Ctor = (globalThis as { StaticRange?: typeof StaticRange }).StaticRange;
  return Ctor ? new Ctor(b) : toRange(b);
}

/** The page text covered by boundaries, read back from the DOM (tests and sanity checks). */
export function textOf(b: TextBoundaries): string {
  return toRange(b).toString();
}
