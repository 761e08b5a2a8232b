/**
 * Construction D (subset sums, Pensia et al. 2020; docs/MATH.md §4.5) on the lazy random network G.
 *
 * Shape. G layer 2i-1 has m_i = k_i n_{i-1} units: pool P_j of input coordinate j is the units
 * j k_i + t, t < k_i; unit j k_i + t keeps only its edge from input j, of weight
 * u_t = G[2i-1][j k_i + t][j]. Output r of target layer i may use any subset of P_j through the
 * weights v_{r,t} = G[2i][r][j k_i + t].
 *
 * Gadget. For w = W_i[r, j] the + side S+ is chosen among the units of P_j with u > 0 and the -
 * side S- among those with u < 0 (subset-search.ts: the exact optimum for sides of at most 40
 * units, growing prefixes beyond); g(y) = sum_{t in S+ cup S-} v_{r,t} sigma(u_t y) equals
 * y sum_{S+} u v for y >= 0 and y sum_{S-} u v for y <= 0, so |g(y) - w y| <= e |y| with the exact
 *
 *   e = max(|sum_{S+} u v - w|, |sum_{S-} u v - w|).
 *
 * A weight whose e exceeds eta is a miss. The Lemma 4 chain takes a_i >= ||E_i||_2 (the smaller of
 * the Frobenius bound and sqrt(||E_i||_1 ||E_i||_inf), from exact row, column and square sums) and
 * s_i >= ||W_i||_2 (1 when H holds for the layer, decided exactly, else a certified bound).
 *
 * Work is cut into jobs of consecutive rows of one target layer: a job generates each row's
 * v_{r,.} once with a cursor and solves all n_{i-1} pools of the row, so memory stays at a few
 * rows of G. Jobs are independent (any thread may run any job: see parallel.ts) and their
 * results are merged in (layer, row) order with exact sums, so the outcome does not depend on
 * how many threads ran them.
 */
import { InputError } from '../errors.js';
import { sqrtUpper } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import type { Matrix, Network } from '../network/network.js';
import { networkToJson } from '../network/json.js';
import { widths as networkWidths } from '../network/network.js';
import { frobeniusUpper, rowColUpper, spectralUpper } from '../network/norms.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import { gadgetLineText } from '../certificate/format2.js';
import { lemma4Chain, weightNormUpper, type LayerBound } from '../theory/lemma4.js';
import { ProductSides, searchSubset, MAX_EXACT_VALUES, type SubsetChoice } from './subset-search.js';
import { runJobs } from './parallel.js';

/**
 * Most units k_i n_{i-1} of one gadget layer of G (2^26 = 67,108,864): each thread holds every u
 * of a layer and the offsets of its signs in memory (about 12 bytes a unit), so a larger pool is
 * refused with a clear error rather than run out of memory. The kernel has the same cap
 * (MAX_SUBSET_UNITS in src/kernel/limits.ts); the stated width of (b), 784-500-10 at eps = 0.1,
 * needs 330,848.
 *
 * @example
 * ```ts
 * checkSubsetSpec({ seed: 's', target, eta, pool: [MAX_LAYER_UNITS + 1] }); // throws (d = 1)
 * ```
 */
export const MAX_LAYER_UNITS = 2 ** 26;

/** What a subset run needs besides the rows to solve. Plain data: it crosses thread boundaries. */
export interface SubsetSpec {
  readonly seed: string;
  readonly target: Network;
  /** The per-weight tolerance. */
  readonly eta: Rational;
  /** Pool size k_i (units per input coordinate) per target layer. */
  readonly pool: readonly number[];
  /** Sides with at most this many units are solved exactly (default 40). */
  readonly exactLimit?: number;
}

/** One job: rows [rowFrom, rowTo) of target layer `layer`. */
export interface SubsetJob {
  readonly layer: number;
  readonly rowFrom: number;
  readonly rowTo: number;
}

/** A target weight whose best gadget is not within eta. */
export interface SubsetMiss {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  /** The target weight, exact. */
  readonly w: string;
  /** Which side(s) exceed eta. */
  readonly side: 'plus' | 'minus' | 'both';
  /** The best exact errors found on each side (over the units searched). */
  readonly errorPlus: string;
  readonly errorMinus: string;
  readonly pool: number;
}

