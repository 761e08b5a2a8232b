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
 * {@link outputBounds} gives certified affine bounds of A and B, hence of every output D_k
 * (upper_A - lower_B and lower_A - upper_B, combined before being maximised, so that common
 * terms cancel); with |D_k| <= c_k on X and ||x||^2 >= n_X := min over X of ||x||^2 (>= 1 on a
 * face), the box's bound is sum_k c_k^2 / n_X. The box with the largest bound is split in two
 * along its widest side, until the budget runs out. The certified upper bound of the squared sup
 * is the largest open bound (or the witness value, when every box has been closed by it).
 *
 * Lower bound: an exact witness ({@link searchWitness}), improved on the way from box centres.
 * Boxes whose bound does not exceed the witness value cannot hold a larger value and are closed.
 */
import { InputError } from '../errors.js';
import { sqrtBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { pairDims } from './difference.js';
import { ceilDiv, FRAC_BITS, fixedToNumber, fixedToRational, toFixedFloor } from '../numeric/fixed.js';
import {
  affineMax,
  affineMin,
  outputBounds,
  toFixedNetwork,
  type Affine,
  type FixedBox,
  type FixedNetwork,
} from './linear-bounds.js';
import { MaxHeap } from '../numeric/max-heap.js';
import type { StopReason, SupErrorResult } from './result.js';
import { rationalSqrt } from '../numeric/surd.js';
import { ascend, estimateRatio, exactWitness, floatPair, searchWitness, type FloatPair } from './witness.js';

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
}

/**
 * A certified upper bound (fixed point, rounded up) of max over the box of ||D(x)||^2 / ||x||^2;
 * the box must avoid 0 (on a face of the cube it does).
 *
 * @example
 * ```ts
 * boxBoundSquared(toFixedNetwork(a), toFixedNetwork(b), face); // fixed-point bound
 * ```
 */
