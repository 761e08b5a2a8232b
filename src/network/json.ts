/**
 * The network file format `slth-network/1`, with validation that names the offending place.
 *
 * A document is a JSON object
 *
 * ```json
 * { "format": "slth-network/1", "layers": [ [[w, ...], ...], ... ], "meta": { ... } }
 * ```
 *
 * `layers[i-1]` is the matrix W_i, row-major, of shape n_i x n_{i-1}; `meta` is optional and free
 * (generators record their seed there). A weight is either a JSON number, taken as the exact
 * double it denotes (so `0.1` is 3602879701896397/2^55), or a string read exactly: an integer,
 * a decimal (`"0.1"` is 1/10), scientific notation (`"1e-3"`) or a fraction (`"3/8"`).
 *
 * In messages layers are counted from 1 (as in W_1, ..., W_l) and rows and columns from 0.
 */
import { readInputText } from '../files/read.js';
import { isJsonObject } from './json-shape.js';
import { InputError } from '../errors.js';
import { Rational, describe } from '../numeric/rational.js';
import type { Matrix, Network } from './network.js';

/** The format tag of a network document. */
export const NETWORK_FORMAT = 'slth-network/1';

/** Largest width (rows of a layer, or entries of a row) a network file may declare. */
export const MAX_WIDTH = 1_000_000;
/** Largest total number of weights N_w a network file may hold. */
export const MAX_WEIGHTS = 10_000_000;
/** Longest string accepted for a single weight. */
export const MAX_WEIGHT_CHARS = 100_000;
/** Largest network file read (bytes). */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

const TOP_LEVEL_KEYS = new Set(['format', 'layers', 'meta']);
const NON_FINITE_RE = /^[+-]?(nan|inf|infinity)$/i;

/** The JSON shape written by {@link networkToJson}. */
export interface NetworkJson {
  format: string;
  meta?: Record<string, unknown>;
  layers: string[][][];
}