/** One gadget, structured (kept only on request, for small runs and tests). */
export interface SubsetGadget {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly w: Rational;
  /** Offsets within the pool P_col, increasing. */
  readonly plus: readonly number[];
  readonly minus: readonly number[];
  readonly errorPlus: Rational;
  readonly errorMinus: Rational;
  readonly error: Rational;
  /** Whether each side is the exact optimum over all of its units. */
  readonly optimalPlus: boolean;
  readonly optimalMinus: boolean;
}

/** Counters of one job (or a whole run). */
export interface SubsetStats {
  /** Gadgets with e <= eta. */
  within: number;
  /** Sides (two per weight) and those solved optimally over the whole side. */
  halves: number;
  optimalHalves: number;
  /** Sides decided by the exact BigInt search (the float search handed over). */
  exactFallbacks: number;
  /** Largest number of units searched on one side. */
  maxSearched: number;
  /** Kept out-edges: sum over gadgets of |S+| + |S-|. */
  outEdges: number;
}

/** The result of one job. Exact sums are strings (they cross thread boundaries). */
export interface SubsetJobResult {
  readonly layer: number;
  readonly rowFrom: number;
  readonly rowTo: number;
  /** The gadget lines of the job's rows, in (row, col) order, each followed by a newline. */
  readonly text: string;
  /** Per row: sum_j e. */
  readonly rowSums: string[];
  /** Per column: sum over the job's rows of e. */
  readonly colSums: string[];
  /** Sum over the job of e^2. */
  readonly squareSum: string;
  /** used[j k + t] = 1 when unit j k + t of G layer 2i-1 is kept by some gadget of the job. */
  readonly used: Uint8Array;
  readonly stats: SubsetStats;
  readonly misses: SubsetMiss[];
  /** Present when requested. */
  readonly gadgets?: SubsetGadget[];
}

/** The u of one target layer's pools: values and the offsets of each sign, per input coordinate. */
interface LayerPools {
  readonly k: number;
  readonly u: Float64Array;
  readonly plus: Int32Array[];
  readonly minus: Int32Array[];
}

/**
 * Validates a subset spec: seed, pools >= 1 with m_i = k_i n_{i-1} addressable, 0 < eta.
 *
 * @example
 * ```ts
 * checkSubsetSpec({ seed: 's', target, eta: Rational.parse('0.01'), pool: [42, 42] });
 * ```
 */
export function checkSubsetSpec(spec: SubsetSpec): void {
  checkSeed(spec.seed);
  const ws = networkWidths(spec.target);
  const l = spec.target.layers.length;
  if (spec.pool.length !== l)
    throw new InputError(`need one pool size per target layer (${l}), got ${spec.pool.length}`);
  spec.pool.forEach((k, i) => {
    if (!Number.isSafeInteger(k) || k < 1) throw new InputError(`pool size must be an integer >= 1, got ${k}`);
    if (k * (ws[i] as number) > MAX_LAYER_UNITS)
      throw new InputError(
        `G layer ${2 * i + 1} would need ${k} x ${ws[i]} = ${k * (ws[i] as number)} units; construction D holds a layer's units in memory and stops at 2^26 = ${MAX_LAYER_UNITS} per layer`,
      );
  });
  if (spec.eta.sign() <= 0) throw new InputError(`eta must be > 0, got ${spec.eta.toString()}`);
  const lim = spec.exactLimit ?? MAX_EXACT_VALUES;
  if (!Number.isSafeInteger(lim) || lim < 0 || lim > MAX_EXACT_VALUES)
    throw new InputError(`the exact limit must be an integer in 0..${MAX_EXACT_VALUES}, got ${lim}`);
}

/**
 * Solves jobs of one subset run in this thread, caching each layer's pools.
 *
 * @example
 * ```ts
 * const solver = new SubsetSolver(spec);
 * const res = solver.solve({ layer: 1, rowFrom: 0, rowTo: 4 });
 * res.text.split('\n').length - 1; // 4 n_0 gadget lines
 * ```
 */
