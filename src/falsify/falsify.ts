/**
 * The falsification driver: fast-check searches targets and G seeds for a trial in which a claim
 * fails, shrinks the failure to a minimal one, and returns it as a replayable counterexample.
 */
import fc from 'fast-check';
import type { Network } from '../network/network.js';
import { PLACEHOLDER_TARGET } from './claims.js';
import { type Claim, type ClaimParams, type Outcome } from './claim-types.js';
import { gSeedArbitrary, targetArbitrary, type TargetArbOptions } from './arbitraries.js';

/** Options of a falsification run. */
/**
 * The 32-bit fast-check seed of a seed string: the integer itself for a decimal integer in the
 * int32 range (so `--seed 1` means fast-check seed 1), else a stable FNV-1a hash of the string.
 *
 * @example
 * ```ts
 * fastCheckSeed('1'); // 1
 * fastCheckSeed('nightly-run'); // a fixed int32
 * ```
 */
export function fastCheckSeed(seed: string): number {
  if (/^-?\d{1,10}$/.test(seed)) {
    const n = Number(seed);
    if (n >= -(2 ** 31) && n < 2 ** 31) return n;
  }
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(seed)) h = Math.imul(h ^ b, 0x01000193);
  return h | 0;
}

export interface FalsifyOptions {
  /** Number of (target, seed) cases to try. */
  readonly runs: number;
  /** fast-check's seed, printed so the run can be reproduced. */
  readonly fcSeed: number;
  /**
   * A fixed target (then only G seeds vary); otherwise targets come from `targetOptions`, except
   * for target-free claims, which always use {@link PLACEHOLDER_TARGET}.
   */
  readonly target?: Network;
  readonly targetOptions?: TargetArbOptions;
  /** Called after every trial (progress). */
  readonly onTrial?: (n: number) => void;
}

/** A shrunk counterexample. */
export interface Counterexample {
  readonly target: Network;
  readonly seed: string;
  readonly outcome: Outcome;
  /** Trials before the first failure, and shrink steps. */
  readonly numRuns: number;
  readonly numShrinks: number;
}

/** Result of a run: no counterexample in `runs` cases, or the shrunk counterexample. */
export interface FalsifyResult {
  readonly claim: string;
  readonly runs: number;
  readonly fcSeed: number;
  readonly counterexample: Counterexample | null;
  /** Trials run, shrinking included. */
  readonly trials: number;
  /** Cases skipped because the claim does not apply to the generated target. */
  readonly skipped: number;
}

/**
 * Searches for a counterexample to `claim` with parameters `params`.
 *
 * @example
 * ```ts
 * const r = falsify(claimById('pair'), { eps, delta, widthScale: Rational.parse('1e-3') }, { runs: 50, fcSeed: 1 });
 * r.counterexample?.outcome.reason; // 'no gadget for target weight (layer 1, row 0, col 0) ...'
 * ```
 */
export function falsify(claim: Claim, params: ClaimParams, opts: FalsifyOptions): FalsifyResult {
  const fixed = opts.target ?? (claim.targetFree === true ? PLACEHOLDER_TARGET : undefined);
  const targets: fc.Arbitrary<Network> = fixed ? fc.constant(fixed) : targetArbitrary(opts.targetOptions);
  let trials = 0;
  let skipped = 0;
  const prop = fc.property(targets, gSeedArbitrary(), (target, seed) => {
    if (claim.applies(target) !== null) {
      skipped += 1;
      fc.pre(false);
    }
    trials += 1;
    opts.onTrial?.(trials);
    return claim.trial(target, seed, params).status === 'success';
  });
  const details = fc.check(prop, { numRuns: opts.runs, seed: opts.fcSeed, endOnFailure: false });
  if (!details.failed || details.counterexample === null) {
    return { claim: claim.id, runs: opts.runs, fcSeed: opts.fcSeed, counterexample: null, trials, skipped };
  }
  const [target, seed] = details.counterexample;
  const outcome = claim.trial(target, seed, params);
  return {
    claim: claim.id,
    runs: opts.runs,
    fcSeed: opts.fcSeed,
    counterexample: { target, seed, outcome, numRuns: details.numRuns, numShrinks: details.numShrinks },
    trials,
    skipped,
  };
}
