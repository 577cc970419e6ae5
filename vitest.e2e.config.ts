import { defineConfig } from 'vitest/config';

// Browser journeys: one server (fresh database, demo data) for the run, real Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    env: { TZ: 'UTC' },
  },
});
