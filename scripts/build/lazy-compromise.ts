import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULE = '/lib/detect/compromise.ts';
/** A module id as a path with forward slashes and no query (ids differ by platform and plugin). */
const plain = (id: string) => id.split('?')[0]!.replaceAll('\\', '/');

/**
 * Builds lib/detect/compromise.ts as compromise bundled inside a function that runs on the first
 * call. A bundler evaluates every static import when the script starts, and a service worker may
 * not import() later; evaluating compromise (building its lexicon and models) is ~190 ms of the
 * ~200 ms it takes the background to wake, and most answers need no parse. The code is the
 * package's own, unchanged: only when it runs moves. `entry`: the package (tests give another).
 * A build that bundles the package some other way fails, naming the module.
 */
export function lazyCompromise(entry = 'compromise'): Plugin {
  return {
    name: 'scarcheck:lazy-compromise',
    enforce: 'pre',
    async load(id) {
      if (!plain(id).endsWith(MODULE)) return null;
      const out = await build({
        stdin: { contents: `export { default } from ${JSON.stringify(entry)};`, resolveDir: ROOT, loader: 'js' },
        bundle: true,
        format: 'iife',
        globalName: '__compromise',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      });
      // Plain JavaScript under a .ts id: Vite's TypeScript step passes it through unchanged.
      return [
        'let nlp;',
        'export function loadCompromise() {',
        '  if (!nlp) nlp = (() => {',
        out.outputFiles[0]!.text,
        '    return __compromise.default;',
        '  })();',
        '  return nlp;',
        '}',
      ].join('\n');
    },
    buildEnd(error) {
      if (error || typeof this.getModuleIds !== 'function') return;
      const eager = [...this.getModuleIds()].find((id) => plain(id).includes(`/node_modules/${entry}/`));
      if (eager) this.error(`${eager} is bundled as a module of its own: it would be evaluated when the script starts (see scripts/build/lazy-compromise.ts)`);
    },
  };
}
