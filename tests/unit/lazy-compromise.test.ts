/**
 * The extension's build gives the background compromise evaluated on first use, not when the
 * service worker wakes (scripts/build/lazy-compromise.ts). The module it builds must run the
 * package's code only when asked, once, and hand back the package itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import nlp from 'compromise';
import { lazyCompromise } from '../../scripts/build/lazy-compromise';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULE = path.join(ROOT, 'lib/detect/compromise.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scarcheck-lazy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What the build makes of lib/detect/compromise.ts, imported as a module. */
async function built(entry?: string): Promise<{ loadCompromise: () => unknown }> {
  const plugin = lazyCompromise(entry);
  const load = plugin.load as (id: string) => Promise<string | null>;
  const code = await load.call({}, MODULE);
  if (!code) throw new Error('the plugin left lib/detect/compromise.ts alone');
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

describe('the lazily evaluated compromise of the extension build', () => {
  it('runs the package code on the first call only, not when the script starts', async () => {
    const g = globalThis as { scarcheckFixtureRuns?: number };
    delete g.scarcheckFixtureRuns;
    const mod = await built('./tests/unit/fixtures/counts-its-evaluation.mjs');
    expect(g.scarcheckFixtureRuns).toBeUndefined();
    const first = mod.loadCompromise() as () => string;
    expect(g.scarcheckFixtureRuns).toBe(1);
    expect(first()).toBe('fixture');
    expect(mod.loadCompromise()).toBe(first);
    expect(g.scarcheckFixtureRuns).toBe(1);
  });

  it('is compromise: the same tags as the package for the sentences the detector asks about', async () => {
    const lazy = (await built()).loadCompromise() as typeof nlp;
    const sentences = [
      'Fillers may last a year or two.',
      'I had three sessions of microneedling last spring and my rolling scars improved.',
      'Does subcision work on boxcar scars?',
      'Keloid and hypertrophic scars.',
      "You'll need several sessions, and you can't skip sunscreen.",
    ];
    // Term ids are random per parse: compare everything else.
    const tagged = (doc: ReturnType<typeof nlp>) => JSON.stringify(doc.json(), (k, v) => (k === 'id' ? undefined : v));
    for (const s of sentences) expect(tagged(lazy(s))).toBe(tagged(nlp(s)));
  });

  it('knows the module by any spelling of its id, and leaves every other module to the bundler', async () => {
    const load = lazyCompromise('./tests/unit/fixtures/counts-its-evaluation.mjs').load as (id: string) => Promise<string | null>;
    for (const id of [`${MODULE}?v=1`, MODULE.replaceAll('/', '\\')]) expect(await load.call({}, id), id).toContain('loadCompromise');
    expect(await load.call({}, path.join(ROOT, 'lib/detect/nlp.ts'))).toBeNull();
  });

  it('fails a build that bundles the package as modules of its own (evaluated at start)', () => {
    const buildEnd = lazyCompromise().buildEnd as (this: unknown, error?: Error) => void;
    const context = (ids: string[]) => ({ getModuleIds: () => ids.values(), error: (message: string) => { throw new Error(message); } });
    expect(() => buildEnd.call(context([MODULE, path.join(ROOT, 'node_modules/compromise/src/three.js')]))).toThrow(/compromise\/src\/three\.js/);
    expect(() => buildEnd.call(context([MODULE, path.join(ROOT, 'lib/detect/nlp.ts')]))).not.toThrow();
  });
});
