/**
 * Weights of the lazy random network G for the kernel, read through seedrandom itself. The
 * constructions read G through the Xor4096 cursor of src/random, so the two implementations check
 * each other. The addressing is the scheme `slth-g/1` of src/random/scheme.ts: an odd layer is read
 * along a column (line = col, position = row), an even layer along a row (line = row, position =
 * col); positions are cut into blocks of BLOCK, block b of a line is one `seedrandom.xor4096` stream
 * named by `streamName`, and the entry at offset o of a block is 2 r - 1 for the (o+1)-th
 * `.double()` r of its stream.
 *
 * Reads are batched: the addresses are sorted by stream and every stream is generated once, up to
 * the largest offset asked of it, so a certificate costs at most one stream prefix per kept weight.
 */
import seedrandom from 'seedrandom';
import { BLOCK, streamName } from '../random/scheme.js';

/** A weight of G: layer from 1, row and column from 0. */
export interface Address {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
}

/**
 * The float64 weights of G at the given addresses, in the order given (each float64 is the exact
 * value).
 *
 * @example
 * ```ts
 * readWeights('s', [{ layer: 1, row: 5, col: 0 }, { layer: 2, row: 0, col: 5 }]); // Float64Array of 2
 * ```
 */
export function readWeights(seed: string, addresses: readonly Address[]): Float64Array {
  const count = addresses.length;
  const layer = new Float64Array(count);
  const line = new Float64Array(count);
  const block = new Float64Array(count);
  const offset = new Float64Array(count);
  addresses.forEach((a, i) => {
    const odd = a.layer % 2 === 1;
    const position = odd ? a.row : a.col;
    layer[i] = a.layer;
    line[i] = odd ? a.col : a.row;
    block[i] = Math.floor(position / BLOCK);
    offset[i] = position % BLOCK;
  });
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (x, y) =>
      (layer[x] as number) - (layer[y] as number) ||
      (line[x] as number) - (line[y] as number) ||
      (block[x] as number) - (block[y] as number) ||
      (offset[x] as number) - (offset[y] as number),
  );
  const out = new Float64Array(count);
  let rng: { double(): number } | null = null;
  let drawn = 0;
  let r = 0;
  let prev = -1;
  for (const i of order) {
    const same = prev >= 0 && layer[prev] === layer[i] && line[prev] === line[i] && block[prev] === block[i];
    if (!same) {
      rng = seedrandom.xor4096(streamName(seed, layer[i] as number, line[i] as number, block[i] as number));
      drawn = 0;
    }
    const want = (offset[i] as number) + 1;
    for (; drawn < want; drawn++) r = (rng as { double(): number }).double();
    out[i] = 2 * r - 1;
    prev = i;
  }
  return out;
}
