import { defineConfig } from 'vitest/config';
import { SUBSET_MUTATION_PARTS } from './scripts/mutation-subset-parts.js';

/**
 * Vitest configuration for the mutation run of construction D's code (`npm run mutation:subset`,
 * scripts/mutation-subset.ts): the suites of the part named by SLTH_MUTATION_PART
 * (scripts/mutation-subset-parts.ts), or of every part when it is unset.
 */
const part = process.env['SLTH_MUTATION_PART'];
const parts = SUBSET_MUTATION_PARTS.filter((p) => part === undefined || p.name === part);
if (parts.length === 0) throw new Error(`SLTH_MUTATION_PART: unknown part '${part}'`);

export default defineConfig({
  test: {
    include: [...new Set(parts.flatMap((p) => p.tests))],
    setupFiles: ['properties/_setup/fast-check-seed.ts', 'properties/_setup/matchers.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
