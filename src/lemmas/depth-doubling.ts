/**
 * Lemma 5 (depth doubling; docs/MATH.md §5.5). For any target F with l layers (widths n_0 = d, ..., n_l), the
 * exact-gadget subnetwork G~ of the pair construction has exactly 2l layers, and target layer i
 * maps to G layers 2i-1 and 2i: for every target weight w = W_i[r, j], G layer 2i-1 keeps two
 * hidden units of the private pool (r, j),
 *   unit (+): in-edge +w from input j, out-edge +1 to output r;
 *   unit (-): in-edge -w from input j, out-edge -1 to output r,
 * every kept unit has exactly one in-edge and one out-edge, and since
 * sigma(w y) - sigma(-w y) = w y, G layer 2i computes W_i h_{i-1} exactly. The ReLU that G applies
 * after layer 2i (i < l) is the target's ReLU after layer i, and G applies none after layer 2l,
 * so G~(x) = F(x) for every x, checked here in exact arithmetic at many rational points.
 */
import seedrandom from 'seedrandom';
import type { Matrix, Network } from '../network/network.js';
import { forward, widths as networkWidths } from '../network/network.js';
import { Rational } from '../numeric/rational.js';
import type { LemmaResult } from './result.js';
import { FigureBook } from './result.js';

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '5';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.5';

/** Lemma name. */
export const NAME = 'depth-doubling';

/** The statement checked. */
export const STATEMENT =
  'the exact-gadget subnetwork G~ (u+ = w, v+ = 1, u- = -w, v- = -1 per target weight) has exactly 2l layers, ' +
  'target layer i maps to G layers 2i-1 and 2i, every kept unit has one in-edge and one out-edge, and G~(x) = F(x) exactly';

const ONE = Rational.ONE;
const ZERO = Rational.ZERO;

/** The kept weights of one two-unit gadget. */
export interface GadgetWeights {
  readonly uPlus: Rational;
  readonly vPlus: Rational;
  readonly uMinus: Rational;
  readonly vMinus: Rational;
}

/** Chooses the gadget of a target weight. */
export type GadgetChoice = (w: Rational) => GadgetWeights;

/**
 * The exact gadget: u+ = w, v+ = 1, u- = -w, v- = -1.
 *
 * @example
 * ```ts
 * exactGadget(Rational.parse('0.5')).uMinus.toString(); // '-1/2'
 * ```
 */
export const exactGadget: GadgetChoice = (w) => ({ uPlus: w, vPlus: ONE, uMinus: w.neg(), vMinus: Rational.MINUS_ONE });

/** A kept unit of G layer 2i-1. */
export interface KeptUnit {
  /** Target layer i (G layers 2i-1, 2i). */
  readonly targetLayer: number;
  /** Row of G layer 2i-1 (= column of G layer 2i). */
  readonly unit: number;
  readonly r: number;
  readonly j: number;
  readonly side: '+' | '-';
}

/** The subnetwork G~ = M (.) G as a plain network, with its mask and unit map. */
export interface GadgetNetwork {
  readonly network: Network;
  /** mask[g][row][col]: whether edge (row, col) of G layer g+1 is kept. */
  readonly mask: readonly (readonly (readonly boolean[])[])[];
  readonly units: readonly KeptUnit[];
}

/**
 * Builds the exact-gadget subnetwork of a target (or, with `gadget`, any two-unit gadget): G layer
 * 2i-1 has 2 n_i n_{i-1} units, unit 2(r n_{i-1} + j) being (+) and the next (-) of pool (r, j).
 *
 * @example
 * ```ts
 * buildGadgetNetwork(net).network.layers.length; // 2 * net.layers.length
 * ```
 */
