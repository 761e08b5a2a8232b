/**
 * Independent references for the lemma properties: formulas written out term by term, with no
 * shortcuts shared with src/lemmas.
 */
import { Rational } from '../../src/numeric/rational.js';

/**
 * P_cover(k, eps0) by the formula of docs/MATH.md §5.2, term by term in exact Rational arithmetic.
 *
 * @example
 * ```ts
 * pCoverNaive(3, Rational.parse('1/2')).toString(); // '3/32'
 * ```
 */
export function pCoverNaive(k: number, eps0: Rational): Rational {
  let s = Rational.ZERO;
  const c2 = [1, 2, 1];
  for (let j = 0; j <= 2; j++) {
    let binom = 1n;
    for (let m = 0; m <= k - 1; m++) {
      if (m > 0) binom = (binom * BigInt(k - m)) / BigInt(m);
      const base = Rational.ONE.sub(Rational.of(j, 2).add(Rational.of(m)).mul(eps0));
      if (base.sign() <= 0) continue;
      const term = base.pow(k).mul(Rational.of(binom * BigInt(c2[j] as number)));
      s = (j + m) % 2 === 0 ? s.add(term) : s.sub(term);
    }
  }
  return s;
}
