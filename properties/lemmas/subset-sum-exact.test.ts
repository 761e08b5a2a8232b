/**
 * Lemma 6a (subset-sum cover): every field of the exact verdict (reason, |T|, min/max T, max gap
 * and where it lies, the uncovered point and its exact distance, the query count) against an
 * independent brute force over all 2^n sums; equality at every threshold; the float search's
 * paths (uniform grids, gaps at the window's edges); the input checks and their messages; the
 * printed figures; the seeded value streams and the JSON parser.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { lineCursor } from '../../src/random/scheme.js';
import { bracketFigure } from '../../src/numeric/figure.js';
import {
  MAX_N,
  MAX_WINDOW,
  NAME,
  STATEMENT,
  checkSubsetSum,
  gProducts,
  gValues,
  parseValueArray,
  subsetSumCover,
  subsetSumCoverReference,
} from '../../src/lemmas/subset-sum.js';
import type { SubsetSumCover } from '../../src/lemmas/subset-sum.js';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
const q = (s: string): Rational => Rational.parse(s);
const qs = (xs: readonly string[]): Rational[] => xs.map(q);

/** Independent brute force: every figure of the verdict, from all 2^n sums as exact rationals. */
interface Brute {
  readonly sums: Rational[];
  readonly t: Rational[];
  readonly covers: boolean;
  readonly reason: string;
  readonly first: Rational | undefined;
  readonly last: Rational | undefined;
  readonly maxGap: Rational | undefined;
  /** Every consecutive pair of T whose gap equals maxGap. */
  readonly maxPairs: Array<[Rational, Rational]>;
  readonly dist: (z: Rational) => Rational;
}

function brute(vs: readonly Rational[], eps: Rational): Brute {
  let sums: Rational[] = [ZERO];
  for (const v of vs) sums = [...sums, ...sums.map((s) => s.add(v))];
  const lo = ONE.neg().sub(eps);
  const hi = ONE.add(eps);
  const t = sums.filter((s) => lo.le(s) && s.le(hi)).sort((a, b) => a.cmp(b));
  const first = t.length > 0 ? t[0] : undefined;
  const last = t.length > 0 ? t[t.length - 1] : undefined;
  let maxGap: Rational | undefined;
  for (let i = 1; i < t.length; i++) {
    const g = t[i]!.sub(t[i - 1]!);
    if (maxGap === undefined || g.gt(maxGap)) maxGap = g;
  }
  const maxPairs: Array<[Rational, Rational]> = [];
  for (let i = 1; i < t.length; i++) if (t[i]!.sub(t[i - 1]!).eq(maxGap!)) maxPairs.push([t[i - 1]!, t[i]!]);
  let reason: string;
  if (first === undefined || last === undefined) reason = 'empty';
  else if (first.gt(ONE.neg().add(eps))) reason = 'left-end';
  else if (last.lt(ONE.sub(eps))) reason = 'right-end';
  else if (maxGap !== undefined && maxGap.gt(eps.add(eps))) reason = 'gap';
  else reason = 'covered';
  const dist = (z: Rational): Rational => sums.map((s) => s.sub(z).abs()).reduce((m, d) => (d.lt(m) ? d : m));
  return { sums, t, covers: reason === 'covered', reason, first, last, maxGap, maxPairs, dist };
}

const same = (x: Rational | undefined, y: Rational | undefined): boolean =>
  x === undefined ? y === undefined : y !== undefined && x.eq(y);

