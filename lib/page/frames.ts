/**
 * Embedded frames. ScarCheck's content script runs in the top frame only; the same-origin frames
 * of a page are read only when the reader asks from the popup (the background injects the content
 * script into them, lib/messages/schemas.ts "Embedded frames"). Cross-origin frames are never read.
 */

/** The content script's built file (the manifest's own), injected into frames on request. */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/** Where a content script finds itself: the top frame, a frame of the page's own origin, or neither. */
export type FrameRole = 'top' | 'frame' | null;

/** 'top', 'frame' (same origin as the top frame, which must be readable), or null (cross-origin: do nothing). */
export function frameRole(win: Window): FrameRole {
  if (win === win.top) return 'top';
  try {
    return win.top !== null && win.top.location.origin === win.location.origin && win.location.origin !== 'null' ? 'frame' : null;
  } catch {
    return null; // reading a cross-origin top's location throws
  }
}

/**
 * Marks ScarCheck as running in this frame's content-script world (the page cannot see it) and
 * says whether it already was: a second start must not happen (WXT's context would stop the first).
 */
export function claimRun(scope: object): boolean {
  const g = scope as { __scarcheck?: string };
  if (g.__scarcheck === 'running') return false;
  g.__scarcheck = 'running';
  return true;
}

/**
 * The probe the background runs in every frame it may access (scripting.executeScript with
 * `func`, in the content-script world) before injecting the content script: true for a subframe
 * of the top frame's origin where ScarCheck neither runs nor was already asked to run. It marks
 * the frame, so a second click injects nothing twice. Must stay self-contained (it is serialised).
 */
export function claimFrameForReading(): boolean {
  const g = globalThis as { __scarcheck?: string };
  if (window === window.top) return false;
  let same = false;
  try {
    same = window.top !== null && window.top.location.origin === location.origin && location.origin !== 'null';
  } catch {
    same = false;
  }
  if (!same || g.__scarcheck) return false;
  g.__scarcheck = 'claimed';
  return true;
}

const NO_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** True when the element holds some text a reader sees (scripts and styles aside). Stops at the first. */
function hasText(root: Element): boolean {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && NO_TEXT.has(n.parentElement.tagName)) continue;
    if (/\S/.test(n.nodeValue ?? '')) return true;
  }
  return false;
}

/**
 * The same-origin frames (<iframe>, <frame>, nested ones too) whose document this page can see,
 * that hold text and are loaded from an address (about:blank and srcdoc frames are left out: the
 * browser does not inject into them). Cross-origin frames have no contentDocument here.
 */
export function countReadableFrames(doc: Document, depth = 0): number {
  let n = 0;
  for (const el of doc.querySelectorAll('iframe, frame')) {
    let inner: Document | null = null;
    try {
      inner = (el as HTMLIFrameElement).contentDocument;
    } catch {
      inner = null;
    }
    if (!inner) continue;
    const protocol = inner.location?.protocol ?? '';
    if (!/^(https?|file):$/.test(protocol)) continue;
    if (inner.body && hasText(inner.body)) n++;
    if (depth < 4) n += countReadableFrames(inner, depth + 1);
  }
  return n;
}
