/**
 * Lemma 6b (counting; docs/MATH.md §5.7). For a target with widths n_0 = d, n_1, ..., n_l, N_w = sum_i n_i n_{i-1}
 * weights and n = max_{i >= 1} n_i:
 *
 * - the pair construction keeps exactly 4 N_w weights (two units per target weight, one in-edge
 *   and one out-edge each); shared and product keep at most 4 N_w (first-layer edges may be
 *   shared);
 * - N_w = n_1 d + sum_{i >= 2} n_i n_{i-1} <= d n + (l - 1) n^2 <= d n + n^2 l, so the active
 *   weights are <= 4 (d n + n^2 l): the post's O(dn + n^2 l) with the explicit constant 4;
 * - G has depth 2l and sum_i m_i (n_{i-1} + n_i) parameters, m_i = k n_i n_{i-1} (pair) or
 *   k_i n_{i-1} (shared, product), reported against N_w;
 * - Pensia et al. 2020's lower bound: approximating every d x d matrix W with ||W|| <= 1 within
 *   eps with probability >= 1/2 needs at least d^2 log2(1/(2 eps)) - 1 parameters (certified
 *   bracket, log2 through ln brackets).
 *
 * Stated widths come from src/constructions/width.ts; this module recomputes the counts from
 * the G widths independently and checks that the two agree.
 */
