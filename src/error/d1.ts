/**
 * Exact sup error for input dimension d = 1.
 *
 * The unit ball is [-1, 1]. By positive homogeneity D(x) = x D(1) for x >= 0 and
 * D(x) = |x| D(-1) for x <= 0, so sup_{|x| <= 1} ||D(x)|| = max(||D(1)||, ||D(-1)||) exactly.
 */
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { pairDims } from './difference.js';
import { ExactPair } from './witness.js';
import type { SupErrorResult } from './result.js';
import { surdOf, surdSqrtBracket } from '../numeric/surd.js';

/**
 * The exact sup error of two networks with d = 1: supSquared is exact, the sup is exact for a
 * scalar output (|D(+-1)|) and a certified bracket otherwise (exact when a rational square).
 *
 * @example
 * ```ts
 * const r = supErrorD1(a, b);
 * r.supSquared?.toString(); // e.g. '9/16'
 * ```
 */
export function supErrorD1(a: Network, b: Network): SupErrorResult {
  const t0 = performance.now();
  const dims = pairDims(a, b);
  if (dims.inputDim !== 1) throw new RangeError(`supErrorD1 needs d = 1, got d = ${dims.inputDim}`);
  const plus = [Rational.ONE];
  const minus = [Rational.MINUS_ONE];
  // ||D(+-1)||^2 = ratio at +-1 (||x|| = 1), by exact integer forward passes
  const exact = new ExactPair(a, b);
  const sp = exact.ratio(plus);
  const sm = exact.ratio(minus);
  const best = sm.gt(sp) ? { x: minus, s: sm } : { x: plus, s: sp };
  const surd = surdOf(best.s);
  const { lower, upper } = surdSqrtBracket(surd);
  return {
    method: 'exact-d1',
    exact: true,
    inputDim: 1,
    outputDim: dims.outputDim,
    supSquared: best.s,
    supSquaredSurd: surd,
    lower,
    upper,
    upperSquared: best.s,
    witness: best.x,
    witnessSquared: best.s,
    attained: true,
    elapsedMs: performance.now() - t0,
  };
}
