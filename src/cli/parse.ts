/**
 * Parsers for CLI flag values: exact numbers, eps, delta, width lists, scale factors.
 * Every failure is an {@link InputError} naming the flag.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';

/**
 * Parses an exact number flag (`0.1`, `1e-9`, `3/8`).
 *
 * @example
 * ```ts
 * exactFlag('1e-9', '--delta').toString(); // '1/1000000000'
 * ```
 */
export function exactFlag(text: string, flag: string): Rational {
  try {
    return Rational.parse(text);
  } catch (e) {
    throw new InputError(`${flag}: ${(e as Error).message}`);
  }
}

/**
 * Parses eps: an exact number > 0.
 *
 * @example
 * ```ts
 * epsFlag('0.1').toString(); // '1/10'
 * ```
 */
export function epsFlag(text: string): Rational {
  const eps = exactFlag(text, '--eps');
  if (eps.sign() <= 0) throw new InputError(`--eps must be > 0, got ${text}`);
  return eps;
}

/**
 * Parses delta: an exact number in (0, 1).
 *
 * @example
 * ```ts
 * deltaFlag('1e-9').toString(); // '1/1000000000'
 * ```
 */
export function deltaFlag(text: string): Rational {
  const delta = exactFlag(text, '--delta');
  if (delta.sign() <= 0 || delta.ge(Rational.ONE)) throw new InputError(`--delta must be in (0, 1), got ${text}`);
  return delta;
}

/**
 * Parses a comma-separated list of layer widths (each 1..10^6, at least two entries).
 *
 * @example
 * ```ts
 * widthsFlag('3,4,4,1'); // [3, 4, 4, 1]
 * ```
 */
export function widthsFlag(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length < 2)
    throw new InputError(`--widths needs at least two comma-separated widths (d and one layer), got '${text}'`);
  return parts.map((p) => {
    if (!/^\d+$/.test(p)) throw new InputError(`--widths: '${p}' is not a positive integer`);
    const v = Number(p);
    if (v < 1 || v > 1_000_000) throw new InputError(`--widths: ${p} is out of range 1..1000000`);
    return v;
  });
}

/**
 * Parses a comma-separated list of exact numbers (a point x).
 *
 * @example
 * ```ts
 * vectorFlag('1/3,-1/4,0.2', '--x').length; // 3
 * ```
 */
export function vectorFlag(text: string, flag: string): Rational[] {
  return text.split(',').map((s) => exactFlag(s, flag));
}
