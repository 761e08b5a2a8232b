/**
 * Seeded random targets that satisfy hypothesis H exactly (and H' on request).
 *
 * Generator `slth-target/1`. One `seedrandom.xor4096` stream seeded with
 * `slth-target/1:<seed>` is read layer by layer, row by row. For layer i (shape n_i x n_{i-1}):
 *
 * 1. Draw integers K[r][j] uniform on {-2^bits, ..., 2^bits} as floor(r * (2^(bits+1) + 1)) - 2^bits
 *    from the stream's `.double()` values r. The raw weight is K / 2^bits, in [-1, 1].
 * 2. Let Q = min(||K||_F^2, ||K||_1 ||K||_inf) (both exact integers, both >= ||K||_2^2); with H'
 *    also Q >= max|K|^2 n_{i-1}. Take the dyadic c = m / 2^G with m = isqrt(floor(4^G / Q)), so
 *    c^2 Q <= 1 exactly; never scale up: c = min(c, 2^-bits).
 * 3. The weight is K c rounded toward zero to a multiple of 2^-F, F = bits + t + 1 where 2^-t
 *    bounds the largest possible |weight| c 2^bits: every weight keeps about bits + 1 significant
 *    bits. Rounding toward zero shrinks every |entry|, so both certified bounds stay <= 1, hence
 *    ||W_i||_2 <= 1 (and |w| <= 1/sqrt(n_{i-1}) with H').
 * 4. With `tight`, the factor is then enlarged by bisection to the largest value (up to
 *    bits + 4 halvings) for which the rounded matrix still passes the exact test
 *    {@link spectralAtMostOne} (and H'), so that ||W_i||_2 is close to 1.
 *
 * The result is re-checked with {@link checkH} (and {@link checkHPrime}); a failure is a bug.
 */
import seedrandom from 'seedrandom';
import { InputError } from '../errors.js';
import { isqrt } from '../numeric/certified.js';
import { Rational, absBig, bitLength } from '../numeric/rational.js';
import type { Matrix, Network } from './network.js';
import { checkH, checkHPrime, spectralAtMostOne } from './norms.js';
import { MAX_WEIGHTS } from './json.js';

/** Name and version of the target generator (the stream is seeded with `<name>:<seed>`). */
export const TARGET_GENERATOR = 'slth-target/1';
/** Largest width the generator accepts. */
export const MAX_TARGET_WIDTH = 10_000;
/** Largest number of layers the generator accepts. */
export const MAX_TARGET_DEPTH = 1_000;
/** Largest min(n_i, n_{i-1}) for which `tight` runs exact PSD tests. */
export const MAX_TIGHT_WIDTH = 64;
/** Default resolution of the raw draws. */
export const DEFAULT_BITS = 10;

/** Options of {@link generateTarget}. */
export interface GenerateOptions {
  /** Also satisfy H': |W_i[r, j]| <= 1/sqrt(n_{i-1}). */
  readonly hprime?: boolean;
  /** Resolution of the raw draws, 1 to 30 (default {@link DEFAULT_BITS}). */
  readonly bits?: number;
  /** Enlarge each layer so that ||W_i||_2 is close to 1 (exact PSD tests; small layers only). */
  readonly tight?: boolean;
}

const SEED_MAX = 256;

/**
 * Validates target widths n_0, ..., n_l: at least two entries, integers from 1 to
 * {@link MAX_TARGET_WIDTH}, at most {@link MAX_TARGET_DEPTH} layers and at most
 * {@link MAX_WEIGHTS} weights.
 *
 * @example
 * ```ts
 * checkWidths([3, 4, 4, 1]); // [3, 4, 4, 1]
 * ```
 */
export function checkWidths(widths: readonly number[]): number[] {
  if (!Array.isArray(widths) || widths.length < 2) {
    throw new InputError(
      `widths must list at least two sizes n_0 = d, ..., n_l (got ${Array.isArray(widths) ? widths.length : 0})`,
    );
  }
  if (widths.length - 1 > MAX_TARGET_DEPTH)
    throw new InputError(`at most ${MAX_TARGET_DEPTH} layers (got ${widths.length - 1})`);
  widths.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 1 || w > MAX_TARGET_WIDTH) {
      throw new InputError(`width n_${i} must be an integer from 1 to ${MAX_TARGET_WIDTH}, got ${String(w)}`);
    }
  });
  let total = 0;
  for (let i = 1; i < widths.length; i++) total += (widths[i] as number) * (widths[i - 1] as number);
  if (total > MAX_WEIGHTS) throw new InputError(`widths give ${total} weights (at most ${MAX_WEIGHTS})`);
  return [...widths];
}

/** Scales the integer matrix k by mult / 2^G, truncating toward zero to a multiple of 2^-F. */
function scaled(k: readonly bigint[][], mult: bigint, G: number, F: number): Matrix {
  const shift = BigInt(G - F);
  return k.map((row) => row.map((x) => Rational.dyadic((x * mult) / (1n << shift), -F)));
}

