/**
 * `npx tsx scripts/bench-lemmas.ts [--json]`: timings of the two heavy lemma checkers.
 *
 * (a) P_cover(2000, 1/100): the exact rational (one BigInt numerator over 200^2000) and its
 *     printed bracket with 17 significant digits (goal: < 1 s);
 * (b) the subset-sum cover of n = 24 values of G (seed 'bench', eps = 0.001): 2^24 sums, exact
 *     decision and exact max gap (goal: < 5 s); and the same for 24 products u v;
 * (c) Lemma 3 on the pair construction (`slth lemma union-bound`): the whole result (every figure
 *     exact or certified to relative width <= 1e-15, printed) on fixtures/targets/d2-small.json and
 *     d4-wide.json with eta = 1/10, pools 10^3 .. 10^15 (the CLI's maximum; goal: < 5 s each), with
 *     the relative width of the P_fail bracket;
 * (d) the subset-sum decision for values of any magnitude: 12 values of size 1e20 .. 1e270 where the
 *     float search cannot resolve and the exact merge decides (goal: < 1 s).
 *
 * Each figure is the median of a few runs after a warm-up run.
 */
import { Rational } from '../src/numeric/rational.js';
import { coverProbability } from '../src/lemmas/cover-probability.js';
import { bracketFigure } from '../src/numeric/figure.js';
import { gProducts, gValues, subsetSumCover } from '../src/lemmas/subset-sum.js';
import { checkPairUnionBound, pairFailureProbability } from '../src/lemmas/union-bound.js';
import { readNetworkFile } from '../src/network/json.js';
import { relativeWidth } from '../src/numeric/wide.js';
import { median } from './median.js';

const json = process.argv.includes('--json');

/** Median seconds of `runs` runs after one warm-up, and the last result. */
function time<T>(runs: number, fn: () => T): { seconds: number; result: T } {
  let result = fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    xs.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(xs), result };
}

const pc = time(5, () => {
  const p = coverProbability(2000, Rational.of(1, 100));
  return bracketFigure({ lower: p, upper: p });
});
const eps = Rational.parse('0.001');
const ss = time(3, () => subsetSumCover(gValues('bench', 24), eps));
const sp = time(3, () => subsetSumCover(gProducts('bench', 24), eps));

const rows = [
  {
    name: 'P_cover(2000, 1/100), exact, printed as a 17-digit bracket',
    seconds: pc.seconds,
    goal: 1,
    value: pc.result,
  },
  {
    name: 'subset-sum cover, n = 24 G values, eps = 0.001',
    seconds: ss.seconds,
    goal: 5,
    value: `covers: ${ss.result.covers}, |T| = ${ss.result.relevant}, max gap = ${ss.result.maxGap ? bracketFigure({ lower: ss.result.maxGap, upper: ss.result.maxGap }) : '-'}`,
  },
  {
    name: 'subset-sum cover, n = 24 products |u| v, eps = 0.001',
    seconds: sp.seconds,
    goal: 5,
    value: `covers: ${sp.result.covers}, |T| = ${sp.result.relevant}, max gap = ${sp.result.maxGap ? bracketFigure({ lower: sp.result.maxGap, upper: sp.result.maxGap }) : '-'}`,
  },
];

// (c) the pool-size sweep of Lemma 3
const eta = Rational.of(1, 10);
for (const name of ['d2-small', 'd4-wide']) {
  const path = `fixtures/targets/${name}.json`;
  const net = readNetworkFile(path);
  for (const e of [3, 5, 6, 7, 8, 9, 10, 12, 15]) {
    const k = 10n ** BigInt(e);
    const run = time(3, () => checkPairUnionBound(net, eta, k, `${path}, eta=1/10, k=10^${e}`));
    const width = relativeWidth(pairFailureProbability(net, eta, k).pFail);
    rows.push({
      name: `lemma union-bound, ${name}, eta = 1/10, pool 10^${e}`,
      seconds: run.seconds,
      goal: 5,
      value: `P_fail = ${run.result.figures['P_fail = 1 - prod(1 - f)']} (relative width ${width.toExponential(2)}), holds: ${run.result.holds}`,
    });
  }
}

// (d) subset sums of huge values: 6 pairs (M + 1/3 + c, -M - 1/3) with M = 1e20 .. 1e270, whose
// cancelling pairs leave the grid of sums of c in [-1, 1]; float64 cannot see the offsets
const cs = ['1/2', '-1/2', '1/4', '-1/4', '1/8', '-1/8'].map((t) => Rational.parse(t));
const third = Rational.of(1, 3);
const huge = cs.flatMap((c, i) => {
  const M = Rational.parse(`1e${20 + 50 * i}`);
  return [M.add(third).add(c), M.neg().sub(third)];
});
const hs = time(3, () => subsetSumCover(huge, Rational.of(1, 8)));
rows.push({
  name: 'subset-sum cover, 6 cancelling pairs of 1e20 .. 1e270 (12 values), eps = 1/8 (exact merge)',
  seconds: hs.seconds,
  goal: 1,
  value: `covers: ${hs.result.covers}, reason ${hs.result.reason}, |T| = ${hs.result.relevant}, search: ${hs.result.search}`,
});

if (json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  for (const r of rows) {
    process.stdout.write(
      `${r.name}\n  ${r.seconds.toFixed(3)} s (goal < ${r.goal} s: ${r.seconds < r.goal ? 'met' : 'MISSED'})\n  ${r.value}\n`,
    );
  }
}
