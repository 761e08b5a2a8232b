/**
 * The true sup error of a certificate's subnetwork against its target, next to the Lemma 4 bound:
 * exact for d <= 2, a certified bracket for d >= 3 whose upper end is the smaller of the
 * branch-and-bound bound and the kernel-recomputed Lemma 4 bound (both certified).
 */
import type { CertificateDoc } from '../certificate/format.js';
import { InputError } from '../errors.js';
import { gadgetForm, type DifferenceForm, type FormGadget } from '../error/difference-form.js';
import type { Network } from '../network/network.js';
import type { SupErrorResult } from '../error/result.js';
import { supErrorOfForm } from '../error/sup-error.js';
import { parseNetwork } from '../network/json.js';
import { Rational } from '../numeric/rational.js';

/**
 * The difference form of a certificate's subnetwork against its target, from the gadgets alone
 * (G~ itself, with up to 2 units per target weight, is never built).
 *
 * @example
 * ```ts
 * supErrorOfForm(certificateForm(doc)); // the same sup as supError(sub, target)
 * ```
 */
export function certificateForm(doc: CertificateDoc): DifferenceForm {
  if (!Array.isArray(doc.gadgets)) throw new InputError('certificate: gadgets must be an array');
  const target = parseNetwork(doc.target, 'certificate target');
  const side = (s: { unit: number; u: string; v: string }): FormGadget['plus'] => ({
    unit: s.unit,
    u: Rational.parse(s.u),
    v: Rational.parse(s.v),
  });
  return gadgetForm(
    target,
    doc.gadgets.map((g) => ({ layer: g.layer, row: g.row, col: g.col, plus: side(g.plus), minus: side(g.minus) })),
  );
}

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
 * Computes the true error of a certificate's subnetwork within `budgetMs` (wall clock, building
 * the difference form included; the caller may pass the target and the gadgets as exact numbers
 * when it has them, which saves parsing the document).
 *
 * @example
 * ```ts
 * const e = certificateError(cert, acceptedBound, 1500);
 * e.exact; // true for d <= 2
 * ```
 */
export function certificateError(
  doc: CertificateDoc,
  bound: Rational | null,
  budgetMs: number,
  known?: { readonly target: Network; readonly gadgets: readonly FormGadget[] },
): CertificateError {
  // the budget covers the whole step, building the difference form included
  const t0 = performance.now();
  const f = known ? gadgetForm(known.target, known.gadgets) : certificateForm(doc);
  const left = Math.max(0, budgetMs - (performance.now() - t0));
  const result = supErrorOfForm(f, { budgetMs: left, seed: 'slth' });
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
