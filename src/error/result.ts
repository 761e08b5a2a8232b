/**
 * The result of a sup-error computation, and the three-way decision `sup <= eps`, `sup > eps`
 * or `undecided` that it supports.
 *
 * Every quantity is an exact rational or a certified bracket; float64 values appear nowhere in a
 * result. A result is `exact` only when the sup itself is known exactly (as a rational or as a
 * quadratic surd r + sqrt(s)); otherwise it is a bracket `[lower, upper]`.
 */
import { InputError } from '../errors.js';
import type { Rational } from '../numeric/rational.js';
import type { BoundMethod } from './box-bounds.js';
import { compareSurdRational, type Surd } from '../numeric/surd.js';

/** How the sup was obtained. */
export type SupMethod =
  /** A and B have identical weight matrices, so D = 0 everywhere. */
  | 'identical'
  /** d = 1: the unit ball is [-1, 1] and sup = max(||D(1)||, ||D(-1)||). */
  | 'exact-d1'
  /** d = 2: D is linear on angular sectors; exact maximum on every sector. */
  | 'exact-sector-sweep'
  /** any d: certified branch-and-bound upper bound, exact witness lower bound. */
  | 'bracket-branch-and-bound';

/** The sup error sup_{||x||_2 <= 1} ||A(x) - B(x)||_2 of two networks. */
export interface SupErrorResult {
  readonly method: SupMethod;
  /** True when the sup is known exactly: then {@link supSquaredSurd} is its square. */
  readonly exact: boolean;
  readonly inputDim: number;
  readonly outputDim: number;
  /** The exact squared sup when it is rational (always for scalar output and d <= 2). */
  readonly supSquared?: Rational;
  /** The exact squared sup as r + sqrt(s) (s = 0 when rational); present iff `exact`. */
  readonly supSquaredSurd?: Surd;
  /** Certified lower bound of the sup. */
  readonly lower: Rational;
  /** Certified upper bound of the sup. */
  readonly upper: Rational;
  /** Certified upper bound of the squared sup (equal to supSquared when that is rational). */
  readonly upperSquared: Rational;
  /** A rational point with ||witness||_2 <= 1 where the error was evaluated exactly. */
  readonly witness: readonly Rational[];
  /**
   * Exact ||D(w)||^2 / ||w||^2 at the witness w: a lower bound of the squared sup (only a
   * certified lower bound of that value when {@link witnessExact} is false).
   */
  readonly witnessSquared: Rational;
  /** False when the witness was not evaluated exactly (large networks, cheap certified lower bound). */
  readonly witnessExact?: boolean;
  /** True when the witness attains the sup exactly (witnessSquared = sup^2). */
  readonly attained: boolean;
  /** d = 2: number of angular sectors on which D is linear. */
  readonly sectors?: number;
  /** Branch-and-bound: boxes bounded. */
  readonly boxes?: number;
  /** Branch-and-bound: boxes still open when it stopped. */
  readonly openBoxes?: number;
  /** Branch-and-bound: why it stopped ('budget-ms': the wall-clock budget ended first). */
  readonly stopReason?: StopReason;
  /** Branch-and-bound: how boxes were bounded (see box-bounds.ts), symbolic or interval constants. */
  readonly boxBounds?: { readonly method: BoundMethod; readonly symbolic: boolean };
  /** Witness search: local-ascent restarts run. */
  readonly restarts?: number;
  /** Wall-clock time spent, in milliseconds (informative only). */
  readonly elapsedMs: number;
}

/** Why a branch-and-bound run stopped. */
export type StopReason = 'exhausted' | 'tolerance' | 'decided' | 'budget-ms' | 'max-boxes' | 'memory';

/** The outcome of comparing a result with a tolerance eps. */
export type Decision = '<= eps' | '> eps' | 'undecided';

/**
 * Decides `sup <= eps` from a result, soundly: '<= eps' only if the certified upper bound of the
 * squared sup is <= eps^2, '> eps' only if the exact witness value exceeds eps (exact results
 * decide by exact comparison), else 'undecided'. eps must be >= 0.
 *
 * @example
 * ```ts
 * decides(supError(a, b), Rational.parse('0.01')); // '<= eps', '> eps' or 'undecided'
 * ```
 */
export function decides(result: SupErrorResult, eps: Rational): Decision {
  if (eps.sign() < 0) throw new InputError(`eps must be >= 0, got ${eps.toString()}`);
  const e2 = eps.mul(eps);
  if (result.exact && result.supSquaredSurd)
    return compareSurdRational(result.supSquaredSurd, e2) <= 0 ? '<= eps' : '> eps';
  if (result.upperSquared.le(e2)) return '<= eps';
  if (result.witnessSquared.gt(e2)) return '> eps';
  return 'undecided';
}
