/**
 * One call from a target to a certificate: stated width, optional rescaling of the pools, the
 * construction run, and the certificate document when every gadget was found.
 */
import { InputError } from '../errors.js';
import type { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import type { CertificateDoc } from '../certificate/format.js';
import { buildCertificate } from './certificate.js';
import { construct, type ConstructResult } from './construct.js';
import type { Rule } from './rules.js';
import {
  gWidthsFor,
  isGadgetConstruction,
  scalePools,
  statedWidth,
  type ConstructionName,
  type StatedWidth,
} from './width.js';

/** Inputs of {@link certify}. */
export interface CertifyInput {
  readonly target: Network;
  readonly seed: string;
  readonly eps: Rational;
  readonly delta: Rational;
  readonly construction: ConstructionName;
  /** Target satisfies H' (product construction then uses the H' width). */
  readonly hprime?: boolean;
  /** Multiply every stated pool size by this factor (rounded up, at least 1). */
  readonly widthScale?: Rational;
  /** Use this pool size for every layer. */
  readonly pool?: bigint;
  readonly version?: string;
  readonly command?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** @internal Negative controls: replace the qualifying rule or the tolerance. */
  readonly _rule?: Rule;
  readonly _eta?: Rational;
}

/** What {@link certify} returns. */
export interface CertifyOutput {
  readonly stated: StatedWidth;
  readonly pool: bigint[];
  readonly gWidths: bigint[];
  readonly result: ConstructResult;
  readonly certificate: CertificateDoc | null;
}

/**
 * Runs a construction from a target to its certificate.
 *
 * @example
 * ```ts
 * const out = certify({ target, seed: 's', eps: Rational.parse('0.1'), delta: Rational.parse('1e-9'), construction: 'pair' });
 * out.certificate; // null if a gadget was missing
 * ```
 */
export function certify(input: CertifyInput): CertifyOutput {
  const construction = input.construction;
  if (!isGadgetConstruction(construction))
    throw new InputError('the subset construction has its own runner (constructSubset) and writes slth-certificate/2');
  const ws = networkWidths(input.target);
  const stated = statedWidth({
    widths: ws,
    eps: input.eps,
    delta: input.delta,
    construction: input.construction,
    hprime: input.hprime === true,
  });
  if (input.widthScale !== undefined && input.pool !== undefined)
    throw new InputError('give at most one of --width-scale and --pool');
  let pool = [...stated.pool];
  if (input.widthScale !== undefined) pool = scalePools(stated.pool, input.widthScale);
  if (input.pool !== undefined) {
    if (input.pool < 1n) throw new InputError(`pool size must be >= 1, got ${input.pool}`);
    pool = pool.map(() => input.pool as bigint);
  }
  const eta = input._eta ?? stated.eta;
  const result = construct({
    construction: input.construction,
    target: input.target,
    seed: input.seed,
    eta,
    pool,
    onProgress: input.onProgress,
    _rule: input._rule,
  });
  const gWidths = gWidthsFor(input.construction, ws, pool);
  const certificate = result.ok
    ? buildCertificate(
        {
          construction,
          target: input.target,
          seed: input.seed,
          pool,
          gWidths,
          eps: input.eps,
          delta: input.delta,
          eta,
          hypothesis: stated.hypothesis,
          version: input.version ?? 'library',
          command: input.command ?? 'library call',
        },
        result,
      )
    : null;
  return { stated, pool, gWidths, result, certificate };
}
