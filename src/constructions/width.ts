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
import { InputError } from '../errors.js';
import { ceilDyadic, expBracket, floorDyadic, lnLower, lnUpper, sqrtLower, sqrtUpper } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import { productProbabilityLower } from './product-probability.js';
import { subsetActiveWeightsUpper, subsetPool, SUBSET_LUEKER_C } from './subset-width.js';

/** The constructions slth implements. */
export type ConstructionName = 'pair' | 'shared' | 'product' | 'subset';
/** The constructions whose gadgets keep one unit per side (certificates `slth-certificate/1`). */
export type GadgetConstruction = Exclude<ConstructionName, 'subset'>;
/**
 * The one-unit-per-side constructions (pair, shared, product): their runs go through
 * `certify` and write `slth-certificate/1`, which the kernel checks.
 */
export const CONSTRUCTIONS: readonly GadgetConstruction[] = ['pair', 'shared', 'product'];
/** Every construction name, subset sums (`slth-certificate/2`) included: for validation and help. @example `ALL_CONSTRUCTIONS.includes('subset') // true` */
export const ALL_CONSTRUCTIONS: readonly ConstructionName[] = [...CONSTRUCTIONS, 'subset'];

/**
 * Whether a construction keeps one unit per gadget side (pair, shared, product).
 *
 * @example
 * ```ts
 * isGadgetConstruction('subset'); // false
 * ```
 */
export function isGadgetConstruction(c: ConstructionName): c is GadgetConstruction {
  return c !== 'subset';
}

/** Bits kept in eta (a dyadic rounded down, so still a certified lower bound). */
export const ETA_BITS = 64;

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
 * Validates the numeric inputs of the theorem: eps > 0, 0 < delta < 1, widths >= 1.
 *
 * @example
 * ```ts
 * checkTheoremInputs([2, 3, 1], Rational.parse('0.1'), Rational.parse('1e-9'));
 * ```
 */
export function checkTheoremInputs(widths: readonly number[], eps: Rational, delta: Rational): void {
  if (widths.length < 2) throw new InputError('a target needs at least one layer');
  for (const n of widths) {
    if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`layer widths must be positive integers, got ${n}`);
  }
  if (eps.sign() <= 0) throw new InputError(`eps must be > 0, got ${eps.toString()}`);
  if (eps.gt(Rational.of(1_000_000))) throw new InputError(`eps is absurdly large (> 1e6): ${eps.toScientific(6)}`);
  if (eps.lt(Rational.of(1n, 10n ** 30n)))
    throw new InputError(`eps is absurdly small (< 1e-30): ${eps.toScientific(6)}`);
  if (delta.sign() <= 0 || delta.ge(Rational.ONE))
    throw new InputError(`delta must be in (0, 1), got ${delta.toString()}`);
  if (delta.lt(Rational.of(1n, 10n ** 300n)))
    throw new InputError(`delta is absurdly small (< 1e-300): ${delta.toScientific(6)}`);
}

/**
 * Layer products n_i n_{i-1}, i = 1..l.
 *
 * @example
 * ```ts
 * layerWeights([2, 3, 1]); // [6, 3]
 * ```
 */
export function layerWeights(widths: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < widths.length; i++) out.push((widths[i] as number) * (widths[i - 1] as number));
  return out;
}

/**
 * Certified upper bound of S = sum_i sqrt(n_i n_{i-1}).
 *
 * @example
 * ```ts
 * sUpper([4, 4, 1]).toDecimal(3, 'ceil'); // '6.000'
 * ```
 */
export function sUpper(widths: readonly number[]): Rational {
  return Rational.sum(layerWeights(widths).map((p) => sqrtUpper(Rational.of(p))));
}

/**
 * c(eta) for a construction: eta (2 + eta) for pair and shared, eta for product.
 *
 * @example
 * ```ts
 * cOfEta('pair', Rational.of(1, 10)).toString(); // '21/100'
 * ```
 */
export function cOfEta(construction: ConstructionName, eta: Rational): Rational {
  return construction === 'product' || construction === 'subset' ? eta : eta.mul(Rational.of(2).add(eta));
}

/**
 * The certified tolerance eta of a construction for the given widths and eps.
 *
 * @example
 * ```ts
 * certifiedEta('product', [1, 1], Rational.parse('0.1')); // <= ln(1.1) / 1
 * ```
 */
export function certifiedEta(construction: ConstructionName, widths: readonly number[], eps: Rational): Rational {
  const L = lnLower(Rational.ONE.add(eps));
  const S = sUpper(widths);
  const ratio = L.div(S);
  const raw =
    construction === 'product' || construction === 'subset'
      ? ratio
      : sqrtLower(Rational.ONE.add(ratio)).sub(Rational.ONE);
  const eta = floorDyadic(raw, ETA_BITS);
  if (eta.sign() <= 0) throw new InputError('eps too small for the width formulas (eta rounds to 0)');
  return eta;
}

/**
 * Certified upper bound of (1 - p)^k for 0 <= p < 1 and k >= 0 (exact for small k).
 *
 * @example
 * ```ts
 * powOneMinusUpper(Rational.of(1, 2), 3n).toString(); // '1/8'
 * ```
 */
export function powOneMinusUpper(p: Rational, k: bigint): Rational {
  const base = Rational.ONE.sub(p);
  if (base.sign() <= 0) return Rational.ZERO;
  if (k <= 64n) return base.pow(Number(k));
  // (1-p)^k = exp(k ln(1-p)) <= exp(k * upper(ln(1-p))); keep the exponent a short dyadic
  const exponent = ceilDyadic(Rational.of(k).mul(lnUpper(base)), 64);
  return expBracket(exponent).upper;
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
  if (factor.sign() <= 0) throw new InputError(`--width-scale must be > 0, got ${factor.toString()}`);
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
