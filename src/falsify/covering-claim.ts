/**
 * The `covering` claim (docs/MATH.md §5.2): "k i.i.d. U[-1, 1] draws eps0-cover [-1, 1] with
 * probability >= 1 - delta", eps0 = params.eps, with the stated k the least k whose bin bound
 * M (1 - 1/M)^k (M = ceil(2/eps0)) is <= delta. Since 1 - P_cover <= M (1 - 1/M)^k, the claim is
 * a theorem at the stated k; undersized k (widthScale, pool) breaks it. A trial decides the cover
 * exactly (Lemma 2(a)) and a failure names an exact uncovered point. The draws of a trial with G
 * seed S are G layer 1, column 0, rows 0..k-1 (docs/MATH.md §1, §3).
 */
import { InputError } from '../errors.js';
import { requireOpenUnit, requirePositive } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import type { CoverReason } from '../lemmas/cover-decision.js';
import { decideCover, distanceToSorted } from '../lemmas/cover-decision.js';
import { minKGeometric } from '../lemmas/least-k.js';
import type { Claim, Outcome } from './claim-types.js';
import { scaledCount, showExact } from './claim-pool.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/** Largest number of draws of one covering trial. @example `coveringTrial('a', MAX_COVERING_K + 1, eps0) // throws InputError` */
export const MAX_COVERING_K = 10_000_000;

/**
 * The stated sample count of the covering claim: the least k with M (1 - 1/M)^k <= delta,
 * M = ceil(2/eps0), i.e. the least k with 1 - (1 - 1/M)^k >= 1 - delta/M (certified ln
 * brackets, confirmed exactly at k and k - 1 by `minKGeometric`).
 *
 * @example
 * ```ts
 * coveringStatedK(Rational.parse('0.1'), Rational.parse('0.01')); // 149n: 20 (19/20)^149 <= 1/100 < 20 (19/20)^148
 * ```
 */
export function coveringStatedK(eps0: Rational, delta: Rational): bigint {
  requirePositive(eps0, 'eps');
  requireOpenUnit(delta, 'delta');
  const M = TWO.div(eps0).ceil();
  if (M <= 1n) return 1n; // one point anywhere in [-1, 1] is within eps0 >= 2 of all of it
  const least = minKGeometric(Rational.of(1n, M), ONE.sub(delta.div(Rational.of(M))));
  return BigInt(least.k);
}

/** The exact outcome of one covering trial. @example `coveringTrial('a', 30, eps0).uncovered // -1 (no draw near -1)` */
export interface CoveringTrial {
  readonly k: number;
  readonly covers: boolean;
  readonly reason: CoverReason;
  /** An exact point of [-1, 1] farther than eps0 from every draw (when not covered). */
  readonly uncovered: Rational | undefined;
  /** Its exact distance to the nearest draw. */
  readonly distance: Rational | undefined;
  /** The two consecutive draws around the largest gap (reason 'gap'). */
  readonly gapAt: readonly [Rational, Rational] | undefined;
  readonly maxGap: Rational | undefined;
}

/**
 * Draws k points of G (layer 1, column 0, rows 0..k-1) and decides exactly whether they
 * eps0-cover [-1, 1] (Lemma 2(a), `decideCover`). The draws are float64 values that are exact
 * dyadics, so ordering them as numbers is exact; every comparison with eps0 is done in rationals.
 *
 * @example
 * ```ts
 * coveringTrial('a', 30, Rational.parse('0.1')).covers; // false for most seeds: 30 draws are too few
 * ```
 */
