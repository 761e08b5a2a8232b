/**
 * The `subset-sum` claim (docs/MATH.md §5.6): "n >= C log2(2/eps) i.i.d. U[-1, 1] values have
 * subset sums that eps-cover [-1, 1] with probability >= 1 - delta", stated n = ceil(C log2(2/eps))
 * (exact, see statedSubsetSumN in src/theory/lueker.ts). Lueker's lemma gives no explicit C, so C
 * is an input: the registered claim `subset-sum` uses {@link LUEKER_C}, calibrated empirically by
 * `scripts/calibrate-lueker.ts` (fixtures/calibration/lueker.json) for delta = eps, the lemma's
 * own probability; it is NOT a constant from the literature. `subset-sum@<C>` (C a decimal, e.g.
 * `subset-sum@3.5`) is the same claim with the user's C, and {@link subsetSumClaim} builds it in
 * code. n is capped at {@link MAX_SUBSET_SUM_N}; the cover is decided exactly by
 * subsetSumCoverByIntervals (src/lemmas/subset-sum-intervals.ts).
 */
import { InputError } from '../errors.js';
import { requireOpenUnit } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { gValues } from '../lemmas/subset-sum.js';
import type { IntervalCover } from '../lemmas/subset-sum-intervals.js';
import { subsetSumCoverByIntervals } from '../lemmas/subset-sum-intervals.js';
import { statedSubsetSumN } from '../theory/lueker.js';
import type { Claim, ClaimParams, Outcome } from './claim-types.js';
import { scaledCount, showExact } from './claim-pool.js';

const TWO = Rational.of(2);

/** Largest n of one subset-sum trial (the exact decision's cap). @example `subsetSumClaim(Rational.of(100)).trial(t, 'a', p) // throws: n > MAX_SUBSET_SUM_N` */
export const MAX_SUBSET_SUM_N = 40;

/**
 * The Lueker constant C of the registered `subset-sum` claim: the empirical calibration of
 * `scripts/calibrate-lueker.ts`, max over eps in {1/4, ..., 1/128} of n_min(eps) / log2(2/eps),
 * n_min the least n whose exact Clopper-Pearson lower bound (alpha = 0.05, 1000 seeds) of the
 * cover probability is >= 1 - eps. Copied from fixtures/calibration/lueker.json (`C`); a test
 * checks that the two agree. Calibrated, not a constant from the literature.
 *
 * @example
 * ```ts
 * LUEKER_C.toString(); // '8/3' (attained at eps = 1/4)
 * ```
 */
export const LUEKER_C: Rational = Rational.of(8, 3);

// ---------------------------------------------------------------------------------------------
// subset sums

function subsetSumN(C: Rational, p: ClaimParams): { stated: bigint; n: bigint } {
  const stated = statedSubsetSumN(C, p.eps);
  return { stated, n: scaledCount(stated, p) };
}

function subsetSumReason(r: IntervalCover): string {
  const z = r.uncovered as Rational;
  const hole = r.hole as readonly [Rational, Rational];
  const head = `the 2^${r.n} subset sums of ${r.n} draws do not eps-cover [-1, 1]`;
  if (r.reason === 'gap' && r.gapSums && r.maxGap) {
    return `${head}: consecutive subset sums ${showExact(r.gapSums[0])} and ${showExact(r.gapSums[1])} are ${showExact(r.maxGap)} > 2 eps apart (the largest gap); z = ${showExact(z)} is at exact distance ${showExact(r.maxGap.div(TWO))} > eps from every subset sum`;
  }
  if (r.reason === 'left-end')
    return `${head}: no subset sum within eps of -1; every z in [-1, ${showExact(hole[1])}) is uncovered, e.g. z = -1`;
  if (r.reason === 'right-end')
    return `${head}: no subset sum within eps of 1; every z in (${showExact(hole[0])}, 1] is uncovered, e.g. z = 1`;
  return `${head}: no subset sum within eps of [-1, 1]; z = ${showExact(z)}`;
}

/**
 * The subset-sum claim with constant C under a given id (the registry resolves `subset-sum@<C>`).
 *
 * @example
 * ```ts
 * subsetSumClaimWithId(Rational.of(7, 2), 'subset-sum@3.5').id; // 'subset-sum@3.5'
 * ```
 */
