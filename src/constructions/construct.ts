/**
 * Runs a construction on the lazy random network G: for every target weight it scans the weight's
 * pool (through {@link Cursor}s, never materialising G) for the first unit satisfying the + rule
 * and the first satisfying the - rule, then assembles the subnetwork's gadgets, their exact
 * realised errors and the Lemma 4 bound.
 *
 * The weights are cut into jobs (blocks of one layer's weights in row-major order) whose results
 * are merged in order: {@link construct} runs them in this thread, {@link constructParallel} on
 * worker threads, with identical results.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Network, Matrix } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import { gadgetError } from './gadget.js';
import { RULES, type Rule } from './rules.js';
import { isGadgetConstruction, type ConstructionName, type GadgetConstruction } from '../theory/construction-name.js';
import { networkToJson, parseNetwork } from '../network/json.js';
import { spectralUpper } from '../network/norms.js';
import { runJobs } from './parallel.js';
import { lemma4Chain, weightNormUpper, type LayerBound } from '../theory/lemma4.js';

/** A kept unit of a gadget. */
export interface Side {
  readonly unit: number;
  readonly u: Rational;
  readonly v: Rational;
}

/** The gadget found for one target weight. */
export interface Gadget {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly w: Rational;
  readonly plus: Side;
  readonly minus: Side;
  readonly error: Rational;
}

/** A target weight whose pool held no qualifying unit for one side. */
export interface Miss {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly w: Rational;
  readonly side: 'plus' | 'minus' | 'both';
  readonly pool: bigint;
}

/** Options of a construction run. */
export interface ConstructOptions {
  readonly construction: ConstructionName;
  readonly target: Network;
  readonly seed: string;
  readonly eta: Rational;
  /** Pool size per target layer. */
  readonly pool: readonly bigint[];
  /** Stop at the first miss (the default) or collect every miss. */
  readonly allMisses?: boolean;
  /** Called after each target weight with (weights done, weights total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** @internal Replace the qualifying rule (negative controls only). */
  readonly _rule?: Rule;
}

/** The outcome of a run: gadgets and the bound, or the misses. */
export interface ConstructResult {
  readonly ok: boolean;
  readonly gadgets: Gadget[];
  readonly misses: Miss[];
  readonly perLayer: LayerBound[];
  /** Lemma 4 bound (only meaningful when ok). */
  readonly total: Rational;
  readonly activeWeights: number;
  /** Candidate units examined (one u and one v read per candidate). */
  readonly scanned: number;
}

/** Largest unit index the lazy G can address. */
export const MAX_UNIT = Number.MAX_SAFE_INTEGER;

/**
 * First unit index of the pool of target weight (row r, col j) in a target layer with n_in
 * inputs and pool size k: pair pools are private per weight, shared/product pools per input.
 *
 * @example
 * ```ts
 * poolStart('pair', 1, 2, 3, 10n); // (1*3 + 2) * 10 = 50n
 * ```
 */
export function poolStart(construction: ConstructionName, r: number, j: number, nIn: number, k: bigint): bigint {
  return construction === 'pair' ? (BigInt(r) * BigInt(nIn) + BigInt(j)) * k : BigInt(j) * k;
}

