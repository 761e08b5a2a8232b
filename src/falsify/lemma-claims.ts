/**
 * The registry of lemma claims: probabilistic statements about i.i.d. U[-1, 1] samples (no target
 * network), made falsifiable with the same Claim interface as the constructions. The target
 * argument of every method is ignored (`applies` returns null for any target) and the claims are
 * marked `targetFree`, so a falsification run holds the target fixed and searches G seeds only.
 * The claims: `covering` (covering-claim.ts) and `subset-sum` / `subset-sum@<C>`
 * (subset-sum-claim.ts).
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Claim } from './claim-types.js';
import { coveringClaim } from './covering-claim.js';
import { LUEKER_C, SUBSET_SUM_ID, subsetSumClaim, subsetSumClaimWithId } from './subset-sum-claim.js';

/**
 * Resolves a parametrised lemma claim id: `subset-sum@<C>` with C a decimal (e.g.
 * `subset-sum@3.5`) or a fraction p/q written `p_q` (e.g. `subset-sum@19_7`), or undefined for
 * any other id. Used by `claimById`, so
 * `slth falsify --claim subset-sum@3.5` and the counterexample database carry the user's C.
 *
 * @example
 * ```ts
 * lemmaClaimById('subset-sum@3.5')?.statedPool(anyTarget, params); // with C = 7/2
 * ```
 */
export function lemmaClaimById(id: string): Claim | undefined {
  const m = SUBSET_SUM_ID.exec(id);
  if (!m) return undefined;
  const C = m[1] !== undefined ? Rational.parse(m[1]) : Rational.of(BigInt(m[2] as string), BigInt(m[3] as string));
  if (C.sign() <= 0) throw new InputError(`C must be > 0 in '${id}'`);
  return subsetSumClaimWithId(C, id);
}

/**
 * The lemma claims registered in `CLAIMS`: `covering` and `subset-sum` (C = {@link LUEKER_C}).
 *
 * @example
 * ```ts
 * LEMMA_CLAIMS.map((c) => c.id); // ['covering', 'subset-sum']
 * ```
 */
export const LEMMA_CLAIMS: readonly Claim[] = [coveringClaim, subsetSumClaim(LUEKER_C)];
