import { defineConfig } from 'vitest/config';

// Unit and API tests. One fresh database per test file (see apps/server/test/harness.ts);
// at most two workers on these 2-core machines.
export default defineConfig({
  test: {
    include: ['apps/**/*.test.ts', 'packages/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    // On PostgreSQL: overlapping queries on one connection (a transaction) fail the test.
    setupFiles: ['apps/server/test/one-query-at-a-time.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
