/**
 * The sup error sup_{||x||_2 <= 1} ||A(x) - B(x)||_2 of two bias-free ReLU networks with the same
 * input and output dimensions (their depths and widths may differ): exact for d <= 2, a certified
 * bracket for d >= 3 (docs/MATH.md §6).
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { branchAndBound, checkBranchAndBoundOptions } from './branch-and-bound.js';
import { supErrorD1 } from './d1.js';
import { Deadline, orTimeout } from './deadline.js';
import { pairDims } from './difference.js';
import { alignedNetwork, type DifferenceForm } from './difference-form.js';
import type { SupErrorResult } from './result.js';
import { supErrorD2 } from './sector-sweep.js';
import { surdOf } from '../numeric/surd.js';

/** Options of {@link supError}; only branch-and-bound (d >= 3) uses them. */
export interface SupErrorOptions {
  /** Wall-clock budget of branch-and-bound, in milliseconds (default 2000). */
  readonly budgetMs?: number;
  /** Most boxes branch-and-bound may bound (default 1,000,000). */
  readonly maxBoxes?: number;
  /** Branch-and-bound stops when upper - lower is about this small (default 1e-9). */
  readonly tolerance?: Rational;
  /** Seed of the witness search (default 'slth'). */
  readonly seed?: string;
  /** Branch-and-bound stops as soon as it decides sup <= eps or sup > eps. */
  readonly eps?: Rational;
  /** Restarts of the witness search (default 16 + 4 d). */
  readonly restarts?: number;
  /** 'auto' (default): exact for d <= 2; 'branch-and-bound' forces the bracket (for cross-checks). */
  readonly method?: 'auto' | 'branch-and-bound';
  /** Box bounds of branch-and-bound: 'auto' (default: differential when the pair allows it), or forced. */
  readonly bounds?: 'auto' | 'separate' | 'differential';
  /** NEGATIVE CONTROL ONLY: differential bounds that forget the ReLU crossing case (unsound). */
  readonly _dropCrossing?: boolean;
}

/**
 * True when A and B have exactly the same weight matrices (then D = A - B is identically 0).
 *
 * @example
 * ```ts
 * identicalNetworks(a, a); // true
 * ```
 */
export function identicalNetworks(a: Network, b: Network): boolean {
  if (a.layers.length !== b.layers.length) return false;
  return a.layers.every((ma, i) => {
    const mb = b.layers[i] as Network['layers'][number];
    if (ma.length !== mb.length) return false;
    return ma.every((row, r) => {
      const rb = mb[r] as readonly Rational[];
      return row.length === rb.length && row.every((w, c) => w.eq(rb[c] as Rational));
    });
  });
}

function identicalResult(d: number, outputDim: number, t0: number): SupErrorResult {
  const witness = Array.from({ length: d }, (_, m) => (m === 0 ? Rational.ONE : Rational.ZERO));
  return {
    method: 'identical',
    exact: true,
    inputDim: d,
    outputDim,
    supSquared: Rational.ZERO,
    supSquaredSurd: surdOf(Rational.ZERO),
    lower: Rational.ZERO,
    upper: Rational.ZERO,
    upperSquared: Rational.ZERO,
    witness,
    witnessSquared: Rational.ZERO,
    attained: true,
    elapsedMs: performance.now() - t0,
  };
}

/**
 * The sup error of A and B over the unit ball: exactly for d = 1 (endpoints) and d = 2 (sector
 * sweep; when the sweep does not finish in 70% of the budget, a bracket by branch-and-bound in the
 * rest of it), as a certified bracket by branch-and-bound for d >= 3 (identical networks: exactly 0).
 * Input or output dimensions that differ, and invalid options, are an {@link InputError}.
 *
 * @example
 * ```ts
 * const r = supError(a, b, { budgetMs: 1000, seed: 'run-1' });
 * r.exact ? r.supSquaredSurd : [r.lower, r.upper];
 * decides(r, Rational.parse('0.05')); // '<= eps' | '> eps' | 'undecided'
 * ```
 */
export function supError(a: Network, b: Network, options: SupErrorOptions = {}): SupErrorResult {
  const t0 = performance.now();
  const dims = pairDims(a, b);
  checkBranchAndBoundOptions(options);
  if (options.method !== undefined && options.method !== 'auto' && options.method !== 'branch-and-bound') {
    throw new InputError(`unknown method '${String(options.method)}' (auto or branch-and-bound)`);
  }
  if (options.method === 'branch-and-bound') return branchAndBound(a, b, options);
  if (dims.inputDim === 1) return supErrorD1(a, b);
  if (dims.inputDim === 2) {
    // the exact sweep, unless it does not finish in 70% of the budget: then a bracket in the rest
    const budgetMs = options.budgetMs ?? 2000;
    const sweepEnd = new Deadline(t0 + 0.7 * budgetMs);
    // (not even tried when its first pass alone, 4 quadrants through every weight at about a
    // microsecond per exact operation, would take a third of the budget)
    let weights = 0;
    for (const m of [...a.layers, ...b.layers]) weights += m.length * (m[0]?.length ?? 0);
    const r = 4 * weights * 1e-3 > budgetMs / 3 ? undefined : orTimeout(() => supErrorD2(a, b, () => sweepEnd.check()));
    if (r) return r;
    return branchAndBound(a, b, { ...options, budgetMs: Math.max(0, budgetMs - (performance.now() - t0)) });
  }
  if (identicalNetworks(a, b)) return identicalResult(dims.inputDim, dims.outputDim, t0);
  return branchAndBound(a, b, options);
}

/**
 * The sup error of a pair given by its difference form (e.g. a certificate's, built from its
 * gadgets by {@link gadgetForm} without materialising G~): the non-reference network is the
 * form's aligned network (equal to it as a function, exactly), the reference network is B.
 *
 * @example
 * ```ts
 * supErrorOfForm(gadgetForm(target, gadgets), { budgetMs: 1500 }); // as supError(sub, target)
 * ```
 */
export function supErrorOfForm(form: DifferenceForm, options: SupErrorOptions = {}): SupErrorResult {
  const t0 = performance.now();
  checkBranchAndBoundOptions(options);
  const a = alignedNetwork(form);
  const b = form.reference;
  const [x, y] = form.swapped ? [b, a] : [a, b];
  const d = pairDims(x, y).inputDim;
  // the budget counts from here: rebuilding the aligned network is part of it
  const rest = {
    ...options,
    ...(options.budgetMs !== undefined ? { budgetMs: Math.max(0, options.budgetMs - (performance.now() - t0)) } : {}),
  };
  if (d <= 2 || options.method === 'branch-and-bound' || identicalNetworks(x, y)) return supError(x, y, rest);
  return branchAndBound(x, y, { ...rest, form });
}
