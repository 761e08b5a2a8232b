/**
 * The kernel's own norm code. The constructions compute their bound with src/network/norms.ts; the
 * kernel does not share that code (one bug there would make producer and checker agree), and a
 * property test checks the two against each other.
 *
 * Sums are fixed point: each term is rounded in the safe direction to a multiple of 2^-FIXED_BITS
 * and summed as one BigInt, so no sum ever grows a denominator (a sum of rationals with distinct
 * denominators would, and its gcds would take time quadratic in the certificate). A term that is
 * dyadic with at most FIXED_BITS / 2 fractional bits (every float64 and every gadget error of a
 * float64 target) is not rounded at all, so on such inputs the bounds equal the exact ones.
 *
 * - {@link normUpper}: min(||M||_F, sqrt(||M||_1 ||M||_inf)) rounded up, a certified upper bound of
 *   ||M||_2 (a_i for an error matrix, s_i for a weight matrix with ||W||_2 > 1).
 * - {@link spectralAtMostOne}: ||W||_2 <= 1 decided exactly: the two bounds above when they are
 *   <= 1, a row or column of squared norm > 1 when there is one, and otherwise I - W^T W >= 0
 *   decided by fraction-free elimination on integers, within the cost cap of limits.ts.
 */
import { sqrtUpper } from '../numeric/certified.js';
import { Rational, bitLength, gcd } from '../numeric/rational.js';
import type { Matrix } from '../network/network.js';
import { GRAM_MAX_PRODUCTS, PSD_MAX_COST, PSD_MAX_DEN_BITS } from './limits.js';

/** Fractional bits of the fixed-point sums (twice the 1074 of the smallest float64, rounded up). */
export const FIXED_BITS = 2176;
const P = BigInt(FIXED_BITS);

/** ceil (up) or floor of (num / den) * 2^FIXED_BITS for num >= 0, den > 0. */
function scaled(num: bigint, den: bigint, up: boolean): bigint {
  const n = num << P;
  return up ? (n + den - 1n) / den : n / den;
}

/** Sum of squares of the entries, in units of 2^-FIXED_BITS, rounded up or down. */
function squares(row: readonly Rational[], up: boolean): bigint {
  let s = 0n;
  for (const q of row) s += scaled(q.num * q.num, q.den * q.den, up);
  return s;
}

/** Largest absolute row sum and largest absolute column sum, in units of 2^-FIXED_BITS, rounded up. */
function lineSums(m: Matrix): { rows: bigint; cols: bigint } {
  const colSums = new Array<bigint>((m[0] as readonly Rational[]).length).fill(0n);
  let rows = 0n;
  for (const row of m) {
    let s = 0n;
    row.forEach((q, j) => {
      const a = q.abs();
      const t = scaled(a.num, a.den, true);
      s += t;
      colSums[j] = (colSums[j] as bigint) + t;
    });
    if (s > rows) rows = s;
  }
  let cols = 0n;
  for (const s of colSums) if (s > cols) cols = s;
  return { rows, cols };
}

/** Certified upper bounds of ||M||_F^2 and of ||M||_1 ||M||_inf, as dyadics. */
function squaredBounds(m: Matrix): { frobenius: Rational; rowCol: Rational } {
  let f = 0n;
  for (const row of m) f += squares(row, true);
  const { rows, cols } = lineSums(m);
  return { frobenius: Rational.dyadic(f, -FIXED_BITS), rowCol: Rational.dyadic(rows * cols, -2 * FIXED_BITS) };
}

/**
 * Certified upper bound of ||M||_2: the smaller of sqrt(||M||_F^2) and sqrt(||M||_1 ||M||_inf),
 * each a 128-bit dyadic rounded up.
 *
 * @example
 * ```ts
 * normUpper([[Rational.parse('3/5'), Rational.parse('4/5')]]).toString(); // '1'
 * ```
 */
export function normUpper(m: Matrix): Rational {
  const { frobenius, rowCol } = squaredBounds(m);
  return Rational.min(sqrtUpper(frobenius), sqrtUpper(rowCol));
}

/** A cost for a message: exact below 10^7, else with three significant digits. */
const figure = (x: number): string => (x < 1e7 ? String(x) : x.toExponential(2));

/** Thrown when an exact test would cost more than its cap: the kernel then refuses to decide. */
export class BeyondCap extends Error {}

/** What is left of a certificate's cost caps for exact tests (shared by all its layers). */
export interface PsdBudget {
  cost: number;
  products: number;
}

/**
 * A fresh budget: {@link PSD_MAX_COST} and {@link GRAM_MAX_PRODUCTS}.
 *
 * @example
 * ```ts
 * spectralAtMostOne(w, psdBudget());
 * ```
 */
