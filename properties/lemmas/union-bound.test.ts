/**
 * Lemma 3 (union bound): exact independent unions against the bound and a 2^n-atom enumeration,
 * the exact pair-construction failure probability against an independent multinomial count, and
 * a negative control (a formula that adds instead of multiplying).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Network } from '../../src/network/network.js';
import { generateTarget } from '../../src/network/generate.js';
import { Rational } from '../../src/numeric/rational.js';
import { wideToBracket } from '../../src/numeric/wide.js';
import type { UnionFormula } from '../../src/lemmas/union-bound.js';
import {
  bruteForceUnion,
  checkPairUnionBound,
  checkUnionBound,
  independentUnion,
  pairFailureProbability,
  pairWeightFailure,
  unionSum,
} from '../../src/lemmas/union-bound.js';
import { pairCandidateProbability } from '../../src/theory/candidate-probability.js';
import { probabilityArb } from './_arbitraries.js';

const ONE = Rational.ONE;
const vecArb = fc.array(probabilityArb, { minLength: 1, maxLength: 10 });

/** Independent count: P(no + or no - among k) = 1 - sum_{a>=1, b>=1} k!/(a! b! c!) p^a p^b q^c. */
function failureByCounting(p: Rational, k: number): Rational {
  const q = ONE.sub(p).sub(p);
  const fact = (n: number): bigint => (n <= 1 ? 1n : BigInt(n) * fact(n - 1));
  let success = Rational.ZERO;
  for (let a = 1; a <= k; a++) {
    for (let b = 1; a + b <= k; b++) {
      const c = k - a - b;
      const coef = Rational.of(fact(k) / (fact(a) * fact(b) * fact(c)));
      success = success.add(coef.mul(p.pow(a)).mul(p.pow(b)).mul(q.pow(c)));
    }
  }
  return ONE.sub(success);
}

const m = (rows: string[][]): Rational[][] => rows.map((r) => r.map((v) => Rational.parse(v)));

describe('union-bound', () => {
  test('exact independent union <= sum, equals the 2^n-atom enumeration, slack >= 0', () => {
    fc.assert(
      fc.property(vecArb, (ps) => {
        const r = checkUnionBound(ps, 'random');
        return (
          r.holds &&
          independentUnion(ps).le(unionSum(ps)) &&
          independentUnion(ps).eq(bruteForceUnion(ps)) &&
          Rational.parse(r.figures['slack'] as string).sign() >= 0
        );
      }),
      { numRuns: 200 },
    );
  });

  test('NEGATIVE CONTROL: an "exact" formula that adds instead of multiplying is caught', () => {
    const adds: UnionFormula = (ps) => ONE.sub(Rational.sum(ps.map((p) => ONE.sub(p))));
    const run = fc.check(fc.property(vecArb, (ps) => checkUnionBound(ps, 'broken', adds).holds));
    expect(run.failed).toBe(true);
    const r = checkUnionBound([Rational.of(1, 2), Rational.of(1, 2)], 'two halves', adds);
    expect(r.holds).toBe(false);
    expect(r.witness?.['formula']).toBe('0');
    expect(r.witness?.['enumeration']).toBe('3/4');
  });

  test('pool failure f = (1-p+)^k + (1-p-)^k - (1-p+-p-)^k equals an independent multinomial count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -64, max: 64 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 9 }),
        (wn, en, k) => {
          const w = Rational.of(wn, 64);
          const eta = Rational.of(en, 16);
          const f = pairWeightFailure(w, eta, BigInt(k));
          return f.exact !== undefined && f.exact.eq(failureByCounting(pairCandidateProbability(w, eta), k));
        },
      ),
      { numRuns: 120 },
    );
  });

  test('pairFailureProbability: exact for small k, equal to 1 - prod(1 - f) over all weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 1, max: 20 }),
        (rows, k) => {
          const net: Network = { layers: [rows.map((r) => r.map((v) => Rational.of(v, 8)))] };
          const eta = Rational.of(1, 8);
          const r = pairFailureProbability(net, eta, BigInt(k));
          let keep = ONE;
          for (const row of net.layers[0]!)
            for (const w of row) keep = keep.mul(ONE.sub(pairWeightFailure(w, eta, BigInt(k)).exact!));
          return r.exact && r.pFail.exact!.eq(ONE.sub(keep));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('certified mode (large k) brackets the exact value', () => {
    const net: Network = {
      layers: [
        m([
          ['1/2', '-1/4'],
          ['0', '3/4'],
        ]),
      ],
    };
    const eta = Rational.of(1, 8);
    const k = 700; // powers of about 7000 bits: certified
    const r = pairFailureProbability(net, eta, BigInt(k));
    expect(r.exact).toBe(false);
    let keep = ONE;
    for (const row of net.layers[0]!) {
      for (const w of row) {
        const p = pairCandidateProbability(w, eta);
        const f = ONE.sub(p).pow(k).mul(Rational.of(2)).sub(ONE.sub(p).sub(p).pow(k));
        keep = keep.mul(ONE.sub(f));
      }
    }
    const exact = ONE.sub(keep);
    const b = wideToBracket(r.pFail);
    expect(b.lower.le(exact) && exact.le(b.upper)).toBe(true);
    expect(b.upper.sub(b.lower)).toBeBelow(exact.mul(Rational.parse('1e-18')));
  });

  test('the chain P_fail <= sum f <= 2 N_w (1 - eta^2/4)^k <= 2 N_w exp(-k eta^2/4) on generated targets (H)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([1, 2], [2, 3, 1], [3, 2, 2]),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1'), minLength: 1, maxLength: 6 }),
        fc.constantFrom(1n, 10n, 200n, 5000n),
        fc.constantFrom('1/10', '1/4', '1/2'),
        (widths, seed, k, eta) => checkPairUnionBound(generateTarget(widths, seed), Rational.parse(eta), k, 't').holds,
      ),
      { numRuns: 25 },
    );
    // a stated-width-sized pool: certified brackets of probabilities near e^-15000
    const r = checkPairUnionBound(generateTarget([3, 2, 2], 'big'), Rational.parse('1/4'), 10n ** 6n, 'k = 10^6');
    expect(r.holds).toBe(true);
    expect(r.exact).toBe(false);
  });
});
