/**
 * Universality of G for construction D (docs/MATH.md §4.5), decided exactly.
 *
 * G (scheme slth-g/1, seed s) at pools k_i is eta-universal for widths n_0, ..., n_l when for every
 * slot (i, r, j) and each sign, the subset sums of the side's values
 *
 *   { u_t v_{r,t} : t < k_i, sign(u_t) = sign },  u_t = G[2i-1][j k_i + t][j],  v_{r,t} = G[2i][r][j k_i + t],
 *
 * eta-cover [-1, 1]. Then for EVERY target of these widths with |w| <= 1 at every weight, each
 * side of each gadget has a subset within eta of w, so construction D succeeds on G with every
 * realised error <= eta (and under H the Lemma 4 chain gives sup error <= exp(eta S) - 1).
 *
 * Each side is decided by the exact cover checker of the subset-sum lemma (`subsetSumCover`,
 * src/lemmas/subset-sum.ts: meet in the middle over a common denominator, exact max gap and
 * uncovered point), never by construction code:
 *
 * - a side of at most {@link MAX_SIDE} values is decided as a whole: covered, or not covered with
 *   an exact uncovered point (its distance to every subset sum exceeds eta);
 * - a larger side is covered as soon as the subset sums of its p values of largest |u v| cover
 *   (p = 16, 20, 24; ties by pool order): adding values only adds subset sums, so covering is
 *   monotone in the set, and the largest values reach the ends of [-1, 1] with the fewest values.
 *   When none of these covers, the side is too large to decide exactly (2^n sums) and the
 *   decision is refused.
 *
 * The max gap reported for a side decided by such a subset is the subset's; the whole side's max
 * gap is at most that (added sums only split gaps).
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import { subsetSumCover, type SubsetSumCover } from '../lemmas/subset-sum.js';

/** Largest side decided as a whole (2^24 subset sums). @example `MAX_SIDE // 24` */
export const MAX_SIDE = 24;
/** Prefix lengths tried on larger sides. @example `UNIVERSAL_PREFIXES // [16, 20, 24]` */
export const UNIVERSAL_PREFIXES: readonly number[] = [16, 20, 24];

/** One side of one slot. */
export interface SlotSide {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly side: 'plus' | 'minus';
  /** Units of that sign in the pool. */
  readonly units: number;
  /** Values whose subset sums were decided (all of them, or the covering ones of largest |u v|). */
  readonly decided: number;
  readonly covers: boolean;
  /** The exact max gap of the decided values' sums in [-1 - eta, 1 + eta] (undefined when fewer than two). */
  readonly maxGap: Rational | undefined;
  /** When not covered: the reason, an exact uncovered point and its exact distance to the nearest sum. */
  readonly reason: SubsetSumCover['reason'];
  readonly uncovered: Rational | undefined;
  readonly uncoveredDistance: Rational | undefined;
}

/** The verdict. */
export interface UniversalResult {
  readonly universal: boolean;
  readonly widths: readonly number[];
  readonly seed: string;
  readonly eta: Rational;
  readonly pool: readonly number[];
  /** Slots (i, r, j) and slot sides checked (the check stops at the first failing side). */
  readonly slotsChecked: number;
  readonly sidesChecked: number;
  readonly slots: number;
  /** The side with the largest max gap among those checked (a failing one if any). */
  readonly worst: SlotSide | undefined;
  /** The first failing side, with its exact uncovered weight value. */
  readonly failure: SlotSide | undefined;
}

