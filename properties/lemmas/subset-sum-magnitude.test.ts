/**
 * Lemma 6a (subset-sum cover, docs/MATH.md §5.6) for values of any magnitude: the float search is
 * only an accelerator, and when float64 cannot separate the sums (values of 1e20 .. 1e300 and
 * beyond float64's range, mixed magnitudes, tiny eps) the exact merge of T decides. Every field
 * agrees with a brute force over all 2^n sums (n <= 12) in exact rationals. Negative control: a
 * decision made on float64 sums alone is refuted by the same property.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import type { SubsetSumCover } from '../../src/lemmas/subset-sum.js';
import { checkSubsetSum, gValues, subsetSumCover } from '../../src/lemmas/subset-sum.js';
import { runCli } from './_arbitraries.js';

const ONE = Rational.ONE;
const q = (s: string): Rational => Rational.parse(s);

/** The verdict by brute force: all 2^n sums, sorted exactly, restricted to the window. */
function brute(values: readonly Rational[], eps: Rational) {
  let sums: Rational[] = [Rational.ZERO];
  for (const v of values) sums = sums.flatMap((s) => [s, s.add(v)]);
  const lo = ONE.neg().sub(eps);
  const hi = ONE.add(eps);
  const t = sums.filter((s) => s.ge(lo) && s.le(hi)).sort((a, b) => a.cmp(b));
  let maxGap: Rational | undefined;
  for (let i = 1; i < t.length; i++) {
    const g = t[i]!.sub(t[i - 1]!);
    if (maxGap === undefined || g.gt(maxGap)) maxGap = g;
  }
  const first = t[0];
  const last = t[t.length - 1];
  let reason: string;
  if (!first || !last) reason = 'empty';
  else if (first.gt(ONE.neg().add(eps))) reason = 'left-end';
  else if (last.lt(ONE.sub(eps))) reason = 'right-end';
  else if (maxGap !== undefined && maxGap.gt(eps.add(eps))) reason = 'gap';
  else reason = 'covered';
  return { covers: reason === 'covered', reason, relevant: BigInt(t.length), first, last, maxGap };
}

type Decide = (
  values: readonly Rational[],
  eps: Rational,
) => Pick<SubsetSumCover, 'covers' | 'reason' | 'relevant' | 'first' | 'last' | 'maxGap'>;

const same = (x: Rational | undefined, y: Rational | undefined): boolean =>
  x === undefined ? y === undefined : y !== undefined && x.eq(y);

/** The decision and its figures agree with brute force. */
const agreesWithBrute = (decide: Decide) =>
  fc.property(hugeInputArb, ({ values, eps }) => {
    const r = decide(values, eps);
    const b = brute(values, eps);
    return (
      r.covers === b.covers &&
      r.reason === b.reason &&
      r.relevant === b.relevant &&
      same(r.first, b.first) &&
      same(r.last, b.last) &&
      same(r.maxGap, b.maxGap)
    );
  });

/** Magnitudes: 1e20, 1e50, 1e300, 2^1100 (beyond float64) and 1e-300 (tiny). */
const magnitudeArb = fc.constantFrom(q('1e20'), q('1e50'), q('1e300'), Rational.dyadic(1n, 1100), q('1e-300'));
/** Small offsets: the parts of sums that survive cancellation of the huge parts. */
const offsetArb = fc
  .tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 4, max: 17 }))
  .map(([a, b]) => Rational.of(a, b));
/** eps from 1/3 down to 2^-80 / 3. */
const epsArb = fc.constantFrom(q('1/3'), q('1e-3'), q('1e-9'), q('1e-30'), Rational.of(1n, 3n * 2n ** 80n));

/**
 * Up to 12 values: pairs (M + a, -M + b) whose sum a + b lands near [-1, 1], lone huge values
 * (whose sums leave the window), and small values.
 */
const hugeInputArb = fc
  .tuple(
    fc.array(fc.tuple(magnitudeArb, offsetArb, offsetArb), { minLength: 0, maxLength: 4 }),
    fc.array(fc.tuple(magnitudeArb, offsetArb), { minLength: 0, maxLength: 2 }),
    fc.array(offsetArb, { minLength: 0, maxLength: 3 }),
    epsArb,
  )
  .map(([pairs, lone, small, eps]) => ({
    values: [
      ...pairs.flatMap(([m, a, b]) => [m.add(a), m.neg().add(b)]),
      ...lone.map(([m, a]) => m.mul(Rational.of(3)).add(a)),
      ...small,
    ].slice(0, 12),
    eps,
  }))
  .filter(({ values }) => values.length >= 1);

