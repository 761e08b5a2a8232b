/**
 * `npx tsx scripts/calibrate-subset.ts [--json] [--out FILE] [--check] [--seeds N]`: empirical
 * calibration of the constant C_D of construction D's stated pool (subset sums of products,
 * Pensia et al. 2020), k = ceil(C_D log2(2 N_w / min(eta, delta))) units per input coordinate.
 *
 * No explicit constant exists in the literature, so slth measures one for the law the
 * construction actually uses, and for the event Pensia et al.'s theorem needs (universality):
 *
 * - the law: a pool of k units of one input coordinate; unit t has u_t (G layer 1, column 0,
 *   row t) and, towards output r, v_{r,t} (G layer 2, row r, column t), scheme slth-g/1 (the grid
 *   law); its value is z = u_t v_{r,t}, and the sign of u_t puts it on the + or the - side (so a
 *   pool of k units splits Binomial(k, 1/2));
 * - the event at pool size k for a shape (d = 1, n outputs; N_w = n slots): every slot r and
 *   each sign, the subset sums of that side's values eta-cover [-1, 1] (universality of G for
 *   these widths). It is decided exactly: per slot and sign, the least number m of the side's
 *   first values whose subset sums cover is found by the exact interval recursion
 *   (`subsetSumCoverByIntervals`, integers over a common denominator); covering is monotone in the
 *   set of values, hence in k (pools are prefixes of the same column), so the least k of a seed is
 *   the largest, over slots and signs, pool position of the m-th side value, and the event holds at
 *   k iff k reaches it. On the first CROSS_SEEDS seeds every decisive verdict with at most
 *   CROSS_MAX values (covers with m values, not with m - 1) is re-decided by the meet-in-the-middle
 *   checker of the subset-sum lemma (`subsetSumCover`, src/lemmas/subset-sum.ts); a disagreement
 *   aborts the calibration;
 * - for each eta in {1/4, ..., 1/128}, each shape (N_w = 1, 4 and 16) and each of SEEDS G seeds
 *   `subset.<i>`, n_min(eta, shape) is the least k whose exact one-sided Clopper-Pearson lower
 *   bound (level ALPHA) of P(event) is >= 1 - eta (delta = eta, as in Lueker's lemma);
 * - C_D = max over the table of n_min / log2(2 N_w / eta), an exact rational (log2(2 N_w / eta) is
 *   an integer here).
 *
 * The result is written to fixtures/calibration/subset-products.json (or --out). Everything is
 * exact and seeded, so every run writes the same bytes; `--check` compares with the existing file
 * instead (exit 1 on a difference). Calibrated, not proven: `--lueker-c` lets users give their own.
 */
import { fileURLToPath } from 'node:url';
import { writeOrCheckCalibration } from './calibration-file.js';
import { Rational } from '../src/numeric/rational.js';
import { Cursor } from '../src/random/scheme.js';
import { subsetSumCover } from '../src/lemmas/subset-sum.js';
import { subsetSumCoverByIntervals } from '../src/lemmas/subset-sum-intervals.js';
import { upperBound } from '../src/stats/clopper-pearson.js';

/** Tolerances of the calibration: 2^-2 .. 2^-7. */
const ETA_EXPONENTS = [2, 3, 4, 5, 6, 7];
/** Shapes: one input coordinate and N_w outputs (slots). */
const SHAPES = [1, 4, 16];
/** Base of the seed names. */
const BASE = 'subset';
/** Level of the one-sided Clopper-Pearson bound. */
const ALPHA = Rational.of(1, 20);
/** Longest pool examined per seed. */
const K_MAX = 192;
/** Seeds whose decisive verdicts are re-decided by the meet-in-the-middle lemma checker. */
const CROSS_SEEDS = 40;
/** Largest value count re-decided by the meet-in-the-middle checker (2^n sums). */
const CROSS_MAX = 18;

const args = process.argv.slice(2);
const json = args.includes('--json');
const check = args.includes('--check');
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SEEDS = Number(flag('--seeds') ?? '1000');
if (!Number.isSafeInteger(SEEDS) || SEEDS < 10 || SEEDS > 1000) {
  console.error('calibrate-subset: --seeds must be an integer in 10..1000 (the exact Clopper-Pearson engine)');
  process.exit(2);
}
const outFile =
  flag('--out') ?? fileURLToPath(new URL('../fixtures/calibration/subset-products.json', import.meta.url));

/** One seed's pool: u_t and, per output r, v_{r,t}, t < K_MAX, as exact products per side. */
interface SeedPool {
  /** Pool positions of the units with u > 0 (resp. < 0), increasing. */
  readonly at: readonly [number[], number[]];
  /** Per output r and side: the values u_t v_{r,t} in pool order. */
  readonly values: readonly (readonly [Rational[], Rational[]])[];
}

