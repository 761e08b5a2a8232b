/**
 * The certificate format `slth-certificate/1`: the JSON document a construction writes and the
 * kernel re-checks. This module holds only the shape (types) and the format tag, so the producer
 * (src/constructions) and the checker (src/kernel) share no code beyond it.
 *
 * Every exact number is a string "p/q" (or "p"); unit indices are JSON integers below 2^53.
 */

/** Format tag of certificates. */
export const CERTIFICATE_FORMAT = 'slth-certificate/1';

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
  target: { format: string; layers: string[][][] };
  random: {
    scheme: string;
    algorithm: string;
    block: number;
    seed: string;
    /** Pool size per target layer, as decimal integer strings. */
    pool: string[];
    /** G widths d, m_1, n_1, ..., m_l, n_l as decimal integer strings. */
    widths: string[];
  };
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
