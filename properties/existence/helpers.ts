/**
 * Helpers of the existence suites: G's weights read through the random-access `weight` (not the
 * cursors `exists` uses), masked networks, exact sup errors by the network's own forward pass,
 * and brute force over masks.
 */
import { forward, type Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { weight } from '../../src/random/scheme.js';

/** u_t = G layer 1 (t, 0) and v_{r,t} = G layer 2 (r, t), for t < K, r < outputs. */
export function gWeights(seed: string, pool: number, outputs: number): { u: Rational[]; v: Rational[][] } {
  const u = Array.from({ length: pool }, (_, t) => weight(seed, 1, t, 0));
  const v = Array.from({ length: outputs }, (_, r) => Array.from({ length: pool }, (_, t) => weight(seed, 2, r, t)));
  return { u, v };
}

/** The masked G: first-layer edge t kept iff keep1[t], second-layer edge (r, t) iff keep2[r][t]. */
export function maskNetwork(
  u: readonly Rational[],
  v: readonly (readonly Rational[])[],
  keep1: readonly boolean[],
  keep2: readonly (readonly boolean[])[],
): Network {
  return {
    layers: [
      u.map((x, t) => [keep1[t] ? x : Rational.ZERO]),
      v.map((row, r) => row.map((x, t) => ((keep2[r] as readonly boolean[])[t] ? x : Rational.ZERO))),
    ],
  };
}

/** sup_{|x| <= 1} ||net(x) - w x||_2^2 = max over x = +-1 (positive homogeneity), exactly. */
export function supSquared(net: Network, w: readonly Rational[]): Rational {
  let best = Rational.ZERO;
  for (const x of [Rational.ONE, Rational.MINUS_ONE]) {
    const y = forward(net, [x]);
    const s = Rational.sum(
      y.map((yr, r) => {
        const d = yr.sub((w[r] as Rational).mul(x));
        return d.mul(d);
      }),
    );
    best = Rational.max(best, s);
  }
  return best;
}

/** Bits of an integer mask as booleans. */
export function bits(mask: number, count: number): boolean[] {
  return Array.from({ length: count }, (_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
}

/**
 * Brute force over the effective masks: every family (T_r) of unit subsets, realised by keeping
 * the input edges of the union and the edges (r, t), t in T_r; evaluated by the forward pass.
 */
export function bruteEffective(
  u: readonly Rational[],
  v: readonly (readonly Rational[])[],
  w: readonly Rational[],
): Rational {
  const K = u.length;
  const R = v.length;
  let best: Rational | undefined;
  for (let m = 0; m < 2 ** (K * R); m++) {
    const b = bits(m, K * R);
    const keep2 = Array.from({ length: R }, (_, r) => b.slice(r * K, (r + 1) * K));
    const keep1 = Array.from({ length: K }, (_, t) => keep2.some((row) => row[t] === true));
    const s = supSquared(maskNetwork(u, v, keep1, keep2), w);
    if (best === undefined || s.lt(best)) best = s;
  }
  return best as Rational;
}

/** Brute force over every raw mask: all 2^(K + R K) subsets of first- and second-layer edges. */
export function bruteRaw(
  u: readonly Rational[],
  v: readonly (readonly Rational[])[],
  w: readonly Rational[],
): Rational {
  const K = u.length;
  const R = v.length;
  let best: Rational | undefined;
  for (let m = 0; m < 2 ** (K + K * R); m++) {
    const b = bits(m, K + K * R);
    const keep1 = b.slice(0, K);
    const keep2 = Array.from({ length: R }, (_, r) => b.slice(K + r * K, K + (r + 1) * K));
    const s = supSquared(maskNetwork(u, v, keep1, keep2), w);
    if (best === undefined || s.lt(best)) best = s;
  }
  return best as Rational;
}

export { runCli, type Run } from '../_support/cli.js';