export class SubsetSolver {
  private readonly spec: SubsetSpec;
  private readonly widths: number[];
  private readonly pools = new Map<number, LayerPools>();
  private readonly sides = new ProductSides();

  constructor(spec: SubsetSpec) {
    checkSubsetSpec(spec);
    this.spec = spec;
    this.widths = networkWidths(spec.target);
  }

  private layerPools(layer: number): LayerPools {
    let p = this.pools.get(layer);
    if (p) return p;
    const nIn = this.widths[layer - 1] as number;
    const k = this.spec.pool[layer - 1] as number;
    const u = new Float64Array(nIn * k);
    const plus: Int32Array[] = [];
    const minus: Int32Array[] = [];
    for (let j = 0; j < nIn; j++) {
      const c = new Cursor(this.spec.seed, 2 * layer - 1, j, j * k);
      const pl: number[] = [];
      const mi: number[] = [];
      for (let t = 0; t < k; t++) {
        const x = c.next();
        u[j * k + t] = x;
        if (x > 0) pl.push(t);
        else if (x < 0) mi.push(t);
      }
      plus.push(Int32Array.from(pl));
      minus.push(Int32Array.from(mi));
    }
    p = { k, u, plus, minus };
    this.pools.set(layer, p);
    return p;
  }

  /** Solves one job; `keepGadgets` adds the structured gadgets to the result. */
  solve(job: SubsetJob, keepGadgets = false): SubsetJobResult {
    const { layer, rowFrom, rowTo } = job;
    const W = this.spec.target.layers[layer - 1] as Matrix;
    if (!W || rowFrom < 0 || rowTo > W.length || rowFrom > rowTo) throw new RangeError('SubsetSolver: bad job');
    const nIn = this.widths[layer - 1] as number;
    const pools = this.layerPools(layer);
    const { k, u } = pools;
    const eta = this.spec.eta;
    const exactLimit = this.spec.exactLimit ?? MAX_EXACT_VALUES;
    const v = new Float64Array(nIn * k);
    const lines: string[] = [];
    const rowSums: string[] = [];
    const sums = new JobSums(nIn);
    const sides = this.sides;
    const used = new Uint8Array(nIn * k);
    const stats: SubsetStats = {
      within: 0,
      halves: 0,
      optimalHalves: 0,
      exactFallbacks: 0,
      maxSearched: 0,
      outEdges: 0,
    };
    const misses: SubsetMiss[] = [];
    const gadgets: SubsetGadget[] | undefined = keepGadgets ? [] : undefined;
    for (let r = rowFrom; r < rowTo; r++) {
      // v_{r, .}: one cursor along row r of G layer 2i
      const cv = new Cursor(this.spec.seed, 2 * layer, r, 0);
      for (let filled = 0; filled < v.length;) {
        const chunk = cv.chunk();
        const n = Math.min(chunk.length, v.length - filled);
        v.set(n === chunk.length ? chunk : chunk.subarray(0, n), filled);
        filled += n;
      }
      const row = W[r] as readonly Rational[];
      sums.startRow();
      for (let j = 0; j < nIn; j++) {
        const w = row[j] as Rational;
        const wFloat = w.toNumber();
        const base = j * k;
        const half = (offs: Int32Array): { offsets: number[]; c: SubsetChoice } => {
          const c = searchSubset(sides.load(u, v, offs, base), w, eta, { exactLimit, wFloat });
          stats.halves += 1;
          if (c.optimal) stats.optimalHalves += 1;
          if (c.method === 'exact') stats.exactFallbacks += 1;
          if (c.searched > stats.maxSearched) stats.maxSearched = c.searched;
          const offsets = c.subset.map((q) => offs[q] as number);
          for (const t of offsets) used[base + t] = 1;
          stats.outEdges += offsets.length;
          return { offsets, c };
        };
        const p = half(pools.plus[j] as Int32Array);
        const m = half(pools.minus[j] as Int32Array);
        // both distances share the denominator 2^104 w.den
        const distDen = p.c.distDen;
        const distNum = p.c.distNum > m.c.distNum ? p.c.distNum : m.c.distNum;
        const e = Rational.of(distNum, distDen);
        lines.push(gadgetLineText({ layer, row: r, col: j, plus: p.offsets, minus: m.offsets, error: e.toString() }));
        sums.add(j, distNum, distDen, e);
        const pOk = p.c.distNum * eta.den <= eta.num * distDen;
        const mOk = m.c.distNum * eta.den <= eta.num * distDen;
        if (pOk && mOk) stats.within += 1;
        else
          misses.push({
            layer,
            row: r,
            col: j,
            w: w.toString(),
            side: !pOk && !mOk ? 'both' : pOk ? 'minus' : 'plus',
            errorPlus: p.c.error.toString(),
            errorMinus: m.c.error.toString(),
            pool: k,
          });
        gadgets?.push({
          layer,
          row: r,
          col: j,
          w,
          plus: p.offsets,
          minus: m.offsets,
          errorPlus: p.c.error,
          errorMinus: m.c.error,
          error: e,
          optimalPlus: p.c.optimal,
          optimalMinus: m.c.optimal,
        });
      }
      rowSums.push(sums.endRow().toString());
    }
    return {
      layer,
      rowFrom,
      rowTo,
      text: lines.length === 0 ? '' : `${lines.join('\n')}\n`,
      rowSums,
      colSums: sums.columns().map(String),
      squareSum: sums.squares().toString(),
      used,
      stats,
      misses,
      ...(gadgets ? { gadgets } : {}),
    };
  }
}

