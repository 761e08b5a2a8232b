import { defineConfig } from 'vitest/config';

/**
 * Vitest configuration for the lemmas' mutation run (`npm run mutation:lemmas`): the lemma
 * suites only, so each mutant of src/lemmas reruns just the lemma properties that reach it.
 */
export default defineConfig({
  test: {
    include: ['properties/lemmas/**/*.test.ts'],
    setupFiles: ['properties/_setup/fast-check-seed.ts', 'properties/_setup/matchers.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
