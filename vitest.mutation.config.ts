import { defineConfig } from 'vitest/config';

/**
 * Vitest configuration for mutation runs (`npm run mutation`): only the suites that exercise
 * src/kernel, src/constructions and src/lemmas, so Stryker's dry run and mutant runs stay short.
 */
export default defineConfig({
  test: {
    include: ['properties/kernel/**/*.test.ts', 'properties/constructions/**/*.test.ts', 'properties/lemmas/**/*.test.ts'],
    setupFiles: ['properties/_setup/fast-check-seed.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
