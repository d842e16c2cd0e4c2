import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from './input';
import { JsonReport } from './report';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SCAN = path.join(ROOT, 'lib/cli/scan.ts');
const run = (args: string[], input?: string) => spawnSync(TSX, [SCAN, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000 });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'scarcheck-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Peak memory of a scan: one node process (no tsx wrapper) that reports its own max RSS on exit.
const RSS_HOOK = path.join(tmp, 'report-rss.cjs');
writeFileSync(RSS_HOOK, "process.on('exit', () => require('fs').writeSync(2, '\\n[max-rss-kb] ' + process.resourceUsage().maxRSS + '\\n'));\n");

interface Measured { status: number | null; stdout: string; stderr: string; seconds: number; peakMB: number }

/** Runs the CLI in one node process and measures wall time and peak resident memory. */
function measure(args: string[], input?: string | Buffer): Measured {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ['--require', RSS_HOOK, '--import', 'tsx', SCAN, ...args], {
    cwd: ROOT, encoding: 'utf8', input, timeout: 120_000, maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const m = /\n\[max-rss-kb\] (\d+)\n/.exec(res.stderr);
  if (!m) throw new Error(`no memory report (status ${res.status}): ${res.stderr.slice(0, 2000)}`);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr.replace(m[0], ''), seconds, peakMB: Number(m[1]) / 1024 };
}

/** A file of `bytes` bytes of distinct forum lines, one in `every` of them a claim about a scar treatment. */
function bigText(file: string, bytes: number, every = 400): string {
  const filler = [
    'We walked along the river for an hour before lunch and talked about nothing much.',
    'The train was late again, so I read the paper on the platform for a while.',
    'My sister moved to a new flat last spring and we helped her paint it.',
  ];
  const claims = ['Lemon juice fades acne scars if you use it every night.', 'Subcision was the single best thing I did for my rolling scars.'];
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; ; i++) {
    const line = `${i % every === 0 ? claims[(i / every) % 2] : filler[i % 3]} (${i})\n`;
    if (n + line.length > bytes) { parts.push('.'.repeat(bytes - n)); break; }
    parts.push(line);
    n += line.length;
  }
  writeFileSync(file, parts.join(''));
  return file;
}

describe('scan --json', () => {
  it('prints exactly the claims contract, with text equal to the input slice', () => {
    const file = path.join(tmp, 'post.txt');
    const text = 'Fillers are permanent.\nI did three sessions of Fraxel. It completely removed my scars!';
    writeFileSync(file, text);
    const out = execFileSync(TSX, [SCAN, '--json', file], { cwd: ROOT, encoding: 'utf8' });
    const report = JsonReport.parse(JSON.parse(out));
    expect(report.claims.length).toBeGreaterThanOrEqual(2);
    for (const c of report.claims) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(Object.keys(c).sort()).toEqual(['end', 'note', 'sources', 'start', 'text', 'topic', 'treatment', 'verdict']);
      expect(c.sources.length).toBeGreaterThan(0);
    }
  });

  it('reads HTML as the page text the extension sees, ignoring scripts and styles', () => {
    const file = path.join(tmp, 'page.html');
    writeFileSync(file, '<html><head><style>p{color:red}</style></head><body><h1>Fillers for acne scars</h1><p>Fillers are <b>permanent</b>.</p><script>var x = "lemon juice fades scars";</script></body></html>');
    const report = JsonReport.parse(JSON.parse(execFileSync(TSX, [SCAN, '--json', file], { cwd: ROOT, encoding: 'utf8' })));
    expect(report.claims.map((c) => c.text)).toContain('Fillers are permanent.');
    expect(report.claims.some((c) => c.treatment === 'home-remedy')).toBe(false);
  });

  it('reads standard input with "-"', () => {
    const res = run(['--json', '-'], 'Vitamin E oil fades scars.');
    expect(res.status).toBe(0);
    expect(JsonReport.parse(JSON.parse(res.stdout)).claims[0]?.treatment).toBe('vitamin-e');
  });
});

describe('scan, human-readable', () => {
  it('reports the bundled sample thread by verdict, with notes and sources', () => {
    const res = run([]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/bundled sample forum thread/);
    expect(res.stdout).toMatch(/== (FALSE|MISLEADING)/);
    expect(res.stdout).toMatch(/https?:\/\//);
    expect(res.stdout).toMatch(/Not medical advice/);
  });

  it('says so when a text has no claims', () => {
    const none = run(['-'], 'We baked bread and walked the dog.');
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/No claims about scar treatments found/);
  });
});

