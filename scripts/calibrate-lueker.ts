/**
 * `npx tsx scripts/calibrate-lueker.ts [--json] [--out FILE] [--check]`: empirical calibration of
 * the constant C of Lueker's subset-sum lemma (docs/MATH.md §5.6), as used by the `subset-sum` claim.
 *
 * Lueker: n >= C log2(2/eps) i.i.d. U[-1, 1] values have subset sums that eps-cover [-1, 1] with
 * probability >= 1 - eps. The literature gives no explicit C, so slth measures one:
 *
 * - for eps in {1/4, 1/8, ..., 1/128} and each of SEEDS G seeds `lueker.<i>`, the values are G
 *   layer 1, column 0, rows 0..39 (scheme slth-g/1, the grid law), and the least prefix length
 *   n_s(eps) <= 40 whose subset sums eps-cover [-1, 1] is found by one exact decision
 *   (`subsetSumCoverByIntervals`; covering is monotone in the prefix length, so the cover count at
 *   n is #{s : n_s(eps) <= n}, with common random numbers across n);
 * - n_min(eps) is the least n at which the exact one-sided Clopper-Pearson lower bound (level
 *   ALPHA) of the cover probability, 1 - UCB(failures), is >= 1 - eps (the lemma's own probability);
 *   1000 seeds are needed: with N seeds and no failure the bound is alpha^(1/N), which must
 *   reach 1 - 1/128;
 * - C_hat = max over eps of n_min(eps) / log2(2/eps) (log2(2/eps) is an integer here, so C_hat is
 *   an exact rational).
 *
 * The result (C_hat and the whole table) is written to fixtures/calibration/lueker.json (or
 * --out). Everything is exact and seeded, so every run writes the same bytes; `--check` compares
 * with the existing file instead of writing it (exit 1 on a difference). The constant is an
 * empirical calibration, not a theorem: the `subset-sum` claim lets users give their own C.
 */
import { fileURLToPath } from 'node:url';
import { writeOrCheckCalibration } from './calibration-file.js';
import { Rational } from '../src/numeric/rational.js';
import { gValues } from '../src/lemmas/subset-sum.js';
import { subsetSumCoverByIntervals } from '../src/lemmas/subset-sum-intervals.js';
import { upperBound } from '../src/stats/clopper-pearson.js';

/** eps values of the calibration: 2^-2 .. 2^-7, so log2(2/eps) = 3 .. 8. */
const EPS = [2, 3, 4, 5, 6, 7].map((j) => Rational.of(1n, 1n << BigInt(j)));
/** Number of G seeds (the exact Clopper-Pearson engine handles up to 1000 trials). */
const SEEDS = 1000;
/** Base of the seed names. */
const BASE = 'lueker';
/** Level of the one-sided Clopper-Pearson bound. */
const ALPHA = Rational.of(1, 20);
/** Longest prefix examined (the subset-sum claim's cap). */
const N_MAX = 40;

const args = process.argv.slice(2);
const json = args.includes('--json');
const check = args.includes('--check');
const outIdx = args.indexOf('--out');
const outFile =
  outIdx >= 0 && args[outIdx + 1]
    ? (args[outIdx + 1] as string)
    : fileURLToPath(new URL('../fixtures/calibration/lueker.json', import.meta.url));

/** Least covering prefix length of each seed's first N_MAX draws, or null. */
function leastPrefixes(eps: Rational): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < SEEDS; i++) {
    const r = subsetSumCoverByIntervals(gValues(`${BASE}.${i}`, N_MAX), eps);
    out.push(r.coveredAt ?? null);
  }
  return out;
}

interface Row {
  eps: string;
  log2TwoOverEps: number;
  n: number | null;
  ratio: string | null;
  ratioDecimal: string | null;
  successesAtN: number | null;
  successLowerBoundAtN: string | null;
  successesAtNMinus1: number | null;
  successLowerBoundAtNMinus1: string | null;
  /** successes[n] = seeds whose first n draws cover, n = 0..N_MAX. */
  successes: number[];
}