export function buildGadgetNetwork(target: Network, gadget: GadgetChoice = exactGadget): GadgetNetwork {
  const layers: Matrix[] = [];
  const mask: boolean[][][] = [];
  const units: KeptUnit[] = [];
  target.layers.forEach((W, li) => {
    const nOut = W.length;
    const nIn = W[0]?.length ?? 0;
    const m = 2 * nOut * nIn;
    const A: Rational[][] = Array.from({ length: m }, () => new Array<Rational>(nIn).fill(ZERO));
    const Am: boolean[][] = Array.from({ length: m }, () => new Array<boolean>(nIn).fill(false));
    const B: Rational[][] = Array.from({ length: nOut }, () => new Array<Rational>(m).fill(ZERO));
    const Bm: boolean[][] = Array.from({ length: nOut }, () => new Array<boolean>(m).fill(false));
    W.forEach((row, r) =>
      row.forEach((w, j) => {
        const g = gadget(w);
        const plus = 2 * (r * nIn + j);
        const minus = plus + 1;
        (A[plus] as Rational[])[j] = g.uPlus;
        (A[minus] as Rational[])[j] = g.uMinus;
        (Am[plus] as boolean[])[j] = true;
        (Am[minus] as boolean[])[j] = true;
        (B[r] as Rational[])[plus] = g.vPlus;
        (B[r] as Rational[])[minus] = g.vMinus;
        (Bm[r] as boolean[])[plus] = true;
        (Bm[r] as boolean[])[minus] = true;
        units.push(
          { targetLayer: li + 1, unit: plus, r, j, side: '+' },
          { targetLayer: li + 1, unit: minus, r, j, side: '-' },
        );
      }),
    );
    layers.push(A, B);
    mask.push(Am, Bm);
  });
  return { network: { layers }, mask, units };
}

/**
 * Structural checks of Lemma 5 on a gadget network: depth 2l; G layer 2i-1 reads n_{i-1} inputs
 * and G layer 2i writes n_i outputs; masked-out weights are zero; every kept unit of layer 2i-1
 * has exactly one in-edge (from its pool's input j) and one out-edge (to its pool's output r).
 * Returns the first violation, or undefined.
 *
 * @example
 * ```ts
 * structureViolation(net, buildGadgetNetwork(net)); // undefined
 * ```
 */
export function structureViolation(target: Network, g: GadgetNetwork): string | undefined {
  const l = target.layers.length;
  if (g.network.layers.length !== 2 * l) return `depth ${g.network.layers.length}, expected 2l = ${2 * l}`;
  const tw = networkWidths(target);
  for (let i = 1; i <= l; i++) {
    const A = g.network.layers[2 * i - 2] as Matrix;
    const B = g.network.layers[2 * i - 1] as Matrix;
    const Am = g.mask[2 * i - 2] as readonly (readonly boolean[])[];
    const Bm = g.mask[2 * i - 1] as readonly (readonly boolean[])[];
    if ((A[0]?.length ?? 0) !== tw[i - 1])
      return `G layer ${2 * i - 1} reads ${A[0]?.length ?? 0} inputs, target layer ${i} reads ${tw[i - 1]}`;
    if (B.length !== tw[i]) return `G layer ${2 * i} writes ${B.length} outputs, target layer ${i} writes ${tw[i]}`;
    if (B[0]?.length !== A.length) return `G layers ${2 * i - 1} and ${2 * i} disagree on the hidden width`;
    for (let g2 = 0; g2 < 2; g2++) {
      const M = g2 === 0 ? A : B;
      const Mm = g2 === 0 ? Am : Bm;
      for (let r = 0; r < M.length; r++) {
        for (let c = 0; c < (M[r] as readonly Rational[]).length; c++) {
          if (!(Mm[r] as readonly boolean[])[c] && !((M[r] as readonly Rational[])[c] as Rational).isZero()) {
            return `G layer ${2 * i - 1 + g2} edge (${r}, ${c}) is pruned but non-zero`;
          }
        }
      }
    }
    const kept = g.units.filter((u) => u.targetLayer === i);
    for (const u of kept) {
      const ins = (Am[u.unit] as readonly boolean[]).flatMap((b, c) => (b ? [c] : []));
      if (ins.length !== 1 || ins[0] !== u.j)
        return `G layer ${2 * i - 1} unit ${u.unit} (pool ${u.r},${u.j} ${u.side}) has in-edges [${ins.join(',')}], expected exactly [${u.j}]`;
      const outs = Bm.flatMap((row, r) => (row[u.unit] ? [r] : []));
      if (outs.length !== 1 || outs[0] !== u.r)
        return `G layer ${2 * i} unit ${u.unit} (pool ${u.r},${u.j} ${u.side}) has out-edges [${outs.join(',')}], expected exactly [${u.r}]`;
    }
    const keptSet = new Set(kept.map((u) => u.unit));
    for (let row = 0; row < Am.length; row++) {
      if (!keptSet.has(row) && ((Am[row] as readonly boolean[]).some((b) => b) || Bm.some((r) => r[row])))
        return `G layer ${2 * i - 1} unit ${row} has edges but belongs to no gadget`;
    }
  }
  return undefined;
}