describe('unreadable input: a clear message and exit code 2', () => {
  it.each([
    ['a missing file', () => path.join(tmp, 'nope.txt'), /no such file/],
    ['a directory', () => tmp, /is a directory/],
    ['a binary file', () => { const f = path.join(tmp, 'bin.txt'); writeFileSync(f, Buffer.from([0x89, 0x50, 0x00, 0x01])); return f; }, /binary/],
    ['invalid UTF-8', () => { const f = path.join(tmp, 'latin1.txt'); writeFileSync(f, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20])); return f; }, /not valid UTF-8/],
  ])('%s', (_name, make, message) => {
    const res = run(['--json', make()]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('rejects an unknown option with usage', () => {
    const res = run(['--frobnicate']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/usage/);
  });
});

describe('hard inputs: a clear message or a result, bounded time and memory', () => {
  it.each([['empty.txt'], ['empty.html']])('an empty file (%s) has no claims', (name) => {
    const file = path.join(tmp, name);
    writeFileSync(file, '');
    const json = run(['--json', file]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ claims: [] });
    const text = run([file]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/No claims about scar treatments found/);
  });

  it('a 50 MB text file is refused at once with the limit, without reading it into memory', () => {
    const file = bigText(path.join(tmp, 'big50.txt'), 50 * 1024 * 1024);
    const res = measure(['--json', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/big50\.txt is too large \(50\.0 MiB\); scan reads at most 10\.0 MiB of text/);
    expect(res.stdout).toBe('');
    expect(res.peakMB).toBeLessThan(400);
    expect(res.seconds).toBeLessThan(30);
  });

  it('50 MB on standard input is refused once the limit is passed', () => {
    const res = measure(['--json', '-'], Buffer.alloc(50 * 1024 * 1024, 'Fillers are permanent for acne scars. '));
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/standard input is too large/);
    expect(res.peakMB).toBeLessThan(500); // the test's 50 MB pipe buffer is not ours; the CLI holds at most 10 MiB + a chunk
  });

  it('a text just under the limit is scanned, with bounded memory', () => {
    const file = bigText(path.join(tmp, 'limit.txt'), LIMITS.textBytes - 1);
    const res = measure(['--json', file]);
    expect(res.status).toBe(0);
    const report = JsonReport.parse(JSON.parse(res.stdout));
    expect(report.claims.length).toBeGreaterThan(100);
    expect(res.peakMB).toBeLessThan(1000);
  }, 150_000);

  it('100,000 nested <div>s are read: the claim at the bottom is found, bounded memory, no crash', () => {
    const file = path.join(tmp, 'nested.html');
    writeFileSync(file, `<!doctype html><html><body>${'<div>'.repeat(100_000)}Lemon juice fades acne scars.${'</div>'.repeat(100_000)}</body></html>`);
    const res = measure(['--json', file]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(JsonReport.parse(JSON.parse(res.stdout)).claims.map((c) => c.text)).toEqual(['Lemon juice fades acne scars.']);
    expect(res.peakMB).toBeLessThan(1200);
  }, 150_000);

  it('HTML over the size limit is refused', () => {
    const file = path.join(tmp, 'big.html');
    writeFileSync(file, `<!doctype html><html><body>${'<p>Fillers are permanent for acne scars.</p>\n'.repeat(Math.ceil(LIMITS.htmlBytes / 40))}</body></html>`);
    const res = run(['--json', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/big\.html is too large \(4\.\d MiB\); scan reads at most 4\.0 MiB of HTML/);
  });

  it('HTML with more elements than the limit is refused', () => {
    const file = path.join(tmp, 'many.html');
    writeFileSync(file, `<!doctype html><html><body>${'<b>x</b>'.repeat(LIMITS.htmlTags + 10)}</body></html>`);
    const res = run(['--json', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/many\.html has too many elements \(120,01\d tags\); scan reads HTML with at most 120,000/);
  });

  it('a binary file with an .html name is refused as binary', () => {
    const file = path.join(tmp, 'image.html');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const res = run(['--json', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/looks like a binary file/);
  });
});
