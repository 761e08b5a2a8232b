/**
 * Exact existence of a good mask for one-layer, one-input targets (docs/MATH.md §7).
 *
 * Setting. The target is F(x) = W_1 x with d = 1, l = 1: output r computes w_r x. The random
 * network G (scheme slth-g/1) has depth 2 and hidden width K (the pool): unit t has input
 * weight u_t = G layer 1 entry (t, 0) and, towards output r, output weight v_{r,t} = G layer 2
 * entry (r, t). A mask keeps some first-layer edges and some second-layer edges; unit t reaches
 * output r iff both its input edge and its edge (r, t) are kept. Call T_r that set of units.
 * Conversely any family (T_r) is realised by keeping the input edges of the union of the T_r and
 * the edges (r, t) for t in T_r, so the masks are exactly the families of subsets (T_r).
 *
 * Algebra. sigma(u x) = u x when u x > 0 and 0 otherwise, so
 * - for x >= 0: G~(x)_r = x sum_{t in T_r, u_t > 0} v_{r,t} u_t, error x |P_r - w_r|, with
 *   P_r = sum_{t in T_r, u_t > 0} v_{r,t} u_t;
 * - for x <= 0: G~(x)_r = x sum_{t in T_r, u_t < 0} v_{r,t} u_t (indeed v sigma(u x) = v u x when
 *   u < 0 and x < 0), error |x| |N_r - w_r| with N_r = sum_{t in T_r, u_t < 0} v_{r,t} u_t.
 *   At x = -1: G~ = -N_r and F = -w_r, so the error is |N_r - w_r|: the same form as the positive
 *   side (docs/MATH.md §7), with u_t < 0 units only.
 * Units with u_t = 0 never contribute. By positive homogeneity the sup over [-1, 1] of the error
 * vector's Euclidean norm is max(||P - w||_2, ||N - w||_2) (attained at x = 1 or x = -1).
 * P_r depends only on T_r's positive units and N_r only on its negative units, and different
 * outputs use different second-layer edges, so all these choices are independent and
 *
 *   min over masks of sup_x ||G~(x) - F(x)||_2^2 = max( sum_r min_{S+} (P_r - w_r)^2,
 *                                                       sum_r min_{S-} (N_r - w_r)^2 ),
 *
 * each inner minimum an exact closest-subset-sum problem over the units of one sign. A mask with
 * sup error <= eps exists iff that quantity is <= eps^2. For a single output this is the spec's
 * statement: both |sum_{S+} v u - w| <= eps and |sum_{S-} v u - w| <= eps are solvable.
 *
 * Exactness. Every u and v is a float64, an exact dyadic; w_r = p/q is any rational. With D a
 * common power-of-two denominator of the products v u, the problem is solved over the integers
 * c_t = (v_{r,t} u_t) D q against the target p D, by meet in the middle (`subset-sum.ts`).
 */
import { InputError } from '../errors.js';
import { sqrtBracket, type Bracket } from '../numeric/certified.js';
import { certifiedJson, estimateJson } from '../numeric/json-values.js';
import { requirePositive } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';
import type { Matrix, Network } from '../network/network.js';
import { checkSeed, Cursor, SCHEME, weight } from '../random/scheme.js';
import { closestSubsetSum, MAX_SUBSET_ITEMS } from './subset-sum.js';

/** Largest pool K accepted. @example `exists(target, MAX_POOL, 's', eps) // ok; MAX_POOL + 1 is an InputError` */
export const MAX_POOL = 64;

/** The optimum on one side (x >= 0: units with u > 0; x <= 0: units with u < 0) of one output. */
export interface SideExistence {
  readonly side: 'positive' | 'negative';
  /** The units of this sign in the pool (the candidates), increasing. */
  readonly candidates: readonly number[];
  /** A subset of the candidates achieving the minimal error (unit indices t, increasing). */
  readonly units: readonly number[];
  /** sum_{t in units} v_{r,t} u_t, exact. */
  readonly sum: Rational;
  /** |sum - w_r|: the exact minimum over all subsets of the candidates. */
  readonly error: Rational;
  /** error <= eps. */
  readonly withinEps: boolean;
}

/** Both sides of one output r. */
export interface OutputExistence {
  readonly output: number;
  /** The target weight w_r = W_1[r, 0]. */
  readonly w: Rational;
  readonly positive: SideExistence;
  readonly negative: SideExistence;
  /** max of the two side errors: the minimal sup error of output r alone. */
  readonly error: Rational;
  /** error <= eps (the per-weight criterion of docs/MATH.md §7). */
  readonly withinEps: boolean;
  /** Alias of {@link output} (the row r of W_1). */
  readonly row: number;
  /** Alias of {@link error}: the exact minimal error of this output. */
  readonly minError: Rational;
  /** Alias of {@link withinEps}: a mask for this output alone exists. */
  readonly exists: boolean;
}

