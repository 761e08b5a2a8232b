/**
 * Lemma 3 (union bound; docs/MATH.md §5.3). For events E_1, ..., E_n: P(union E_i) <= sum_i P(E_i). For independent
 * events the exact value P(union E_i) = 1 - prod_i (1 - P(E_i)) is available, so the checker
 * reports the bound, the exact value and the slack.
 *
 * Applied to the pair construction (docs/MATH.md §4.2) with pool size k and tolerance 0 < eta < 1: for a
 * target weight w, a candidate (u, v) of its private pool is good for + with probability
 * p+(w) = (lambda(w)/2)(lambda_v/2), lambda(w) = |[w - eta, w + eta] cap [-1, 1]|,
 * lambda_v = |[1 - eta, 1 + eta] cap [-1, 1]| = eta, and good for - with p-(w) = p+(w) (by
 * symmetry); the two are disjoint since eta < 1. The pool fails with the exact probability
 *   f(r, j) = (1 - p+)^k + (1 - p-)^k - (1 - p+ - p-)^k,
 * pools are independent, so P_fail = 1 - prod_{(i,r,j)} (1 - f(r, j)) exactly, and
 *   P_fail <= sum f <= sum 2 (1 - p+)^k <= 2 N_w (1 - eta^2/4)^k <= 2 N_w exp(-k eta^2/4).
 * Small cases are computed exactly; large powers are certified brackets (exp/ln with directed
 * rounding), and the result says which.
 */
import { InputError } from '../errors.js';
import type { Network } from '../network/network.js';
import { Rational, bitLength } from '../numeric/rational.js';
import type { Quantity } from '../numeric/quantity.js';
import { addQ, certifiedQ, exactQ, expQ, formatQ, leQ, mulQ, powQ, subQ } from '../numeric/quantity.js';
import { pairCandidateProbability } from '../theory/candidate-probability.js';
import type { LemmaResult } from './result.js';

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '3';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.3';

/** Lemma name. */
export const NAME = 'union-bound';

/** The statement checked. */
export const STATEMENT =
  'P(union E_i) <= sum P(E_i); for independent events P(union) = 1 - prod(1 - P(E_i)) exactly. ' +
  'Pair construction: P_fail = 1 - prod(1 - f(r,j)), f = (1-p+)^k + (1-p-)^k - (1-p+-p-)^k, ' +
  'and P_fail <= sum f <= 2 N_w (1 - eta^2/4)^k <= 2 N_w exp(-k eta^2/4)';

const ONE = Rational.ONE;

/** A function claiming to compute P(union) of independent events from their probabilities. */
export type UnionFormula = (ps: readonly Rational[]) => Rational;

function checkProbabilities(ps: readonly Rational[]): void {
  ps.forEach((p, i) => {
    if (p.sign() < 0 || p.gt(ONE)) throw new InputError(`probability ${i + 1} must be in [0, 1], got ${p.toString()}`);
  });
}

/**
 * Exact P(union) of independent events: 1 - prod (1 - p_i).
 *
 * @example
 * ```ts
 * independentUnion([Rational.of(1, 2), Rational.of(1, 2)]).toString(); // '3/4'
 * ```
 */
export function independentUnion(ps: readonly Rational[]): Rational {
  let prod = ONE;
  for (const p of ps) prod = prod.mul(ONE.sub(p));
  return ONE.sub(prod);
}

/**
 * The union bound sum p_i.
 *
 * @example
 * ```ts
 * unionSum([Rational.of(1, 2), Rational.of(1, 2)]).toString(); // '1'
 * ```
 */
export function unionSum(ps: readonly Rational[]): Rational {
  return Rational.sum(ps);
}

/** Largest n for {@link bruteForceUnion}. */
export const MAX_BRUTE_FORCE = 16;

/**
 * P(union) of independent events by enumerating all 2^n atoms (an independent reference for
 * n <= 16): the sum of the probabilities of every outcome pattern in which some event occurs.
 *
 * @example
 * ```ts
 * bruteForceUnion([Rational.of(1, 2), Rational.of(1, 3)]).toString(); // '2/3'
 * ```
 */
export function bruteForceUnion(ps: readonly Rational[]): Rational {
  const n = ps.length;
  if (n > MAX_BRUTE_FORCE) throw new InputError(`brute force needs at most ${MAX_BRUTE_FORCE} events`);
  let total = Rational.ZERO;
  for (let mask = 1; mask < 1 << n; mask++) {
    let pr = ONE;
    for (let i = 0; i < n; i++) {
      const p = ps[i] as Rational;
      pr = pr.mul(mask & (1 << i) ? p : ONE.sub(p));
    }
    total = total.add(pr);
  }
  return total;
}

