/**
 * The parts of construction D's driver (src/constructions/subset-construct.ts) one at a time: the
 * spec's refusals, one job's exact sums and counters against its own gadgets and against the search
 * run side by side, the cut into jobs, the merged counters and progress, the eta boundary, the
 * plain-data spec and the lazily parsed target that carry a run to a worker thread.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import type { Network } from '../../src/network/network.js';
import { generateTarget } from '../../src/network/generate.js';
import { generateUniformTarget } from '../../src/network/uniform.js';
import { networkToJson } from '../../src/network/json.js';
import { Cursor } from '../../src/random/scheme.js';
import { gadgetLineText } from '../../src/certificate/format2.js';
import { productSide, searchSubset } from '../../src/constructions/subset-search.js';
import { MAX_SUBSET_UNITS } from '../../src/kernel/limits.js';
import {
  checkSubsetSpec,
  constructSubset,
  constructSubsetHere,
  lazyTarget,
  subsetJobs,
  SubsetSolver,
  subsetSpecFromJson,
  subsetSpecToJson,
  type SubsetSpec,
  MAX_LAYER_UNITS,
} from '../../src/constructions/subset-construct.js';
import { seedArb } from './_fixtures.js';

const R = (s: string): Rational => Rational.parse(s);

/** Both sides of the gadget at (layer, row, col), searched directly (the construction's own inputs rebuilt here). */
function sidesBySearch(spec: SubsetSpec, layer: number, row: number, col: number) {
  const k = spec.pool[layer - 1]!;
  const cu = new Cursor(spec.seed, 2 * layer - 1, col, col * k);
  const cv = new Cursor(spec.seed, 2 * layer, row, col * k);
  const u: number[] = [];
  const v: number[] = [];
  for (let t = 0; t < k; t++) {
    u.push(cu.next());
    v.push(cv.next());
  }
  const w = spec.target.layers[layer - 1]![row]![col]!;
  const side = (sign: 1 | -1) => {
    const offsets = u.flatMap((x, t) => (Math.sign(x) === sign ? [t] : []));
    const c = searchSubset(
      productSide(
        offsets.map((t) => u[t]!),
        offsets.map((t) => v[t]!),
      ),
      w,
      spec.eta,
      spec.exactLimit === undefined ? {} : { exactLimit: spec.exactLimit },
    );
    return { c, offsets: c.subset.map((q) => offsets[q]!) };
  };
  return { plus: side(1), minus: side(-1) };
}

