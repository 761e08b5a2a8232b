/**
 * Lemma 2(a) (covering): exact figures of the decision, its independent verification and the
 * distance helper, at every boundary of the criterion (equality at -1 + eps0, 1 - eps0 and at a
 * gap of exactly 2 eps0), with brute-force oracles.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { decideCover, distanceToSorted, sortRationals, verifyCoverDecision } from '../../src/lemmas/cover-decision.js';

const R = (s: string): Rational => Rational.parse(s);
const ONE = Rational.ONE;
const HALF = R('1/2');
const strs = (xs: readonly Rational[] | undefined): string[] | undefined => xs?.map(String);

/** Brute-force distance: the minimum of |s - z| over all points. */
function bruteDistance(z: Rational, pts: readonly Rational[]): Rational {
  return pts.map((s) => s.sub(z).abs()).reduce((a, b) => Rational.min(a, b));
}

/**
 * Brute-force cover oracle on [lo, hi]: the distance to a finite set is piecewise linear with its
 * local maxima at lo, hi and the midpoints of consecutive points, so a dense probe set (those plus
 * a grid) decides exactly.
 */
function bruteCovers(pts: readonly Rational[], eps0: Rational, lo: Rational, hi: Rational): boolean {
  if (pts.length === 0) return false;
  const probes: Rational[] = [lo, hi];
  const all = [...pts].sort((a, b) => a.cmp(b));
  for (let i = 1; i < all.length; i++) {
    const m = (all[i - 1] as Rational).add(all[i] as Rational).div(Rational.of(2));
    if (m.ge(lo) && m.le(hi)) probes.push(m);
  }
  for (let i = 0; i <= 16; i++) probes.push(lo.add(hi.sub(lo).mul(Rational.of(i, 16))));
  return probes.every((z) => bruteDistance(z, pts).le(eps0));
}

const gridPoint = fc.integer({ min: -40, max: 40 }).map((i) => Rational.of(i, 16));
const gridSet = fc.array(gridPoint, { minLength: 0, maxLength: 12 });
const gridEps = fc.integer({ min: 0, max: 24 }).map((i) => Rational.of(i, 16));

