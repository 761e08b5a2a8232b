/**
 * The exact maximum of ||M x||^2 / ||x||^2 over a closed arc of directions, for a linear map
 * M: R^2 -> R^m with exact rational entries.
 *
 * With Q = M^T M = [[a, b], [b, c]] and x = (cos t, sin t),
 *
 *   R(t) = x^T Q x = (a + c)/2 + ((a - c)/2) cos 2t + b sin 2t = (a + c)/2 + (A, B) . y(t),
 *
 * where y(t) = (cos 2t, sin 2t) is the doubled-angle direction and (A, B) = ((a - c)/2, b). So R
 * is largest, with value (a + c)/2 + sqrt(A^2 + B^2) (the top eigenvalue of Q), where y points
 * along (A, B), and it has no other local maximum. On the arc [p, q] (shorter than pi) the doubled
 * directions sweep the arc [y(p), y(q)] (shorter than 2 pi), whose ends are rational
 * (y(u) is proportional to (u1^2 - u2^2, 2 u1 u2)). Hence:
 *
 * - if (A, B) lies in the closed doubled arc, the max is the top eigenvalue, a quadratic surd
 *   (rational for a scalar output: then Q = g g^T and the value is ||g||^2, attained at +-g);
 * - otherwise the max is at an endpoint: max(p^T Q p / p^T p, q^T Q q / q^T q), rational.
 *
 * For a scalar output M = g^T this is the rule "||g|| if +-g lies in the arc, else the larger
 * endpoint value" of the specification.
 */
import { sqrtBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import { doubled, insideClosedArc, insideClosedShortArc, negate, primitive, type Direction } from './directions.js';
import type { PlaneMap } from './sectors.js';
import { compareSurd, rationalSqrt, surdOf, type Surd } from '../numeric/surd.js';

/** The maximum of R over an arc, where it is attained, and whether the witness is exact. */
export interface SectorMaximum {
  /** The exact maximum of ||M x||^2 / ||x||^2 over the closed arc. */
  readonly value: Surd;
  /** A rational direction in the closed arc; it attains `value` when `attained`. */
  readonly witness: Direction;
  /** True when R(witness) = value exactly. */
  readonly attained: boolean;
}

/** The Gram matrix entries a = sum M_k1^2, b = sum M_k1 M_k2, c = sum M_k2^2. */
function gram(m: PlaneMap): { a: Rational; b: Rational; c: Rational } {
  let a = Rational.ZERO;
  let b = Rational.ZERO;
  let c = Rational.ZERO;
  for (const [g1, g2] of m) {
    a = a.add(g1.mul(g1));
    b = b.add(g1.mul(g2));
    c = c.add(g2.mul(g2));
  }
  return { a, b, c };
}

/** R(u) = u^T Q u / u^T u, exactly. */
function rayleigh(q: { a: Rational; b: Rational; c: Rational }, u: Direction): Rational {
  const num = q.a.mul(u[0]).mul(u[0]).add(Rational.of(2).mul(q.b).mul(u[0]).mul(u[1])).add(q.c.mul(u[1]).mul(u[1]));
  return num.div(u[0].mul(u[0]).add(u[1].mul(u[1])));
}

/**
 * The exact maximum of ||M x||^2 / ||x||^2 over the closed counter-clockwise arc from p to q
 * (shorter than pi), with a rational witness direction in the arc.
 *
 * @example
 * ```ts
 * const g: Direction = [Rational.of(3), Rational.of(4)];
 * sectorMaximum([Rational.ONE, Rational.ZERO], [Rational.ZERO, Rational.ONE], [g]).value; // 25 + sqrt(0), at (3, 4)
 * ```
 */
export function sectorMaximum(p: Direction, q: Direction, m: PlaneMap): SectorMaximum {
  const Q = gram(m);
  const A = Q.a.sub(Q.c).div(Rational.of(2));
  const B = Q.b;
  const rp = rayleigh(Q, p);
  const rq = rayleigh(Q, q);
  const endpoint: SectorMaximum = rq.gt(rp)
    ? { value: surdOf(rq), witness: q, attained: true }
    : { value: surdOf(rp), witness: p, attained: true };
  if (A.isZero() && B.isZero()) return endpoint; // Q = a I: R is constant
  const v: Direction = [A, B];
  if (!insideClosedArc(doubled(p), doubled(q), v)) return endpoint;
  const radicand = A.mul(A).add(B.mul(B));
  const value: Surd = { rational: Q.a.add(Q.c).div(Rational.of(2)), radicand };
  const rho = rationalSqrt(radicand);
  if (rho !== undefined) {
    // y(u) points along (A, B) for u = (rho + A, B); when rho + A = 0 then B = 0 and u = (0, 1)
    const u: Direction = rho.add(A).isZero() ? [Rational.ZERO, Rational.ONE] : primitive([rho.add(A), B]);
    const inArc = insideClosedShortArc(p, q, u) ? u : negate(u);
    if (!insideClosedShortArc(p, q, inArc)) throw new Error('internal: eigen-direction outside its sector');
    if (compareSurd(surdOf(rayleigh(Q, inArc)), value) !== 0)
      throw new Error('internal: eigen-direction does not attain the maximum');
    return { value, witness: inArc, attained: true };
  }
  // irrational maximiser: a rational direction close to it (B != 0 here), else the better endpoint
  const approx = sqrtBracket(radicand, 96).lower;
  const u = primitive([approx.add(A), B]);
  let witness = endpoint.witness;
  let best = rayleigh(Q, witness);
  for (const c of [u, negate(u)]) {
    if (insideClosedShortArc(p, q, c)) {
      const r = rayleigh(Q, c);
      if (r.gt(best)) {
        best = r;
        witness = c;
      }
    }
  }
  return { value, witness, attained: false };
}
