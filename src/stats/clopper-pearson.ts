/**
 * Exact one-sided Clopper-Pearson confidence bounds for a binomial proportion (the failure
 * probability of a probabilistic claim, docs/MATH.md §9), with certified precision.
 *
 * For x failures among n trials and a level alpha in (0, 1):
 * - the upper bound is the root U of P(Bin(n, U) <= x) = alpha (U = 1 when x = n). The value
 *   returned is a rational U' with P(Bin(n, U') <= x) <= alpha *proved*, so U' >= U
 *   (conservative): P_p(U'(X) < p) <= alpha for every p;
 * - the lower bound is the root L of P(Bin(n, L) >= x) = alpha (L = 0 when x = 0). The value
 *   returned is a rational L' with P(Bin(n, L') >= x) <= alpha proved, so L' <= L:
 *   P_p(L'(X) > p) <= alpha for every p.
 *
 * Methods (reported in every result):
 * - 'closed-form' (x = 0 for U, x = n for L): U = 1 - alpha^(1/n) and L = alpha^(1/n) from the
 *   certified ln/exp brackets of `numeric/certified.ts`, rounded outward to 64 fractional bits, then
 *   re-verified ((1-U)^n <= alpha, L^n <= alpha) with an independent certified power.
 * - 'exact' (n <= {@link EXACT_MAX_TRIALS}): bisection over dyadic p (60 halvings of [0, 1]) on the
 *   exact rational binomial CDF (BigInt). The result is the grid point next to the root on the safe
 *   side; it is monotone in x and n exactly.
 * - 'directed' (larger n): the same bisection on a certified bound of the CDF computed with
 *   128-bit binary floats and directed rounding (no trust in any library's rounding). Within about
 *   2^-60 + n 2^-120 of the exact root, always on the safe side.
 */
import { InputError } from '../errors.js';
import { ceilDyadic, expBracket, floorDyadic, lnLower } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import { fromRational, pow, toRationalClamped } from '../numeric/directed.js';
import { binomialCdf, binomialCdfBound } from './binomial.js';

/** Largest n for which the 'auto' engine uses the exact rational CDF. @example `upperBoundDetailed(3, EXACT_MAX_TRIALS, a).method // 'exact'` */
export const EXACT_MAX_TRIALS = 1000;
/** Halvings of [0, 1] in the bisection: results lie on the grid of multiples of 2^-60. @example `upperBound(1, 10, a).shift(BISECTION_BITS).isInteger() // true` */
export const BISECTION_BITS = 60;
/** Fractional bits of the closed-form bounds. @example `upperBound(0, 10, a).shift(CLOSED_FORM_BITS).isInteger() // true` */
export const CLOSED_FORM_BITS = 64;

/** How a bound was computed. */
export type CpMethod = 'trivial' | 'closed-form' | 'exact' | 'directed';

/** Engine choice: 'auto' is exact for n <= {@link EXACT_MAX_TRIALS}, directed above. */
export type CpEngine = 'auto' | 'exact' | 'directed';

/** Options of the bound computations. */
export interface CpOptions {
  /** CDF engine of the bisection (default 'auto'). */
  readonly engine?: CpEngine;
  /** Use the closed forms at x = 0 (upper) and x = n (lower) (default true). */
  readonly closedForm?: boolean;
}

/** A certified confidence bound and how it was obtained. */
export interface CpBound {
  /** The bound (a dyadic rational). */
  readonly value: Rational;
  /** How it was computed. */
  readonly method: CpMethod;
  /** One line saying what was computed and why it is certified. */
  readonly description: string;
}

/**
 * Validates (failures, trials, alpha): integers 0 <= failures <= trials and 0 < alpha < 1.
 *
 * @example
 * ```ts
 * checkCounts(0, 10, Rational.of(1, 20)); // ok, throws InputError otherwise
 * ```
 */
export function checkCounts(failures: number, trials: number, alpha: Rational): void {
  if (!Number.isSafeInteger(trials) || trials < 0)
    throw new InputError(`trials must be an integer >= 0, got ${trials}`);
  if (!Number.isSafeInteger(failures) || failures < 0 || failures > trials) {
    throw new InputError(`failures must be an integer in 0..trials (${trials}), got ${failures}`);
  }
  if (alpha.sign() <= 0 || alpha.ge(Rational.ONE))
    throw new InputError(`alpha must be in (0, 1), got ${alpha.toString()}`);
}

function engineFor(n: number, options: CpOptions | undefined): 'exact' | 'directed' {
  const e = options?.engine ?? 'auto';
  if (e === 'auto') return n <= EXACT_MAX_TRIALS ? 'exact' : 'directed';
  return e;
}

/** An upper bound of P(Bin(n, p) <= k) by the chosen engine. */
function cdfUpper(engine: 'exact' | 'directed', n: number, k: number, p: Rational): Rational {
  return engine === 'exact' ? binomialCdf(n, k, p) : binomialCdfBound(n, k, p, 'up');
}

/** A lower bound of P(Bin(n, p) <= k) by the chosen engine. */
function cdfLower(engine: 'exact' | 'directed', n: number, k: number, p: Rational): Rational {
  return engine === 'exact' ? binomialCdf(n, k, p) : binomialCdfBound(n, k, p, 'down');
}

/** A certified upper bound of q^n (q >= 0): exact for small n, directed power otherwise. */
function powUpper(q: Rational, n: number): Rational {
  if (n <= EXACT_MAX_TRIALS) return q.pow(n);
  return toRationalClamped(pow(fromRational(q, 'up'), n, 'up'), 'up');
}