/**
 * Lemma 3 on a probability vector: the bound sum p_i, the exact independent union (from
 * `formula`, cross-checked against {@link bruteForceUnion} when n <= 16) and the slack
 * min(1, sum) - exact. `holds` iff the formula agrees with the enumeration and exact <= sum.
 *
 * @example
 * ```ts
 * checkUnionBound([Rational.of(1, 10), Rational.of(1, 5)], 'two events').figures['slack']; // '1/50'
 * ```
 */
export function checkUnionBound(
  ps: readonly Rational[],
  input: string,
  formula: UnionFormula = independentUnion,
): LemmaResult {
  checkProbabilities(ps);
  const exact = formula(ps);
  const sum = unionSum(ps);
  const capped = Rational.min(ONE, sum);
  const brute = ps.length <= MAX_BRUTE_FORCE ? bruteForceUnion(ps) : undefined;
  const agrees = brute === undefined || brute.eq(exact);
  const bounded = exact.le(sum) && exact.sign() >= 0 && exact.le(ONE);
  const figures: Record<string, string> = {
    events: String(ps.length),
    'sum P(E_i) (union bound)': sum.toString(),
    'P(union), independent, exact': exact.toString(),
    slack: capped.sub(exact).toString(),
    'enumeration of 2^n atoms': brute ? brute.toString() : `skipped (n > ${MAX_BRUTE_FORCE})`,
  };
  const holds = agrees && bounded;
  const witness = holds
    ? undefined
    : {
        probabilities: ps.map(String).join(', '),
        formula: exact.toString(),
        enumeration: brute ? brute.toString() : '-',
        sum: sum.toString(),
      };
  return { lemma: NAME, input, holds, statement: STATEMENT, exact: true, figures, ...(witness ? { witness } : {}) };
}

// ---------------------------------------------------------------------------------------------
// the pair construction

function checkEta(eta: Rational): void {
  if (eta.sign() <= 0 || eta.ge(ONE))
    throw new InputError(`eta must be in (0, 1) (the + and - conditions are then disjoint), got ${eta.toString()}`, {
      params: ['eta'],
    });
}

function checkPool(k: bigint): void {
  if (k < 0n || k > 10n ** 15n)
    throw new InputError(`pool must be an integer from 0 to 10^15, got ${k}`, { params: ['pool'] });
}

/**
 * Exact powers are kept up to this many bits; beyond, they are certified brackets (combining many
 * huge exact rationals would cost a gcd of huge numbers per operation).
 */
const POWER_EXACT_BITS = 4_000;
/** Beyond this many bits an exact intermediate is replaced by its certified rounding. */
const MAX_EXACT_BITS = 16_000;

function shrink(q: Quantity): Quantity {
  if (!q.exact) return q;
  const bits = bitLength(q.exact.num) + bitLength(q.exact.den);
  return bits > MAX_EXACT_BITS ? certifiedQ({ lower: q.exact, upper: q.exact }) : q;
}

/**
 * 1 - (1 - f)^c for a quantity 0 <= f <= 1 and an integer c >= 1: exact when f is exact and
 * small, else the Bonferroni bracket [c f - C(c,2) f^2, c f] (valid for every f in [0, 1]),
 * which keeps the relative precision of tiny f.
 */
function atLeastOnce(f: Quantity, c: number): Quantity {
  if (f.exact) {
    const p = powQ(ONE.sub(f.exact), c, POWER_EXACT_BITS);
    if (p.exact) return subQ(exactQ(ONE), p);
  }
  const C = Rational.of(c);
  const pairs = Rational.of(c * (c - 1), 2);
  const lower = c === 1 ? f.lower : Rational.max(Rational.ZERO, C.mul(f.lower).sub(pairs.mul(f.upper).mul(f.upper)));
  const upper = Rational.min(ONE, C.mul(f.upper));
  return certifiedQ({ lower, upper });
}

/**
 * The union recurrence U' = U + g (1 - U) = 1 - (1 - U)(1 - g): increasing in U and in g on
 * [0, 1], so brackets go endpoint-wise, and tiny probabilities keep their relative precision.
 */