/** Asserts that the fast verdict equals the brute force in every field. */
function expectMatchesBrute(r: SubsetSumCover, vs: readonly Rational[], eps: Rational): void {
  const b = brute(vs, eps);
  const ctx = `values ${vs.map(String).join(', ')}; eps ${eps.toString()}`;
  expect(r.n, ctx).toBe(vs.length);
  expect(r.eps.eq(eps), ctx).toBe(true);
  expect(r.reason, ctx).toBe(b.reason);
  expect(r.covers, ctx).toBe(b.covers);
  expect(r.relevant, ctx).toBe(BigInt(b.t.length));
  expect(same(r.first, b.first), ctx).toBe(true);
  expect(same(r.last, b.last), ctx).toBe(true);
  expect(same(r.maxGap, b.maxGap), ctx).toBe(true);
  if (b.maxGap === undefined) expect(r.maxGapAt, ctx).toBeUndefined();
  else {
    const at = r.maxGapAt!;
    expect(
      b.maxPairs.some(([x, y]) => x.eq(at[0]) && y.eq(at[1])),
      ctx,
    ).toBe(true);
  }
  if (b.covers) {
    expect(r.uncovered, ctx).toBeUndefined();
    expect(r.uncoveredDistance, ctx).toBeUndefined();
  } else {
    const z = r.uncovered!;
    if (b.reason === 'empty' || b.reason === 'left-end') expect(z.eq(ONE.neg()), ctx).toBe(true);
    else if (b.reason === 'right-end') expect(z.eq(ONE), ctx).toBe(true);
    else expect(z.eq(r.maxGapAt![0].add(r.maxGapAt![1]).div(Rational.of(2))), ctx).toBe(true);
    expect(r.uncoveredDistance!.eq(b.dist(z)), ctx).toBe(true);
    expect(r.uncoveredDistance!.gt(eps), ctx).toBe(true);
  }
  // exact queries are spent only when T has two distinct points
  if (b.t.length < 2 || b.first!.eq(b.last!)) expect(r.queries, ctx).toBe(0);
  else expect(r.queries, ctx).toBeGreaterThanOrEqual(1);
}

/** Values and eps on a common grid of 1/32: equality at every threshold is frequent. */
const gridValueArb = fc.integer({ min: -48, max: 48 }).map((k) => Rational.of(k, 16));
const gridEpsArb = fc.integer({ min: 1, max: 31 }).map((k) => Rational.of(k, 32));

