// `npm run scan -- [--json] [FILE|-]`: the detector on a .txt or .html file, stdin, or the bundled sample.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetector } from '../detect';
import { KnowledgeError } from '../knowledge/compile';
import { loadKnowledge } from '../knowledge/load-node';
import { readInput, InputError } from './input';
import { toJsonReport, toTextReport } from './report';

const USAGE = 'usage: npm run scan -- [--json] [FILE|-]   (FILE: .txt or .html; - reads stdin; none: a bundled sample thread)';
const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample-thread.txt');

/** Exit codes: 0 done, 1 internal or knowledge-base error, 2 bad usage or unreadable input. */
function main(argv: string[]): number {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  if (rest.some((a) => a === '--help' || a === '-h')) { console.log(USAGE); return 0; }
  const unknown = rest.find((a) => a.startsWith('--'));
  if (unknown || rest.length > 1) { console.error(`scan: ${unknown ? `unknown option ${unknown}` : 'give at most one file'}\n${USAGE}`); return 2; }
  const target = rest[0] ?? SAMPLE;
  let input;
  try { input = readInput(target); } catch (e) {
    if (e instanceof InputError) { console.error(`scan: ${e.message}`); return 2; }
    throw e;
  }
  const kb = loadKnowledge();
  const claims = createDetector(kb).detect(input.text);
  const label = rest[0] === undefined ? 'bundled sample forum thread' : target === '-' ? 'standard input' : target;
  console.log(json ? JSON.stringify(toJsonReport(claims)) : toTextReport(claims, kb, label));
  return 0;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof KnowledgeError ? e.message : `scan: internal error: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
}
