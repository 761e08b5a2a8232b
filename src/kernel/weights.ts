/**
 * Weights of the lazy random network G for the kernel, read through seedrandom itself. The
 * constructions read G through the Xor4096 cursor of src/random, so the two implementations check
 * each other. The addressing is the scheme `slth-g/1` of src/random/scheme.ts: an odd layer is read
 * along a column (line = col, position = row), an even layer along a row (line = row, position =
 * col); positions are cut into blocks of BLOCK, block b of a line is one `seedrandom.xor4096` stream
 * named by `streamName`, and the entry at offset o of a block is 2 r - 1 for the (o+1)-th
 * `.double()` r of its stream.
 *
 * Reads are batched: the addresses are grouped by stream and every stream is generated once, up to
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
  // stream name -> [offset, index in the answer] of every read from it
  const streams = new Map<string, [number, number][]>();
  addresses.forEach((a, i) => {
    const odd = a.layer % 2 === 1;
    const position = odd ? a.row : a.col;
    const name = streamName(seed, a.layer, odd ? a.col : a.row, Math.floor(position / BLOCK));
    const reads = streams.get(name) ?? [];
    reads.push([position % BLOCK, i]);
    streams.set(name, reads);
  });
  const out = new Float64Array(addresses.length);
  for (const [name, reads] of streams) {
    const rng = seedrandom.xor4096(name);
    let drawn = 0;
    let r = 0;
    for (const [offset, i] of reads.sort((x, y) => x[0] - y[0])) {
      for (; drawn <= offset; drawn++) r = rng.double();
      out[i] = 2 * r - 1;
    }
  }
  return out;
}
