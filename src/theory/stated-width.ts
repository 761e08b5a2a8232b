/**
 * Stated widths of the three constructions, with explicit constants (derived in slth's docs, not
 * quoted from Malach et al.): the certified tolerance eta, the pool size k, the widths of every
 * G layer, parameter and active-weight counts, depth, and the union-bound failure probability.
 *
 * Notation: L = ln(1 + eps), S = sum_i sqrt(n_i n_{i-1}), N_w = sum_i n_i n_{i-1}.
 * - pair / shared: eta <= sqrt(1 + L/S) - 1 (so c(eta) = eta (2 + eta) <= L/S), and
 *   k = ceil((4 / eta^2) ln(2 N_w / delta)).
 * - product: eta <= L / S (c(eta) = eta), and per layer k_i = ceil(ln(2 N_w / delta) / p_min,i)
 *   with p_min,i a certified lower bound of the per-candidate success probability at the largest
 *   |w| the hypothesis allows (1 under H, 1/sqrt(n_{i-1}) under H').
 * - subset: eta <= L / S (c(eta) = eta), and k = ceil(C_D log2(2 N_w / min(eta, delta))) units per
 *   input coordinate with the calibrated (not proven) constant C_D (src/constructions/subset-width.ts);
 *   no failure probability is proven, so there is no union-bound figure.
 *
 * Every quantity is exact or a certified bound in the safe direction: eta and p_min from below,
 * ln(2 N_w / delta) and the failure probability from above.
 */
import { ceilDyadic, lnLower, lnUpper, powOneMinusUpper, sqrtUpper } from '../numeric/certified.js';
import { requirePositive } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';
import { productProbabilityLower } from './candidate-probability.js';
import type { ConstructionName } from './construction-name.js';
import { cOfEta, certifiedEta, layerWeights, sUpper } from './eta.js';
import { checkTheoremInputs } from './inputs.js';
import { subsetActiveWeightsUpper, subsetPool, SUBSET_LUEKER_C } from './subset-width.js';

/** Inputs of a stated-width computation. */
export interface WidthInput {
  /** Target widths n_0 = d, n_1, ..., n_l. */
  readonly widths: readonly number[];
  readonly eps: Rational;
  readonly delta: Rational;
  readonly construction: ConstructionName;
  /** Product construction only: use hypothesis H' (|w| <= 1/sqrt(n_{i-1})). */
  readonly hprime?: boolean;
  /** Subset construction only: the constant C_D (default the calibrated {@link SUBSET_LUEKER_C}). */
  readonly luekerC?: Rational;
}

/** The stated width and everything derived from it. Counts are BigInt (they can exceed 2^53). */
export interface StatedWidth {
  readonly construction: ConstructionName;
  readonly hypothesis: 'H' | "H'";
  readonly eps: Rational;
  readonly delta: Rational;
  /** Certified lower bound of ln(1 + eps). */
  readonly L: Rational;
  /** Certified upper bound of S = sum_i sqrt(n_i n_{i-1}). */
  readonly S: Rational;
  readonly weights: number;
  /** The certified tolerance (a dyadic never above the true root). */
  readonly eta: Rational;
  /** c(eta): the a-priori bound on every gadget's realised error. */
  readonly cEta: Rational;
  /** Pool size per target layer (pair and shared: the same k for every layer). */
  readonly pool: readonly bigint[];
  /** Per-candidate success probability lower bound used for the pool size, per layer (none for subset). */
  readonly pCandidate: readonly Rational[];
  /** G widths: d, m_1, n_1, m_2, n_2, ..., m_l, n_l. */
  readonly gWidths: readonly bigint[];
  readonly hiddenUnits: bigint;
  readonly gParameters: bigint;
  readonly targetParameters: number;
  /** Active weights of the subnetwork: exact for pair, an upper bound for shared, product and subset. */
  readonly activeWeights: number;
  readonly activeWeightsExact: boolean;
  readonly depth: number;
  /** Certified upper bound of the union-bound failure probability at this pool size (null: none applies). */
  readonly failureBound: Rational | null;
  /** Subset only: the constant C_D of the pool formula, calibrated empirically (not proven). */
  readonly luekerC?: Rational;
  /** Subset only: a certified upper bound of log2(2 N_w / min(eta, delta)). */
  readonly log2Term?: Rational;
}

/**
 * The stated width of a construction for a target shape, eps and delta.
 *
 * @example
 * ```ts
 * const w = statedWidth({ widths: [8, 8, 8, 1], eps: Rational.parse('0.1'), delta: Rational.parse('1e-9'), construction: 'pair' });
 * w.pool[0]; // about 1.65e7
 * ```
 */
