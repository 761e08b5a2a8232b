import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { generateTarget } from '../../src/network/generate.js';
import { mergeShards, sequentialClaimTest, shardRun } from '../../src/falsify/claim-test.js';
import { runTrials, shardIndices, parseShard } from '../../src/falsify/trials.js';
import { sequentialTest } from '../../src/stats/sequential.js';

const target = generateTarget([1, 2, 1], 'ct');
const alpha = Rational.parse('0.05');
const undersized = { eps: Rational.parse('0.1'), delta: Rational.parse('0.1'), widthScale: Rational.parse('0.05') };

describe('trials', () => {
  it('give identical outcomes on 1 and 2 worker threads', async () => {
    const idx = shardIndices(0, 12);
    const one = await runTrials('pair', target, undersized, 'w', idx, 1);
    const two = await runTrials('pair', target, undersized, 'w', idx, 2);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.some((o) => o.outcome.status === 'failure')).toBe(true);
  });

  it('shards split the indices deterministically and disjointly', () => {
    const parts = [0, 1, 2].map((i) => shardIndices(0, 20, { index: i, count: 3 }));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(shardIndices(0, 20));
    expect(() => parseShard('3/3')).toThrow(/0 <= i < n/);
  });
});

describe('claim tests', () => {
  it('the batched sequential test agrees with the reference sequential test on the same outcomes', async () => {
    const r = await sequentialClaimTest({
      claim: 'pair',
      target,
      params: undersized,
      alpha,
      maxTrials: 100,
      base: 'seq',
      workers: 1,
    });
    const failures = new Map(r.outcomes.map((o) => [o.index, o.outcome.status !== 'success']));
    const ref = sequentialTest((i) => failures.get(i) ?? false, undersized.delta, alpha, 100);
    expect(r.verdict.verdict).toBe(ref.verdict);
    expect(r.verdict.trials).toBe(ref.trials);
    expect(r.verdict.upper).toEqualRational(ref.upper);
  });

  it('supports the pair claim at its stated width and refutes it far below', async () => {
    const stated = await sequentialClaimTest({
      claim: 'pair',
      target,
      params: { eps: Rational.parse('0.1'), delta: Rational.parse('0.1') },
      alpha,
      maxTrials: 200,
      base: 'st',
      workers: 1,
    });
    expect(stated.verdict.verdict).toBe('supported');
    const small = await sequentialClaimTest({
      claim: 'pair',
      target,
      params: { ...undersized, widthScale: Rational.parse('0.001') },
      alpha,
      maxTrials: 200,
      base: 'st',
      workers: 1,
    });
    expect(small.verdict.verdict).toBe('refuted');
    expect(small.verdict.trials).toBe(10);
  });

  it('merged shards give the fixed-n verdict of the whole run; incomplete or mixed shards are refused', async () => {
    const opts = { claim: 'pair', target, params: undersized, alpha, maxTrials: 30, base: 'sh', workers: 1 };
    const docs = await Promise.all([0, 1, 2].map((i) => shardRun(opts, { index: i, count: 3 })));
    const merged = mergeShards(docs, alpha, undersized.delta);
    const whole = await runTrials('pair', target, undersized, 'sh', shardIndices(0, 30), 1);
    expect(merged.failures).toBe(whole.filter((o) => o.outcome.status !== 'success').length);
    expect(merged.trials).toBe(30);
    expect(() => mergeShards(docs.slice(0, 2), alpha, undersized.delta)).toThrow(/incomplete/);
    expect(() => mergeShards([docs[0]!, docs[0]!, docs[1]!, docs[2]!], alpha, undersized.delta)).toThrow(/given twice/);
    const other = { ...docs[1]!, base: 'other' };
    expect(() => mergeShards([docs[0]!, other, docs[2]!], alpha, undersized.delta)).toThrow(/different study/);
  });
});