describe('subset-sum: every field against brute force', () => {
  test('grid values (thresholds hit exactly): reason, |T|, ends, max gap and its place, witness and distance', () => {
    fc.assert(
      fc.property(fc.array(gridValueArb, { minLength: 0, maxLength: 7 }), gridEpsArb, (vs, eps) => {
        expectMatchesBrute(subsetSumCover(vs, eps), vs, eps);
      }),
      { numRuns: 300 },
    );
  });

  test('general fractions and dyadics (n <= 9)', () => {
    const valueArb = fc.oneof(
      fc
        .tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 200 }))
        .map(([p, d]) => Rational.of(p, d)),
      fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => Rational.of(k, 2 ** 19)),
    );
    const epsArb = fc
      .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 1000 }))
      .map(([a, b]) => Rational.of(a, b));
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 0, maxLength: 9 }), epsArb, (vs, eps) => {
        expectMatchesBrute(subsetSumCover(vs, eps), vs, eps);
      }),
      { numRuns: 200 },
    );
  });

  test('seeded G values and products (n <= 10): every field', () => {
    for (const seed of ['x', 'y']) {
      for (const n of [1, 2, 5, 10]) {
        for (const eps of [Rational.of(1, 50), Rational.of(1, 5)]) {
          const a = gValues(seed, n);
          expectMatchesBrute(subsetSumCover(a, eps), a, eps);
          const p = gProducts(seed, n);
          expectMatchesBrute(subsetSumCover(p, eps), p, eps);
        }
      }
    }
  });

  test('uniform dyadic grids of 2^11 sums (gaps below the bucket width: the sorted float path)', () => {
    // -1, 1/2, ..., 2^-10: the sums are the 2048 multiples of 2^-10 in [-1, 1 - 2^-10]
    const base = [Rational.of(-1), ...Array.from({ length: 10 }, (_, k) => Rational.of(1, 2 ** (k + 1)))];
    let eps = Rational.of(1, 2 ** 10);
    let r = subsetSumCover(base, eps);
    expectMatchesBrute(r, base, eps);
    expect(r.reason).toBe('covered');
    expect(r.maxGap!.toString()).toBe('1/1024');
    eps = Rational.of(1, 2 ** 11); // 2 eps = the gap (covered), but max T = 1 - 2^-10 < 1 - eps
    r = subsetSumCover(base, eps);
    expectMatchesBrute(r, base, eps);
    expect(r.reason).toBe('right-end');
    // perturbed grids: one value moved to another multiple of 2^-11
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: -2048, max: 2048 }),
        fc.integer({ min: 1, max: 64 }),
        (i, k, e) => {
          const vs = base.map((v, j) => (j === i ? Rational.of(k, 2048) : v));
          const ep = Rational.of(e, 4096);
          expectMatchesBrute(subsetSumCover(vs, ep), vs, ep);
        },
      ),
      { numRuns: 6 },
    );
  });

  test('the largest float gap touches a sum just outside the window (invalid), both ends', () => {
    const d = Rational.of(1n, 2n ** 60n);
    const eps = Rational.of(1, 4);
    // -5/4 - 2^-60 is outside [-5/4, 5/4] but its float is -1.25: its gap (0.6) is the largest float gap
    const left = [q('-5/4').sub(d), q('0.6'), q('0.7')];
    const rl = subsetSumCover(left, eps);
    expectMatchesBrute(rl, left, eps);
    expect(rl.relevant).toBe(6n);
    expect(rl.first!.eq(q('-0.65').sub(d))).toBe(true);
    expect(rl.maxGap!.eq(q('0.55').add(d))).toBe(true);
    expect(rl.reason).toBe('left-end');
    const right = left.map((v) => v.neg());
    const rr = subsetSumCover(right, eps);
    expectMatchesBrute(rr, right, eps);
    expect(rr.maxGap!.eq(q('0.55').add(d))).toBe(true);
    expect(rr.last!.eq(q('0.65').add(d))).toBe(true);
    expect(rr.reason).toBe('left-end'); // T's least point is -0.7 > -1 + eps
    // sums exactly at -1 - eps and 1 + eps belong to T
    const exact = [q('-5/4'), q('0.6'), q('0.7')];
    const re = subsetSumCover(exact, eps);
    expectMatchesBrute(re, exact, eps);
    expect(re.first!.toString()).toBe('-5/4');
    expect(re.maxGap!.toString()).toBe('3/5');
    expect(re.maxGapAt!.map(String)).toEqual(['-5/4', '-13/20']);
    const reN = subsetSumCover(
      exact.map((v) => v.neg()),
      eps,
    );
    expect(reN.last!.toString()).toBe('5/4');
    expect(reN.maxGapAt!.map(String)).toEqual(['13/20', '5/4']);
  });

  test('sums closer than float resolution: all window floats equal (zero float range), or pairs sharing a float', () => {
    const tiny = Rational.of(1n, 2n ** 1100n); // its float is 0
    const eps = Rational.of(1, 2);
    for (const vs of [[tiny], [tiny, tiny.mul(Rational.of(3))], [tiny.neg(), tiny.mul(Rational.of(5))]]) {
      const r = subsetSumCover(vs, eps);
      expectMatchesBrute(r, vs, eps);
      expect(r.maxGap!.gt(ZERO)).toBe(true);
    }
    expect(subsetSumCover([tiny], eps).maxGap!.eq(tiny)).toBe(true);
    // T = {0, t, 3t, 4t}: the float search sees one float 0 four times and finds only (0, t);
    // the exact walk over T finds the true max gap (t, 3t) with one query per step
    const r3 = subsetSumCover([tiny, tiny.mul(Rational.of(3))], eps);
    expect(r3.maxGap!.eq(tiny.mul(Rational.of(2)))).toBe(true);
    expect(r3.maxGapAt![0].eq(tiny)).toBe(true);
    expect(r3.queries).toBe(3);
    // any multiples of t: the walk agrees with brute force in every field
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 7 }), (ks) => {
        const vs = ks.map((k) => tiny.mul(Rational.of(k)));
        expectMatchesBrute(subsetSumCover(vs, eps), vs, eps);
      }),
      { numRuns: 60 },
    );
    const close = [q('1/2'), q('1/2').add(Rational.of(1n, 2n ** 70n)), q('-1')];
    expectMatchesBrute(subsetSumCover(close, q('1/4')), close, q('1/4'));
  });

  test('sums in T only at the edges, a single point, duplicates', () => {
    const eps = Rational.of(1, 10);
    // T = {0, 0}: two elements, one point, gap 0, no query
    const dup = qs(['3', '-3']);
    const r = subsetSumCover(dup, eps);
    expectMatchesBrute(r, dup, eps);
    expect(r.relevant).toBe(2n);
    expect(r.maxGap!.toString()).toBe('0');
    expect(r.maxGapAt!.map(String)).toEqual(['0', '0']);
    expect(r.queries).toBe(0);
    expect(r.reason).toBe('left-end');
    expect(r.uncoveredDistance!.toString()).toBe('1');
    // n = 0: T = {0}
    const r0 = subsetSumCover([], eps);
    expect([r0.n, r0.relevant, r0.first?.toString(), r0.last?.toString(), r0.maxGap, r0.maxGapAt, r0.queries]).toEqual([
      0,
      1n,
      '0',
      '0',
      undefined,
      undefined,
      0,
    ]);
    expect([r0.reason, r0.uncovered?.toString(), r0.uncoveredDistance?.toString()]).toEqual(['left-end', '-1', '1']);
    // T empty: every sum but 0 is far, and 0 is excluded only when... never: use an all-far shift
    const far = qs(['5', '7']);
    const rf = subsetSumCover(far, eps);
    expectMatchesBrute(rf, far, eps);
    expect(rf.reason).toBe('left-end');
    expect(rf.relevant).toBe(1n);
  });

  test('boundary cases pinned by hand', () => {
    // sums {0, 1/2, -1, -1/2}, eps = 1/4: gaps 1/2 = 2 eps, min -1 <= -3/4, max 1/2 < 3/4: right-end
    const a = qs(['1/2', '-1']);
    let r = subsetSumCover(a, q('1/4'));
    expect([r.reason, r.uncovered?.toString(), r.uncoveredDistance?.toString()]).toEqual(['right-end', '1', '1/2']);
    // eps = 1/2: max 1/2 = 1 - eps exactly, min -1 <= -1/2, gap 1/2 <= 1: covered
    r = subsetSumCover(a, q('1/2'));
    expect([r.reason, r.covers, r.maxGap?.toString(), r.uncovered, r.uncoveredDistance]).toEqual([
      'covered',
      true,
      '1/2',
      undefined,
      undefined,
    ]);
    // min T = -1 + eps exactly: not left-end
    const b = qs(['-3/4', '3/4', '1/4']);
    r = subsetSumCover(b, q('1/4'));
    expectMatchesBrute(r, b, q('1/4'));
    expect(r.first!.toString()).toBe('-3/4');
    expect(r.last!.toString()).toBe('1');
    expect(r.reason).toBe('covered');
    // largest gap exactly 2 eps (covered), then just above (gap)
    const c0 = qs(['-1', '1/2', '1']);
    r = subsetSumCover(c0, q('1/4'));
    expectMatchesBrute(r, c0, q('1/4'));
    expect([r.reason, r.maxGap?.toString()]).toEqual(['covered', '1/2']);
    const c = qs(['-1', '51/100', '1']);
    r = subsetSumCover(c, q('1/4'));
    expectMatchesBrute(r, c, q('1/4'));
    expect([r.reason, r.maxGap?.toString()]).toEqual(['gap', '51/100']);
    // left-end with min T just above -1 + eps
    const e = qs(['-74/100', '1']);
    r = subsetSumCover(e, q('1/4'));
    expect([r.reason, r.first?.toString(), r.uncovered?.toString(), r.uncoveredDistance?.toString()]).toEqual([
      'left-end',
      '-37/50',
      '-1',
      '13/50',
    ]);
  });
});