/** One job of a gadget construction: target weights [from, to) of one layer, in row-major order. */
export interface GadgetJob {
  readonly layer: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Per weight of a job, {@link GADGET_FIELDS} numbers: status (0 found, 1 + side missing, 2 - side
 * missing, 3 both missing), scanned candidates, then unit, u, v of the + side and of the - side
 * (floats are the exact G weights; NaN when missing).
 *
 * @example
 * ```ts
 * result.data[s * GADGET_FIELDS]; // status of the job's weight s
 * ```
 */
export const GADGET_FIELDS = 8;

/** The result of one job (plain data: it crosses thread boundaries). */
export interface GadgetJobResult {
  readonly layer: number;
  readonly from: number;
  /** Weights actually solved (a job stops after its first miss unless every miss is wanted). */
  readonly solved: number;
  readonly data: Float64Array;
}

/** What a gadget run needs besides the weights to solve (plain data). */
export interface GadgetSpec {
  readonly construction: ConstructionName;
  readonly seed: string;
  readonly target: Network;
  readonly eta: Rational;
  readonly pool: readonly bigint[];
  readonly allMisses: boolean;
}

/** Validates a run's inputs as {@link construct} always did. */
function checkGadgetSpec(spec: GadgetSpec): void {
  const { construction } = spec;
  checkSeed(spec.seed);
  if (!isGadgetConstruction(construction))
    throw new InputError('the subset construction has its own runner (constructSubset) and writes slth-certificate/2');
  const ws = networkWidths(spec.target);
  const l = spec.target.layers.length;
  if (spec.pool.length !== l)
    throw new InputError(`need one pool size per target layer (${l}), got ${spec.pool.length}`);
  for (let i = 0; i < l; i++) {
    const k = spec.pool[i] as bigint;
    if (k < 1n) throw new InputError(`pool size must be >= 1, got ${k}`);
    const nIn = ws[i] as number;
    const nOut = ws[i + 1] as number;
    const m = construction === 'pair' ? k * BigInt(nIn * nOut) : k * BigInt(nIn);
    if (m > BigInt(MAX_UNIT)) {
      throw new InputError(
        `G layer ${2 * i + 1} would need ${m < 10n ** 30n ? m : Rational.of(m).toScientific(6)} units, beyond the 2^53 the lazy G addresses; use a smaller widthScale or pool`,
        { params: ['widthScale', 'pool'] },
      );
    }
  }
}

/**
 * Solves jobs of a gadget construction: for each weight, scans its pool for the first unit
 * satisfying the + rule and the first satisfying the - rule.
 *
 * @example
 * ```ts
 * const r = solveGadgetJob(spec, RULES.pair, { layer: 1, from: 0, to: 6 });
 * r.solved; // 6 unless a weight missed
 * ```
 */
export function solveGadgetJob(spec: GadgetSpec, rule: Rule, job: GadgetJob): GadgetJobResult {
  const { construction, eta } = spec;
  const seed = spec.seed;
  const i = job.layer;
  const W = spec.target.layers[i - 1] as Matrix;
  const nIn = (W[0] as readonly Rational[]).length;
  const k = spec.pool[i - 1] as bigint;
  const kN = Number(k);
  const etaF = eta.toNumber();
  const data = new Float64Array((job.to - job.from) * GADGET_FIELDS).fill(NaN);
  let solved = 0;
  for (let q = job.from; q < job.to; q++) {
    const r = Math.floor(q / nIn);
    const j = q - r * nIn;
    const w = (W[r] as Rational[])[j] as Rational;
    const wF = w.toNumber();
    const start = Number(poolStart(construction, r, j, nIn, k));
    const cu = new Cursor(seed, 2 * i - 1, j, start);
    const cv = new Cursor(seed, 2 * i, r, start);
    let plus = -1;
    let minus = -1;
    const o = (q - job.from) * GADGET_FIELDS;
    let t = 0;
    while (t < kN && (plus < 0 || minus < 0)) {
      const us = cu.chunk();
      const vs = cv.chunk();
      const n = Math.min(us.length, kN - t);
      let c = 0;
      for (; c < n && (plus < 0 || minus < 0); c++) {
        const u = us[c] as number;
        const v = vs[c] as number;
        if (plus < 0 && rule.plusFloat(u, v, wF, etaF)) {
          if (rule.plusExact(Rational.fromFloat(u), Rational.fromFloat(v), w, eta)) {
            plus = start + t + c;
            data[o + 2] = plus;
            data[o + 3] = u;
            data[o + 4] = v;
          }
        }
        if (minus < 0 && rule.minusFloat(u, v, wF, etaF)) {
          if (rule.minusExact(Rational.fromFloat(u), Rational.fromFloat(v), w, eta)) {
            minus = start + t + c;
            data[o + 5] = minus;
            data[o + 6] = u;
            data[o + 7] = v;
          }
        }
      }
      t += c;
    }
    data[o] = (plus < 0 ? 1 : 0) + (minus < 0 ? 2 : 0);
    data[o + 1] = t;
    solved += 1;
    if (data[o] !== 0 && !spec.allMisses) break;
  }
  return { layer: i, from: job.from, solved, data };
}

/**
 * The jobs of a gadget run: each layer's weights in blocks (about 8 per thread and layer).
 *
 * @example
 * ```ts
 * gadgetJobs([2, 3, 1], 1); // [{ layer: 1, from: 0, to: 1 }, ..., { layer: 2, from: 2, to: 3 }]
 * ```
 */
export function gadgetJobs(widths: readonly number[], threads: number): GadgetJob[] {
  const jobs: GadgetJob[] = [];
  for (let i = 1; i < widths.length; i++) {
    const count = (widths[i] as number) * (widths[i - 1] as number);
    const per = Math.max(1, Math.ceil(count / (8 * Math.max(1, threads))));
    for (let q = 0; q < count; q += per) jobs.push({ layer: i, from: q, to: Math.min(count, q + per) });
  }
  return jobs;
}

/** Turns job results, in job order, into gadgets and misses exactly as the sequential scan does. */
class GadgetAssembler {
  readonly gadgets: Gadget[] = [];
  readonly misses: Miss[] = [];
  scanned = 0;
  done = 0;
  stopped = false;
  private readonly total: number;

