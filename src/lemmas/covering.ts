/**
 * Lemma 2 (eps0-covering of [-1, 1]; docs/MATH.md §5.2): the checker. Its parts live in
 * cover-decision.ts (a), cover-probability.ts (b, c), least-k.ts, cover-table.ts and
 * cover-sampling.ts.
 *
 * (a) A finite set S of reals eps0-covers [-1, 1] (every z in [-1, 1] is within eps0 of S) iff,
 *     with T = S cap [-1 - eps0, 1 + eps0] sorted, T is non-empty, min T <= -1 + eps0,
 *     max T >= 1 - eps0 and every gap between consecutive points of T is <= 2 eps0. For S inside
 *     [-1, 1], T = S. When S does not cover, an exact uncovered point is -1, 1 or the midpoint of
 *     a gap > 2 eps0. The decision is exact.
 * (b) For k i.i.d. U[-1, 1] points (the continuous law), the uniform-spacings inclusion-exclusion
 *     gives the exact coverage probability
 *       P_cover(k, eps0) = sum_{j=0..2} sum_{m=0..k-1} (-1)^{j+m} C(2,j) C(k-1,m) (1 - (j/2 + m) eps0)_+^k.
 *     For eps0 = p/q every term is (2q - (j + 2m) p)^k / (2q)^k, so the sum is one BigInt
 *     numerator over (2q)^k: P_cover is computed exactly for every k (only printing rounds, as a
 *     bracket of the exact value). In float64 the alternating sum cancels catastrophically.
 * (c) Bin bound: with M = ceil(2/eps0) bins, 1 - P_cover <= M (1 - 1/M)^k <= M e^{-k/M}. One fixed
 *     target w is hit with probability 1 - (1 - lambda(w)/2)^k, lambda(w) = |[w - eps0, w + eps0]
 *     cap [-1, 1]|; the post's pair (u ~ w and v ~ 1 within eta) has per-candidate probability
 *     (lambda(w)/2)(lambda_v/2) >= eta^2/4, so it needs ~ (4/eta^2) ln(1/delta) samples per weight
 *     where covering needs only ~ (2/eps0) ln(2/(eps0 delta)).
 */
import { InputError } from '../errors.js';
import type { Network } from '../network/network.js';
import { Rational } from '../numeric/rational.js';
import type { Quantity } from '../numeric/quantity.js';
import { exactQ, leQ, powQ, subQ } from '../numeric/quantity.js';
import type { LemmaResult } from './result.js';
import { FigureBook, checksVerdict } from './result.js';
import type { CoverDecider } from './cover-decision.js';
import { decideCover, distanceToSorted, sortRationals, verifyCoverDecision } from './cover-decision.js';
import {
  binBound,
  checkEps0,
  checkK,
  coverProbability,
  coverProbabilityFloat,
  fixedTargetSuccess,
  pairSuccess,
} from './cover-probability.js';
import { binomialAcceptance, empiricalCoverage } from './cover-sampling.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '2';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.2';

/** Lemma name. */
export const NAME = 'covering';

/** The statement checked. */
export const STATEMENT =
  'S eps0-covers [-1,1] iff min T <= -1+eps0, max T >= 1-eps0 and sorted gaps of T <= 2 eps0 ' +
  '(T = S cap [-1-eps0, 1+eps0]); P_cover(k,eps0) = sum_{j<=2} sum_{m<k} (-1)^{j+m} C(2,j) C(k-1,m) ' +
  '(1-(j/2+m)eps0)_+^k exactly; 1 - P_cover <= M(1-1/M)^k <= M e^{-k/M}, M = ceil(2/eps0)';

/** Options of {@link checkCovering}. */
export interface CoveringOptions {
  /** Target weight of the fixed-target and pair figures (default 1, the worst case). */
  readonly w?: Rational;
  /** Monte-Carlo trials for the sanity label (default 0: none). */
  readonly trials?: number;
  readonly seed?: string;
}

/**
 * Lemma 2 at (k, eps0): exact P_cover, the bin bounds, the fixed-target and pair probabilities,
 * and the checks 0 <= P_cover <= 1, 1 - P_cover <= M(1-1/M)^k <= M e^{-k/M} and
 * P_cover <= P(fixed target w is hit) (covering implies hitting w).
 *
 * @example
 * ```ts
 * checkCovering(2000, Rational.of(1, 100)).holds; // true
 * ```
 */
