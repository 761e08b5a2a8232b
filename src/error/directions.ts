/**
 * Exact geometry of directions in the plane, without trigonometry.
 *
 * A direction is a non-zero vector with rational coordinates; it stands for the ray through it
 * (its point on the unit circle is irrational in general and never needed). Angles are compared
 * with signs of cross products, so every decision is exact.
 */
import { Rational, gcd } from '../numeric/rational.js';

/** A non-zero plane vector with exact coordinates, standing for its ray. */
export type Direction = readonly [Rational, Rational];

/**
 * The cross product u1 v2 - u2 v1 (positive when v is counter-clockwise from u, within pi).
 *
 * @example
 * ```ts
 * cross([Rational.ONE, Rational.ZERO], [Rational.ZERO, Rational.ONE]).toString(); // '1'
 * ```
 */
export function cross(u: Direction, v: Direction): Rational {
  return u[0].mul(v[1]).sub(u[1].mul(v[0]));
}

/**
 * The dot product u . v.
 *
 * @example
 * ```ts
 * dot([Rational.ONE, Rational.ONE], [Rational.ONE, Rational.MINUS_ONE]).toString(); // '0'
 * ```
 */
export function dot(u: Direction, v: Direction): Rational {
  return u[0].mul(v[0]).add(u[1].mul(v[1]));
}

/**
 * The direction rotated by +pi/2: perp(g) = (-g2, g1). The zero set of x -> g . x on the circle
 * is the pair of directions +perp(g) and -perp(g).
 *
 * @example
 * ```ts
 * perp([Rational.ONE, Rational.ZERO]); // [0, 1]
 * ```
 */
export function perp(g: Direction): Direction {
  return [g[1].neg(), g[0]];
}

/**
 * The opposite direction -u.
 *
 * @example
 * ```ts
 * negate([Rational.ONE, Rational.ZERO]); // [-1, 0]
 * ```
 */
export function negate(u: Direction): Direction {
  return [u[0].neg(), u[1].neg()];
}

/**
 * True when u is the zero vector (not a direction).
 *
 * @example
 * ```ts
 * isZeroVector([Rational.ZERO, Rational.ZERO]); // true
 * ```
 */
export function isZeroVector(u: Direction): boolean {
  return u[0].isZero() && u[1].isZero();
}

/**
 * The same ray written as a primitive integer vector (coprime integer coordinates), which keeps
 * later arithmetic small. The ray is unchanged: the vector is multiplied by a positive rational.
 *
 * @example
 * ```ts
 * primitive([Rational.of(2, 3), Rational.of(-4, 3)]); // [1, -2]
 * ```
 */
export function primitive(u: Direction): Direction {
  const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;
  const den = lcm(u[0].den, u[1].den);
  const a = u[0].num * (den / u[0].den);
  const b = u[1].num * (den / u[1].den);
  const g = gcd(a, b);
  if (g === 0n) return u;
  return [Rational.of(a / g), Rational.of(b / g)];
}

/**
 * True when r lies strictly inside the counter-clockwise arc from p to q, for an arc shorter
 * than pi (cross(p, q) > 0): cross(p, r) > 0 and cross(r, q) > 0.
 *
 * @example
 * ```ts
 * const E1: Direction = [Rational.ONE, Rational.ZERO], E2: Direction = [Rational.ZERO, Rational.ONE];
 * strictlyInsideShortArc(E1, E2, [Rational.ONE, Rational.ONE]); // true
 * ```
 */
export function strictlyInsideShortArc(p: Direction, q: Direction, r: Direction): boolean {
  return cross(p, r).sign() > 0 && cross(r, q).sign() > 0;
}

/**
 * True when r lies in the closed counter-clockwise arc from p to q, for an arc shorter than pi.
 *
 * @example
 * ```ts
 * const E1: Direction = [Rational.ONE, Rational.ZERO], E2: Direction = [Rational.ZERO, Rational.ONE];
 * insideClosedShortArc(E1, E2, E1); // true
 * ```
 */
export function insideClosedShortArc(p: Direction, q: Direction, r: Direction): boolean {
  const a = cross(p, r).sign();
  const b = cross(r, q).sign();
  if (a >= 0 && b >= 0) {
    // cross = 0 also holds for the opposite ray: require the same ray at an endpoint
    if (a === 0 && dot(p, r).sign() <= 0) return false;
    if (b === 0 && dot(r, q).sign() <= 0) return false;
    return true;
  }
  return false;
}

/** 0 when the counter-clockwise angle from u to v lies in [0, pi), 1 when it lies in [pi, 2 pi). */
function halfFrom(u: Direction, v: Direction): 0 | 1 {
  const c = cross(u, v).sign();
  if (c > 0) return 0;
  if (c < 0) return 1;
  return dot(u, v).sign() > 0 ? 0 : 1;
}

/**
 * Compares the counter-clockwise angles from u to v and from u to w, both taken in [0, 2 pi):
 * -1, 0 or 1 as angle(u, v) <, =, > angle(u, w). Exact (half-plane, then cross product sign).
 *
 * @example
 * ```ts
 * const E1: Direction = [Rational.ONE, Rational.ZERO];
 * compareCcwAngles(E1, [Rational.ZERO, Rational.ONE], [Rational.MINUS_ONE, Rational.ZERO]); // -1
 * ```
 */
export function compareCcwAngles(u: Direction, v: Direction, w: Direction): -1 | 0 | 1 {
  const hv = halfFrom(u, v);
  const hw = halfFrom(u, w);
  if (hv !== hw) return hv < hw ? -1 : 1;
  const c = cross(v, w).sign();
  return c > 0 ? -1 : c < 0 ? 1 : 0;
}

/**
 * True when r lies in the closed counter-clockwise arc from p to q of any length in (0, 2 pi).
 *
 * @example
 * ```ts
 * const E1: Direction = [Rational.ONE, Rational.ZERO], S: Direction = [Rational.ZERO, Rational.MINUS_ONE];
 * insideClosedArc(E1, S, [Rational.MINUS_ONE, Rational.ZERO]); // true (the arc is 3 pi / 2 long)
 * ```
 */
export function insideClosedArc(p: Direction, q: Direction, r: Direction): boolean {
  return compareCcwAngles(p, r, q) <= 0;
}

/**
 * The doubled-angle direction of u: (u1^2 - u2^2, 2 u1 u2), whose angle is twice u's. Rational
 * for rational u; it maps the arc from p to q to the arc of twice the length.
 *
 * @example
 * ```ts
 * doubled([Rational.ONE, Rational.ONE]); // [0, 2]
 * ```
 */
export function doubled(u: Direction): Direction {
  return [u[0].mul(u[0]).sub(u[1].mul(u[1])), Rational.of(2).mul(u[0]).mul(u[1])];
}