  constructor(
    private readonly spec: GadgetSpec,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    const ws = networkWidths(spec.target);
    this.total = ws.slice(1).reduce((acc, n, i) => acc + n * (ws[i] as number), 0);
  }

  add(res: GadgetJobResult): void {
    if (this.stopped) return;
    const W = this.spec.target.layers[res.layer - 1] as Matrix;
    const nIn = (W[0] as readonly Rational[]).length;
    const k = this.spec.pool[res.layer - 1] as bigint;
    const d = res.data;
    for (let s = 0; s < res.solved; s++) {
      const q = res.from + s;
      const r = Math.floor(q / nIn);
      const j = q - r * nIn;
      const w = (W[r] as Rational[])[j] as Rational;
      const o = s * GADGET_FIELDS;
      const status = d[o] as number;
      this.scanned += d[o + 1] as number;
      this.done += 1;
      this.onProgress?.(this.done, this.total);
      if (status === 0) {
        const plus: Side = {
          unit: d[o + 2] as number,
          u: Rational.fromFloat(d[o + 3] as number),
          v: Rational.fromFloat(d[o + 4] as number),
        };
        const minus: Side = {
          unit: d[o + 5] as number,
          u: Rational.fromFloat(d[o + 6] as number),
          v: Rational.fromFloat(d[o + 7] as number),
        };
        const error = gadgetError(w, { uPlus: plus.u, vPlus: plus.v, uMinus: minus.u, vMinus: minus.v });
        this.gadgets.push({ layer: res.layer, row: r, col: j, w, plus, minus, error });
      } else {
        const side = status === 3 ? 'both' : status === 1 ? 'plus' : 'minus';
        this.misses.push({ layer: res.layer, row: r, col: j, w, side, pool: k });
        if (!this.spec.allMisses) {
          this.stopped = true;
          return;
        }
      }
    }
  }

