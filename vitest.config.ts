import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests (`*.test.ts`) and end-to-end tests (`*.e2e.ts`) that
// drive the production renderer build in Debian's Chromium and talk to a real server on 127.0.0.1.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
