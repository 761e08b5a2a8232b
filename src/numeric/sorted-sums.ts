/**
 * All 2^m subset sums of m integers in increasing order, each with the bit mask of its items
 * (bit j for item j; at most 53 items), by repeated merging: L_{j+1} = merge(L_j, L_j + c_j),
 * linear per step and no comparison sort. Ties keep the sum without item j first. The half lists
 * of every meet-in-the-middle search in slth (exact existence, construction D's exact sides).
 */

/**
 * The sorted subset sums of `items` with the mask of each.
 *
 * @example
 * ```ts
 * sortedSubsetSums([2n, -1n]); // { sums: [-1n, 0n, 1n, 2n], masks: [2, 0, 3, 1] }
 * ```
 */
export function sortedSubsetSums(items: readonly bigint[]): { sums: bigint[]; masks: number[] } {
  let sums: bigint[] = [0n];
  let masks: number[] = [0];
  items.forEach((c, j) => {
    const bit = 2 ** j;
    const n = sums.length;
    const outS: bigint[] = new Array<bigint>(2 * n);
    const outM: number[] = new Array<number>(2 * n);
    let i = 0;
    let k = 0;
    let o = 0;
    while (i < n || k < n) {
      // left: sums[i]; right: sums[k] + c. Ties keep the left (without item j) first.
      if (k >= n || (i < n && (sums[i] as bigint) <= (sums[k] as bigint) + c)) {
        outS[o] = sums[i] as bigint;
        outM[o] = masks[i] as number;
        i++;
      } else {
        outS[o] = (sums[k] as bigint) + c;
        outM[o] = (masks[k] as number) + bit;
        k++;
      }
      o++;
    }
    sums = outS;
    masks = outM;
  });
  return { sums, masks };
}
