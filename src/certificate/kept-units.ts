/**
 * The kept hidden units of a certificate, per target layer, in the order the subnetwork uses
 * them: row h of the subnetwork's layer 2i-1 (and column h of its layer 2i) is unit
 * `keptUnits(doc)[i-1][h]` of G layer 2i-1 (equivalently column of G layer 2i). The units are
 * those of the gadgets' `plus` and `minus` sides, each once, in increasing order, as
 * `subnetwork` (subnetwork.ts) arranges them. Every other index of the subnetwork is a full range: the
 * columns of layer 2i-1 are the n_{i-1} inputs and the rows of layer 2i the n_i outputs, all kept.
 */
import type { CertificateDoc } from './format.js';

/**
 * The sorted kept units of G layer 2i-1, for i = 1..l.
 *
 * @example
 * ```ts
 * keptUnits(cert); // [[17, 905], [3, 40, 41, 7000]] for a two-layer target
 * ```
 */
export function keptUnits(doc: CertificateDoc): number[][] {
  const l = doc.target.layers.length;
  const sets = Array.from({ length: l }, () => new Set<number>());
  for (const g of doc.gadgets) {
    const set = sets[g.layer - 1];
    if (set === undefined) continue; // subnetwork() refuses such a gadget
    set.add(g.plus.unit);
    set.add(g.minus.unit);
  }
  return sets.map((s) => [...s].sort((a, b) => a - b));
}
