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
 * Small cases are computed exactly; beyond, every figure is a certified bracket of relative width
 * below 1e-15 at any pool size up to 10^15 (src/numeric/wide.ts: binary floats of unbounded
 * exponent with outward rounding; powers by binary powering, so k = 10^15 costs about 100
 * multiplications), and the result says which. 1 - (1 - f)^c is increasing in f, so groups of c
 * weights sharing |w| are evaluated at the two ends of f's bracket (never by a Bonferroni pair).
 */
import { InputError } from '../errors.js';
import type { Network } from '../network/network.js';
import type { DFloat, Dir } from '../numeric/directed.js';
import { D_ZERO, add, divInt, mul, mulInt, pow } from '../numeric/directed.js';
import { Rational, bitLength } from '../numeric/rational.js';
import type { Wide } from '../numeric/wide.js';
import {
  addW,
  certifiedW,
  cmpD,
  exactW,
  expNegW,
  formatDifferenceW,
  formatW,
  leW,
  mulW,
  powW,
  shrinkW,
  subD,
  subW,
  wideToBracket,
} from '../numeric/wide.js';
import { pairCandidateProbability } from '../theory/candidate-probability.js';
import type { CheckOutcome, LemmaResult } from './result.js';
import { FigureBook } from './result.js';

/**
 * Adds a Wide value to a figure book: exact when it is, else its certified bracket (ends beyond
 * 2^-16384 clamped outward, see wideToBracket); printed as {@link formatW}.
 */
function wideFigure(book: FigureBook, id: string, label: string, x: Wide): FigureBook {
  return x.exact ? book.exact(id, label, x.exact, formatW(x)) : book.certified(id, label, wideToBracket(x), formatW(x));
}

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
  const book = new FigureBook()
    .count('events', 'events', ps.length)
    .exact('unionBound', 'sum P(E_i) (union bound)', sum, sum.toString())
    .exact('union', 'P(union), independent, exact', exact, exact.toString())
    .exact('slack', 'slack', capped.sub(exact), capped.sub(exact).toString());
  if (brute) book.exact('enumeration', 'enumeration of 2^n atoms', brute, brute.toString());
  else book.none('enumeration', 'enumeration of 2^n atoms', `skipped (n > ${MAX_BRUTE_FORCE})`);
  const checks: CheckOutcome[] = [
    brute === undefined
      ? { name: 'P(union) = enumeration of 2^n atoms', holds: null, applicable: false }
      : { name: 'P(union) = enumeration of 2^n atoms', holds: agrees },
    { name: '0 <= P(union) <= min(1, sum P(E_i))', holds: bounded },
  ];
  const holds = agrees && bounded;
  const witness = holds
    ? undefined
    : {
        probabilities: ps.map(String).join(', '),
        formula: exact.toString(),
        enumeration: brute ? brute.toString() : '-',
        sum: sum.toString(),
      };
  return {
    lemma: NAME,
    input,
    holds,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
    checks,
    ...(witness ? { witness } : {}),
  };
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
/** Beyond this many bits an exact intermediate is replaced by its certified bracket. */
const MAX_EXACT_BITS = 16_000;

function shrink(q: Wide): Wide {
  return shrinkW(q, MAX_EXACT_BITS);
}

/** Failures of `count` independent events of probability f each (the pools of weights sharing |w|). */
export interface FailureGroup {
  readonly f: Wide;
  readonly count: number;
}

/** Below this value of sum c f the certified union uses the series bounds (2^-30). */
const SERIES_LIMIT: DFloat = { m: 1n, e: -30 };
const D_ONE: DFloat = { m: 1n, e: 0 };

/** x^2 / 2 rounded in direction dir (halving is exact). */
function halfSquare(x: DFloat, dir: Dir): DFloat {
  const sq = mul(x, x, dir);
  return { m: sq.m, e: sq.e - 1 };
}

/** The exact union 1 - prod (1 - f)^c, or undefined when some f is inexact or the rationals grow too large. */
function exactUnion(groups: readonly FailureGroup[]): Rational | undefined {
  let u = Rational.ZERO;
  for (const { f, count } of groups) {
    if (!f.exact) return undefined;
    const keep = powW(ONE.sub(f.exact), BigInt(count), POWER_EXACT_BITS).exact;
    if (!keep) return undefined;
    // U' = U + g (1 - U) = 1 - (1 - U)(1 - g), g = 1 - keep
    u = ONE.sub(ONE.sub(u).mul(keep));
    if (bitLength(u.num) + bitLength(u.den) > MAX_EXACT_BITS) return undefined;
  }
  return u;
}

