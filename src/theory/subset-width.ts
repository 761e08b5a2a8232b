/**
 * The stated pool of construction D (subset sums, docs/MATH.md §4.5): k units per input coordinate,
 *
 *   k = ceil( C_D log2( 2 N_w / min(eta, delta) ) ),
 *
 * the same for every target layer. No explicit constant exists in the literature (Lueker; Pensia
 * et al. 2020, Cor. 2; da Cunha et al. 2023 give O(log 1/eps) with unspecified constants), so C_D
 * is calibrated empirically by `scripts/calibrate-subset.ts` for the law the construction uses
 * (values u v of G weights, split by the sign of u) and the universal event (every slot and sign
 * covers [-1, 1] within eta), and written to fixtures/calibration/subset-products.json.
 * {@link SUBSET_LUEKER_C} copies it (a test checks that the two agree). It is calibrated, not
 * proven: every output that uses it says so, and `--lueker-c` replaces it.
 */
import { InputError } from '../errors.js';
import { ceilDyadic, lnBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';

/**
 * The calibrated constant C_D (fixtures/calibration/subset-products.json, `C`): the largest
 * n_min / log2(2 N_w / eta) over eta in {1/4, ..., 1/128} and N_w in {1, 4, 16}, n_min the least
 * pool whose exact Clopper-Pearson lower bound (alpha = 0.05, 1000 seeds) of P(G is
 * eta-universal) is >= 1 - eta. Calibrated, not proven.
 *
 * @example
 * ```ts
 * SUBSET_LUEKER_C.toString(); // '32/3'
 * ```
 */
export const SUBSET_LUEKER_C: Rational = Rational.of(32, 3);

/**
 * The least integer n >= C log2(x) for C > 0 and x > 1, exactly: certified ln brackets decide it
 * unless C log2(x) is within their width of an integer m, and then C log2 x <= m is decided as
 * x^p <= 2^(m q) in integers (C = p/q).
 *
 * @example
 * ```ts
 * ceilCLog2(Rational.of(5, 2), Rational.of(16)); // 10n: 2.5 * log2(16) = 10 exactly
 * ```
 */
export function ceilCLog2(C: Rational, x: Rational): bigint {
  if (C.sign() <= 0) throw new InputError(`the constant C_D must be > 0, got ${C.toString()}`);
  if (x.le(Rational.ONE)) throw new RangeError(`ceilCLog2: x must be > 1, got ${x.toString()}`);
  const lx = lnBracket(x);
  const l2 = lnBracket(Rational.of(2));
  const lo = C.mul(lx.lower).div(l2.upper);
  const hi = C.mul(lx.upper).div(l2.lower);
  if (lo.ceil() === hi.ceil()) return lo.ceil();
  const m = lo.ceil();
  // C log2 x <= m  <=>  x^p <= 2^(m q)  <=>  a^p <= 2^(m q) b^p  (x = a/b)
  const p = C.num;
  const q = C.den;
  if (p > 10_000n || m * q > 1_000_000n) return hi.ceil(); // never reached by sane inputs: stay safe (larger)
  const left = x.num ** p;
  const right = (1n << (m * q)) * x.den ** p;
  return left <= right ? m : m + 1n;
}

/**
 * The stated pool k of construction D and a certified upper bound of its log2 term.
 *
 * @example
 * ```ts
 * subsetPool(88, Rational.parse('0.006'), Rational.parse('0.01'), Rational.of(32, 3)).k; // ceil(32/3 log2(176/0.006))
 * ```
 */
export function subsetPool(
  weights: number,
  eta: Rational,
  delta: Rational,
  C: Rational,
): { k: bigint; log2Term: Rational } {
  if (C.sign() <= 0) throw new InputError(`luekerC must be > 0, got ${C.toString()}`, { params: ['luekerC'] });
  if (C.gt(Rational.of(1_000_000)))
    throw new InputError(`luekerC is absurdly large (> 1e6): ${C.toScientific(6)}`, { params: ['luekerC'] });
  const x = Rational.of(2 * weights).div(Rational.min(eta, delta));
  const k = ceilCLog2(C, x);
  const log2Term = ceilDyadic(lnBracket(x).upper.div(lnBracket(Rational.of(2)).lower), 64);
  return { k: k < 1n ? 1n : k, log2Term };
}

/**
 * An upper bound of the active weights of a construction D subnetwork: every kept unit has one
 * in-edge (at most k_i n_{i-1} units per layer) and every gadget at most k_i out-edges:
 * sum_i k_i n_{i-1} (1 + n_i).
 *
 * @example
 * ```ts
 * subsetActiveWeightsUpper([2, 3, 1], [10n, 10n]); // 10*2*4 + 10*3*2 = 140
 * ```
 */
export function subsetActiveWeightsUpper(widths: readonly number[], pool: readonly bigint[]): number {
  let total = 0n;
  for (let i = 1; i < widths.length; i++) {
    total += (pool[i - 1] as bigint) * BigInt(widths[i - 1] as number) * (1n + BigInt(widths[i] as number));
  }
  return Number(total);
}