  result(): ConstructResult {
    const ok = this.misses.length === 0;
    const perLayer: LayerBound[] = [];
    let totalBound = Rational.ZERO;
    if (ok) {
      for (let i = 1; i <= this.spec.target.layers.length; i++) {
        const W = this.spec.target.layers[i - 1] as Matrix;
        const E: Rational[][] = W.map((row) => row.map(() => Rational.ZERO));
        for (const g of this.gadgets) if (g.layer === i) (E[g.row] as Rational[])[g.col] = g.error;
        perLayer.push({ layer: i, a: spectralUpper(E), s: weightNormUpper(W) });
      }
      totalBound = lemma4Chain(perLayer);
    }
    return {
      ok,
      gadgets: this.gadgets,
      misses: this.misses,
      perLayer,
      total: totalBound,
      activeWeights: activeWeights(this.gadgets),
      scanned: this.scanned,
    };
  }
}

function specOf(opts: ConstructOptions): GadgetSpec {
  return {
    construction: opts.construction,
    seed: opts.seed,
    target: opts.target,
    eta: opts.eta,
    pool: opts.pool,
    allMisses: opts.allMisses === true,
  };
}

/**
 * Runs a construction in this thread.
 *
 * @example
 * ```ts
 * const res = construct({ construction: 'pair', target, seed: 's', eta, pool: [1000n] });
 * res.ok; // true when every weight found its gadget
 * ```
 */
export function construct(opts: ConstructOptions): ConstructResult {
  const spec = specOf(opts);
  checkGadgetSpec(spec);
  const rule = opts._rule ?? RULES[spec.construction as GadgetConstruction];
  const assembler = new GadgetAssembler(spec, opts.onProgress);
  for (const job of gadgetJobs(networkWidths(spec.target), 1)) {
    assembler.add(solveGadgetJob(spec, rule, job));
    if (assembler.stopped) break;
  }
  return assembler.result();
}

/** A gadget spec as plain JSON data for a worker. */
export interface GadgetSpecJson {
  construction: ConstructionName;
  seed: string;
  target: { format: string; layers: string[][][] };
  eta: string;
  pool: string[];
  allMisses: boolean;
}

/**
 * A gadget spec as plain data, and back.
 *
 * @example
 * ```ts
 * gadgetSpecFromJson(gadgetSpecToJson(spec)); // the same run
 * ```
 */
export function gadgetSpecToJson(spec: GadgetSpec): GadgetSpecJson {
  return {
    construction: spec.construction,
    seed: spec.seed,
    target: networkToJson(spec.target),
    eta: spec.eta.toString(),
    pool: spec.pool.map(String),
    allMisses: spec.allMisses,
  };
}

/** Inverse of {@link gadgetSpecToJson}. @example `gadgetSpecFromJson(json).eta` */
export function gadgetSpecFromJson(j: GadgetSpecJson): GadgetSpec {
  return {
    construction: j.construction,
    seed: j.seed,
    target: parseNetwork(j.target, 'worker target'),
    eta: Rational.parse(j.eta),
    pool: j.pool.map((x) => BigInt(x)),
    allMisses: j.allMisses,
  };
}

/**
 * Runs a construction on `threads` worker threads (1: in this thread). The result is identical to
 * {@link construct}'s whatever the number of threads: jobs are merged in order, and after the first
 * miss (unless every miss is wanted) later results are ignored, exactly as the sequential scan
 * stops there. The negative-control rule replacement runs in this thread only.
 *
 * @example
 * ```ts
 * const res = await constructParallel({ construction: 'pair', target, seed: 's', eta, pool: [1000n] }, 2);
 * ```
 */
export async function constructParallel(opts: ConstructOptions, threads: number): Promise<ConstructResult> {
  if (threads <= 1 || opts._rule !== undefined) return construct(opts);
  const spec = specOf(opts);
  checkGadgetSpec(spec);
  const assembler = new GadgetAssembler(spec, opts.onProgress);
  const jobs = gadgetJobs(networkWidths(spec.target), threads);
  await runJobs({ kind: 'gadget', spec: gadgetSpecToJson(spec) }, jobs, threads, (_i, r) =>
    assembler.add(r as GadgetJobResult),
  );
  return assembler.result();
}

/**
 * Active (kept) weights of a subnetwork: one in-edge per distinct kept unit plus one out-edge
 * per gadget side. Pair pools are private, so this is exactly 4 N_w there.
 *
 * @example
 * ```ts
 * activeWeights(gadgets); // 4 * gadgets.length for pair
 * ```
 */
export function activeWeights(gadgets: readonly Gadget[]): number {
  const units = new Set<string>();
  for (const g of gadgets) {
    units.add(`${g.layer}:${g.plus.unit}`);
    units.add(`${g.layer}:${g.minus.unit}`);
  }
  return units.size + 2 * gadgets.length;
}