describe('subset-sum: the worked example (unique max gap)', () => {
  // sums of 3/5, 1/5, -3/2: 0, 1/5, 3/5, 4/5, -3/2, -13/10, -9/10, -7/10; eps = 1/4 keeps
  // T = -9/10, -7/10, 0, 1/5, 3/5, 4/5; gaps 1/5, 7/10, 1/5, 2/5, 1/5: the gap (-7/10, 0) > 1/2
  const vs = qs(['3/5', '1/5', '-3/2']);
  const eps = q('1/4');

  test('the verdict', () => {
    const r = subsetSumCover(vs, eps);
    expect(r.n).toBe(3);
    expect(r.eps.toString()).toBe('1/4');
    expect(r.covers).toBe(false);
    expect(r.reason).toBe('gap');
    expect(r.relevant).toBe(6n);
    expect(r.first!.toString()).toBe('-9/10');
    expect(r.last!.toString()).toBe('4/5');
    expect(r.maxGap!.toString()).toBe('7/10');
    expect(r.maxGapAt!.map(String)).toEqual(['-7/10', '0']);
    expect(r.uncovered!.toString()).toBe('-7/20');
    expect(r.uncoveredDistance!.toString()).toBe('7/20');
    expect(r.queries).toBeGreaterThanOrEqual(2);
  });

  test('checkSubsetSum prints every figure exactly', () => {
    const r = subsetSumCover(vs, eps);
    const res = checkSubsetSum(vs, eps, 'worked example');
    expect(res.lemma).toBe('subset-sum');
    expect(res.lemma).toBe(NAME);
    expect(res.input).toBe('worked example');
    expect(res.holds).toBe(true);
    expect(res.exact).toBe(true);
    expect(res.statement).toBe(STATEMENT);
    expect(res.witness).toBeUndefined();
    expect(res.figures).toEqual({
      n: '3',
      eps: '1/4',
      'subset sums': '8',
      covers: 'no',
      reason: 'gap',
      '|T| (sums in [-1-eps, 1+eps])': '6',
      'min T': '-9/10',
      'max T': '4/5',
      'max gap of T': '7/10',
      'max gap of T (17 digits)': bracketFigure({ lower: q('7/10'), upper: q('7/10') }),
      '2 eps': '1/2',
      'max gap between': '-7/10 and 0',
      'uncovered point': '-7/20',
      'its distance to the nearest subset sum': '7/20',
    });
    expect(res.figures['max gap of T (17 digits)']).toBe('[7.0000000000000000e-1, 7.0000000000000000e-1]');
    expect(res.notes).toEqual([
      `exact: meet in the middle over a common denominator; float64 only locates candidate gaps (${r.queries} exact queries)`,
    ]);
  });

  test('checkSubsetSum on a cover: no witness figures; on an empty n: dashes', () => {
    const cov = checkSubsetSum(qs(['-1', '1/2', '1/4', '1/8']), q('1/8'), 'c');
    expect(cov.figures['covers']).toBe('yes');
    expect(cov.figures['reason']).toBe('covered');
    expect(cov.figures['subset sums']).toBe('16');
    expect(cov.figures['max gap of T']).toBe('1/8');
    expect(cov.figures['2 eps']).toBe('1/4');
    expect(cov.figures['uncovered point']).toBeUndefined();
    expect(cov.figures['its distance to the nearest subset sum']).toBeUndefined();
    expect(Object.keys(cov.figures)).toHaveLength(12);
    expect(cov.holds).toBe(true);
    const none = checkSubsetSum([], q('1/3'), 'none');
    expect(none.figures).toEqual({
      n: '0',
      eps: '1/3',
      'subset sums': '1',
      covers: 'no',
      reason: 'left-end',
      '|T| (sums in [-1-eps, 1+eps])': '1',
      'min T': '0',
      'max T': '0',
      'max gap of T': '-',
      'max gap of T (17 digits)': '-',
      '2 eps': '2/3',
      'uncovered point': '-1',
      'its distance to the nearest subset sum': '1',
    });
    expect(none.notes).toEqual([
      'exact: meet in the middle over a common denominator; float64 only locates candidate gaps (0 exact queries)',
    ]);
    // T empty: '-' for min and max T
    const empty = checkSubsetSum(qs(['3']), q('1/3'), 'e');
    expect(empty.figures['reason']).toBe('left-end'); // 0 is always a sum
    const gone = subsetSumCover([], q('1/3'));
    expect(gone.relevant).toBe(1n);
  });
});

