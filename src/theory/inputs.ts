/**
 * The numeric hypotheses of the theorem's inputs: eps > 0, 0 < delta < 1, positive layer widths,
 * and the sanity limits slth accepts. One home for these checks, so every command and library
 * function refuses the same inputs with the same words.
 */
import { InputError } from '../errors.js';
import { requireOpenUnit, requirePositive } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';

/**
 * Validates the numeric inputs of the theorem: eps > 0, 0 < delta < 1, widths >= 1.
 *
 * @example
 * ```ts
 * checkTheoremInputs([2, 3, 1], Rational.parse('0.1'), Rational.parse('1e-9'));
 * ```
 */
export function checkTheoremInputs(widths: readonly number[], eps: Rational, delta: Rational): void {
  if (widths.length < 2) throw new InputError('a target needs at least one layer');
  for (const n of widths) {
    if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`layer widths must be positive integers, got ${n}`);
  }
  requirePositive(eps, 'eps');
  if (eps.gt(Rational.of(1_000_000))) throw new InputError(`eps is absurdly large (> 1e6): ${eps.toScientific(6)}`);
  if (eps.lt(Rational.of(1n, 10n ** 30n)))
    throw new InputError(`eps is absurdly small (< 1e-30): ${eps.toScientific(6)}`);
  requireOpenUnit(delta, 'delta');
  if (delta.lt(Rational.of(1n, 10n ** 300n)))
    throw new InputError(`delta is absurdly small (< 1e-300): ${delta.toScientific(6)}`);
}