export function checkCovering(k: number, eps0: Rational, opts: CoveringOptions = {}): LemmaResult {
  checkK(k);
  checkEps0(eps0);
  if (eps0.gt(TWO))
    throw new InputError(
      `eps0 must be <= 2 (at a larger radius any point covers [-1, 1]), got ${eps0.toScientific(6)}`,
    );
  const w = opts.w ?? ONE;
  const P = coverProbability(k, eps0);
  const fail = subQ(exactQ(ONE), exactQ(P)).exact as Rational; // 1 - P without a gcd of huge numbers
  const bins = binBound(k, eps0);
  const fixed = fixedTargetSuccess(k, w, eps0);
  const pair = pairSuccess(k, w, eps0);
  const pairWorst = subQ(exactQ(ONE), powQ(ONE.sub(eps0.mul(eps0).div(Rational.of(4))), k));
  const inUnit = P.sign() >= 0 && P.le(ONE);
  const binOk = leQ(exactQ(fail), bins.bound);
  const expOk = leQ(bins.bound, bins.expBound);
  const fixedOk = leQ(exactQ(P), fixed);
  const checks: [string, boolean | undefined][] = [
    ['0 <= P_cover <= 1', inUnit],
    ['1 - P_cover <= M(1-1/M)^k', binOk],
    ['M(1-1/M)^k <= M e^{-k/M}', expOk],
    ['P_cover <= 1 - (1 - lambda(w)/2)^k', fixedOk],
  ];
  const verdict = checksVerdict(checks);
  const holds = verdict.holds;
  const book = new FigureBook()
    .count('k', 'k', k)
    .exact('eps0', 'eps0', eps0)
    .exact('pCover', 'P_cover(k, eps0)', P)
    .certified('pCoverDigits', 'P_cover (exact, 17 digits)', { lower: P, upper: P })
    .certified('failDigits', '1 - P_cover (exact, 17 digits)', { lower: fail, upper: fail })
    .count('bins', 'M', bins.M)
    .quantity('binBound', 'M (1-1/M)^k', bins.bound)
    .quantity('binExpBound', 'M e^{-k/M}', bins.expBound)
    .exact('w', 'w', w)
    .quantity('fixedTarget', 'fixed target 1-(1-lambda(w)/2)^k', fixed)
    .quantity('pairAtW', 'pair 1-(1-(lambda(w)/2)(eta/2))^k, eta=eps0', pair)
    .quantity('pairWorstCase', 'pair worst case 1-(1-eta^2/4)^k', pairWorst)
    .checkLines(verdict.figures);
  const floatEstimate = coverProbabilityFloat(k, eps0.toNumber());
  const notes = [
    'P_cover is exact: one BigInt numerator over (2q)^k for eps0 = p/q (continuous law); brackets only round the printing',
    `float64 evaluation of the same sum (estimate, not used): ${floatEstimate}`,
  ];
  if (opts.trials && opts.trials > 0) {
    const seed = opts.seed ?? 'covering';
    const mc = empiricalCoverage(k, eps0, opts.trials, seed);
    const acc = binomialAcceptance(mc.successes, mc.trials, exactQ(P), Rational.parse('1e-6'));
    book.line('Monte-Carlo coverage (sanity label)', `${mc.successes}/${mc.trials}`, (b) =>
      b
        .count('monteCarloSuccesses', 'Monte-Carlo coverage: successes', mc.successes)
        .count('monteCarloTrials', 'Monte-Carlo coverage: trials', mc.trials)
        .text('monteCarloSeed', 'Monte-Carlo coverage: seed', seed)
        .boolean('monteCarloConsistent', 'Monte-Carlo coverage: consistent with P_cover at level 1e-6', acc.accepted),
    );
    notes.push(
      `Monte-Carlo sanity label (seed ${seed}, G layer 1 columns 0..${mc.trials - 1}, grid law): ${acc.accepted ? 'consistent' : 'INCONSISTENT'} with P_cover at level 1e-6 (exact binomial test); never a verdict`,
    );
  }
  book.inNotes((b) => b.estimate('pCoverFloatEstimate', 'P_cover in float64 (estimate, not used)', floatEstimate));
  const { typed } = book;
  const figures = book.figures;
  const witness = verdict.witness;
  return {
    lemma: NAME,
    input: `k=${k}, eps0=${eps0.toString()}`,
    holds,
    statement: STATEMENT,
    exact: bins.expBound.exact !== undefined && fixed.exact !== undefined,
    figures,
    typed,
    checks: verdict.checks,
    ...(witness ? { witness } : {}),
    notes,
  };
}