function seedPool(seed: string, outputs: number): SeedPool {
  const cu = new Cursor(seed, 1, 0, 0);
  const u = Array.from({ length: K_MAX }, () => cu.next());
  const at: [number[], number[]] = [[], []];
  u.forEach((x, t) => {
    if (x > 0) at[0].push(t);
    else if (x < 0) at[1].push(t);
  });
  const values = Array.from({ length: outputs }, (_, r): [Rational[], Rational[]] => {
    const cv = new Cursor(seed, 2, r, 0);
    const v = Array.from({ length: K_MAX }, () => cv.next());
    const side = (ts: number[]): Rational[] =>
      ts.map((t) => Rational.fromFloat(u[t] as number).mul(Rational.fromFloat(v[t] as number)));
    return [side(at[0]), side(at[1])];
  });
  return { at, values };
}

let crossChecked = 0;

/** Least number of leading values whose subset sums eta-cover [-1, 1], or null. */
function leastCover(values: readonly Rational[], eta: Rational, cross: boolean): number | null {
  const m = subsetSumCoverByIntervals(values, eta).coveredAt ?? null;
  if (cross && m !== null && m <= CROSS_MAX) {
    const yes = subsetSumCover(values.slice(0, m), eta).covers;
    const no = m === 0 ? false : subsetSumCover(values.slice(0, m - 1), eta).covers;
    crossChecked += m === 0 ? 1 : 2;
    if (!yes || no) {
      console.error(`calibrate-subset: the two exact cover checkers disagree (m = ${m}, eta = ${eta.toString()})`);
      process.exit(1);
    }
  }
  return m;
}

/** The least pool size k <= K_MAX at which every slot and sign covers, or null. */
function leastPool(pool: SeedPool, outputs: number, eta: Rational, cross: boolean): number | null {
  let k = 0;
  for (let r = 0; r < outputs; r++) {
    for (const s of [0, 1] as const) {
      const m = leastCover((pool.values[r] as [Rational[], Rational[]])[s], eta, cross);
      if (m === null) return null;
      const need = m === 0 ? 0 : (pool.at[s][m - 1] as number) + 1;
      if (need > k) k = need;
    }
  }
  return k;
}

interface Row {
  eta: string;
  slots: number;
  log2Term: number;
  n: number | null;
  ratio: string | null;
  ratioDecimal: string | null;
  successesAtN: number | null;
  successLowerBoundAtN: string | null;
  successesAtNMinus1: number | null;
  successLowerBoundAtNMinus1: string | null;
  /** Seeds whose least pool exceeds K_MAX. */
  beyondKMax: number;
  /** successes[k] = seeds universal at pool size k, k = 0..K_MAX. */
  successes: number[];
}

const t0 = performance.now();
const rows: Row[] = [];
const pools = new Map<number, SeedPool[]>();
for (const slots of SHAPES) {
  pools.set(
    slots,
    Array.from({ length: SEEDS }, (_, i) => seedPool(`${BASE}.${i}`, slots)),
  );
}
for (const j of ETA_EXPONENTS) {
  const eta = Rational.of(1n, 1n << BigInt(j));
  for (const slots of SHAPES) {
    const seedPools = pools.get(slots) as SeedPool[];
    const least = seedPools.map((p, i) => leastPool(p, slots, eta, i < CROSS_SEEDS));
    const successes = Array.from({ length: K_MAX + 1 }, (_, k) => least.filter((m) => m !== null && m <= k).length);
    const lcb = (k: number): Rational => Rational.ONE.sub(upperBound(SEEDS - (successes[k] as number), SEEDS, ALPHA));
    const goal = Rational.ONE.sub(eta);
    let found: number | null = null;
    for (let k = 0; k <= K_MAX; k++) {
      // the Clopper-Pearson upper bound is >= failures / trials: skip sizes that cannot pass
      if (Rational.of(SEEDS - (successes[k] as number), SEEDS).gt(eta)) continue;
      if (lcb(k).ge(goal)) {
        found = k;
        break;
      }
    }
    // log2(2 N_w / eta) = log2(2 N_w) + j, an integer for N_w a power of two
    const log2Term = Math.log2(2 * slots) + j;
    if (!Number.isInteger(log2Term)) throw new Error('calibrate-subset: shapes must have a power-of-two slot count');
    const ratio = found === null ? null : Rational.of(found, log2Term);
    rows.push({
      eta: eta.toString(),
      slots,
      log2Term,
      n: found,
      ratio: ratio ? ratio.toString() : null,
      ratioDecimal: ratio ? ratio.toDecimal(4, 'nearest') : null,
      successesAtN: found === null ? null : (successes[found] as number),
      successLowerBoundAtN: found === null ? null : lcb(found).toDecimal(6, 'floor'),
      successesAtNMinus1: found === null || found === 0 ? null : (successes[found - 1] as number),
      successLowerBoundAtNMinus1: found === null || found === 0 ? null : lcb(found - 1).toDecimal(6, 'floor'),
      beyondKMax: least.filter((m) => m === null).length,
      successes,
    });
  }
}
if (rows.some((r) => r.ratio === null)) {
  const bad = rows.find((r) => r.ratio === null) as Row;
  console.error(
    `calibrate-subset: at eta = ${bad.eta}, N_w = ${bad.slots} no pool size <= ${K_MAX} reaches the goal (${bad.beyondKMax} seeds beyond K_MAX; with ${SEEDS} seeds the bound may also be too weak)`,
  );
  process.exit(1);
}
let C = Rational.parse(rows[0]?.ratio as string);
let argmax = rows[0] as Row;
for (const r of rows) {
  const q = Rational.parse(r.ratio as string);
  if (q.gt(C)) {
    C = q;
    argmax = r;
  }
}

