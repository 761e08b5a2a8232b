/**
 * Universality of G for construction D, decided exactly: agreement with brute force (every subset
 * sum enumerated as a rational, Lemma 2's cover decision) on tiny pools; a pool too small is caught
 * (negative control) with an exact uncovered weight that construction D then misses at that very
 * slot and side; the stated pool holds on 2,8,8,1 at eps = 0.1; sides too large to decide are
 * refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { Cursor } from '../../src/random/scheme.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { certifiedEta } from '../../src/theory/eta.js';
import { subsetSumCover, subsetSumCoverReference } from '../../src/lemmas/subset-sum.js';
import { MAX_UNIVERSAL_UNITS, checkUniversalSize, universal } from '../../src/existence/universal.js';
import { constructSubsetHere } from '../../src/constructions/subset-construct.js';
import type { Network } from '../../src/network/network.js';
import { runCli } from '../_support/cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The exact products u v of one side of a slot (units j k .. j k + k - 1 of G layers 2i-1 and 2i). */
function slotSide(seed: string, i: number, r: number, j: number, k: number, side: 'plus' | 'minus'): Rational[] {
  const values: Rational[] = [];
  for (let t = 0; t < k; t++) {
    const u = new Cursor(seed, 2 * i - 1, j, j * k + t).next();
    const v = new Cursor(seed, 2 * i, r, j * k + t).next();
    if (side === 'plus' ? u > 0 : u < 0) values.push(Rational.fromFloat(u).mul(Rational.fromFloat(v)));
  }
  return values;
}

/** Brute force: every slot and side in order; the first failing one, or null. */
function bruteForce(
  widths: number[],
  seed: string,
  eta: Rational,
  pool: number[],
): { layer: number; row: number; col: number; side: 'plus' | 'minus' } | null {
  for (let i = 1; i < widths.length; i++) {
    const k = pool[i - 1] as number;
    for (let r = 0; r < (widths[i] as number); r++) {
      for (let j = 0; j < (widths[i - 1] as number); j++) {
        for (const side of ['plus', 'minus'] as const) {
          if (!subsetSumCoverReference(slotSide(seed, i, r, j, k, side), eta).covers)
            return { layer: i, row: r, col: j, side };
        }
      }
    }
  }
  return null;
}

const widthsArb = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 2 }))
  .map(([d, rest]) => [d, ...rest]);

