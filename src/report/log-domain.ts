/**
 * The domain of a log-scale axis fitted to the data: from the least to the largest positive value
 * plotted (zero and negative values have no place on a log axis; callers mark them separately).
 * A single value v gets [v/2, 2v], so that it is not drawn on the frame, and no data at all gets
 * [1, 10].
 */

/**
 * The fitted log-scale domain of `values`.
 *
 * @example
 * ```ts
 * logDomain([0.001, 0.2, 0, 0.05]); // [0.001, 0.2]
 * ```
 */
export function logDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return [1, 10];
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  return lo === hi ? [lo / 2, hi * 2] : [lo, hi];
}
