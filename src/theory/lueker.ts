/**
 * The logarithmic sample counts of subset-sum arguments (Lueker; Pensia et al.), docs/MATH.md
 * §4.5 and §5.6: the least integer n >= C log2(x), decided exactly for a rational constant C,
 * which no published source makes explicit (slth calibrates it and says so).
 */
import { InputError } from '../errors.js';
import { lnBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/**
 * The stated n of the subset-sum claim: the least integer n >= C log2(2/eps) (and >= 1), exact:
 * certified ln brackets decide it unless C log2(2/eps) is within their width of an integer m,
 * in which case C log2(2/eps) <= m is decided as (2/eps)^p <= 2^(m q) in integers (C = p/q).
 *
 * @example
 * ```ts
 * statedSubsetSumN(Rational.of(5, 2), Rational.of(1, 8)); // 10n: 2.5 * log2(16) = 10 exactly
 * ```
 */
export function statedSubsetSumN(C: Rational, eps: Rational): bigint {
  if (C.sign() <= 0) throw new InputError(`C must be > 0, got ${C.toString()}`);
  if (eps.sign() <= 0 || eps.ge(ONE)) throw new InputError(`eps must be in (0, 1), got ${eps.toString()}`);
  const x = TWO.div(eps); // > 2
  const lx = lnBracket(x);
  const l2 = lnBracket(TWO);
  const tLo = C.mul(lx.lower).div(l2.upper);
  const tHi = C.mul(lx.upper).div(l2.lower);
  let n: bigint;
  if (tLo.ceil() === tHi.ceil()) n = tLo.ceil();
  else {
    // tLo <= m < tHi for m = ceil(tLo): is C log2 x <= m, i.e. x^p <= 2^(m q)?
    const m = tLo.ceil();
    const p = C.num;
    const q = C.den;
    if (p > 100_000n || m * q > 10_000_000n)
      throw new InputError(
        `C = ${C.toString()} is too long a fraction to decide ceil(C log2(2/eps)) exactly; round it`,
      );
    const le = x.num ** p <= x.den ** p * (1n << (m * q));
    n = le ? m : m + 1n;
  }
  return n < 1n ? 1n : n;
}