export function statedWidth(input: WidthInput): StatedWidth {
  const { widths, eps, delta, construction } = input;
  checkTheoremInputs(widths, eps, delta);
  const hprime = construction === 'product' && input.hprime === true;
  const l = widths.length - 1;
  const perLayer = layerWeights(widths);
  const weights = perLayer.reduce((a, b) => a + b, 0);
  const L = lnLower(Rational.ONE.add(eps));
  const S = sUpper(widths);
  const eta = certifiedEta(construction, widths, eps);
  const cEta = cOfEta(construction, eta);
  if (construction === 'subset') {
    const luekerC = input.luekerC ?? SUBSET_LUEKER_C;
    const { k, log2Term } = subsetPool(weights, eta, delta, luekerC);
    const pool = perLayer.map(() => k);
    const gWidths = gWidthsFor(construction, widths, pool);
    const { hidden, gParams } = gCounts(gWidths);
    return {
      construction,
      hypothesis: 'H',
      eps,
      delta,
      L,
      S,
      weights,
      eta,
      cEta,
      pool,
      pCandidate: [],
      gWidths,
      hiddenUnits: hidden,
      gParameters: gParams,
      targetParameters: weights,
      activeWeights: subsetActiveWeightsUpper(widths, pool),
      activeWeightsExact: false,
      depth: 2 * l,
      failureBound: null,
      luekerC,
      log2Term,
    };
  }
  const logTerm = lnUpper(Rational.of(2 * weights).div(delta));
  let pCandidate: Rational[];
  if (construction === 'product') {
    pCandidate = widths.slice(0, -1).map((nIn) => {
      const wMax = hprime ? Rational.min(Rational.ONE, sqrtUpper(Rational.of(1, nIn))) : Rational.ONE;
      return productProbabilityLower(wMax, eta);
    });
  } else {
    // eta^2 / 4 per candidate, for every w in [-1, 1]
    const p = eta.mul(eta).div(Rational.of(4));
    pCandidate = perLayer.map(() => p);
  }
  const pool = pCandidate.map((p) => logTerm.div(p).ceil());
  const gWidths = gWidthsFor(construction, widths, pool);
  const { hidden, gParams } = gCounts(gWidths);
  let failureBound = Rational.ZERO;
  perLayer.forEach((count, i) => {
    const term = powOneMinusUpper(pCandidate[i] as Rational, pool[i] as bigint).mul(Rational.of(2 * count));
    failureBound = failureBound.add(term);
  });
  return {
    construction,
    hypothesis: hprime ? "H'" : 'H',
    eps,
    delta,
    L,
    S,
    weights,
    eta,
    cEta,
    pool,
    pCandidate,
    gWidths,
    hiddenUnits: hidden,
    gParameters: gParams,
    targetParameters: weights,
    activeWeights: 4 * weights,
    activeWeightsExact: construction === 'pair',
    depth: 2 * l,
    failureBound: ceilDyadic(failureBound, 200),
  };
}

/** Hidden units and parameters of G from its widths (d, m_1, n_1, ..., m_l, n_l). */
function gCounts(gWidths: readonly bigint[]): { hidden: bigint; gParams: bigint } {
  let hidden = 0n;
  let gParams = 0n;
  for (let i = 1; i + 1 < gWidths.length; i += 2) {
    const m = gWidths[i] as bigint;
    hidden += m;
    gParams += m * (gWidths[i - 1] as bigint) + (gWidths[i + 1] as bigint) * m;
  }
  return { hidden, gParams };
}

/**
 * Pool sizes scaled by a factor (at least 1 unit per pool): how undersized widths are explored.
 *
 * @example
 * ```ts
 * scalePools([1000n], Rational.parse('0.001')); // [1n]
 * ```
 */
export function scalePools(pool: readonly bigint[], factor: Rational): bigint[] {
  requirePositive(factor, 'widthScale');
  return pool.map((k) => {
    const s = Rational.of(k).mul(factor).ceil();
    return s < 1n ? 1n : s;
  });
}

/**
 * G widths (d, m_1, n_1, ..., m_l, n_l) of a construction at given pool sizes: m_i = k_i n_i n_{i-1}
 * for pair (private pools), k_i n_{i-1} for shared, product and subset.
 *
 * @example
 * ```ts
 * gWidthsFor('pair', [2, 3, 1], [10n, 10n]); // [2n, 60n, 3n, 30n, 1n]
 * ```
 */
export function gWidthsFor(
  construction: ConstructionName,
  widths: readonly number[],
  pool: readonly bigint[],
): bigint[] {
  const out: bigint[] = [BigInt(widths[0] as number)];
  for (let i = 1; i < widths.length; i++) {
    const nIn = BigInt(widths[i - 1] as number);
    const nOut = BigInt(widths[i] as number);
    const k = pool[i - 1] as bigint;
    out.push(construction === 'pair' ? k * nIn * nOut : k * nIn, nOut);
  }
  return out;
}