function unionStep(u: Quantity, g: Quantity): Quantity {
  if (u.exact && g.exact) return addQ(u, mulQ(g, subQ(exactQ(ONE), u)));
  const lower = u.lower.add(g.lower.mul(ONE.sub(u.lower)));
  const upper = Rational.min(ONE, u.upper.add(g.upper.mul(ONE.sub(u.upper))));
  return certifiedQ({ lower, upper });
}

/**
 * The exact failure probability of one private pool of size k:
 * f = (1 - p+)^k + (1 - p-)^k - (1 - p+ - p-)^k (exact, or certified for huge powers).
 *
 * @example
 * ```ts
 * formatQ(pairWeightFailure(Rational.ZERO, Rational.parse('0.5'), 1n)); // '1': one unit cannot serve both sides
 * ```
 */
export function pairWeightFailure(w: Rational, eta: Rational, k: bigint): Quantity {
  checkEta(eta);
  checkPool(k);
  const p = pairCandidateProbability(w, eta);
  const noPlus = powQ(ONE.sub(p), k, POWER_EXACT_BITS);
  const neither = powQ(ONE.sub(p).sub(p), k, POWER_EXACT_BITS);
  return subQ(addQ(noPlus, noPlus), neither);
}

/** The weight with the largest failure probability. */
export interface WorstWeight {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly w: Rational;
  readonly f: Quantity;
}

/** The exact failure probability of the pair construction for a target, with its bounds. */
export interface PairFailure {
  /** True when P_fail is an exact rational (else a certified bracket). */
  readonly exact: boolean;
  readonly weights: number;
  readonly eta: Rational;
  readonly pool: bigint;
  /** P_fail = 1 - prod (1 - f(r, j)). */
  readonly pFail: Quantity;
  /** sum of f(r, j): the union bound over weights. */
  readonly sumF: Quantity;
  /** sum of 2 (1 - p+(w))^k: the union bound over weights and sides. */
  readonly sidesBound: Quantity;
  /** 2 N_w (1 - eta^2/4)^k. */
  readonly uniformBound: Quantity;
  /** 2 N_w exp(-k eta^2/4). */
  readonly expBound: Quantity;
  readonly worst: WorstWeight | undefined;
}

/**
 * The exact failure probability of the pair construction (docs/MATH.md §4.2) on a target at pool size k and
 * tolerance eta, with the chain of bounds of the module comment. Reusable: this is the per-target
 * figure the empirical comparison with the real construction needs.
 *
 * @example
 * ```ts
 * const r = pairFailureProbability(net, Rational.parse('0.1'), 20000n);
 * formatQ(r.pFail); // e.g. '[1.07...e-20, 1.07...e-20]'
 * ```
 */
export function pairFailureProbability(net: Network, eta: Rational, k: bigint): PairFailure {
  checkEta(eta);
  checkPool(k);
  // f depends on |w| only (lambda(-w) = lambda(w)): group equal |w|
  const groups = new Map<string, { w: Rational; count: number; layer: number; row: number; col: number }>();
  let weights = 0;
  net.layers.forEach((m, li) =>
    m.forEach((row, r) =>
      row.forEach((w, c) => {
        weights++;
        const a = w.abs();
        const key = a.toString();
        const g = groups.get(key);
        if (g) g.count++;
        else groups.set(key, { w, count: 1, layer: li + 1, row: r, col: c });
      }),
    ),
  );
  let pFail: Quantity = exactQ(Rational.ZERO);
  let sumF: Quantity = exactQ(Rational.ZERO);
  let sides: Quantity = exactQ(Rational.ZERO);
  let worst: WorstWeight | undefined;
  for (const g of groups.values()) {
    const f = shrink(pairWeightFailure(g.w, eta, k));
    const count = exactQ(Rational.of(g.count));
    pFail = shrink(unionStep(pFail, atLeastOnce(f, g.count)));
    sumF = shrink(addQ(sumF, mulQ(count, f)));
    const noPlus = shrink(powQ(ONE.sub(pairCandidateProbability(g.w, eta)), k, POWER_EXACT_BITS));
    sides = shrink(addQ(sides, mulQ(exactQ(Rational.of(2 * g.count)), noPlus)));
    if (!worst || f.upper.gt(worst.f.upper)) worst = { layer: g.layer, row: g.row, col: g.col, w: g.w, f };
  }
  const twoN = exactQ(Rational.of(2 * weights));
  const q = eta.mul(eta).div(Rational.of(4));
  const uniformBound = shrink(mulQ(twoN, powQ(ONE.sub(q), k, POWER_EXACT_BITS)));
  const arg = Rational.of(-k).mul(q);
  const e = arg.lt(Rational.of(-1_000_000))
    ? certifiedQ({ lower: Rational.ZERO, upper: expQ(Rational.of(-1_000_000)).upper })
    : expQ(arg);
  const expBound = mulQ(twoN, e);
  return {
    exact: pFail.exact !== undefined,
    weights,
    eta,
    pool: k,
    pFail,
    sumF,
    sidesBound: sides,
    uniformBound,
    expBound,
    worst,
  };
}

