/**
 * Search for a witness of a large error: a point x of the unit ball where ||A(x) - B(x)|| is large.
 *
 * The search itself is an untrusted float64 heuristic: seeded random restarts (seedrandom only,
 * never an unseeded source) on the sphere, each followed by local ascent of f(x) = ||D(x)||^2 / ||x||^2. On
 * the linear piece through x, D(x) = J x with J the exact Jacobian of the piece, so the ascent
 * tries a power-iteration step x <- J^T J x (the top singular direction of the piece) and
 * otherwise a step along the projected gradient J^T J x - f(x) x with an adaptive step size.
 * Its result is only a candidate: the best few candidates are rounded to rational points of the
 * unit ball ({@link intoBall}) and evaluated EXACTLY, and only that exact value is reported.
 */
import seedrandom from 'seedrandom';
import { Rational } from '../numeric/rational.js';
import { toFloat, type FloatNetwork, type Network } from '../network/network.js';
import { intoBall, ratioSquared } from './difference.js';

/** Options of {@link searchWitness}. */
export interface WitnessSearchOptions {
  /** Seed of the restarts (printed and reproducible). */
  readonly seed: string;
  /** Random restarts (the 2d coordinate directions +-e_i are always tried as well). */
  readonly restarts?: number;
  /** Ascent steps per restart. */
  readonly steps?: number;
  /** Stop the search after about this many milliseconds (the result stays exact). */
  readonly budgetMs?: number;
  /** Extra starting directions (e.g. centres of promising boxes). */
  readonly starts?: readonly (readonly number[])[];
}

/** An exactly evaluated witness. */
export interface Witness {
  /** A rational point with ||x||_2 <= 1. */
  readonly x: Rational[];
  /** Exact ||D(x)||^2 / ||x||^2. */
  readonly valueSquared: Rational;
  /** Restarts actually run. */
  readonly restarts: number;
}

/** The float networks of a pair, for the estimates below. */
export interface FloatPair {
  readonly a: FloatNetwork;
  readonly b: FloatNetwork;
}

/**
 * Float64 copies of two networks, for the search heuristics.
 *
 * @example
 * ```ts
 * const pair = floatPair(a, b);
 * ```
 */
export function floatPair(a: Network, b: Network): FloatPair {
  return { a: toFloat(a), b: toFloat(b) };
}

/** D(x) and its Jacobian on the linear piece through x, in float64. */
function linearPiece(pair: FloatPair, x: Float64Array): { y: Float64Array; jac: Float64Array[] } {
  const ra = pieceOf(pair.a, x);
  const rb = pieceOf(pair.b, x);
  const y = ra.y.map((v, k) => v - (rb.y[k] as number));
  const jac = ra.jac.map((row, k) => row.map((v, m) => v - ((rb.jac[k] as Float64Array)[m] as number)));
  return { y, jac };
}

function pieceOf(net: FloatNetwork, x: Float64Array): { y: Float64Array; jac: Float64Array[] } {
  const d = x.length;
  let h = Float64Array.from(x);
  let jac: Float64Array[] = Array.from({ length: d }, (_, m) => {
    const e = new Float64Array(d);
    e[m] = 1;
    return e;
  });
  const L = net.layers.length;
  for (let i = 0; i < L; i++) {
    const w = net.layers[i] as Float64Array[];
    const out = new Float64Array(w.length);
    const nj: Float64Array[] = [];
    for (let r = 0; r < w.length; r++) {
      const row = w[r] as Float64Array;
      let s = 0;
      const jr = new Float64Array(d);
      for (let j = 0; j < row.length; j++) {
        const wj = row[j] as number;
        if (wj === 0) continue;
        s += wj * (h[j] as number);
        const hj = jac[j] as Float64Array;
        for (let m = 0; m < d; m++) jr[m] = (jr[m] as number) + wj * (hj[m] as number);
      }
      if (i < L - 1 && s <= 0) {
        out[r] = 0;
        nj.push(new Float64Array(d));
      } else {
        out[r] = s;
        nj.push(jr);
      }
    }
    h = out;
    jac = nj;
  }
  return { y: h, jac };
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const t of v) s += t * t;
  return Math.sqrt(s);
}

function dotF(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let m = 0; m < u.length; m++) s += (u[m] as number) * (v[m] as number);
  return s;
}

function normalize(v: Float64Array): Float64Array | undefined {
  const n = norm(v);
  if (!(n > 0) || !Number.isFinite(n)) return undefined;
  return v.map((t) => t / n);
}

/**
 * Float64 estimate of ||D(x)||^2 / ||x||^2 (an estimate, never a verdict).
 *
 * @example
 * ```ts
 * estimateRatio(floatPair(a, b), Float64Array.of(1, 0, 0)); // about ||D(e1)||^2
 * ```
 */
export function estimateRatio(pair: FloatPair, x: Float64Array): number {
  const n = norm(x);
  if (!(n > 0)) return 0;
  const { y } = linearPiece(pair, x);
  const v = norm(y) / n;
  return v * v;
}

