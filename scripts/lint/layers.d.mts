import type { Rule } from 'eslint';

/** Folder of src/ -> the folders it may import. */
export declare const LAYERS: Readonly<Record<string, readonly string[]>>;
/** The ESLint rule `slth/layers`. */
export declare const layersRule: Rule.RuleModule;