/** The exact existence decision and an optimal mask. */
export interface ExistenceResult {
  readonly scheme: string;
  readonly seed: string;
  readonly pool: number;
  readonly eps: Rational;
  readonly outputs: readonly OutputExistence[];
  /** Units with u_t = 0 exactly (never useful). */
  readonly zeroUnits: readonly number[];
  /** The exact minimum over all masks of sup_{|x| <= 1} ||G~(x) - F(x)||_2^2. */
  readonly minimalSupSquared: Rational;
  /** Certified bracket of the minimal sup error (lower = upper, exact, for one output). */
  readonly minimalSup: Bracket;
  /** A mask with sup error <= eps exists (minimalSupSquared <= eps^2). */
  readonly exists: boolean;
  /** An optimal mask: kept first-layer units t and kept second-layer edges [r, t]. */
  readonly mask: { readonly units: readonly number[]; readonly edges: readonly (readonly [number, number])[] };
}

/**
 * Validates the existence inputs: a target with d = 1 and l = 1, a pool 1..{@link MAX_POOL},
 * eps > 0 and a valid seed. Every problem is an InputError.
 *
 * @example
 * ```ts
 * checkExistenceInput(target, 40, 's', Rational.of(1, 100)); // ok or throws InputError
 * ```
 */
export function checkExistenceInput(target: Network, pool: number, seed: string, eps: Rational): void {
  checkSeed(seed);
  if (target.layers.length !== 1) {
    throw new InputError(
      `exact existence needs a one-layer target (l = 1, F(x) = W_1 x), got l = ${target.layers.length}`,
    );
  }
  const w = target.layers[0] as Matrix;
  if (w.length === 0 || w.some((row) => row.length !== 1)) {
    throw new InputError(`exact existence needs input dimension d = 1, got d = ${w[0]?.length ?? 0}`);
  }
  if (!Number.isSafeInteger(pool) || pool < 1 || pool > MAX_POOL) {
    throw new InputError(
      `pool must be an integer in 1..${MAX_POOL} (meet in the middle costs 2^(K/4) to 2^(K/2) memory), got ${pool}`,
    );
  }
  requirePositive(eps, 'eps');
}

/** A common denominator of dyadic values: the largest of their power-of-two denominators. */
function commonDyadicDen(values: readonly Rational[]): bigint {
  let d = 1n;
  for (const v of values) {
    if (!v.isDyadic()) throw new RangeError('products of G weights are dyadic');
    if (v.den > d) d = v.den;
  }
  return d;
}

function solveSide(
  side: 'positive' | 'negative',
  candidates: readonly number[],
  products: readonly Rational[],
  w: Rational,
  eps: Rational,
): SideExistence {
  const c = candidates.map((t) => products[t] as Rational);
  if (c.length > MAX_SUBSET_ITEMS) {
    throw new InputError(
      `the pool has ${c.length} units with u ${side === 'positive' ? '> 0' : '< 0'}, beyond the exact limit of ${MAX_SUBSET_ITEMS} per sign; use a smaller pool`,
    );
  }
  const D = commonDyadicDen(c);
  const items = c.map((v) => v.num * (D / v.den) * w.den);
  const targetInt = w.num * D;
  const best = closestSubsetSum(items, targetInt);
  const units = best.subset.map((i) => candidates[i] as number);
  const sum = Rational.sum(units.map((t) => products[t] as Rational));
  const error = sum.sub(w).abs();
  if (!error.eq(Rational.of(best.distance, D * w.den)))
    throw new Error('internal: subset-sum distance does not match its subset');
  return { side, candidates, units, sum, error, withinEps: error.le(eps) };
}

/**
 * Decides exactly whether some mask of G (depth 2, pool K hidden units, seed) approximates the
 * d = 1, l = 1 target within eps in sup norm over [-1, 1], and returns an optimal mask with the
 * exact minimal errors (see the module comment for the reduction).
 *
 * @example
 * ```ts
 * const target = parseNetwork({ format: 'slth-network/1', layers: [[['1/2']]] });
 * const r = exists(target, 30, 'demo', Rational.parse('1e-6'));
 * r.exists; // true or false, certified
 * r.outputs[0]?.positive.units; // e.g. [2, 7, 11, ...]
 * ```
 */
