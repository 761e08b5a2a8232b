/**
 * Runs a construction on the lazy random network G: for every target weight it scans the weight's
 * pool (through {@link Cursor}s, never materialising G) for the first unit satisfying the + rule
 * and the first satisfying the - rule, then assembles the subnetwork's gadgets, their exact
 * realised errors and the Lemma 4 bound.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Network, Matrix } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import { gadgetError } from './gadget.js';
import { RULES, type Rule } from './rules.js';
import { isGadgetConstruction, type ConstructionName } from './width.js';
import { errorNormUpper, lemma4Chain, weightNormUpper, type LayerBound } from './bound.js';

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

/**
 * Runs a construction.
 *
 * @example
 * ```ts
 * const res = construct({ construction: 'pair', target, seed: 's', eta, pool: [1000n] });
 * res.ok; // true when every weight found its gadget
 * ```
 */
export function construct(opts: ConstructOptions): ConstructResult {
  const { construction, target, eta } = opts;
  const seed = checkSeed(opts.seed);
  if (!isGadgetConstruction(construction))
    throw new InputError('the subset construction has its own runner (constructSubset) and writes slth-certificate/2');
  const rule = opts._rule ?? RULES[construction];
  const ws = networkWidths(target);
  const l = target.layers.length;
  if (opts.pool.length !== l)
    throw new InputError(`need one pool size per target layer (${l}), got ${opts.pool.length}`);
  for (let i = 0; i < l; i++) {
    const k = opts.pool[i] as bigint;
    if (k < 1n) throw new InputError(`pool size must be >= 1, got ${k}`);
    const nIn = ws[i] as number;
    const nOut = ws[i + 1] as number;
    const m = construction === 'pair' ? k * BigInt(nIn * nOut) : k * BigInt(nIn);
    if (m > BigInt(MAX_UNIT)) {
      throw new InputError(
        `G layer ${2 * i + 1} would need ${m < 10n ** 30n ? m : Rational.of(m).toScientific(6)} units, beyond the 2^53 the lazy G addresses; use a smaller --width-scale or --pool`,
      );
    }
  }
  const etaF = eta.toNumber();
  const total = ws.slice(1).reduce((acc, n, i) => acc + n * (ws[i] as number), 0);
  const gadgets: Gadget[] = [];
  const misses: Miss[] = [];
  let scanned = 0;
  let done = 0;
  for (let i = 1; i <= l && (misses.length === 0 || opts.allMisses); i++) {
    const W = target.layers[i - 1] as Matrix;
    const nIn = ws[i - 1] as number;
    const k = opts.pool[i - 1] as bigint;
    const kN = Number(k);
    for (let r = 0; r < W.length; r++) {
      for (let j = 0; j < nIn; j++) {
        const w = (W[r] as Rational[])[j] as Rational;
        const wF = w.toNumber();
        const start = Number(poolStart(construction, r, j, nIn, k));
        const cu = new Cursor(seed, 2 * i - 1, j, start);
        const cv = new Cursor(seed, 2 * i, r, start);
        let plus: Side | undefined;
        let minus: Side | undefined;
        let t = 0;
        while (t < kN && (plus === undefined || minus === undefined)) {
          const us = cu.chunk();
          const vs = cv.chunk();
          const n = Math.min(us.length, kN - t);
          let c = 0;
          for (; c < n && (plus === undefined || minus === undefined); c++) {
            const u = us[c] as number;
            const v = vs[c] as number;
            if (plus === undefined && rule.plusFloat(u, v, wF, etaF)) {
              const uq = Rational.fromFloat(u);
              const vq = Rational.fromFloat(v);
              if (rule.plusExact(uq, vq, w, eta)) plus = { unit: start + t + c, u: uq, v: vq };
            }
            if (minus === undefined && rule.minusFloat(u, v, wF, etaF)) {
              const uq = Rational.fromFloat(u);
              const vq = Rational.fromFloat(v);
              if (rule.minusExact(uq, vq, w, eta)) minus = { unit: start + t + c, u: uq, v: vq };
            }
          }
          t += c;
        }
        scanned += t;
        done += 1;
        opts.onProgress?.(done, total);
        if (plus && minus) {
          const error = gadgetError(w, { uPlus: plus.u, vPlus: plus.v, uMinus: minus.u, vMinus: minus.v });
          gadgets.push({ layer: i, row: r, col: j, w, plus, minus, error });
        } else {
          misses.push({ layer: i, row: r, col: j, w, side: plus ? 'minus' : minus ? 'plus' : 'both', pool: k });
          if (!opts.allMisses) break;
        }
      }
      if (misses.length > 0 && !opts.allMisses) break;
    }
  }
  const ok = misses.length === 0;
  const perLayer: LayerBound[] = [];
  let totalBound = Rational.ZERO;
  if (ok) {
    for (let i = 1; i <= l; i++) {
      const W = target.layers[i - 1] as Matrix;
      const E: Rational[][] = W.map((row) => row.map(() => Rational.ZERO));
      for (const g of gadgets) if (g.layer === i) (E[g.row] as Rational[])[g.col] = g.error;
      perLayer.push({ layer: i, a: errorNormUpper(E), s: weightNormUpper(W) });
    }
    totalBound = lemma4Chain(perLayer);
  }
  return { ok, gadgets, misses, perLayer, total: totalBound, activeWeights: activeWeights(gadgets), scanned };
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