export function boxBoundSquared(fa: FixedNetwork, fb: FixedNetwork, box: FixedBox): bigint {
  if (fa.fracBits !== fb.fracBits) throw new RangeError('boxBoundSquared: networks with different fixed-point scales');
  const bits = fa.fracBits;
  const ba = outputBounds(fa, box);
  const bb = outputBounds(fb, box);
  let s = 0n;
  ba.upper.forEach((ua, k) => {
    const la = ba.lower[k] as Affine;
    const ub = bb.upper[k] as Affine;
    const lb = bb.lower[k] as Affine;
    const hi = affineMax(
      ua.map((c, m) => c - (lb[m] as bigint)),
      box,
      bits,
    );
    const lo = affineMin(
      la.map((c, m) => c - (ub[m] as bigint)),
      box,
      bits,
    );
    const ahi = hi < 0n ? -hi : hi;
    const alo = lo < 0n ? -lo : lo;
    const c = ahi > alo ? ahi : alo;
    s += c * c;
  });
  let n = 0n;
  box.lo.forEach((lo, m) => {
    const hi = box.hi[m] as bigint;
    if (lo > 0n) n += lo * lo;
    else if (hi < 0n) n += hi * hi;
  });
  if (n === 0n) throw new RangeError('box bound on a box that contains 0');
  return ceilDiv(s << BigInt(bits), n);
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
  const FIXED_ONE = 1n << BigInt(fracBits);
  const faces: FixedBox[] = [];
  for (let m = 0; m < d; m++) {
    for (const s of [1n, -1n]) {
      const lo = new Array<bigint>(d).fill(-FIXED_ONE);
      const hi = new Array<bigint>(d).fill(FIXED_ONE);
      lo[m] = s * FIXED_ONE;
      hi[m] = s * FIXED_ONE;
      faces.push({ lo, hi });
    }
  }
  return faces;
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
 * A certified bracket [lower, upper] of the sup error of two networks (any d >= 1) by
 * branch-and-bound over the faces of the cube, with an exact witness for the lower bound.
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

  // 1. witness search (about a quarter of the budget); 2. boxes until 90% of it; 3. polishing
  const found = searchWitness(a, b, {
    seed,
    budgetMs: budgetMs / 4,
    ...(options.restarts !== undefined ? { restarts: options.restarts } : {}),
  });
  let witness = found.x;
  let witnessSquared = found.valueSquared;
  let witFix = toFixedFloor(witnessSquared);
  const pair: FloatPair = floatPair(a, b);
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
    const w = exactWitness(a, b, pending);
    pending = undefined;
    if (w && w.valueSquared.gt(witnessSquared)) {
      witness = w.x;
      witnessSquared = w.valueSquared;
      witFix = toFixedFloor(witnessSquared);
    }
  };

  // 2. branch-and-bound on the faces of the cube
  const fa = toFixedNetwork(a);
  const fb = toFixedNetwork(b);
  const heap = new MaxHeap<FixedBox>();
  let stuck = 0n; // largest bound of boxes too small to split (never in practice)
  let boxes = 0;
  const admit = (box: FixedBox): void => {
    const bound = boxBoundSquared(fa, fb, box);
    boxes += 1;
    consider(centre(box));
    if (bound > witFix) heap.push(bound, box);
  };
  for (const face of cubeFaces(d)) admit(face);
  settle();
  let stopReason: StopReason = 'exhausted';
  for (;;) {
    if ((boxes & 63) === 0) settle();
    const top = heap.peekKey();
    if (top === undefined || top <= witFix) {
      stopReason = 'exhausted';
      break;
    }
    if (e2 !== undefined && e2fix !== undefined && ((top <= e2fix && stuck <= e2fix) || witnessSquared.gt(e2))) {
      stopReason = 'decided';
      break;
    }
    const upperEst = Math.sqrt(fixedToNumber(top > stuck ? top : stuck));
    if (upperEst - Math.sqrt(witnessSquared.toNumber()) <= tol) {
      stopReason = 'tolerance';
      break;
    }
    if (boxes >= maxBoxes) {
      stopReason = 'max-boxes';
      break;
    }
    if (performance.now() - t0 > 0.9 * budgetMs) {
      stopReason = 'budget-ms';
      break;
    }
    const { key, item } = heap.pop() as { key: bigint; item: FixedBox };
    const halves = split(item);
    if (!halves) {
      if (key > stuck) stuck = key;
      continue;
    }
    admit(halves[0]);
    admit(halves[1]);
  }
  settle();
  const openTop = heap.peekKey() ?? 0n;
  const maxOpen = openTop > stuck ? openTop : stuck;
  let upperSquared = fixedToRational(maxOpen);
  if (upperSquared.lt(witnessSquared)) upperSquared = witnessSquared;
  const openBoxes = heap.size;

  // 3. polish the witness from the most promising open boxes (lower bound only), in the rest of the budget
  for (let i = 0; i < 4 && heap.size > 0 && performance.now() - t0 < budgetMs; i++) {
    const { item } = heap.pop() as { key: bigint; item: FixedBox };
    const { x, value } = ascend(pair, centre(item), 100, t0 + budgetMs);
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

  const exact = witnessSquared.eq(upperSquared);
  const root = rationalSqrt(witnessSquared);
  const lower = root ?? sqrtBracket(witnessSquared).lower;
  const upperRoot = rationalSqrt(upperSquared);
  const upper = upperRoot ?? sqrtBracket(upperSquared).upper;
  return {
    method: 'bracket-branch-and-bound',
    exact,
    inputDim: d,
    outputDim: dims.outputDim,
    ...(exact
      ? { supSquared: witnessSquared, supSquaredSurd: { rational: witnessSquared, radicand: Rational.ZERO } }
      : {}),
    lower,
    upper,
    upperSquared,
    witness,
    witnessSquared,
    attained: exact,
    boxes,
    openBoxes,
    stopReason,
    restarts: found.restarts,
    elapsedMs: performance.now() - t0,
  };
}
