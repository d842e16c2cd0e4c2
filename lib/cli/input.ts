import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { htmlToText } from './html';

export class InputError extends Error {}

/**
 * Limits that keep time and memory bounded (README "Command line"). A parsed HTML page costs
 * far more memory per byte than text (about 6-10 kB per element in the DOM), so HTML has a
 * lower byte limit and an element limit too; at these limits a scan peaks at about 1.2 GB.
 */
export const LIMITS = {
  /** Largest text input, in bytes. */
  textBytes: 10 * 1024 * 1024,
  /** Largest HTML input, in bytes. */
  htmlBytes: 4 * 1024 * 1024,
  /** Most start tags (elements) in an HTML input. */
  htmlTags: 120_000,
};

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const tooBig = (file: string, size: string, what: string, limit: string) =>
  new InputError(`${file} is too large (${size}); scan reads at most ${limit} of ${what}: split it into smaller files`);

export interface Input {
  /** The text the detector reads: the file itself for .txt, the page's extracted text for .html. */
  text: string;
  kind: 'text' | 'html';
}

const looksHtml = (name: string, text: string) => /\.x?html?$/iu.test(name) || /^\s*(?:<!doctype html|<html[\s>])/iu.test(text);

/** Reads at most `max` bytes of a file descriptor; returns null when there is more. */
function readUpTo(fd: number, max: number): Buffer | null {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 20);
  for (;;) {
    let n: number;
    try { n = readSync(fd, chunk, 0, chunk.length, null); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); continue; } // non-blocking stdin: wait
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > max) return null;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/** Number of start tags in an HTML string (an upper bound on its elements). */
function countTags(html: string): number {
  let n = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1) | 0x20; // lower-cased ASCII letter
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n;
}

/** Reads a file (or "-" for stdin) as UTF-8, refusing what is not text or is too large. */
export function readInput(file: string): Input {
  const htmlName = /\.x?html?$/iu.test(file);
  const max = htmlName ? LIMITS.htmlBytes : LIMITS.textBytes;
  let bytes: Buffer | null;
  let fd: number | undefined;
  try {
    if (file === '-') fd = 0;
    else {
      const st = statSync(file);
      if (st.isDirectory()) throw new InputError(`${file} is a directory, not a file`);
      if (st.isFile() && st.size > max) throw tooBig(file, mib(st.size), htmlName ? 'HTML' : 'text', mib(max));
      fd = openSync(file, 'r');
    }
    bytes = readUpTo(fd, max);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${(e as Error).message}`);
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd);
  }
  if (bytes === null) throw tooBig(file === '-' ? 'standard input' : file, `over ${mib(max)}`, htmlName ? 'HTML' : 'text', mib(max));
  if (bytes.includes(0)) throw new InputError(`${file} looks like a binary file, not text or HTML`);
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
    throw new InputError(`${file} is not valid UTF-8 text`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!looksHtml(file, text)) return { text, kind: 'text' };
  if (bytes.length > LIMITS.htmlBytes) throw tooBig(file, mib(bytes.length), 'HTML', mib(LIMITS.htmlBytes));
  const tags = countTags(text);
  if (tags > LIMITS.htmlTags) {
    throw new InputError(`${file} has too many elements (${tags.toLocaleString('en')} tags); scan reads HTML with at most ${LIMITS.htmlTags.toLocaleString('en')}`);
  }
  return { text: htmlToText(text), kind: 'html' };
}
