/**
 * Lemma 3 against the real construction: the exact failure probability of the pair construction
 * (`pairFailureProbability`, docs/MATH.md §4.2: P_fail = 1 - prod (1 - f(r, j))) agrees with the empirical
 * failure rate of `certify` on many seeds: it lies inside the two-sided exact Clopper-Pearson
 * interval at alpha = 1e-6, and the union bounds are >= it. A deliberately wrong formula is
 * rejected by the same interval check (negative control).
 *
 * Grid law versus continuous law: the construction reads G, whose weights are uniform on a grid
 * of 2^53 points of (-1, 1) (docs/MATH.md §1), while `pairFailureProbability` is the probability
 * under the continuous U[-1, 1] law. Each qualifying interval ([w - eta, w + eta] cap [-1, 1] for
 * u, [1 - eta, 1] for v) has a grid probability within 2^-52 of its continuous one, so a
 * per-candidate probability moves by at most about 2^-51, and P_fail (k candidates, 2 sides,
 * N_w weights) by at most about 4 N_w k 2^-51 < 1e-11 here: negligible against intervals of
 * width about 0.2, so comparing the grid-law counts with the continuous-law value is sound.
 */
import { describe, expect, test } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import type { Network } from '../../src/network/network.js';
import { widths } from '../../src/network/network.js';
import { checkH } from '../../src/network/norms.js';
import { certify } from '../../src/constructions/certify.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import type { Bracket } from '../../src/numeric/certified.js';
import type { Wide } from '../../src/numeric/wide.js';
import { leW, wideToBracket } from '../../src/numeric/wide.js';
import { pairFailureProbability, pairWeightFailure } from '../../src/lemmas/union-bound.js';
import { lowerBound, upperBound } from '../../src/stats/clopper-pearson.js';

const q = (s: string): Rational => Rational.parse(s);
const ONE = Rational.ONE;
const EPS = ONE; // a large eps gives a large stated eta, so failures are common at pools of a few hundred
const DELTA = q('1e-9');
const ALPHA = q('1e-6');
const TRIALS = 300;

/** [1, 2, 1], every |w| <= 1 - eta: lambda(w) = 2 eta, p+ = eta^2/2 (twice the worst case eta^2/4). */
const INTERIOR: Network = { layers: [[[q('1/2')], [q('-3/8')]], [[q('1/4'), q('-1/2')]]] };
/** [1, 1, 1] with |w| = 1 and |w| = 15/16: lambda clipped by the ends of [-1, 1]. */
const EDGE: Network = { layers: [[[ONE]], [[q('-15/16')]]] };

interface Empirical {
  readonly eta: Rational;
  readonly failures: number;
  readonly lower: Rational;
  readonly upper: Rational;
}

const memo = new Map<string, Empirical>();

/** Failures of the real pair construction with pool k on TRIALS seeds, and the exact two-sided interval (memoised). */
function empirical(net: Network, k: bigint, base: string): Empirical {
  const key = `${base}/${k}`;
  const known = memo.get(key);
  if (known) return known;
  const eta = statedWidth({ widths: widths(net), eps: EPS, delta: DELTA, construction: 'pair' }).eta;
  let failures = 0;
  for (let i = 0; i < TRIALS; i++) {
    const out = certify({ target: net, seed: `${base}.${i}`, eps: EPS, delta: DELTA, construction: 'pair', pool: k });
    expect(out.result.ok).toBe(out.certificate !== null);
    if (out.certificate === null) failures++;
  }
  const half = ALPHA.div(Rational.of(2));
  const e = { eta, failures, lower: lowerBound(failures, TRIALS, half), upper: upperBound(failures, TRIALS, half) };
  memo.set(key, e);
  return e;
}

/** The whole certified bracket of the value lies inside [lower, upper]. */
const inside = (w: Wide | Bracket, e: Empirical): boolean => {
  const v = 'exact' in w ? wideToBracket(w) : w;
  return e.lower.le(v.lower) && v.upper.le(e.upper);
};
/** The whole bracket lies outside: the value is rejected. */
const outside = (v: Bracket, e: Empirical): boolean => v.upper.lt(e.lower) || v.lower.gt(e.upper);

describe('union bound against the real pair construction (300 seeds, exact Clopper-Pearson, alpha = 1e-6)', () => {
  const cases = [
    { name: 'interior weights [1, 2, 1]', net: INTERIOR, k: 400n, base: 'ube-interior' },
    { name: 'edge weights [1, 1, 1] (|w| = 1 and 15/16)', net: EDGE, k: 250n, base: 'ube-edge' },
  ];

  test.each(cases)(
    '$name: P_fail lies in the two-sided exact interval and below its union bounds',
    ({ net, k, base }) => {
      expect(checkH(net).holds).toBe(true);
      const e = empirical(net, k, base);
      const r = pairFailureProbability(net, e.eta, k);
      // failures are common: the comparison has power
      expect(e.failures).toBeGreaterThan(30);
      expect(e.failures).toBeLessThan(TRIALS - 30);
      expect(inside(r.pFail, e)).toBe(true);
      // the union bounds are >= the exact value (certified order)
      expect(leW(r.pFail, r.sumF)).toBe(true);
      expect(leW(r.pFail, r.sidesBound)).toBe(true);
      expect(leW(r.pFail, r.uniformBound)).toBe(true);
    },
  );

  test('negative control: wrong formulas are rejected by the same interval check', () => {
    const e = empirical(INTERIOR, 400n, 'ube-interior');
    const right = pairFailureProbability(INTERIOR, e.eta, 400n);
    expect(inside(right.pFail, e)).toBe(true);
    // (a) the worst-case rate eta^2/4 per candidate for every w (i.e. lambda(w) = eta), where the
    //     truth is lambda(w)/2 * eta/2 = eta^2/2: P = 1 - (1 - f(|w| = 1))^N_w, about 0.91 against ~0.43
    const fWorst = wideToBracket(pairWeightFailure(ONE, e.eta, 400n));
    const wrongWorst: Bracket = {
      lower: ONE.sub(ONE.sub(fWorst.lower).pow(right.weights)),
      upper: ONE.sub(ONE.sub(fWorst.upper).pow(right.weights)),
    };
    expect(outside(wrongWorst, e)).toBe(true);
    // (b) squaring the per-weight failure probability: 1 - prod (1 - f^2), about 0.07
    const fTrue = wideToBracket(pairWeightFailure(q('1/2'), e.eta, 400n)); // every weight of INTERIOR has the same f
    const sq = (x: Rational): Rational => ONE.sub(ONE.sub(x.mul(x)).pow(right.weights));
    const wrongSquare: Bracket = { lower: sq(fTrue.lower), upper: sq(fTrue.upper) };
    expect(outside(wrongSquare, e)).toBe(true);
  });
});
