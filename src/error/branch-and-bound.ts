/**
 * A certified bracket of the sup error in any input dimension, by branch-and-bound.
 *
 * Upper bound. By positive homogeneity the sup over the ball is the sup over the unit sphere of
 * ||D(u)||, and every unit vector u is a positive multiple of the point x = u / max_m |u_m| of the
 * surface of the cube [-1, 1]^d, with ||D(u)|| = ||D(x)|| / ||x||. So
 *
 *   sup_{||x|| <= 1} ||D(x)||^2 = sup over the cube surface of ||D(x)||^2 / ||x||^2.
 *
 * The surface is the union of 2d faces (x_m = +-1), each a (d-1)-dimensional box. On a box X,
 * certified affine bounds l_k(x) <= D_k(x) <= u_k(x) come from box-bounds.ts: the difference
 * propagated layer by layer (differential.ts) when the pair has a difference form, else A and B
 * bounded on their own (linear-bounds.ts, upper_A - lower_B and lower_A - upper_B combined before
 * being maximised). With |D_k| <= c_k on X and n_X := min over X of ||x||^2 (>= 1 on a face), the
 * box's bound is sum_k min(c_k^2 / n_X, (Cauchy-Schwarz term)^2) ({@link ratioBoundSquared}).
 * The box with the largest bound is split in two along its widest side, until the budget runs
 * out. The certified upper bound of the squared sup is the largest open bound, never above a
 * first bound over the whole ball (or the witness value, when every box has been closed by it).
 *
 * Lower bound: an exact witness ({@link searchWitness}), improved on the way from box centres.
 * Boxes whose bound does not exceed the witness value cannot hold a larger value and are closed.
 * Large pairs (coarse.ts) get interval bounds on exact 53-bit integers and certified lower
 * bounds at witnesses.
 */
