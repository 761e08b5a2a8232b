/**
 * The certificate format `slth-certificate/2`: JSON Lines, written and read as a stream, for
 * construction D (subset sums), whose gadgets keep whole subsets of a pool and whose certificates
 * reach millions of kept units.
 *
 * - Line 1 is the header object ({@link HeaderV2}): format, construction, target, random network
 *   (scheme, algorithm, block, seed, pool per target layer, G widths), eps, delta, eta, width
 *   ("stated" or "custom"), hypothesis, the pool formula's constant (null for a given pool), the Lemma 4
 *   bound (a_i, s_i per layer, total), active weights, depth, the number of gadget lines, and
 *   provenance.
 * - Then one line per target weight, in (layer, row, col) order ({@link GadgetLineV2}):
 *   `{"layer":i,"row":r,"col":j,"plus":[t,...],"minus":[t,...],"error":"p/q"}`. `plus` and `minus`
 *   are offsets within the input's pool, increasing: offset t of pool P_j in target layer i is
 *   unit j k_i + t of G layer 2i-1 (its input weight u = G[2i-1][j k_i + t][j]; its output weight
 *   towards row r is v = G[2i][r][j k_i + t]). `plus` must hold units with u > 0, `minus` units
 *   with u < 0. No u or v is stored: a checker re-derives them from the seed (scheme slth-g/1).
 *   `error` is the exact realised error e = max(|sum_plus u v - w|, |sum_minus u v - w|).
 *
 * Every exact number is a string "p/q" (or "p"). This module holds only the shape, the format tag,
 * the canonical serialisation of a gadget line and structural validation: the producer and any
 * checker share nothing else.
 */
import { InputError } from '../errors.js';
import type { RandomDoc } from './format.js';

/** Format tag of streamed subset certificates. @example `header.format === CERTIFICATE_FORMAT_2` */
export const CERTIFICATE_FORMAT_2 = 'slth-certificate/2';

/** The header (line 1) of a `slth-certificate/2` file. */
export interface HeaderV2 {
  format: typeof CERTIFICATE_FORMAT_2;
  construction: 'subset';
  target: { format: string; layers: string[][][] };
  /** The scheme, seed, pool k_i per target layer (units per input coordinate) and G widths (m_i = k_i n_{i-1}). */
  random: RandomDoc;
  eps: string;
  /** The failure probability of the stated width; null in the custom mode (--eta and --pool). */
  delta: string | null;
  /** The per-weight tolerance. */
  eta: string;
  /** "stated": eta and pools from the theorem's formulas; "custom": given by the user. */
  width: 'stated' | 'custom';
  /** The hypothesis the target satisfies ('none' is allowed in the custom mode). */
  hypothesis: 'H' | 'none';
  /**
   * The pool formula's constant C_D when the pool comes from the formula (null for --pool);
   * `calibrated` is true when it is slth's calibrated constant (calibrated, not proven), false
   * when the user gave it.
   */
  calibration: { luekerC: string; calibrated: boolean } | null;
  bound: {
    /** Per target layer: a_i (>= ||E_i||_2) and s_i (>= ||W_i||_2). */
    perLayer: { layer: number; a: string; s: string }[];
    total: string;
  };
  activeWeights: number;
  depth: number;
  /** Number of gadget lines that follow (N_w). */
  gadgets: number;
  provenance: { slth: string; command: string };
}

/** One gadget line. */
export interface GadgetLineV2 {
  layer: number;
  row: number;
  col: number;
  /** Offsets t of the + side (units with u > 0) within pool P_col, increasing. */
  plus: number[];
  /** Offsets t of the - side (units with u < 0), increasing. */
  minus: number[];
  /** The exact realised error e. */
  error: string;
}

/**
 * The canonical text of one gadget line (no trailing newline), keys in the documented order.
 *
 * @example
 * ```ts
 * gadgetLineText({ layer: 1, row: 0, col: 2, plus: [0, 5], minus: [3], error: '1/1024' });
 * // '{"layer":1,"row":0,"col":2,"plus":[0,5],"minus":[3],"error":"1/1024"}'
 * ```
 */