/**
 * Lemma 3 on the pair construction for a target: the exact (or certified) P_fail against its
 * union bounds; `holds` iff every inequality of the chain is certified.
 *
 * @example
 * ```ts
 * checkPairUnionBound(net, Rational.parse('0.1'), 5000n, 'fixtures/targets/d2-small.json').holds; // true
 * ```
 */
export function checkPairUnionBound(net: Network, eta: Rational, k: bigint, input: string): LemmaResult {
  const r = pairFailureProbability(net, eta, k);
  // lambda(w) >= eta (hence p+ >= eta^2/4) needs |w| <= 1, which H implies
  const inUnit = net.layers.every((m) => m.every((row) => row.every((w) => w.abs().le(ONE))));
  return pairUnionBoundResult(r, inUnit, input);
}

/**
 * The verdict of Lemma 3 on computed pair-construction figures: each inequality of the chain
 * P_fail <= sum f <= sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4) is decided
 * by certified comparison (`yes`, a certified violation, or undecided when the brackets overlap);
 * the third is skipped when `inUnit` is false (some |w| > 1, where p+ >= eta^2/4 fails). `holds`
 * iff no inequality is certainly violated. Separate from {@link checkPairUnionBound} so that the
 * verdict logic can be exercised on figures that violate the chain.
 *
 * @example
 * ```ts
 * pairUnionBoundResult(pairFailureProbability(net, Rational.parse('0.1'), 50n), true, 'net').holds; // true
 * ```
 */
export function pairUnionBoundResult(r: PairFailure, inUnit: boolean, input: string): LemmaResult {
  const chain: [string, Quantity, Quantity][] = [
    ['P_fail <= sum f', r.pFail, r.sumF],
    ['sum f <= sum 2(1-p+)^k', r.sumF, r.sidesBound],
    ['sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k', r.sidesBound, r.uniformBound],
    ['2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4)', r.uniformBound, r.expBound],
  ];
  const figures: Record<string, string> = {
    'N_w (target weights)': String(r.weights),
    eta: r.eta.toString(),
    'pool k': r.pool.toString(),
    'P_fail = 1 - prod(1 - f)': formatQ(r.pFail),
    'sum f (union over weights)': formatQ(r.sumF),
    'sum 2(1-p+)^k (union over sides)': formatQ(r.sidesBound),
    '2 N_w (1-eta^2/4)^k (docs/MATH.md §4.2)': formatQ(r.uniformBound),
    '2 N_w exp(-k eta^2/4)': formatQ(r.expBound),
    'slack: 2 N_w (1-eta^2/4)^k - P_fail': formatQ(subQ(r.uniformBound, r.pFail)),
  };
  if (r.worst)
    figures['worst weight'] =
      `layer ${r.worst.layer} [${r.worst.row}][${r.worst.col}] = ${r.worst.w.toString()}, f = ${formatQ(r.worst.f)}`;
  const failed: string[] = [];
  let undecided = 0;
  for (const [name, a, b] of chain) {
    if (!inUnit && name.startsWith('sum 2(1-p+)^k <=')) {
      figures[`check ${name}`] = 'not applicable: some |w| > 1 (the target violates H)';
      continue;
    }
    const ok = leQ(a, b);
    figures[`check ${name}`] =
      ok === true
        ? 'yes'
        : ok === false
          ? 'NO (certified violation)'
          : 'consistent (brackets overlap, no certified order)';
    if (ok === false) failed.push(name);
    if (ok === undefined) undecided++;
  }
  const holds = failed.length === 0;
  const notes = [r.exact ? 'P_fail is exact' : 'P_fail is a certified bracket (powers too large for exact rationals)'];
  if (undecided > 0)
    notes.push(
      `${undecided} inequalities hold with equality or nearly (e.g. P_fail = sum f when N_w = 1): the brackets overlap, which is no violation`,
    );
  return {
    lemma: NAME,
    input,
    holds,
    statement: STATEMENT,
    exact: r.exact,
    figures,
    ...(holds ? {} : { witness: { failed: failed.join('; ') } }),
    notes,
  };
}