export function coveringTrial(seed: string, k: number, eps0: Rational): CoveringTrial {
  checkSeed(seed);
  if (!Number.isSafeInteger(k) || k < 1 || k > MAX_COVERING_K)
    throw new InputError(`the number of draws must be an integer from 1 to ${MAX_COVERING_K}, got ${k}`);
  const c = new Cursor(seed, 1, 0, 0);
  const floats = new Float64Array(k);
  for (let i = 0; i < k; i++) floats[i] = c.next();
  floats.sort(); // numeric order of exact values: exact
  const pts = Array.from(floats, (x) => Rational.fromFloat(x));
  const d = decideCover(pts, eps0);
  const distance = d.uncovered === undefined ? undefined : distanceToSorted(d.uncovered, pts);
  if (distance !== undefined && !distance.gt(eps0))
    throw new Error('covering trial: the uncovered point is within eps0 of a draw (bug)');
  return {
    k,
    covers: d.covers,
    reason: d.reason,
    uncovered: d.uncovered,
    distance,
    gapAt: d.reason === 'gap' ? d.maxGapAt : undefined,
    maxGap: d.maxGap,
  };
}

function coveringReason(t: CoveringTrial, eps0: Rational): string {
  const z = t.uncovered as Rational;
  const at = `z = ${showExact(z)} is at exact distance ${showExact(t.distance as Rational)} > eps0 = ${eps0.toString()} from every draw`;
  if (t.reason === 'gap' && t.gapAt) {
    return `${t.k} draws do not eps0-cover [-1, 1]: consecutive draws ${showExact(t.gapAt[0])} and ${showExact(t.gapAt[1])} are ${showExact(t.maxGap as Rational)} > 2 eps0 apart; ${at}`;
  }
  if (t.reason === 'left-end') return `${t.k} draws do not eps0-cover [-1, 1]: no draw in [-1, -1 + eps0]; ${at}`;
  if (t.reason === 'right-end') return `${t.k} draws do not eps0-cover [-1, 1]: no draw in [1 - eps0, 1]; ${at}`;
  return `${t.k} draws do not eps0-cover [-1, 1]; ${at}`;
}

/**
 * The covering claim (docs/MATH.md §5.2): see the module comment.
 *
 * @example
 * ```ts
 * const o = coveringClaim.trial(anyTarget, 'a', { eps: Rational.parse('0.1'), delta: Rational.parse('0.01') });
 * o.status; // 'success' (k = 149 draws)
 * ```
 */
export const coveringClaim: Claim = {
  id: 'covering',
  targetFree: true,
  statement:
    'k i.i.d. U[-1,1] draws (G layer 1, column 0) eps0-cover [-1,1] with probability >= 1 - delta, eps0 = eps, k the least k with M (1-1/M)^k <= delta, M = ceil(2/eps0) (the bin bound)',
  applies(_target: Network) {
    return null;
  },
  statedPool(_target, p) {
    return [coveringStatedK(p.eps, p.delta)];
  },
  trial(_target, seed, p): Outcome {
    const stated = coveringStatedK(p.eps, p.delta);
    const k = scaledCount(stated, p);
    if (k > BigInt(MAX_COVERING_K)) throw new InputError(`k = ${k} draws is above the limit ${MAX_COVERING_K}`);
    const t = coveringTrial(seed, Number(k), p.eps);
    const pool = [k.toString()];
    const figures: Record<string, string> = {
      k: k.toString(),
      statedK: stated.toString(),
      eps0: p.eps.toString(),
      M: TWO.div(p.eps).ceil().toString(),
    };
    if (t.covers) return { status: 'success', reason: `${k} draws eps0-cover [-1, 1] (exact decision)`, pool, figures };
    const z = t.uncovered as Rational;
    return {
      status: 'failure',
      reason: coveringReason(t, p.eps),
      location: { layer: 1, row: 0, col: 0, side: `${t.reason} z=${z.toString()}` },
      pool,
      figures: { ...figures, uncovered: z.toString(), distance: (t.distance as Rational).toString() },
    };
  },
  replayCommand(_file, seed, p) {
    const k = scaledCount(coveringStatedK(p.eps, p.delta), p);
    return `slth lemma covering --k ${k} --eps0 ${p.eps.toString()} --trials 1 --seed ${seed}`;
  },
};
