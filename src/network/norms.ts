/**
 * The hypotheses on a target, decided exactly.
 *
 * - H: ||W_i||_2 <= 1 for every layer (spectral norm). Equivalent to I - W^T W being positive
 *   semidefinite, which {@link isPositiveSemidefinite} decides in exact integer arithmetic.
 *   Two cheaper sufficient conditions are tried first, compared exactly through their squares:
 *   ||W||_F^2 <= 1 and ||W||_1 ||W||_inf <= 1 (both bound ||W||_2^2). One cheap necessary
 *   condition is tried too: every row and every column of W must have Euclidean norm <= 1.
 * - H': |W_i[r, j]| <= 1/sqrt(n_{i-1}), decided exactly as W_i[r, j]^2 * n_{i-1} <= 1.
 *
 * Layers are numbered from 1, rows and columns from 0.
 */
import { sqrtUpper } from '../numeric/certified.js';
import { Rational, gcd } from '../numeric/rational.js';
import type { Matrix, Network } from './network.js';

/** Sum of squares of all entries, ||W||_F^2, exactly. */
function frobeniusSquared(m: Matrix): Rational {
  let s = Rational.ZERO;
  for (const row of m) for (const w of row) s = s.add(w.mul(w));
  return s;
}

/** ||W||_1 = largest column sum of |entries| (exact). */
function norm1(m: Matrix): Rational {
  const cols = m[0]?.length ?? 0;
  let best = Rational.ZERO;
  for (let j = 0; j < cols; j++) {
    let s = Rational.ZERO;
    for (const row of m) s = s.add((row[j] as Rational).abs());
    if (s.gt(best)) best = s;
  }
  return best;
}

/** ||W||_inf = largest row sum of |entries| (exact). */
function normInf(m: Matrix): Rational {
  let best = Rational.ZERO;
  for (const row of m) {
    let s = Rational.ZERO;
    for (const w of row) s = s.add(w.abs());
    if (s.gt(best)) best = s;
  }
  return best;
}

/** Largest |entry| and where it is (first occurrence in row-major order). */
function maxAbs(m: Matrix): { value: Rational; row: number; col: number } {
  let best = { value: Rational.ZERO, row: 0, col: 0 };
  m.forEach((row, r) =>
    row.forEach((w, c) => {
      if (w.abs().gt(best.value)) best = { value: w.abs(), row: r, col: c };
    }),
  );
  return best;
}

/**
 * Certified upper bound of the Frobenius norm ||W||_F (which bounds ||W||_2). The bound is <= 1
 * exactly when ||W||_F^2 <= 1.
 *
 * @example
 * ```ts
 * frobeniusUpper([[Rational.parse('3/5'), Rational.parse('4/5')]]).toString(); // '1'
 * ```
 */
export function frobeniusUpper(m: Matrix): Rational {
  return sqrtUpper(frobeniusSquared(m));
}

/**
 * Certified upper bound of sqrt(||W||_1 ||W||_inf) (which bounds ||W||_2). The bound is <= 1
 * exactly when ||W||_1 ||W||_inf <= 1.
 *
 * @example
 * ```ts
 * rowColUpper([[Rational.parse('1/2'), Rational.ZERO], [Rational.ZERO, Rational.parse('1/2')]]).toString(); // '1/2'
 * ```
 */
export function rowColUpper(m: Matrix): Rational {
  return sqrtUpper(norm1(m).mul(normInf(m)));
}

/**
 * Certified upper bound of the spectral norm ||W||_2: the smaller of {@link frobeniusUpper} and
 * {@link rowColUpper}. Not tight in general (see {@link spectralAtMostOne} for the exact test).
 *
 * @example
 * ```ts
 * spectralUpper([[Rational.ONE, Rational.ONE]]).toDecimal(6, 'ceil'); // '1.414214'
 * ```
 */
export function spectralUpper(m: Matrix): Rational {
  return Rational.min(frobeniusUpper(m), rowColUpper(m));
}

/**
 * Exact test that a symmetric rational matrix is positive semidefinite.
 *
 * Symmetric Gaussian elimination (an LDL^T factorisation) in fraction-free form (Bareiss): the
 * matrix is scaled to integers, and every entry stays an integer minor, so no rational ever
 * grows a denominator. A negative pivot refutes; a zero pivot is allowed only when the rest of
 * its row is zero (a PSD matrix with a zero diagonal entry has that whole row zero), and the
 * index is then dropped. Sylvester's leading-minor test would certify only positive
 * *definiteness*, so it would wrongly reject singular PSD matrices such as [[1, 0], [0, 0]].
 * Only the upper triangle is read; the caller guarantees symmetry.
 *
 * @example
 * ```ts
 * isPositiveSemidefinite([[Rational.ONE, Rational.ZERO], [Rational.ZERO, Rational.ZERO]]); // true
 * ```
 */
