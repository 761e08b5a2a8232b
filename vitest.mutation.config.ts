import { defineConfig } from 'vitest/config';

/**
 * Vitest configuration for the constructions' mutation run (`npm run mutation:constructions`,
 * part of `npm run mutation`): the kernel, construction and lemma suites, every suite that
 * exercises src/constructions, and nothing else, so Stryker's dry run stays short.
 */
export default defineConfig({
  test: {
    include: [
      'properties/kernel/**/*.test.ts',
      'properties/constructions/**/*.test.ts',
      'properties/lemmas/**/*.test.ts',
    ],
    setupFiles: ['properties/_setup/fast-check-seed.ts', 'properties/_setup/matchers.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
