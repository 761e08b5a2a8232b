/**
 * The typed JSON forms every `--json` output and report file shares (schemas/common.schema.json):
 * a count is a JSON number up to 2^53 - 1 and a decimal integer string beyond; an exact value is
 * its reduced `p/q` string; a certified value is `{ lower, upper }` of exact strings; a float64
 * estimate is a JSON number in a field labelled as an estimate (never a verdict).
 */
import type { Bracket } from './certified.js';
import type { Rational } from './rational.js';

/** A count in JSON: a number up to 2^53 - 1, else a decimal integer string. */
export type CountJson = number | string;

/** A certified value in JSON: exact lower and upper ends. */
export interface CertifiedJson {
  readonly lower: string;
  readonly upper: string;
}

/**
 * A count as JSON: a number when it is a safe integer, else its decimal string.
 *
 * @example
 * ```ts
 * countJson(12n); // 12
 * countJson(10n ** 16n); // '10000000000000000'
 * ```
 */
export function countJson(n: bigint | number): CountJson {
  if (typeof n === 'number') return Number.isSafeInteger(n) ? n : BigInt(n).toString();
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

/**
 * A certified bracket as JSON `{ lower, upper }` (exact `p/q` ends).
 *
 * @example
 * ```ts
 * certifiedJson({ lower: Rational.of(1, 3), upper: Rational.of(1, 2) }); // { lower: '1/3', upper: '1/2' }
 * ```
 */
export function certifiedJson(b: Bracket): CertifiedJson {
  return { lower: b.lower.toString(), upper: b.upper.toString() };
}

/**
 * A float64 estimate of an exact value, for reading only (`null` when it does not fit a double's
 * range: the exact value is always given beside it).
 *
 * @example
 * ```ts
 * estimateJson(Rational.of(1, 3)); // 0.3333333333333333
 * ```
 */
export function estimateJson(q: Rational): number | null {
  const x = q.toNumber();
  return Number.isFinite(x) ? x : null;
}

/** A value known exactly (`{ exact }`) or through a certified bracket (`{ lower, upper }`), as JSON. */
export type QuantityJson = { readonly exact: string } | CertifiedJson;

/**
 * An exact-or-certified value as JSON: `{ exact: 'p/q' }` when exact, else `{ lower, upper }`.
 *
 * @example
 * ```ts
 * quantityJson(exactQ(Rational.of(1, 4))); // { exact: '1/4' }
 * quantityJson(certifiedQ(lnBracket(Rational.of(2)))); // { lower: '...', upper: '...' }
 * ```
 */
export function quantityJson(q: {
  readonly exact: Rational | undefined;
  readonly lower: Rational;
  readonly upper: Rational;
}): QuantityJson {
  return q.exact ? { exact: q.exact.toString() } : certifiedJson(q);
}