describe('subset-sum: input checks', () => {
  test('eps must lie in (0, 1), with the exact messages', () => {
    const v = qs(['1/2']);
    expect(() => subsetSumCover(v, ZERO)).toThrow(InputError);
    expect(() => subsetSumCover(v, ZERO)).toThrow('eps must be > 0, got 0');
    expect(() => subsetSumCover(v, q('-1/3'))).toThrow('eps must be > 0, got -1/3');
    expect(() => subsetSumCover(v, ONE)).toThrow('eps must be < 1, got 1');
    expect(() => subsetSumCover(v, q('3/2'))).toThrow('eps must be < 1, got 3/2');
    expect(subsetSumCover(qs(['1/2', '-1/2']), q('999/1000')).covers).toBe(true);
    expect(subsetSumCover(v, q('1/1000000')).reason).toBe('left-end');
  });

  test('at most MAX_N = 32 values (checked before eps); a wide window of tiny sums is refused', () => {
    expect(MAX_N).toBe(32);
    expect(MAX_WINDOW).toBe(2 ** 26);
    const tiny = (n: number): Rational[] => Array.from({ length: n }, (_, i) => Rational.of(1n + BigInt(i), 2n ** 40n));
    expect(() => subsetSumCover(tiny(33), q('1/10'))).toThrow(InputError);
    expect(() => subsetSumCover(tiny(33), q('1/10'))).toThrow('at most 32 values (2^n subset sums), got 33');
    // n = 32 passes the count check and fails on eps, which is checked second
    expect(() => subsetSumCover(tiny(32), ZERO)).toThrow('eps must be > 0, got 0');
    expect(() => subsetSumCover(tiny(28), q('1/10'))).toThrow(
      new InputError('more than 67108864 subset sums lie near [-1, 1]: n = 28 is too large'),
    );
  });

  test('eps too small for the float search: T is merged exactly, every field equal to brute force', () => {
    // before: an InputError 'eps 1.00000e-14 is too small for the float search (needs eps > ...)'
    const v = qs(['1/2', '1/3']);
    const r = subsetSumCover(v, q('1e-14'));
    expect(r.search).toBe('exact');
    expectMatchesBrute(r, v, q('1e-14'));
    expect(checkSubsetSum(v, q('1e-14'), 'tiny eps').notes).toEqual([
      'exact: meet in the middle over a common denominator; float64 cannot separate these sums at this eps, so T was merged exactly (4 sums)',
    ]);
    // just above the float bound the float search runs, and it is exact
    const ok = q('1e-12');
    const f = subsetSumCover(v, ok);
    expect(f.search).toBe('float');
    expectMatchesBrute(f, v, ok);
  });

  test('the reference enumeration takes at most 18 values and agrees with brute force', () => {
    expect(() =>
      subsetSumCoverReference(
        Array.from({ length: 19 }, () => ONE),
        q('1/2'),
      ),
    ).toThrow(new InputError('the reference enumeration takes at most 18 values'));
    const vs = qs(['3/5', '1/5', '-3/2']);
    const ref = subsetSumCoverReference(vs, q('1/4'));
    expect(ref.sums.map(String)).toEqual(['0', '-3/2', '1/5', '-13/10', '3/5', '-9/10', '4/5', '-7/10']);
    expect([ref.covers, ref.maxGap?.toString(), ref.first?.toString(), ref.last?.toString()]).toEqual([
      false,
      '7/10',
      '-9/10',
      '4/5',
    ]);
    expect(subsetSumCoverReference([], q('1/2')).sums.map(String)).toEqual(['0']);
  });
});