import { InputError } from '../errors.js';
import { sqrtBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { pairDims } from './difference.js';
import { coarseBounder, pairBounder } from './box-bounds.js';
import { CoarseEvaluator } from './coarse.js';
import { Deadline, orTimeout } from './deadline.js';
import { differenceForm, type DifferenceForm } from './difference-form.js';
import { integerFromFixed } from './integer-network.js';
import { FRAC_BITS, fixedToNumber, fixedToRational, toFixedFloor } from '../numeric/fixed.js';
import type { FixedBox } from './linear-bounds.js';
import { MaxHeap } from '../numeric/max-heap.js';
import type { StopReason, SupErrorResult } from './result.js';
import { rationalSqrt } from '../numeric/surd.js';
import {
  ascend,
  estimateRatio,
  ExactPair,
  exactWitness,
  floatPair,
  searchWitness,
  type FloatPair,
  type RatioEvaluator,
} from './witness.js';

export { boxBoundSquared } from './box-bounds.js';

/** Options of {@link branchAndBound}. */
export interface BranchAndBoundOptions {
  /** Wall-clock budget in milliseconds (default 2000). */
  readonly budgetMs?: number;
  /** Most boxes to bound (default 1,000,000); with it, runs are reproducible. */
  readonly maxBoxes?: number;
  /** Stop when upper - lower (estimated in float64) is at most this (default 1e-9). */
  readonly tolerance?: Rational;
  /** Stop as soon as the bracket decides sup <= eps or sup > eps. */
  readonly eps?: Rational;
  /** Seed of the witness search (default 'slth'). */
  readonly seed?: string;
  /** Restarts of the witness search (default 16 + 4 d). */
  readonly restarts?: number;
  /** Box bounds: 'auto' (default: differential when the pair has a difference form), or forced. */
  readonly bounds?: 'auto' | 'separate' | 'differential';
  /** The pair's difference form, when known (a certificate's, from its gadgets). */
  readonly form?: DifferenceForm;
  /** NEGATIVE CONTROL ONLY: differential bounds that forget the ReLU crossing case (unsound). */
  readonly _dropCrossing?: boolean;
}

/**
 * The 2d faces of the cube [-1, 1]^d in fixed point (`fracBits` fractional bits).
 *
 * @example
 * ```ts
 * cubeFaces(3).length; // 6
 * ```
 */
export function cubeFaces(d: number, fracBits = FRAC_BITS): FixedBox[] {
  return Array.from({ length: 2 * d }, (_, f) => cubeFace(d, f, fracBits));
}

/**
 * Face f of the cube (0 <= f < 2d): x_m = +1 for f = 2m, x_m = -1 for f = 2m + 1.
 *
 * @example
 * ```ts
 * cubeFace(3, 1).lo[0] === -FIXED_ONE; // x_0 = -1
 * ```
 */
export function cubeFace(d: number, f: number, fracBits = FRAC_BITS): FixedBox {
  const FIXED_ONE = 1n << BigInt(fracBits);
  const m = f >> 1;
  const s = f % 2 === 0 ? FIXED_ONE : -FIXED_ONE;
  const lo = new Array<bigint>(d).fill(-FIXED_ONE);
  const hi = new Array<bigint>(d).fill(FIXED_ONE);
  lo[m] = s;
  hi[m] = s;
  return { lo, hi };
}

function centre(box: FixedBox): Float64Array {
  return Float64Array.from(box.lo, (lo, m) => fixedToNumber(lo + (box.hi[m] as bigint)) / 2);
}

/** The two halves of a box along its widest side, or undefined when it cannot be split. */
function split(box: FixedBox): [FixedBox, FixedBox] | undefined {
  let best = -1;
  let width = 1n; // a side must be at least 2 units wide to split
  box.lo.forEach((lo, m) => {
    const w = (box.hi[m] as bigint) - lo;
    if (w > width) {
      width = w;
      best = m;
    }
  });
  if (best < 0) return undefined;
  const mid = ((box.lo[best] as bigint) + (box.hi[best] as bigint)) >> 1n;
  const hi1 = [...box.hi];
  hi1[best] = mid;
  const lo2 = [...box.lo];
  lo2[best] = mid;
  return [
    { lo: box.lo, hi: hi1 },
    { lo: lo2, hi: box.hi },
  ];
}

/**
 * Validates branch-and-bound options; a bad value is an {@link InputError}.
 *
 * @example
 * ```ts
 * checkBranchAndBoundOptions({ maxBoxes: 0 }); // throws InputError
 * ```
 */
export function checkBranchAndBoundOptions(o: BranchAndBoundOptions): void {
  if (o.budgetMs !== undefined && !(Number.isFinite(o.budgetMs) && o.budgetMs >= 0))
    throw new InputError(`budget must be a number of milliseconds >= 0, got ${o.budgetMs}`);
  if (o.maxBoxes !== undefined && !(Number.isSafeInteger(o.maxBoxes) && o.maxBoxes >= 1))
    throw new InputError(`maxBoxes must be an integer >= 1, got ${o.maxBoxes}`);
  if (o.tolerance !== undefined && o.tolerance.sign() < 0)
    throw new InputError(`tolerance must be >= 0, got ${o.tolerance.toString()}`);
  if (o.eps !== undefined && o.eps.sign() < 0) throw new InputError(`eps must be >= 0, got ${o.eps.toString()}`);
  if (o.restarts !== undefined && !(Number.isSafeInteger(o.restarts) && o.restarts >= 0))
    throw new InputError(`restarts must be an integer >= 0, got ${o.restarts}`);
  if (o.seed !== undefined && o.seed.length === 0) throw new InputError('seed must not be empty');
}

/**
 * BigInt multiply-adds per millisecond assumed when choosing symbolic or concrete box bounds: a
 * deliberately low constant (the choice must not depend on timing, so that runs limited by
 * `maxBoxes` are reproducible).
 */
const OPS_PER_MS = 20_000;
/** BigInt operations per weight of the preparation, the ball bound and one exact evaluation. */
const BIGINT_OPS_PER_WEIGHT = 12;
/** BigInt operations per millisecond assumed for that decision: pessimistic (a loaded machine). */
const BIGINT_OPS_PER_MS = 5_000;
/** Most coordinates of open boxes kept at once (memory stays bounded for any d). */
const MAX_OPEN_COORDINATES = 4_000_000;

/** The cube [-1, 1]^d in fixed point. */
function cube(d: number): FixedBox {
  const one = 1n << BigInt(FRAC_BITS);
  return { lo: new Array<bigint>(d).fill(-one), hi: new Array<bigint>(d).fill(one) };
}

/**
 * A certified bracket [lower, upper] of the sup error of two networks (any d >= 1) by
 * branch-and-bound over the faces of the cube, with an exact witness for the lower bound.
 *
 * Phases, all inside the wall-clock budget: (1) one certified bound over the whole ball by
 * interval arithmetic (a single pass over the weights; it stands for every face not yet
 * bounded); (2) the witness search, a quarter of the budget; (3) the faces and their halves
 * until 90% of it, symbolic when the estimated cost of bounding all faces fits in a quarter of
 * the budget, else concrete; (4) polishing the witness from the most promising boxes. Every long
 * step checks the clock and is dropped when the time is up; the preparation, the ball bound and
 * one exact witness are always completed (each a single pass over the weights).
 *
 * @example
 * ```ts
 * const r = branchAndBound(a, b, { budgetMs: 1000, seed: 'run-1' });
 * r.lower.le(r.upper); // true; both certified
 * ```
 */
export function branchAndBound(a: Network, b: Network, options: BranchAndBoundOptions = {}): SupErrorResult {
  const t0 = performance.now();
  checkBranchAndBoundOptions(options);
  const dims = pairDims(a, b);
  const d = dims.inputDim;
  const budgetMs = options.budgetMs ?? 2000;
  const maxBoxes = options.maxBoxes ?? 1_000_000;
  const tol = (options.tolerance ?? Rational.of(1n, 10n ** 9n)).toNumber();
  const e2 = options.eps?.mul(options.eps);
  const e2fix = e2 === undefined ? undefined : toFixedFloor(e2);
  const seed = options.seed ?? 'slth';
  const end = new Deadline(t0 + budgetMs);
  const boxEnd = new Deadline(t0 + 0.9 * budgetMs);

  // 0. preparation and (1) the ball bound: one pass each over the weights, always completed
  // 0. preparation: large pairs (where one BigInt pass over the weights would not fit in a fifth
  // of the budget) get interval bounds on 53-bit integers and certified lower bounds at witnesses
  const pair: FloatPair = floatPair(a, b);
  let weights = 0;
  for (const m of [...pair.a.layers, ...pair.b.layers]) weights += m.length * (m[0]?.length ?? 0);
  const large = options.bounds === undefined && (weights * BIGINT_OPS_PER_WEIGHT) / BIGINT_OPS_PER_MS > budgetMs / 5;
  const form = options.form ?? (large ? differenceForm(a, b) : undefined);
  const coarse = large ? coarseBounder(pair, form) : undefined;
  const bounder =
    coarse ??
    pairBounder(a, b, {
      ...(options.bounds !== undefined ? { bounds: options.bounds } : {}),
      ...(form ? { form } : {}),
      ...(options._dropCrossing ? { _dropCrossing: true } : {}),
    });
  // 1. the ball bound: one pass over the weights, always completed
  const ballKey = bounder.bound(cube(d), { symbolic: false, ball: true });
  const fixed = bounder.fixed;
  const cp = bounder.coarse;
  const exact: RatioEvaluator = cp
    ? new CoarseEvaluator(cp)
    : new ExactPair(
        a,
        b,
        fixed?.a.exact ? integerFromFixed(fixed.a) : undefined,
        fixed?.b.exact ? integerFromFixed(fixed.b) : undefined,
      );
  // 2. witness search (a quarter of the budget)
  const found = searchWitness(a, b, {
    seed,
    budgetMs: budgetMs / 4,
    // on large pairs the preparation may have used much of the budget: the search ends by 80% of it
    deadline: new Deadline(t0 + 0.8 * budgetMs),
    pair,
    exact,
    ...(options.restarts !== undefined ? { restarts: options.restarts } : {}),
  });
  let witness = found.x;
  let witnessSquared = found.valueSquared;
  let witFix = toFixedFloor(witnessSquared);
  let bestFloat = witnessSquared.toNumber();
  // box centres that look better (in float64) wait here; one is evaluated exactly now and then
  let pending: Float64Array | undefined;
  const consider = (x: Float64Array): void => {
    const est = estimateRatio(pair, x);
    if (est > bestFloat * (1 + 1e-12)) {
      bestFloat = est;
      pending = x;
    }
  };
  const settle = (): void => {
    if (!pending) return;
    const x = pending;
    pending = undefined;
    const w = orTimeout(() => exactWitness(a, b, x, exact, () => end.check()));
    if (w && w.valueSquared.gt(witnessSquared)) {
      witness = w.x;
      witnessSquared = w.valueSquared;
      witFix = toFixedFloor(witnessSquared);
    }
  };

  // 3. branch-and-bound on the faces of the cube
  const symbolic = !coarse && bounder.cost * (d + 1) * 2 * d <= (OPS_PER_MS * budgetMs) / 4;
  const mode = { symbolic, checkpoint: () => boxEnd.check() };
  const heap = new MaxHeap<FixedBox>();
  let stuck = 0n; // largest bound of boxes too small to split
  let boxes = 0;
  /** A box's bound, or undefined when the time ran out inside it. */
  const boundOf = (box: FixedBox): bigint | undefined => orTimeout(() => bounder.bound(box, mode));
  /** Keeps a bounded box if it may hold more than the witness. */
  const keep = (box: FixedBox, bound: bigint): void => {
    boxes += 1;
    consider(centre(box));
    if (bound > witFix) heap.push(bound, box);
  };
  let stopReason: StopReason | undefined;
  // the ball bound stands for the faces until all of them are bounded
  let rootOpen = ballKey > witFix;
  if (rootOpen) {
    let f = 0;
    for (; f < 2 * d; f++) {
      if (boxes >= maxBoxes) {
        stopReason = 'max-boxes';
        break;
      }
      const face = cubeFace(d, f);
      const bound = boxEnd.passed() ? undefined : boundOf(face);
      if (bound === undefined) {
        stopReason = 'budget-ms';
        break;
      }
      keep(face, bound);
    }
    rootOpen = f < 2 * d;
  }
  settle();
  const topOpen = (): bigint => {
    const top = heap.peekKey() ?? 0n;
    const open = top > stuck ? top : stuck;
    return rootOpen && ballKey > open ? ballKey : open;
  };
  while (stopReason === undefined) {
    if ((boxes & 63) === 0) settle();
    const top = topOpen();
    if (top <= witFix || heap.size === 0) {
      // (an empty heap: what is left open are boxes too small to split, counted in the upper end)
      stopReason = 'exhausted';
      break;
    }
    if (e2 !== undefined && e2fix !== undefined && (top <= e2fix || witnessSquared.gt(e2))) {
      stopReason = 'decided';
      break;
    }
    const upperEst = Math.sqrt(fixedToNumber(top < ballKey ? top : ballKey));
    if (upperEst - Math.sqrt(witnessSquared.toNumber()) <= tol) {
      stopReason = 'tolerance';
      break;
    }
    if (boxes >= maxBoxes) {
      stopReason = 'max-boxes';
      break;
    }
    if (heap.size * d > MAX_OPEN_COORDINATES) {
      stopReason = 'memory';
      break;
    }
    if (boxEnd.passed()) {
      stopReason = 'budget-ms';
      break;
    }
    const { key, item } = heap.pop() as { key: bigint; item: FixedBox };
    const halves = split(item);
    if (!halves) {
      if (key > stuck) stuck = key;
      continue;
    }
    const b0 = boundOf(halves[0]);
    const b1 = b0 === undefined ? undefined : boundOf(halves[1]);
    if (b0 === undefined || b1 === undefined) {
      // out of time inside a bound: the parent box stays open with its bound
      heap.push(key, item);
      stopReason = 'budget-ms';
      break;
    }
    keep(halves[0], b0);
    keep(halves[1], b1);
  }
  settle();
  const openTop = topOpen();
  const capped = openTop < ballKey ? openTop : ballKey;
  let upperSquared = fixedToRational(capped);
  if (upperSquared.lt(witnessSquared)) upperSquared = witnessSquared;
  const openBoxes = heap.size + (rootOpen ? 1 : 0);

  // 4. polish the witness from the most promising open boxes (lower bound only), in the rest of the budget
  for (let i = 0; i < 4 && heap.size > 0 && !end.passed(); i++) {
    const { item } = heap.pop() as { key: bigint; item: FixedBox };
    const { x, value } = ascend(pair, centre(item), 100, end.at);
    if (value > witnessSquared.toNumber() * (1 + 1e-12)) {
      pending = x;
      settle();
    }
  }
  if (witnessSquared.gt(upperSquared)) {
    throw new Error(
      `internal: witness value ${witnessSquared.toString()} exceeds the certified upper bound ${upperSquared.toString()}`,
    );
  }

  const isExact = exact.isExact && witnessSquared.eq(upperSquared);
  const root = rationalSqrt(witnessSquared);
  const lower = root ?? sqrtBracket(witnessSquared).lower;
  const upperRoot = rationalSqrt(upperSquared);
  const upper = upperRoot ?? sqrtBracket(upperSquared).upper;
  return {
    method: 'bracket-branch-and-bound',
    exact: isExact,
    inputDim: d,
    outputDim: dims.outputDim,
    ...(isExact
      ? { supSquared: witnessSquared, supSquaredSurd: { rational: witnessSquared, radicand: Rational.ZERO } }
      : {}),
    lower,
    upper,
    upperSquared,
    witness,
    witnessSquared,
    attained: isExact,
    boxes,
    openBoxes,
    stopReason,
    boxBounds: { method: bounder.method, symbolic },
    ...(exact.isExact ? {} : { witnessExact: false }),
    restarts: found.restarts,
    elapsedMs: performance.now() - t0,
  };
}
