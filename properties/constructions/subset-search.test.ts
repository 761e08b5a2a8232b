/**
 * The subset search of construction D against brute force: every half is the exact optimum (with
 * the canonical tie-break) for n <= 16, on G-like products and on crafted values whose sums tie in
 * float64 but not exactly; the growing-prefix search against the exact optimum; the exact error
 * recomputed from rationals; and two broken searches (no exact tie-break, a dropped half-list
 * entry) that the same properties must catch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { InputError } from '../../src/errors.js';
import { Cursor } from '../../src/random/scheme.js';
import {
  closestSubset,
  MAX_EXACT_VALUES,
  productSide,
  rationalSide,
  PREFIXES,
  searchSubset,
  type SearchOptions,
  type SideValues,
  type SubsetChoice,
} from '../../src/constructions/subset-search.js';

/** Brute force: every subset, exact integers, canonical order (distance, size, index list). */
function bruteForce(side: SideValues, n: number, w: Rational): { subset: number[]; dist: bigint } {
  const nums = Array.from({ length: n }, (_, t) => side.num(t));
  const target = w.num * side.den;
  let best: { subset: number[]; dist: bigint } | undefined;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let s = 0n;
    const subset: number[] = [];
    for (let t = 0; t < n; t++)
      if (Math.floor(mask / 2 ** t) % 2 === 1) {
        s += nums[t] as bigint;
        subset.push(t);
      }
    const d0 = s * w.den - target;
    const dist = d0 < 0n ? -d0 : d0;
    const wins =
      !best ||
      dist < best.dist ||
      (dist === best.dist &&
        (subset.length < best.subset.length || (subset.length === best.subset.length && lexLess(subset, best.subset))));
    if (wins) best = { subset, dist };
  }
  return best as { subset: number[]; dist: bigint };
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return (a[k] as number) < (b[k] as number);
  return false;
}

/** The exact error of a choice recomputed from rationals. */
function recomputed(values: readonly Rational[], c: SubsetChoice, w: Rational): Rational {
  return Rational.sum(c.subset.map((t) => values[t] as Rational))
    .sub(w)
    .abs();
}

/** The first n entries of column 0 of G layer 1 (u) and of row 0 of G layer 2 (v) for a seed. */
function gLines(seed: string, n: number): { u: number[]; v: number[] } {
  const cu = new Cursor(seed, 1, 0, 0);
  const cv = new Cursor(seed, 2, 0, 0);
  return { u: Array.from({ length: n }, () => cu.next()), v: Array.from({ length: n }, () => cv.next()) };
}

/** A G weight: a multiple of 2^-52 in (-1, 1). */
const gWeight = fc
  .tuple(fc.integer({ min: -(2 ** 26) + 1, max: 2 ** 26 - 1 }), fc.integer({ min: 0, max: 2 ** 26 - 1 }))
  .map(([hi, lo]) => (hi * 2 ** 26 + (hi < 0 ? -lo : lo)) / 2 ** 52);

const productCase = (maxN: number): fc.Arbitrary<{ u: number[]; v: number[]; w: Rational }> =>
  fc.integer({ min: 0, max: maxN }).chain((n) =>
    fc.record({
      u: fc.array(gWeight, { minLength: n, maxLength: n }),
      v: fc.array(gWeight, { minLength: n, maxLength: n }),
      w: fc.noBias(fc.integer({ min: -(2 ** 30), max: 2 ** 30 })).map((k) => Rational.of(k, 2 ** 30)),
    }),
  );

/** Values c_t + tiny_t with c_t on a coarse grid and tiny_t far below float resolution: float sums tie, exact ones do not. */
const crafted = (maxN: number): fc.Arbitrary<{ values: Rational[]; w: Rational }> =>
  fc.integer({ min: 2, max: maxN }).chain((n) =>
    fc
      .record({
        coarse: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: n, maxLength: n }),
        tiny: fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: n, maxLength: n }),
        pick: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        off: fc.integer({ min: -3000, max: 3000 }),
      })
      .map(({ coarse, tiny, pick, off }) => {
        const values = coarse.map((c, t) => Rational.of(c, 16).add(Rational.dyadic(BigInt(tiny[t] as number), -100)));
        const base = Rational.sum(values.filter((_, t) => pick[t]));
        return { values, w: base.add(Rational.dyadic(BigInt(off), -100)) };
      }),
  );