/** A decision on float64 sums alone (what the float search cannot do for such values). */
const floatOnly: Decide = (values, eps) => {
  let sums = [0];
  for (const v of values) sums = sums.flatMap((s) => [s, s + v.toNumber()]);
  const e = eps.toNumber();
  const t = sums.filter((s) => s >= -1 - e && s <= 1 + e).sort((a, b) => a - b);
  let maxGap: number | undefined;
  for (let i = 1; i < t.length; i++) if (maxGap === undefined || t[i]! - t[i - 1]! > maxGap) maxGap = t[i]! - t[i - 1]!;
  const first = t[0];
  const last = t[t.length - 1];
  let reason: SubsetSumCover['reason'];
  if (first === undefined || last === undefined) reason = 'empty';
  else if (first > -1 + e) reason = 'left-end';
  else if (last < 1 - e) reason = 'right-end';
  else if (maxGap !== undefined && maxGap > 2 * e) reason = 'gap';
  else reason = 'covered';
  const f = (x: number | undefined): Rational | undefined => (x === undefined ? undefined : Rational.fromFloat(x));
  return {
    covers: reason === 'covered',
    reason,
    relevant: BigInt(t.length),
    first: f(first),
    last: f(last),
    maxGap: f(maxGap),
  };
};

describe('subset-sum: exact decisions for values of any magnitude', () => {
  test('huge values (1e20 .. 1e300, 2^1100), mixed magnitudes, tiny eps: every figure equals brute force (n <= 12)', () => {
    fc.assert(agreesWithBrute(subsetSumCover), { numRuns: 300 });
  });

  test('8 values of about 1e7 (refused before: "eps too small for the float search"): decided exactly', () => {
    const M = q('12345678.9');
    const values = [
      M.add(q('1/2')),
      M.neg().add(q('1/4')),
      M.add(q('-3/4')),
      M.neg(),
      ...['1/8', '-1/16', '1/3', '-1/5'].map(q),
    ];
    const eps = q('1e-9');
    const r = subsetSumCover(values, eps);
    expect(r.search).toBe('exact');
    const b = brute(values, eps);
    expect([r.covers, r.reason, r.relevant]).toEqual([b.covers, b.reason, b.relevant]);
    expect(r.maxGap).toEqualRational(b.maxGap!);
    expect(checkSubsetSum(values, eps, 'huge').holds).toBe(true);
  });

  test('values beyond float64 (1e400): the float search gives way, the exact merge decides', () => {
    const M = q('1e400');
    const values = [M.add(q('1/2')), M.neg().add(q('-1/2')), q('1/2'), q('1/4'), q('-1/4')];
    const eps = q('1/8');
    const r = subsetSumCover(values, eps);
    expect(r.search).toBe('exact');
    const b = brute(values, eps);
    expect([r.covers, r.reason, r.relevant]).toEqual([b.covers, b.reason, b.relevant]);
  });

  test('the float search still runs where it can (values in [-1, 1], eps 1e-3), and agrees', () => {
    const values = ['1/2', '-1/3', '1/5', '-1/7', '1/11'].map(q);
    const r = subsetSumCover(values, q('1e-3'));
    expect(r.search).toBe('float');
  });

  test('the CLI decides eps = 1e-99999 exactly (it used to refuse: "too small for the float search")', async () => {
    const r = await runCli(['lemma', 'subset-sum', '--seed', 's', '--n', '4', '--eps', '1e-99999', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { holds: boolean; figures: Record<string, string> }[] | { holds: boolean };
    const res = Array.isArray(out) ? out[0]! : out;
    expect(res.holds).toBe(true);
    const b = brute(gValues('s', 4), q('1e-99999'));
    expect(subsetSumCover(gValues('s', 4), q('1e-99999')).reason).toBe(b.reason);
  });

  test('NEGATIVE CONTROL: a decision on float64 sums is refuted by the brute-force property', () => {
    const run = fc.check(agreesWithBrute(floatOnly), { numRuns: 300 });
    expect(run.failed).toBe(true);
  });
});