export function psdBudget(): PsdBudget {
  return { cost: PSD_MAX_COST, products: GRAM_MAX_PRODUCTS };
}

/** Least common multiple of the denominators, or null once it exceeds PSD_MAX_DEN_BITS bits. */
function commonDenominator(m: Matrix): bigint | null {
  let d = 1n;
  const limit = 1n << BigInt(PSD_MAX_DEN_BITS);
  for (const row of m) {
    for (const q of row) {
      if (d % q.den === 0n) continue;
      d = (d / gcd(d, q.den)) * q.den;
      if (d >= limit) return null;
    }
  }
  return d;
}

/** Exact test that the symmetric integer matrix `a` (upper triangle read, overwritten) is PSD. */
function integerPsd(a: bigint[][]): boolean {
  let prev = 1n;
  let live = [...a.keys()];
  for (const k of a.keys()) {
    live = live.slice(1); // the indices after k not dropped
    const rk = a[k] as bigint[];
    const p = rk[k] as bigint;
    if (p < 0n) return false;
    if (p === 0n) {
      // a PSD matrix with a zero diagonal entry has that whole row zero; drop the index
      if (live.some((j) => rk[j] !== 0n)) return false;
      continue;
    }
    live.forEach((i, x) => {
      const ri = a[i] as bigint[];
      const aki = rk[i] as bigint;
      for (const j of live.slice(x)) ri[j] = (p * (ri[j] as bigint) - aki * (rk[j] as bigint)) / prev;
    });
    prev = p;
  }
  return true;
}

/**
 * Decides ||W||_2 <= 1 exactly (see the module header). The exact elimination, when needed, is
 * charged to `budget`; a test beyond what is left throws {@link BeyondCap} with the figures, its
 * message starting with `where`.
 *
 * @example
 * ```ts
 * const third = Rational.of(1, 3);
 * spectralAtMostOne([[third, third, third], [third, third, third], [third, third, third]], psdBudget()); // true
 * ```
 */
export function spectralAtMostOne(w: Matrix, budget: PsdBudget, where = ''): boolean {
  const { frobenius, rowCol } = squaredBounds(w);
  if (frobenius.le(Rational.ONE) || rowCol.le(Rational.ONE)) return true;
  const rows = w.length;
  const cols = (w[0] as readonly Rational[]).length;
  const one = 1n << P;
  // a row or a column of squared norm > 1 refutes (rounded down, so certainly > 1)
  if (w.some((row) => squares(row, false) > one)) return false;
  for (let j = 0; j < cols; j++)
    if (
      squares(
        w.map((row) => row[j] as Rational),
        false,
      ) > one
    )
      return false;
  const n = Math.min(rows, cols);
  const m = Math.max(rows, cols);
  const shape = `${where}the exact test of ||W||_2 <= 1 on a ${rows} x ${cols} layer`;
  if (n * n * m > budget.products)
    throw new BeyondCap(
      `${shape} needs ${n * n * m} products for its Gram matrix, beyond the ${budget.products} left of the certificate's cap`,
    );
  const d = commonDenominator(w);
  if (d === null)
    throw new BeyondCap(
      `${shape} needs the common denominator of its weights, which has more than ${PSD_MAX_DEN_BITS} bits`,
    );
  const beta = 2 * bitLength(d) + bitLength(BigInt(m)) + 2;
  const cost = n ** 5 * beta ** 2;
  if (cost > budget.cost)
    throw new BeyondCap(
      `${shape} (n = ${n}, ${beta}-bit integers) costs n^5 beta^2 = ${figure(cost)}, beyond the ${figure(budget.cost)} left of the certificate's cap`,
    );
  budget.cost -= cost;
  budget.products -= n * n * m;
  // M = d W (integers); G = the smaller Gram matrix of M; A = d^2 I - G
  const ints = w.map((row) => row.map((q) => q.num * (d / q.den)));
  const byCols = cols <= rows;
  const a: bigint[][] = [];
  for (let i = 0; i < n; i++) {
    const r = new Array<bigint>(n).fill(0n);
    for (let j = i; j < n; j++) {
      let s = 0n;
      for (let k = 0; k < m; k++) {
        const x = byCols ? (ints[k] as bigint[])[i] : (ints[i] as bigint[])[k];
        const y = byCols ? (ints[k] as bigint[])[j] : (ints[j] as bigint[])[k];
        s += (x as bigint) * (y as bigint);
      }
      r[j] = i === j ? d * d - s : -s;
    }
    a.push(r);
  }
  return integerPsd(a);
}
