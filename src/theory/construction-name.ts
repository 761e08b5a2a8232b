/**
 * The names of slth's constructions (docs/MATH.md §4): each replaces every target weight by a
 * gadget of hidden units of G found by pruning; they differ in which units a gadget may use.
 * Pair, shared and product keep one unit per gadget side (certificates `slth-certificate/1`);
 * subset keeps a subset of the input's pool per side (`slth-certificate/2`).
 */

/** The constructions slth implements. */
export type ConstructionName = 'pair' | 'shared' | 'product' | 'subset';

/** The constructions whose gadgets keep one unit per side (certificates `slth-certificate/1`). */
export type GadgetConstruction = Exclude<ConstructionName, 'subset'>;

/**
 * The one-unit-per-side constructions (pair, shared, product): their runs go through `certify`
 * and write `slth-certificate/1`.
 *
 * @example
 * ```ts
 * CONSTRUCTIONS; // ['pair', 'shared', 'product']
 * ```
 */
export const CONSTRUCTIONS: readonly GadgetConstruction[] = ['pair', 'shared', 'product'];

/**
 * Every construction name, subset sums included: for validation and help.
 *
 * @example
 * ```ts
 * ALL_CONSTRUCTIONS.includes('subset'); // true
 * ```
 */
export const ALL_CONSTRUCTIONS: readonly ConstructionName[] = [...CONSTRUCTIONS, 'subset'];

/**
 * Whether a construction keeps one unit per gadget side (pair, shared, product).
 *
 * @example
 * ```ts
 * isGadgetConstruction('subset'); // false
 * ```
 */
export function isGadgetConstruction(c: ConstructionName): c is GadgetConstruction {
  return c !== 'subset';
}