export function exists(target: Network, pool: number, seed: string, eps: Rational): ExistenceResult {
  checkExistenceInput(target, pool, seed, eps);
  const W = target.layers[0] as Matrix;
  const uCursor = new Cursor(seed, 1, 0, 0);
  const u: Rational[] = [];
  for (let t = 0; t < pool; t++) u.push(Rational.fromFloat(uCursor.next()));
  const positive = u.flatMap((x, t) => (x.sign() > 0 ? [t] : []));
  const negative = u.flatMap((x, t) => (x.sign() < 0 ? [t] : []));
  const zeroUnits = u.flatMap((x, t) => (x.isZero() ? [t] : []));
  const outputs: OutputExistence[] = W.map((row, r) => {
    const w = row[0] as Rational;
    const vCursor = new Cursor(seed, 2, r, 0);
    const products = u.map((ut) => Rational.fromFloat(vCursor.next()).mul(ut));
    const pos = solveSide('positive', positive, products, w, eps);
    const neg = solveSide('negative', negative, products, w, eps);
    const error = Rational.max(pos.error, neg.error);
    const withinEps = error.le(eps);
    return { output: r, w, positive: pos, negative: neg, error, withinEps, row: r, minError: error, exists: withinEps };
  });
  const sq = (side: 'positive' | 'negative'): Rational =>
    Rational.sum(outputs.map((o) => o[side].error.mul(o[side].error)));
  const minimalSupSquared = Rational.max(sq('positive'), sq('negative'));
  const only = outputs.length === 1 ? (outputs[0] as OutputExistence) : undefined;
  const minimalSup: Bracket = only ? { lower: only.error, upper: only.error } : sqrtBracket(minimalSupSquared);
  const keptUnits = new Set<number>();
  const edges: [number, number][] = [];
  for (const o of outputs) {
    const ts = [...o.positive.units, ...o.negative.units].sort((a, b) => a - b);
    for (const t of ts) {
      keptUnits.add(t);
      edges.push([o.output, t]);
    }
  }
  return {
    scheme: SCHEME,
    seed,
    pool,
    eps,
    outputs,
    zeroUnits,
    minimalSupSquared,
    minimalSup,
    exists: minimalSupSquared.le(eps.mul(eps)),
    mask: { units: [...keptUnits].sort((a, b) => a - b), edges },
  };
}

/**
 * The subnetwork G~ = M (.) G of a result's mask, materialised (K hidden units, so small): layer 1
 * is K x 1 with u_t where unit t's input edge is kept and 0 elsewhere, layer 2 is n_1 x K with
 * v_{r,t} on kept edges. Weights are read with the random-access {@link weight} (not the cursors
 * `exists` uses), so evaluating it is an independent check of the reported errors.
 *
 * @example
 * ```ts
 * const sub = maskedSubnetwork(r);
 * forward(sub, [Rational.ONE]); // equals the reported sums P_r
 * ```
 */
export function maskedSubnetwork(result: ExistenceResult): Network {
  const { seed, pool } = result;
  const kept = new Set(result.mask.units);
  const layer1: Rational[][] = [];
  for (let t = 0; t < pool; t++) layer1.push([kept.has(t) ? weight(seed, 1, t, 0) : Rational.ZERO]);
  const layer2: Rational[][] = result.outputs.map(() => new Array<Rational>(pool).fill(Rational.ZERO));
  for (const [r, t] of result.mask.edges) (layer2[r] as Rational[])[t] = weight(seed, 2, r, t);
  return { layers: [layer1, layer2] };
}

/**
 * A result as JSON (schemas/cli/exists.schema.json): exact values as "p/q" strings, the minimal
 * sup error as a certified `{ lower, upper }`, float64 estimates labelled as estimates.
 *
 * @example
 * ```ts
 * existenceJson(exists(target, 20, 's', Rational.of(1, 100))).exists; // true or false
 * ```
 */
export function existenceJson(r: ExistenceResult): Record<string, unknown> {
  const side = (s: SideExistence): Record<string, unknown> => ({
    candidates: s.candidates.length,
    units: s.units,
    sum: s.sum.toString(),
    error: s.error.toString(),
    errorEstimate: estimateJson(s.error),
    withinEps: s.withinEps,
  });
  return {
    scheme: r.scheme,
    seed: r.seed,
    pool: r.pool,
    eps: r.eps.toString(),
    exists: r.exists,
    minimalSupSquared: r.minimalSupSquared.toString(),
    minimalSup: certifiedJson(r.minimalSup),
    minimalSupEstimate: estimateJson(r.minimalSup.upper),
    zeroUnits: r.zeroUnits,
    outputs: r.outputs.map((o) => ({
      output: o.output,
      w: o.w.toString(),
      error: o.error.toString(),
      withinEps: o.withinEps,
      positive: side(o.positive),
      negative: side(o.negative),
    })),
    mask: { units: r.mask.units, edges: r.mask.edges },
  };
}
