/**
 * The stated width of a construction, restated for the kernel: the certified tolerance eta and the
 * pool size of every target layer. The constructions' copy is src/constructions/width.ts (with
 * product-probability.ts); the kernel does not import it, and a property test checks that the two
 * agree on random shapes, eps and delta.
 *
 * With L = ln(1 + eps) rounded down, S = sum_i sqrt(n_i n_{i-1}) rounded up and N_w = sum_i n_i n_{i-1}:
 *
 * - eta = floor to 64 fractional bits of L / S (product) or sqrt(1 + L/S) - 1 rounded down (pair, shared),
 *   the latter at most 1/2 (so no unit can qualify for both sides);
 * - pair and shared: every pool is ceil(ln(2 N_w / delta) / (eta^2 / 4)), ln rounded up;
 * - product: pool i is ceil(ln(2 N_w / delta) / p_i), p_i a lower bound of the chance that one unit
 *   qualifies for a weight of the largest size allowed (1 under H, 1/sqrt(n_{i-1}) under H'):
 *   p(w) = (F(min(|w| + eta, 1)) -/+ F(| |w| - eta |)) / 4 with F(t) = t (1 - ln t), + when |w| < eta.
 *
 * There is no stated width outside the inputs `slth construct` accepts (1e-30 <= eps <= 1e6,
 * 1e-300 <= delta < 1) or when eta rounds to 0 (as it does for every eps below about 1e-19).
 */
import { floorDyadic, lnBracket, lnLower, lnUpper, sqrtLower, sqrtUpper } from '../numeric/certified.js';
import type { Bracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import { EPS_MAX } from './limits.js';

/** Fractional bits of eta. */
export const ETA_BITS = 64;
const DELTA_MIN = Rational.of(1n, 10n ** 300n);

/** The constructions the kernel knows. */
export type Construction = 'pair' | 'shared' | 'product';

/** The stated tolerance and pools. */
export interface Stated {
  readonly eta: Rational;
  readonly pool: readonly bigint[];
}

/** ln(1 + eps) / S, rounded down, for target widths n_0..n_l. */
function lOverS(widths: readonly number[], eps: Rational): Rational {
  let S = Rational.ZERO;
  for (let i = 1; i < widths.length; i++)
    S = S.add(sqrtUpper(Rational.of((widths[i] as number) * (widths[i - 1] as number))));
  return lnLower(Rational.ONE.add(eps)).div(S);
}

/** F(t) = t (1 - ln t) on [0, 1], bracketed. */
function f(t: Rational): Bracket {
  if (t.isZero()) return { lower: Rational.ZERO, upper: Rational.ZERO };
  const ln = lnBracket(t);
  return { lower: t.mul(Rational.ONE.sub(ln.upper)), upper: t.mul(Rational.ONE.sub(ln.lower)) };
}

/** Lower bound of the product construction's per-unit chance for a weight of size x. */
function productChance(x: Rational, eta: Rational): Rational {
  const a = Rational.max(x.sub(eta), Rational.MINUS_ONE);
  const b = f(Rational.min(x.add(eta), Rational.ONE));
  const lower = a.sign() >= 0 ? b.lower.sub(f(a).upper) : b.lower.add(f(a.neg()).lower);
  return Rational.max(lower.mul(Rational.of(1, 4)), Rational.ZERO);
}

/**
 * The stated width for target widths n_0..n_l, eps, delta and a construction (H' matters for
 * product only), or null when there is none.
 *
 * @example
 * ```ts
 * statedFor('pair', [1, 1], Rational.parse('1/10'), Rational.parse('1/10'), false); // { eta, pool: [k] }
 * ```
 */
export function statedFor(
  construction: Construction,
  widths: readonly number[],
  eps: Rational,
  delta: Rational,
  hprime: boolean,
): Stated | null {
  // (eps < 1e-30, which construct refuses too, needs no test: eta then rounds to 0 below)
  if (eps.gt(Rational.of(EPS_MAX)) || delta.lt(DELTA_MIN) || delta.ge(Rational.ONE)) return null;
  const ratio = lOverS(widths, eps);
  const raw = construction === 'product' ? ratio : sqrtLower(Rational.ONE.add(ratio)).sub(Rational.ONE);
  const floored = floorDyadic(raw, ETA_BITS);
  const half = Rational.of(1, 2);
  const eta = construction !== 'product' && floored.gt(half) ? half : floored;
  if (eta.sign() <= 0) return null;
  let weights = 0;
  for (let i = 1; i < widths.length; i++) weights += (widths[i] as number) * (widths[i - 1] as number);
  const log = lnUpper(Rational.of(2 * weights).div(delta));
  const chances =
    construction === 'product'
      ? widths.slice(0, -1).map((nIn) => {
          const wMax = hprime ? Rational.min(Rational.ONE, sqrtUpper(Rational.of(1, nIn))) : Rational.ONE;
          return productChance(wMax, eta);
        })
      : widths.slice(1).map(() => eta.mul(eta).div(Rational.of(4)));
  // every chance is positive: eta >= 2^-64 and F is bracketed to about 60 digits
  return { eta, pool: chances.map((p) => log.div(p).ceil()) };
}

/**
 * The stated width of construction D (subset sums) with the constant C_D a certificate states:
 * eta = L / S rounded down to 64 fractional bits (as product), and for every layer
 * k = ceil(C_D log2(2 N_w / min(eta, delta))) (at least 1), decided exactly: certified ln brackets,
 * and when C_D log2 x lies within their width of an integer m, the integer comparison
 * x^p <= 2^(m q) for C_D = p/q (a constant too long to compare that way gets the larger value, as
 * the producer's does). Null when there is none (eps or delta outside what construct accepts, or
 * eta rounding to 0).
 *
 * @example
 * ```ts
 * subsetStated([2, 3, 1], Rational.parse('0.1'), Rational.parse('1e-6'), Rational.of(32, 3)); // { eta, pool: [k, k] }
 * ```
 */
export function subsetStated(widths: readonly number[], eps: Rational, delta: Rational, C: Rational): Stated | null {
  if (eps.gt(Rational.of(EPS_MAX)) || delta.lt(DELTA_MIN) || delta.ge(Rational.ONE) || C.sign() <= 0) return null;
  const eta = floorDyadic(lOverS(widths, eps), ETA_BITS);
  if (eta.sign() <= 0) return null;
  let weights = 0;
  for (let i = 1; i < widths.length; i++) weights += (widths[i] as number) * (widths[i - 1] as number);
  const x = Rational.of(2 * weights).div(Rational.min(eta, delta));
  const lx = lnBracket(x);
  const l2 = lnBracket(Rational.of(2));
  const lo = C.mul(lx.lower).div(l2.upper);
  const hi = C.mul(lx.upper).div(l2.lower);
  let k = lo.ceil();
  if (k !== hi.ceil()) {
    // C log2 x <= k  <=>  x^p <= 2^(k q)  (x = a/b: a^p <= 2^(k q) b^p)
    const p = C.num;
    const q = C.den;
    if (p > 10_000n || k * q > 1_000_000n) k = hi.ceil();
    else if (x.num ** p > (1n << (k * q)) * x.den ** p) k += 1n;
  }
  const pool = k < 1n ? 1n : k;
  return { eta, pool: widths.slice(1).map(() => pool) };
}