describe('subset-sum: seeded streams and the JSON parser', () => {
  test('gValues: n exact dyadics of [-1, 1], a prefix-stable stream; bad seeds rejected', () => {
    const a = gValues('s', 6);
    const b = gValues('s', 9);
    expect(a).toHaveLength(6);
    expect(gValues('s', 0)).toEqual([]);
    a.forEach((v, i) => {
      expect(v).toEqualRational(b[i]!);
      expect(v.abs()).toBeLessOrEqual(ONE);
      expect(v.isDyadic()).toBe(true);
    });
    expect(new Set(b.map(String)).size).toBe(9);
    expect(gValues('t', 3).map(String)).not.toEqual(a.slice(0, 3).map(String));
    expect(() => gValues('bad seed', 2)).toThrow(InputError);
    expect(() => gValues('', 2)).toThrow("invalid seed ''");
  });

  test('gProducts: |u_t v_t| <= |u_t| = |gValues_t|, exact dyadics; products differ from values; bad seeds rejected', () => {
    const u = gValues('s', 8);
    const p = gProducts('s', 8);
    expect(p).toHaveLength(8);
    expect(gProducts('s', 0)).toEqual([]);
    p.forEach((z, i) => {
      expect(z.abs()).toBeLessOrEqual(u[i]!.abs());
      expect(z.isDyadic()).toBe(true);
      expect(z).not.toEqualRational(u[i]!.abs());
      // z / |u_t| is v_t in [-1, 1)
      const v = z.div(u[i]!.abs());
      expect(v.ge(ONE.neg()) && v.lt(ONE)).toBe(true);
    });
    // the v factors do not all share a sign (they are U[-1, 1) draws)
    expect(new Set(p.map((z) => z.sign())).size).toBe(2);
    expect(gProducts('s', 3).map(String)).toEqual(p.slice(0, 3).map(String));
    expect(() => gProducts('bad seed', 2)).toThrow(InputError);
    expect(() => gProducts('', 2)).toThrow("invalid seed ''");
  });

  test('gValues and gProducts are exactly the G entries of the scheme (layer 1 column 0; layer 2 row 0)', () => {
    const n = 7;
    const c1 = lineCursor('s', 1, 0, 0);
    const c2 = lineCursor('s', 2, 0, 0);
    const u = Array.from({ length: n }, () => c1.next());
    const v = Array.from({ length: n }, () => c2.next());
    expect(gValues('s', n).map(String)).toEqual(u.map((x) => Rational.fromFloat(x).toString()));
    expect(gProducts('s', n).map(String)).toEqual(
      u.map((x, i) => Rational.fromFloat(Math.abs(x)).mul(Rational.fromFloat(v[i]!)).toString()),
    );
    // some u_t are negative, so the absolute value matters
    expect(u.some((x) => x < 0)).toBe(true);
  });

  test('parseValueArray: exact doubles and strings; non-arrays and bad entries with their place', () => {
    expect(parseValueArray([0.5, '1/3', '-0.1', 3], 'f.json').map(String)).toEqual(['1/2', '1/3', '-1/10', '3']);
    expect(parseValueArray([0.1], 'f.json')[0]!.eq(Rational.fromFloat(0.1))).toBe(true);
    expect(parseValueArray([], 'f.json')).toEqual([]);
    expect(() => parseValueArray({ a: 1 }, 'f.json')).toThrow(
      new InputError('f.json: expected a JSON array of numbers or strings'),
    );
    expect(() => parseValueArray('1', 'g.json')).toThrow('g.json: expected a JSON array of numbers or strings');
    expect(() => parseValueArray([1, 'x'], 'f.json')).toThrow(InputError);
    expect(() => parseValueArray([1, 'x'], 'f.json')).toThrow(/^f\.json: entry 1: not an exact number: 'x'/);
    expect(() => parseValueArray([true], 'h.json')).toThrow('h.json: entry 0: expected a number or a string, got ');
  });
});

describe('subset-sum: the float search spends few exact queries (regression pins)', () => {
  test('query counts on seeded inputs', () => {
    const cases: Array<[string, number, string, number, number]> = [
      ['x', 10, '1/100', 10, 2],
      ['x', 10, '1/5', 12, 2],
      ['x', 16, '1/100', 2, 4],
      ['y', 6, '1/5', 2, 4],
      ['q1', 10, '1/20', 2, 12],
      ['q1', 14, '1/5', 2, 6],
    ];
    for (const [seed, n, e, qv, qp] of cases) {
      const eps = q(e);
      expect(subsetSumCover(gValues(seed, n), eps).queries, `${seed} ${n} ${e} values`).toBe(qv);
      expect(subsetSumCover(gProducts(seed, n), eps).queries, `${seed} ${n} ${e} products`).toBe(qp);
    }
  });
});