export function isPositiveSemidefinite(a: readonly (readonly Rational[])[]): boolean {
  const n = a.length;
  // Common denominator of the upper triangle, then integer entries.
  let den = 1n;
  for (let i = 0; i < n; i++) {
    const row = a[i] as readonly Rational[];
    for (let j = i; j < n; j++) {
      const d = (row[j] as Rational).den;
      if (den % d !== 0n) den = (den / gcd(den, d)) * d;
    }
  }
  const m: bigint[][] = [];
  for (let i = 0; i < n; i++) {
    const r: bigint[] = new Array<bigint>(n).fill(0n);
    for (let j = i; j < n; j++) {
      const q = (a[i] as readonly Rational[])[j] as Rational;
      r[j] = q.num * (den / q.den);
    }
    m.push(r);
  }
  // Bareiss on the upper triangle: m[i][j] (i <= j) for the active indices.
  let prev = 1n;
  const active: number[] = Array.from({ length: n }, (_, i) => i);
  while (active.length > 0) {
    const k = active.shift() as number;
    const rk = m[k] as bigint[];
    const p = rk[k] as bigint;
    if (p < 0n) return false;
    if (p === 0n) {
      for (const j of active) if (rk[j] !== 0n) return false;
      continue; // row and column k are zero: drop index k, keep the previous pivot
    }
    for (let x = 0; x < active.length; x++) {
      const i = active[x] as number;
      const ri = m[i] as bigint[];
      const aki = rk[i] as bigint; // = m[i][k] by symmetry
      for (let y = x; y < active.length; y++) {
        const j = active[y] as number;
        const num = p * (ri[j] as bigint) - aki * (rk[j] as bigint);
        const q = num / prev;
        if (q * prev !== num) throw new Error('isPositiveSemidefinite: inexact Bareiss division (bug)');
        ri[j] = q;
      }
    }
    prev = p;
  }
  return true;
}

/**
 * The smaller Gram matrix of W: W^T W (n_in x n_in) or W W^T (n_out x n_out). Both have the same
 * nonzero eigenvalues, so either decides ||W||_2 <= 1.
 */
function smallGram(m: Matrix): Rational[][] {
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  const byCols = cols <= rows; // W^T W
  const k = byCols ? cols : rows;
  const g: Rational[][] = Array.from({ length: k }, () => new Array<Rational>(k).fill(Rational.ZERO));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = Rational.ZERO;
      if (byCols) for (const row of m) s = s.add((row[i] as Rational).mul(row[j] as Rational));
      else {
        const ri = m[i] as readonly Rational[];
        const rj = m[j] as readonly Rational[];
        for (let c = 0; c < cols; c++) s = s.add((ri[c] as Rational).mul(rj[c] as Rational));
      }
      (g[i] as Rational[])[j] = s;
      (g[j] as Rational[])[i] = s;
    }
  }
  return g;
}

/** How a verdict on ||W||_2 <= 1 was reached. */
export type SpectralMethod = 'frobenius' | 'row-col' | 'line-norm' | 'exact-psd';

/**
 * Decides ||W||_2 <= 1 exactly and says how: `frobenius` (||W||_F^2 <= 1), `row-col`
 * (||W||_1 ||W||_inf <= 1), `line-norm` (some row or column has squared norm > 1, so
 * ||W||_2 > 1) or `exact-psd` (I - G positive semidefinite for the smaller Gram matrix G).
 *
 * @example
 * ```ts
 * spectralVerdict([[Rational.ONE, Rational.ONE]]); // { holds: false, method: 'line-norm' }
 * ```
 */
export function spectralVerdict(m: Matrix): { holds: boolean; method: SpectralMethod } {
  if (frobeniusSquared(m).le(Rational.ONE)) return { holds: true, method: 'frobenius' };
  if (norm1(m).mul(normInf(m)).le(Rational.ONE)) return { holds: true, method: 'row-col' };
  const g = smallGram(m);
  if (g.some((row, i) => (row[i] as Rational).gt(Rational.ONE))) return { holds: false, method: 'line-norm' };
  const a = g.map((row, i) => row.map((x, j) => (i === j ? Rational.ONE.sub(x) : x.neg())));
  return { holds: isPositiveSemidefinite(a), method: 'exact-psd' };
}

/**
 * Exact test of ||W||_2 <= 1, i.e. I - W^T W positive semidefinite, in exact arithmetic (see
 * {@link spectralVerdict} for the shortcuts and {@link isPositiveSemidefinite} for the test).
 *
 * @example
 * ```ts
 * const third = Rational.of(1, 3);
 * spectralAtMostOne([[third, third, third], [third, third, third], [third, third, third]]); // true (norm exactly 1)
 * ```
 */
