/**
 * Exact closest subset sum by meet in the middle: given integers c_0..c_{m-1} and a target T,
 * find S within {0..m-1} minimising |sum_{i in S} c_i - T|, exactly (BigInt).
 *
 * The items are split into two halves; each half's 2^(m/2) subset sums are listed in sorted
 * order by repeated merging (L_{j+1} = merge(L_j, L_j + c_j), linear per step, no comparison
 * sort), then one sweep with a pointer that only moves down pairs every sum a of the first half
 * with the sums of the second half closest to T - a. Time and memory O(2^(m/2)).
 */
import { InputError } from '../errors.js';
import { absBig } from '../numeric/rational.js';
import { sortedSubsetSums } from '../numeric/sorted-sums.js';

/** Largest number of items accepted (2^21 sums per half: about 1 s and 150 MB at worst). @example `closestSubsetSum(items.slice(0, MAX_SUBSET_ITEMS), 0n)` */
export const MAX_SUBSET_ITEMS = 42;

/** The optimum of a closest-subset-sum problem. */
export interface ClosestSubset {
  /** Indices of the chosen items, increasing. */
  readonly subset: readonly number[];
  /** Their sum. */
  readonly sum: bigint;
  /** |sum - target|, the minimum over all 2^m subsets. */
  readonly distance: bigint;
}

function maskToIndices(mask: number, offset: number, count: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < count; j++) if (Math.floor(mask / 2 ** j) % 2 === 1) out.push(offset + j);
  return out;
}

/**
 * The subset of `items` whose sum is closest to `target`, exactly (meet in the middle). Ties are
 * broken deterministically (the first optimum met in the sweep). Throws an InputError beyond
 * {@link MAX_SUBSET_ITEMS} items.
 *
 * @example
 * ```ts
 * closestSubsetSum([5n, -3n, 9n, 4n], 7n); // { subset: [1, 2], sum: 6n, distance: 1n } or another optimum
 * ```
 */
export function closestSubsetSum(items: readonly bigint[], target: bigint): ClosestSubset {
  if (items.length > MAX_SUBSET_ITEMS) {
    throw new InputError(
      `exact subset sum over ${items.length} items is beyond the limit of ${MAX_SUBSET_ITEMS} (2^(m/2) memory)`,
    );
  }
  const h = Math.floor(items.length / 2);
  const A = sortedSubsetSums(items.slice(0, h));
  const B = sortedSubsetSums(items.slice(h));
  let bestDist = -1n;
  let bestA = 0;
  let bestB = 0;
  let j = B.sums.length; // first index with B.sums[j] >= t (t decreases as a increases)
  for (let i = 0; i < A.sums.length; i++) {
    const a = A.sums[i] as bigint;
    const t = target - a;
    while (j > 0 && (B.sums[j - 1] as bigint) >= t) j--;
    for (const c of [j - 1, j]) {
      if (c < 0 || c >= B.sums.length) continue;
      const d = absBig(a + (B.sums[c] as bigint) - target);
      if (bestDist < 0n || d < bestDist) {
        bestDist = d;
        bestA = i;
        bestB = c;
      }
    }
    if (bestDist === 0n) break;
  }
  const subset = [
    ...maskToIndices(A.masks[bestA] as number, 0, h),
    ...maskToIndices(B.masks[bestB] as number, h, items.length - h),
  ];
  return { subset, sum: (A.sums[bestA] as bigint) + (B.sums[bestB] as bigint), distance: bestDist };
}
