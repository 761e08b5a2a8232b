import { defineConfig } from 'vitest/config';

/**
 * Vitest configuration for the mutation run of construction D's code (`npm run mutation:subset`,
 * part of `npm run mutation`): the construction, its width, the universal decision and the subset
 * kernel (src/kernel/subset.ts, whose suites build certificates and so take too long for CI's
 * kernel gate), against their own suites.
 */
export default defineConfig({
  test: {
    include: [
      'properties/constructions/subset-*.test.ts',
      'properties/existence/universal.test.ts',
      'properties/kernel/subset*.test.ts',
      'properties/kernel/reject-detail.test.ts',
    ],
    setupFiles: ['properties/_setup/fast-check-seed.ts', 'properties/_setup/matchers.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