/**
 * P(at least one of independent events) = 1 - prod_g (1 - f_g)^(c_g), for groups of c_g events of
 * probability f_g each: exact when every f_g is exact and the rationals stay under the size limits,
 * else a certified bracket whose relative width is about 2^-59 or less (docs/MATH.md §5.3):
 *
 * - when X = sum c f <= 2^-30 (upper ends), by the series bounds
 *   f + f^2/2 <= -ln(1 - f) <= f + f^2/2 + f^3 (f <= 2/3) and
 *   Y - Y^2/2 <= 1 - e^-Y <= Y - Y^2/2 + Y^3/6 (0 <= Y <= 1), Y = -sum c ln(1 - f),
 *   each evaluated at the end of f's bracket where it is lowest or highest (all are increasing);
 * - else as 1 - Q with Q = prod (1 - f)^c by outward-rounded binary powering at the two ends of
 *   f's bracket (1 - (1 - f)^c is increasing in f); here P >= X/2 (or >= 1 - 1/e), so the absolute
 *   rounding of Q (about 2^-127 per operation) is small relative to P.
 *
 * @example
 * ```ts
 * formatW(independentUnionW([{ f: exactW(Rational.of(1, 2)), count: 2 }])); // '3/4'
 * ```
 */
export function independentUnionW(groups: readonly FailureGroup[]): Wide {
  groups.forEach(({ f, count }) => {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('counts must be integers >= 0');
    if (cmpD(f.lower, D_ONE) > 0) throw new RangeError('probabilities must be <= 1');
  });
  const exact = exactUnion(groups);
  if (exact) return exactW(exact);
  let X = D_ZERO;
  for (const { f, count } of groups) X = add(X, mulInt(f.upper, BigInt(count), 'up'), 'up');
  if (cmpD(X, SERIES_LIMIT) <= 0) {
    let yLo = D_ZERO;
    let yHi = D_ZERO;
    for (const { f, count } of groups) {
      const c = BigInt(count);
      const lo = add(f.lower, halfSquare(f.lower, 'down'), 'down');
      const cube = mul(mul(f.upper, f.upper, 'up'), f.upper, 'up');
      const hi = add(add(f.upper, halfSquare(f.upper, 'up'), 'up'), cube, 'up');
      yLo = add(yLo, mulInt(lo, c, 'down'), 'down');
      yHi = add(yHi, mulInt(hi, c, 'up'), 'up');
    }
    const lower = subD(yLo, halfSquare(yLo, 'up'), 'down');
    const sixth = divInt(mul(mul(yHi, yHi, 'up'), yHi, 'up'), 6n, 'up');
    const upper = add(subD(yHi, halfSquare(yHi, 'down'), 'up'), sixth, 'up');
    return certifiedW(lower, upper);
  }
  let qLo = D_ONE;
  let qHi = D_ONE;
  for (const { f, count } of groups) {
    const sLo = cmpD(f.upper, D_ONE) >= 0 ? D_ZERO : subD(D_ONE, f.upper, 'down');
    const sHi = subD(D_ONE, f.lower, 'up');
    qLo = mul(qLo, pow(sLo, count, 'down'), 'down');
    qHi = mul(qHi, pow(sHi, count, 'up'), 'up');
  }
  if (cmpD(qHi, D_ONE) > 0) qHi = D_ONE;
  return certifiedW(subD(D_ONE, qHi, 'down'), subD(D_ONE, qLo, 'up'));
}

/** The per-candidate probability p and the two powers (1 - p)^k, (1 - 2 p)^k of one pool. */
function poolPowers(w: Rational, eta: Rational, k: bigint): { noPlus: Wide; neither: Wide } {
  const p = pairCandidateProbability(w, eta);
  return { noPlus: powW(ONE.sub(p), k, POWER_EXACT_BITS), neither: powW(ONE.sub(p).sub(p), k, POWER_EXACT_BITS) };
}

/**
 * The exact failure probability of one private pool of size k:
 * f = (1 - p+)^k + (1 - p-)^k - (1 - p+ - p-)^k (exact, or certified for huge powers: binary
 * powering with outward rounding, relative width about k 2^-126, at any k up to 10^15).
 *
 * @example
 * ```ts
 * formatW(pairWeightFailure(Rational.ZERO, Rational.parse('0.5'), 1n)); // '1': one unit cannot serve both sides
 * ```
 */
export function pairWeightFailure(w: Rational, eta: Rational, k: bigint): Wide {
  checkEta(eta);
  checkPool(k);
  const { noPlus, neither } = poolPowers(w, eta, k);
  return subW(addW(noPlus, noPlus), neither);
}

/** The weight with the largest failure probability. */
export interface WorstWeight {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly w: Rational;
  readonly f: Wide;
}

/** The exact failure probability of the pair construction for a target, with its bounds. */
export interface PairFailure {
  /** True when P_fail is an exact rational (else a certified bracket). */
  readonly exact: boolean;
  readonly weights: number;
  readonly eta: Rational;
  readonly pool: bigint;
  /** P_fail = 1 - prod (1 - f(r, j)). */
  readonly pFail: Wide;
  /** sum of f(r, j): the union bound over weights. */
  readonly sumF: Wide;
  /** sum of 2 (1 - p+(w))^k: the union bound over weights and sides. */
  readonly sidesBound: Wide;
  /** 2 N_w (1 - eta^2/4)^k. */
  readonly uniformBound: Wide;
  /** 2 N_w exp(-k eta^2/4). */
  readonly expBound: Wide;
  readonly worst: WorstWeight | undefined;
}

