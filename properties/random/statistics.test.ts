/**
 * Statistical sanity of G at FIXED seeds (deterministic: these verdicts cannot flake). Level
 * alpha = 1e-6 for every test, with non-asymptotic critical values (DKW-Massart for KS,
 * Hoeffding for product means, an exact binomial tail for signs). Each test is also run on a
 * deliberately bad generator, which it must reject.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { BLOCK, Cursor } from '../../src/random/scheme.js';
import {
  ALPHA,
  binomialHalfTest,
  correlation,
  dkwCritical,
  ksPairDifference,
  ksUniformPm1,
  productMeanTest,
} from './stats.js';

const N = 20_000;

/** n values of a sequential source. */
function take(next: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = next();
  return out;
}

/** The first value of each of `n` consecutive blocks of one line, and the last value of the previous block. */
function acrossBlocks(
  seed: string,
  layer: number,
  line: number,
  n: number,
): { first: Float64Array; lastBefore: Float64Array } {
  const first = new Float64Array(n);
  const lastBefore = new Float64Array(n);
  for (let b = 1; b <= n; b++) {
    const c = new Cursor(seed, layer, line, b * BLOCK - 1);
    lastBefore[b - 1] = c.next();
    first[b - 1] = c.next();
  }
  return { first, lastBefore };
}

/** A "G" whose every block is the same stream (the block index is ignored). */
function blockReused(seed: string): (block: number) => Float64Array {
  const rng = seedrandom.xor4096(`reused:${seed}`);
  const one = take(() => 2 * rng.double() - 1, BLOCK);
  return () => one;
}

/** A "G" whose odd blocks are the negated even blocks. */
function blockNegated(seed: string): (block: number) => Float64Array {
  const rng = seedrandom.xor4096(`negated:${seed}`);
  const one = take(() => 2 * rng.double() - 1, BLOCK);
  const minus = one.map((v) => -v);
  return (block) => (block % 2 === 0 ? one : minus);
}

describe('sanity of the critical values', () => {
  it('DKW critical value for n = 20000 at alpha = 1e-6 is about 0.019', () => {
    expect(dkwCritical(N, ALPHA)).toBeCloseTo(Math.sqrt(Math.log(2e6) / 40_000), 12);
    expect(dkwCritical(N, ALPHA)).toBeGreaterThan(0.018);
    expect(dkwCritical(N, ALPHA)).toBeLessThan(0.02);
  });
  it('exact binomial test: n/2 passes, extreme counts fail, symmetric in k <-> n - k', () => {
    expect(binomialHalfTest(500, 1000).pass).toBe(true);
    expect(binomialHalfTest(1000, 1000).pass).toBe(false);
    // P(|K - 500| >= 80) for n = 1000 is about 4e-7 < 1e-6; >= 70 is about 1e-5
    expect(binomialHalfTest(580, 1000).pass).toBe(false);
    expect(binomialHalfTest(570, 1000).pass).toBe(true);
    expect(binomialHalfTest(420, 1000).pass).toBe(false);
    expect(binomialHalfTest(430, 1000).pass).toBe(true);
    expect(binomialHalfTest(7, 10).pValue).toBeCloseTo(0.34375, 12); // (1+10+45)*2/1024
  });
});

describe('KS: cursor values are U[-1, 1]', () => {
  for (const [seed, layer, line] of [
    ['stat-1', 1, 0],
    ['stat-1', 2, 0],
    ['stat-2', 5, 123_456],
  ] as [string, number, number][]) {
    it(`seed ${seed}, layer ${layer}, line ${line}: ${N} values (5 blocks)`, () => {
      const c = new Cursor(seed, layer, line, 0);
      const r = ksUniformPm1(take(() => c.next(), N));
      expect(r.pass, `D = ${r.d} > ${r.critical}`).toBe(true);
    });
  }
  it('and far out: 20000 values from position 10^12', () => {
    const c = new Cursor('stat-far', 3, 7, 10 ** 12);
    expect(ksUniformPm1(take(() => c.next(), N)).pass).toBe(true);
  });
  it('negative controls: squared values, 0.9-power distortion and r instead of 2r - 1 are rejected', () => {
    const rng = seedrandom.xor4096('stat-control');
    const squared = take(() => {
      const u = 2 * rng.double() - 1;
      return u * u;
    }, N);
    expect(ksUniformPm1(squared).pass).toBe(false);
    const distorted = take(() => {
      const u = 2 * rng.double() - 1;
      return Math.sign(u) * Math.abs(u) ** 0.9;
    }, N);
    expect(ksUniformPm1(distorted).pass).toBe(false);
    expect(ksUniformPm1(take(() => rng.double(), N)).pass).toBe(false);
  });
});

