/**
 * Search for a witness of a large error: a point x of the unit ball where ||A(x) - B(x)|| is large.
 *
 * The search itself is an untrusted float64 heuristic: seeded random restarts (seedrandom only,
 * never an unseeded source) on the sphere, each followed by local ascent of f(x) = ||D(x)||^2 / ||x||^2. On
 * the linear piece through x, D(x) = J x with J the exact Jacobian of the piece, so the ascent
 * tries a power-iteration step x <- J^T J x (the top singular direction of the piece) and
 * otherwise a step along the projected gradient J^T J x - f(x) x with an adaptive step size;
 * J^T (J x) = J^T D(x) is computed in reverse mode, so a step costs O(weights), not O(weights d).
 * Its result is only a candidate: the best few candidates are rounded to rational points of the
 * unit ball ({@link intoBall}) and evaluated EXACTLY (integer forward passes), and only that exact
 * value is reported; for networks too large for that within the budget a {@link RatioEvaluator}
 * may give a certified lower bound instead (coarse.ts), and the result says so.
 */
import seedrandom from 'seedrandom';
import { Rational } from '../numeric/rational.js';
import { forwardFloat, type FloatNetwork, type Matrix, type Network } from '../network/network.js';
import { orTimeout, type Deadline } from './deadline.js';
import { intoBall } from './difference.js';
import { integerRatioSquared, toIntegerNetwork, type IntegerNetwork } from './integer-network.js';

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
  /** Hard end of the whole search, exact evaluation included (except the first witness). */
  readonly deadline?: Deadline;
  /** Float copies of the pair, when the caller has them already. */
  readonly pair?: FloatPair;
  /** Evaluator of the pair (default: exact), when the caller has one already. */
  readonly exact?: RatioEvaluator;
}

/** An exactly evaluated witness. */
export interface Witness {
  /** A rational point with ||x||_2 <= 1. */
  readonly x: Rational[];
  /** Exact ||D(x)||^2 / ||x||^2 (a certified lower bound of it with an inexact evaluator). */
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
  return { a: quickFloat(a), b: quickFloat(b) };
}

/**
 * Float64 copy of a matrix: each weight as Number(num) / Number(den), one rounding per
 * conversion and a correctly rounded division, so within a relative 2^-51 of the exact weight
 * (coarse.ts relies on this bound); the slow exact rounding only when a part overflows.
 *
 * @example
 * ```ts
 * floatMatrix([[Rational.of(1, 4)]]); // [Float64Array [0.25]]
 * ```
 */
export function floatMatrix(m: Matrix): Float64Array[] {
  let lastDen = 1n;
  let lastDenFloat = 1;
  return m.map((row) => {
    const out = new Float64Array(row.length);
    for (let j = 0; j < row.length; j++) {
      const q = row[j] as Rational;
      if (q.den !== lastDen) {
        lastDen = q.den;
        lastDenFloat = Number(q.den);
      }
      const n = Number(q.num);
      out[j] = Number.isFinite(n) && Number.isFinite(lastDenFloat) ? n / lastDenFloat : q.toNumber();
    }
    return out;
  });
}

function quickFloat(net: Network): FloatNetwork {
  return { layers: net.layers.map((m) => floatMatrix(m)) };
}

/** One network's forward pass in float64 with its ReLU pattern (1 = active) per hidden layer. */
function forwardPattern(net: FloatNetwork, x: Float64Array): { y: Float64Array; active: Uint8Array[] } {
  let h = x;
  const active: Uint8Array[] = [];
  const L = net.layers.length;
  for (let i = 0; i < L; i++) {
    const w = net.layers[i] as Float64Array[];
    const out = new Float64Array(w.length);
    const act = new Uint8Array(w.length);
    for (let r = 0; r < w.length; r++) {
      const row = w[r] as Float64Array;
      let s = 0;
      for (let j = 0; j < row.length; j++) s += (row[j] as number) * (h[j] as number);
      if (i < L - 1 && s <= 0) out[r] = 0;
      else {
        out[r] = s;
        act[r] = 1;
      }
    }
    if (i < L - 1) active.push(act);
    h = out;
  }
  return { y: h, active };
}

/** J^T g for the Jacobian J of the linear piece with the given ReLU pattern (reverse mode). */
function pullBack(net: FloatNetwork, active: readonly Uint8Array[], g: Float64Array): Float64Array {
  let v = g;
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const w = net.layers[i] as Float64Array[];
    const cols = (w[0] as Float64Array | undefined)?.length ?? 0;
    const out = new Float64Array(cols);
    const act = i < net.layers.length - 1 ? (active[i] as Uint8Array) : undefined;
    for (let r = 0; r < w.length; r++) {
      if (act && act[r] === 0) continue;
      const c = v[r] as number;
      if (c === 0) continue;
      const row = w[r] as Float64Array;
      for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + c * (row[j] as number);
    }
    v = out;
  }
  return v;
}

/**
 * D(x) and g = J^T D(x) on the linear piece through x (J its Jacobian, so J x = D(x) by
 * homogeneity and g = J^T J x): two forward and two reverse passes, O(weights), never O(weights d).
 */
