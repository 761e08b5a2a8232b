/**
 * Lemma 3 (union bound), exact figures: every figure, verdict, witness and message of
 * `checkUnionBound` and `checkPairUnionBound` recomputed independently in exact rationals (by
 * hand or by brute force), boundary inputs (p = 0 and 1, n = 16 and 17, eta at 0 and 1, pool at
 * 0 and 10^15), and negative controls for each clause of the verdict.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { UnionFormula } from '../../src/lemmas/union-bound.js';
import type { Wide } from '../../src/numeric/wide.js';
import { bracketW, exactW, relativeWidth, wideToBracket } from '../../src/numeric/wide.js';
import type { PairFailure } from '../../src/lemmas/union-bound.js';
import {
  MAX_BRUTE_FORCE,
  NAME,
  STATEMENT,
  bruteForceUnion,
  checkPairUnionBound,
  checkUnionBound,
  independentUnion,
  pairFailureProbability,
  pairUnionBoundResult,
  pairWeightFailure,
  unionSum,
} from '../../src/lemmas/union-bound.js';
import { pairCandidateProbability } from '../../src/theory/candidate-probability.js';
import { probabilityArb } from './_arbitraries.js';
import { textual } from '../_support/lemma-result.js';

const ONE = Rational.ONE;
const ZERO = Rational.ZERO;
const q = (s: string): Rational => Rational.parse(s);
const r = (n: number, d = 1): Rational => Rational.of(n, d);

/** The exception thrown by `run`, or undefined. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Asserts that `run` throws an InputError with exactly `message`. */
function expectInputError(run: () => unknown, message: string): void {
  const e = thrown(run);
  expect(e).toBeInstanceOf(InputError);
  expect((e as Error).message).toBe(message);
}

