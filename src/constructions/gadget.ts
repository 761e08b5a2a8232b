/**
 * The two-ReLU gadget. It replaces a target weight w by
 *
 *   g(y) = v+ sigma(u+ y) + v- sigma(u- y),
 *
 * and its realised error coefficient is
 *
 *   e = max(|v+ (u+)_+ + v- (u-)_+ - w|, |v+ (u+)_- + v- (u-)_- + w|),
 *
 * with (a)_+ = max(a, 0) and (a)_- = max(-a, 0). Then |g(y) - w y| <= e |y| for every real y: for
 * y >= 0, g(y) = y (v+ (u+)_+ + v- (u-)_+); for y <= 0, g(y) = |y| (v+ (u+)_- + v- (u-)_-).
 */
import { Rational } from '../numeric/rational.js';

/** The kept weights of one gadget. */
export interface GadgetWeights {
  readonly uPlus: Rational;
  readonly vPlus: Rational;
  readonly uMinus: Rational;
  readonly vMinus: Rational;
}

const pos = (a: Rational): Rational => (a.sign() > 0 ? a : Rational.ZERO);
const negPart = (a: Rational): Rational => (a.sign() < 0 ? a.neg() : Rational.ZERO);

/**
 * The exact realised error coefficient e of a gadget for target weight w.
 *
 * @example
 * ```ts
 * gadgetError(Rational.parse('0.5'), { uPlus: Rational.parse('0.5'), vPlus: Rational.ONE, uMinus: Rational.parse('-0.5'), vMinus: Rational.MINUS_ONE }); // 0
 * ```
 */
export function gadgetError(w: Rational, g: GadgetWeights): Rational {
  const right = g.vPlus
    .mul(pos(g.uPlus))
    .add(g.vMinus.mul(pos(g.uMinus)))
    .sub(w)
    .abs();
  const left = g.vPlus
    .mul(negPart(g.uPlus))
    .add(g.vMinus.mul(negPart(g.uMinus)))
    .add(w)
    .abs();
  return Rational.max(right, left);
}

/**
 * Evaluates the gadget g(y) exactly.
 *
 * @example
 * ```ts
 * gadgetValue(g, Rational.ONE);
 * ```
 */
export function gadgetValue(g: GadgetWeights, y: Rational): Rational {
  return g.vPlus.mul(pos(g.uPlus.mul(y))).add(g.vMinus.mul(pos(g.uMinus.mul(y))));
}