const t0 = performance.now();
const rows: Row[] = [];
for (const eps of EPS) {
  const log2 = eps.den.toString(2).length; // eps = 2^-j: log2(2/eps) = j + 1 = bit length of 2^j
  const least = leastPrefixes(eps);
  const successes = Array.from({ length: N_MAX + 1 }, (_, n) => least.filter((m) => m !== null && m <= n).length);
  const lcb = (n: number): Rational => Rational.ONE.sub(upperBound(SEEDS - (successes[n] as number), SEEDS, ALPHA));
  const goal = Rational.ONE.sub(eps);
  let found: number | null = null;
  for (let n = 0; n <= N_MAX; n++) {
    const failures = SEEDS - (successes[n] as number);
    // the Clopper-Pearson upper bound is >= failures / trials: skip sizes that cannot pass
    if (Rational.of(failures, SEEDS).gt(eps)) continue;
    if (lcb(n).ge(goal)) {
      found = n;
      break;
    }
  }
  const ratio = found === null ? null : Rational.of(found, log2);
  rows.push({
    eps: eps.toString(),
    log2TwoOverEps: log2,
    n: found,
    ratio: ratio ? ratio.toString() : null,
    ratioDecimal: ratio ? ratio.toDecimal(4, 'nearest') : null,
    successesAtN: found === null ? null : (successes[found] as number),
    successLowerBoundAtN: found === null ? null : lcb(found).toDecimal(6, 'floor'),
    successesAtNMinus1: found === null || found === 0 ? null : (successes[found - 1] as number),
    successLowerBoundAtNMinus1: found === null || found === 0 ? null : lcb(found - 1).toDecimal(6, 'floor'),
    successes,
  });
}
const ratios = rows.map((r) => (r.ratio === null ? null : Rational.parse(r.ratio)));
if (ratios.some((r) => r === null)) {
  console.error(`calibrate-lueker: some eps needs more than ${N_MAX} values; raise N_MAX`);
  process.exit(1);
}
let C = ratios[0] as Rational;
let argmax = rows[0]?.eps ?? '';
ratios.forEach((r, i) => {
  if ((r as Rational).gt(C)) {
    C = r as Rational;
    argmax = rows[i]?.eps ?? '';
  }
});

const doc = {
  format: 'slth-lueker-calibration/1',
  statement:
    'n >= C log2(2/eps) i.i.d. U[-1,1] values have subset sums that eps-cover [-1,1] with probability >= 1 - eps (Lueker); C calibrated empirically, not from the literature',
  C: C.toString(),
  CDecimal: C.toDecimal(6, 'nearest'),
  argmaxEps: argmax,
  method:
    `for each eps and each of ${SEEDS} seeds ${BASE}.0 .. ${BASE}.${SEEDS - 1}: the least prefix n <= ${N_MAX} of G layer 1, column 0 (slth-g/1, grid law) whose subset sums eps-cover [-1,1], decided exactly (interval recursion, src/falsify/lemma-claims.ts); ` +
    `n_min(eps) = least n whose exact one-sided Clopper-Pearson lower bound (alpha = ${ALPHA.toString()}) of the cover probability is >= 1 - eps; C = max_eps n_min(eps) / log2(2/eps)`,
  seeds: { base: BASE, count: SEEDS },
  alpha: ALPHA.toString(),
  nMax: N_MAX,
  table: rows,
};
const text = `${JSON.stringify(doc, null, 2)}\n`;
const seconds = ((performance.now() - t0) / 1000).toFixed(1);

writeOrCheckCalibration(outFile, text, check, 'calibrate-lueker');

if (json) console.log(text.trimEnd());
else {
  const head = [
    'eps',
    'log2(2/eps)',
    'n_min',
    'n_min/log2',
    'covers at n_min',
    'LCB at n_min',
    'covers at n_min-1',
    'LCB at n_min-1',
  ];
  const body = rows.map((r) => [
    r.eps,
    String(r.log2TwoOverEps),
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
    `Lueker calibration: ${SEEDS} seeds, exact cover decisions, one-sided Clopper-Pearson at alpha = ${ALPHA.toString()}, goal 1 - eps`,
  );
  console.log(line(head));
  for (const b of body) console.log(line(b));
  console.log(
    `C_hat = ${C.toString()} (${C.toDecimal(4, 'nearest')}), attained at eps = ${argmax}; ${check ? 'checked against' : 'written to'} ${outFile} (${seconds} s)`,
  );
}