/** Inputs of {@link universal}. */
export interface UniversalInput {
  readonly widths: readonly number[];
  readonly seed: string;
  readonly eta: Rational;
  /** Pool size k_i per target layer. */
  readonly pool: readonly number[];
  /** Called after each slot with (slots done, slots total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Most units k_i n_{i-1} of one gadget layer of G the check takes (2^22 = 4,194,304): it holds a
 * layer's u and one row's v in memory and every value of a side as an exact rational. A larger
 * pool is refused with a clear error rather than run out of memory.
 *
 * @example
 * ```ts
 * checkUniversalSize([4, 1], [MAX_UNIVERSAL_UNITS]); // throws: 4 x 2^22 units
 * ```
 */
export const MAX_UNIVERSAL_UNITS = 2 ** 22;

/**
 * Refuses pools beyond {@link MAX_UNIVERSAL_UNITS} units in some gadget layer of G (an
 * InputError naming the layer), before anything is allocated.
 *
 * @example
 * ```ts
 * checkUniversalSize([2, 8, 8, 1], [40, 40, 40]); // fine
 * checkUniversalSize([784, 10], [10 ** 6]); // throws: G layer 1 would need 784,000,000 units
 * ```
 */
export function checkUniversalSize(widths: readonly number[], pool: readonly number[]): void {
  pool.forEach((k, i) => {
    const units = k * (widths[i] as number);
    if (units > MAX_UNIVERSAL_UNITS)
      throw new InputError(
        `G layer ${2 * i + 1} would need ${k} x ${widths[i]} = ${units} units; the universality check holds a layer's units in memory and stops at 2^22 = ${MAX_UNIVERSAL_UNITS} per layer`,
      );
  });
}

/** Decides one side exactly (see the module comment). */
function decideSide(values: readonly Rational[], eta: Rational, where: string): { r: SubsetSumCover; decided: number } {
  if (values.length <= MAX_SIDE) return { r: subsetSumCover(values, eta), decided: values.length };
  const order = values.map((v, t) => ({ v, t })).sort((a, b) => b.v.abs().cmp(a.v.abs()) || a.t - b.t);
  for (const p of UNIVERSAL_PREFIXES) {
    const r = subsetSumCover(
      order.slice(0, p).map((x) => x.v),
      eta,
    );
    if (r.covers) return { r, decided: p };
  }
  throw new InputError(
    `${where}: its ${UNIVERSAL_PREFIXES[UNIVERSAL_PREFIXES.length - 1]} values of largest |u v| do not eta-cover [-1, 1] and its ${values.length} values are too many to decide exactly (2^${values.length} subset sums); use a pool with at most about ${2 * MAX_SIDE} units`,
  );
}

/**
 * Decides exactly whether G is eta-universal for the widths at the given pools.
 *
 * @example
 * ```ts
 * const r = universal({ widths: [2, 8, 8, 1], seed: 'demo', eta: Rational.parse('0.006'), pool: [40, 40, 40] });
 * r.universal; // true or false, exact; r.failure?.uncovered is a weight no subset reaches within eta
 * ```
 */
export function universal(input: UniversalInput): UniversalResult {
  const { widths, eta, pool } = input;
  const seed = checkSeed(input.seed);
  if (widths.length < 2) throw new InputError('a target needs at least one layer');
  if (pool.length !== widths.length - 1)
    throw new InputError(`need one pool size per target layer (${widths.length - 1}), got ${pool.length}`);
  for (const k of pool) if (!Number.isSafeInteger(k) || k < 1) throw new InputError(`pool size must be >= 1, got ${k}`);
  if (eta.sign() <= 0 || eta.ge(Rational.ONE)) throw new InputError(`eta must be in (0, 1), got ${eta.toString()}`);
  checkUniversalSize(widths, pool);
  const slots = widths.slice(1).reduce((a, n, i) => a + n * (widths[i] as number), 0);
  let slotsChecked = 0;
  let sidesChecked = 0;
  let worst: SlotSide | undefined;
  const gapOf = (s: SlotSide): Rational => s.maxGap ?? Rational.of(4);
  for (let i = 1; i < widths.length; i++) {
    const nIn = widths[i - 1] as number;
    const nOut = widths[i] as number;
    const k = pool[i - 1] as number;
    const u: number[][] = [];
    for (let j = 0; j < nIn; j++) {
      const c = new Cursor(seed, 2 * i - 1, j, j * k);
      u.push(Array.from({ length: k }, () => c.next()));
    }
    for (let r = 0; r < nOut; r++) {
      const cv = new Cursor(seed, 2 * i, r, 0);
      const v = Array.from({ length: nIn * k }, () => cv.next());
      for (let j = 0; j < nIn; j++) {
        for (const side of ['plus', 'minus'] as const) {
          const values: Rational[] = [];
          for (let t = 0; t < k; t++) {
            const ut = (u[j] as number[])[t] as number;
            if (side === 'plus' ? ut > 0 : ut < 0)
              values.push(Rational.fromFloat(ut).mul(Rational.fromFloat(v[j * k + t] as number)));
          }
          const where = `slot (layer ${i}, row ${r}, col ${j}), ${side} side`;
          const { r: res, decided } = decideSide(values, eta, where);
          sidesChecked += 1;
          const s: SlotSide = {
            layer: i,
            row: r,
            col: j,
            side,
            units: values.length,
            decided,
            covers: res.covers,
            maxGap: res.maxGap,
            reason: res.reason,
            uncovered: res.uncovered,
            uncoveredDistance: res.uncoveredDistance,
          };
          if (!worst || (!s.covers && worst.covers) || (s.covers === worst.covers && gapOf(s).gt(gapOf(worst))))
            worst = s;
          if (!s.covers) {
            return {
              universal: false,
              widths,
              seed,
              eta,
              pool,
              slotsChecked: slotsChecked + 1,
              sidesChecked,
              slots,
              worst,
              failure: s,
            };
          }
        }
        slotsChecked += 1;
        input.onProgress?.(slotsChecked, slots);
      }
    }
  }
  return { universal: true, widths, seed, eta, pool, slotsChecked, sidesChecked, slots, worst, failure: undefined };
}