describe('checkSubsetSpec refuses what a run cannot do', () => {
  const target = generateTarget([2, 3, 1], 'spec');
  const ok: SubsetSpec = { seed: 's', target, eta: R('1/8'), pool: [4, 4] };
  const refusal = (over: Partial<SubsetSpec>): string => {
    try {
      checkSubsetSpec({ ...ok, ...over });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    return 'accepted';
  };
  it('names the faulty field', () => {
    expect(refusal({})).toBe('accepted');
    expect(refusal({ pool: [4] })).toBe('need one pool size per target layer (2), got 1');
    expect(refusal({ pool: [4, 0] })).toBe('pool size must be an integer >= 1, got 0');
    expect(refusal({ pool: [1.5, 4] })).toBe('pool size must be an integer >= 1, got 1.5');
    expect(refusal({ pool: [1, 1] })).toBe('accepted');
    const beyond = "construction D holds a layer's units in memory and stops at 2^26 = 67108864 per layer";
    expect(refusal({ pool: [4, 22369622] })).toBe(`G layer 3 would need 22369622 x 3 = 67108866 units; ${beyond}`);
    expect(refusal({ pool: [2 ** 25 + 1, 4] })).toBe(`G layer 1 would need 33554433 x 2 = 67108866 units; ${beyond}`);
    expect(refusal({ pool: [2 ** 52, 4] })).toBe(
      `G layer 1 would need 4503599627370496 x 2 = 9007199254740992 units; ${beyond}`,
    );
    expect(refusal({ pool: [2 ** 25, 22369621] })).toBe('accepted'); // exactly 2^26 and 2^26 - 1 units
    // the kernel decides every certificate the construction can write
    expect(MAX_LAYER_UNITS).toBe(MAX_SUBSET_UNITS);
    expect(refusal({ eta: R('0') })).toBe('eta must be > 0, got 0');
    expect(refusal({ eta: R('-1/4') })).toBe('eta must be > 0, got -1/4');
    for (const lim of [-1, 41, 2.5])
      expect(refusal({ exactLimit: lim })).toBe(`the exact limit must be an integer in 0..40, got ${lim}`);
    for (const lim of [0, 40]) expect(refusal({ exactLimit: lim })).toBe('accepted');
    expect(refusal({ seed: 'no spaces' })).toMatch(/^invalid seed 'no spaces'/);
  });
});

describe('one job of the solver', () => {
  it('its sums, counters, kept units and lines are those of its gadgets, each the search of its two sides', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        seedArb,
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(undefined, 4, 12),
        fc.constantFrom('1/4', '1/64', '1e-6'),
        (d, n, seed, k, exactLimit, etaText) => {
          const dyadic = generateUniformTarget([d, n], seed, R('-0.9'), R('0.9'), 8);
          const thirds = {
            layers: [dyadic.layers[0]!.map((row) => row.map((w, j) => (j === 0 ? w.div(Rational.of(3)) : w)))],
          };
          for (const target of [dyadic, thirds]) {
            const eta = R(etaText);
            const spec: SubsetSpec = {
              seed,
              target,
              eta,
              pool: [k],
              ...(exactLimit === undefined ? {} : { exactLimit }),
            };
            const solver = new SubsetSolver(spec);
            const rowFrom = n > 1 ? 1 : 0;
            const res = solver.solve({ layer: 1, rowFrom, rowTo: n }, true);
            const gadgets = res.gadgets!;
            expect(gadgets.map((g) => [g.row, g.col])).toEqual(
              Array.from({ length: (n - rowFrom) * d }, (_, q) => [rowFrom + Math.floor(q / d), q % d]),
            );
            let within = 0;
            let optimal = 0;
            let exactFallbacks = 0;
            let maxSearched = 0;
            let outEdges = 0;
            const used = new Uint8Array(d * k);
            const lines: string[] = [];
            for (const g of gadgets) {
              const { plus, minus } = sidesBySearch(spec, 1, g.row, g.col);
              expect([g.plus, g.minus]).toEqual([plus.offsets, minus.offsets]);
              expect(g.errorPlus).toEqualRational(plus.c.error);
              expect(g.errorMinus).toEqualRational(minus.c.error);
              expect(g.error).toEqualRational(Rational.max(plus.c.error, minus.c.error));
              expect([g.optimalPlus, g.optimalMinus]).toEqual([plus.c.optimal, minus.c.optimal]);
              if (plus.c.error.le(eta) && minus.c.error.le(eta)) within += 1;
              for (const c of [plus.c, minus.c]) {
                if (c.optimal) optimal += 1;
                if (c.method === 'exact') exactFallbacks += 1;
                maxSearched = Math.max(maxSearched, c.searched);
                outEdges += c.subset.length;
              }
              for (const t of [...g.plus, ...g.minus]) used[g.col * k + t] = 1;
              lines.push(
                gadgetLineText({ ...g, plus: [...g.plus], minus: [...g.minus], layer: 1, error: g.error.toString() }),
              );
            }
            expect(res.stats).toEqual({
              within,
              halves: 2 * gadgets.length,
              optimalHalves: optimal,
              exactFallbacks,
              maxSearched,
              outEdges,
            });
            expect(Array.from(res.used)).toEqual(Array.from(used));
            expect(res.text).toBe(lines.map((l) => `${l}\n`).join(''));
            expect(res.misses.map((m) => [m.row, m.col])).toEqual(
              gadgets.filter((g) => g.errorPlus.gt(eta) || g.errorMinus.gt(eta)).map((g) => [g.row, g.col]),
            );
            for (const m of res.misses) {
              const g = gadgets.find((x) => x.row === m.row && x.col === m.col)!;
              const side = g.errorPlus.gt(eta) ? (g.errorMinus.gt(eta) ? 'both' : 'plus') : 'minus';
              expect(m).toEqual({
                layer: 1,
                row: g.row,
                col: g.col,
                w: g.w.toString(),
                side,
                errorPlus: g.errorPlus.toString(),
                errorMinus: g.errorMinus.toString(),
                pool: k,
              });
            }
            // exact sums per row, per column, of squares
            const errs = (r: number): Rational[] => gadgets.filter((g) => g.row === r).map((g) => g.error);
            expect(res.rowSums).toEqual(
              Array.from({ length: n - rowFrom }, (_, q) => Rational.sum(errs(rowFrom + q)).toString()),
            );
            expect(res.colSums).toEqual(
              Array.from({ length: d }, (_, j) =>
                Rational.sum(gadgets.filter((g) => g.col === j).map((g) => g.error)).toString(),
              ),
            );
            expect(res.squareSum).toBe(Rational.sum(gadgets.map((g) => g.error.mul(g.error))).toString());
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('an empty job gives no lines, and a job outside the layer is refused', () => {
    const target = generateTarget([2, 3, 1], 'jobs');
    const solver = new SubsetSolver({ seed: 'j', target, eta: R('1/8'), pool: [6, 6] });
    const empty = solver.solve({ layer: 1, rowFrom: 2, rowTo: 2 });
    expect([empty.text, empty.rowSums, empty.stats.halves]).toEqual(['', [], 0]);
    expect(solver.solve({ layer: 2, rowFrom: 0, rowTo: 1 }).text.split('\n')).toHaveLength(4);
    for (const job of [
      { layer: 0, rowFrom: 0, rowTo: 1 },
      { layer: 3, rowFrom: 0, rowTo: 1 },
      { layer: 1, rowFrom: -1, rowTo: 1 },
      { layer: 1, rowFrom: 0, rowTo: 4 },
      { layer: 1, rowFrom: 2, rowTo: 1 },
    ])
      expect(() => solver.solve(job)).toThrow(new RangeError('SubsetSolver: bad job'));
  });

  it('rows of G longer than one block of the scheme are read whole (pool 500, 10 inputs)', () => {
    const target = generateUniformTarget([10, 1], 'long', R('-0.5'), R('0.5'), 8);
    const spec: SubsetSpec = { seed: 'long', target, eta: R('1/1024'), pool: [500], exactLimit: 4 };
    const res = new SubsetSolver(spec).solve({ layer: 1, rowFrom: 0, rowTo: 1 }, true);
    for (const g of res.gadgets!) {
      const { plus, minus } = sidesBySearch(spec, 1, 0, g.col);
      expect([g.plus, g.minus]).toEqual([plus.offsets, minus.offsets]);
    }
  });
});

describe('the run: jobs, merged counters, progress, the eta boundary', () => {
  it('cuts each layer into blocks of about rows / (8 threads) rows', () => {
    const blocks = (widths: number[], threads: number): string =>
      subsetJobs(widths, threads)
        .map((j) => `${j.layer}:${j.rowFrom}-${j.rowTo}`)
        .join(' ');
    expect(subsetJobs([784, 500, 10], 2).filter((j) => j.layer === 1)).toHaveLength(16);
    expect(subsetJobs([784, 500, 10], 2)[15]).toEqual({ layer: 1, rowFrom: 480, rowTo: 500 });
    expect(blocks([3, 20, 2], 1)).toBe('1:0-3 1:3-6 1:6-9 1:9-12 1:12-15 1:15-18 1:18-20 2:0-1 2:1-2');
    expect(blocks([3, 20, 2], 2)).toBe(
      Array.from({ length: 10 }, (_, q) => `1:${2 * q}-${2 * q + 2}`).join(' ') + ' 2:0-1 2:1-2',
    );
    expect(blocks([3, 5], 0)).toBe('1:0-1 1:1-2 1:2-3 1:3-4 1:4-5');
    expect(subsetJobs([3], 2)).toEqual([]);
  });

  it('merges counters and kept units over jobs, and reports progress up to every weight', () => {
    const target = generateTarget([2, 12, 3], 'merge');
    const spec: SubsetSpec = { seed: 'merge', target, eta: R('1/64'), pool: [10, 14] };
    const calls: [number, number][] = [];
    const lines: string[] = [];
    const res = constructSubsetHere(spec, {
      keepGadgets: true,
      sink: (text, count) => lines.push(`${count}:${text.split('\n').length - 1}`),
      onProgress: (done, total) => calls.push([done, total]),
    });
    const solver = new SubsetSolver(spec);
    const parts = subsetJobs([2, 12, 3], 1).map((j) => solver.solve(j));
    const sum = (f: (r: (typeof parts)[number]) => number): number => parts.reduce((a, r) => a + f(r), 0);
    expect(res.stats).toEqual({
      within: sum((r) => r.stats.within),
      halves: sum((r) => r.stats.halves),
      optimalHalves: sum((r) => r.stats.optimalHalves),
      exactFallbacks: sum((r) => r.stats.exactFallbacks),
      maxSearched: Math.max(...parts.map((r) => r.stats.maxSearched)),
      outEdges: sum((r) => r.stats.outEdges),
    });
    expect(res.weights).toBe(2 * 12 + 12 * 3);
    expect(calls.at(-1)).toEqual([60, 60]);
    expect(calls.map((c) => c[0])).toEqual(
      parts.map((_, q) => sum((r) => (parts.indexOf(r) <= q ? r.text.split('\n').length - 1 : 0))),
    );
    expect(lines.every((l) => l.split(':')[0] === l.split(':')[1])).toBe(true);
    // kept units: distinct units of each layer (one in-edge each) plus the out-edges
    const units = [new Set<number>(), new Set<number>()];
    for (const g of res.gadgets!)
      for (const t of [...g.plus, ...g.minus]) units[g.layer - 1]!.add(g.col * spec.pool[g.layer - 1]! + t);
    expect(res.activeWeights).toBe(units[0]!.size + units[1]!.size + res.stats.outEdges);
    expect(res.stats.maxSearched).toBeGreaterThan(0);
  });

  it('a gadget exactly eta away is within eta; a hair less, and it is a miss', () => {
    const target = generateTarget([2, 2], 'edge');
    const loose = constructSubsetHere({ seed: 'edge', target, eta: R('1'), pool: [8] }, { keepGadgets: true });
    const worst = loose.gadgets!.reduce((m, g) => (g.error.gt(m) ? g.error : m), Rational.ZERO);
    const at = constructSubsetHere({ seed: 'edge', target, eta: worst, pool: [8] });
    expect([at.ok, at.stats.within, at.misses.length]).toEqual([true, 4, 0]);
    const below = constructSubsetHere({ seed: 'edge', target, eta: worst.sub(Rational.dyadic(1n, -300)), pool: [8] });
    expect(below.ok).toBe(false);
    expect(below.stats.within + below.misses.length).toBe(4);
  });

  it('structured gadgets come from this thread whatever the thread count, equal to a plain run', async () => {
    const target = generateTarget([2, 3], 'here');
    const spec: SubsetSpec = { seed: 'here', target, eta: R('1/16'), pool: [9] };
    const a = await constructSubset(spec, { keepGadgets: true }, 2);
    const b = constructSubsetHere(spec, { keepGadgets: true });
    expect(a.gadgets).toHaveLength(6);
    expect(a.gadgets!.map((g) => `${g.row} ${g.col} ${g.plus} ${g.minus} ${g.error}`)).toEqual(
      b.gadgets!.map((g) => `${g.row} ${g.col} ${g.plus} ${g.minus} ${g.error}`),
    );
  });
});

describe('the plain-data spec of a worker, and its lazily parsed target', () => {
  const target: Network = generateTarget([3, 4, 2], 'lazy');
  it('round-trips every field, the exact limit included', () => {
    for (const exactLimit of [undefined, 0, 8]) {
      const spec: SubsetSpec = {
        seed: 'z',
        target,
        eta: R('3/1024'),
        pool: [5, 7],
        ...(exactLimit === undefined ? {} : { exactLimit }),
      };
      const j = subsetSpecToJson(spec);
      expect(j.exactLimit).toBe(exactLimit ?? null);
      expect(j).toEqual({
        seed: 'z',
        target: networkToJson(target),
        eta: '3/1024',
        pool: [5, 7],
        exactLimit: exactLimit ?? null,
      });
      const back = subsetSpecFromJson(JSON.parse(JSON.stringify(j)));
      expect(back.exactLimit).toBe(exactLimit);
      expect([back.seed, back.eta.toString(), back.pool]).toEqual(['z', '3/1024', [5, 7]]);
      expect(constructSubsetHere(back).total).toEqualRational(constructSubsetHere(spec).total);
    }
  });
  it('parses each row on first access, once, and behaves as the array of rows', () => {
    const lazy = lazyTarget(networkToJson(target));
    const W = lazy.layers[0]!;
    expect(W.length).toBe(4);
    const row = W[2]!;
    expect(row.map(String)).toEqual(target.layers[0]![2]!.map(String));
    expect(W[2]).toBe(row);
    expect(W[4]).toBeUndefined();
    expect([...W].map((r) => r.map(String))).toEqual(target.layers[0]!.map((r) => r.map(String)));
    expect(W.map((r) => r.length)).toEqual([3, 3, 3, 3]);
    expect(lazy.layers[1]!.length).toBe(2);
    expect(lazy.layers[1]![1]![4]).toBeUndefined();
    expect(lazy.layers[1]![1]!.map(String)).toEqual(target.layers[1]![1]!.map(String));
  });
});