describe('decideCover: exact figures', () => {
  test('empty set: reason empty, uncovered = lo, no T figures', () => {
    const d = decideCover([], HALF);
    expect(d).toEqual({
      covers: false,
      reason: 'empty',
      relevant: 0,
      first: undefined,
      last: undefined,
      maxGap: undefined,
      maxGapAt: undefined,
      uncovered: ONE.neg(),
    });
  });

  test('points all outside [-1 - eps0, 1 + eps0] make T empty', () => {
    const d = decideCover([R('-1.6'), R('1.51'), R('7')], HALF);
    expect(d.reason).toBe('empty');
    expect(d.relevant).toBe(0);
    expect(d.uncovered?.toString()).toBe('-1');
  });

  test('S = {0}, eps0 = 1/2: left-end, uncovered -1, one relevant point, no gap', () => {
    const d = decideCover([Rational.ZERO], HALF);
    expect(d.covers).toBe(false);
    expect(d.reason).toBe('left-end');
    expect(d.uncovered?.toString()).toBe('-1');
    expect(d.relevant).toBe(1);
    expect(d.first?.toString()).toBe('0');
    expect(d.last?.toString()).toBe('0');
    expect(d.maxGap).toBeUndefined();
    expect(d.maxGapAt).toBeUndefined();
  });

  test('all three boundaries at equality cover: min T = -1 + eps0, max T = 1 - eps0, gap = 2 eps0', () => {
    const d = decideCover([R('1/2'), R('-1/2')], HALF);
    expect(d.covers).toBe(true);
    expect(d.reason).toBe('covered');
    expect(d.uncovered).toBeUndefined();
    expect(d.first?.toString()).toBe('-1/2');
    expect(d.last?.toString()).toBe('1/2');
    expect(d.maxGap?.toString()).toBe('1');
    expect(strs(d.maxGapAt)).toEqual(['-1/2', '1/2']);
    expect(d.relevant).toBe(2);
  });

  test('just past each boundary the reason names it', () => {
    const tiny = R('1/1000');
    const left = decideCover([R('-1/2').add(tiny), R('1/2')], HALF);
    expect([left.reason, left.uncovered?.toString()]).toEqual(['left-end', '-1']);
    const right = decideCover([R('-1/2'), R('1/2').sub(tiny)], HALF);
    expect([right.reason, right.uncovered?.toString()]).toEqual(['right-end', '1']);
    const gap = decideCover([R('-1/2'), R('1/2').add(tiny), R('1')], HALF);
    expect([gap.covers, gap.reason, gap.uncovered?.toString(), gap.maxGap?.toString()]).toEqual([
      false,
      'gap',
      '1/2000',
      '1001/1000',
    ]);
  });

  test('left-end is reported before right-end, right-end before a gap', () => {
    expect(decideCover([R('0')], R('1/4')).reason).toBe('left-end');
    expect(decideCover([R('-1'), R('0')], R('1/4')).reason).toBe('right-end');
    expect(decideCover([R('-1'), R('1')], R('1/4')).reason).toBe('gap');
  });

  test('T keeps the points at exactly -1 - eps0 and 1 + eps0, drops the ones beyond; the first largest gap wins ties', () => {
    const d = decideCover([R('3/2'), R('0'), R('-3/2'), R('-1.501'), R('1.501')], HALF);
    expect(d.relevant).toBe(3);
    expect(d.first?.toString()).toBe('-3/2');
    expect(d.last?.toString()).toBe('3/2');
    expect(d.maxGap?.toString()).toBe('3/2');
    expect(strs(d.maxGapAt)).toEqual(['-3/2', '0']);
    expect(d.reason).toBe('gap');
    expect(d.uncovered?.toString()).toBe('-3/4');
  });

  test('the largest gap is found wherever it is (first, middle or last pair)', () => {
    const e = R('1/8');
    const a = decideCover([R('-1'), R('0'), R('1/4'), R('1/2')], e);
    expect([a.maxGap?.toString(), ...(strs(a.maxGapAt) ?? [])]).toEqual(['1', '-1', '0']);
    const b = decideCover([R('-1'), R('-3/4'), R('1/2'), R('3/4')], e);
    expect([b.maxGap?.toString(), ...(strs(b.maxGapAt) ?? [])]).toEqual(['5/4', '-3/4', '1/2']);
    const c = decideCover([R('-1'), R('-7/8'), R('-3/4'), R('1')], e);
    expect([c.maxGap?.toString(), ...(strs(c.maxGapAt) ?? [])]).toEqual(['7/4', '-3/4', '1']);
  });

  test('eps0 = 0 is allowed (only a degenerate interval lo = hi can then be covered)', () => {
    expect(decideCover([R('-1'), R('1')], Rational.ZERO).reason).toBe('gap');
    expect(decideCover([R('0')], Rational.ZERO, R('0'), R('0')).covers).toBe(true);
    expect(decideCover([R('1/3')], Rational.ZERO, R('0'), R('0')).reason).toBe('empty');
    expect(decideCover([R('0')], Rational.ZERO, R('0'), R('1/3')).reason).toBe('right-end');
  });

  test('custom interval [lo, hi]', () => {
    expect(decideCover([R('0')], HALF, R('-1/2'), R('1/2')).covers).toBe(true);
    expect(decideCover([], HALF, R('2'), R('3')).uncovered?.toString()).toBe('2');
    const d = decideCover([R('2')], HALF, R('2'), R('3'));
    expect([d.reason, d.uncovered?.toString()]).toEqual(['right-end', '3']);
  });

  test('input errors: negative eps0 and an empty interval, with exact messages', () => {
    expect(() => decideCover([], R('-1/2'))).toThrow(InputError);
    expect(() => decideCover([], R('-1/2'))).toThrow('eps0 must be >= 0, got -1/2');
    expect(() => decideCover([], HALF, R('1'), R('0'))).toThrow(InputError);
    expect(() => decideCover([], HALF, R('1'), R('0'))).toThrow('empty interval');
    expect(() => decideCover([], HALF, R('1'), R('1'))).not.toThrow();
  });

  test('property: the decision equals a brute-force oracle, and every figure matches its definition', () => {
    fc.assert(
      fc.property(gridSet, gridEps, (pts, e) => {
        const d = decideCover(pts, e);
        const t = pts.filter((s) => s.ge(R('-1').sub(e)) && s.le(ONE.add(e))).sort((a, b) => a.cmp(b));
        expect(d.covers).toBe(bruteCovers(pts, e, R('-1'), ONE));
        expect(d.relevant).toBe(t.length);
        expect(d.first?.toString()).toBe(t[0]?.toString());
        expect(d.last?.toString()).toBe(t[t.length - 1]?.toString());
        let gap: Rational | undefined;
        let at: string[] | undefined;
        for (let i = 1; i < t.length; i++) {
          const g = (t[i] as Rational).sub(t[i - 1] as Rational);
          if (gap === undefined || g.gt(gap)) {
            gap = g;
            at = [String(t[i - 1]), String(t[i])];
          }
        }
        expect(d.maxGap?.toString()).toBe(gap?.toString());
        expect(strs(d.maxGapAt)).toEqual(at);
        if (d.covers) expect(d.uncovered).toBeUndefined();
        else {
          const z = d.uncovered as Rational;
          expect(z.ge(R('-1')) && z.le(ONE)).toBe(true);
          if (pts.length > 0) expect(bruteDistance(z, pts)).toBeAbove(e);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('property: on a custom interval too, the decision equals the brute-force oracle', () => {
    fc.assert(
      fc.property(gridSet, gridEps, gridPoint, gridPoint, (pts, e, a, b) => {
        const [lo, hi] = a.le(b) ? [a, b] : [b, a];
        const d = decideCover(pts, e, lo, hi);
        expect(d.covers).toBe(bruteCovers(pts, e, lo, hi));
        expect(verifyCoverDecision(pts, e, d, lo, hi).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sortRationals', () => {
  test('returns a sorted copy and leaves its input alone', () => {
    const input = [R('1'), R('-1/2'), R('0'), R('-1/2')];
    expect(sortRationals(input).map(String)).toEqual(['-1/2', '-1/2', '0', '1']);
    expect(input.map(String)).toEqual(['1', '-1/2', '0', '-1/2']);
  });
});

describe('distanceToSorted', () => {
  test('empty list: RangeError', () => {
    expect(() => distanceToSorted(Rational.ZERO, [])).toThrow(RangeError);
    expect(() => distanceToSorted(Rational.ZERO, [])).toThrow('empty set');
  });

  test('exact values below, between, on and above the points', () => {
    const s = [R('-1'), R('0'), R('1/2'), R('3')];
    expect(distanceToSorted(R('-5'), s).toString()).toBe('4');
    expect(distanceToSorted(R('-1/4'), s).toString()).toBe('1/4');
    expect(distanceToSorted(R('-3/4'), s).toString()).toBe('1/4');
    expect(distanceToSorted(R('0'), s).toString()).toBe('0');
    expect(distanceToSorted(R('1/2'), s).toString()).toBe('0');
    expect(distanceToSorted(R('2'), s).toString()).toBe('1');
    expect(distanceToSorted(R('1'), s).toString()).toBe('1/2');
    expect(distanceToSorted(R('10'), s).toString()).toBe('7');
    expect(distanceToSorted(R('7/3'), [R('7/3')]).toString()).toBe('0');
  });

  test('property: equals the brute-force minimum (with duplicates, any z)', () => {
    fc.assert(
      fc.property(fc.array(gridPoint, { minLength: 1, maxLength: 20 }), gridPoint, (pts, z) => {
        const sorted = sortRationals(pts);
        return distanceToSorted(z, sorted).eq(bruteDistance(z, pts));
      }),
      { numRuns: 500 },
    );
  });
});

describe('verifyCoverDecision: every verdict and reason', () => {
  test('a non-cover must come with an uncovered point', () => {
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: undefined })).toEqual({
      ok: false,
      reason: 'non-cover without an uncovered point',
    });
  });

  test('the uncovered point must lie in [lo, hi] (both sides; the ends themselves are allowed)', () => {
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: R('-2') })).toEqual({
      ok: false,
      reason: 'uncovered point -2 outside [lo, hi]',
    });
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: R('3/2') })).toEqual({
      ok: false,
      reason: 'uncovered point 3/2 outside [lo, hi]',
    });
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: R('-1') })).toEqual({
      ok: true,
      reason: 'uncovered point verified',
    });
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: R('1') })).toEqual({
      ok: true,
      reason: 'uncovered point verified',
    });
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: R('1') }, R('-1'), R('1/2')).reason).toBe(
      'uncovered point 1 outside [lo, hi]',
    );
  });

  test('the empty set covers nothing', () => {
    expect(verifyCoverDecision([], HALF, { covers: false, uncovered: R('0') })).toEqual({
      ok: true,
      reason: 'empty set covers nothing',
    });
    expect(verifyCoverDecision([], HALF, { covers: true, uncovered: undefined })).toEqual({
      ok: false,
      reason: 'empty set claimed to cover',
    });
  });

  test('a claimed uncovered point at distance exactly eps0 is rejected', () => {
    expect(verifyCoverDecision([R('0')], HALF, { covers: false, uncovered: R('1/2') })).toEqual({
      ok: false,
      reason: 'claimed uncovered point 1/2 is within eps0 (distance 1/2)',
    });
    expect(verifyCoverDecision([R('1'), R('0')], HALF, { covers: false, uncovered: R('3/4') })).toEqual({
      ok: false,
      reason: 'claimed uncovered point 3/4 is within eps0 (distance 1/4)',
    });
  });

  test('a false cover claim is caught at lo, at hi or at a midpoint, and the reason names the probe', () => {
    const claim = { covers: true, uncovered: undefined };
    expect(verifyCoverDecision([R('0')], HALF, claim)).toEqual({
      ok: false,
      reason: 'claimed cover, but -1 is at distance 1 > eps0',
    });
    expect(verifyCoverDecision([R('-1/2')], HALF, claim)).toEqual({
      ok: false,
      reason: 'claimed cover, but 1 is at distance 3/2 > eps0',
    });
    expect(verifyCoverDecision([R('3/4'), R('-3/4')], HALF, claim)).toEqual({
      ok: false,
      reason: 'claimed cover, but 0 is at distance 3/4 > eps0',
    });
  });

  test('a true cover claim passes with distance exactly eps0 at every probe', () => {
    expect(verifyCoverDecision([R('1/2'), R('-1/2')], HALF, { covers: true, uncovered: undefined })).toEqual({
      ok: true,
      reason: 'cover verified at all local maxima of the distance',
    });
  });

  test('midpoints outside [lo, hi] are not probes (far points do not spoil a cover)', () => {
    const claim = { covers: true, uncovered: undefined };
    expect(verifyCoverDecision([R('-1'), R('1'), R('5')], ONE, claim).ok).toBe(true);
    expect(verifyCoverDecision([R('-5'), R('-1'), R('1')], ONE, claim).ok).toBe(true);
    expect(verifyCoverDecision([R('-9'), R('-1'), R('1'), R('9')], ONE, claim).ok).toBe(true);
  });

  test('custom [lo, hi]: the probes are lo and hi, not -1 and 1', () => {
    const claim = { covers: true, uncovered: undefined };
    expect(verifyCoverDecision([R('0')], HALF, claim, R('-1/2'), R('1/2')).ok).toBe(true);
    expect(verifyCoverDecision([R('0')], HALF, claim).ok).toBe(false);
    expect(verifyCoverDecision([R('0')], HALF, claim, R('-1/2'), R('3/4')).reason).toBe(
      'claimed cover, but 3/4 is at distance 3/4 > eps0',
    );
  });

  test('property: the verification agrees with the brute-force oracle on a cover claim', () => {
    fc.assert(
      fc.property(
        gridSet,
        gridEps,
        (pts, e) =>
          verifyCoverDecision(pts, e, { covers: true, uncovered: undefined }).ok === bruteCovers(pts, e, R('-1'), ONE),
      ),
      { numRuns: 400 },
    );
  });
});
