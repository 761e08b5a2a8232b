/**
 * The certificate format `slth-certificate/1`: the JSON document a construction writes and the
 * kernel re-checks. This module holds only the shape (types) and the format tag, for the producer
 * (src/constructions) and the CLI. The kernel (src/kernel) does not import it: it reads a document
 * as untyped JSON and restates the tag. Producer and kernel do share code elsewhere: the exact
 * numbers of src/numeric, the network format (src/network/json.ts, network.ts) and the scheme of G
 * (src/random/scheme.ts: its constants, seed rule and stream names; the producer reads G through
 * the Xor4096 cursor, the kernel through seedrandom). The README lists the kernel's trusted files.
 *
 * Every exact number is a string "p/q" (or "p"); unit indices are JSON integers below 2^53.
 */
import { ALGORITHM, BLOCK, SCHEME } from '../random/scheme.js';

/** Format tag of certificates. */
export const CERTIFICATE_FORMAT = 'slth-certificate/1';

/**
 * A certificate's `random` section: the scheme of G, its seed, the pools and every G width (both
 * certificate formats).
 *
 * @example
 * ```ts
 * randomDoc('demo', [5n], [1n, 5n, 1n]); // { scheme: 'slth-g/1', ..., pool: ['5'], widths: ['1', '5', '1'] }
 * ```
 */
export interface RandomDoc {
  scheme: string;
  algorithm: string;
  block: number;
  seed: string;
  /** Pool size per target layer, as decimal integer strings. */
  pool: string[];
  /** G widths d, m_1, n_1, ..., m_l, n_l as decimal integer strings. */
  widths: string[];
}

/**
 * The `random` section for a seed, its pools and G widths, with slth's scheme constants.
 *
 * @example
 * ```ts
 * randomDoc('demo', [5n], [1n, 5n, 1n]).pool; // ['5']
 * ```
 */
export function randomDoc(seed: string, pool: readonly bigint[], widths: readonly bigint[]): RandomDoc {
  return {
    scheme: SCHEME,
    algorithm: ALGORITHM,
    block: BLOCK,
    seed,
    pool: pool.map(String),
    widths: widths.map(String),
  };
}

/** One kept unit of a gadget: its index in G layer 2i-1 and its two kept weights. */
export interface SideDoc {
  /** Index of the hidden unit (row of G layer 2i-1, column of G layer 2i). */
  unit: number;
  /** Kept input weight G[2i-1][unit][col], exact. */
  u: string;
  /** Kept output weight G[2i][row][unit], exact. */
  v: string;
}

/** The gadget replacing target weight W_layer[row, col]. */
export interface GadgetDoc {
  layer: number;
  row: number;
  col: number;
  plus: SideDoc;
  minus: SideDoc;
  /** Realised error coefficient e, exact. */
  error: string;
}

/** The whole certificate document. */
export interface CertificateDoc {
  format: typeof CERTIFICATE_FORMAT;
  construction: 'pair' | 'shared' | 'product';
  /**
   * "stated" (the default when absent): eta and the pools are the stated ones for (target, eps,
   * delta, construction, hypothesis), which the kernel checks; "custom": any other width.
   */
  width?: 'stated' | 'custom';
  target: { format: string; layers: string[][][] };
  random: RandomDoc;
  eps: string;
  delta: string;
  eta: string;
  hypothesis: 'H' | "H'";
  gadgets: GadgetDoc[];
  bound: {
    /** Per target layer: a_i (>= ||E_i||_2) and s_i (>= ||W_i||_2). */
    perLayer: { layer: number; a: string; s: string }[];
    total: string;
  };
  activeWeights: number;
  depth: number;
  provenance: { slth: string; command: string };
}
