/**
 * The parts of construction D's mutation run (`npm run mutation:subset`): each mutates a few
 * source files against the suites that test them. Small parts keep Stryker's static mutants (code
 * run while a suite is loaded, which Stryker checks against every test of the run) cheap: against
 * all of construction D's suites at once, the run would take about 8 hours on 2 cores.
 *
 * @example
 * ```ts
 * SUBSET_MUTATION_PARTS.find((p) => p.name === 'width')?.mutate; // ['src/theory/subset-width.ts']
 * ```
 */
export interface MutationPart {
  readonly name: string;
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
}

/** The parts, in the order `npm run mutation:subset` runs them. */
export const SUBSET_MUTATION_PARTS: readonly MutationPart[] = [
  {
    name: 'width',
    mutate: ['src/theory/subset-width.ts'],
    tests: ['properties/constructions/subset-width.test.ts'],
  },
  {
    name: 'universal',
    mutate: ['src/existence/universal.ts'],
    tests: ['properties/existence/universal.test.ts'],
  },
  {
    name: 'search',
    mutate: ['src/constructions/subset-search.ts'],
    tests: ['properties/constructions/subset-search.test.ts'],
  },
  {
    name: 'construct',
    mutate: ['src/constructions/subset-construct.ts', 'src/constructions/subset-subnetwork.ts'],
    tests: [
      'properties/constructions/subset-construct.test.ts',
      'properties/constructions/subset-construct-parts.test.ts',
      'properties/certificate/stream.test.ts',
    ],
  },
  {
    name: 'certify',
    mutate: ['src/constructions/certify-subset.ts'],
    tests: [
      'properties/constructions/certify-subset.test.ts',
      'properties/kernel/subset-branches.test.ts',
      'properties/kernel/reject-detail.test.ts',
    ],
  },
  {
    name: 'kernel',
    mutate: ['src/kernel/subset.ts'],
    tests: [
      'properties/kernel/subset.test.ts',
      'properties/kernel/subset-branches.test.ts',
      'properties/kernel/reject-detail.test.ts',
    ],
  },
];
