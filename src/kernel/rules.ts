/**
 * The qualifying rules of the three constructions, restated for the kernel (the constructions' copy
 * is src/constructions/rules.ts, which the kernel does not import). A gadget for target weight w
 * keeps a + unit and a - unit with input weight u and output weight v; at tolerance eta:
 *
 * - pair: + has |u - w| <= eta and |v - 1| <= eta; - has |u + w| <= eta and |v + 1| <= eta;
 * - shared: + has |u - 1| <= eta and |v - w| <= eta; - has |u + 1| <= eta and |v + w| <= eta;
 * - product: + has u > 0, - has u < 0, and both |u v - w| <= eta.
 */
import { Rational } from '../numeric/rational.js';
import type { Construction } from './stated.js';

/**
 * The first inequality of the rule that one side of a gadget breaks, with its value, or null when
 * the side qualifies.
 *
 * @example
 * ```ts
 * ruleBreak('pair', 'plus', u, v, w, eta); // null, or e.g. '|v - 1| = 3.0000000e-1 > eta'
 * ```
 */
export function ruleBreak(
  construction: Construction,
  side: 'plus' | 'minus',
  u: Rational,
  v: Rational,
  w: Rational,
  eta: Rational,
): string | null {
  const plus = side === 'plus';
  const op = plus ? '-' : '+';
  const far = (x: Rational, to: Rational, name: string): string | null => {
    const gap = x.sub(plus ? to : to.neg()).abs();
    return gap.gt(eta) ? `|${name}| = ${gap.toScientific(8, 'floor')} > eta` : null;
  };
  if (construction === 'pair') return far(u, w, `u ${op} w`) ?? far(v, Rational.ONE, `v ${op} 1`);
  if (construction === 'shared') return far(u, Rational.ONE, `u ${op} 1`) ?? far(v, w, `v ${op} w`);
  if (plus ? u.sign() <= 0 : u.sign() >= 0) return `u = ${u.toScientific(8)} is not ${plus ? '> 0' : '< 0'}`;
  const gap = u.mul(v).sub(w).abs();
  return gap.gt(eta) ? `|u v - w| = ${gap.toScientific(8, 'floor')} > eta` : null;
}
