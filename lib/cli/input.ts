import { readFileSync, statSync } from 'node:fs';
import { htmlToText } from './html';

export class InputError extends Error {}

export interface Input {
  /** The text the detector reads: the file itself for .txt, the page's extracted text for .html. */
  text: string;
  kind: 'text' | 'html';
}

const looksHtml = (name: string, text: string) => /\.x?html?$/iu.test(name) || /^\s*(?:<!doctype html|<html[\s>])/iu.test(text);

/** Reads a file (or "-" for stdin) as UTF-8, refusing what is not text. */
export function readInput(file: string): Input {
  let bytes: Buffer;
  try {
    if (file !== '-' && statSync(file).isDirectory()) throw new InputError(`${file} is a directory, not a file`);
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${(e as Error).message}`);
  }
  if (bytes.includes(0)) throw new InputError(`${file} looks like a binary file, not text or HTML`);
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
    throw new InputError(`${file} is not valid UTF-8 text`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return looksHtml(file, text) ? { text: htmlToText(text), kind: 'html' } : { text, kind: 'text' };
}
