import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { exists, existenceJson, maskedSubnetwork, MAX_POOL } from '../../src/existence/exists.js';
import { closestSubsetSum, MAX_SUBSET_ITEMS } from '../../src/existence/subset-sum.js';
import { networkToJson } from '../../src/network/json.js';
import { forward, type Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { bits, bruteEffective, bruteRaw, gWeights, runCli, supSquared } from './helpers.js';

/** A target weight: a dyadic k/2^12 or a fraction p/q in [-1, 1] (not dyadic in general). */
const wArb = fc.oneof(
  fc.integer({ min: -4096, max: 4096 }).map((k) => Rational.of(k, 4096)),
  fc
    .tuple(fc.integer({ min: -97, max: 97 }), fc.integer({ min: 1, max: 97 }))
    .map(([p, q]) => Rational.of(p, q))
    .filter((w) => w.abs().le(Rational.ONE)),
);
const seedArb = fc.integer({ min: 0, max: 1_000_000 }).map((k) => `t${k}`);
const targetOf = (ws: readonly Rational[]): Network => ({ layers: [ws.map((w) => [w])] });
const epsArb = fc.integer({ min: 1, max: 1000 }).map((k) => Rational.of(k, 10_000));

describe('closest subset sum (meet in the middle)', () => {
  test('equals brute force over all 2^m subsets, and the subset really sums to the reported sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 12 }),
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        (items, target) => {
          const r = closestSubsetSum(items, target);
          let best: bigint | undefined;
          for (let m = 0; m < 2 ** items.length; m++) {
            const s = bits(m, items.length).reduce((acc, b, i) => (b ? acc + (items[i] as bigint) : acc), 0n);
            const d = s > target ? s - target : target - s;
            if (best === undefined || d < best) best = d;
          }
          expect(r.distance).toBe(best);
          const sum = r.subset.reduce((acc, i) => acc + (items[i] as bigint), 0n);
          expect(sum).toBe(r.sum);
          expect(r.sum > target ? r.sum - target : target - r.sum).toBe(r.distance);
          expect([...r.subset].sort((a, b) => a - b)).toEqual(r.subset);
          expect(new Set(r.subset).size).toBe(r.subset.length);
        },
      ),
      { numRuns: 300 },
    );
    expect(() => closestSubsetSum(new Array<bigint>(MAX_SUBSET_ITEMS + 1).fill(1n), 0n)).toThrow(InputError);
  });
});