describe('closestSubset: the exact optimum with the canonical tie-break', () => {
  it('matches brute force on products of G weights (n <= 16), float and exact methods alike', () => {
    fc.assert(
      fc.property(productCase(16), ({ u, v, w }) => {
        const side = productSide(u, v);
        const ref = bruteForce(side, u.length, w);
        const values = u.map((a, t) => Rational.fromFloat(a).mul(Rational.fromFloat(v[t] as number)));
        for (const opts of [{}, { _forceExact: true }] as SearchOptions[]) {
          const c = closestSubset(side, w, opts);
          expect(c.subset).toEqual(ref.subset);
          expect(c.error.eq(Rational.of(ref.dist, side.den * w.den))).toBe(true);
          expect(c.error.eq(recomputed(values, c, w))).toBe(true);
          expect(c.sumNum).toBe(c.subset.reduce((s, t) => s + side.num(t), 0n));
          expect(c.optimal).toBe(true);
          expect(c.searched).toBe(u.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('matches brute force when float sums tie but exact sums differ (n <= 14)', () => {
    fc.assert(
      fc.property(crafted(14), ({ values, w }) => {
        const side = rationalSide(values);
        const ref = bruteForce(side, values.length, w);
        const c = closestSubset(side, w);
        expect(c.subset).toEqual(ref.subset);
        expect(c.error.eq(recomputed(values, c, w))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('handles exact zeros and repeated values (ties broken by size, then index list)', () => {
    const q = (s: string): Rational => Rational.parse(s);
    const side = rationalSide([q('0'), q('1/4'), q('1/4'), q('0'), q('1/2')]);
    expect(closestSubset(side, q('1/4')).subset).toEqual([1]);
    expect(closestSubset(side, q('1/2')).subset).toEqual([4]);
    expect(closestSubset(side, q('3/4')).subset).toEqual([1, 4]);
    expect(closestSubset(side, q('0')).subset).toEqual([]);
    expect(closestSubset(side, q('5')).subset).toEqual([1, 2, 4]);
  });

  it('solves 40 values (the exact range) and refuses 41', () => {
    const { u, v } = gLines('forty', 41);
    const side = productSide(u.slice(0, MAX_EXACT_VALUES), v.slice(0, MAX_EXACT_VALUES));
    const w = Rational.parse('0.123456789');
    const c = closestSubset(side, w);
    const values = u.slice(0, 40).map((a, t) => Rational.fromFloat(a).mul(Rational.fromFloat(v[t] as number)));
    expect(c.error.eq(recomputed(values, c, w))).toBe(true);
    expect(c.method).toBe('float');
    expect(closestSubset(side, w, { _forceExact: true }).subset).toEqual(c.subset);
    expect(() => closestSubset(productSide(u, v), Rational.ZERO)).toThrow(/beyond the limit/);
  });
});

describe('searchSubset beyond the exact range: growing prefixes', () => {
  it('returns the first prefix optimum within eta; optimal only when the whole side was searched', () => {
    fc.assert(
      fc.property(
        productCase(24).filter(({ u }) => u.length >= 17),
        fc.constantFrom('1/4', '1/64', '1/4096', '1e-9'),
        ({ u, v, w }, etaText) => {
          const eta = Rational.parse(etaText);
          const side = productSide(u, v);
          const n = u.length;
          const c = searchSubset(side, w, eta, { exactLimit: 12 });
          const whole = closestSubset(side, w);
          // the least prefix (16, 20, 24, capped at n) whose exact optimum is within eta, else the last
          const sizes = [...new Set(PREFIXES.map((p) => Math.min(p, n)))];
          const first = sizes.find((p) => closestSubset(side, w, { count: p }).error.le(eta)) ?? n;
          expect(c.searched).toBe(first);
          expect(c.subset).toEqual(closestSubset(side, w, { count: first }).subset);
          expect(c.optimal).toBe(first === n);
          if (first === n) expect(c.subset).toEqual(whole.subset);
          if (first === 16) {
            const ref = bruteForce(side, 16, w);
            expect(c.subset).toEqual(ref.subset);
          }
          // never better than the exact optimum of the whole side; exact error
          expect(c.error.ge(whole.error)).toBe(true);
          expect(c.subset.every((t) => t < c.searched)).toBe(true);
          const values = u.map((a, t) => Rational.fromFloat(a).mul(Rational.fromFloat(v[t] as number)));
          expect(c.error.eq(recomputed(values, c, w))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds a subset within eta whenever the first 40 values hold one, and says so when not', () => {
    const n = 60;
    const { u, v } = gLines('sixty', n);
    const side = productSide(u, v);
    const eta = Rational.parse('1e-6');
    const w = Rational.parse('0.3');
    const c = searchSubset(side, w, eta);
    expect(c.optimal).toBe(false);
    if (c.error.gt(eta)) {
      expect(c.searched).toBe(40);
      expect(c.error.eq(closestSubset(side, w, { count: 40 }).error)).toBe(true);
    } else expect(closestSubset(side, w, { count: c.searched }).subset).toEqual(c.subset);
    // an unreachable target: nothing within eta among 40 values, reported as such
    const far = searchSubset(side, Rational.of(1000), eta);
    expect(far.error.gt(eta)).toBe(true);
    expect(far.searched).toBe(40);
  });
});

describe('negative controls: broken searches are caught by the same properties', () => {
  it('a search without the exact tie-break picks a float-best pair that is not the exact optimum', () => {
    const r = fc.check(
      fc.property(crafted(14), ({ values, w }) => {
        const side = rationalSide(values);
        const c = closestSubset(side, w, { _skipTieBreak: true });
        return c.error.eq(Rational.of(bruteForce(side, values.length, w).dist, side.den * w.den));
      }),
      { numRuns: 300 },
    );
    expect(r.failed).toBe(true);
  });

  it('a search that drops the last half-list entry misses optima', () => {
    for (const forceExact of [false, true]) {
      const r = fc.check(
        fc.property(productCase(12), ({ u, v }) => {
          const side = productSide(u, v);
          // the target is the sum of every value: the last entries of both half lists
          const w = Rational.of(
            u.reduce((s, _, t) => s + side.num(t), 0n),
            side.den,
          );
          const c = closestSubset(side, w, { _dropLast: true, _forceExact: forceExact });
          return c.error.eq(Rational.of(bruteForce(side, u.length, w).dist, side.den * w.den));
        }),
        { numRuns: 100 },
      );
      expect(r.failed).toBe(true);
    }
  });
});

describe('what each choice reports, and what the search refuses', () => {
  it('the float search decides generic products itself, with the answer of the exact search and exact figures', () => {
    fc.assert(
      fc.property(
        productCase(16).filter(({ u }) => u.length >= 1),
        ({ u, v, w }) => {
          const side = productSide(u, v);
          const n = u.length;
          const c = closestSubset(side, w);
          const e = closestSubset(side, w, { _forceExact: true });
          expect(c.method).toBe('float');
          expect(e.method).toBe('exact');
          for (const x of [c, e]) {
            expect(x.optimal).toBe(true);
            expect(x.searched).toBe(n);
            expect(x.distDen).toBe(side.den * w.den);
            expect(x.sumNum).toBe(x.subset.reduce((s, t) => s + side.num(t), 0n));
            const d = x.sumNum * w.den - w.num * side.den;
            expect(x.distNum).toBe(d < 0n ? -d : d);
          }
          expect([c.subset, c.distNum]).toEqual([e.subset, e.distNum]);
          // the same through searchSubset inside the exact range, and with the float target given
          const s = searchSubset(side, w, Rational.ONE, { wFloat: w.toNumber() });
          expect([s.subset, s.optimal, s.searched, s.method]).toEqual([c.subset, true, n, 'float']);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('exact zeros are left out of the search but counted as searched', () => {
    const q = (s: string): Rational => Rational.parse(s);
    const side = rationalSide([q('0'), q('1/4'), q('0'), q('1/2'), q('0')]);
    for (const forceExact of [false, true]) {
      const c = closestSubset(side, q('3/4'), { _forceExact: forceExact });
      expect([c.subset, c.searched, c.optimal, c.method]).toEqual([[1, 3], 5, true, forceExact ? 'exact' : 'float']);
      expect(c.error).toEqualRational(0);
    }
    const none = closestSubset(rationalSide([q('0'), q('0')]), q('1/3'));
    expect([none.subset, none.searched]).toEqual([[], 2]);
    expect(none.error).toEqualRational('1/3');
  });

  it('exactLimit: sides up to the limit are solved whole, larger ones by prefixes (the limit is capped at 40)', () => {
    const { u, v } = gLines('limit', 41);
    const w = Rational.parse('0.2');
    const eta = Rational.ONE; // every prefix is within eta
    const side17 = productSide(u.slice(0, 17), v.slice(0, 17));
    expect(searchSubset(side17, w, eta, { exactLimit: 17 })).toMatchObject({ searched: 17, optimal: true });
    expect(searchSubset(side17, w, eta, { exactLimit: 16 })).toMatchObject({ searched: 16, optimal: false });
    expect(searchSubset(side17, w, eta)).toMatchObject({ searched: 17, optimal: true });
    const side41 = productSide(u, v);
    expect(searchSubset(side41, w, eta, { exactLimit: 1000 })).toMatchObject({ searched: 16, optimal: false });
    // a prefix reaching the whole side is optimal even when not within eta
    const side20 = productSide(u.slice(0, 20), v.slice(0, 20));
    const far = searchSubset(side20, Rational.of(50), Rational.parse('1e-9'), { exactLimit: 8 });
    expect([far.searched, far.optimal]).toEqual([20, true]);
    expect(far.error.gt(Rational.parse('1e-9'))).toBe(true);
  });

  it('refuses bad counts, sides beyond the exact range, non-positive denominators and degenerate ties', () => {
    const q = (s: string): Rational => Rational.parse(s);
    const side = rationalSide([q('1/4'), q('1/2')]);
    for (const count of [-1, 3, 1.5])
      expect(() => closestSubset(side, q('1'), { count })).toThrow(
        new RangeError(`closestSubset: count ${count} outside 0..2`),
      );
    expect(closestSubset(side, q('1'), { count: 0 }).subset).toEqual([]);
    expect(closestSubset(side, q('1'), { count: 2 }).subset).toEqual([0, 1]);
    const wide = rationalSide(Array.from({ length: 41 }, (_, t) => Rational.of(t + 1, 64)));
    expect(() => closestSubset(wide, q('1'))).toThrow(
      new InputError('exact subset search over 41 values is beyond the limit of 40'),
    );
    const badDen: SideValues = { float: Float64Array.of(0.5), num: () => 1n, den: 0n };
    expect(() => closestSubset(badDen, q('1'))).toThrow(
      new RangeError('closestSubset: the denominator must be positive'),
    );
    // 24 equal values and w = 6 x 1/2: C(24, 12) optimal subsets of the same size
    const equal = rationalSide(Array.from({ length: 24 }, () => q('1/2')));
    for (const forceExact of [false, true])
      expect(() => closestSubset(equal, q('6'), { _forceExact: forceExact })).toThrow(
        new InputError('more than 65536 exactly tied optimal subsets (degenerate values)'),
      );
  });

  it('productSide and rationalSide: exact numerators over one denominator, and what they refuse', () => {
    const s = productSide([0.5, -0.25], [0.5, 0.75]);
    expect(s.den).toBe(1n << 104n);
    expect([s.num(0), s.num(1)]).toEqual([1n << 102n, -(3n << 100n)]);
    expect(Array.from(s.float)).toEqual([0.25, -0.1875]);
    expect(() => productSide([0.5], [0.5, 0.5])).toThrow(new RangeError('productSide: u and v differ in length'));
    for (const [a, b] of [
      [1, 0.5],
      [0.5, -1],
      [2 ** -53, 0.5],
      [0.5, Number.NaN],
    ] as const)
      expect(() => productSide([a], [b])).toThrow(
        new RangeError(`ProductSides: ${a} or ${b} is not a G weight (a multiple of 2^-52 in (-1, 1))`),
      );
    const r = rationalSide([Rational.of(1, 3), Rational.of(-1, 5), Rational.of(1, 6)]);
    expect(r.den).toBe(30n);
    expect([r.num(0), r.num(1), r.num(2)]).toEqual([10n, -6n, 5n]);
    expect(Array.from(r.float)).toEqual([1 / 3, -1 / 5, 1 / 6]);
  });
});

describe('edges of the search: buffers, ties, degenerate sides, infinite floats, eta itself', () => {
  const q = (s: string): Rational => Rational.parse(s);

  it('sides longer than the initial buffers keep every value', () => {
    const { u, v } = gLines('long', 130);
    const side = productSide(u, v);
    expect(side.float.length).toBe(130);
    expect(side.float[129]).toBe((u[129] as number) * (v[129] as number));
    expect(side.num(129)).toBe(BigInt((u[129] as number) * 2 ** 52) * BigInt((v[129] as number) * 2 ** 52));
  });

  it('ties of equal distance and size go to the least index list, whatever the search', () => {
    const cases: [string[], string, number[]][] = [
      [['1/2', '1/4', '1/4'], '3/4', [0, 1]],
      [['1/4', '1/2', '1/4', '1/2'], '3/4', [0, 1]],
      [['1/8', '1/2', '1/4', '1/8', '1/4'], '5/8', [0, 1]],
      [['1/2', '1/8', '1/8', '1/4', '1/4'], '7/8', [0, 1, 3]],
      [['1/2', '1/2', '1/2'], '1', [0, 1]],
    ];
    for (const [values, w, subset] of cases)
      for (const forceExact of [false, true]) {
        const side = rationalSide(values.map(q));
        expect(closestSubset(side, q(w), { _forceExact: forceExact }).subset).toEqual(subset);
        expect(bruteForce(side, values.length, q(w)).subset).toEqual(subset);
      }
  });

  it('many equal values: the canonical optimum, decided by the exact search when the float one hands over', () => {
    const sixteen = rationalSide(Array.from({ length: 16 }, () => q('1/16')));
    const c = closestSubset(sixteen, q('1/2'));
    expect(c.subset).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(c.method).toBe('exact');
    expect(c.error).toEqualRational(0);
    const few = rationalSide(Array.from({ length: 6 }, () => q('1/16')));
    const d = closestSubset(few, q('1/8'));
    expect([d.subset, d.method]).toEqual([[0, 1], 'float']);
    // C(12, 6) = 924 tied pairs, fewer than MAX_CANDIDATES: the float search keeps them all and
    // decides (the optimal sums on the target, then below it: listed on either side of the crossing)
    const twelve = rationalSide(Array.from({ length: 12 }, () => q('1/16')));
    for (const above of ['0', '1/1073741824']) {
      const e = closestSubset(twelve, q('3/8').add(q(above)));
      expect([e.subset, e.method, e.error.toString()]).toEqual([[0, 1, 2, 3, 4, 5], 'float', above]);
    }
  });

  it('a float that underflows to 0 is not an exact zero, and a target beyond float range goes to the exact search', () => {
    const tiny = Rational.dyadic(1n, -1100);
    const side = rationalSide([tiny, q('1/2')]);
    expect(side.float[0]).toBe(0);
    for (const forceExact of [false, true]) {
      const c = closestSubset(side, tiny, { _forceExact: forceExact });
      expect(c.subset).toEqual([0]);
      expect(c.error).toEqualRational(0);
    }
    const huge = closestSubset(rationalSide([q('1/4'), q('-1/2')]), Rational.of(10n ** 400n));
    expect([huge.subset, huge.method]).toEqual([[0], 'exact']);
  });

  it('exact zeros are removed before the search: twenty of them do not make 2^20 tied optima', () => {
    // without the removal every subset of the zeros ties with the optimum: 2^20 > MAX_TIES
    const values = Array.from({ length: 21 }, (_, t) => (t === 13 ? q('1/2') : Rational.ZERO));
    for (const forceExact of [false, true]) {
      const c = closestSubset(rationalSide(values), q('1/2'), { _forceExact: forceExact });
      expect([c.subset, c.searched, c.optimal, c.error.toString()]).toEqual([[13], 21, true, '0']);
    }
    // with an exact zero present, a value whose float underflows to 0 is still searched
    const tiny = Rational.dyadic(1n, -1100);
    for (const forceExact of [false, true]) {
      const c = closestSubset(rationalSide([Rational.ZERO, tiny, q('1/2')]), tiny, { _forceExact: forceExact });
      expect([c.subset, c.searched, c.error.toString()]).toEqual([[1], 3, '0']);
    }
  });

  it('exactly MAX_TIES tied optima are resolved, one pair more is refused, below and above the target', () => {
    // pairs (3^i, -3^i): a subset sums to 0 exactly when it takes both or neither of each pair
    // (balanced ternary), so 2^pairs subsets tie at distance 1/4 from w = +-1/4, all on one side
    const pairs = (count: number): SideValues =>
      rationalSide(
        Array.from({ length: 2 * count }, (_, t) => Rational.of((t % 2 === 0 ? 1n : -1n) * 3n ** BigInt(t >> 1))),
      );
    for (const w of [q('1/4'), q('-1/4')]) {
      for (const forceExact of [false, true]) {
        const c = closestSubset(pairs(16), w, { _forceExact: forceExact });
        expect([c.subset, c.error.toString(), c.method]).toEqual([[], '1/4', 'exact']);
        expect(() => closestSubset(pairs(17), w, { _forceExact: forceExact })).toThrow(
          new InputError('more than 65536 exactly tied optimal subsets (degenerate values)'),
        );
      }
    }
  });

  it('the margin counts the values, not only the target: a rounding of their sums is not taken for a gap', () => {
    // S1 = {1/10, 2/10, -3/10 + w} sums to w exactly, but its float sum is off by about 5.6e-17;
    // S2 = {w + 10^-30} is 10^-30 away, but its float is w. A margin built from |w| = 2^-20 alone
    // (about 2e-20) would drop S1 and choose S2.
    const w = Rational.dyadic(1n, -20);
    const values = [q('1/10'), q('2/10'), q('-3/10').add(w), w.add(q('1e-30'))];
    const side = rationalSide(values);
    expect(side.float[3]).toBe(2 ** -20);
    expect(
      Math.abs((side.float[0] as number) + (side.float[1] as number) + (side.float[2] as number) - 2 ** -20),
    ).toBeGreaterThan(2 ** -60);
    for (const forceExact of [false, true]) {
      const c = closestSubset(side, w, { _forceExact: forceExact });
      expect([c.subset, c.error.toString(), c.method]).toEqual([[0, 1, 2], '0', forceExact ? 'exact' : 'float']);
    }
  });

  it('PREFIXES grow from 16 to the exact range, MAX_EXACT_VALUES, in steps of 4', () => {
    expect(PREFIXES).toEqual([16, 20, 24, 28, 32, 36, 40]);
    expect(PREFIXES.at(-1)).toBe(MAX_EXACT_VALUES);
  });

  it('a prefix whose optimum is exactly eta away is within eta', () => {
    const { u, v } = gLines('edge', 24);
    const side = productSide(u, v);
    const w = q('0.4321');
    const e16 = closestSubset(side, w, { count: 16 }).error;
    expect(searchSubset(side, w, e16, { exactLimit: 8 }).searched).toBe(16);
    const below = e16.sub(Rational.dyadic(1n, -200));
    expect(searchSubset(side, w, below, { exactLimit: 8 }).searched).toBeGreaterThan(16);
  });

  it('the search without the exact tie-break keeps the first float-best pair, even when exactly worse', () => {
    // 1/3 + 2^-100 and 1/3 share one float: both singletons are float-best for w = 1/3 + 2^-100
    const third = Rational.of(1, 3);
    const w = third.add(Rational.dyadic(1n, -100));
    const side = rationalSide([w, third]);
    expect(side.float[0]).toBe(side.float[1]);
    const exact = closestSubset(side, w);
    expect([exact.subset, exact.error.toString()]).toEqual([[0], '0']);
    const broken = closestSubset(side, w, { _skipTieBreak: true });
    expect([broken.subset, broken.error.eq(Rational.dyadic(1n, -100))]).toEqual([[1], true]);
  });

  it('the broken searches of the negative controls behave as documented on the smallest sides', () => {
    // one value: nothing to drop; two values: the last sum of each half list (the full set) is dropped
    for (const forceExact of [false, true])
      expect(
        closestSubset(rationalSide([q('1/2')]), q('1/2'), { _dropLast: true, _forceExact: forceExact }).subset,
      ).toEqual([0]);
    for (const forceExact of [false, true]) {
      const c = closestSubset(rationalSide([q('1/4'), q('1/2')]), q('3/4'), {
        _dropLast: true,
        _forceExact: forceExact,
      });
      expect([c.subset, c.error.toString()]).toEqual([[], '3/4']);
    }
  });
});
