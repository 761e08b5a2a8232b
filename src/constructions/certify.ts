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
import { construct, constructParallel, type ConstructOptions, type ConstructResult } from './construct.js';
import type { Rule } from './rules.js';
import { gWidthsFor, scalePools, statedWidth, type StatedWidth } from '../theory/stated-width.js';
import { isGadgetConstruction, type ConstructionName, type GadgetConstruction } from '../theory/construction-name.js';

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

/** The stated width, the pools and the tolerance of a run. */
interface Plan {
  readonly construction: GadgetConstruction;
  readonly stated: StatedWidth;
  readonly pool: bigint[];
  readonly eta: Rational;
  readonly ws: number[];
}

function plan(input: CertifyInput): Plan {
  const construction = input.construction;
  if (!isGadgetConstruction(construction))
    throw new InputError('the subset construction has its own runner (constructSubset) and writes slth-certificate/2');
  const ws = networkWidths(input.target);
  const stated = statedWidth({
    widths: ws,
    eps: input.eps,
    delta: input.delta,
    construction,
    hprime: input.hprime === true,
  });
  if (input.widthScale !== undefined && input.pool !== undefined)
    throw new InputError('give at most one of widthScale and pool', { params: ['widthScale', 'pool'] });
  let pool = [...stated.pool];
  if (input.widthScale !== undefined) pool = scalePools(stated.pool, input.widthScale);
  if (input.pool !== undefined) {
    if (input.pool < 1n) throw new InputError(`pool size must be >= 1, got ${input.pool}`);
    pool = pool.map(() => input.pool as bigint);
  }
  return { construction, stated, pool, eta: input._eta ?? stated.eta, ws };
}

function options(input: CertifyInput, p: Plan): ConstructOptions {
  return {
    construction: p.construction,
    target: input.target,
    seed: input.seed,
    eta: p.eta,
    pool: p.pool,
    onProgress: input.onProgress,
    _rule: input._rule,
  };
}

function output(input: CertifyInput, p: Plan, result: ConstructResult): CertifyOutput {
  const gWidths = gWidthsFor(p.construction, p.ws, p.pool);
  const certificate = result.ok
    ? buildCertificate(
        {
          construction: p.construction,
          target: input.target,
          seed: input.seed,
          pool: p.pool,
          gWidths,
          eps: input.eps,
          delta: input.delta,
          eta: p.eta,
          hypothesis: p.stated.hypothesis,
          version: input.version ?? 'library',
          command: input.command ?? 'library call',
        },
        result,
      )
    : null;
  return { stated: p.stated, pool: p.pool, gWidths, result, certificate };
}

/**
 * Runs a construction from a target to its certificate, in this thread.
 *
 * @example
 * ```ts
 * const out = certify({ target, seed: 's', eps: Rational.parse('0.1'), delta: Rational.parse('1e-9'), construction: 'pair' });
 * out.certificate; // null if a gadget was missing
 * ```
 */
export function certify(input: CertifyInput): CertifyOutput {
  const p = plan(input);
  return output(input, p, construct(options(input, p)));
}

/**
 * {@link certify} with the pools spread over `threads` worker threads; the output is identical.
 *
 * @example
 * ```ts
 * const out = await certifyParallel({ target, seed: 's', eps, delta, construction: 'pair' }, 2);
 * ```
 */
export async function certifyParallel(input: CertifyInput, threads: number): Promise<CertifyOutput> {
  const p = plan(input);
  return output(input, p, await constructParallel(options(input, p), threads));
}