/**
 * Lemma 2(a) on a given finite set: the exact decision, verified independently
 * ({@link verifyCoverDecision}); `holds` means the decision and its witness check out. `decide`
 * (default {@link decideCover}) is a parameter so that a broken decider can be shown to be caught.
 *
 * @example
 * ```ts
 * checkCoverSet([Rational.ZERO], Rational.ONE, 'S = {0}').figures['covers']; // 'yes'
 * ```
 */
export function checkCoverSet(
  points: readonly Rational[],
  eps0: Rational,
  input: string,
  decide: CoverDecider = decideCover,
): LemmaResult {
  checkEps0(eps0);
  const d = decide(points, eps0);
  const v = verifyCoverDecision(points, eps0, d);
  const book = new FigureBook()
    .count('points', 'points', points.length)
    .exact('eps0', 'eps0', eps0)
    .boolean('covers', 'covers', d.covers)
    .text('reason', 'reason', d.reason)
    .count('relevant', 'points within eps0 of [-1,1]', d.relevant)
    .exactOrNone('minT', 'min T', d.first)
    .exactOrNone('maxT', 'max T', d.last)
    .exactOrNone('maxGap', 'max gap of T', d.maxGap)
    .exact('twoEps0', '2 eps0', eps0.add(eps0));
  if (d.uncovered) {
    book.exact('uncovered', 'uncovered point', d.uncovered);
    if (points.length > 0)
      book.exact('uncoveredDistance', 'its distance to S', distanceToSorted(d.uncovered, sortRationals(points)));
  }
  const base = {
    lemma: NAME,
    input,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
    checks: [{ name: 'the decision and its witness verify independently', holds: v.ok }],
    notes: [v.reason],
  };
  return v.ok ? { ...base, holds: true } : { ...base, holds: false, witness: { reason: v.reason } };
}

/**
 * Lemma 2 on a target: every weight w is a fixed target; checks P_cover <= P(w is hit) at
 * k = 64, eps0 = 1/8 exactly, and that the distinct weights themselves are decided exactly
 * (by `decide`, default {@link decideCover}, through {@link checkCoverSet}).
 *
 * @example
 * ```ts
 * checkCoveringOnTarget(net, 'fixtures/targets/d1-single.json').holds; // true
 * ```
 */
export function checkCoveringOnTarget(net: Network, input: string, decide: CoverDecider = decideCover): LemmaResult {
  const k = 64;
  const eps0 = Rational.of(1, 8);
  const P = coverProbability(k, eps0);
  const weights = net.layers.flatMap((m) => m.flatMap((row) => [...row]));
  const inRange = weights.filter((w) => w.abs().le(ONE)); // the statement is about w in [-1, 1]
  let worst: { w: Rational; q: Quantity } | undefined;
  for (const w of inRange) {
    const q = fixedTargetSuccess(k, w, eps0);
    if (!worst || q.upper.lt(worst.q.upper)) worst = { w, q };
  }
  const ok = worst === undefined || leQ(exactQ(P), worst.q) === true;
  const set = checkCoverSet(weights, eps0, input, decide);
  const setCovers = set.typed.find((f) => f.id === 'covers');
  const book = new FigureBook().count('k', 'k', k).exact('eps0', 'eps0', eps0).exact('pCover', 'P_cover(k, eps0)', P);
  if (worst) book.quantity('leastHitProbability', 'least P(weight w is hit)', worst.q).exact('atW', 'at w', worst.w);
  else book.none('leastHitProbability', 'least P(weight w is hit)').none('atW', 'at w');
  book
    .boolean(
      'weightsCover',
      'target weights eps0-cover [-1,1]',
      setCovers?.value.kind === 'boolean' && setCovers.value.value,
      set.figures['covers'],
    )
    .count(
      'weightsOutside',
      'weights outside [-1, 1] (not fixed targets of the lemma)',
      weights.length - inRange.length,
    );
  const holds = ok && set.holds;
  return {
    lemma: NAME,
    input,
    holds,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
    checks: [
      { name: 'P_cover <= P(weight w is hit) for every weight w in [-1, 1]', holds: ok },
      ...set.checks.map((c) => ({ ...c, name: `target weights: ${c.name}` })),
    ],
    ...(holds ? {} : { witness: { w: worst?.w.toString() ?? '-' } }),
  };
}
