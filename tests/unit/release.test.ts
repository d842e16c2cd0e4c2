/**
 * Ship it: what the stores receive. Reads the build that `npm test` makes before vitest runs
 * (.output/chrome-mv3 and .output/firefox-mv2, the same trees `npm run zip` packs).
 * - the Firefox build passes `web-ext lint` with no errors (warnings are printed);
 * - both manifests declare the icons at every size the stores ask for, and each is a PNG of that size;
 * - the store texts exist and fit the stores' limits, and the privacy statement and the README
 *   name exactly the permissions the manifests request.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_FILE } from '../../lib/page/frames';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILDS = { chrome: path.join(ROOT, '.output/chrome-mv3'), firefox: path.join(ROOT, '.output/firefox-mv2') };
const ICON_SIZES = [16, 32, 48, 96, 128];
const STORE = path.join(ROOT, 'docs/store');

interface Manifest {
  description?: string;
  default_locale?: string;
  icons?: Record<string, string>;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: Array<{ matches?: string[] }>;
}

function manifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`no build at ${dir}: run \`npm run build\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A manifest string with __MSG_x__ resolved from the build's default locale. */
function resolved(dir: string, value: string): string {
  const m = /^__MSG_(\w+)__$/.exec(value);
  if (!m) return value;
  const locale = manifest(dir).default_locale ?? 'en';
  const messages = JSON.parse(fs.readFileSync(path.join(dir, '_locales', locale, 'messages.json'), 'utf8'));
  return messages[m[1]!]?.message ?? value;
}

/** Every permission and match pattern a manifest asks for. */
function requested(m: Manifest): string[] {
  return [...new Set([
    ...(m.permissions ?? []), ...(m.host_permissions ?? []), ...(m.optional_permissions ?? []),
    ...(m.content_scripts ?? []).flatMap((c) => c.matches ?? []),
  ])].sort();
}

/** The `code` names in the first column of the table under a "## Permissions" heading. */
function documentedPermissions(markdown: string): string[] {
  const section = /^## Permissions\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1] ?? '';
  const names = section.split('\n')
    .filter((l) => /^\|/.test(l) && !/^\|\s*-/.test(l))
    .slice(1) // the header row
    .flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  return [...new Set(names)].sort();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the Firefox package', () => {
  it('passes web-ext lint with no errors', () => {
    const res = spawnSync(path.join(ROOT, 'node_modules/.bin/web-ext'), [
      'lint', '--source-dir', BUILDS.firefox, '--output', 'json', '--no-config-discovery',
    ], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const json = res.stdout.slice(res.stdout.indexOf('{'));
    const report = JSON.parse(json) as { summary: Record<string, number>; errors: Array<Record<string, string>>; warnings: Array<Record<string, string>> };
    for (const w of report.warnings) console.log(`web-ext lint warning ${w.code} ${w.file ?? ''}: ${w.message}`);
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 150_000);
});

describe.each(Object.entries(BUILDS))('the %s build', (_name, dir) => {
  it('asks for exactly storage, activeTab and scripting, and no host permissions', () => {
    // activeTab + scripting read the page's same-origin embedded frames when the reader asks in
    // the popup (README "Permissions"); any new permission must be added here deliberately.
    const m = manifest(dir);
    expect([...(m.permissions ?? [])].sort()).toEqual(['activeTab', 'scripting', 'storage']);
    expect(m.host_permissions ?? []).toEqual([]);
    expect(m.optional_permissions ?? []).toEqual([]);
    expect((m.permissions ?? []).filter((p) => p.includes('://') || p === '<all_urls>')).toEqual([]);
  });

  it('has the content script file the background injects into frames, as the manifest\'s own top-frame script', () => {
    const js = (m: Manifest) => (m.content_scripts ?? []) as Array<{ js?: string[]; all_frames?: boolean }>;
    const file = CONTENT_SCRIPT_FILE.replace(/^\//, '');
    expect(fs.existsSync(path.join(dir, file))).toBe(true);
    const entry = js(manifest(dir)).find((c) => c.js?.includes(file));
    expect(entry, `${file} is a manifest content script`).toBeDefined();
    // Frames are read only on request: the manifest never runs it in every frame.
    expect(entry!.all_frames ?? false).toBe(false);
  });

  it('declares an icon at every size the stores ask for, each a PNG of that size', () => {
    const icons = manifest(dir).icons ?? {};
    expect(Object.keys(icons).map(Number).sort((a, b) => a - b)).toEqual(ICON_SIZES);
    for (const size of ICON_SIZES) expect(pngSize(path.join(dir, icons[String(size)]!)), `${size}px icon`).toEqual({ width: size, height: size });
  });
});

describe('store texts', () => {
  it('have a short description within 132 characters, the same as the manifest description', () => {
    const short = fs.readFileSync(path.join(STORE, 'short-description.txt'), 'utf8').trim();
    expect(short.length).toBeGreaterThan(20);
    expect(short.length).toBeLessThanOrEqual(132);
    expect(short).toBe(resolved(BUILDS.chrome, manifest(BUILDS.chrome).description ?? ''));
  });

  it('have a long description that points at the screenshots, icons and privacy statement', () => {
    const long = fs.readFileSync(path.join(STORE, 'description.md'), 'utf8');
    expect(long.length).toBeGreaterThan(800);
    expect(long.length).toBeLessThan(16_000);
    for (const ref of ['docs/screenshots/', 'public/icon/', 'privacy.md', 'Not medical advice'.toUpperCase()]) expect(long).toContain(ref);
  });

  it('say, in the privacy statement as in the README, that nothing leaves the machine', () => {
    const privacy = fs.readFileSync(path.join(STORE, 'privacy.md'), 'utf8');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const text of [privacy, readme]) {
      expect(text).toContain('ScarCheck makes no network requests.');
      expect(text).toMatch(/no analytics, no accounts and no remote\s+configuration/);
    }
  });

  it.each([['README.md', path.join(ROOT, 'README.md')], ['docs/store/privacy.md', path.join(STORE, 'privacy.md')]])(
    '%s lists exactly the permissions both manifests request',
    (_name, file) => {
      const documented = documentedPermissions(fs.readFileSync(file, 'utf8'));
      expect(documented.length).toBeGreaterThan(0);
      for (const dir of Object.values(BUILDS)) expect(documented).toEqual(requested(manifest(dir)));
    },
  );
});
