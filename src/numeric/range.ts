/**
 * Range checks of exact parameters, one home for the words every layer uses when it refuses a
 * value: `name must be > 0, got q`, `name must be in (0, 1), got q`. The parameter's library name
 * goes into the error's `params`, so the CLI can show it as its flag.
 */
import { InputError } from '../errors.js';
import { Rational } from './rational.js';

/**
 * Returns q when q > 0, else throws an {@link InputError} naming the parameter.
 *
 * @example
 * ```ts
 * requirePositive(Rational.parse('0.1'), 'eps'); // 1/10
 * requirePositive(Rational.ZERO, 'eps'); // throws 'eps must be > 0, got 0'
 * ```
 */
export function requirePositive(q: Rational, name: string): Rational {
  if (q.sign() <= 0) throw new InputError(`${name} must be > 0, got ${q.toString()}`, { params: [name] });
  return q;
}

/**
 * Returns q when 0 < q < 1, else throws an {@link InputError} naming the parameter.
 *
 * @example
 * ```ts
 * requireOpenUnit(Rational.parse('1e-9'), 'delta'); // 1/1000000000
 * requireOpenUnit(Rational.ONE, 'delta'); // throws 'delta must be in (0, 1), got 1'
 * ```
 */
export function requireOpenUnit(q: Rational, name: string): Rational {
  if (q.sign() <= 0 || q.ge(Rational.ONE))
    throw new InputError(`${name} must be in (0, 1), got ${q.toString()}`, { params: [name] });
  return q;
}
