/**
 * The error budget of the constructions (docs/MATH.md §4.6): with L = ln(1 + eps) and
 * S = sum_i sqrt(n_i n_{i-1}), a tolerance eta whose a-priori gadget error c(eta) satisfies
 * c(eta) S <= L makes the Lemma 4 chain end below eps. c(eta) = eta (2 + eta) for the pair and
 * shared gadgets (both kept weights are off by up to eta), eta for the product and subset gadgets.
 */
import { InputError } from '../errors.js';
import { floorDyadic, lnLower, sqrtLower, sqrtUpper } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import type { ConstructionName } from './construction-name.js';

/** Bits kept in eta (a dyadic rounded down, so still a certified lower bound). */
export const ETA_BITS = 64;

/**
 * Layer products n_i n_{i-1}, i = 1..l.
 *
 * @example
 * ```ts
 * layerWeights([2, 3, 1]); // [6, 3]
 * ```
 */
export function layerWeights(widths: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < widths.length; i++) out.push((widths[i] as number) * (widths[i - 1] as number));
  return out;
}

/**
 * Certified upper bound of S = sum_i sqrt(n_i n_{i-1}).
 *
 * @example
 * ```ts
 * sUpper([4, 4, 1]).toDecimal(3, 'ceil'); // '6.000'
 * ```
 */
export function sUpper(widths: readonly number[]): Rational {
  return Rational.sum(layerWeights(widths).map((p) => sqrtUpper(Rational.of(p))));
}

/**
 * c(eta) for a construction: eta (2 + eta) for pair and shared, eta for product.
 *
 * @example
 * ```ts
 * cOfEta('pair', Rational.of(1, 10)).toString(); // '21/100'
 * ```
 */
export function cOfEta(construction: ConstructionName, eta: Rational): Rational {
  return construction === 'product' || construction === 'subset' ? eta : eta.mul(Rational.of(2).add(eta));
}

/** Largest eta of the pair and shared rules: below 1 their + and - conditions are disjoint. */
export const PAIR_ETA_CAP = Rational.of(1, 2);

/**
 * The certified tolerance eta of a construction for the given widths and eps. For pair and shared
 * it is capped at {@link PAIR_ETA_CAP}: at eta >= 1 one unit could satisfy both the + and the -
 * rule (v within eta of both 1 and -1), and a smaller eta only lowers c(eta), so the error budget
 * c(eta) S <= L still holds.
 *
 * @example
 * ```ts
 * certifiedEta('product', [1, 1], Rational.parse('0.1')); // <= ln(1.1) / 1
 * ```
 */
export function certifiedEta(construction: ConstructionName, widths: readonly number[], eps: Rational): Rational {
  const L = lnLower(Rational.ONE.add(eps));
  const S = sUpper(widths);
  const ratio = L.div(S);
  const linear = construction === 'product' || construction === 'subset';
  const raw = linear ? ratio : sqrtLower(Rational.ONE.add(ratio)).sub(Rational.ONE);
  const floored = floorDyadic(raw, ETA_BITS);
  const eta = !linear && floored.gt(PAIR_ETA_CAP) ? PAIR_ETA_CAP : floored;
  if (eta.sign() <= 0) throw new InputError('eps too small for the width formulas (eta rounds to 0)');
  return eta;
}