/** Bits of the common scale of the integer error sums (errors dist / (2^104 w.den) with w.den <= 2^64). */
const SCALE = 168n;

/**
 * A job's exact sums of errors (per row, per column, of squares). Errors with a power-of-two
 * denominator up to 2^SCALE are summed as integers over 2^SCALE (squares over 2^(2 SCALE)); any
 * other error goes to a rational sum. The totals are the same exact numbers either way.
 */
class JobSums {
  private row = 0n;
  private rowQ = Rational.ZERO;
  private readonly cols: bigint[];
  private readonly colsQ: Rational[];
  private sq = 0n;
  private sqQ = Rational.ZERO;
  private readonly shifts = new Map<bigint, bigint | null>();

  constructor(nIn: number) {
    this.cols = new Array<bigint>(nIn).fill(0n);
    this.colsQ = new Array<Rational>(nIn).fill(Rational.ZERO);
  }

  private shiftOf(den: bigint): bigint | null {
    let s = this.shifts.get(den);
    if (s === undefined) {
      const bits = BigInt(den.toString(2).length - 1);
      s = (den & (den - 1n)) === 0n && bits <= SCALE ? SCALE - bits : null;
      this.shifts.set(den, s);
    }
    return s;
  }

  startRow(): void {
    this.row = 0n;
    this.rowQ = Rational.ZERO;
  }

  add(j: number, num: bigint, den: bigint, e: Rational): void {
    const s = this.shiftOf(den);
    if (s !== null) {
      const x = num << s;
      this.row += x;
      this.cols[j] = (this.cols[j] as bigint) + x;
      this.sq += x * x;
    } else {
      this.rowQ = this.rowQ.add(e);
      this.colsQ[j] = (this.colsQ[j] as Rational).add(e);
      this.sqQ = this.sqQ.add(e.mul(e));
    }
  }

  endRow(): Rational {
    return Rational.of(this.row, 1n << SCALE).add(this.rowQ);
  }

  columns(): Rational[] {
    return this.cols.map((x, j) => Rational.of(x, 1n << SCALE).add(this.colsQ[j] as Rational));
  }

  squares(): Rational {
    return Rational.of(this.sq, 1n << (2n * SCALE)).add(this.sqQ);
  }
}

/**
 * The jobs of a run in output order: each layer's rows cut into blocks of about
 * rows / (8 x threads) rows (at least one).
 *
 * @example
 * ```ts
 * subsetJobs([784, 500, 10], 2); // layer 1 in 16 blocks of 32 rows (the last shorter), layer 2 in 10 blocks of 1 row
 * ```
 */
