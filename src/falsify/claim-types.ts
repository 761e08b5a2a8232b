/**
 * The shape of a falsifiable claim and of one trial's outcome, shared by the construction claims
 * (claims.ts) and the lemma claims (lemma-claims.ts). A claim has an id, a statement, the
 * hypotheses it needs, its stated width, and a predicate on one trial (a target and a seed of G)
 * that says success, failure or inconclusive (inconclusive counts as failure in statistics).
 */
import type { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';

/** Parameters of a claim test. */
export interface ClaimParams {
  readonly eps: Rational;
  readonly delta: Rational;
  /** Scale the stated pool sizes by this factor. */
  readonly widthScale?: Rational;
  /** Use this pool size for every layer instead. */
  readonly pool?: bigint;
}

/** The outcome of one trial. */
export interface Outcome {
  readonly status: 'success' | 'failure' | 'inconclusive';
  /** One line: what happened. */
  readonly reason: string;
  /** The target weight whose gadget was not found, when that is the failure. */
  readonly location?: { layer: number; row: number; col: number; side: string };
  /** Pool sizes used. */
  readonly pool: string[];
  /** Exact figures (bound, minimal error, ...), as strings. */
  readonly figures?: Record<string, string>;
}

/** A falsifiable claim. */
export interface Claim {
  readonly id: string;
  readonly statement: string;
  /**
   * True when trials ignore the target (lemma claims about i.i.d. samples): falsification then
   * holds the target fixed at PLACEHOLDER_TARGET (claims.ts) and searches G seeds only.
   */
  readonly targetFree?: boolean;
  /** Why the claim does not apply to this target, or null when it does. */
  applies(target: Network): string | null;
  /** The stated pool sizes for a target. */
  statedPool(target: Network, p: ClaimParams): bigint[];
  /** Runs one trial. */
  trial(target: Network, seed: string, p: ClaimParams): Outcome;
  /** A command line that replays one trial (the target as stored in `targetFile`). */
  replayCommand(targetFile: string, seed: string, p: ClaimParams, target: Network): string;
}