/**
 * Seeded exact test points of R^d: the basis vectors and their negatives, then dyadics and
 * fractions with denominators 3 and 7, of either sign and magnitude up to 4 (the identity is
 * exact everywhere, not only on the ball).
 *
 * @example
 * ```ts
 * testPoints(2, 10, 's').length; // 10
 * ```
 */
export function testPoints(d: number, count: number, seed: string): Rational[][] {
  const out: Rational[][] = [];
  for (let j = 0; j < d && out.length < count; j++) {
    const e = Array.from({ length: d }, (_, i) => (i === j ? ONE : ZERO));
    out.push(
      e,
      e.map((v) => v.neg()),
    );
  }
  const rng = seedrandom.xor4096(`slth-lemma-depth-doubling:${seed}`);
  const dens = [2 ** 20, 3, 7, 21, 3 * 2 ** 20, 2 ** 50];
  while (out.length < count) {
    out.push(
      Array.from({ length: d }, () => {
        const den = dens[Math.floor(rng.double() * dens.length)] as number;
        const num = Math.floor((rng.double() * 2 - 1) * 4 * den);
        return Rational.of(num, den);
      }),
    );
  }
  return out.slice(0, count);
}

/** Options of {@link checkDepthDoubling}. */
export interface DepthDoublingOptions {
  readonly points?: number;
  readonly seed?: string;
  /** The gadget under test (default {@link exactGadget}; a broken one is a negative control). */
  readonly gadget?: GadgetChoice;
}

/**
 * Lemma 5 on a target: build the exact-gadget subnetwork, check its structure, and check
 * G~(x) = F(x) exactly at seeded points.
 *
 * @example
 * ```ts
 * checkDepthDoubling(net, 'fixtures/targets/d2-small.json').holds; // true
 * ```
 */
export function checkDepthDoubling(target: Network, input: string, opts: DepthDoublingOptions = {}): LemmaResult {
  const g = buildGadgetNetwork(target, opts.gadget ?? exactGadget);
  const tw = networkWidths(target);
  const gw = networkWidths(g.network);
  const count = opts.points ?? 64;
  const book = new FigureBook()
    .counts('targetWidths', 'target widths', tw, tw.join(','))
    .count('targetDepth', 'target depth l', target.layers.length)
    .counts('subnetworkWidths', 'G~ widths', gw, gw.join(','))
    .count('subnetworkDepth', 'G~ depth', g.network.layers.length)
    .count('keptUnits', 'kept units', g.units.length)
    .count('keptEdges', 'kept edges', 2 * g.units.length)
    .count('points', 'points', count)
    .text('arithmetic', 'arithmetic', 'exact rationals');
  const structural = structureViolation(target, g);
  const base = {
    lemma: NAME,
    input,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
  };
  const STRUCTURE = 'depth 2l, layer mapping, one in- and one out-edge per kept unit';
  const EQUAL = 'G~(x) = F(x) exactly at every point';
  if (structural)
    return {
      ...base,
      holds: false,
      checks: [
        { name: STRUCTURE, holds: false },
        { name: EQUAL, holds: null, applicable: false },
      ],
      witness: { structure: structural },
    };
  for (const x of testPoints(tw[0] as number, count, opts.seed ?? 'depth-doubling')) {
    const f = forward(target, x);
    const gx = forward(g.network, x);
    if (f.some((v, i) => !v.eq(gx[i] as Rational))) {
      return {
        ...base,
        holds: false,
        checks: [
          { name: STRUCTURE, holds: true },
          { name: EQUAL, holds: false },
        ],
        witness: { x: x.map(String).join(', '), 'F(x)': f.map(String).join(', '), 'G~(x)': gx.map(String).join(', ') },
      };
    }
  }
  return {
    ...base,
    holds: true,
    checks: [
      { name: STRUCTURE, holds: true },
      { name: EQUAL, holds: true },
    ],
  };
}
