import { defineConfig } from 'vitest/config';

const integrationFiles = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: [...integrationFiles, '**/node_modules/**'] } },
      { test: { name: 'integration', include: integrationFiles, env: { TEST_DB: 'sqlite' }, testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'integration-pg',
          include: integrationFiles,
          env: { TEST_DB: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own schema; a few at a time keep the server's connection count modest.
          maxWorkers: 2,
        },
      },
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
