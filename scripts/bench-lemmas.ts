/**
 * `npx tsx scripts/bench-lemmas.ts [--json]`: timings of the two heavy lemma checkers.
 *
 * (a) P_cover(2000, 1/100): the exact rational (one BigInt numerator over 200^2000) and its
 *     printed bracket with 17 significant digits (goal: < 1 s);
 * (b) the subset-sum cover of n = 24 values of G (seed 'bench', eps = 0.001): 2^24 sums, exact
 *     decision and exact max gap (goal: < 5 s); and the same for 24 products u v.
 *
 * Each figure is the median of a few runs after a warm-up run.
 */
import { Rational } from '../src/numeric/rational.js';
import { coverProbability } from '../src/lemmas/cover-probability.js';
import { bracketFigure } from '../src/numeric/figure.js';
import { gProducts, gValues, subsetSumCover } from '../src/lemmas/subset-sum.js';

const json = process.argv.includes('--json');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

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

if (json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  for (const r of rows) {
    process.stdout.write(
      `${r.name}\n  ${r.seconds.toFixed(3)} s (goal < ${r.goal} s: ${r.seconds < r.goal ? 'met' : 'MISSED'})\n  ${r.value}\n`,
    );
  }
}