/** A lower bound of alpha^(1/n) (n > 0) from the certified ln and exp brackets. */
function rootLower(alpha: Rational, n: number): Rational {
  return expBracket(lnLower(alpha).div(Rational.of(n))).lower;
}

/**
 * Bisection over [0, 1] for a predicate that is false at 0 and true at 1 and (for the exact
 * engine) monotone: returns the smallest grid point found with the predicate true.
 */
function bisectTrue(pred: (p: Rational) => boolean): Rational {
  let lo = Rational.ZERO;
  let hi = Rational.ONE;
  for (let i = 0; i < BISECTION_BITS; i++) {
    const mid = lo.add(hi).shift(-1);
    if (pred(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Bisection for a predicate true at 0 and false at 1: the largest grid point found true. */
function bisectFalse(pred: (p: Rational) => boolean): Rational {
  let lo = Rational.ZERO;
  let hi = Rational.ONE;
  for (let i = 0; i < BISECTION_BITS; i++) {
    const mid = lo.add(hi).shift(-1);
    if (pred(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const ENGINE_TEXT = {
  exact: 'exact rational binomial CDF (BigInt)',
  directed: 'certified binomial CDF bound (128-bit binary floats, directed rounding)',
} as const;

/**
 * The one-sided Clopper-Pearson upper confidence bound at level alpha, with its method.
 * Certified: P(Bin(trials, value) <= failures) <= alpha.
 *
 * @example
 * ```ts
 * const u = upperBoundDetailed(0, 100, Rational.of(1, 20));
 * u.value.toDecimal(6, 'ceil'); // '0.029513' (the exact bound is 1 - 0.05^(1/100))
 * u.method; // 'closed-form'
 * ```
 */
export function upperBoundDetailed(failures: number, trials: number, alpha: Rational, options?: CpOptions): CpBound {
  checkCounts(failures, trials, alpha);
  const n = trials;
  const x = failures;
  if (x === n)
    return { value: Rational.ONE, method: 'trivial', description: 'failures = trials: the upper bound is 1' };
  if (x === 0 && (options?.closedForm ?? true)) {
    const u = ceilDyadic(Rational.ONE.sub(rootLower(alpha, n)), CLOSED_FORM_BITS);
    if (powUpper(Rational.ONE.sub(u), n).le(alpha)) {
      return {
        value: u,
        method: 'closed-form',
        description: `closed form 1 - alpha^(1/n) from certified ln/exp brackets, rounded up to 2^-${CLOSED_FORM_BITS}, verified (1-U)^n <= alpha`,
      };
    }
  }
  const engine = engineFor(n, options);
  const value = bisectTrue((p) => cdfUpper(engine, n, x, p).le(alpha));
  return {
    value,
    method: engine,
    description: `bisection over dyadic p (${BISECTION_BITS} halvings), P(Bin(n,U) <= x) <= alpha checked with the ${ENGINE_TEXT[engine]}`,
  };
}

/**
 * The one-sided Clopper-Pearson lower confidence bound at level alpha, with its method.
 * Certified: P(Bin(trials, value) >= failures) <= alpha (and value = 0 when failures = 0).
 *
 * @example
 * ```ts
 * const l = lowerBoundDetailed(10, 10, Rational.of(1, 20));
 * l.value.toDecimal(6, 'floor'); // '0.741134' (= 0.05^(1/10))
 * ```
 */
export function lowerBoundDetailed(failures: number, trials: number, alpha: Rational, options?: CpOptions): CpBound {
  checkCounts(failures, trials, alpha);
  const n = trials;
  const x = failures;
  if (x === 0) return { value: Rational.ZERO, method: 'trivial', description: 'no failures: the lower bound is 0' };
  if (x === n && (options?.closedForm ?? true)) {
    const l = floorDyadic(rootLower(alpha, n), CLOSED_FORM_BITS);
    if (powUpper(l, n).le(alpha)) {
      return {
        value: l,
        method: 'closed-form',
        description: `closed form alpha^(1/n) from certified ln/exp brackets, rounded down to 2^-${CLOSED_FORM_BITS}, verified L^n <= alpha`,
      };
    }
  }
  const engine = engineFor(n, options);
  // P(X >= x) = 1 - P(X <= x-1); an upper bound needs a lower bound of the CDF.
  const value = bisectFalse((p) => Rational.ONE.sub(cdfLower(engine, n, x - 1, p)).le(alpha));
  return {
    value,
    method: engine,
    description: `bisection over dyadic p (${BISECTION_BITS} halvings), P(Bin(n,L) >= x) <= alpha checked with the ${ENGINE_TEXT[engine]}`,
  };
}

/**
 * The one-sided Clopper-Pearson upper bound U of the failure probability: P(Bin(trials, U) <=
 * failures) <= alpha is guaranteed, so U is at least the exact bound (conservative).
 *
 * @example
 * ```ts
 * upperBound(0, 3000, Rational.of(1, 1000)).toDecimal(6, 'ceil'); // '0.002300'
 * ```
 */
export function upperBound(failures: number, trials: number, alpha: Rational, options?: CpOptions): Rational {
  return upperBoundDetailed(failures, trials, alpha, options).value;
}

/**
 * The one-sided Clopper-Pearson lower bound L of the failure probability: P(Bin(trials, L) >=
 * failures) <= alpha is guaranteed, so L is at most the exact bound (conservative).
 *
 * @example
 * ```ts
 * lowerBound(5, 10, Rational.of(1, 20)).toDecimal(4, 'floor'); // '0.2224'
 * ```
 */
export function lowerBound(failures: number, trials: number, alpha: Rational, options?: CpOptions): Rational {
  return lowerBoundDetailed(failures, trials, alpha, options).value;
}
