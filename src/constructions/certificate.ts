/**
 * Assembles a `slth-certificate/1` document from a successful construction run. Its `width` label
 * is "stated" when eta and every pool are the stated ones for (target, eps, delta, construction,
 * hypothesis), and "custom" otherwise (a `--pool`, a `--width-scale` or a tolerance of its own that
 * changed them); the kernel checks a "stated" label.
 */
import { CERTIFICATE_FORMAT, randomDoc, type CertificateDoc } from '../certificate/format.js';
import type { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { networkToJson } from '../network/json.js';
import type { ConstructResult } from './construct.js';
import type { GadgetConstruction } from '../theory/construction-name.js';
import { statedWidth } from '../theory/stated-width.js';
import { widths as networkWidths } from '../network/network.js';

/** Everything a certificate records besides the run's result. */
export interface CertificateContext {
  readonly construction: GadgetConstruction;
  readonly target: Network;
  readonly seed: string;
  readonly pool: readonly bigint[];
  readonly gWidths: readonly bigint[];
  readonly eps: Rational;
  readonly delta: Rational;
  readonly eta: Rational;
  readonly hypothesis: 'H' | "H'";
  readonly version: string;
  readonly command: string;
}

/**
 * The certificate of a successful run (throws if the run missed a gadget).
 *
 * @example
 * ```ts
 * const doc = buildCertificate(ctx, result); // JSON-ready, exact strings
 * ```
 */
export function buildCertificate(ctx: CertificateContext, result: ConstructResult): CertificateDoc {
  if (!result.ok) throw new Error('cannot certify a run that missed gadgets');
  const stated = statedWidth({
    widths: networkWidths(ctx.target),
    eps: ctx.eps,
    delta: ctx.delta,
    construction: ctx.construction,
    hprime: ctx.hypothesis === "H'",
  });
  const atStated = stated.eta.eq(ctx.eta) && stated.pool.every((k, i) => k === ctx.pool[i]);
  return {
    format: CERTIFICATE_FORMAT,
    construction: ctx.construction,
    width: atStated ? 'stated' : 'custom',
    target: networkToJson(ctx.target),
    random: randomDoc(ctx.seed, ctx.pool, ctx.gWidths),
    eps: ctx.eps.toString(),
    delta: ctx.delta.toString(),
    eta: ctx.eta.toString(),
    hypothesis: ctx.hypothesis,
    gadgets: result.gadgets.map((g) => ({
      layer: g.layer,
      row: g.row,
      col: g.col,
      plus: { unit: g.plus.unit, u: g.plus.u.toString(), v: g.plus.v.toString() },
      minus: { unit: g.minus.unit, u: g.minus.u.toString(), v: g.minus.v.toString() },
      error: g.error.toString(),
    })),
    bound: {
      perLayer: result.perLayer.map((b) => ({ layer: b.layer, a: b.a.toString(), s: b.s.toString() })),
      total: result.total.toString(),
    },
    activeWeights: result.activeWeights,
    depth: 2 * ctx.target.layers.length,
    provenance: { slth: ctx.version, command: ctx.command },
  };
}
