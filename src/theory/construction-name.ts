/**
 * The names of slth's constructions (docs/MATH.md §4): each replaces every target weight by a
 * gadget of hidden units of G found by pruning; they differ in which units a gadget may use.
 */

/** The constructions slth implements. */
export type ConstructionName = 'pair' | 'shared' | 'product';
/** All construction names, for validation and help. */
export const CONSTRUCTIONS: readonly ConstructionName[] = ['pair', 'shared', 'product'];
