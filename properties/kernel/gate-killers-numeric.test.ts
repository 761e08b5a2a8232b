/**
 * The kernel's own numerics, checked against exact values computed by hand: the dyadic norm path
 * (normUpperDyadic: its resolution guard, empty and negative entries, the largest row and column
 * sums, the 2^-2k scale), the rounding up of a non-dyadic term in the fixed-point sums of
 * normUpper and spectralAtMostOne (a sum that lands exactly on 1), and subsetStated: its argument
 * guards and the exact decision of k = ceil(C log2 x) when C log2 x is an integer or lies within
 * 2^-300 of one (so that the certified ln bracket straddles the integer), with the large-constant
 * fallbacks at their boundaries (p = 10^4, k q = 10^6). Every pool is also compared with the
 * producer's statedWidth (src/theory/stated-width.ts), an independent implementation.
 *
 * Written to kill the mutants that the kernel's mutation gate (stryker.kernel.config.json) left
 * alive in src/kernel/norms.ts and src/kernel/stated.ts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BeyondCap,
  FIXED_BITS,
  normUpper,
  normUpperDyadic,
  psdBudget,
  spectralAtMostOne,
} from '../../src/kernel/norms.js';
import { subsetStated } from '../../src/kernel/stated.js';
import { Rational } from '../../src/numeric/rational.js';
import { statedWidth } from '../../src/theory/stated-width.js';

const two = (e: number): Rational => Rational.dyadic(1n, e);

describe('normUpperDyadic', () => {
  test('the doc example: (3/8, 4/8) has norm 5/8', () => {
    expect(normUpperDyadic([[3n, 4n]], 3)).toEqualRational('5/8');
  });

  test('negative entries count by their absolute value in the row and column sums', () => {
    // ||(-3, 4)||_F = 5 < sqrt(||.||_1 ||.||_inf) = sqrt(7 * 4)
    expect(normUpperDyadic([[-3n, 4n]], 0)).toEqualRational(5);
    // a column: rows 3 and 4, column sum 7 -> sqrt(28) against ||.||_F = 5
    expect(normUpperDyadic([[-3n], [-4n]], 0)).toEqualRational(5);
    // diag(-2, -2): ||.||_F = sqrt(8), rows and columns sum to 2 -> 2
    expect(
      normUpperDyadic(
        [
          [-2n, 0n],
          [0n, -2n],
        ],
        0,
      ),
    ).toEqualRational(2);
  });

  test('the largest row and column sums, not the last ones, at scale 2^-2k', () => {
    // diag(4, 1) / 4: ||.||_F^2 = 17/16, ||.||_1 ||.||_inf = (4 * 4) / 16 = 1 -> exactly 1
    const m = [
      [4n, 0n],
      [0n, 1n],
    ];
    expect(normUpperDyadic(m, 2)).toEqualRational(1);
    expect(normUpperDyadic(m, 0)).toEqualRational(4);
    // the largest row is the first, the largest column the last
    expect(
      normUpperDyadic(
        [
          [0n, 4n],
          [1n, 0n],
        ],
        1,
      ),
    ).toEqualRational(2);
  });

  test('an empty matrix has norm 0', () => {
    expect(normUpperDyadic([], 5)).toEqualRational(0);
  });

  test('2k = FIXED_BITS is allowed, one more is refused with its message', () => {
    const k = FIXED_BITS / 2;
    const unit = 1n << BigInt(k); // entries of size 3 and 4, so that the norm lies on the 2^-128 grid
    expect(normUpperDyadic([[3n * unit, 4n * unit]], k)).toEqualRational(5);
    expect(normUpperDyadic([[1n]], k)).toEqualRational(two(-128)); // 2^-1088, rounded up to 128 bits
    expect(() => normUpperDyadic([[1n]], k + 1)).toThrow(
      new RangeError(`normUpperDyadic: 2^-${k + 1} is below the fixed-point resolution`),
    );
    expect(() => normUpperDyadic([[1n]], k + 1)).toThrow(RangeError);
  });

  test('equals normUpper on the same dyadic matrix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((rows) =>
          fc.tuple(
            fc.integer({ min: 1, max: 4 }).chain((cols) =>
              fc.array(fc.array(fc.bigInt({ min: -1000n, max: 1000n }), { minLength: cols, maxLength: cols }), {
                minLength: rows,
                maxLength: rows,
              }),
            ),
            fc.integer({ min: 0, max: 40 }),
          ),
        ),
        ([m, k]) => {
          const q = m.map((row) => row.map((x) => Rational.dyadic(x, -k)));
          expect(normUpperDyadic(m, k)).toEqualRational(normUpper(q));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the rounding up of a non-dyadic term in the fixed-point sums', () => {
  // x = 2^1924 / (2^4100 + 1): x 2^FIXED_BITS = 2^4100 / (2^4100 + 1), one unit below 1 rounded
  // up to exactly 1 unit; y = 1 - 2^-FIXED_BITS. The circulant [[x, y], [y, x]] has row and column
  // sums of exactly 1 in fixed point, ||.||_F^2 about 2, and ||.||_2 = x + y < 1.
  const x = Rational.of(1n << 1924n, (1n << 4100n) + 1n);
  const y = Rational.ONE.sub(two(-FIXED_BITS));
  const m = [
    [x, y],
    [y, x],
  ];

  test('the set-up: x 2^FIXED_BITS lies within 2^-4100 below 1', () => {
    const scaled = x.mul(Rational.dyadic(1n, FIXED_BITS));
    expect(scaled).toBeBelow(1);
    expect(Rational.ONE.sub(scaled)).toEqualRational(Rational.of(1n, (1n << 4100n) + 1n));
  });

  test('normUpper is exactly 1 (the row-column bound, the Frobenius one being about sqrt 2)', () => {
    expect(normUpper(m)).toEqualRational(1);
  });

  test('spectralAtMostOne decides it from the sums, without the exact test (which is beyond its cap)', () => {
    expect(spectralAtMostOne(m, psdBudget())).toBe(true);
    // one unit more in the sums would need the exact test, which refuses this denominator
    const over = [
      [x, y.add(two(-FIXED_BITS - 1))],
      [y.add(two(-FIXED_BITS - 1)), x],
    ];
    expect(() => spectralAtMostOne(over, psdBudget())).toThrow(BeyondCap);
  });
});

describe('subsetStated: guards', () => {
  const widths = [2, 3, 1];
  const C = Rational.of(32, 3);
  const tenth = Rational.of(1, 10);
  const deltaMin = Rational.of(1n, 10n ** 300n);

  test('eps: 10^6 has a stated width, anything above has none', () => {
    expect(subsetStated(widths, Rational.of(1_000_000), tenth, C)).not.toBeNull();
    expect(subsetStated(widths, Rational.of(1_000_001, 1), tenth, C)).toBeNull();
    expect(subsetStated(widths, Rational.of(1_000_000).add(two(-60)), tenth, C)).toBeNull();
  });

  test('delta: 1e-300 has a stated width, below it or at 1 none', () => {
    expect(subsetStated(widths, tenth, deltaMin, C)).not.toBeNull();
    expect(subsetStated(widths, tenth, Rational.of(1n, 10n ** 300n + 1n), C)).toBeNull();
    expect(subsetStated(widths, tenth, Rational.ONE, C)).toBeNull();
    expect(subsetStated(widths, tenth, Rational.of(3, 2), C)).toBeNull();
    expect(subsetStated(widths, tenth, Rational.of(999, 1000), C)).not.toBeNull();
  });

  test('C: zero or negative has none', () => {
    expect(subsetStated(widths, tenth, tenth, Rational.ZERO)).toBeNull();
    expect(subsetStated(widths, tenth, tenth, Rational.of(-1))).toBeNull();
    expect(subsetStated(widths, tenth, tenth, Rational.of(1, 1000))).toEqual({
      eta: expect.any(Rational) as unknown,
      pool: [1n, 1n],
    });
  });

  test('an eps so small that eta rounds to 0 has none', () => {
    expect(subsetStated(widths, Rational.of(1n, 10n ** 25n), tenth, C)).toBeNull();
    expect(subsetStated([1, 1], Rational.of(1n, 10n ** 30n), tenth, C)).toBeNull();
  });
});

describe('subsetStated: k = ceil(C log2 x) decided exactly', () => {
  const eps = Rational.of(1, 10);

  /** The pool of every layer, checked against the producer's statedWidth. */
  function pool(widths: readonly number[], delta: Rational, C: Rational): bigint {
    const mine = subsetStated(widths, eps, delta, C);
    expect(mine).not.toBeNull();
    const ref = statedWidth({ widths, eps, delta, construction: 'subset', luekerC: C });
    expect(mine?.eta).toEqualRational(ref.eta);
    expect(mine?.pool).toEqual(ref.pool);
    expect(new Set(mine?.pool).size).toBe(1);
    return (mine?.pool[0] ?? 0n) as bigint;
  }

  // widths 1,1 (N_w = 1) and delta = 2^-10 below eta (about 0.095): x = 2 / delta = 2^11
  test('C log2 x an integer: x^p = 2^(k q) keeps k', () => {
    expect(pool([1, 1], two(-10), Rational.of(3))).toBe(33n);
    expect(pool([1, 1], two(-10), Rational.of(1))).toBe(11n);
  });

  test('C = p/q with q > 1: the comparison uses 2^(k q)', () => {
    expect(pool([1, 1], two(-10), Rational.of(3, 11))).toBe(3n); // 3/11 * 11
    expect(pool([1, 1], two(-10), Rational.of(5, 11))).toBe(5n);
  });

  test('C log2 x within 2^-300 above an integer: k + 1', () => {
    // x = 2^11 (1 + 2^-300): delta = 2^290 / (2^300 + 1)
    const c = 1n << 300n;
    expect(pool([1, 1], Rational.of(1n << 290n, c + 1n), Rational.ONE)).toBe(12n);
    expect(pool([1, 1], Rational.of(1n << 290n, c + 1n), Rational.of(2))).toBe(23n);
  });

  test('C log2 x within 2^-300 below an integer (x not an integer): k', () => {
    // x = 2^311 / (2^300 + 1), just below 2^11: delta = (2^300 + 1) / 2^310
    const c = 1n << 300n;
    expect(pool([1, 1], Rational.of(c + 1n, 1n << 310n), Rational.ONE)).toBe(11n);
    expect(pool([1, 1], Rational.of(c + 1n, 1n << 310n), Rational.of(3))).toBe(33n);
  });

  test('p = 10^4 is still compared exactly, p = 10^4 + 1 gets the larger value (as the producer)', () => {
    expect(pool([1, 1], two(-10), Rational.of(10_000))).toBe(110_000n);
    expect(pool([1, 1], two(-10), Rational.of(10_001))).toBe(110_012n); // exactly 110011
  });

  // widths 4,2 (N_w = 8) and delta = 2^-996 (about 1.5e-300): x = 16 / delta = 2^1000
  test('k q = 10^6 is still compared exactly, above it the larger value (as the producer)', () => {
    const delta = two(-996);
    expect(pool([4, 2], delta, Rational.of(1000))).toBe(1_000_000n);
    expect(pool([4, 2], delta, Rational.of(1001))).toBe(1_001_001n); // exactly 1001000, k q = 1001000
    expect(pool([4, 2], delta, Rational.of(1001, 8))).toBe(125_126n); // exactly 125125, k q = 1001000
    expect(pool([4, 2], delta, Rational.of(999, 8))).toBe(124_875n); // k q = 999000: exact
  });

  test('agrees with the producer on random widths, eps, delta and C near integer C log2 x', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([1, 1], [1, 2], [2, 1], [2, 2], [4, 2], [1, 1, 1]),
        fc.integer({ min: 8, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(-1n, 0n, 1n),
        (widths, e, p, q, nudge) => {
          const c = 1n << 300n;
          const delta = two(-e).mul(Rational.of(c + nudge, c));
          const C = Rational.of(p, q);
          pool(widths, delta, C);
        },
      ),
      { numRuns: 40 },
    );
  });
});