/** Parses one weight, or throws an InputError that says where it is. */
function parseWeight(value: unknown, place: string): Rational {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new InputError(
        `${place}: weight is not a finite number (${String(value)}; a JSON number beyond the float64 range such as 1e400 reads as Infinity; write large exact values as strings)`,
      );
    }
    return Rational.fromFloat(value);
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') throw new InputError(`${place}: weight is an empty string`);
    if (NON_FINITE_RE.test(s))
      throw new InputError(`${place}: weight '${s}' is not finite (NaN and Infinity are not allowed)`);
    if (value.length > MAX_WEIGHT_CHARS) {
      throw new InputError(`${place}: weight string has ${value.length} characters (at most ${MAX_WEIGHT_CHARS})`);
    }
    try {
      return Rational.parse(value);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${place}: ${e.message}`);
      throw e;
    }
  }
  throw new InputError(`${place}: weight must be a number or a string, got ${describe(value)}`);
}

/**
 * Validates a parsed JSON document as a `slth-network/1` network and returns it with exact
 * weights. Every problem is an {@link InputError} whose message starts with `where` and names
 * the layer (from 1), row and column (from 0): wrong or missing format tag, non-array layers,
 * empty or ragged layers, shapes that do not chain (W_i must have as many columns as W_{i-1}
 * has rows), non-finite or non-numeric weights, and sizes beyond {@link MAX_WIDTH} /
 * {@link MAX_WEIGHTS}.
 *
 * @example
 * ```ts
 * const net = parseNetwork({ format: 'slth-network/1', layers: [[['1/2', 0.25]], [[-1]]] });
 * widths(net); // [2, 1, 1]
 * ```
 */
export function parseNetwork(doc: unknown, where = 'network'): Network {
  if (!isJsonObject(doc)) {
    throw new InputError(
      `${where}: expected a JSON object {"format": "${NETWORK_FORMAT}", "layers": [...]}, got ${describe(doc)}`,
    );
  }
  if (!('format' in doc)) throw new InputError(`${where}: missing "format" (expected "${NETWORK_FORMAT}")`);
  const format = doc['format'];
  if (format !== NETWORK_FORMAT) {
    throw new InputError(
      `${where}: unsupported format ${typeof format === 'string' ? `'${format}'` : describe(format)} (expected '${NETWORK_FORMAT}')`,
    );
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.has(key))
      throw new InputError(`${where}: unknown key "${key}" (allowed: format, layers, meta)`);
  }
  if ('meta' in doc && !isJsonObject(doc['meta']))
    throw new InputError(`${where}: "meta" must be an object, got ${describe(doc['meta'])}`);
  if (!('layers' in doc)) throw new InputError(`${where}: missing "layers" (an array of weight matrices)`);
  const layers = doc['layers'];
  if (!Array.isArray(layers))
    throw new InputError(`${where}: "layers" must be an array of weight matrices, got ${describe(layers)}`);
  if (layers.length === 0) throw new InputError(`${where}: "layers" is empty (a network needs at least one layer)`);

  // Pass 1: shapes and sizes, before any weight is parsed.
  let total = 0;
  let prevRows = -1;
  layers.forEach((layer: unknown, i) => {
    const L = `${where}: layer ${i + 1}`;
    if (!Array.isArray(layer)) throw new InputError(`${L} must be an array of rows, got ${describe(layer)}`);
    if (layer.length === 0) throw new InputError(`${L} is empty (it has no rows)`);
    if (layer.length > MAX_WIDTH) throw new InputError(`${L} has ${layer.length} rows (width at most ${MAX_WIDTH})`);
    const row0: unknown = layer[0];
    if (!Array.isArray(row0)) throw new InputError(`${L} row 0 must be an array of weights, got ${describe(row0)}`);
    const cols = row0.length;
    if (cols === 0) throw new InputError(`${L} row 0 is empty (it has no weights)`);
    if (cols > MAX_WIDTH) throw new InputError(`${L} row 0 has ${cols} entries (width at most ${MAX_WIDTH})`);
    layer.forEach((row: unknown, r) => {
      if (!Array.isArray(row)) throw new InputError(`${L} row ${r} must be an array of weights, got ${describe(row)}`);
      if (row.length === 0) throw new InputError(`${L} row ${r} is empty (it has no weights; expected ${cols})`);
      if (row.length !== cols) {
        throw new InputError(
          `${L} is ragged: row ${r} has ${row.length} ${row.length === 1 ? 'entry' : 'entries'}, expected ${cols} (the length of row 0)`,
        );
      }
    });
    if (i > 0 && cols !== prevRows) {
      throw new InputError(
        `${where}: shapes do not chain: layer ${i + 1} has ${cols} columns but layer ${i} has ${prevRows} rows (W_${i + 1} must be n_${i + 1} x n_${i})`,
      );
    }
    total += layer.length * cols;
    if (total > MAX_WEIGHTS)
      throw new InputError(`${where}: more than ${MAX_WEIGHTS} weights (reached at layer ${i + 1})`);
    prevRows = layer.length;
  });

  // Pass 2: the weights themselves.
  const out: Matrix[] = (layers as unknown[][][]).map((layer, i) =>
    layer.map((row, r) => row.map((value, c) => parseWeight(value, `${where}: layer ${i + 1} row ${r} column ${c}`))),
  );
  return { layers: out };
}

/**
 * Reads and parses a JSON file: slth's one JSON reader (networks, certificates, shard files,
 * counterexample entries, value lists); `-` reads standard input. A missing file, a directory, an
 * unreadable or oversized file or broken JSON is an {@link InputError} naming the path.
 *
 * @example
 * ```ts
 * const doc = readJsonFile('fixtures/targets/d1-single.json');
 * ```
 */
export function readJsonFile(path: string): unknown {
  let text = readInputText(path, MAX_JSON_BYTES);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark is not JSON, but harmless
  if (text.trim() === '') throw new InputError(`${path} is not valid JSON: the file is empty`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`${path} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
}

/**
 * Reads a `slth-network/1` file: {@link readJsonFile} then {@link parseNetwork}, with messages that
 * start with the path.
 *
 * @example
 * ```ts
 * const net = readNetworkFile('fixtures/targets/d2-small.json');
 * ```
 */
export function readNetworkFile(path: string): Network {
  return parseNetwork(readJsonFile(path), path);
}

/**
 * The JSON document of a network, every weight as its exact reduced string (`'p/q'`, or `'p'`
 * for integers), with an optional `meta` object (written between `format` and `layers`).
 * `parseNetwork(networkToJson(net))` gives back the same weights.
 *
 * @example
 * ```ts
 * networkToJson(net); // { format: 'slth-network/1', layers: [[['1/2', '-3/4']], [['1']]] }
 * ```
 */
export function networkToJson(net: Network, meta?: Readonly<Record<string, unknown>>): NetworkJson {
  const layers = net.layers.map((m) => m.map((row) => row.map((w) => w.toString())));
  return meta === undefined
    ? { format: NETWORK_FORMAT, layers }
    : { format: NETWORK_FORMAT, meta: { ...meta }, layers };
}
