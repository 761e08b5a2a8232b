/**
 * The common shape of a lemma check, and the printing rules every lemma follows:
 *
 * - an exact value prints as `p/q` ({@link exactFigure});
 * - a certified value prints as `[lower, upper]`, both with 17 significant digits rounded outward
 *   ({@link bracketFigure});
 * - an exact value whose `p/q` would be enormous prints as the bracket of its exact value, and the
 *   result says so (`exact: true` still holds: the verdict was reached in exact arithmetic);
 * - nothing is ever reported from float64 alone: a float figure, when shown, is labelled
 *   `estimate` and never decides `holds`.
 */
import type { Bracket } from '../numeric/certified.js';
import { formatBracket } from '../numeric/certified.js';
import { Rational, bitLength } from '../numeric/rational.js';

/** One lemma check: a verdict, the statement it checked and its figures (all strings). */
export interface LemmaResult {
  /** Lemma name, as in `slth lemma NAME` (e.g. `relu-identity`). */
  readonly lemma: string;
  /** What the check ran on (a fixture path, a seed, "built-in values", ...). */
  readonly input: string;
  /** True when the checked statement holds on this input (an exact or certified verdict). */
  readonly holds: boolean;
  /** The statement checked, in words. */
  readonly statement: string;
  /** True when every verdict of this check was decided in exact rational arithmetic. */
  readonly exact: boolean;
  /** Named figures: `p/q` when exact, `[lower, upper]` when certified. */
  readonly figures: Readonly<Record<string, string>>;
  /** When the statement fails: the exact input that refutes it, as named exact values. */
  readonly witness?: Readonly<Record<string, string>>;
  /** Remarks (methods, labels of estimates, sanity checks). */
  readonly notes?: readonly string[];
}

/** Above this many characters an exact `p/q` is printed as a bracket of its exact value instead. */
export const MAX_EXACT_CHARS = 400;

/** Significant digits of every printed bracket. */
export const BRACKET_DIGITS = 17;

/**
 * The exact `p/q` form of a rational.
 *
 * @example
 * ```ts
 * exactFigure(Rational.of(1, 3)); // '1/3'
 * ```
 */
export function exactFigure(q: Rational): string {
  return q.toString();
}

/** Sizes (bits of p plus bits of q) above which printing first rounds outward with BigInt shifts. */
const PRINT_ROUND_BITS = 4096;

/**
 * q rounded down ('floor') or up ('ceil') to a dyadic with `bits` significant bits, using BigInt
 * shifts and one division only (no gcd, so it is cheap for rationals of millions of bits).
 * Values already that short are returned unchanged.
 *
 * @example
 * ```ts
 * roundOutward(Rational.of(1, 3), 'ceil', 8).toString(); // '1/3' (already short)
 * roundOutward(Rational.of(1n, 3n ** 200n), 'ceil', 8); // a dyadic 129/2^m just above 3^-200
 * ```
 */
export function roundOutward(q: Rational, dir: 'floor' | 'ceil', bits: number): Rational {
  // short values (0 included: 0 + 1 bits) are returned unchanged
  if (bitLength(q.num) + bitLength(q.den) <= 2 * bits) return q;
  const e = bitLength(q.num) - bitLength(q.den); // |q| ~ 2^e
  const shift = bits - e; // q * 2^shift has about `bits` integer bits
  const num = q.num << BigInt(Math.max(shift, 0)); // q * 2^shift = num / den
  const den = q.den << BigInt(Math.max(-shift, 0));
  let m = num / den; // truncates toward zero (den > 0)
  if (dir === 'floor' && m * den > num)
    m -= 1n; // negative and inexact: one step down
  else if (dir === 'ceil' && m * den < num) m += 1n; // positive and inexact: one step up
  return Rational.dyadic(m, -shift);
}

/**
 * The `[lower, upper]` form of a certified bracket, 17 significant digits, rounded outward.
 *
 * @example
 * ```ts
 * bracketFigure(lnBracket(Rational.of(2))); // '[6.9314718055994530e-1, 6.9314718055994531e-1]'
 * ```
 */
export function bracketFigure(b: Bracket): string {
  return formatBracket(
    {
      lower: roundOutward(b.lower, 'floor', PRINT_ROUND_BITS / 8),
      upper: roundOutward(b.upper, 'ceil', PRINT_ROUND_BITS / 8),
    },
    BRACKET_DIGITS,
  );
}

/**
 * An exact value: `p/q` when short, else `[lower, upper]` (17 digits, outward) of the exact value
 * followed by a note of its size. The verdict behind it stays exact.
 *
 * @example
 * ```ts
 * exactOrBracket(Rational.of(1, 3)); // '1/3'
 * exactOrBracket(Rational.of(1n, 3n ** 2000n)); // '[5.7212451947729489e-955, 5.7212451947729490e-955] (exact value, 3171 bits of p/q)'
 * ```
 */
export function exactOrBracket(q: Rational): string {
  const bits = bitLength(q.num) + bitLength(q.den);
  if (bits <= PRINT_ROUND_BITS) {
    const s = q.toString();
    if (s.length <= MAX_EXACT_CHARS) return s;
  }
  return `${bracketFigure({ lower: q, upper: q })} (exact value, ${bits} bits of p/q)`;
}

/**
 * The one-line summary of a result: `NAME: holds (input)` or `NAME: REFUTED (input) witness ...`.
 *
 * @example
 * ```ts
 * summaryLine(result); // 'relu-identity: holds on built-in values (exact)'
 * ```
 */
export function summaryLine(r: LemmaResult): string {
  const how = r.exact ? 'exact' : 'certified';
  if (r.holds) return `${r.lemma}: holds on ${r.input} (${how})`;
  const w = r.witness
    ? ` witness ${Object.entries(r.witness)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`
    : '';
  return `${r.lemma}: REFUTED on ${r.input} (${how})${w}`;
}

/**
 * The human-readable form of a result: summary, statement, figures, witness and notes.
 *
 * @example
 * ```ts
 * io.out(formatResult(result));
 * ```
 */
export function formatResult(r: LemmaResult): string {
  const lines = [summaryLine(r), `  statement: ${r.statement}`];
  const keys = Object.keys(r.figures);
  const pad = Math.min(40, Math.max(0, ...keys.map((k) => k.length)));
  for (const k of keys) lines.push(`  ${k.padEnd(pad)}  ${r.figures[k] as string}`);
  if (r.witness) {
    lines.push('  witness:');
    for (const [k, v] of Object.entries(r.witness)) lines.push(`    ${k} = ${v}`);
  }
  for (const n of r.notes ?? []) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
