import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    setupFiles: ['properties/_setup/fast-check-seed.ts', 'properties/_setup/matchers.ts'],
    globalSetup: ['properties/_setup/build.ts', 'properties/_setup/replay-db.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