/**
 * The exact failure probability of the pair construction (docs/MATH.md §4.2) on a target at pool size k and
 * tolerance eta, with the chain of bounds of the module comment. Reusable: this is the per-target
 * figure the empirical comparison with the real construction needs. Every figure is exact while
 * its rationals stay small, else a certified bracket of relative width below 1e-15 (about 2^-59 or
 * less; the powers cost about 2 log2(k) multiplications of 128-bit mantissas each).
 *
 * @example
 * ```ts
 * const r = pairFailureProbability(net, Rational.parse('0.1'), 20000n);
 * formatW(r.pFail); // e.g. '[1.07...e-20, 1.07...e-20]'
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
  let sumF: Wide = exactW(Rational.ZERO);
  let sides: Wide = exactW(Rational.ZERO);
  let worst: WorstWeight | undefined;
  const failures: FailureGroup[] = [];
  for (const g of groups.values()) {
    const { noPlus, neither } = poolPowers(g.w, eta, k);
    const f = shrink(subW(addW(noPlus, noPlus), neither));
    failures.push({ f, count: g.count });
    sumF = shrink(addW(sumF, mulW(exactW(Rational.of(g.count)), f)));
    sides = shrink(addW(sides, mulW(exactW(Rational.of(2 * g.count)), shrink(noPlus))));
    if (!worst || cmpD(f.upper, worst.f.upper) > 0) worst = { layer: g.layer, row: g.row, col: g.col, w: g.w, f };
  }
  const pFail = independentUnionW(failures);
  const twoN = exactW(Rational.of(2 * weights));
  const q = eta.mul(eta).div(Rational.of(4));
  const uniformBound = shrink(mulW(twoN, powW(ONE.sub(q), k, POWER_EXACT_BITS)));
  const expBound = mulW(twoN, expNegW(Rational.of(k).mul(q)));
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
  const chain: [string, Wide, Wide][] = [
    ['P_fail <= sum f', r.pFail, r.sumF],
    ['sum f <= sum 2(1-p+)^k', r.sumF, r.sidesBound],
    ['sum 2(1-p+)^k <= 2 N_w (1-eta^2/4)^k', r.sidesBound, r.uniformBound],
    ['2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4)', r.uniformBound, r.expBound],
  ];
  const book = new FigureBook().count('targetWeights', 'N_w (target weights)', r.weights).exact('eta', 'eta', r.eta);
  book.count('pool', 'pool k', r.pool);
  wideFigure(book, 'pFail', 'P_fail = 1 - prod(1 - f)', r.pFail);
  wideFigure(book, 'sumF', 'sum f (union over weights)', r.sumF);
  wideFigure(book, 'sidesBound', 'sum 2(1-p+)^k (union over sides)', r.sidesBound);
  wideFigure(book, 'uniformBound', '2 N_w (1-eta^2/4)^k (docs/MATH.md §4.2)', r.uniformBound);
  wideFigure(book, 'expBound', '2 N_w exp(-k eta^2/4)', r.expBound);
  const slackText = formatDifferenceW(r.uniformBound, r.pFail);
  if (r.uniformBound.exact && r.pFail.exact)
    book.exact('slack', 'slack: 2 N_w (1-eta^2/4)^k - P_fail', r.uniformBound.exact.sub(r.pFail.exact), slackText);
  else {
    const a = wideToBracket(r.uniformBound);
    const b = wideToBracket(r.pFail);
    book.certified(
      'slack',
      'slack: 2 N_w (1-eta^2/4)^k - P_fail',
      { lower: a.lower.sub(b.upper), upper: a.upper.sub(b.lower) },
      slackText,
    );
  }
  const worst = r.worst;
  if (worst)
    book.line(
      'worst weight',
      `layer ${worst.layer} [${worst.row}][${worst.col}] = ${worst.w.toString()}, f = ${formatW(worst.f)}`,
      (b) =>
        wideFigure(
          b
            .count('worstLayer', 'worst weight: layer', worst.layer)
            .count('worstRow', 'worst weight: row', worst.row)
            .count('worstCol', 'worst weight: col', worst.col)
            .exact('worstW', 'worst weight: w', worst.w),
          'worstF',
          'worst weight: f',
          worst.f,
        ),
    );
  const failed: string[] = [];
  const checkLines: Record<string, string> = {};
  const checks: CheckOutcome[] = [];
  let undecided = 0;
  for (const [name, a, b] of chain) {
    if (!inUnit && name.startsWith('sum 2(1-p+)^k <=')) {
      checkLines[`check ${name}`] = 'not applicable: some |w| > 1 (the target violates H)';
      checks.push({ name, holds: null, applicable: false });
      continue;
    }
    const ok = leW(a, b);
    checkLines[`check ${name}`] =
      ok === true
        ? 'yes'
        : ok === false
          ? 'NO (certified violation)'
          : 'consistent (brackets overlap, no certified order)';
    checks.push({ name, holds: ok ?? null });
    if (ok === false) failed.push(name);
    if (ok === undefined) undecided++;
  }
  book.checkLines(checkLines);
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
    figures: book.figures,
    typed: book.typed,
    checks,
    ...(holds ? {} : { witness: { failed: failed.join('; ') } }),
    notes,
  };
}