const doc = {
  format: 'slth-subset-calibration/1',
  statement:
    'a pool of k >= C_D log2(2 N_w / eta) units per input coordinate (values u v, u and v U[-1,1], split by the sign of u) makes G eta-universal for a one-input shape with N_w outputs (every slot and sign: subset sums eta-cover [-1,1]) with probability >= 1 - eta; C_D calibrated empirically, not proven',
  C: C.toString(),
  CDecimal: C.toDecimal(6, 'nearest'),
  argmax: { eta: argmax.eta, slots: argmax.slots },
  method:
    `for each eta, each shape (1 input, N_w outputs) and each of ${SEEDS} seeds ${BASE}.0 .. ${BASE}.${SEEDS - 1}: the least pool size k <= ${K_MAX} ` +
    '(G layer 1 column 0 rows 0..k-1 for u, G layer 2 row r columns 0..k-1 for v; slth-g/1, grid law) at which every slot and sign has subset sums that eta-cover [-1,1], ' +
    `decided exactly (interval recursion, src/falsify/lemma-claims.ts; cross-checked by the meet-in-the-middle lemma checker src/lemmas/subset-sum.ts on the first ${CROSS_SEEDS} seeds for sides of <= ${CROSS_MAX} values); ` +
    `n_min = least k whose exact one-sided Clopper-Pearson lower bound (alpha = ${ALPHA.toString()}) of P(universal) is >= 1 - eta; C_D = max n_min / log2(2 N_w / eta)`,
  seeds: { base: BASE, count: SEEDS },
  alpha: ALPHA.toString(),
  kMax: K_MAX,
  crossChecked: { seeds: CROSS_SEEDS, maxValues: CROSS_MAX, decisions: crossChecked },
  table: rows,
};
const text = `${JSON.stringify(doc, null, 2)}\n`;
const seconds = ((performance.now() - t0) / 1000).toFixed(1);

writeOrCheckCalibration(outFile, text, check, 'calibrate-subset');

if (json) console.log(text.trimEnd());
else {
  const head = [
    'eta',
    'N_w',
    'log2(2N_w/eta)',
    'n_min',
    'n_min/log2',
    'universal at n_min',
    'LCB',
    'at n_min-1',
    'LCB',
  ];
  const body = rows.map((r) => [
    r.eta,
    String(r.slots),
    String(r.log2Term),
    String(r.n),
    `${r.ratio} (${r.ratioDecimal})`,
    `${r.successesAtN}/${SEEDS}`,
    String(r.successLowerBoundAtN),
    `${r.successesAtNMinus1}/${SEEDS}`,
    String(r.successLowerBoundAtNMinus1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
  console.log(
    `subset-sum pool calibration (products, sign split, universal event): ${SEEDS} seeds, exact cover decisions, one-sided Clopper-Pearson at alpha = ${ALPHA.toString()}, goal 1 - eta`,
  );
  console.log(line(head));
  for (const b of body) console.log(line(b));
  console.log(
    `C_D = ${C.toString()} (${C.toDecimal(4, 'nearest')}), attained at eta = ${argmax.eta}, N_w = ${argmax.slots}; ${crossChecked} decisions cross-checked; calibrated, not proven; ${check ? 'checked against' : 'written to'} ${outFile} (${seconds} s)`,
  );
}