export function subsetJobs(widths: readonly number[], threads: number): SubsetJob[] {
  const jobs: SubsetJob[] = [];
  for (let i = 1; i < widths.length; i++) {
    const rows = widths[i] as number;
    const per = Math.max(1, Math.ceil(rows / (8 * Math.max(1, threads))));
    for (let r = 0; r < rows; r += per) jobs.push({ layer: i, rowFrom: r, rowTo: Math.min(rows, r + per) });
  }
  return jobs;
}

/**
 * Certified s >= ||W||_2, equal to {@link weightNormUpper} but fast on large layers that violate H:
 * when neither cheap sufficient test (Frobenius, sqrt(||W||_1 ||W||_inf)) holds and some row or
 * column has squared norm > 1, ||W||_2 > 1 and the exact PSD test is skipped.
 *
 * @example
 * ```ts
 * weightNormUpperFast([[Rational.ONE, Rational.ONE]]).toDecimal(3, 'ceil'); // '1.415' (= spectralUpper)
 * ```
 */
export function weightNormUpperFast(w: Matrix): Rational {
  const fro = frobeniusUpper(w);
  const rc = rowColUpper(w);
  if (fro.le(Rational.ONE) || rc.le(Rational.ONE)) return Rational.ONE;
  const cols = w[0]?.length ?? 0;
  const colSq: Rational[] = Array.from({ length: cols }, () => Rational.ZERO);
  let lineAboveOne = false;
  for (const row of w) {
    let s = Rational.ZERO;
    row.forEach((x, j) => {
      const q = x.mul(x);
      s = s.add(q);
      colSq[j] = (colSq[j] as Rational).add(q);
    });
    if (s.gt(Rational.ONE)) {
      lineAboveOne = true;
      break;
    }
  }
  if (!lineAboveOne) lineAboveOne = colSq.some((q) => q.gt(Rational.ONE));
  return lineAboveOne ? spectralUpper(w) : weightNormUpper(w);
}

/**
 * Exact per-layer sums of realised errors, merged from jobs in any order.
 *
 * @example
 * ```ts
 * const sums = new ErrorSums([784, 500, 10]);
 * sums.add(jobResult);
 * sums.a(1); // a_1 >= ||E_1||_2
 * ```
 */
export class ErrorSums {
  private readonly rows: Rational[][];
  private readonly cols: Rational[][];
  private readonly squares: Rational[];

  constructor(widths: readonly number[]) {
    this.rows = widths.slice(1).map((n) => Array.from({ length: n }, () => Rational.ZERO));
    this.cols = widths.slice(0, -1).map((n) => Array.from({ length: n }, () => Rational.ZERO));
    this.squares = widths.slice(1).map(() => Rational.ZERO);
  }

  /** Adds a job's sums. */
  add(res: SubsetJobResult): void {
    const i = res.layer - 1;
    res.rowSums.forEach((s, q) => ((this.rows[i] as Rational[])[res.rowFrom + q] = Rational.parse(s)));
    const cols = this.cols[i] as Rational[];
    res.colSums.forEach((s, j) => (cols[j] = (cols[j] as Rational).add(Rational.parse(s))));
    this.squares[i] = (this.squares[i] as Rational).add(Rational.parse(res.squareSum));
  }

  /**
   * a_i: min(sqrt upper of sum e^2, sqrt upper of max column sum x max row sum), the same value
   * as spectralUpper on the error matrix.
   */
  a(layer: number): Rational {
    const i = layer - 1;
    const max = (xs: readonly Rational[]): Rational => xs.reduce((m, x) => (x.gt(m) ? x : m), Rational.ZERO);
    const fro = sqrtUpper(this.squares[i] as Rational);
    const rc = sqrtUpper(max(this.cols[i] as Rational[]).mul(max(this.rows[i] as Rational[])));
    return Rational.min(fro, rc);
  }
}

/** Options of a subset run. */
export interface SubsetRunOptions {
  /** Receives the gadget lines in (layer, row, col) order. */
  readonly sink?: (text: string, count: number) => void;
  /** Called with (weights done, weights total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Keep structured gadgets in the result (small runs only). */
  readonly keepGadgets?: boolean;
}

