/**
 * Exact sup error for input dimension d = 2 by a sweep over the sectors where D = A - B is linear.
 *
 * On each sector [p, q] of {@link linearSectors}, D(x) = M x with M = M_A - M_B exact, and
 * {@link sectorMaximum} gives the exact max of ||M x||^2 / ||x||^2 on it. By positive homogeneity
 * the squared sup over the ball is the largest of these values: a rational for scalar output
 * (and whenever the top eigenvalue is rational), a quadratic surd r + sqrt(s) otherwise. The
 * reported witness is re-evaluated through both networks exactly, independently of the sweep.
 */
import type { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { intoBall, pairDims } from './difference.js';
import { ExactPair } from './witness.js';
import type { Direction } from './directions.js';
import type { SupErrorResult } from './result.js';
import { sectorMaximum, type SectorMaximum } from './sector-max.js';
import { linearSectors, type LinearSector, type SectorOptions } from './sectors.js';
import {
  compareSurd,
  compareSurdRational,
  surdBracket,
  surdSqrtBracket,
  surdToRational,
  type Surd,
} from '../numeric/surd.js';

/** The largest sector maximum and the number of sectors. */
export interface SweepMaximum {
  readonly best: SectorMaximum;
  readonly sectors: number;
}

/**
 * The maximum over sectors of the exact per-sector maximum (ties prefer an attained witness).
 *
 * @example
 * ```ts
 * sweepMaximum(linearSectors(a, b)).best.value; // the exact squared sup
 * ```
 */
export function sweepMaximum(sectors: readonly LinearSector[], checkpoint?: () => void): SweepMaximum {
  let best: SectorMaximum | undefined;
  for (const s of sectors) {
    checkpoint?.();
    const m: Direction[] = s.mapA.map((ga, k) => {
      const gb = s.mapB[k] as Direction;
      return [ga[0].sub(gb[0]), ga[1].sub(gb[1])];
    });
    const cur = sectorMaximum(s.p, s.q, m);
    if (!best) {
      best = cur;
      continue;
    }
    const c = compareSurd(cur.value, best.value);
    if (c > 0 || (c === 0 && cur.attained && !best.attained)) best = cur;
  }
  if (!best) throw new Error('internal: no sectors');
  return { best, sectors: sectors.length };
}

/**
 * The exact squared sup error for d = 2 (sectors computed with `options`, which exist for
 * negative controls only).
 *
 * @example
 * ```ts
 * formatSurd(sectorSweepValue(a, b)); // e.g. '841/4096'
 * ```
 */
export function sectorSweepValue(a: Network, b: Network, options: SectorOptions = {}): Surd {
  return sweepMaximum(linearSectors(a, b, options)).best.value;
}

/**
 * The exact sup error of two networks with d = 2 inputs. The squared sup is exact (a rational, or
 * r + sqrt(s) for some vector outputs); the sup is reported as a certified bracket (a point when
 * it is rational), with the witness (a rational point of the unit ball) and the sector count.
 * `checkpoint` (called per piece and sector) may throw to abandon the sweep.
 *
 * @example
 * ```ts
 * const r = supErrorD2(a, b);
 * r.supSquared?.toString(); // exact, e.g. '1369/65536'
 * r.sectors; // e.g. 41
 * ```
 */
export function supErrorD2(a: Network, b: Network, checkpoint?: () => void): SupErrorResult {
  const t0 = performance.now();
  const dims = pairDims(a, b);
  if (dims.inputDim !== 2) throw new RangeError(`supErrorD2 needs d = 2, got d = ${dims.inputDim}`);
  const { best, sectors } = sweepMaximum(linearSectors(a, b, checkpoint ? { checkpoint } : {}), checkpoint);
  const witness = intoBall(best.witness);
  const witnessSquared = new ExactPair(a, b).ratio(witness);
  // independent re-evaluation: the sweep must agree with the networks at its witness
  const cmp = compareSurdRational(best.value, witnessSquared);
  if (best.attained ? cmp !== 0 : cmp < 0) {
    throw new Error(
      `internal: sector sweep value ${best.value.rational.toString()} + sqrt(${best.value.radicand.toString()}) disagrees with the exact value ${witnessSquared.toString()} at its witness`,
    );
  }
  const supSquared = surdToRational(best.value);
  const { lower, upper } = surdSqrtBracket(best.value);
  const upperSquared: Rational = supSquared ?? surdBracket(best.value).upper;
  return {
    method: 'exact-sector-sweep',
    exact: true,
    inputDim: 2,
    outputDim: dims.outputDim,
    ...(supSquared !== undefined ? { supSquared } : {}),
    supSquaredSurd: best.value,
    lower,
    upper,
    upperSquared,
    witness,
    witnessSquared,
    attained: best.attained,
    sectors,
    elapsedMs: performance.now() - t0,
  };
}
