/**
 * Angular sectors on which the difference of two networks with d = 2 inputs is linear.
 *
 * Start from the circle cut into the four quadrant arcs, on each of which the input map is the
 * identity. Through each layer, on each sector the pre-activations are linear maps x -> g . x
 * with exact rational g; the zero set of g . x on the circle is the pair of directions
 * +-perp(g). Cut the sector at those of them that lie strictly inside it, then apply the ReLU on
 * each piece: on an open piece no pre-activation changes sign, so its sign is the sign at any
 * interior direction (we use the sum of the two endpoint vectors). A row whose sign is <= 0 there
 * becomes the zero row. After the last layer of A and of B, each sector [p, q] (counter-clockwise
 * arc from p to q, shorter than pi) carries exact matrices M_A and M_B with A(x) = M_A x and
 * B(x) = M_B x for every x on the closed sector (by continuity at the endpoints).
 *
 * Every comparison is a sign of an exact rational (cross and dot products); no angle is computed.
 */
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { cross, negate, perp, primitive, strictlyInsideShortArc, type Direction } from './directions.js';

/** A linear map R^2 -> R^n as n rows (g1, g2). */
export type PlaneMap = readonly Direction[];

/** A closed arc [p, q] (counter-clockwise, shorter than pi) with the maps of A and B on it. */
export interface LinearSector {
  readonly p: Direction;
  readonly q: Direction;
  /** A(x) = mapA x on the sector. */
  readonly mapA: PlaneMap;
  /** B(x) = mapB x on the sector. */
  readonly mapB: PlaneMap;
}

/**
 * Options of {@link linearSectors}. `skipBreakpoints` exists ONLY for negative controls: it
 * deliberately ignores the zero lines of one hidden layer (`layer` is the 0-based index into
 * `layers` of network A or B), which makes the result wrong.
 */
export interface SectorOptions {
  readonly skipBreakpoints?: { readonly network: 'A' | 'B'; readonly layer: number };
  /** Called once per piece and layer; may throw to abandon the sweep (wall-clock budget). */
  readonly checkpoint?: () => void;
}

interface Piece<T> {
  readonly p: Direction;
  readonly q: Direction;
  readonly h: PlaneMap;
  readonly payload: T;
}

const ZERO_ROW: Direction = [Rational.ZERO, Rational.ZERO];
const E1: Direction = [Rational.ONE, Rational.ZERO];
const E2: Direction = [Rational.ZERO, Rational.ONE];

/** The four quadrant arcs, counter-clockwise from (1, 0). */
function quadrants(): [Direction, Direction][] {
  const m1 = negate(E1);
  const m2 = negate(E2);
  return [
    [E1, E2],
    [E2, m1],
    [m1, m2],
    [m2, E1],
  ];
}

/** W h for a weight matrix W (n x m) and a plane map h (m rows). */
function compose(w: Network['layers'][number], h: PlaneMap, checkpoint?: () => void): Direction[] {
  return w.map((row) => {
    checkpoint?.();
    let s0 = Rational.ZERO;
    let s1 = Rational.ZERO;
    for (let j = 0; j < row.length; j++) {
      const wj = row[j] as Rational;
      if (wj.isZero()) continue;
      const hj = h[j] as Direction;
      if (!hj[0].isZero()) s0 = s0.add(wj.mul(hj[0]));
      if (!hj[1].isZero()) s1 = s1.add(wj.mul(hj[1]));
    }
    return [s0, s1] as Direction;
  });
}

/** The zero directions of the rows of z strictly inside the short arc (p, q), sorted, distinct. */
function cutsInside(p: Direction, q: Direction, z: readonly Direction[]): Direction[] {
  const found = new Map<string, Direction>();
  for (const g of z) {
    if (g[0].isZero() && g[1].isZero()) continue;
    const r = primitive(perp(g));
    for (const c of [r, negate(r)] as const) {
      if (strictlyInsideShortArc(p, q, c)) found.set(`${c[0].toString()},${c[1].toString()}`, c);
    }
  }
  const cuts = [...found.values()];
  // inside a short arc, u precedes v iff cross(u, v) > 0 (distinct primitive vectors are distinct rays)
  cuts.sort((u, v) => -cross(u, v).sign());
  return cuts;
}

/** Runs pieces through every layer of `net`, cutting at zero lines of hidden pre-activations. */
function throughNetwork<T>(
  net: Network,
  pieces: Piece<T>[],
  skipLayer: number | undefined,
  checkpoint?: () => void,
): Piece<T>[] {
  const L = net.layers.length;
  let current = pieces;
  net.layers.forEach((w, i) => {
    const next: Piece<T>[] = [];
    for (const piece of current) {
      checkpoint?.();
      const z = compose(w, piece.h, checkpoint);
      if (i === L - 1) {
        next.push({ ...piece, h: z });
        continue;
      }
      const cuts = skipLayer === i ? [] : cutsInside(piece.p, piece.q, z);
      const bounds = [piece.p, ...cuts, piece.q];
      for (let k = 0; k + 1 < bounds.length; k++) {
        const s = bounds[k] as Direction;
        const e = bounds[k + 1] as Direction;
        const mid: Direction = [s[0].add(e[0]), s[1].add(e[1])];
        const h = z.map((g) => (g[0].mul(mid[0]).add(g[1].mul(mid[1])).sign() > 0 ? g : ZERO_ROW));
        next.push({ p: s, q: e, h, payload: piece.payload });
      }
    }
    current = next;
  });
  return current;
}

/**
 * The sectors of the circle on which both A and B (d = 2) are linear, with their exact maps.
 * The sectors cover the circle, in counter-clockwise order from (1, 0), each shorter than pi.
 *
 * @example
 * ```ts
 * const sectors = linearSectors(a, b);
 * sectors.length; // e.g. 37
 * ```
 */
export function linearSectors(a: Network, b: Network, options: SectorOptions = {}): LinearSector[] {
  const skip = options.skipBreakpoints;
  const identity: PlaneMap = [E1, E2];
  const start = quadrants().map(([p, q]) => ({ p, q, h: identity, payload: undefined }));
  const afterA = throughNetwork(a, start, skip?.network === 'A' ? skip.layer : undefined, options.checkpoint);
  const startB = afterA.map((piece) => ({ p: piece.p, q: piece.q, h: identity, payload: piece.h }));
  const afterB = throughNetwork(b, startB, skip?.network === 'B' ? skip.layer : undefined, options.checkpoint);
  return afterB.map((piece) => ({ p: piece.p, q: piece.q, mapA: piece.payload, mapB: piece.h }));
}
