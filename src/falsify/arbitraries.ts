/**
 * fast-check arbitraries for the falsification engine.
 *
 * Targets satisfy hypothesis H exactly (and H' on request). A target is drawn as integer grids
 * (uniform, no bias toward small values, as the statistics of docs/MATH.md §9 need) and each layer is divided by the
 * smallest power of two that makes ||W||_F^2 <= 1 (which implies ||W||_2 <= 1), and under H' also
 * max w^2 n_in <= 1. Shrinking goes toward fewer layers, narrower layers and shorter dyadics
 * (the integers shrink toward 0 and the bit count toward 1).
 */
import fc from 'fast-check';
import { Rational } from '../numeric/rational.js';
import type { Matrix, Network } from '../network/network.js';

/** Options of {@link targetArbitrary}. */
export interface TargetArbOptions {
  /** Input dimension range. */
  readonly d?: { min: number; max: number };
  /** Number of layers range. */
  readonly layers?: { min: number; max: number };
  /** Hidden and output width range. */
  readonly width?: { min: number; max: number };
  /** Require hypothesis H' too. */
  readonly hprime?: boolean;
  /** Largest number of fraction bits of a weight. */
  readonly maxBits?: number;
  /** Fixed widths (overrides d, layers, width). */
  readonly widths?: readonly number[];
}

/**
 * Divides an integer matrix (over 2^bits) by the least power of two making it satisfy H (via
 * ||W||_F^2 <= 1) and, with `hprime`, H' (w^2 n_in <= 1).
 *
 * @example
 * ```ts
 * normalise([[3n]], 1, false); // [[3/4]]: 3/2 scaled by 1/2
 * ```
 */
export function normalise(ints: readonly (readonly bigint[])[], bits: number, hprime: boolean): Matrix {
  const nIn = ints[0]?.length ?? 1;
  let sumSq = 0n;
  let maxSq = 0n;
  for (const row of ints) {
    for (const k of row) {
      sumSq += k * k;
      if (k * k > maxSq) maxSq = k * k;
    }
  }
  // need sumSq / 4^(bits+s) <= 1 and (H') maxSq * nIn / 4^(bits+s) <= 1
  let s = 0;
  const ok = (sh: number): boolean => {
    const den = 1n << BigInt(2 * (bits + sh));
    return sumSq <= den && (!hprime || maxSq * BigInt(nIn) <= den);
  };
  while (!ok(s)) s += 1;
  return ints.map((row) => row.map((k) => Rational.dyadic(k, -(bits + s))));
}

/**
 * Widths n_0, ..., n_l that shrink toward fewer and narrower layers.
 *
 * @example
 * ```ts
 * fc.sample(widthsArbitrary({ d: { min: 1, max: 2 } }), 1); // e.g. [[2, 3, 1]]
 * ```
 */
export function widthsArbitrary(opts: TargetArbOptions = {}): fc.Arbitrary<number[]> {
  if (opts.widths) return fc.constant([...opts.widths]);
  const d = opts.d ?? { min: 1, max: 3 };
  const layers = opts.layers ?? { min: 1, max: 3 };
  const width = opts.width ?? { min: 1, max: 3 };
  return fc
    .tuple(fc.integer(d), fc.array(fc.integer(width), { minLength: layers.min, maxLength: layers.max }))
    .map(([d0, rest]) => [d0, ...rest]);
}

/**
 * Targets satisfying H (and H' with `hprime`) exactly, shrinkable.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(targetArbitrary(), (net) => checkH(net).holds));
 * ```
 */
export function targetArbitrary(opts: TargetArbOptions = {}): fc.Arbitrary<Network> {
  const maxBits = opts.maxBits ?? 12;
  return fc.tuple(widthsArbitrary(opts), fc.integer({ min: 1, max: maxBits })).chain(([widths, bits]) => {
    const lim = 2 ** bits;
    const layerArbs = widths.slice(1).map((nOut, i) => {
      const nIn = widths[i] as number;
      return fc.array(fc.array(fc.noBias(fc.integer({ min: -lim, max: lim })), { minLength: nIn, maxLength: nIn }), {
        minLength: nOut,
        maxLength: nOut,
      });
    });
    return fc.tuple(...layerArbs).map((layers): Network => ({
      layers: layers.map((m) =>
        normalise(
          m.map((row) => row.map((k) => BigInt(k))),
          bits,
          opts.hprime === true,
        ),
      ),
    }));
  });
}

/**
 * Seeds of G: short strings from the seed alphabet (shrink toward 'a').
 *
 * @example
 * ```ts
 * fc.sample(gSeedArbitrary(), 2); // e.g. ['k3', 'a']
 * ```
 */
export function gSeedArbitrary(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-z0-9]{1,10}$/);
}