/** The outcome of a subset run. */
export interface SubsetResult {
  /** Every weight within eta. */
  readonly ok: boolean;
  readonly misses: SubsetMiss[];
  readonly perLayer: LayerBound[];
  /** Lemma 4 bound (Delta_l). */
  readonly total: Rational;
  /** Distinct kept units (one in-edge each) plus kept out-edges. */
  readonly activeWeights: number;
  readonly stats: SubsetStats;
  readonly weights: number;
  readonly gadgets?: SubsetGadget[];
}

/**
 * Merges job results in output order into a {@link SubsetResult}.
 *
 * @example
 * ```ts
 * const merger = new SubsetMerger(spec, { sink: (text) => out.push(text) });
 * for (const job of subsetJobs(widths, 1)) merger.add(solver.solve(job));
 * merger.result().total; // the Lemma 4 bound
 * ```
 */
export class SubsetMerger {
  private readonly sums: ErrorSums;
  private readonly used: Uint8Array[];
  private readonly stats: SubsetStats = {
    within: 0,
    halves: 0,
    optimalHalves: 0,
    exactFallbacks: 0,
    maxSearched: 0,
    outEdges: 0,
  };
  private readonly misses: SubsetMiss[] = [];
  private readonly gadgets: SubsetGadget[] = [];
  private done = 0;
  private readonly total: number;
  /** s_i >= ||W_i||_2 per target layer, once computed. */
  private norms: Rational[] | undefined;

  constructor(
    private readonly spec: SubsetSpec,
    private readonly opts: SubsetRunOptions,
  ) {
    const ws = networkWidths(spec.target);
    this.sums = new ErrorSums(ws);
    this.used = spec.pool.map((k, i) => new Uint8Array(k * (ws[i] as number)));
    this.total = ws.slice(1).reduce((a, n, i) => a + n * (ws[i] as number), 0);
  }

  /** Takes the next job result (results must arrive in job order). */
  add(res: SubsetJobResult): void {
    const nIn = res.colSums.length;
    const count = (res.rowTo - res.rowFrom) * nIn;
    this.opts.sink?.(res.text, count);
    this.sums.add(res);
    const u = this.used[res.layer - 1] as Uint8Array;
    for (let q = 0; q < u.length; q++) if (res.used[q]) u[q] = 1;
    const s = this.stats;
    s.within += res.stats.within;
    s.halves += res.stats.halves;
    s.optimalHalves += res.stats.optimalHalves;
    s.exactFallbacks += res.stats.exactFallbacks;
    s.maxSearched = Math.max(s.maxSearched, res.stats.maxSearched);
    s.outEdges += res.stats.outEdges;
    this.misses.push(...res.misses);
    if (res.gadgets) this.gadgets.push(...res.gadgets);
    this.done += count;
    this.opts.onProgress?.(this.done, this.total);
  }

  /**
   * Computes the certified s_i >= ||W_i||_2 of the target's layers now (they depend on the target
   * alone), so that {@link result} does not: the parallel run calls it while the workers solve.
   * Returns the bounds.
   *
   * @example
   * ```ts
   * new SubsetMerger(spec, {}).targetNorms()[0]; // s_1: 1 when ||W_1||_2 <= 1 is decided cheaply
   * ```
   */
  targetNorms(): readonly Rational[] {
    this.norms ??= this.spec.target.layers.map((W) => weightNormUpperFast(W));
    return this.norms;
  }

  /** The result once every job was added. */
  result(): SubsetResult {
    const s = this.targetNorms();
    const perLayer: LayerBound[] = this.spec.target.layers.map((_W, i) => ({
      layer: i + 1,
      a: this.sums.a(i + 1),
      s: s[i] as Rational,
    }));
    let units = 0;
    for (const u of this.used) for (let q = 0; q < u.length; q++) units += u[q] as number;
    return {
      ok: this.misses.length === 0,
      misses: this.misses,
      perLayer,
      total: lemma4Chain(perLayer),
      activeWeights: units + this.stats.outEdges,
      stats: { ...this.stats },
      weights: this.total,
      ...(this.opts.keepGadgets ? { gadgets: this.gadgets } : {}),
    };
  }
}