export function subsetSumClaimWithId(C: Rational, id: string): Claim {
  const calibrated = C.eq(LUEKER_C) ? ' (the calibrated default, fixtures/calibration/lueker.json)' : ' (user input)';
  return {
    id,
    targetFree: true,
    statement: `n >= C log2(2/eps) i.i.d. U[-1,1] values (G layer 1, column 0) have subset sums that eps-cover [-1,1] with probability >= 1 - delta, C = ${C.toString()}${calibrated}; stated n = ceil(C log2(2/eps)), at most ${MAX_SUBSET_SUM_N}`,
    applies(_target: Network) {
      return null;
    },
    statedPool(_target, p) {
      return [statedSubsetSumN(C, p.eps)];
    },
    trial(_target, seed, p): Outcome {
      requireOpenUnit(p.delta, 'delta');
      const { stated, n } = subsetSumN(C, p);
      if (n > BigInt(MAX_SUBSET_SUM_N))
        throw new InputError(
          `n = ${n} values exceeds the cap of ${MAX_SUBSET_SUM_N} of the exact subset-sum decision (C = ${C.toString()}, eps = ${p.eps.toString()})`,
        );
      const r = subsetSumCoverByIntervals(gValues(seed, Number(n)), p.eps);
      const pool = [n.toString()];
      const figures: Record<string, string> = {
        n: n.toString(),
        statedN: stated.toString(),
        C: C.toString(),
        eps: p.eps.toString(),
      };
      if (r.covers)
        return {
          status: 'success',
          reason: `the subset sums of ${n} draws eps-cover [-1, 1] (exact; already the first ${r.coveredAt} do)`,
          pool,
          figures,
        };
      const z = r.uncovered as Rational;
      const extra: Record<string, string> = { uncovered: z.toString(), reason: r.reason };
      if (r.maxGap) extra['maxGap'] = r.maxGap.toString();
      return {
        status: 'failure',
        reason: subsetSumReason(r),
        location: { layer: 1, row: 0, col: 0, side: `${r.reason} z=${z.toString()}` },
        pool,
        figures: { ...figures, ...extra },
      };
    },
    replayCommand(_file, seed, p) {
      const { n } = subsetSumN(C, p);
      return `slth lemma subset-sum --seed ${seed} --n ${n} --eps ${p.eps.toString()}`;
    },
  };
}

/**
 * The subset-sum claim with a user's C (docs/MATH.md §5.6: C is an input, never a hidden constant). Its id
 * is `subset-sum@<C>` (C as given) unless C is the calibrated {@link LUEKER_C}.
 *
 * @example
 * ```ts
 * subsetSumClaim(Rational.of(3)).statedPool(anyTarget, { eps: Rational.of(1, 8), delta })[0]; // 12n
 * ```
 */
export function subsetSumClaim(C: Rational, id?: string): Claim {
  return subsetSumClaimWithId(C, id ?? (C.eq(LUEKER_C) ? 'subset-sum' : subsetSumId(C)));
}

/**
 * The id of the subset-sum claim with constant C: `subset-sum@<C>` with C as a decimal when it is
 * one with at most 6 fraction digits, else as `<p>_<q>` (no '/', so the id is a folder name).
 *
 * @example
 * ```ts
 * subsetSumId(Rational.of(7, 2)); // 'subset-sum@3.5'
 * subsetSumId(Rational.of(19, 7)); // 'subset-sum@19_7'
 * ```
 */
export function subsetSumId(C: Rational): string {
  const scaled = C.mul(Rational.of(10n ** 6n));
  if (scaled.isInteger()) {
    const text = C.toDecimal(6, 'nearest').replace(/\.?0+$/, '');
    return `subset-sum@${text}`;
  }
  return `subset-sum@${C.num}_${C.den}`;
}

/** Ids of parametrised subset-sum claims: `subset-sum@3.5` or `subset-sum@19_7`. @example `SUBSET_SUM_ID.test('subset-sum@3.5') // true` */
export const SUBSET_SUM_ID = /^subset-sum@(?:(\d{1,6}(?:\.\d{1,6})?)|(\d{1,6})_(\d{1,6}))$/;
