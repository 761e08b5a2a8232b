/**
 * Shared arbitraries and helpers of the lemma properties.
 */
import fc from 'fast-check';
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { Rational } from '../../src/numeric/rational.js';
import { jsonContractProblems } from '../_support/schemas.js';

/** Dyadic grid k / 2^30 in [-1, 1], without bias towards small values. */
export const dyadicArb: fc.Arbitrary<Rational> = fc
  .noBias(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }))
  .map((k) => Rational.fromFloat(k / 2 ** 30));

/** Decimal strings such as '-12.000345' or '-7e-12', parsed exactly (so '0.1' is 1/10). */
export const decimalStringArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.nat({ max: 999_999 }),
    fc.nat({ max: 999_999 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 30 }),
  )
  .map(([neg, a, b, sci, e]) => `${neg ? '-' : ''}${sci ? `${a}e-${e}` : `${a}.${String(b).padStart(6, '0')}`}`);

/** The exact values of {@link decimalStringArb}. */
export const decimalArb: fc.Arbitrary<Rational> = decimalStringArb.map((t) => Rational.parse(t));

/** Fractions p/q with q up to 10^6. */
export const fractionArb: fc.Arbitrary<Rational> = fc
  .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }))
  .map(([p, q]) => Rational.of(p, q));

/** IEEE edge doubles: -0, subnormals, the extremes, powers of two, and any finite double. */
export const ieeeArb: fc.Arbitrary<Rational> = fc
  .oneof(
    fc.constantFrom(
      -0,
      0,
      5e-324,
      -5e-324,
      2.2250738585072014e-308,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      2 ** -50,
      2 ** -1074,
      1 - 2 ** -53,
    ),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  )
  .map((x) => Rational.fromFloat(x));

/** Any of the above. */
export const exactValueArb: fc.Arbitrary<Rational> = fc.oneof(dyadicArb, decimalArb, fractionArb, ieeeArb);

/** Probabilities in [0, 1] as short fractions. */
export const probabilityArb: fc.Arbitrary<Rational> = fc
  .tuple(fc.nat({ max: 1000 }), fc.integer({ min: 1, max: 1000 }))
  .map(([a, b]) => Rational.of(Math.min(a, b), b));

/** Runs the CLI with captured output (one line per write); `--json` output is validated against its schema. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => void (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void (err += t.endsWith('\n') ? t : `${t}\n`),
    interactive: false,
  };
  const code = await main(argv, io);
  const problems = jsonContractProblems(argv, code, out);
  if (problems.length > 0)
    throw new Error(`slth ${argv.join(' ')} (exit ${code}): --json output breaks its schema\n${problems.join('\n')}`);
  return { code, out, err };
}
