/**
 * The subnetwork G~ = M (.) G of a certificate as a plain network of depth 2l: only the kept units
 * appear (every pruned unit contributes nothing), G layer 2i-1 holds each kept unit's input weight
 * from its column, G layer 2i its output weights. Used for exact evaluation and sup-error
 * computations; it trusts the document's weights (the kernel is what checks them against G).
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { parseNetwork } from '../network/json.js';
import type { CertificateDoc } from './format.js';

/** The kept weights of one gadget, as the subnetwork builder needs them. */
export interface KeptGadget {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly plus: { readonly unit: number; readonly u: Rational; readonly v: Rational };
  readonly minus: { readonly unit: number; readonly u: Rational; readonly v: Rational };
}

/**
 * Builds G~ from target widths and kept gadgets (units shared between gadgets become one unit).
 *
 * @example
 * ```ts
 * const sub = subnetwork([1, 1], gadgets); // 2 layers: 1 -> (kept units) -> 1
 * ```
 */
export function subnetwork(widths: readonly number[], gadgets: readonly KeptGadget[]): Network {
  for (const g of gadgets) {
    const ok =
      g.layer >= 1 &&
      g.layer < widths.length &&
      g.row >= 0 &&
      g.row < (widths[g.layer] as number) &&
      g.col >= 0 &&
      g.col < (widths[g.layer - 1] as number);
    if (!ok) throw new InputError(`gadget (layer ${g.layer}, row ${g.row}, col ${g.col}) addresses no target weight`);
  }
  const layers: Rational[][][] = [];
  for (let i = 1; i < widths.length; i++) {
    const nIn = widths[i - 1] as number;
    const nOut = widths[i] as number;
    const mine = gadgets.filter((g) => g.layer === i);
    const units = new Map<number, { col: number; u: Rational }>();
    for (const g of mine) {
      for (const s of [g.plus, g.minus]) {
        const prev = units.get(s.unit);
        if (prev && (prev.col !== g.col || !prev.u.eq(s.u)))
          throw new InputError(`unit ${s.unit} of G layer ${2 * i - 1} is used inconsistently`);
        units.set(s.unit, { col: g.col, u: s.u });
      }
    }
    const order = [...units.keys()].sort((a, b) => a - b);
    const index = new Map(order.map((u, h) => [u, h]));
    const first = order.map((unit) => {
      const row = Array.from({ length: nIn }, () => Rational.ZERO);
      const info = units.get(unit) as { col: number; u: Rational };
      row[info.col] = info.u;
      return row;
    });
    const second = Array.from({ length: nOut }, () => Array.from({ length: order.length }, () => Rational.ZERO));
    for (const g of mine) {
      for (const s of [g.plus, g.minus]) (second[g.row] as Rational[])[index.get(s.unit) as number] = s.v;
    }
    layers.push(first, second);
  }
  return { layers };
}

/**
 * The subnetwork and the target of a certificate document.
 *
 * @example
 * ```ts
 * const { target, sub } = certificateNetworks(JSON.parse(text));
 * ```
 */
export function certificateNetworks(doc: CertificateDoc): { target: Network; sub: Network } {
  const target = parseNetwork(doc.target, 'certificate target');
  const widths = [target.layers[0]?.[0]?.length ?? 0, ...target.layers.map((m) => m.length)];
  const side = (s: { unit: number; u: string; v: string }): KeptGadget['plus'] => ({
    unit: s.unit,
    u: Rational.parse(s.u),
    v: Rational.parse(s.v),
  });
  const gadgets = doc.gadgets.map((g) => ({
    layer: g.layer,
    row: g.row,
    col: g.col,
    plus: side(g.plus),
    minus: side(g.minus),
  }));
  return { target, sub: subnetwork(widths, gadgets) };
}
