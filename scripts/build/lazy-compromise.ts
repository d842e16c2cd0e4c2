import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULE = path.join(ROOT, 'lib/detect/compromise.ts');

/**
 * Builds lib/detect/compromise.ts as compromise bundled inside a function that runs on the first
 * call. A bundler evaluates every static import when the script starts, and a service worker may
 * not import() later; evaluating compromise (building its lexicon and models) is ~190 ms of the
 * ~200 ms it takes the background to wake, and most answers need no parse. The code is the
 * package's own, unchanged: only when it runs moves. `entry`: the package (tests give another).
 */
export function lazyCompromise(entry = 'compromise'): Plugin {
  return {
    name: 'scarcheck:lazy-compromise',
    enforce: 'pre',
    async load(id) {
      if (path.resolve(id.split('?')[0]!) !== MODULE) return null;
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
      const code = out.outputFiles[0]!.text;
      return [
        'let nlp;',
        'export function loadCompromise() {',
        '  if (!nlp) nlp = (() => {',
        code,
        '    return __compromise.default;',
        '  })();',
        '  return nlp;',
        '}',
      ].join('\n');
    },
  };
}
