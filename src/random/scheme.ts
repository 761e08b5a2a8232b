/**
 * The lazy random network G, scheme `slth-g/1`.
 *
 * G is never materialised: its weight at (seed, layer, row, col) is a deterministic function of
 * the address alone, whatever the widths a construction asks for.
 *
 * - Layers are numbered from 1. Odd layers (2i-1, the gadget layers) read along a column: the
 *   hidden-unit axis is the row index, the *line* is the column. Even layers (2i) read along a
 *   row: the hidden-unit axis is the column index, the *line* is the row.
 * - The hidden-unit axis is cut into blocks of {@link BLOCK} = 4096 consecutive positions. Block b
 *   of line `line` of layer `layer` is one stream of `seedrandom.xor4096` seeded with the string
 *   `slth-g/1:<seed>/<layer>/<line>/<b>` (decimal integers).
 * - The entry at offset o within its block is `2 * r_o - 1`, where r_o is the (o+1)-th value of
 *   the stream's `.double()` (53 random bits). The value is an exact dyadic with |u| < 1.
 *
 * Reading one entry costs O(BLOCK); a {@link Cursor} reads a line sequentially at the raw rate of
 * the generator. Random access ({@link weightFloat}) goes through seedrandom itself; cursors use the
 * bit-identical {@link Xor4096}, so each implementation checks the other.
 */
import seedrandom from 'seedrandom';
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import { Xor4096 } from './xor4096.js';

/** Name and version of the addressing scheme, recorded in every certificate. */
export const SCHEME = 'slth-g/1';
/** Entries per seeded stream. */
export const BLOCK = 4096;
/** The generator algorithm of the scheme. */
export const ALGORITHM = 'seedrandom.xor4096.double';

const SEED_RE = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Validates a user seed: 1 to 128 characters from `[A-Za-z0-9_.:-]` (so the canonical stream
 * names are unambiguous).
 *
 * @example
 * ```ts
 * checkSeed('run-42'); // 'run-42'
 * ```
 */
export function checkSeed(seed: string): string {
  if (!SEED_RE.test(seed)) {
    throw new InputError(`invalid seed '${seed}': use 1 to 128 characters from A-Z a-z 0-9 _ . : -`);
  }
  return seed;
}

function checkIndex(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new InputError(`${name} must be an integer >= ${min}, got ${v}`);
}

/**
 * The canonical seed string of one block stream.
 *
 * @example
 * ```ts
 * streamName('s', 1, 0, 0); // 'slth-g/1:s/1/0/0'
 * ```
 */
export function streamName(seed: string, layer: number, line: number, block: number): string {
  return `${SCHEME}:${seed}/${layer}/${line}/${block}`;
}

/** Maps a G address to (line, position along the hidden-unit axis). */
function lineAndPosition(layer: number, row: number, col: number): [line: number, position: number] {
  return layer % 2 === 1 ? [col, row] : [row, col];
}

/**
 * The weight of G at (seed, layer, row, col) as a float64 (exactly representable: this *is* the
 * exact value, see {@link weight} for the rational). Layers from 1, rows and columns from 0.
 *
 * @example
 * ```ts
 * const u = weightFloat('s', 1, 10 ** 12, 0); // instant, -1 < u < 1
 * ```
 */
export function weightFloat(seed: string, layer: number, row: number, col: number): number {
  checkSeed(seed);
  checkIndex('layer', layer, 1);
  checkIndex('row', row, 0);
  checkIndex('col', col, 0);
  const [line, pos] = lineAndPosition(layer, row, col);
  const block = Math.floor(pos / BLOCK);
  const offset = pos - block * BLOCK;
  const rng = seedrandom.xor4096(streamName(seed, layer, line, block));
  let r = 0;
  for (let i = 0; i <= offset; i++) r = rng.double();
  return 2 * r - 1;
}

/**
 * The exact weight of G at (seed, layer, row, col).
 *
 * @example
 * ```ts
 * weight('s', 2, 0, 5).toString(); // an exact dyadic 'p/2^52'-style fraction
 * ```
 */
export function weight(seed: string, layer: number, row: number, col: number): Rational {
  return Rational.fromFloat(weightFloat(seed, layer, row, col));
}

/**
 * A sequential reader of one line of G along the hidden-unit axis, starting at a position.
 * Its values are identical to {@link weightFloat} at the same addresses.
 *
 * @example
 * ```ts
 * const c = new Cursor('s', 1, 0, 0); // column 0 of layer 1, from row 0
 * const u0 = c.next(); // === weightFloat('s', 1, 0, 0)
 * ```
 */
export class Cursor {
  private readonly seed: string;
  private readonly layer: number;
  private readonly line: number;
  private readonly buffer = new Float64Array(BLOCK);
  private readonly gen = new Xor4096('');
  /** Block currently in the buffer. */
  private block: number;
  private index: number;

  constructor(seed: string, layer: number, line: number, start = 0) {
    checkSeed(seed);
    checkIndex('layer', layer, 1);
    checkIndex('line', line, 0);
    checkIndex('start', start, 0);
    this.seed = seed;
    this.layer = layer;
    this.line = line;
    this.block = Math.floor(start / BLOCK);
    this.fill();
    this.index = start - this.block * BLOCK;
  }

  /** Position (along the hidden-unit axis) of the value the next call to {@link next} returns. */
  get position(): number {
    return this.block * BLOCK + this.index;
  }

  /** Generates the current block into the buffer (one tight loop: the fast path of pool scans). */
  private fill(): void {
    const rng = this.gen;
    rng.seed(streamName(this.seed, this.layer, this.line, this.block));
    rng.fillUniform(this.buffer);
  }

  /**
   * The rest of the current block as one array (a view, valid until the next read), advancing the
   * cursor past it: the fast path of pool scans. Two cursors started at the same position return
   * chunks of equal length, since blocks are aligned on positions.
   */
  chunk(): Float64Array {
    if (this.index === BLOCK) {
      this.block += 1;
      this.fill();
      this.index = 0;
    }
    const view = this.buffer.subarray(this.index);
    this.index = BLOCK;
    return view;
  }

  /** The next weight along the line (a float64 that is the exact value). */
  next(): number {
    if (this.index === BLOCK) {
      this.block += 1;
      this.fill();
      this.index = 0;
    }
    return this.buffer[this.index++] as number;
  }
}

/**
 * A cursor over G layer `layer` for a fixed `row` (odd layer) or column (even layer), i.e. the
 * entries (layer, row = p, col) for odd layers and (layer, row, col = p) for even layers.
 *
 * @example
 * ```ts
 * const c = lineCursor('s', 1, 3, 0); // layer 1, column 3, rows 0, 1, 2, ...
 * ```
 */
export function lineCursor(seed: string, layer: number, line: number, start = 0): Cursor {
  return new Cursor(seed, layer, line, start);
}
