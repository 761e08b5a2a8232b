/**
 * Shared helpers of the stats suites: a reference binomial pmf written straight from the
 * definition (no code shared with src/stats), arbitraries of probabilities and levels, and exact
 * coverage probabilities of one-sided bounds.
 */
import fc from 'fast-check';
import { Rational } from '../../src/numeric/rational.js';

/** C(n, k) by Pascal's rule (independent of src/stats/binomial.ts). */
export function pascal(n: number): bigint[] {
  let row = [1n];
  for (let i = 0; i < n; i++) {
    const next = [1n];
    for (let j = 1; j <= i; j++) next.push((row[j - 1] as bigint) + (row[j] as bigint));
    next.push(1n);
    row = next;
  }
  return row;
}

/** The exact pmf of Bin(n, p) as a list of n + 1 rationals, from the definition. */
export function pmfList(n: number, p: Rational): Rational[] {
  const c = pascal(n);
  const q = Rational.ONE.sub(p);
  return c.map((ck, k) =>
    Rational.of(ck)
      .mul(p.pow(k))
      .mul(q.pow(n - k)),
  );
}

/**
 * Exact P_p(bound(X) < p) for an upper bound (the non-coverage probability) given the bound at
 * every x = 0..n.
 */
export function upperMiss(bounds: readonly Rational[], p: Rational, pmf: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  bounds.forEach((u, x) => {
    if (u.lt(p)) s = s.add(pmf[x] as Rational);
  });
  return s;
}

/** Exact P_p(bound(X) > p) for a lower bound. */
export function lowerMiss(bounds: readonly Rational[], p: Rational, pmf: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  bounds.forEach((l, x) => {
    if (l.gt(p)) s = s.add(pmf[x] as Rational);
  });
  return s;
}

/** A probability a/b strictly inside (0, 1) with b <= 1000 (dyadic or not). */
export const probabilityArb: fc.Arbitrary<Rational> = fc
  .tuple(fc.integer({ min: 2, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([b, r]) => Rational.of(Math.min(b - 1, Math.max(1, Math.floor(r * b))), b));

/** A level alpha among the usual ones plus a random one in (0, 1/2]. */
export const alphaArb: fc.Arbitrary<Rational> = fc.oneof(
  fc.constantFrom(
    Rational.of(1, 20),
    Rational.of(1, 10),
    Rational.of(1, 100),
    Rational.of(1, 3),
    Rational.parse('1e-6'),
  ),
  fc.integer({ min: 1, max: 500 }).map((k) => Rational.of(k, 1000)),
);

/** Memo of bound lists by key, so that a property run recomputes nothing it has seen. */
export function memo<T>(f: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const v = f(key);
    cache.set(key, v);
    return v;
  };
}