/**
 * Local ascent of ||D(x)||^2 / ||x||^2 on the sphere from a unit vector x (float64 heuristic),
 * for at most `steps` steps and not beyond the `deadline` (a `performance.now()` time).
 *
 * @example
 * ```ts
 * const { x, value } = ascend(floatPair(a, b), Float64Array.of(1, 0, 0), 100);
 * ```
 */
export function ascend(
  pair: FloatPair,
  start: Float64Array,
  steps: number,
  deadline = Infinity,
): { x: Float64Array; value: number } {
  let x = normalize(start);
  if (!x) return { x: start, value: 0 };
  let f = estimateRatio(pair, x);
  let step = 0.25;
  for (let it = 0; it < steps && step > 1e-12; it++) {
    if ((it & 15) === 15 && performance.now() > deadline) break;
    const xs: Float64Array = x;
    const { jac } = linearPiece(pair, xs);
    const d = xs.length;
    // g = J^T J x
    const jx = jac.map((row) => dotF(row, xs));
    const g = new Float64Array(d);
    jac.forEach((row, k) => {
      for (let m = 0; m < d; m++) g[m] = (g[m] as number) + (row[m] as number) * (jx[k] as number);
    });
    const power = normalize(g);
    if (power) {
      const fp = estimateRatio(pair, power);
      if (fp > f * (1 + 1e-15)) {
        x = power;
        f = fp;
        continue;
      }
    }
    const gx = dotF(g, xs);
    const tangent = normalize(g.map((v, m) => v - gx * (xs[m] as number)));
    if (!tangent) break;
    const cand = normalize(xs.map((v, m) => v + step * (tangent[m] as number)));
    const fc = cand ? estimateRatio(pair, cand) : -1;
    if (cand && fc > f) {
      x = cand;
      f = fc;
      step = Math.min(1, step * 2);
    } else {
      step /= 2;
    }
  }
  return { x, value: f };
}

/** A standard normal deviate from two uniform doubles (Box-Muller). */
function gaussian(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Exact evaluation of a float direction: rounded to a rational point of the unit ball.
 *
 * @example
 * ```ts
 * exactWitness(a, b, Float64Array.of(0.6, 0.8)); // { x: [...], valueSquared: exact }
 * ```
 */
export function exactWitness(
  a: Network,
  b: Network,
  x: ArrayLike<number>,
): { x: Rational[]; valueSquared: Rational } | undefined {
  const q = Array.from(x, (v) => Rational.fromFloat(v));
  if (q.every((v) => v.isZero())) return undefined;
  const p = intoBall(q);
  return { x: p, valueSquared: ratioSquared(a, b, p) };
}

/**
 * Seeded multi-start search for a point of large error, evaluated exactly at the end.
 * Deterministic for a given seed unless `budgetMs` cuts the restarts short.
 *
 * @example
 * ```ts
 * const w = searchWitness(a, b, { seed: 'run-1' });
 * w.valueSquared; // exact lower bound of the squared sup error
 * ```
 */
export function searchWitness(a: Network, b: Network, options: WitnessSearchOptions): Witness {
  const t0 = performance.now();
  const pair = floatPair(a, b);
  const d = a.layers[0]?.[0]?.length ?? 0;
  const restarts = options.restarts ?? 16 + 4 * d;
  const steps = options.steps ?? 200;
  const rng = seedrandom.xor4096(`slth-error/witness:${options.seed}`);
  const starts: Float64Array[] = [];
  for (let m = 0; m < d; m++) {
    for (const s of [1, -1]) {
      const e = new Float64Array(d);
      e[m] = s;
      starts.push(e);
    }
  }
  for (const s of options.starts ?? []) starts.push(Float64Array.from(s));
  const found: { x: Float64Array; value: number }[] = [];
  let run = 0;
  const total = starts.length + restarts;
  for (let r = 0; r < total; r++) {
    if (options.budgetMs !== undefined && r > 0 && performance.now() - t0 > options.budgetMs) break;
    const start =
      r < starts.length
        ? (starts[r] as Float64Array)
        : Float64Array.from({ length: d }, () => gaussian(() => rng.double()));
    found.push(ascend(pair, start, steps, options.budgetMs === undefined ? Infinity : t0 + options.budgetMs));
    run += 1;
  }
  found.sort((u, v) => v.value - u.value);
  let best: { x: Rational[]; valueSquared: Rational } | undefined;
  for (const c of found.slice(0, 4)) {
    const w = exactWitness(a, b, c.x);
    if (w && (!best || w.valueSquared.gt(best.valueSquared))) best = w;
  }
  if (!best) {
    const e = Array.from({ length: d }, (_, m) => (m === 0 ? Rational.ONE : Rational.ZERO));
    best = { x: e, valueSquared: ratioSquared(a, b, e) };
  }
  return { ...best, restarts: run };
}
