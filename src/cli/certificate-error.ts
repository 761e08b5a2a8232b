/**
 * The true sup error of a certificate's subnetwork against its target, next to the Lemma 4 bound:
 * exact for d <= 2, a certified bracket for d >= 3 whose upper end is the smaller of the
 * branch-and-bound bound and the kernel-recomputed Lemma 4 bound (both certified).
 */
import type { CertificateDoc } from '../certificate/format.js';
import { certificateNetworks } from '../certificate/subnetwork.js';
import type { SupErrorResult } from '../error/result.js';
import { supError } from '../error/sup-error.js';
import type { Rational } from '../numeric/rational.js';

/** The sup error of a certificate with how it compares to the Lemma 4 bound. */
export interface CertificateError {
  readonly result: SupErrorResult;
  /** Certified lower and upper bounds of the true sup error. */
  readonly lower: Rational;
  readonly upper: Rational;
  readonly exact: boolean;
  /** 'exact' | 'bracket' | 'bracket (upper end from the Lemma 4 bound)'. */
  readonly how: string;
  /** True when the upper end is the kernel-checked Lemma 4 bound (the bracket's own upper end was above it). */
  readonly upperFromLemma4: boolean;
  /** Lemma 4 bound / true error, exact (with a bracket: bound / lower end, an upper bound of the looseness); null when n/a. */
  readonly ratio: Rational | null;
  /** The same ratio printed for reading (3 digits), or 'n/a'. */
  readonly looseness: string;
}

/**
 * Computes the true error of a certificate's subnetwork.
 *
 * @example
 * ```ts
 * const e = certificateError(cert, acceptedBound, 1500);
 * e.exact; // true for d <= 2
 * ```
 */
export function certificateError(doc: CertificateDoc, bound: Rational | null, budgetMs: number): CertificateError {
  const { target, sub } = certificateNetworks(doc);
  const result = supError(sub, target, { budgetMs, seed: 'slth' });
  let upper = result.upper;
  let how = result.exact ? 'exact' : 'certified bracket';
  let upperFromLemma4 = false;
  if (!result.exact && bound !== null && bound.lt(upper)) {
    upper = bound;
    how = 'certified bracket (upper end: the kernel-checked Lemma 4 bound)';
    upperFromLemma4 = true;
  }
  const ref = result.lower;
  const ratio = bound === null || ref.isZero() ? null : bound.div(ref);
  const looseness =
    ratio === null
      ? 'n/a'
      : `${ratio.toScientific(3, 'nearest')}${result.exact ? '' : ' (at most; the bracket is not tight)'}`;
  return { result, lower: result.lower, upper, exact: result.exact, how, upperFromLemma4, ratio, looseness };
}
