/**
 * Shape predicates for parsed JSON documents, shared by every reader of slth's formats (the
 * kernel keeps its own, see src/kernel/check.ts).
 */

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/**
 * True for a JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * isJsonObject({ a: 1 }); // true
 * isJsonObject([1]); // false
 * ```
 */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True for a JSON number that is a non-negative safe integer (a count or an index).
 *
 * @example
 * ```ts
 * isCount(3); // true
 * isCount(2.5); // false
 * ```
 */
export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
