/**
 * The samples table of Lemma 2 (docs/MATH.md §5.2): least sample counts at probability P for the
 * post's pair gadget (about 1/eps0^2), for covering all of [-1, 1] and for one fixed target (about
 * 1/eps0), at eps0 = 1/4 .. 1/64.
 */
import { Rational } from '../numeric/rational.js';
import { pairCandidateProbability, lambdaLength } from '../theory/candidate-probability.js';
import type { LeastK } from './least-k.js';
import { minKCover, minKGeometric } from './least-k.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/** One row of {@link coverTable}. */
export interface CoverTableRow {
  readonly eps0: Rational;
  /** Pair gadget, worst case |w| = 1: per candidate eps0^2/4. */
  readonly pair: LeastK;
  /** Covering all of [-1, 1]. */
  readonly cover: LeastK;
  /** One fixed target, worst case |w| = 1: per sample eps0/2. */
  readonly fixed: LeastK;
}

/** The default eps0 values of the table. */
export const TABLE_EPS0: readonly string[] = ['1/4', '1/8', '1/16', '1/32', '1/64'];

/**
 * Samples needed for probability `prob` by the pair (u ~ w and v ~ 1), covering and one fixed
 * target, for several eps0: all exact least k.
 *
 * @example
 * ```ts
 * coverTable([Rational.of(1, 4)], Rational.parse('0.99'))[0].pair.k; // 293
 * ```
 */
export function coverTable(eps0s: readonly Rational[], prob: Rational): CoverTableRow[] {
  return eps0s.map((eps0) => ({
    eps0,
    pair: minKGeometric(pairCandidateProbability(ONE, eps0), prob),
    cover: minKCover(eps0, prob),
    fixed: minKGeometric(lambdaLength(ONE, eps0).div(TWO), prob),
  }));
}

/**
 * The table as text, with k eps0^2 and k eps0 columns that show the 1/eps0^2 versus
 * (1/eps0) log(1/eps0) growth.
 *
 * @example
 * ```ts
 * formatCoverTable(coverTable([Rational.of(1, 4)], Rational.parse('0.99')), Rational.parse('0.99'));
 * ```
 */
export function formatCoverTable(rows: readonly CoverTableRow[], prob: Rational): string {
  const head = ['eps0', 'pair k', 'k*eps0^2', 'cover k', 'k*eps0', 'fixed k', 'k*eps0'];
  const body = rows.map((r) => [
    r.eps0.toString(),
    String(r.pair.k),
    Rational.of(r.pair.k).mul(r.eps0).mul(r.eps0).toDecimal(3, 'nearest'),
    String(r.cover.k),
    Rational.of(r.cover.k).mul(r.eps0).toDecimal(3, 'nearest'),
    String(r.fixed.k),
    Rational.of(r.fixed.k).mul(r.eps0).toDecimal(3, 'nearest'),
  ]);
  const widthsCol = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widthsCol[i] as number)).join('  ');
  return [
    `least number of samples k with success probability >= ${prob.toString()} (exact least k; worst case |w| = 1):`,
    line(head),
    ...body.map(line),
    'pair: some candidate has |u - w| <= eps0 and |v - 1| <= eps0 (per candidate eps0^2/4): k ~ (4/eps0^2) ln(1/delta)',
    'cover: k points eps0-cover all of [-1, 1] (exact P_cover): k ~ (2/eps0) ln(2/(eps0 delta))',
    'fixed: one fixed target within eps0 of some point (per point eps0/2): k ~ (2/eps0) ln(1/delta)',
  ].join('\n');
}
