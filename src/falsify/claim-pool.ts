/**
 * Pool sizes of claim trials: the stated count, replaced by `pool` or scaled by `widthScale`
 * (undersized widths), and the short exact rendering used in claim messages.
 */
import { InputError } from '../errors.js';
import { requirePositive } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';
import type { ClaimParams } from './claim-types.js';

/**
 * An exact value for a claim message: the integer, or `p/q (~decimal)`.
 *
 * @example
 * ```ts
 * showExact(Rational.of(1, 3)); // '1/3 (~3.33333e-1)'
 * ```
 */
export function showExact(q: Rational): string {
  return q.isInteger() ? q.toString() : `${q.toString()} (~${q.toScientific(6)})`;
}

/**
 * A stated sample count under the claim parameters: `pool` replaces it, `widthScale` multiplies it
 * (rounded up, at least 1).
 *
 * @example
 * ```ts
 * scaledCount(149n, { eps, delta, widthScale: Rational.parse('0.2') }); // 30n
 * ```
 */
export function scaledCount(stated: bigint, p: ClaimParams): bigint {
  if (p.pool !== undefined && p.widthScale !== undefined)
    throw new InputError('give at most one of widthScale and pool', { params: ['widthScale', 'pool'] });
  if (p.pool !== undefined) {
    if (p.pool < 1n) throw new InputError(`pool size must be >= 1, got ${p.pool}`, { params: ['pool'] });
    return p.pool;
  }
  if (p.widthScale !== undefined) {
    requirePositive(p.widthScale, 'widthScale');
    const k = Rational.of(stated).mul(p.widthScale).ceil();
    return k < 1n ? 1n : k;
  }
  return stated;
}