describe('universal: exact, against brute force', () => {
  it('agrees with full enumeration on tiny pools (verdict and first failing side)', () => {
    fc.assert(
      fc.property(
        widthsArb,
        fc.stringMatching(/^[a-z]{1,5}$/),
        fc.integer({ min: 1, max: 14 }),
        fc.constantFrom('1/4', '1/16', '1/64'),
        (widths, seed, k, etaText) => {
          const eta = Rational.parse(etaText);
          const pool = widths.slice(1).map(() => k);
          const r = universal({ widths, seed, eta, pool });
          const ref = bruteForce(widths, seed, eta, pool);
          expect(r.universal).toBe(ref === null);
          if (ref) {
            const f = r.failure!;
            expect({ layer: f.layer, row: f.row, col: f.col, side: f.side }).toEqual(ref);
            // the uncovered point is farther than eta from every subset sum of that side
            const values = slotSide(seed, f.layer, f.row, f.col, pool[f.layer - 1]!, f.side);
            const sums = subsetSumCoverReference(values, eta).sums;
            const dist = sums.map((s) => s.sub(f.uncovered!).abs()).reduce((m, x) => (x.lt(m) ? x : m));
            expect(dist.eq(f.uncoveredDistance!)).toBe(true);
            expect(dist.gt(eta)).toBe(true);
            expect(f.uncovered!.abs().le(Rational.ONE)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('negative control: a pool too small is not universal', () => {
    for (const k of [1, 2, 4]) {
      const r = universal({
        widths: [2, 8, 8, 1],
        seed: 'demo',
        eta: certifiedEta('subset', [2, 8, 8, 1], Rational.parse('0.1')),
        pool: [k, k, k],
      });
      expect(r.universal).toBe(false);
      expect(r.failure?.covers).toBe(false);
    }
  });

  it('holds at the stated pool for 2,8,8,1 at eps = 0.1, delta = 0.01', () => {
    const widths = [2, 8, 8, 1];
    const s = statedWidth({
      widths,
      eps: Rational.parse('0.1'),
      delta: Rational.parse('0.01'),
      construction: 'subset',
    });
    const r = universal({ widths, seed: 'demo', eta: s.eta, pool: s.pool.map(Number) });
    expect(r.universal).toBe(true);
    expect(r.slotsChecked).toBe(88);
    expect(r.sidesChecked).toBe(176);
    expect(r.worst?.maxGap?.le(s.eta.add(s.eta))).toBe(true);
  });

  it('refuses a side too large to decide exactly', () => {
    const f = (): unknown => universal({ widths: [1, 1], seed: 'big', eta: Rational.parse('1e-12'), pool: [80] });
    expect(f).toThrow(InputError);
    expect(f).toThrow(
      new InputError(
        'slot (layer 1, row 0, col 0), plus side: its 24 values of largest |u v| do not eta-cover [-1, 1] and its 35 values are too many to decide exactly (2^35 subset sums); use a pool with at most about 48 units',
      ),
    );
  });

  it('decides a side of exactly MAX_SIDE = 24 values as a whole', () => {
    // seed e12: 24 of the first 48 units of column 0 have u > 0; at eta = 1e-12 no 24 values cover
    const r = universal({ widths: [1, 1], seed: 'e12', eta: Rational.parse('1e-12'), pool: [48] });
    expect(r.universal).toBe(false);
    expect(r.failure).toMatchObject({ layer: 1, row: 0, col: 0, side: 'plus', units: 24, decided: 24, covers: false });
    expect(r.worst).toBe(r.failure);
    expect([r.slots, r.slotsChecked, r.sidesChecked]).toEqual([1, 1, 1]);
  });

  it('reports the side of largest max gap as the worst, and the failing side when there is one', () => {
    let universalCases = 0;
    fc.assert(
      fc.property(
        fc.constantFrom([1, 1], [1, 2], [2, 1]),
        fc.stringMatching(/^[a-z]{1,5}$/),
        fc.integer({ min: 32, max: 44 }),
        fc.constantFrom('1/4', '1/8'),
        (widths, seed, k, etaText) => {
          const eta = Rational.parse(etaText);
          const pool = widths.slice(1).map(() => k);
          const r = universal({ widths, seed, eta, pool });
          const slots = widths.slice(1).reduce((a, n, i) => a + n * widths[i]!, 0);
          expect(r.slots).toBe(slots);
          if (!r.universal) {
            expect(r.worst).toBe(r.failure);
            return;
          }
          expect([r.slotsChecked, r.sidesChecked]).toEqual([slots, 2 * slots]);
          // the first side (in slot order) whose exact max gap is the largest
          let best: { at: string; gap: Rational } | null = null;
          for (let i = 1; i < widths.length; i++)
            for (let row = 0; row < widths[i]!; row++)
              for (let col = 0; col < widths[i - 1]!; col++)
                for (const side of ['plus', 'minus'] as const) {
                  const values = slotSide(seed, i, row, col, k, side);
                  if (values.length > 24) return; // decided by a prefix: not this test's business
                  const gap = subsetSumCover(values, eta).maxGap!;
                  if (best === null || gap.gt(best.gap)) best = { at: `${i} ${row} ${col} ${side}`, gap };
                }
          const w = r.worst!;
          expect(`${w.layer} ${w.row} ${w.col} ${w.side}`).toBe(best!.at);
          expect(w.maxGap).toEqualRational(best!.gap);
          universalCases += 1; // a universal case whose worst side was compared
        },
      ),
      { numRuns: 16 },
    );
    expect(universalCases).toBeGreaterThan(4);
  });

  it('refuses malformed inputs, naming what is wrong', () => {
    const run = (over: Partial<Parameters<typeof universal>[0]>) => (): unknown =>
      universal({ widths: [1, 1], seed: 's', eta: Rational.parse('1/4'), pool: [4], ...over });
    expect(run({ widths: [3] })).toThrow(new InputError('a target needs at least one layer'));
    expect(run({ widths: [] })).toThrow(new InputError('a target needs at least one layer'));
    expect(run({ pool: [4, 4] })).toThrow(new InputError('need one pool size per target layer (1), got 2'));
    expect(run({ widths: [1, 1, 1] })).toThrow(new InputError('need one pool size per target layer (2), got 1'));
    for (const k of [0, -1, 1.5, Number.NaN])
      expect(run({ pool: [k] })).toThrow(new InputError(`pool size must be >= 1, got ${k}`));
    for (const e of ['0', '-1/4', '1', '3/2'])
      expect(run({ eta: Rational.parse(e) })).toThrow(new InputError(`eta must be in (0, 1), got ${e}`));
    expect(run({ seed: 'bad seed' })).toThrow(InputError);
    expect((run({ pool: [1] })() as { universal: boolean }).universal).toBe(false); // the smallest pool is accepted (and fails)
    expect(run({ eta: Rational.parse('999/1000'), pool: [1] })()).toMatchObject({ widths: [1, 1], pool: [1] });
    // a pool beyond the memory cap is refused before anything is allocated (it used to run out of memory)
    const over = (layer: number, k: number, n: number): InputError =>
      new InputError(
        `G layer ${layer} would need ${k} x ${n} = ${k * n} units; the universality check holds a layer's units in memory and stops at 2^22 = 4194304 per layer`,
      );
    expect(run({ widths: [784, 10], pool: [10 ** 6] })).toThrow(over(1, 10 ** 6, 784));
    expect(run({ widths: [1, 4, 1], pool: [1, 2 ** 20 + 1] })).toThrow(over(3, 2 ** 20 + 1, 4));
  });

  it('the size cap: exactly 2^22 units in a layer pass, one more does not', () => {
    expect(MAX_UNIVERSAL_UNITS).toBe(2 ** 22);
    expect(() => checkUniversalSize([4, 1], [2 ** 20])).not.toThrow();
    expect(() => checkUniversalSize([2, 8, 1], [2 ** 21, 2 ** 19])).not.toThrow();
    expect(() => checkUniversalSize([4, 1], [2 ** 20 + 1])).toThrow(InputError);
    expect(() => checkUniversalSize([2, 8, 1], [1, 2 ** 19 + 1])).toThrow(
      /^G layer 3 would need 524289 x 8 = 4194312 units/,
    );
  });
});

describe('a failing slot makes construction D miss there', () => {
  it('the uncovered weight at that slot is missed on that side, with error = its distance to the sums', async () => {
    const widths = [2, 3, 2];
    const eta = certifiedEta('subset', widths, Rational.parse('0.1'));
    for (const [seed, k] of [
      ['m1', 6],
      ['m2', 10],
      ['m3', 14],
    ] as const) {
      const pool = [k, k];
      const r = universal({ widths, seed, eta, pool });
      expect(r.universal).toBe(false);
      const f = r.failure!;
      const layers = [0, 1].map((i) =>
        Array.from({ length: widths[i + 1]! }, () => Array.from({ length: widths[i]! }, () => Rational.ZERO)),
      );
      layers[f.layer - 1]![f.row]![f.col] = f.uncovered!;
      const target: Network = { layers };
      const res = constructSubsetHere({ seed, target, eta, pool }, { keepGadgets: true });
      const miss = res.misses.find((m) => m.layer === f.layer && m.row === f.row && m.col === f.col);
      expect(miss).toBeDefined();
      expect(miss!.side === f.side || miss!.side === 'both').toBe(true);
      const g = res.gadgets!.find((x) => x.layer === f.layer && x.row === f.row && x.col === f.col)!;
      expect((f.side === 'plus' ? g.errorPlus : g.errorMinus).eq(f.uncoveredDistance!)).toBe(true);
      // and through the CLI: slth universal names the slot, slth construct misses it
      const dir = mkdtempSync(join(tmpdir(), 'slth-universal-'));
      const path = join(dir, 't.json');
      writeFileSync(
        path,
        JSON.stringify({ format: 'slth-network/1', layers: layers.map((m) => m.map((row) => row.map(String))) }),
      );
      const u = await runCli([
        'universal',
        '--widths',
        widths.join(','),
        '--seed',
        seed,
        '--eps',
        '0.1',
        '--pool',
        String(k),
        '--json',
      ]);
      expect(u.code).toBe(1);
      const uj = JSON.parse(u.out) as { failure: { uncovered: string; layer: number; row: number; col: number } };
      expect(uj.failure.uncovered).toBe(f.uncovered!.toString());
      const c = await runCli([
        'construct',
        '--target',
        path,
        '--seed',
        seed,
        '--eps',
        '0.1',
        '--construction',
        'subset',
        '--eta',
        eta.toString(),
        '--pool',
        String(k),
        '--json',
      ]);
      expect(c.code).toBe(1);
      const cj = JSON.parse(c.out) as { misses: { layer: number; row: number; col: number }[] };
      expect(cj.misses.some((m) => m.layer === f.layer && m.row === f.row && m.col === f.col)).toBe(true);
    }
  });
});