export function spectralAtMostOne(m: Matrix): boolean {
  return spectralVerdict(m).holds;
}

/** The exact figures of one layer under H. */
export interface LayerH {
  /** Layer number i, from 1. */
  readonly layer: number;
  /** n_i (rows) and n_{i-1} (columns). */
  readonly rows: number;
  readonly cols: number;
  /** ||W_i||_2 <= 1, decided exactly. */
  readonly holds: boolean;
  /** How {@link holds} was decided. */
  readonly method: SpectralMethod;
  /** ||W_i||_F^2 exactly, and a certified upper bound of ||W_i||_F. */
  readonly frobeniusSquared: Rational;
  readonly frobeniusUpper: Rational;
  /** ||W_i||_1 (max column sum), ||W_i||_inf (max row sum), their product, and a certified upper bound of its square root. */
  readonly norm1: Rational;
  readonly normInf: Rational;
  readonly rowColProduct: Rational;
  readonly rowColUpper: Rational;
  /** min of the two certified bounds: an upper bound of ||W_i||_2. */
  readonly spectralUpper: Rational;
  /** max |W_i[r, j]| (H implies it is <= 1). */
  readonly maxAbsEntry: Rational;
}

/** The exact figures of one layer under H'. */
export interface LayerHPrime {
  readonly layer: number;
  /** n_{i-1}: the bound is |w| <= 1/sqrt(fanIn). */
  readonly fanIn: number;
  readonly holds: boolean;
  /** max |W_i[r, j]| and its first position. */
  readonly maxAbsEntry: Rational;
  readonly row: number;
  readonly col: number;
  /** max |w|^2 * n_{i-1}: H' holds for the layer iff this is <= 1. */
  readonly ratioSquared: Rational;
  /** Number of entries with |w| > 1/sqrt(n_{i-1}). */
  readonly violations: number;
}

/** A hypothesis verdict over a whole network. */
export interface HypothesisReport<L> {
  /** True when every layer satisfies the hypothesis. */
  readonly holds: boolean;
  readonly layers: readonly L[];
  /** The first offending layer (from 1), or null. */
  readonly firstViolation: number | null;
}

/**
 * The figures of one matrix under H (see {@link LayerH}).
 *
 * @example
 * ```ts
 * layerH([[Rational.ONE]], 1).holds; // true
 * ```
 */
export function layerH(m: Matrix, layer: number): LayerH {
  const fro = frobeniusSquared(m);
  const n1 = norm1(m);
  const ni = normInf(m);
  const rc = n1.mul(ni);
  const fu = sqrtUpper(fro);
  const ru = sqrtUpper(rc);
  const { holds, method } = spectralVerdict(m);
  return {
    layer,
    rows: m.length,
    cols: m[0]?.length ?? 0,
    holds,
    method,
    frobeniusSquared: fro,
    frobeniusUpper: fu,
    norm1: n1,
    normInf: ni,
    rowColProduct: rc,
    rowColUpper: ru,
    spectralUpper: Rational.min(fu, ru),
    maxAbsEntry: maxAbs(m).value,
  };
}

/**
 * Checks hypothesis H (||W_i||_2 <= 1 for every layer) exactly, with per-layer figures.
 *
 * @example
 * ```ts
 * const report = checkH(net);
 * report.holds; report.firstViolation; // e.g. false, 2
 * ```
 */
export function checkH(net: Network): HypothesisReport<LayerH> {
  const layers = net.layers.map((m, i) => layerH(m, i + 1));
  const bad = layers.find((l) => !l.holds);
  return { holds: bad === undefined, layers, firstViolation: bad ? bad.layer : null };
}

/**
 * Checks hypothesis H' (|W_i[r, j]| <= 1/sqrt(n_{i-1}) for every weight) exactly, comparing
 * w^2 n_{i-1} with 1.
 *
 * @example
 * ```ts
 * checkHPrime(net).layers[0].ratioSquared.toString(); // e.g. '3/4'
 * ```
 */
export function checkHPrime(net: Network): HypothesisReport<LayerHPrime> {
  const layers = net.layers.map((m, i): LayerHPrime => {
    const fanIn = m[0]?.length ?? 0;
    const n = Rational.of(fanIn);
    let violations = 0;
    for (const row of m) for (const w of row) if (w.mul(w).mul(n).gt(Rational.ONE)) violations++;
    const best = maxAbs(m);
    const ratioSquared = best.value.mul(best.value).mul(n);
    return {
      layer: i + 1,
      fanIn,
      holds: violations === 0,
      maxAbsEntry: best.value,
      row: best.row,
      col: best.col,
      ratioSquared,
      violations,
    };
  });
  const bad = layers.find((l) => !l.holds);
  return { holds: bad === undefined, layers, firstViolation: bad ? bad.layer : null };
}