/**
 * Runs construction D in this thread (see parallel.ts for worker threads; both give the same
 * result and the same gadget lines).
 *
 * @example
 * ```ts
 * const res = constructSubsetHere({ seed: 's', target, eta: Rational.parse('0.01'), pool: [42, 42] }, { keepGadgets: true });
 * res.ok; // every weight within eta
 * ```
 */
export function constructSubsetHere(spec: SubsetSpec, opts: SubsetRunOptions = {}): SubsetResult {
  const solver = new SubsetSolver(spec);
  const merger = new SubsetMerger(spec, opts);
  for (const job of subsetJobs(networkWidths(spec.target), 1)) merger.add(solver.solve(job, opts.keepGadgets === true));
  return merger.result();
}

/** A subset spec as plain JSON data for a worker. */
export interface SubsetSpecJson {
  seed: string;
  target: { format: string; layers: string[][][] };
  eta: string;
  pool: number[];
  exactLimit: number | null;
}

/**
 * A subset spec as plain data, and back.
 *
 * @example
 * ```ts
 * subsetSpecFromJson(subsetSpecToJson(spec)); // the same run
 * ```
 */
export function subsetSpecToJson(spec: SubsetSpec): SubsetSpecJson {
  return {
    seed: spec.seed,
    target: networkToJson(spec.target),
    eta: spec.eta.toString(),
    pool: [...spec.pool],
    exactLimit: spec.exactLimit ?? null,
  };
}

/**
 * A target whose rows are parsed on first access (a worker parses only the rows of its jobs). The
 * document must come from {@link networkToJson} of a validated network.
 *
 * @example
 * ```ts
 * const t = lazyTarget(networkToJson(net));
 * t.layers[0]?.[3]; // row 3 of W_1, parsed now
 * ```
 */
export function lazyTarget(doc: { layers: string[][][] }): Network {
  const layers = doc.layers.map((m) => {
    const rows: Rational[][] = [];
    return new Proxy(rows, {
      get(target, prop, receiver): unknown {
        if (prop === 'length') return m.length;
        if (typeof prop === 'string' && /^\d+$/.test(prop)) {
          const r = Number(prop);
          const text = m[r];
          if (text === undefined) return undefined;
          let row = target[r];
          if (row === undefined) {
            row = text.map((x) => Rational.parse(x));
            target[r] = row;
          }
          return row;
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  });
  return { layers };
}

/** Inverse of {@link subsetSpecToJson} (the target's rows are parsed lazily). @example `subsetSpecFromJson(json).pool` */
export function subsetSpecFromJson(j: SubsetSpecJson): SubsetSpec {
  return {
    seed: j.seed,
    target: lazyTarget(j.target),
    eta: Rational.parse(j.eta),
    pool: j.pool,
    ...(j.exactLimit === null ? {} : { exactLimit: j.exactLimit }),
  };
}

/**
 * Runs construction D on `threads` worker threads (1, or structured gadgets wanted: in this
 * thread). Results are merged in job order, so the result and the gadget lines handed to the sink
 * are the same whatever `threads`.
 *
 * @example
 * ```ts
 * const res = await constructSubset(spec, { sink: (text) => writer.gadgetText(text) }, 2);
 * ```
 */
export async function constructSubset(
  spec: SubsetSpec,
  opts: SubsetRunOptions = {},
  threads = 1,
): Promise<SubsetResult> {
  if (threads <= 1 || opts.keepGadgets) return constructSubsetHere(spec, opts);
  checkSubsetSpec(spec);
  const merger = new SubsetMerger(spec, opts);
  const jobs = subsetJobs(networkWidths(spec.target), threads);
  const running = runJobs({ kind: 'subset', spec: subsetSpecToJson(spec) }, jobs, threads, (_i, r) =>
    merger.add(r as SubsetJobResult),
  );
  // the workers are started and hold their first jobs (each takes far longer than this): the main
  // thread would otherwise sit idle, so the target's norm bounds are computed now, not after the run
  try {
    merger.targetNorms();
  } finally {
    await running;
  }
  return merger.result();
}