describe('union-bound: probability vectors', () => {
  test('name and statement', () => {
    expect(NAME).toBe('union-bound');
    expect(STATEMENT).toBe(
      'P(union E_i) <= sum P(E_i); for independent events P(union) = 1 - prod(1 - P(E_i)) exactly. ' +
        'Pair construction: P_fail = 1 - prod(1 - f(r,j)), f = (1-p+)^k + (1-p-)^k - (1-p+-p-)^k, ' +
        'and P_fail <= sum f <= 2 N_w (1 - eta^2/4)^k <= 2 N_w exp(-k eta^2/4)',
    );
    expect(MAX_BRUTE_FORCE).toBe(16);
  });

  test('hand-computed unions: 1 - (9/10)(4/5) = 7/25, 1 - (1/2)^3 = 7/8, empty = 0', () => {
    expect(independentUnion([r(1, 10), r(1, 5)]).toString()).toBe('7/25');
    expect(bruteForceUnion([r(1, 10), r(1, 5)]).toString()).toBe('7/25');
    expect(unionSum([r(1, 10), r(1, 5)]).toString()).toBe('3/10');
    expect(bruteForceUnion([r(1, 2), r(1, 3)]).toString()).toBe('2/3');
    expect(bruteForceUnion([r(1, 2), r(1, 2), r(1, 2)]).toString()).toBe('7/8');
    expect(independentUnion([]).isZero()).toBe(true);
    expect(bruteForceUnion([]).isZero()).toBe(true);
    expect(unionSum([]).isZero()).toBe(true);
    // a single event: P(union) = p
    expect(bruteForceUnion([r(2, 7)]).toString()).toBe('2/7');
    // a certain event makes the union certain
    expect(bruteForceUnion([r(1, 3), ONE, r(1, 5)]).toString()).toBe('1');
  });

  test('brute force: 16 events are enumerated, 17 are refused with the exact message', () => {
    const sixteen = Array.from({ length: 16 }, () => r(1, 2));
    // 1 - 2^-16
    expect(bruteForceUnion(sixteen).toString()).toBe('65535/65536');
    expectInputError(() => bruteForceUnion([...sixteen, r(1, 2)]), 'brute force needs at most 16 events');
    // the checker enumerates at n = 16
    const res = checkUnionBound(sixteen, 'sixteen');
    expect(res.holds).toBe(true);
    expect(res.figures['enumeration of 2^n atoms']).toBe('65535/65536');
    // and at n = 16 a wrong formula is caught by the enumeration alone (it is within the bounds)
    const wrong = checkUnionBound(sixteen, 'sixteen, wrong', () => r(1, 2));
    expect(wrong.holds).toBe(false);
    expect(wrong.witness?.['enumeration']).toBe('65535/65536');
  });

  test('enumeration over atoms agrees with a second, independent enumeration (inclusion-exclusion)', () => {
    fc.assert(
      fc.property(fc.array(probabilityArb, { minLength: 0, maxLength: 7 }), (ps) => {
        // inclusion-exclusion: sum over non-empty S of (-1)^{|S|+1} prod_{i in S} p_i
        let ie = ZERO;
        for (let mask = 1; mask < 1 << ps.length; mask++) {
          let prod = ONE;
          let size = 0;
          ps.forEach((p, i) => {
            if (mask & (1 << i)) {
              prod = prod.mul(p);
              size++;
            }
          });
          ie = size % 2 === 1 ? ie.add(prod) : ie.sub(prod);
        }
        return bruteForceUnion(ps).eq(ie) && independentUnion(ps).eq(ie);
      }),
      { numRuns: 60 },
    );
  });

  test('checkUnionBound: the whole result on two events (hand-computed)', () => {
    expect(textual(checkUnionBound([r(1, 10), r(1, 5)], 'two events'))).toEqual({
      lemma: 'union-bound',
      input: 'two events',
      holds: true,
      statement: STATEMENT,
      exact: true,
      figures: {
        events: '2',
        'sum P(E_i) (union bound)': '3/10',
        'P(union), independent, exact': '7/25',
        slack: '1/50',
        'enumeration of 2^n atoms': '7/25',
      },
    });
  });

  test('checkUnionBound: the slack is min(1, sum) - exact (sum 3/2 > 1 gives 1 - 7/8)', () => {
    const res = checkUnionBound([r(1, 2), r(1, 2), r(1, 2)], 'three halves');
    expect(res.holds).toBe(true);
    expect(res.witness).toBeUndefined();
    expect(res.figures).toEqual({
      events: '3',
      'sum P(E_i) (union bound)': '3/2',
      'P(union), independent, exact': '7/8',
      slack: '1/8',
      'enumeration of 2^n atoms': '7/8',
    });
    expect(Object.keys(res)).not.toContain('witness');
  });

  test('checkUnionBound figures follow their definitions on random vectors', () => {
    fc.assert(
      fc.property(fc.array(probabilityArb, { minLength: 0, maxLength: 8 }), (ps) => {
        const res = checkUnionBound(ps, 'random');
        let keep = ONE;
        for (const p of ps) keep = keep.mul(ONE.sub(p));
        const exact = ONE.sub(keep);
        const sum = ps.reduce((s, p) => s.add(p), ZERO);
        const capped = sum.lt(ONE) ? sum : ONE;
        return (
          res.holds &&
          res.exact &&
          res.witness === undefined &&
          res.figures['events'] === String(ps.length) &&
          res.figures['sum P(E_i) (union bound)'] === sum.toString() &&
          res.figures['P(union), independent, exact'] === exact.toString() &&
          res.figures['slack'] === capped.sub(exact).toString() &&
          res.figures['enumeration of 2^n atoms'] === exact.toString()
        );
      }),
      { numRuns: 80 },
    );
  });

  test('checkUnionBound: probabilities 0 and 1 are accepted, outside [0, 1] refused with the exact message', () => {
    const edge = checkUnionBound([ZERO, ONE], 'edges');
    expect(edge.holds).toBe(true);
    expect(edge.figures['P(union), independent, exact']).toBe('1');
    expect(edge.figures['slack']).toBe('0');
    expectInputError(
      () => checkUnionBound([r(1, 2), r(-1, 100)], 'neg'),
      'probability 2 must be in [0, 1], got -1/100',
    );
    expectInputError(() => checkUnionBound([r(101, 100)], 'big'), 'probability 1 must be in [0, 1], got 101/100');
    expectInputError(
      () => checkUnionBound([ZERO, ONE, r(1, 2), r(3, 2)], 'big'),
      'probability 4 must be in [0, 1], got 3/2',
    );
  });

  test('17 events: the enumeration is skipped, the verdict rests on the bounds alone', () => {
    const ps = Array.from({ length: 17 }, () => r(1, 2));
    const res = checkUnionBound(ps, 'seventeen');
    expect(res.holds).toBe(true);
    expect(res.figures['events']).toBe('17');
    expect(res.figures['enumeration of 2^n atoms']).toBe('skipped (n > 16)');
    expect(res.figures['P(union), independent, exact']).toBe('131071/131072');
    expect(res.figures['sum P(E_i) (union bound)']).toBe('17/2');
    expect(res.figures['slack']).toBe('1/131072');
  });

  test('NEGATIVE CONTROLS without enumeration (n = 17): exact > sum, exact < 0 and exact > 1 are each refuted', () => {
    const zeros = Array.from({ length: 17 }, () => ZERO);
    const ones = Array.from({ length: 17 }, () => ONE);
    const halves = Array.from({ length: 17 }, () => r(1, 2));
    // exact > sum (sum = 17/2 >= 1, so only the sum clause can catch 9)
    const tooBig = checkUnionBound(halves, 'too big', () => r(9));
    expect(tooBig.holds).toBe(false);
    expect(tooBig.witness).toEqual({
      probabilities: Array.from({ length: 17 }, () => '1/2').join(', '),
      formula: '9',
      enumeration: '-',
      sum: '17/2',
    });
    // exact < 0 with sum = 0: only the sign clause catches it
    const negative = checkUnionBound(zeros, 'negative', () => r(-1, 100));
    expect(negative.holds).toBe(false);
    expect(negative.witness?.['formula']).toBe('-1/100');
    expect(negative.witness?.['sum']).toBe('0');
    expect(negative.figures['slack']).toBe('1/100');
    // exact > 1 with sum = 17: only the clause exact <= 1 catches it
    const aboveOne = checkUnionBound(ones, 'above one', () => r(2));
    expect(aboveOne.holds).toBe(false);
    expect(aboveOne.witness?.['formula']).toBe('2');
    expect(aboveOne.witness?.['enumeration']).toBe('-');
    // the boundaries themselves are fine: exact = 0 with sum = 0, exact = 1 with sum = 17
    expect(checkUnionBound(zeros, 'zero', () => ZERO).holds).toBe(true);
    expect(checkUnionBound(ones, 'one', () => ONE).holds).toBe(true);
    // exact = sum is allowed
    expect(
      checkUnionBound(
        Array.from({ length: 17 }, () => ZERO).map((p, i) => (i === 0 ? r(1, 3) : p)),
        'equal',
        () => r(1, 3),
      ).holds,
    ).toBe(true);
  });

  test('NEGATIVE CONTROL with enumeration: a formula within the bounds but off the enumeration is refuted (full witness)', () => {
    const off: UnionFormula = (ps) => independentUnion(ps).sub(r(1, 1000));
    const res = checkUnionBound([r(1, 2), r(1, 4)], 'off by 1/1000', off);
    expect(textual(res)).toEqual({
      lemma: 'union-bound',
      input: 'off by 1/1000',
      holds: false,
      statement: STATEMENT,
      exact: true,
      figures: {
        events: '2',
        'sum P(E_i) (union bound)': '3/4',
        'P(union), independent, exact': '78/125',
        slack: '63/500',
        'enumeration of 2^n atoms': '5/8',
      },
      witness: { probabilities: '1/2, 1/4', formula: '78/125', enumeration: '5/8', sum: '3/4' },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// the pair construction

/** lambda(w) = |[w - eta, w + eta] cap [-1, 1]|, recomputed here. */
function lambda(w: Rational, eta: Rational): Rational {
  const lo = w.sub(eta).lt(r(-1)) ? r(-1) : w.sub(eta);
  const hi = w.add(eta).gt(ONE) ? ONE : w.add(eta);
  return hi.gt(lo) ? hi.sub(lo) : ZERO;
}

/** p+ = (lambda(w)/2)(eta/2) when eta < 1. */
const side = (w: Rational, eta: Rational): Rational => lambda(w, eta).mul(eta).div(r(4));

/** Exact f = 2 (1 - p)^k - (1 - 2p)^k. */
function fExact(w: Rational, eta: Rational, k: number): Rational {
  const p = side(w, eta);
  return ONE.sub(p).pow(k).mul(r(2)).sub(ONE.sub(p).sub(p).pow(k));
}

/** Exact 1 - prod (1 - f(w)) over all weights of the network. */
function pFailExact(net: Network, eta: Rational, k: number): Rational {
  let keep = ONE;
  for (const m of net.layers) for (const row of m) for (const w of row) keep = keep.mul(ONE.sub(fExact(w, eta, k)));
  return ONE.sub(keep);
}

/** x lies in the certified bracket of w (its ends as exact rationals). */
const inBracket = (x: Rational, w: Wide): boolean => {
  const b = wideToBracket(w);
  return b.lower.le(x) && x.le(b.upper);
};
/** upper - lower of a bracket, exactly. */
const width = (w: Wide): Rational => {
  const b = wideToBracket(w);
  return b.upper.sub(b.lower);
};

describe('union-bound: the pair construction', () => {
  test('p+ = (lambda(w)/2)(eta/2) by hand: interior, clipped and outside weights', () => {
    expect(pairCandidateProbability(ZERO, q('0.1')).toString()).toBe('1/200');
    // lambda(1/2) = 1/2 for eta = 1/4, lambda_v = 1/4: (1/4)(1/8)
    expect(pairCandidateProbability(r(1, 2), r(1, 4)).toString()).toBe('1/32');
    // |w| = 1: lambda = eta
    expect(pairCandidateProbability(r(-1), r(1, 4)).toString()).toBe('1/64');
    // |w| > 1 + eta: lambda = 0
    expect(pairCandidateProbability(r(3, 2), r(1, 4)).isZero()).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 15 }), (wn, en) => {
        const w = r(wn, 32);
        const eta = r(en, 16);
        return pairCandidateProbability(w, eta).eq(side(w, eta));
      }),
      { numRuns: 80 },
    );
  });

  test('pool failure by hand: k = 0 fails surely, k = 1 fails surely, k = 2 and 3', () => {
    const eta = r(1, 4);
    expect(pairWeightFailure(r(1, 2), eta, 0n).exact?.toString()).toBe('1');
    expect(pairWeightFailure(ZERO, q('0.5'), 1n).exact?.toString()).toBe('1');
    // p = 1/32: 2 (31/32)^2 - (30/32)^2 = (1922 - 900)/1024 = 511/512
    expect(pairWeightFailure(r(1, 2), eta, 2n).exact?.toString()).toBe('511/512');
    // 2 (31/32)^3 - (30/32)^3 = (59582 - 27000)/32768 = 16291/16384
    expect(pairWeightFailure(r(-1, 2), eta, 3n).exact?.toString()).toBe('16291/16384');
  });

  test('eta and pool are validated with exact messages; the boundaries 0 and 10^15 of the pool are accepted', () => {
    const net: Network = { layers: [[[r(1, 2)]]] };
    for (const [eta, shown] of [
      [ZERO, '0'],
      [ONE, '1'],
      [r(-1, 2), '-1/2'],
      [r(3, 2), '3/2'],
    ] as const) {
      const msg = `eta must be in (0, 1) (the + and - conditions are then disjoint), got ${shown}`;
      expectInputError(() => pairWeightFailure(ZERO, eta, 1n), msg);
      expectInputError(() => pairFailureProbability(net, eta, 1n), msg);
      expectInputError(() => checkPairUnionBound(net, eta, 1n, 'x'), msg);
    }
    for (const [k, shown] of [
      [-1n, '-1'],
      [10n ** 15n + 1n, '1000000000000001'],
    ] as const) {
      const msg = `pool must be an integer from 0 to 10^15, got ${shown}`;
      expectInputError(() => pairWeightFailure(ZERO, r(1, 2), k), msg);
      expectInputError(() => pairFailureProbability(net, r(1, 2), k), msg);
    }
    // eta just inside (0, 1)
    expect(pairWeightFailure(ZERO, r(1, 1000), 1n).exact).toBeDefined();
    expect(pairWeightFailure(ZERO, r(999, 1000), 1n).exact).toBeDefined();
    // k = 0: every pool fails; k = 10^15 is accepted (|w| = 3/2 > 1 + eta: p = 0, so f = 1 exactly and cheaply)
    const none = pairFailureProbability(net, r(1, 2), 0n);
    expect(none.pFail.exact?.toString()).toBe('1');
    expect(pairWeightFailure(r(3, 2), r(1, 10), 10n ** 15n).exact?.toString()).toBe('1');
  });

  test('checkPairUnionBound: the whole result on [[1/2, -1/2]], eta = 1/4, k = 3 (hand-computed)', () => {
    const net: Network = { layers: [[[r(1, 2), r(-1, 2)]]] };
    const eta = r(1, 4);
    // p = 1/32, f = 16291/16384 for both weights
    const f = r(16291, 16384);
    const pFail = ONE.sub(ONE.sub(f).pow(2));
    const sides = r(4).mul(r(31, 32).pow(3));
    const uniform = r(4).mul(r(63, 64).pow(3));
    expect(pFail).toEqualRational(pFailExact(net, eta, 3));
    const res = checkPairUnionBound(net, eta, 3n, 'two weights');
    const expBound = res.figures['2 N_w exp(-k eta^2/4)'] as string;
    expect(textual(res)).toEqual({
      lemma: 'union-bound',
      input: 'two weights',
      holds: true,
      statement: STATEMENT,
      exact: true,
      figures: {
        'N_w (target weights)': '2',
        eta: '1/4',
        'pool k': '3',
        'P_fail = 1 - prod(1 - f)': pFail.toString(),
        'sum f (union over weights)': f.mul(r(2)).toString(),
        'sum 2(1-p+)^k (union over sides)': sides.toString(),
        '2 N_w (1-eta^2/4)^k (docs/MATH.md §4.2)': uniform.toString(),
        '2 N_w exp(-k eta^2/4)': expBound,
        'slack: 2 N_w (1-eta^2/4)^k - P_fail': uniform.sub(pFail).toString(),
        'worst weight': `layer 1 [0][0] = 1/2, f = ${f.toString()}`,
        'check P_fail <= sum f': 'yes',
        'check sum f <= sum 2(1-p+)^k': 'yes',
        'check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k': 'yes',
        'check 2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4)': 'yes',
      },
      notes: ['P_fail is exact'],
    });
    // 4 exp(-3/64) = 3.81682666387675...
    expect(expBound).toBe('[3.8168266638767532e0, 3.8168266638767533e0]');
    expect(pFail.toString()).toBe('268426807/268435456');
  });

  test('pairFailureProbability fields: counts, eta, pool, bounds by hand (two layers, three groups)', () => {
    // |w| = 0 and 1/2 are interior for eta = 1/10 (lambda = 1/5), |w| = 1 is clipped (lambda = 1/10)
    const net: Network = { layers: [[[ZERO, r(1, 2)]], [[r(-1)]]] };
    const eta = r(1, 10);
    const k = 2;
    const res = pairFailureProbability(net, eta, BigInt(k));
    expect(res.exact).toBe(true);
    expect(res.weights).toBe(3);
    expect(res.eta.toString()).toBe('1/10');
    expect(res.pool).toBe(2n);
    const fs = [fExact(ZERO, eta, k), fExact(r(1, 2), eta, k), fExact(r(-1), eta, k)];
    expect(res.pFail.exact).toEqualRational(pFailExact(net, eta, k));
    expect(res.sumF.exact).toEqualRational(fs[0]!.add(fs[1]!).add(fs[2]!));
    const sides = [ZERO, r(1, 2), r(-1)].reduce((s, w) => s.add(r(2).mul(ONE.sub(side(w, eta)).pow(k))), ZERO);
    expect(res.sidesBound.exact).toEqualRational(sides);
    expect(res.uniformBound.exact).toEqualRational(r(6).mul(r(399, 400).pow(k)));
    // 6 exp(-1/200)
    expect(res.expBound.exact).toBeUndefined();
    const e6 = wideToBracket(res.expBound);
    expect(e6.lower.lt(q('5.97007487515610')) && e6.upper.gt(q('5.97007487515609'))).toBe(true);
    // worst: the clipped weight, in layer 2
    expect(res.worst?.layer).toBe(2);
    expect(res.worst?.row).toBe(0);
    expect(res.worst?.col).toBe(0);
    expect(res.worst?.w.toString()).toBe('-1');
    expect(res.worst?.f.exact).toEqualRational(fs[2]!);
    expect(checkPairUnionBound(net, eta, 2n, 'x').figures['worst weight']).toBe(
      `layer 2 [0][0] = -1, f = ${fs[2]!.toString()}`,
    );
  });

  test('worst weight: the first of equal failures is kept; row and column are reported', () => {
    // 0 and 1/2 are both interior for eta = 1/10: equal f, the first (column 0) is the worst
    const tie: Network = { layers: [[[ZERO, r(1, 2)]]] };
    expect(checkPairUnionBound(tie, r(1, 10), 2n, 'tie').figures['worst weight']).toBe(
      `layer 1 [0][0] = 0, f = ${fExact(ZERO, r(1, 10), 2).toString()}`,
    );
    // the clipped weight sits in row 1, column 2 of layer 1
    const placed: Network = {
      layers: [
        [
          [ZERO, r(1, 4), r(1, 2)],
          [r(1, 8), r(-3, 8), r(-19, 20)],
        ],
      ],
    };
    const res = pairFailureProbability(placed, r(1, 10), 2n);
    expect([res.worst?.layer, res.worst?.row, res.worst?.col]).toEqual([1, 1, 2]);
    expect(res.worst?.w.toString()).toBe('-19/20');
    // a network without weights has no worst weight and P_fail = 0
    const empty = pairFailureProbability({ layers: [] }, r(1, 10), 2n);
    expect(empty.worst).toBeUndefined();
    expect(empty.weights).toBe(0);
    expect(empty.pFail.exact?.isZero()).toBe(true);
    const emptyRes = checkPairUnionBound({ layers: [] }, r(1, 10), 2n, 'empty');
    expect(emptyRes.holds).toBe(true);
    expect(Object.keys(emptyRes.figures)).not.toContain('worst weight');
  });

  test('grouping by |w| does not change the exact P_fail (w and -w, repeated weights)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (ws, k) => {
          const net: Network = { layers: [[ws.map((v) => r(v, 6))]] };
          const eta = r(1, 3);
          const res = pairFailureProbability(net, eta, BigInt(k));
          return (
            res.exact &&
            res.weights === ws.length &&
            res.pFail.exact!.eq(pFailExact(net, eta, k)) &&
            res.sumF.exact!.eq(ws.reduce((s, v) => s.add(fExact(r(v, 6), eta, k)), ZERO))
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  test('|w| > 1 (H violated): the sides inequality is not applicable and the verdict still holds', () => {
    const net: Network = { layers: [[[r(3, 2), r(1, 2)]]] };
    const res = checkPairUnionBound(net, r(1, 10), 2n, 'violates H');
    expect(res.holds).toBe(true);
    expect(res.witness).toBeUndefined();
    expect(res.figures['check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k']).toBe(
      'not applicable: some |w| > 1 (the target violates H)',
    );
    expect(res.figures['check P_fail <= sum f']).toBe('yes');
    expect(res.figures['check sum f <= sum 2(1-p+)^k']).toBe('yes');
    expect(res.figures['check 2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4)']).toBe('yes');
    // the 3/2 weight cannot be served at all: f = 1, so P_fail = 1
    expect(res.figures['P_fail = 1 - prod(1 - f)']).toBe('1');
    expect(res.figures['worst weight']).toBe('layer 1 [0][0] = 3/2, f = 1');
    // the sides bound does exceed the uniform bound here: checking it would be a false refutation
    const pf = pairFailureProbability(net, r(1, 10), 2n);
    expect(pf.sidesBound.exact!.gt(pf.uniformBound.exact!)).toBe(true);
    // |w| = 1 exactly is in H: the check applies
    const edge = checkPairUnionBound({ layers: [[[ONE, r(-1)]]] }, r(1, 10), 2n, 'edge');
    expect(edge.figures['check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k']).toBe('yes');
    // a violation in a later row or layer is found too
    // (one bad entry in one row of the second layer; the other row and layer are inside H)
    const later = checkPairUnionBound(
      {
        layers: [
          [[r(1, 2)], [r(1, 4)]],
          [
            [r(1, 4), r(1, 4)],
            [r(1, 2), r(-11, 10)],
          ],
        ],
      },
      r(1, 10),
      2n,
      'later',
    );
    expect(later.figures['check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k']).toBe(
      'not applicable: some |w| > 1 (the target violates H)',
    );
    expect(later.holds).toBe(true);
  });
});

describe('union-bound: certified brackets', () => {
  test('one weight, k = 700: P_fail = sum f, so that check is undecided and the note says why', () => {
    const net: Network = { layers: [[[r(1, 2)]]] };
    const res = checkPairUnionBound(net, r(1, 4), 700n, 'single');
    expect(res.holds).toBe(true);
    expect(res.exact).toBe(false);
    expect(res.witness).toBeUndefined();
    expect(res.figures['check P_fail <= sum f']).toBe('consistent (brackets overlap, no certified order)');
    expect(res.figures['check sum f <= sum 2(1-p+)^k']).toBe('yes');
    expect(res.notes).toEqual([
      'P_fail is a certified bracket (powers too large for exact rationals)',
      '1 inequalities hold with equality or nearly (e.g. P_fail = sum f when N_w = 1): the brackets overlap, which is no violation',
    ]);
    const f = fExact(r(1, 2), r(1, 4), 700);
    const pf = pairFailureProbability(net, r(1, 4), 700n);
    expect(inBracket(f, pf.pFail)).toBe(true);
    expect(inBracket(f, pf.sumF)).toBe(true);
    expect(width(pf.pFail)).toBeBelow(f.mul(q('1e-18')));
    expect(pf.worst?.f.exact).toBeUndefined();
  });

  test('two equal weights (one group of 2): 1 - (1 - f)^2 evaluated at both ends of f, width far below f^2', () => {
    const net: Network = { layers: [[[r(1, 2), r(-1, 2)]]] };
    const eta = r(1, 4);
    const res = pairFailureProbability(net, eta, 700n);
    expect(res.exact).toBe(false);
    const f = fExact(r(1, 2), eta, 700);
    const exact = pFailExact(net, eta, 700);
    expect(inBracket(exact, res.pFail)).toBe(true);
    // the Bonferroni pair [2f - f^2, 2f] had width f^2 (about 2e-19 here); the series bounds are tight
    expect(width(res.pFail)).toBeBelow(exact.mul(q('1e-18')));
    expect(relativeWidth(res.pFail)).toBeLessThan(1e-18);
    expect(inBracket(f.mul(r(2)), res.sumF)).toBe(true);
    expect(inBracket(r(4).mul(ONE.sub(side(r(1, 2), eta)).pow(700)), res.sidesBound)).toBe(true);
    expect(inBracket(r(4).mul(r(63, 64).pow(700)), res.uniformBound)).toBe(true);
    const figs = checkPairUnionBound(net, eta, 700n, 'cert').figures;
    // before: '[8.9178641297056030e-10, 8.9178641316938106e-10]' (Bonferroni)
    expect(figs['P_fail = 1 - prod(1 - f)']).toBe('[8.9178641297056030e-10, 8.9178641297056031e-10]');
    expect(figs['sum f (union over weights)']).toBe('[8.9178641316938105e-10, 8.9178641316938106e-10]');
    // now P_fail < sum f is certified
    expect(figs['check P_fail <= sum f']).toBe('yes');
  });

  test('an exact f whose power (1 - f)^c is too large for an exact rational: a tight certified bracket', () => {
    // |w| = 10/11, eta = 1/10, k = 120: f is exact (about 3000 bits), (1 - f)^2 is not
    const w = r(10, 11);
    const eta = r(1, 10);
    const f = fExact(w, eta, 120);
    expect(pairWeightFailure(w, eta, 120n).exact).toEqualRational(f);
    const two = pairFailureProbability({ layers: [[[w, w.neg()]]] }, eta, 120n);
    expect(two.exact).toBe(false);
    const exact = f.mul(r(2)).sub(f.mul(f));
    expect(inBracket(exact, two.pFail)).toBe(true);
    expect(relativeWidth(two.pFail)).toBeLessThan(1e-30);
  });

  test('three equal weights (one group of 3): contains the exact value, relative width below 1e-18', () => {
    const net: Network = { layers: [[[r(1, 2)], [r(-1, 2)], [r(1, 2)]]] };
    const eta = r(1, 4);
    const res = pairFailureProbability(net, eta, 700n);
    const exact = pFailExact(net, eta, 700);
    expect(inBracket(exact, res.pFail)).toBe(true);
    expect(relativeWidth(res.pFail)).toBeLessThan(1e-18);
    expect(wideToBracket(res.pFail).lower).toBeAbove(ZERO);
  });

  test('distinct weights (groups of one): the certified union is tight', () => {
    const ws = [r(1, 2), r(7, 8), r(-1), r(15, 16)];
    const net: Network = { layers: [[ws]] };
    const eta = r(1, 4);
    const res = pairFailureProbability(net, eta, 700n);
    expect(res.exact).toBe(false);
    const exact = pFailExact(net, eta, 700);
    expect(inBracket(exact, res.pFail)).toBe(true);
    expect(width(res.pFail)).toBeBelow(exact.mul(q('1e-18')));
    const sumF = ws.reduce((s, w) => s.add(fExact(w, eta, 700)), ZERO);
    expect(inBracket(sumF, res.sumF)).toBe(true);
    expect(width(res.sumF)).toBeBelow(sumF.mul(q('1e-18')));
    // the worst weight is |w| = 1 (smallest lambda)
    expect(res.worst?.w.toString()).toBe('-1');
    expect(res.worst?.col).toBe(2);
    expect(inBracket(fExact(ONE, eta, 700), res.worst!.f)).toBe(true);
  });

  test('failures near 1 (eta = 1/1000): brackets stay inside [0, 1]', () => {
    const net: Network = { layers: [[[r(1, 2), r(-1, 2), r(1, 4)]]] };
    const res = pairFailureProbability(net, r(1, 1000), 700n);
    expect(res.exact).toBe(false);
    const b = wideToBracket(res.pFail);
    expect(b.lower.sign()).toBeGreaterThanOrEqual(0);
    expect(b.upper).toBeLessOrEqual(ONE);
    expect(b.lower).toBeAbove(q('0.99'));
    expect(inBracket(pFailExact(net, r(1, 1000), 700), res.pFail)).toBe(true);
    expect(relativeWidth(res.pFail)).toBeLessThan(1e-30);
    expect(checkPairUnionBound(net, r(1, 1000), 700n, 'near 1').holds).toBe(true);
  });

  test('many distinct exact powers: intermediates past 16000 bits become certified, small ones stay exact', () => {
    // |w| = 1 - 1/p for primes p: lambda = 1/p + 1/10 distinct, denominators 400 p; k = 120 keeps each power exact
    const primes = [11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71];
    const eta = r(1, 10);
    const many: Network = { layers: [[primes.map((p) => ONE.sub(r(1, p)))]] };
    const res = pairFailureProbability(many, eta, 120n);
    expect(res.exact).toBe(false);
    expect(res.sumF.exact).toBeUndefined();
    expect(res.sidesBound.exact).toBeUndefined();
    const exact = pFailExact(many, eta, 120);
    expect(inBracket(exact, res.pFail)).toBe(true);
    expect(relativeWidth(res.pFail)).toBeLessThan(1e-30);
    const sumF = primes.reduce((s, p) => s.add(fExact(ONE.sub(r(1, p)), eta, 120)), ZERO);
    expect(inBracket(sumF, res.sumF)).toBe(true);
    // each f is exact (single power well below the limits)
    expect(pairWeightFailure(ONE.sub(r(1, 11)), eta, 120n).exact).toBeDefined();
    // two of them stay exact
    const few: Network = { layers: [[primes.slice(0, 2).map((p) => ONE.sub(r(1, p)))]] };
    const small = pairFailureProbability(few, eta, 120n);
    expect(small.exact).toBe(true);
    expect(small.pFail.exact).toEqualRational(pFailExact(few, eta, 120));
    expect(small.sumF.exact).toBeDefined();
  });
});

describe('union-bound: the verdict on figures that violate the chain (negative controls)', () => {
  const net: Network = { layers: [[[r(1, 2), r(-1, 2)]]] };
  const base = (): PairFailure => pairFailureProbability(net, r(1, 4), 3n);

  test('the real figures give the same result as checkPairUnionBound', () => {
    expect(pairUnionBoundResult(base(), true, 'x')).toEqual(checkPairUnionBound(net, r(1, 4), 3n, 'x'));
  });

  test('P_fail > sum f is a certified violation: refuted, with the failed inequality as witness', () => {
    const res = pairUnionBoundResult({ ...base(), sumF: exactW(r(1, 2)) }, true, 'broken');
    expect(res.holds).toBe(false);
    expect(res.figures['check P_fail <= sum f']).toBe('NO (certified violation)');
    expect(res.figures['check sum f <= sum 2(1-p+)^k']).toBe('yes');
    expect(res.figures['sum f (union over weights)']).toBe('1/2');
    expect(res.witness).toEqual({ failed: 'P_fail <= sum f' });
    expect(res.notes).toEqual(['P_fail is exact']);
    expect(res.exact).toBe(true);
    expect(res.lemma).toBe('union-bound');
    expect(res.input).toBe('broken');
  });

  test('two violations are both listed; a skipped inequality is not one of them', () => {
    const broken: PairFailure = { ...base(), sumF: exactW(r(1, 2)), uniformBound: exactW(r(1, 100)) };
    const res = pairUnionBoundResult(broken, true, 'two');
    expect(res.holds).toBe(false);
    expect(res.witness).toEqual({ failed: 'P_fail <= sum f; sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k' });
    expect(res.figures['check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k']).toBe('NO (certified violation)');
    const skipped = pairUnionBoundResult(broken, false, 'skipped');
    expect(skipped.witness).toEqual({ failed: 'P_fail <= sum f' });
    expect(skipped.figures['check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k']).toBe(
      'not applicable: some |w| > 1 (the target violates H)',
    );
    // only the sides inequality is broken: skipping it restores the verdict
    const onlySides = pairUnionBoundResult({ ...base(), uniformBound: exactW(r(1, 100)) }, false, 'only sides');
    expect(onlySides.holds).toBe(true);
    expect(onlySides.witness).toBeUndefined();
    expect(pairUnionBoundResult({ ...base(), uniformBound: exactW(r(1, 100)) }, true, 'only sides').holds).toBe(false);
    // the last inequality is checked too
    const last = pairUnionBoundResult({ ...base(), expBound: exactW(r(1, 100)) }, true, 'last');
    expect(last.witness).toEqual({ failed: '2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4)' });
  });

  test('overlapping brackets are undecided, counted in the note, and no violation', () => {
    const b: Wide = bracketW({ lower: r(1, 3), upper: r(1, 2) });
    const res = pairUnionBoundResult({ ...base(), exact: false, pFail: b, sumF: b, sidesBound: b }, true, 'overlap');
    expect(res.holds).toBe(true);
    expect(res.exact).toBe(false);
    expect(res.figures['check P_fail <= sum f']).toBe('consistent (brackets overlap, no certified order)');
    expect(res.figures['check sum f <= sum 2(1-p+)^k']).toBe('consistent (brackets overlap, no certified order)');
    expect(res.figures['check sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k']).toBe('yes');
    expect(res.notes).toEqual([
      'P_fail is a certified bracket (powers too large for exact rationals)',
      '2 inequalities hold with equality or nearly (e.g. P_fail = sum f when N_w = 1): the brackets overlap, which is no violation',
    ]);
    // exact equality is decided (a <= a)
    const eq = pairUnionBoundResult({ ...base(), sumF: base().pFail }, true, 'equal');
    expect(eq.figures['check P_fail <= sum f']).toBe('yes');
    expect(eq.notes).toEqual(['P_fail is exact']);
  });

  test('without weights there is no worst-weight figure', () => {
    const res = pairUnionBoundResult({ ...base(), worst: undefined }, true, 'none');
    expect(Object.keys(res.figures)).not.toContain('worst weight');
    expect(res.figures['eta']).toBe('1/4');
    expect(res.figures['pool k']).toBe('3');
  });
});
