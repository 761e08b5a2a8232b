/**
 * The lemma claims `covering` and `subset-sum` (src/falsify/lemma-claims.ts): registry and ids,
 * the exact stated sample counts, the exact trial decisions (against Lemma 2's decider and the
 * meet-in-the-middle subset-sum checker), falsification at undersized widths with shrinking,
 * storage and replay, survival at the stated width, and the Lueker calibration fixture.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import type { Network } from '../../src/network/network.js';
import { Cursor } from '../../src/random/scheme.js';
import { decideCover, verifyCoverDecision } from '../../src/lemmas/cover-decision.js';
import { gValues, subsetSumCover, subsetSumCoverReference } from '../../src/lemmas/subset-sum.js';
import { CLAIMS, PLACEHOLDER_TARGET, claimById } from '../../src/falsify/claims.js';
import { falsify } from '../../src/falsify/falsify.js';
import { targetArbitrary } from '../../src/falsify/arbitraries.js';
import { makeEntry, replayDatabase } from '../../src/falsify/database.js';
import { LEMMA_CLAIMS, lemmaClaimById } from '../../src/falsify/lemma-claims.js';
import { scaledCount } from '../../src/falsify/claim-pool.js';
import { statedSubsetSumN } from '../../src/theory/lueker.js';
import { subsetSumCoverByIntervals } from '../../src/lemmas/subset-sum-intervals.js';
import { runCli } from '../_support/cli.js';
import { LUEKER_C, MAX_SUBSET_SUM_N, subsetSumClaim, subsetSumId } from '../../src/falsify/subset-sum-claim.js';
import { coveringStatedK, coveringTrial } from '../../src/falsify/covering-claim.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/command.js';

const ONE = Rational.ONE;
const ANY: Network = { layers: [[[Rational.ZERO]]] };
const EPS = Rational.parse('0.1');
const DELTA = Rational.parse('0.01');

function capture(): Io & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    interactive: false,
    outText: () => out.join('\n'),
    errText: () => err.join('\n'),
  };
}

const same = (x: Rational | undefined, y: Rational | undefined): boolean =>
  x === undefined ? y === undefined : y !== undefined && x.eq(y);

describe('registry', () => {
  it('CLAIMS ends with the lemma claims, found by id; subset-sum@<C> carries the user C', () => {
    expect(CLAIMS.slice(-2).map((c) => c.id)).toEqual(['covering', 'subset-sum']);
    expect(LEMMA_CLAIMS.map((c) => c.id)).toEqual(['covering', 'subset-sum']);
    expect(claimById('covering')).toBe(LEMMA_CLAIMS[0]);
    const c = claimById('subset-sum@3.5');
    expect(c.id).toBe('subset-sum@3.5');
    expect(c.statedPool(ANY, { eps: Rational.of(1, 8), delta: DELTA })).toEqual([14n]); // 3.5 * 4
    expect(claimById('subset-sum@19_7').statedPool(ANY, { eps: Rational.of(1, 64), delta: DELTA })).toEqual([19n]); // 19/7 * 7
    expect(() => claimById('subset-sum@x')).toThrow(/unknown claim/);
    expect(lemmaClaimById('pair')).toBeUndefined();
    expect(() => claimById('subset-sum@0')).toThrow(/C must be > 0/);
  });

  it('subsetSumId round-trips through lemmaClaimById, and the calibrated C keeps the plain id', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 999 }), (p, q) => {
        const C = Rational.of(p, q);
        const id = subsetSumId(C);
        const back = lemmaClaimById(id);
        return (
          back !== undefined && back.id === id && back.statement.includes(`C = ${C.toString()}`) && !id.includes('/')
        );
      }),
    );
    expect(subsetSumClaim(LUEKER_C).id).toBe('subset-sum');
    expect(subsetSumClaim(Rational.of(3)).id).toBe('subset-sum@3');
  });

  it('lemma claims apply to every target and ignore it', () => {
    fc.assert(
      fc.property(targetArbitrary(), (net) => LEMMA_CLAIMS.every((c) => c.applies(net) === null)),
      { numRuns: 30 },
    );
    for (const c of LEMMA_CLAIMS) {
      const p = { eps: Rational.of(1, 16), delta: Rational.of(1, 16) };
      expect(c.trial({ layers: [[[Rational.of(1, 2), Rational.of(1, 4)]]] }, 'q', p)).toEqual(c.trial(ANY, 'q', p));
    }
  });

  it('width-scale and pool are honoured (ceil, at least 1); both at once is an input error', () => {
    expect(scaledCount(149n, { eps: EPS, delta: DELTA, widthScale: Rational.parse('0.2') })).toBe(30n);
    expect(scaledCount(149n, { eps: EPS, delta: DELTA, widthScale: Rational.parse('1e-9') })).toBe(1n);
    expect(scaledCount(149n, { eps: EPS, delta: DELTA, pool: 7n })).toBe(7n);
    expect(() => scaledCount(149n, { eps: EPS, delta: DELTA, pool: 7n, widthScale: ONE })).toThrow(/at most one/);
    const o = claimById('covering').trial(ANY, 'a', { eps: EPS, delta: DELTA, pool: 12n });
    expect(o.pool).toEqual(['12']);
  });
});

describe('covering claim', () => {
  it('the stated k is the exact least k with M (1 - 1/M)^k <= delta', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 999 }),
        (a, b, d) => {
          const eps0 = Rational.of(a, b);
          const delta = Rational.of(d, 1000);
          const k = Number(coveringStatedK(eps0, delta));
          const M = Rational.of(Rational.of(2).div(eps0).ceil());
          if (M.eq(ONE)) return k === 1;
          const bin = (j: number): Rational => M.mul(ONE.sub(ONE.div(M)).pow(j));
          return bin(k).le(delta) && bin(k - 1).gt(delta);
        },
      ),
      { numRuns: 60 },
    );
    expect(coveringStatedK(EPS, DELTA)).toBe(149n);
    expect(claimById('covering').statedPool(ANY, { eps: EPS, delta: DELTA })).toEqual([149n]);
  });

  it('a trial decides the cover of G layer 1 column 0 rows 0..k-1 exactly, with a verified uncovered point', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,6}$/),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, k, inv) => {
          const eps0 = Rational.of(1, inv);
          const c = new Cursor(seed, 1, 0, 0);
          const pts = Array.from({ length: k }, () => Rational.fromFloat(c.next()));
          const ref = decideCover(pts, eps0);
          const t = coveringTrial(seed, k, eps0);
          if (t.covers !== ref.covers || t.reason !== ref.reason || !same(t.uncovered, ref.uncovered)) return false;
          return verifyCoverDecision(pts, eps0, t).ok && (t.covers || t.distance!.gt(eps0));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('slth falsify --width-scale 0.2 finds, shrinks (to seed "0"), stores and replays a counterexample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
    const run = await runCli([
      'falsify',
      '--claim',
      'covering',
      '--eps',
      '0.1',
      '--delta',
      '0.01',
      '--width-scale',
      '0.2',
      '--db',
      dir,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.out) as {
      counterexample: {
        file: string;
        seed: string;
        recorded: { reason: string; pool: string[]; location: { side: string } };
      };
    };
    const ce = doc.counterexample;
    expect(ce.seed).toBe('0'); // the shrinker's minimal seed still fails
    expect(ce.recorded.pool).toEqual(['30']);
    expect(ce.recorded.reason).toMatch(
      /30 draws do not eps0-cover \[-1, 1\].*z = .* is at exact distance .* > eps0 = 1\/10/,
    );
    expect(ce.recorded.location.side).toMatch(/^(left-end|right-end|gap) z=-?\d+(\/\d+)?$/);
    const replayIo = capture();
    expect(await main(['replay', '--entry', ce.file], replayIo)).toBe(0);
    expect(replayIo.outText()).toMatch(/still fails as recorded/);
  });

  it('falsification holds the target fixed (target-free claim): the counterexample target is the placeholder and only the seed shrinks', () => {
    const r = falsify(
      claimById('covering'),
      { eps: EPS, delta: DELTA, widthScale: Rational.parse('0.2') },
      { runs: 100, fcSeed: 1 },
    );
    expect(claimById('covering').targetFree).toBe(true);
    expect(claimById('pair').targetFree).toBeUndefined();
    expect(r.counterexample).not.toBeNull();
    expect(r.counterexample!.target).toBe(PLACEHOLDER_TARGET);
    expect(r.counterexample!.seed).toBe('0');
  });

  it('at the stated width (k = 149) no counterexample in 100 runs', () => {
    const r = falsify(claimById('covering'), { eps: EPS, delta: DELTA }, { runs: 100, fcSeed: 1 });
    expect(r.counterexample).toBeNull();
    expect(r.trials).toBe(100);
  });

  it('the replay command reproduces the same draws through slth lemma covering', async () => {
    const p = { eps: EPS, delta: DELTA, widthScale: Rational.parse('0.2') };
    const cmd = claimById('covering').replayCommand('-', 'a', p, PLACEHOLDER_TARGET);
    expect(cmd).toBe('slth lemma covering --k 30 --eps0 1/10 --trials 1 --seed a');
    const run = await runCli([...cmd.split(' ').slice(1), '--json']);
    const doc = JSON.parse(run.out) as { figures: Record<string, { count?: number }> };
    expect(doc.figures['monteCarloSuccesses']?.count).toBe(0);
    expect(doc.figures['monteCarloTrials']?.count).toBe(1);
    const text = await runCli(cmd.split(' ').slice(1));
    expect(text.out).toMatch(/Monte-Carlo coverage \(sanity label\)\s+0\/1/);
  });
});

describe('subset-sum cover by intervals (exact)', () => {
  const epsArb = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 400 }))
    .map(([a, b]) => Rational.of(a, b));
  const valueArb = fc.oneof(
    fc.noBias(fc.integer({ min: -(2 ** 20), max: 2 ** 20 })).map((k) => Rational.of(k, 2 ** 20)),
    fc
      .tuple(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 1, max: 1000 }))
      .map(([p, q]) => Rational.of(p, q)),
  );

  it('agrees with full enumeration (n <= 10): decision, reason, uncovered point, max gap, least covering prefix', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 10 }), epsArb, (vs, eps) => {
        const a = subsetSumCoverByIntervals(vs, eps);
        const ref = subsetSumCoverReference(vs, eps);
        const d = decideCover(ref.sums, eps);
        if (a.covers !== ref.covers || a.reason !== d.reason || !same(a.uncovered, d.uncovered)) return false;
        if (a.reason === 'gap' && !same(a.maxGap, d.maxGap)) return false;
        const least = [...Array(vs.length + 1).keys()].find((m) => subsetSumCoverReference(vs.slice(0, m), eps).covers);
        return a.coveredAt === least;
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the meet-in-the-middle checker on G values (n <= 18), and the hole is exactly uncovered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 18 }), fc.stringMatching(/^[a-z0-9]{1,6}$/), epsArb, (n, seed, eps) => {
        const vs = gValues(seed, n);
        const a = subsetSumCoverByIntervals(vs, eps);
        const b = subsetSumCover(vs, eps);
        if (a.covers !== b.covers || a.reason !== b.reason || !same(a.uncovered, b.uncovered)) return false;
        if (a.covers) return true;
        if (
          a.reason === 'gap' &&
          !(same(a.maxGap, b.maxGap) && same(a.gapSums?.[0], b.maxGapAt?.[0]) && same(a.gapSums?.[1], b.maxGapAt?.[1]))
        )
          return false;
        // the witness is farther than eps from every sum (b's exact distance query) and lies in the hole
        const [h0, h1] = a.hole!;
        const z = a.uncovered!;
        return b.uncoveredDistance!.gt(eps) && z.ge(h0) && z.le(h1) && h0.ge(ONE.neg()) && h1.le(ONE);
      }),
      { numRuns: 120 },
    );
  });

  it('n = 40 values decide in well under a second; beyond the cap the claim refuses', () => {
    const t0 = performance.now();
    const r = subsetSumCoverByIntervals(gValues('big', 40), Rational.parse('1e-4'), { stopAtCover: false });
    expect(r.covers).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(() => subsetSumClaim(Rational.of(100)).trial(ANY, 'a', { eps: Rational.of(1, 8), delta: DELTA })).toThrow(
      new RegExp(`exceeds the cap of ${MAX_SUBSET_SUM_N}`),
    );
  });
});

describe('subset-sum claim', () => {
  it('the stated n is the exact least integer >= C log2(2/eps)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(
          fc.integer({ min: 1, max: 12 }).map((j) => Rational.of(1n, 1n << BigInt(j))),
          fc.integer({ min: 2, max: 999 }).map((d) => Rational.of(1, d)),
        ),
        (p, q, eps) => {
          const C = Rational.of(p, q);
          const n = statedSubsetSumN(C, eps);
          // C log2(2/eps) <= m  iff  (2/eps)^p <= 2^(m q)
          const x = Rational.of(2).div(eps);
          const le = (m: bigint): boolean =>
            m >= 0n && x.num ** BigInt(p) <= x.den ** BigInt(p) * (1n << (m * BigInt(q)));
          return n >= 1n && le(n) && (n === 1n || !le(n - 1n));
        },
      ),
      { numRuns: 200 },
    );
    expect(statedSubsetSumN(LUEKER_C, Rational.parse('0.1'))).toBe(12n);
  });

  it('at an undersized n, falsify finds, shrinks and stores an exact counterexample that replays', () => {
    const claim = claimById('subset-sum');
    const params = { eps: Rational.parse('0.01'), delta: Rational.parse('0.01'), pool: 10n };
    const r = falsify(claim, params, { runs: 50, fcSeed: 3 });
    const ce = r.counterexample;
    expect(ce).not.toBeNull();
    if (!ce) return;
    expect(ce.outcome.reason).toMatch(/the 2\^10 subset sums of 10 draws do not eps-cover \[-1, 1\]/);
    expect(ce.outcome.figures?.['uncovered']).toBeDefined();
    const z = Rational.parse(ce.outcome.figures?.['uncovered'] as string);
    // the uncovered point is exact: farther than eps from every one of the 2^10 sums
    const sums = subsetSumCoverReference(gValues(ce.seed, 10), params.eps).sums;
    expect(sums.every((s) => s.sub(z).abs().gt(params.eps))).toBe(true);
    const entry = makeEntry(claim.id, params, ce.target, ce.seed, ce.outcome, {
      fcSeed: 3,
      runs: 50,
      numShrinks: ce.numShrinks,
      slth: 'test',
    });
    const dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
    writeFileSync(join(dir, `${entry.id}.json`), JSON.stringify(entry));
    const [replayed] = replayDatabase(dir);
    expect(replayed?.asRecorded).toBe(true);
  });

  it('the user C changes the stated n; a small C is falsified at once', () => {
    const p = { eps: Rational.parse('0.01'), delta: Rational.parse('0.01') };
    expect(claimById('subset-sum@1').statedPool(ANY, p)).toEqual([8n]);
    const r = falsify(claimById('subset-sum@1'), p, { runs: 20, fcSeed: 1 });
    expect(r.counterexample?.outcome.status).toBe('failure');
  });
});

describe('Lueker calibration', () => {
  const file = fileURLToPath(new URL('../../fixtures/calibration/lueker.json', import.meta.url));
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    C: string;
    alpha: string;
    seeds: { base: string; count: number };
    table: { eps: string; log2TwoOverEps: number; n: number; ratio: string; successes: number[] }[];
  };

  it('LUEKER_C is the C of fixtures/calibration/lueker.json, the max of n_min / log2(2/eps)', () => {
    expect(LUEKER_C.toString()).toBe(doc.C);
    let max = Rational.ZERO;
    for (const row of doc.table) {
      const eps = Rational.parse(row.eps);
      expect(
        Rational.of(2)
          .div(eps)
          .eq(Rational.of(2n ** BigInt(row.log2TwoOverEps))),
      ).toBe(true);
      expect(Rational.parse(row.ratio)).toEqualRational(Rational.of(row.n, row.log2TwoOverEps));
      if (Rational.parse(row.ratio).gt(max)) max = Rational.parse(row.ratio);
      // counts are monotone in n (covering is monotone in the prefix)
      expect(row.successes.every((s, i) => i === 0 || s >= (row.successes[i - 1] as number))).toBe(true);
    }
    expect(max.toString()).toBe(doc.C);
  });

  it('the cover counts of eps = 1/4 are reproduced from the seeds, and 200 of them by meet in the middle', () => {
    const row = doc.table.find((r) => r.eps === '1/4')!;
    const eps = Rational.of(1, 4);
    const least = Array.from(
      { length: doc.seeds.count },
      (_, i) => subsetSumCoverByIntervals(gValues(`${doc.seeds.base}.${i}`, 40), eps).coveredAt,
    );
    const counts = Array.from({ length: 41 }, (_, n) => least.filter((m) => m !== undefined && m <= n).length);
    expect(counts).toEqual(row.successes);
    // an independent decider (meet in the middle) at n_min and n_min - 1 on the first 200 seeds
    for (let i = 0; i < 200; i++) {
      const vs = gValues(`${doc.seeds.base}.${i}`, row.n);
      const m = least[i];
      expect(subsetSumCover(vs, eps).covers).toBe(m !== undefined && m <= row.n);
      expect(subsetSumCover(vs.slice(0, row.n - 1), eps).covers).toBe(m !== undefined && m <= row.n - 1);
    }
  });

  it('the calibration script is deterministic: --check against the fixture passes', () => {
    const script = fileURLToPath(new URL('../../scripts/calibrate-lueker.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`C_hat = ${doc.C.replace('/', '\\/')}`));
  }, 120_000);
});