describe('exact existence against brute force over the actual masks', () => {
  test('one output, K <= 10: the minimal sup error and the decision equal brute force over all unit subsets', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant(10)),
        wArb,
        epsArb,
        (seed, K, w, eps) => {
          const { u, v } = gWeights(seed, K, 1);
          const brute = bruteEffective(u, v, [w]);
          const r = exists(targetOf([w]), K, seed, eps);
          expect(r.minimalSupSquared).toEqualRational(brute);
          expect(r.exists).toBe(brute.le(eps.mul(eps)));
          // one output: the minimal sup error is exact, and eps = that error is exactly the threshold
          const e = r.minimalSup.upper;
          expect(r.minimalSup.lower.eq(e) && e.mul(e).eq(brute)).toBe(true);
          if (e.sign() > 0) {
            expect(exists(targetOf([w]), K, seed, e).exists).toBe(true);
            expect(exists(targetOf([w]), K, seed, e.mul(Rational.of(999_999, 1_000_000))).exists).toBe(false);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  test('two outputs, K <= 5: equals brute force over all families (T_0, T_1) (Euclidean norm over outputs)', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(5)),
        wArb,
        wArb,
        epsArb,
        (seed, K, w0, w1, eps) => {
          const { u, v } = gWeights(seed, K, 2);
          const brute = bruteEffective(u, v, [w0, w1]);
          const r = exists(targetOf([w0, w1]), K, seed, eps);
          expect(r.minimalSupSquared).toEqualRational(brute);
          expect(r.exists).toBe(brute.le(eps.mul(eps)));
          expect(r.minimalSup.lower.mul(r.minimalSup.lower)).toBeLessOrEqual(brute);
          expect(r.minimalSup.upper.mul(r.minimalSup.upper)).toBeGreaterOrEqual(brute);
        },
      ),
      { numRuns: 15 },
    );
  });

  test('raw masks (every subset of first- and second-layer edges) reach nothing better', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 4 }),
        fc.array(wArb, { minLength: 1, maxLength: 2 }),
        (seed, K, ws) => {
          const k = ws.length === 2 ? Math.min(K, 3) : K;
          const { u, v } = gWeights(seed, k, ws.length);
          expect(bruteRaw(u, v, ws).eq(exists(targetOf(ws), k, seed, Rational.ONE).minimalSupSquared)).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('the reported mask', () => {
  test('achieves exactly the reported errors (recomputed by the forward pass of the masked G)', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 40 }),
        fc.array(wArb, { minLength: 1, maxLength: 3 }),
        epsArb,
        (seed, K, ws, eps) => {
          const r = exists(targetOf(ws), K, seed, eps);
          const sub = maskedSubnetwork(r);
          const yPlus = forward(sub, [Rational.ONE]);
          const yMinus = forward(sub, [Rational.MINUS_ONE]);
          const { u, v } = gWeights(seed, K, ws.length);
          r.outputs.forEach((o, i) => {
            // G~(1) = P_r and G~(-1) = -N_r
            expect(yPlus[i]).toEqualRational(o.positive.sum);
            expect(yMinus[i]).toEqualRational(o.negative.sum.neg());
            for (const [side, sign] of [
              [o.positive, 1],
              [o.negative, -1],
            ] as const) {
              expect(side.candidates).toEqual(u.flatMap((x, t) => (x.sign() === sign ? [t] : [])));
              expect(side.units.every((t) => side.candidates.includes(t))).toBe(true);
              const sum = Rational.sum(side.units.map((t) => (v[i]?.[t] as Rational).mul(u[t] as Rational)));
              expect(sum).toEqualRational(side.sum);
              expect(side.error).toEqualRational(sum.sub(ws[i] as Rational).abs());
              expect(side.withinEps).toBe(side.error.le(eps));
            }
            expect(o.error).toEqualRational(Rational.max(o.positive.error, o.negative.error));
          });
          expect(supSquared(sub, ws)).toEqualRational(r.minimalSupSquared);
          expect(JSON.parse(JSON.stringify(existenceJson(r)))['exists']).toBe(r.exists);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('monotonicity', () => {
  test('in eps: the minima do not depend on eps, and a mask for eps is a mask for every larger eps', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 24 }),
        fc.array(wArb, { minLength: 1, maxLength: 2 }),
        epsArb,
        epsArb,
        (seed, K, ws, e1, e2) => {
          const [lo, hi] = e1.le(e2) ? [e1, e2] : [e2, e1];
          const a = exists(targetOf(ws), K, seed, lo);
          const b = exists(targetOf(ws), K, seed, hi);
          expect(a.minimalSupSquared).toEqualRational(b.minimalSupSquared);
          if (a.exists) expect(b.exists).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('in the pool: pool K + 1 contains pool K, so no error ever grows', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 30 }),
        fc.array(wArb, { minLength: 1, maxLength: 2 }),
        (seed, K, ws) => {
          const a = exists(targetOf(ws), K, seed, Rational.of(1, 100));
          const b = exists(targetOf(ws), K + 1, seed, Rational.of(1, 100));
          expect(b.minimalSupSquared).toBeLessOrEqual(a.minimalSupSquared);
          a.outputs.forEach((o, i) => {
            expect(b.outputs[i]?.positive.error).toBeLessOrEqual(o.positive.error);
            expect(b.outputs[i]?.negative.error).toBeLessOrEqual(o.negative.error);
          });
          if (a.exists) expect(b.exists).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('negative control: ignoring the sign split', () => {
  /** The wrong reduction: one subset-sum problem over all units, used for both half-lines. */
  function naiveMinSupSquared(seed: string, K: number, ws: readonly Rational[]): Rational {
    const { u, v } = gWeights(seed, K, ws.length);
    return Rational.sum(
      ws.map((w, r) => {
        const c = u.map((x, t) => (v[r]?.[t] as Rational).mul(x));
        const D = c.reduce((d, x) => (x.den > d ? x.den : d), 1n);
        const best = closestSubsetSum(
          c.map((x) => x.num * (D / x.den) * w.den),
          w.num * D,
        );
        const e = Rational.of(best.distance, D * w.den);
        return e.mul(e);
      }),
    );
  }

  test('disagrees with brute force on some instance (found by fc.check)', () => {
    const details = fc.check(
      fc.property(seedArb, fc.integer({ min: 2, max: 8 }), wArb, (seed, K, w) => {
        const { u, v } = gWeights(seed, K, 1);
        return naiveMinSupSquared(seed, K, [w]).eq(bruteEffective(u, v, [w]));
      }),
      { numRuns: 200, endOnFailure: true },
    );
    expect(details.failed).toBe(true);
    const [seed, K, w] = details.counterexample as [string, number, Rational];
    const { u, v } = gWeights(seed, K, 1);
    // the naive answer is optimistic: it claims an error no mask achieves
    const naive = naiveMinSupSquared(seed, K, [w]);
    const brute = bruteEffective(u, v, [w]);
    expect(naive).toBeBelow(brute);
    console.log(
      `negative control (no sign split): seed '${seed}', K = ${K}, w = ${w.toString()}: naive min sup error^2 ${naive.toScientific(4)} < brute force ${brute.toScientific(4)}`,
    );
    expect(exists(targetOf([w]), K, seed, Rational.ONE).minimalSupSquared).toEqualRational(bruteEffective(u, v, [w]));
  });
});

describe('input validation and the CLI', () => {
  test('bad inputs are InputErrors', () => {
    const t = targetOf([Rational.of(1, 2)]);
    expect(() => exists(t, 0, 's', Rational.ONE)).toThrow(InputError);
    expect(() => exists(t, MAX_POOL + 1, 's', Rational.ONE)).toThrow(InputError);
    expect(() => exists(t, 2.5, 's', Rational.ONE)).toThrow(InputError);
    expect(() => exists(t, 4, 's', Rational.ZERO)).toThrow(InputError);
    expect(() => exists(t, 4, 'bad seed!', Rational.ONE)).toThrow(InputError);
    const d2: Network = { layers: [[[Rational.ONE, Rational.ONE]]] };
    expect(() => exists(d2, 4, 's', Rational.ONE)).toThrow(/d = 1/);
    const l2: Network = { layers: [[[Rational.ONE]], [[Rational.ONE]]] };
    expect(() => exists(l2, 4, 's', Rational.ONE)).toThrow(/l = 1|one-layer/);
  });

  test('slth exists: exit 0 when a mask exists, 1 when none exists (certified), 2 on bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-exists-'));
    const file = join(dir, 'target.json');
    writeFileSync(file, JSON.stringify(networkToJson(targetOf([Rational.of(1, 2), Rational.parse('-0.3')]))));
    const yes = await runCli(['exists', '--target', file, '--pool', '40', '--seed', 'demo', '--eps', '1e-5']);
    expect(yes.code).toBe(0);
    expect(yes.out).toContain('A MASK EXISTS');
    const no = await runCli(['exists', '--target', file, '--pool', '6', '--seed', 'demo', '--eps', '1e-5']);
    expect(no.code).toBe(1);
    expect(no.out).toContain('NO MASK EXISTS');
    const json = await runCli(['exists', '--target', file, '--pool', '6', '--seed', 'demo', '--eps', '1e-5', '--json']);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.out) as {
      exists: boolean;
      minimalSupSquared: string;
      outputs: { positive: { units: number[] } }[];
    };
    expect(doc.exists).toBe(false);
    expect(Rational.parse(doc.minimalSupSquared)).toBeAbove(Rational.parse('1e-10'));
    expect(doc.outputs).toHaveLength(2);
    for (const bad of [
      ['--pool', '0'],
      ['--pool', '65'],
      ['--eps', '0'],
      ['--eps', 'x'],
      ['--seed', 'no spaces'],
    ]) {
      const args = ['exists', '--target', file, '--pool', '6', '--seed', 'demo', '--eps', '1e-5'];
      const i = args.indexOf(bad[0] as string);
      args[i + 1] = bad[1] as string;
      const r = await runCli(args);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.err).toMatch(/slth exists:/);
    }
    expect(
      (
        await runCli([
          'exists',
          '--target',
          join(dir, 'missing.json'),
          '--pool',
          '6',
          '--seed',
          'demo',
          '--eps',
          '1e-5',
        ])
      ).code,
    ).toBe(2);
    const d2 = join(dir, 'd2.json');
    writeFileSync(d2, JSON.stringify({ format: 'slth-network/1', layers: [[['1/2', '1/4']]] }));
    const r = await runCli(['exists', '--target', d2, '--pool', '6', '--seed', 'demo', '--eps', '1e-5']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('d = 1');
  });
});