describe('block independence', () => {
  const B = 2000;
  it(`the first values of ${B} consecutive blocks are U[-1, 1] (KS)`, () => {
    const { first } = acrossBlocks('indep', 1, 0, B);
    expect(ksUniformPm1(first).pass).toBe(true);
  });
  it(`the first values of ${B} different lines, and of ${B} different seeds, are U[-1, 1]`, () => {
    const lines = take(
      (() => {
        let line = 0;
        return () => new Cursor('indep', 2, line++, 0).next();
      })(),
      B,
    );
    expect(ksUniformPm1(lines).pass).toBe(true);
    const seeds = take(
      (() => {
        let s = 0;
        return () => new Cursor(`indep-${s++}`, 1, 0, 0).next();
      })(),
      B,
    );
    expect(ksUniformPm1(seeds).pass).toBe(true);
  });
  it('adjacent blocks: (last of block b, first of block b+1) are independent (KS of the difference, product mean)', () => {
    for (const layer of [1, 2]) {
      const { first, lastBefore } = acrossBlocks('pairs', layer, 4, B);
      expect(ksPairDifference(first, lastBefore).pass).toBe(true);
      expect(productMeanTest(first, lastBefore).pass).toBe(true);
    }
    // whole adjacent blocks position by position: N pairs (a_i of block b, a_i of block b+1)
    const c = new Cursor('pairs', 1, 9, 0);
    const blocks = Array.from({ length: 6 }, () => take(() => c.next(), BLOCK));
    const a = new Float64Array(5 * BLOCK);
    const b = new Float64Array(5 * BLOCK);
    for (let k = 0; k < 5; k++) {
      a.set(blocks[k] as Float64Array, k * BLOCK);
      b.set(blocks[k + 1] as Float64Array, k * BLOCK);
    }
    expect(ksPairDifference(a, b).pass).toBe(true);
    expect(productMeanTest(a, b).pass).toBe(true);
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.05);
  });
  it('negative controls: a block-reused stream and a sign-flipped next block are rejected', () => {
    const pairsOf = (make: (block: number) => Float64Array): [Float64Array, Float64Array] => {
      const a = new Float64Array(5 * BLOCK);
      const b = new Float64Array(5 * BLOCK);
      for (let k = 0; k < 5; k++) {
        a.set(make(k), k * BLOCK);
        b.set(make(k + 1), k * BLOCK);
      }
      return [a, b];
    };
    const [ra, rb] = pairsOf(blockReused('x'));
    expect(ksPairDifference(ra, rb).pass).toBe(false);
    expect(productMeanTest(ra, rb).pass).toBe(false);
    // the difference test alone cannot see b = -a ((a - b)/2 = a mod 1 is uniform); the product mean does
    const [na, nb] = pairsOf(blockNegated('x'));
    expect(ksPairDifference(na, nb).pass).toBe(true);
    expect(productMeanTest(na, nb).pass).toBe(false);
    // the first values of 2000 blocks of a block-reused stream are all equal
    const reused = blockReused('y');
    let k = 0;
    expect(ksUniformPm1(take(() => reused(k++)[0] as number, B)).pass).toBe(false);
  });
});

describe('exact binomial test of signs', () => {
  it(`${N} cursor values have a plausible number of positive signs`, () => {
    for (const [seed, layer] of [
      ['sign-1', 1],
      ['sign-2', 2],
    ] as [string, number][]) {
      const c = new Cursor(seed, layer, 0, 0);
      let positive = 0;
      for (let i = 0; i < N; i++) if (c.next() > 0) positive++;
      const t = binomialHalfTest(positive, N);
      expect(t.pass, `${positive} positives of ${N}, p = ${t.pValue}`).toBe(true);
    }
  });
  it('and the signs of the first values of 2000 blocks', () => {
    const { first } = acrossBlocks('sign-blocks', 1, 2, 2000);
    const positive = first.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
    expect(binomialHalfTest(positive, 2000).pass).toBe(true);
  });
  it('negative control: a generator shifted by 0.05 (P(u > 0) = 0.525) is rejected', () => {
    const rng = seedrandom.xor4096('sign-control');
    let positive = 0;
    for (let i = 0; i < N; i++) if (2 * rng.double() - 0.95 > 0) positive++;
    expect(binomialHalfTest(positive, N).pass).toBe(false);
  });
});
