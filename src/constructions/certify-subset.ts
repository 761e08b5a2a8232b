/**
 * Construction D (subset sums, docs/MATH.md §4.5) from a target to its whole `slth-certificate/2`
 * text, in memory: the stated width (or a scaled or given pool), the run on one thread, and the
 * certificate's header and gadget lines. For claims, the audit and library users with small
 * targets; `slth construct --construction subset` streams large certificates to a file instead,
 * with the same header ({@link subsetHeader}). `subsetSubnetwork(out.spec, out.result.gadgets)` is
 * the subnetwork when `keepGadgets` is set.
 */
import { InputError } from '../errors.js';
import type { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { networkToJson } from '../network/json.js';
import { checkSeed } from '../random/scheme.js';
import { CERTIFICATE_FORMAT_2, type HeaderV2 } from '../certificate/format2.js';
import { randomDoc } from '../certificate/format.js';
import { gWidthsFor, scalePools, statedWidth, type StatedWidth } from '../theory/stated-width.js';
import { constructSubsetHere, type SubsetResult, type SubsetSpec } from './subset-construct.js';
import { quickH } from '../network/uniform.js';

/** Inputs of {@link certifySubset}. */
export interface SubsetCertifyInput {
  readonly target: Network;
  readonly seed: string;
  readonly eps: Rational;
  readonly delta: Rational;
  /** The pool formula's constant C_D (default: the calibrated one). */
  readonly luekerC?: Rational;
  /** Multiply every stated pool by this factor (rounded up, at least 1). */
  readonly widthScale?: Rational;
  /** Use this pool for every layer. */
  readonly pool?: bigint;
  readonly version?: string;
  readonly command?: string;
  /** Keep the structured gadgets in the result (for the subnetwork and its true error). */
  readonly keepGadgets?: boolean;
}

/** What {@link certifySubset} returns. */
export interface SubsetCertifyOutput {
  readonly stated: StatedWidth;
  /** The run's seed, tolerance and pools (for `subsetSubnetwork`). */
  readonly spec: SubsetSpec;
  readonly pool: bigint[];
  readonly result: SubsetResult;
  /** The whole certificate (JSON Lines, each line ended by a newline). */
  readonly text: string;
}

/** What a subset certificate's header records besides the run's result. */
export interface SubsetHeaderContext {
  readonly target: Network;
  readonly seed: string;
  readonly pool: readonly bigint[];
  readonly eps: Rational;
  /** null in the custom mode (a given eta and pool). */
  readonly delta: Rational | null;
  readonly eta: Rational;
  readonly width: 'stated' | 'custom';
  readonly hypothesis: 'H' | 'none';
  /** The pool formula's constant and whether it is slth's calibrated one; null for a given pool. */
  readonly calibration: { readonly luekerC: Rational; readonly calibrated: boolean } | null;
  readonly version: string;
  readonly command: string;
}

/**
 * The header (line 1) of a `slth-certificate/2` file for a finished run.
 *
 * @example
 * ```ts
 * JSON.stringify(subsetHeader(ctx, result)); // '{"format":"slth-certificate/2",...}'
 * ```
 */
export function subsetHeader(ctx: SubsetHeaderContext, result: SubsetResult): HeaderV2 {
  const ws = networkWidths(ctx.target);
  return {
    format: CERTIFICATE_FORMAT_2,
    construction: 'subset',
    target: networkToJson(ctx.target),
    random: randomDoc(ctx.seed, ctx.pool, gWidthsFor('subset', ws, ctx.pool)),
    eps: ctx.eps.toString(),
    delta: ctx.delta === null ? null : ctx.delta.toString(),
    eta: ctx.eta.toString(),
    width: ctx.width,
    hypothesis: ctx.hypothesis,
    calibration:
      ctx.calibration === null
        ? null
        : { luekerC: ctx.calibration.luekerC.toString(), calibrated: ctx.calibration.calibrated },
    bound: {
      perLayer: result.perLayer.map((b) => ({ layer: b.layer, a: b.a.toString(), s: b.s.toString() })),
      total: result.total.toString(),
    },
    activeWeights: result.activeWeights,
    depth: 2 * ctx.target.layers.length,
    gadgets: result.weights,
    provenance: { slth: ctx.version, command: ctx.command },
  };
}

/**
 * Runs construction D on one thread and returns its certificate text (targets satisfying H).
 *
 * @example
 * ```ts
 * const out = certifySubset({ target, seed: 's', eps: Rational.parse('0.1'), delta: Rational.parse('1e-6') });
 * checkSubsetCertificate([out.text]).verdict; // 'ACCEPT'
 * ```
 */
export function certifySubset(input: SubsetCertifyInput): SubsetCertifyOutput {
  const seed = checkSeed(input.seed);
  if (input.widthScale !== undefined && input.pool !== undefined)
    throw new InputError('give at most one of widthScale and pool', { params: ['widthScale', 'pool'] });
  const ws = networkWidths(input.target);
  const h = quickH(input.target);
  if (!h.holds) throw new InputError(`the target violates hypothesis H (${h.how})`);
  const stated = statedWidth({
    widths: ws,
    eps: input.eps,
    delta: input.delta,
    construction: 'subset',
    ...(input.luekerC === undefined ? {} : { luekerC: input.luekerC }),
  });
  let pool = [...stated.pool];
  if (input.widthScale !== undefined) pool = scalePools(stated.pool, input.widthScale);
  if (input.pool !== undefined) {
    if (input.pool < 1n) throw new InputError(`pool size must be >= 1, got ${input.pool}`, { params: ['pool'] });
    pool = pool.map(() => input.pool as bigint);
  }
  const lines: string[] = [];
  const spec: SubsetSpec = { seed, target: input.target, eta: stated.eta, pool: pool.map(Number) };
  const result = constructSubsetHere(spec, {
    sink: (text) => void lines.push(text),
    keepGadgets: input.keepGadgets ?? false,
  });
  const atStated = pool.every((k, i) => k === stated.pool[i]);
  const header = subsetHeader(
    {
      target: input.target,
      seed,
      pool,
      eps: input.eps,
      delta: input.delta,
      eta: stated.eta,
      width: atStated ? 'stated' : 'custom',
      hypothesis: 'H',
      calibration:
        input.pool === undefined && stated.luekerC
          ? { luekerC: stated.luekerC, calibrated: input.luekerC === undefined }
          : null,
      version: input.version ?? 'library',
      command: input.command ?? 'library call',
    },
    result,
  );
  return { stated, spec, pool, result, text: `${JSON.stringify(header)}\n${lines.join('')}` };
}