function pieceStep(pair: FloatPair, x: Float64Array): { y: Float64Array; g: Float64Array } {
  const ra = forwardPattern(pair.a, x);
  const rb = forwardPattern(pair.b, x);
  const y = ra.y.map((v, k) => v - (rb.y[k] as number));
  const ga = pullBack(pair.a, ra.active, y);
  const gb = pullBack(pair.b, rb.active, y);
  return { y, g: ga.map((v, m) => v - (gb[m] as number)) };
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
  const ya = forwardFloat(pair.a, x);
  const yb = forwardFloat(pair.b, x);
  const v = norm(ya.map((t, k) => t - (yb[k] as number))) / n;
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
    if (performance.now() > deadline) break;
    const xs: Float64Array = x;
    const { g } = pieceStep(pair, xs); // g = J^T J x
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
 * Evaluates ||A(x) - B(x)||^2 / ||x||^2 at rational points: exactly ({@link ExactPair}), or as a
 * certified lower bound when `isExact` is false (the cheap substitute for large networks).
 */
export interface RatioEvaluator {
  readonly isExact: boolean;
  /** The value (or a certified lower bound of it) at a non-zero point; `checkpoint` may throw. */
  ratio(x: readonly Rational[], checkpoint?: () => void): Rational;
}

/**
 * Exact evaluation of ||A(x) - B(x)||^2 / ||x||^2 for one pair, through integer forward passes
 * (integer-network.ts) built on first use.
 *
 * @example
 * ```ts
 * new ExactPair(a, b).ratio([Rational.ONE, Rational.ZERO]); // equals ratioSquared(a, b, e1)
 * ```
 */
export class ExactPair implements RatioEvaluator {
  readonly isExact = true;
  private ia: IntegerNetwork | undefined;
  private ib: IntegerNetwork | undefined;
  constructor(
    readonly a: Network,
    readonly b: Network,
    ia?: IntegerNetwork,
    ib?: IntegerNetwork,
  ) {
    this.ia = ia;
    this.ib = ib;
  }

  /** Exact ratio at a non-zero rational point; `checkpoint` may throw to abandon it. @example `pair.ratio(x)` */
  ratio(x: readonly Rational[], checkpoint?: () => void): Rational {
    this.ia ??= toIntegerNetwork(this.a, checkpoint);
    this.ib ??= toIntegerNetwork(this.b, checkpoint);
    return integerRatioSquared(this.ia, this.ib, x, checkpoint);
  }
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
  exact: RatioEvaluator = new ExactPair(a, b),
  checkpoint?: () => void,
): { x: Rational[]; valueSquared: Rational } | undefined {
  const q = Array.from(x, (v) => Rational.fromFloat(v));
  if (q.every((v) => v.isZero())) return undefined;
  const p = intoBall(q);
  return { x: p, valueSquared: exact.ratio(p, checkpoint) };
}

/**
 * Seeded multi-start search for a point of large error, evaluated exactly at the end.
 * Deterministic for a given seed unless `budgetMs` (or `deadline`) cuts the restarts short. The
 * exact evaluation of the best candidates stops at `deadline`, except the first one: a witness
 * is always evaluated.
 *
 * @example
 * ```ts
 * const w = searchWitness(a, b, { seed: 'run-1' });
 * w.valueSquared; // exact lower bound of the squared sup error
 * ```
 */
export function searchWitness(a: Network, b: Network, options: WitnessSearchOptions): Witness {
  const t0 = performance.now();
  const pair = options.pair ?? floatPair(a, b);
  const exact = options.exact ?? new ExactPair(a, b);
  const d = a.layers[0]?.[0]?.length ?? 0;
  const restarts = options.restarts ?? 16 + 4 * d;
  const steps = options.steps ?? 200;
  const searchEnd = Math.min(
    options.budgetMs === undefined ? Infinity : t0 + options.budgetMs,
    options.deadline?.at ?? Infinity,
  );
  const rng = seedrandom.xor4096(`slth-error/witness:${options.seed}`);
  // starts, built one at a time: +-e_m for every m, the given ones, then seeded random directions
  const extra = options.starts ?? [];
  const fixedStarts = 2 * d + extra.length;
  const startAt = (r: number): Float64Array => {
    if (r < 2 * d) {
      const e = new Float64Array(d);
      e[r >> 1] = r % 2 === 0 ? 1 : -1;
      return e;
    }
    if (r < fixedStarts) return Float64Array.from(extra[r - 2 * d] as readonly number[]);
    return Float64Array.from({ length: d }, () => gaussian(() => rng.double()));
  };
  const found: { x: Float64Array; value: number }[] = [];
  let run = 0;
  const total = fixedStarts + restarts;
  for (let r = 0; r < total; r++) {
    if (r > 0 && performance.now() > searchEnd) break;
    const start = startAt(r);
    found.push(ascend(pair, start, steps, searchEnd));
    run += 1;
  }
  found.sort((u, v) => v.value - u.value);
  let best: { x: Rational[]; valueSquared: Rational } | undefined;
  const check = options.deadline ? () => options.deadline?.check() : undefined;
  for (const c of found.slice(0, 4)) {
    if (best && options.deadline?.passed()) break;
    const w = best ? orTimeout(() => exactWitness(a, b, c.x, exact, check)) : exactWitness(a, b, c.x, exact);
    if (w && (!best || w.valueSquared.gt(best.valueSquared))) best = w;
  }
  if (!best) {
    const e = Array.from({ length: d }, (_, m) => (m === 0 ? Rational.ONE : Rational.ZERO));
    best = { x: e, valueSquared: exact.ratio(e) };
  }
  return { ...best, restarts: run };
}
