import { defineConfig } from 'vitest/config';

/**
 * Vitest configuration for the kernel's mutation gate (`npm run mutation:kernel`, run by CI):
 * the kernel's own properties only (they build their genuine certificates themselves).
 */
export default defineConfig({
  test: {
    include: ['properties/kernel/**/*.test.ts'],
    setupFiles: ['properties/_setup/fast-check-seed.ts', 'properties/_setup/matchers.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