export function gadgetLineText(g: GadgetLineV2): string {
  return `{"layer":${g.layer},"row":${g.row},"col":${g.col},"plus":[${g.plus.join(',')}],"minus":[${g.minus.join(',')}],"error":"${g.error}"}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

const EXACT_RE = /^-?\d{1,100000}(\/\d{1,100000})?$/;

function exactString(x: unknown): x is string {
  return typeof x === 'string' && EXACT_RE.test(x);
}

/**
 * Structural validation of a parsed gadget line: integer indices, increasing offset lists, an
 * exact error string. (Whether the units, signs and error are right is a checker's business.)
 *
 * @example
 * ```ts
 * parseGadgetLineV2(JSON.parse(text), 2); // GadgetLineV2, or an InputError naming line 2
 * ```
 */
export function parseGadgetLineV2(value: unknown, lineNo: number): GadgetLineV2 {
  const where = `certificate line ${lineNo}`;
  if (!isRecord(value)) throw new InputError(`${where}: a gadget line must be a JSON object`);
  for (const k of ['layer', 'row', 'col'] as const) {
    if (!isIndex(value[k])) throw new InputError(`${where}: '${k}' must be an integer >= 0`);
  }
  if ((value['layer'] as number) < 1) throw new InputError(`${where}: 'layer' must be >= 1`);
  for (const k of ['plus', 'minus'] as const) {
    const list = value[k];
    if (!Array.isArray(list) || !list.every(isIndex))
      throw new InputError(`${where}: '${k}' must be an array of integer offsets >= 0`);
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as number) <= (list[i - 1] as number))
        throw new InputError(`${where}: '${k}' must be strictly increasing`);
    }
  }
  if (!exactString(value['error'])) throw new InputError(`${where}: 'error' must be an exact number string "p/q"`);
  return {
    layer: value['layer'] as number,
    row: value['row'] as number,
    col: value['col'] as number,
    plus: value['plus'] as number[],
    minus: value['minus'] as number[],
    error: value['error'] as string,
  };
}

/**
 * Structural validation of a parsed header line (format tag, field types); the checker decides
 * whether the figures are right.
 *
 * @example
 * ```ts
 * parseHeaderV2(JSON.parse(firstLine)).random.seed;
 * ```
 */
export function parseHeaderV2(value: unknown): HeaderV2 {
  const where = 'certificate header (line 1)';
  if (!isRecord(value)) throw new InputError(`${where}: must be a JSON object`);
  if (value['format'] !== CERTIFICATE_FORMAT_2)
    throw new InputError(`${where}: format must be '${CERTIFICATE_FORMAT_2}', got ${JSON.stringify(value['format'])}`);
  if (value['construction'] !== 'subset') throw new InputError(`${where}: construction must be 'subset'`);
  const target = value['target'];
  if (!isRecord(target) || !Array.isArray(target['layers']))
    throw new InputError(`${where}: 'target' must be a network`);
  const random = value['random'];
  if (!isRecord(random)) throw new InputError(`${where}: 'random' must be an object`);
  for (const k of ['scheme', 'algorithm', 'seed'] as const) {
    if (typeof random[k] !== 'string') throw new InputError(`${where}: 'random.${k}' must be a string`);
  }
  if (!isIndex(random['block'])) throw new InputError(`${where}: 'random.block' must be an integer`);
  for (const k of ['pool', 'widths'] as const) {
    const list = random[k];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && /^\d{1,30}$/.test(x)))
      throw new InputError(`${where}: 'random.${k}' must be an array of decimal integer strings`);
  }
  for (const k of ['eps', 'eta'] as const) {
    if (!exactString(value[k])) throw new InputError(`${where}: '${k}' must be an exact number string`);
  }
  if (value['delta'] !== null && !exactString(value['delta']))
    throw new InputError(`${where}: 'delta' must be an exact number string or null`);
  if (value['width'] !== 'stated' && value['width'] !== 'custom')
    throw new InputError(`${where}: 'width' must be 'stated' or 'custom'`);
  if (!['H', "H'", 'none'].includes(value['hypothesis'] as string))
    throw new InputError(`${where}: 'hypothesis' must be 'H', "H'" or 'none'`);
  const cal = value['calibration'];
  if (cal !== null && (!isRecord(cal) || !exactString(cal['luekerC']) || typeof cal['calibrated'] !== 'boolean'))
    throw new InputError(`${where}: 'calibration' must be null or { luekerC: "p/q", calibrated: true|false }`);
  const bound = value['bound'];
  if (
    !isRecord(bound) ||
    !exactString(bound['total']) ||
    !Array.isArray(bound['perLayer']) ||
    !bound['perLayer'].every((b) => isRecord(b) && isIndex(b['layer']) && exactString(b['a']) && exactString(b['s']))
  )
    throw new InputError(`${where}: 'bound' must be { perLayer: [{ layer, a, s }], total }`);
  for (const k of ['activeWeights', 'depth', 'gadgets'] as const) {
    if (!isIndex(value[k])) throw new InputError(`${where}: '${k}' must be an integer >= 0`);
  }
  const prov = value['provenance'];
  if (!isRecord(prov) || typeof prov['slth'] !== 'string' || typeof prov['command'] !== 'string')
    throw new InputError(`${where}: 'provenance' must be { slth, command }`);
  return value as unknown as HeaderV2;
}
