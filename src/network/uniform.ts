/**
 * Seeded targets with weights uniform on an interval [a, b] (generator `slth-uniform/1`), the
 * workload of Pensia et al.'s experiment (their trained 784-500-10 network has weights in
 * [-0.4642, 0.5407]). Such targets do NOT satisfy hypothesis H in general: they exercise the custom
 * mode of construction D (a fixed per-weight tolerance and pool), where the error chain uses
 * certified bounds s_i >= ||W_i||_2 instead of 1.
 *
 * One `seedrandom.xor4096` stream seeded with `slth-uniform/1:<seed>` is read layer by layer, row
 * by row. With lo = ceil(a 2^bits) and hi = floor(b 2^bits), each weight is K / 2^bits with
 * K = lo + floor(r (hi - lo + 1)) for the stream's next `.double()` r: an exact dyadic, uniform on
 * the grid of multiples of 2^-bits in [a, b] (up to the 2^-53 resolution of r).
 */
import seedrandom from 'seedrandom';
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Matrix, Network } from './network.js';
import { checkWidths } from './generate.js';
import { checkH, frobeniusUpper, rowColUpper } from './norms.js';

/** Name and version of the uniform target generator. @example `networkToJson(net, { generator: UNIFORM_GENERATOR })` */
export const UNIFORM_GENERATOR = 'slth-uniform/1';
/** Default resolution (bits after the binary point) of uniform weights. @example `generateUniformTarget(ws, 's', a, b, UNIFORM_BITS)` */
export const UNIFORM_BITS = 24;

/**
 * Parses an interval `a,b` (exact numbers, a < b, both in [-1, 1]).
 *
 * @example
 * ```ts
 * parseInterval('-0.4642,0.5407'); // [-2321/5000, 5407/10000]
 * ```
 */
export function parseInterval(text: string): [Rational, Rational] {
  const parts = text.split(',');
  if (parts.length !== 2) throw new InputError(`uniform needs two numbers a,b, got '${text}'`, { params: ['uniform'] });
  let a: Rational;
  let b: Rational;
  try {
    a = Rational.parse(parts[0] as string);
    b = Rational.parse(parts[1] as string);
  } catch (e) {
    throw new InputError(`uniform: ${(e as Error).message}`, { params: ['uniform'] });
  }
  if (!a.lt(b))
    throw new InputError(`uniform needs a < b, got ${a.toString()} and ${b.toString()}`, { params: ['uniform'] });
  if (a.lt(Rational.MINUS_ONE) || b.gt(Rational.ONE))
    throw new InputError(`uniform: the interval must lie in [-1, 1], got [${a.toString()}, ${b.toString()}]`, {
      params: ['uniform'],
    });
  return [a, b];
}

/**
 * A seeded target with the given widths and weights uniform on the multiples of 2^-bits in [a, b].
 *
 * @example
 * ```ts
 * const net = generateUniformTarget([784, 500, 10], 'pensia', Rational.parse('-0.4642'), Rational.parse('0.5407'));
 * ```
 */
export function generateUniformTarget(
  widths: readonly number[],
  seed: string,
  a: Rational,
  b: Rational,
  bits = UNIFORM_BITS,
): Network {
  const ws = checkWidths(widths);
  if (!Number.isSafeInteger(bits) || bits < 1 || bits > 30)
    throw new InputError(`bits must be an integer from 1 to 30, got ${String(bits)}`);
  const scale = Rational.of(1n << BigInt(bits));
  const lo = a.mul(scale).ceil();
  const hi = b.mul(scale).floor();
  if (hi < lo) throw new InputError(`no multiple of 2^-${bits} lies in [${a.toString()}, ${b.toString()}]`);
  const span = Number(hi - lo + 1n);
  const rng = seedrandom.xor4096(`${UNIFORM_GENERATOR}:${seed}`);
  const layers: Matrix[] = [];
  for (let i = 1; i < ws.length; i++) {
    const rows: Rational[][] = [];
    for (let r = 0; r < (ws[i] as number); r++) {
      const row: Rational[] = [];
      for (let j = 0; j < (ws[i - 1] as number); j++) {
        const k = lo + BigInt(Math.floor(rng.double() * span));
        row.push(Rational.dyadic(k, -bits));
      }
      rows.push(row);
    }
    layers.push(rows);
  }
  return { layers };
}

/** Whether a network satisfies H, decided exactly, with the cheapest test that settles it. */
export interface QuickH {
  readonly holds: boolean;
  /** The first layer violating H, or null. */
  readonly firstViolation: number | null;
  /** How it was decided. */
  readonly how: string;
}

/**
 * Decides H (every ||W_i||_2 <= 1) exactly, cheaply first: a layer holds when ||W||_F^2 <= 1 or
 * ||W||_1 ||W||_inf <= 1, and fails when some row or column has squared norm > 1; only the layers
 * left undecided run the exact PSD test of {@link checkH} (which is slow on large layers).
 *
 * @example
 * ```ts
 * quickH(generateUniformTarget([784, 500, 10], 's', a, b)).holds; // false: a row of layer 1 has norm > 1
 * ```
 */
export function quickH(net: Network): QuickH {
  const hows: string[] = [];
  for (let i = 0; i < net.layers.length; i++) {
    const W = net.layers[i] as Matrix;
    if (frobeniusUpper(W).le(Rational.ONE) || rowColUpper(W).le(Rational.ONE)) continue;
    const cols = W[0]?.length ?? 0;
    const colSq: Rational[] = Array.from({ length: cols }, () => Rational.ZERO);
    let bad: string | undefined;
    W.forEach((row, r) => {
      let s = Rational.ZERO;
      row.forEach((x, j) => {
        const q = x.mul(x);
        s = s.add(q);
        colSq[j] = (colSq[j] as Rational).add(q);
      });
      if (bad === undefined && s.gt(Rational.ONE)) bad = `row ${r} has squared norm ${s.toScientific(6, 'floor')} > 1`;
    });
    if (bad === undefined) {
      const j = colSq.findIndex((q) => q.gt(Rational.ONE));
      if (j >= 0) bad = `column ${j} has squared norm ${(colSq[j] as Rational).toScientific(6, 'floor')} > 1`;
    }
    if (bad !== undefined)
      return { holds: false, firstViolation: i + 1, how: `layer ${i + 1}: ${bad}, so ||W_${i + 1}||_2 > 1` };
    hows.push(`layer ${i + 1}: exact PSD test`);
    const h = checkH({ layers: [W] });
    if (!h.holds) return { holds: false, firstViolation: i + 1, how: `layer ${i + 1}: ||W||_2 > 1 (exact PSD test)` };
  }
  return { holds: true, firstViolation: null, how: hows.length > 0 ? hows.join('; ') : 'cheap norm bounds <= 1' };
}