import type { Network } from '../network/network.js';
import { widths as networkWidths, weightCount } from '../network/network.js';
import { checkHPrime } from '../network/norms.js';
import type { Bracket } from '../numeric/certified.js';
import { lnBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import type { StatedWidth } from '../theory/stated-width.js';
import type { ConstructionName } from '../theory/construction-name.js';
import { statedWidth } from '../theory/stated-width.js';
import { CONSTRUCTIONS } from '../theory/construction-name.js';
import type { LemmaResult } from './result.js';
import { FigureBook } from './result.js';

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '6b';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.7';

/** Lemma name. */
export const NAME = 'counting';

/** The statement checked. */
export const STATEMENT =
  'active weights: pair = 4 N_w, shared <= 4 N_w, product <= 4 N_w, and 4 N_w <= 4 (d n + n^2 l) (n = max_{i>=1} n_i); ' +
  'G has depth 2l and sum_i m_i (n_{i-1} + n_i) parameters; Pensia et al.: >= d^2 log2(1/(2 eps)) - 1 parameters are necessary';

/**
 * The explicit O(dn + n^2 l) bound 4 (d n + n^2 l), n = max_{i >= 1} n_i.
 *
 * @example
 * ```ts
 * activeWeightBound([2, 4, 1]); // 4 * (2*4 + 16*2) = 160
 * ```
 */
export function activeWeightBound(widths: readonly number[]): bigint {
  const d = BigInt(widths[0] as number);
  const n = BigInt(Math.max(...widths.slice(1)));
  const l = BigInt(widths.length - 1);
  return 4n * (d * n + n * n * l);
}

/**
 * G's parameter count from its widths (d, m_1, n_1, ..., m_l, n_l): sum_i m_i (n_{i-1} + n_i).
 *
 * @example
 * ```ts
 * gParameterCount([2n, 60n, 3n, 30n, 1n]); // 60*(2+3) + 30*(3+1) = 420n
 * ```
 */
export function gParameterCount(gWidths: readonly bigint[]): bigint {
  let total = 0n;
  for (let i = 1; i + 1 < gWidths.length; i += 2) {
    total += (gWidths[i] as bigint) * ((gWidths[i - 1] as bigint) + (gWidths[i + 1] as bigint));
  }
  return total;
}

/**
 * G's hidden widths recomputed from the target and the pool sizes (independently of width.ts):
 * m_i = k_i n_i n_{i-1} (pair) or k_i n_{i-1} (shared, product).
 *
 * @example
 * ```ts
 * hiddenWidths('pair', [2, 3, 1], [10n, 10n]); // [60n, 30n]
 * ```
 */
export function hiddenWidths(
  construction: ConstructionName,
  widths: readonly number[],
  pool: readonly bigint[],
): bigint[] {
  return pool.map((k, i) => {
    const nIn = BigInt(widths[i] as number);
    const nOut = BigInt(widths[i + 1] as number);
    return construction === 'pair' ? k * nIn * nOut : k * nIn;
  });
}

/**
 * Certified bracket of Pensia et al.'s lower bound d^2 log2(1/(2 eps)) - 1.
 *
 * @example
 * ```ts
 * formatBracket(pensiaLowerBound(784, Rational.parse('0.01'))); // about 3.46e6
 * ```
 */
export function pensiaLowerBound(d: number, eps: Rational): Bracket {
  const x = Rational.ONE.div(eps.add(eps));
  const lnx = lnBracket(x);
  const ln2 = lnBracket(Rational.of(2));
  const d2 = Rational.of(d).mul(Rational.of(d));
  // log2 x = ln x / ln 2; ln 2 > 0, ln x of either sign
  const lo = lnx.lower.sign() >= 0 ? lnx.lower.div(ln2.upper) : lnx.lower.div(ln2.lower);
  const hi = lnx.upper.sign() >= 0 ? lnx.upper.div(ln2.lower) : lnx.upper.div(ln2.upper);
  return { lower: d2.mul(lo).sub(Rational.ONE), upper: d2.mul(hi).sub(Rational.ONE) };
}

/** The counts of one construction, recomputed and cross-checked. */
export interface ConstructionCount {
  readonly construction: ConstructionName;
  readonly hypothesis: string;
  readonly stated: StatedWidth;
  readonly activeWeights: number;
  readonly activeExact: boolean;
  readonly gParameters: bigint;
  readonly depth: number;
  /** Failures of the cross-checks (empty when all hold). */
  readonly problems: readonly string[];
}

/**
 * The counts of one construction for a target (eps, delta), with the cross-checks of the module
 * comment.
 *
 * @example
 * ```ts
 * constructionCount(net, 'pair', Rational.parse('0.1'), Rational.parse('1e-9')).problems; // []
 * ```
 */
export function constructionCount(
  net: Network,
  construction: ConstructionName,
  eps: Rational,
  delta: Rational,
  hprime = false,
): ConstructionCount {
  const ws = networkWidths(net);
  const Nw = weightCount(net);
  const sw = statedWidth({ widths: ws, eps, delta, construction, hprime });
  const problems: string[] = [];
  const active = 4 * Nw;
  if (sw.activeWeights !== active) problems.push(`width.ts active weights ${sw.activeWeights} != 4 N_w = ${active}`);
  if (sw.activeWeightsExact !== (construction === 'pair'))
    problems.push(`width.ts exactness flag of active weights is ${String(sw.activeWeightsExact)}`);
  if (BigInt(active) > activeWeightBound(ws))
    problems.push(`4 N_w = ${active} > 4 (dn + n^2 l) = ${activeWeightBound(ws)}`);
  const l = ws.length - 1;
  if (sw.depth !== 2 * l) problems.push(`depth ${sw.depth} != 2l = ${2 * l}`);
  const hidden = hiddenWidths(construction, ws, sw.pool);
  const gw: bigint[] = [BigInt(ws[0] as number)];
  hidden.forEach((m, i) => gw.push(m, BigInt(ws[i + 1] as number)));
  if (gw.length !== sw.gWidths.length || gw.some((v, i) => v !== sw.gWidths[i]))
    problems.push(`G widths ${gw.join(',')} != width.ts ${sw.gWidths.join(',')}`);
  const params = gParameterCount(gw);
  if (params !== sw.gParameters) problems.push(`G parameters ${params} != width.ts ${sw.gParameters}`);
  if (sw.targetParameters !== Nw) problems.push(`target parameters ${sw.targetParameters} != N_w = ${Nw}`);
  return {
    construction,
    hypothesis: sw.hypothesis,
    stated: sw,
    activeWeights: active,
    activeExact: construction === 'pair',
    gParameters: params,
    depth: 2 * l,
    problems,
  };
}

/**
 * Lemma 6b on a target: the counts of every construction, the explicit O(dn + n^2 l) bound and
 * Pensia et al.'s lower bound. `holds` iff every exact count identity and inequality holds.
 *
 * @example
 * ```ts
 * checkCounting(net, 'fixtures/targets/d2-small.json').holds; // true
 * ```
 */
export function checkCounting(
  net: Network,
  input: string,
  eps: Rational = Rational.of(1, 10),
  delta: Rational = Rational.parse('1e-9'),
): LemmaResult {
  const ws = networkWidths(net);
  const Nw = weightCount(net);
  const d = ws[0] as number;
  const n = Math.max(...ws.slice(1));
  const l = ws.length - 1;
  const runs: ConstructionCount[] = CONSTRUCTIONS.map((c) => constructionCount(net, c, eps, delta));
  if (checkHPrime(net).holds) runs.push(constructionCount(net, 'product', eps, delta, true));
  const book = new FigureBook()
    .counts('widths', 'widths', ws, ws.join(','))
    .count('targetWeights', 'N_w (target weights)', Nw)
    .line('d, n = max_{i>=1} n_i, l', `${d}, ${n}, ${l}`, (b) =>
      b.count('d', 'd', d).count('n', 'n = max_{i>=1} n_i', n).count('l', 'l', l),
    )
    .count('activeWeightBound', '4 (d n + n^2 l)', activeWeightBound(ws))
    .exact('eps', 'eps', eps, eps.toString())
    .exact('delta', 'delta', delta, delta.toString());
  for (const r of runs) {
    const tag = r.construction === 'product' ? `product (${r.hypothesis})` : r.construction;
    const key = r.construction === 'product' ? (r.hypothesis === 'H' ? 'productH' : 'productHprime') : r.construction;
    const ratio = Rational.of(r.gParameters, BigInt(Nw));
    book
      .line(`${tag}: active weights`, `${r.activeExact ? '=' : '<='} 4 N_w = ${r.activeWeights}`, (b) =>
        b
          .count(
            `${key}ActiveWeights`,
            `${tag}: active weights (at most, or exactly when marked exact)`,
            r.activeWeights,
          )
          .boolean(`${key}ActiveWeightsExact`, `${tag}: active weights exactly 4 N_w`, r.activeExact),
      )
      .exact(`${key}Eta`, `${tag}: eta`, r.stated.eta, r.stated.eta.toString())
      .counts(`${key}Pool`, `${tag}: pool k per layer`, r.stated.pool)
      .count(`${key}GDepth`, `${tag}: G depth`, r.depth)
      .count(`${key}GParameters`, `${tag}: G parameters`, r.gParameters)
      .exact(`${key}GParametersPerWeight`, `${tag}: G parameters / N_w`, ratio, ratio.toScientific(4, 'nearest'));
  }
  const pD = pensiaLowerBound(d, eps);
  const pN = pensiaLowerBound(n, eps);
  book
    .certified('pensiaLowerBoundD', `Pensia lower bound d^2 log2(1/(2 eps)) - 1, d = n_0 = ${d}`, pD)
    .certified('pensiaLowerBoundN', `Pensia lower bound at d = n = ${n}`, pN);
  const problems = runs.flatMap((r) => r.problems.map((p) => `${r.construction}: ${p}`));
  const holds = problems.length === 0;
  return {
    lemma: NAME,
    input,
    holds,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
    checks: runs.map((r) => ({
      name: `${r.construction === 'product' ? `product (${r.hypothesis})` : r.construction}: counts agree with the stated width and 4 N_w <= 4 (d n + n^2 l)`,
      holds: r.problems.length === 0,
    })),
    ...(holds ? {} : { witness: { problems: problems.join('; ') } }),
    notes: [
      'the constant 4 is derived (two units per weight, two edges per unit); n = max_{i>=1} n_i, so n_1 d <= d n and n_i n_{i-1} <= n^2',
      "Pensia et al.'s bound is for approximating every d x d matrix with one network; shown for scale, not compared as a verdict",
    ],
  };
}
