/**
 * The qualifying rules of the three constructions (docs/MATH.md §4): which unit may serve as the
 * + or - side of the gadget for a target weight w, given the unit's input weight u and output
 * weight v. Each rule has a float64 prefilter (relaxed by {@link MARGIN}, used only to skip
 * hopeless candidates quickly) and an exact test that decides.
 */
import { Rational } from '../numeric/rational.js';
import type { GadgetConstruction } from '../theory/construction-name.js';

/** Relaxation of the float prefilter: float rounding is far below it, so no true candidate is missed. */
export const MARGIN = 1e-9;

/** A rule: float prefilter and exact decision for the + and - sides. */
export interface Rule {
  readonly plusFloat: (u: number, v: number, w: number, eta: number) => boolean;
  readonly minusFloat: (u: number, v: number, w: number, eta: number) => boolean;
  readonly plusExact: (u: Rational, v: Rational, w: Rational, eta: Rational) => boolean;
  readonly minusExact: (u: Rational, v: Rational, w: Rational, eta: Rational) => boolean;
}

const near = (a: Rational, b: Rational, eta: Rational): boolean => a.sub(b).abs().le(eta);
const ONE = Rational.ONE;
const MINUS_ONE = Rational.MINUS_ONE;

/** Pair (A): input ~ +-w, output ~ +-1. */
const pair: Rule = {
  plusFloat: (u, v, w, eta) => Math.abs(u - w) <= eta + MARGIN && Math.abs(v - 1) <= eta + MARGIN,
  minusFloat: (u, v, w, eta) => Math.abs(u + w) <= eta + MARGIN && Math.abs(v + 1) <= eta + MARGIN,
  plusExact: (u, v, w, eta) => near(u, w, eta) && near(v, ONE, eta),
  minusExact: (u, v, w, eta) => near(u, w.neg(), eta) && near(v, MINUS_ONE, eta),
};

/** Shared (B): input ~ +-1, output ~ +-w. */
const shared: Rule = {
  plusFloat: (u, v, w, eta) => Math.abs(u - 1) <= eta + MARGIN && Math.abs(v - w) <= eta + MARGIN,
  minusFloat: (u, v, w, eta) => Math.abs(u + 1) <= eta + MARGIN && Math.abs(v + w) <= eta + MARGIN,
  plusExact: (u, v, w, eta) => near(u, ONE, eta) && near(v, w, eta),
  minusExact: (u, v, w, eta) => near(u, MINUS_ONE, eta) && near(v, w.neg(), eta),
};

/** Product (C): the sign of u selects the half-line, u v ~ w. */
const product: Rule = {
  plusFloat: (u, v, w, eta) => u > 0 && Math.abs(u * v - w) <= eta + MARGIN,
  minusFloat: (u, v, w, eta) => u < 0 && Math.abs(u * v - w) <= eta + MARGIN,
  plusExact: (u, v, w, eta) => u.sign() > 0 && near(u.mul(v), w, eta),
  minusExact: (u, v, w, eta) => u.sign() < 0 && near(u.mul(v), w, eta),
};

/** The rule of each construction. */
export const RULES: Readonly<Record<GadgetConstruction, Rule>> = { pair, shared, product };
