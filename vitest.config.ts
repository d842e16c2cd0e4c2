import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Two projects: fast unit tests run in parallel; real-browser tests share one machine's
// Chromium, so they run one file at a time.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'tests/unit/**/*.test.ts'],
          environment: 'node',
          // UI strings come from _locales through browser.i18n, which unit tests lack.
          setupFiles: ['lib/i18n/test-setup.ts'],
          // CLI tests start a tsx process each; on a busy 2-core machine that alone can pass 5 s.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
