/**
 * The natural order of tensor names, by which an imported file's layers are ordered when no
 * explicit list is given.
 *
 * A name is cut into maximal runs of ASCII digits and runs of other characters. Two names are
 * compared run by run from the left: two digit runs by their numeric value (`2` < `10`; with equal
 * values the run with fewer leading zeros first), any other pair of runs by UTF-16 code units
 * (digit runs sort before other runs). When every run compares equal the shorter name comes
 * first, and names that still tie are compared as plain strings. So `0.weight` < `2.weight` <
 * `10.weight`, `fc1.weight` < `fc2.weight` < `fc10.weight`, `arr_2` < `arr_10`, and
 * `layers.1.weight` < `layers.1.weight2`.
 */

const RUN_RE = /\d+|\D+/g;

function runs(name: string): string[] {
  return name.match(RUN_RE) ?? [];
}

function compareRun(a: string, b: string): number {
  const da = a.charCodeAt(0) >= 48 && a.charCodeAt(0) <= 57;
  const db = b.charCodeAt(0) >= 48 && b.charCodeAt(0) <= 57;
  if (da && db) {
    const va = BigInt(a);
    const vb = BigInt(b);
    if (va !== vb) return va < vb ? -1 : 1;
    return a.length - b.length;
  }
  if (da !== db) return da ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares two tensor names in natural order (a total order; see the module comment).
 *
 * @example
 * ```ts
 * ['fc10.weight', 'fc2.weight', 'fc1.weight'].sort(naturalCompare); // ['fc1.weight', 'fc2.weight', 'fc10.weight']
 * ```
 */
export function naturalCompare(a: string, b: string): number {
  const ra = runs(a);
  const rb = runs(b);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const c = compareRun(ra[i] as string, rb[i] as string);
    if (c !== 0) return c;
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