/** One layer: the integer draws K, then the exact scaling of the module comment. */
function makeLayer(k: bigint[][], fanIn: number, bits: number, hprime: boolean, tight: boolean): Matrix {
  const rows = k.length;
  let fro = 0n;
  let maxK = 0n;
  let normInf = 0n;
  const colSums: bigint[] = new Array<bigint>(fanIn).fill(0n);
  for (const row of k) {
    let rs = 0n;
    row.forEach((x, j) => {
      const a = absBig(x);
      fro += a * a;
      rs += a;
      if (a > maxK) maxK = a;
      colSums[j] = (colSums[j] as bigint) + a;
    });
    if (rs > normInf) normInf = rs;
  }
  const norm1 = colSums.reduce((a, b) => (b > a ? b : a), 0n);
  let Q = fro < norm1 * normInf ? fro : norm1 * normInf;
  const hq = maxK * maxK * BigInt(fanIn);
  if (hprime && hq > Q) Q = hq;
  const G = 2 * bits + bitLength(Q) + 64;
  const cap = 1n << BigInt(G - bits); // 2^-bits as m / 2^G
  const certified = Q === 0n ? cap : isqrt((1n << BigInt(2 * G)) / Q); // (certified / 2^G)^2 Q <= 1
  const m = certified < cap ? certified : cap;
  const t = Math.max(0, G - bits - bitLength(m));
  const F = bits + t + 1;
  let w = scaled(k, m, G, F);
  if (tight && Q !== 0n && Math.min(rows, fanIn) <= MAX_TIGHT_WIDTH) {
    // Bisection on the multiplier in [m, certified * 2^(ceil(log2 sqrt(r)) + 1)], r = min dim: lo
    // always passes, and ||certified K / 2^G||_2 >= 1/sqrt(r) puts the largest passing value below hi.
    const ok = (mult: bigint): Matrix | null => {
      if (hprime && mult * mult * hq > 1n << BigInt(2 * G)) return null;
      const cand = scaled(k, mult, G, F);
      return spectralAtMostOne(cand) ? cand : null;
    };
    let lo = m;
    let hi = certified << BigInt(Math.ceil(Math.log2(Math.sqrt(Math.min(rows, fanIn)))) + 1);
    for (let step = 0; step < bits + 4 && hi - lo > 1n; step++) {
      const mid = (lo + hi) / 2n;
      const cand = ok(mid);
      if (cand) {
        lo = mid;
        w = cand;
      } else hi = mid;
    }
  }
  return w;
}

/**
 * A seeded random target with the given widths n_0 = d, ..., n_l whose every layer satisfies
 * H (||W_i||_2 <= 1) exactly, and H' too with `hprime`. Weights are short dyadic rationals.
 * The same (widths, seed, options) always give the same network.
 *
 * @example
 * ```ts
 * const net = generateTarget([3, 4, 4, 1], 'demo', { hprime: true });
 * checkH(net).holds && checkHPrime(net).holds; // true
 * ```
 */
export function generateTarget(widths: readonly number[], seed: string, opts: GenerateOptions = {}): Network {
  const ws = checkWidths(widths);
  if (typeof seed !== 'string' || seed.length === 0 || seed.length > SEED_MAX) {
    throw new InputError(`seed must be a non-empty string of at most ${SEED_MAX} characters`);
  }
  const bits = opts.bits ?? DEFAULT_BITS;
  if (!Number.isSafeInteger(bits) || bits < 1 || bits > 30)
    throw new InputError(`bits must be an integer from 1 to 30, got ${String(bits)}`);
  const hprime = opts.hprime === true;
  const tight = opts.tight === true;
  if (tight) {
    for (let i = 1; i < ws.length; i++) {
      if (Math.min(ws[i] as number, ws[i - 1] as number) > MAX_TIGHT_WIDTH) {
        throw new InputError(
          `tight targets need exact PSD tests: layer ${i} has min(n_${i}, n_${i - 1}) > ${MAX_TIGHT_WIDTH}`,
        );
      }
    }
  }
  const rng = seedrandom.xor4096(`${TARGET_GENERATOR}:${seed}`);
  const span = 2 ** (bits + 1) + 1;
  const half = BigInt(2 ** bits);
  const layers: Matrix[] = [];
  for (let i = 1; i < ws.length; i++) {
    const rows = ws[i] as number;
    const cols = ws[i - 1] as number;
    const k: bigint[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: bigint[] = [];
      for (let j = 0; j < cols; j++) row.push(BigInt(Math.floor(rng.double() * span)) - half);
      k.push(row);
    }
    layers.push(makeLayer(k, cols, bits, hprime, tight));
  }
  const net: Network = { layers };
  const h = checkH(net);
  if (!h.holds) throw new Error(`generateTarget: layer ${h.firstViolation} violates H (bug)`);
  if (hprime) {
    const hp = checkHPrime(net);
    if (!hp.holds) throw new Error(`generateTarget: layer ${hp.firstViolation} violates H' (bug)`);
  }
  return net;
}
