/**
 * When the wall-clock budget ends (here: a budget of 0 ms, so it ends at once), the result is
 * still a certified bracket, says so, and holds: it contains exact samples and, for d = 2, the
 * exact sup of the sweep it gave up. (How closely the budget is kept is measured in
 * `npm run bench:error`, never asserted in a timed test.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratioSquared } from '../../src/error/difference.js';
import { supError } from '../../src/error/sup-error.js';
import { compareSurdRational } from '../../src/numeric/surd.js';
import type { Network } from '../../src/network/network.js';
import type { Rational } from '../../src/numeric/rational.js';
import { directionArb, networkArb } from './arbitraries.js';

const shape = { minHiddenLayers: 1, maxHiddenLayers: 2, maxWidth: 4 };
const pair = (d: number, out: number): fc.Arbitrary<[Network, Network]> =>
  fc.tuple(networkArb(d, out, shape), networkArb(d, out, shape));

describe('a budget that ends at once', () => {
  it('d >= 3: a certified bracket (large-pair bounds and a certified lower bound) around exact samples', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 3, max: 5 }), fc.integer({ min: 1, max: 2 }))
          .chain(([d, o]) => fc.tuple(pair(d, o), fc.array(directionArb(d), { minLength: 1, maxLength: 8 }))),
        ([[a, b], dirs]) => {
          const r = supError(a, b, { budgetMs: 0, seed: 'b0' });
          expect(r.exact).toBe(false);
          expect(r.stopReason).toBe('budget-ms');
          expect(r.lower.le(r.upper)).toBe(true);
          // the witness value is exact, or a certified lower bound of the exact value
          const at = ratioSquared(a, b, r.witness as Rational[]);
          if (r.witnessExact === false) expect(r.witnessSquared.le(at)).toBe(true);
          else expect(r.witnessSquared.eq(at)).toBe(true);
          for (const x of dirs) expect(ratioSquared(a, b, x).le(r.upperSquared)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('d = 2: the sweep gives up and the bracket contains its exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }).chain((o) => pair(2, o)),
        ([a, b]) => {
          const exact = supError(a, b).supSquaredSurd;
          if (!exact) throw new Error('missing exact value');
          const r = supError(a, b, { budgetMs: 0, seed: 'b0' });
          expect(r.method).toBe('bracket-branch-and-bound');
          expect(compareSurdRational(exact, r.upperSquared)).toBeLessThanOrEqual(0);
          expect(compareSurdRational(exact, r.witnessSquared)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
