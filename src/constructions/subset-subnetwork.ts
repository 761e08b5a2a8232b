/**
 * The subnetwork G~ of a construction D run, materialised with only its kept units (for exact
 * evaluation and sup-error computations on small targets). Weights are re-read from G: unit
 * j k_i + t of G layer 2i-1 keeps its edge from input j (u = G[2i-1][j k_i + t][j]) and, for every
 * gadget (r, j) that uses it, its edge to output r (v = G[2i][r][j k_i + t]).
 */
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { Cursor } from '../random/scheme.js';
import type { SubsetGadget, SubsetSpec } from './subset-construct.js';

/**
 * G~ for a spec and its structured gadgets: depth 2l, G layer 2i-1 holding the kept units of
 * layer i in increasing unit order.
 *
 * @example
 * ```ts
 * const res = constructSubsetHere(spec, { keepGadgets: true });
 * const sub = subsetSubnetwork(spec, res.gadgets ?? []);
 * forward(sub, [Rational.ONE]); // within the Lemma 4 bound of the target's output
 * ```
 */
export function subsetSubnetwork(
  spec: Pick<SubsetSpec, 'seed' | 'target' | 'pool'>,
  gadgets: readonly Pick<SubsetGadget, 'layer' | 'row' | 'col' | 'plus' | 'minus'>[],
): Network {
  const ws = networkWidths(spec.target);
  const layers: Rational[][][] = [];
  for (let i = 1; i < ws.length; i++) {
    const nIn = ws[i - 1] as number;
    const nOut = ws[i] as number;
    const k = spec.pool[i - 1] as number;
    const mine = gadgets.filter((g) => g.layer === i);
    const units = new Set<number>();
    for (const g of mine) for (const t of [...g.plus, ...g.minus]) units.add(g.col * k + t);
    const order = [...units].sort((a, b) => a - b);
    const index = new Map(order.map((unit, h) => [unit, h]));
    const first = order.map((unit) => {
      const j = Math.floor(unit / k);
      const row = Array.from({ length: nIn }, () => Rational.ZERO);
      row[j] = Rational.fromFloat(new Cursor(spec.seed, 2 * i - 1, j, unit).next());
      return row;
    });
    const second = Array.from({ length: nOut }, () => Array.from({ length: order.length }, () => Rational.ZERO));
    for (const g of mine) {
      for (const t of [...g.plus, ...g.minus]) {
        const unit = g.col * k + t;
        (second[g.row] as Rational[])[index.get(unit) as number] = Rational.fromFloat(
          new Cursor(spec.seed, 2 * i, g.row, unit).next(),
        );
      }
    }
    layers.push(first, second);
  }
  return { layers };
}
