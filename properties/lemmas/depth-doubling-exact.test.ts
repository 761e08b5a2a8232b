/**
 * Lemma 5 (depth doubling), exact figures: the gadget network built by hand for small targets,
 * every rejection reason of the structure check on a deliberately broken gadget network (with its
 * exact message), the seeded test points against an independent re-derivation, and the figures
 * and witnesses of the checker.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import type { Matrix, Network } from '../../src/network/network.js';
import { relu } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { GadgetChoice, GadgetNetwork, KeptUnit } from '../../src/lemmas/depth-doubling.js';
import {
  NAME,
  STATEMENT,
  buildGadgetNetwork,
  checkDepthDoubling,
  exactGadget,
  structureViolation,
  testPoints,
} from '../../src/lemmas/depth-doubling.js';
import { exactValueArb } from './_arbitraries.js';
import { textual } from '../_support/lemma-result.js';

const q = (t: string): Rational => Rational.parse(t);
const net = (...layers: string[][][]): Network => ({ layers: layers.map((m) => m.map((r) => r.map(q))) });
const str = (m: Matrix): string[][] => m.map((r) => r.map(String));

/** A mutable copy of a gadget network, to break it on purpose. */
interface Editable {
  layers: Rational[][][];
  mask: boolean[][][];
  units: KeptUnit[];
}
const editable = (g: GadgetNetwork): Editable => ({
  layers: g.network.layers.map((m) => m.map((r) => [...r])),
  mask: g.mask.map((m) => m.map((r) => [...r])),
  units: [...g.units],
});
const frozen = (e: Editable): GadgetNetwork => ({ network: { layers: e.layers }, mask: e.mask, units: e.units });
/** Sets entry (r, c) of G layer `layer` (1-based) and its mask bit. */
const setEdge = (e: Editable, layer: number, r: number, c: number, value: string, kept: boolean): void => {
  e.layers[layer - 1]![r]![c] = q(value);
  e.mask[layer - 1]![r]![c] = kept;
};

/** Two layers: W1 = [[1/2, -3], [0, 2/7]] (2 x 2), W2 = [[5, -1/3]] (1 x 2). */
const T2 = net(
  [
    ['1/2', '-3'],
    ['0', '2/7'],
  ],
  [['5', '-1/3']],
);

describe('depth-doubling: the exact gadget and the gadget network', () => {
  test('exactGadget: u+ = w, v+ = 1, u- = -w, v- = -1', () => {
    const g = exactGadget(q('-3/7'));
    expect([g.uPlus, g.vPlus, g.uMinus, g.vMinus].map(String)).toEqual(['-3/7', '1', '3/7', '-1']);
    expect(Object.keys(g).sort()).toEqual(['uMinus', 'uPlus', 'vMinus', 'vPlus']);
  });

  test('G~ of a 2-layer target, entry by entry (units 2(r n_{i-1} + j) and the next one)', () => {
    const g = buildGadgetNetwork(
      net(
        [['1/2'], ['-3']], // W1: 2 x 1
        [['5', '-1/3']], // W2: 1 x 2
      ),
    );
    expect(g.network.layers.map(str)).toEqual([
      [['1/2'], ['-1/2'], ['-3'], ['3']],
      [
        ['1', '-1', '0', '0'],
        ['0', '0', '1', '-1'],
      ],
      [
        ['5', '0'],
        ['-5', '0'],
        ['0', '-1/3'],
        ['0', '1/3'],
      ],
      [['1', '-1', '1', '-1']],
    ]);
    const T = true;
    const F = false;
    expect(g.mask).toEqual([
      [[T], [T], [T], [T]],
      [
        [T, T, F, F],
        [F, F, T, T],
      ],
      [
        [T, F],
        [T, F],
        [F, T],
        [F, T],
      ],
      [[T, T, T, T]],
    ]);
    expect(g.units).toEqual([
      { targetLayer: 1, unit: 0, r: 0, j: 0, side: '+' },
      { targetLayer: 1, unit: 1, r: 0, j: 0, side: '-' },
      { targetLayer: 1, unit: 2, r: 1, j: 0, side: '+' },
      { targetLayer: 1, unit: 3, r: 1, j: 0, side: '-' },
      { targetLayer: 2, unit: 0, r: 0, j: 0, side: '+' },
      { targetLayer: 2, unit: 1, r: 0, j: 0, side: '-' },
      { targetLayer: 2, unit: 2, r: 0, j: 1, side: '+' },
      { targetLayer: 2, unit: 3, r: 0, j: 1, side: '-' },
    ]);
    expect(structureViolation(net([['1/2'], ['-3']], [['5', '-1/3']]), g)).toBeUndefined();
  });

  test('any gadget choice is placed verbatim, and every row of every matrix has its full length', () => {
    const odd: GadgetChoice = (w) => ({ uPlus: w.add(Rational.ONE), vPlus: q('2'), uMinus: q('7'), vMinus: w });
    const g = buildGadgetNetwork(net([['3', '-1']]), odd);
    expect(g.network.layers.map(str)).toEqual([
      [
        ['4', '0'],
        ['7', '0'],
        ['0', '0'],
        ['0', '7'],
      ],
      [['2', '3', '2', '-1']],
    ]);
    expect(g.mask.map((m) => m.map((r) => r.length))).toEqual([[2, 2, 2, 2], [4]]);
    // a kept unit whose weight is 0 (w = -1 gives u+ = 0) is still kept, and is no defect
    expect(structureViolation(net([['3', '-1']]), g)).toBeUndefined();
  });

  test('degenerate targets: no layers, an empty layer, zero inputs', () => {
    expect(buildGadgetNetwork({ layers: [] })).toEqual({ network: { layers: [] }, mask: [], units: [] });
    expect(buildGadgetNetwork({ layers: [[]] })).toEqual({ network: { layers: [[], []] }, mask: [[], []], units: [] });
    const d0: Network = { layers: [[[]]] }; // one output, zero inputs
    const g0 = buildGadgetNetwork(d0);
    expect(g0).toEqual({ network: { layers: [[], [[]]] }, mask: [[], [[]]], units: [] });
    expect(structureViolation(d0, g0)).toBeUndefined();
    expect(structureViolation({ layers: [] }, buildGadgetNetwork({ layers: [] }))).toBeUndefined();
    // an empty target layer leaves G layer 2 with no rows, so its hidden width is unknown
    expect(structureViolation({ layers: [[]] }, buildGadgetNetwork({ layers: [[]] }))).toBe(
      'G layers 1 and 2 disagree on the hidden width',
    );
    // d = 0: F is the zero map on R^0 and G~ equals it
    const r = checkDepthDoubling(d0, 'd0', { points: 3 });
    expect(r.holds).toBe(true);
    expect(r.figures['target widths']).toBe('0,1');
    expect(r.figures['G~ widths']).toBe('0,0,1');
  });

  test('property: G~ matches the pool layout computed independently, on any target', () => {
    const targetArb = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 })
      .chain((ws) =>
        fc.tuple(
          ...ws.slice(1).map((n, i) =>
            fc.array(fc.array(exactValueArb, { minLength: ws[i]!, maxLength: ws[i]! }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
      )
      .map((layers) => ({ layers }));
    fc.assert(
      fc.property(targetArb, (t) => {
        const g = buildGadgetNetwork(t);
        const units: KeptUnit[] = [];
        t.layers.forEach((W, li) => {
          const nOut = W.length;
          const nIn = W[0]!.length;
          const A = g.network.layers[2 * li]!;
          const B = g.network.layers[2 * li + 1]!;
          expect(A.length).toBe(2 * nOut * nIn);
          expect(B.length).toBe(nOut);
          for (let r = 0; r < nOut; r++) {
            for (let j = 0; j < nIn; j++) {
              const p = 2 * (r * nIn + j);
              units.push(
                { targetLayer: li + 1, unit: p, r, j, side: '+' },
                { targetLayer: li + 1, unit: p + 1, r, j, side: '-' },
              );
              for (let c = 0; c < nIn; c++) {
                expect(A[p]![c]!.eq(c === j ? W[r]![j]! : Rational.ZERO)).toBe(true);
                expect(A[p + 1]![c]!.eq(c === j ? W[r]![j]!.neg() : Rational.ZERO)).toBe(true);
                expect(g.mask[2 * li]![p]![c]).toBe(c === j);
                expect(g.mask[2 * li]![p + 1]![c]).toBe(c === j);
              }
              for (let rr = 0; rr < nOut; rr++) {
                expect(B[rr]![p]!.toString()).toBe(rr === r ? '1' : '0');
                expect(B[rr]![p + 1]!.toString()).toBe(rr === r ? '-1' : '0');
                expect(g.mask[2 * li + 1]![rr]![p]).toBe(rr === r);
                expect(g.mask[2 * li + 1]![rr]![p + 1]).toBe(rr === r);
              }
            }
          }
        });
        expect(g.units).toEqual(units);
        expect(structureViolation(t, g)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});

describe('depth-doubling: every rejection of the structure check, exact message', () => {
  test('depth', () => {
    const g = editable(buildGadgetNetwork(T2));
    expect(structureViolation(T2, frozen({ ...g, layers: g.layers.slice(0, 3) }))).toBe('depth 3, expected 2l = 4');
    expect(structureViolation(T2, frozen({ ...g, layers: [...g.layers, [[Rational.ONE]]] }))).toBe(
      'depth 5, expected 2l = 4',
    );
    expect(structureViolation(net([['1']]), buildGadgetNetwork(T2))).toBe('depth 4, expected 2l = 2');
  });

  test('reads: the input width of G layer 2i-1 against n_{i-1}', () => {
    const wide = net(
      [
        ['1/2', '-3', '1'],
        ['0', '2/7', '1'],
      ],
      [['5', '-1/3']],
    );
    expect(structureViolation(T2, buildGadgetNetwork(wide))).toBe('G layer 1 reads 3 inputs, target layer 1 reads 2');
    const wide2 = net(
      T2.layers[0]!.map((r) => r.map(String)),
      [['5', '-1/3', '1']],
    );
    expect(structureViolation(T2, buildGadgetNetwork(wide2))).toBe('G layer 3 reads 3 inputs, target layer 2 reads 2');
    // a G layer with no rows reads 0 inputs
    expect(structureViolation(net([['1']]), buildGadgetNetwork({ layers: [[[]]] }))).toBe(
      'G layer 1 reads 0 inputs, target layer 1 reads 1',
    );
    expect(structureViolation({ layers: [[[]]] }, buildGadgetNetwork(net([['1']])))).toBe(
      'G layer 1 reads 1 inputs, target layer 1 reads 0',
    );
  });

  test('writes: the output width of G layer 2i against n_i', () => {
    const tall = net(
      [
        ['1/2', '-3'],
        ['0', '2/7'],
        ['1', '1'],
      ],
      [['5', '-1/3', '1']],
    );
    // layer 1 of `tall` reads 2 like T2's, but writes 3
    expect(structureViolation(T2, buildGadgetNetwork(tall))).toBe(
      'G layer 2 writes 3 outputs, target layer 1 writes 2',
    );
    const tall2 = net(
      T2.layers[0]!.map((r) => r.map(String)),
      [
        ['5', '-1/3'],
        ['1', '1'],
      ],
    );
    expect(structureViolation(T2, buildGadgetNetwork(tall2))).toBe(
      'G layer 4 writes 2 outputs, target layer 2 writes 1',
    );
  });

  test('hidden width: G layers 2i-1 and 2i disagree', () => {
    const g = editable(buildGadgetNetwork(T2));
    g.layers[2] = g.layers[2]!.slice(0, 3);
    g.mask[2] = g.mask[2]!.slice(0, 3);
    expect(structureViolation(T2, frozen(g))).toBe('G layers 3 and 4 disagree on the hidden width');
    const h = editable(buildGadgetNetwork(T2));
    h.layers[1] = h.layers[1]!.map((r) => [...r, Rational.ZERO]);
    expect(structureViolation(T2, frozen(h))).toBe('G layers 1 and 2 disagree on the hidden width');
  });

  test('pruned but non-zero, in each of the four G layers', () => {
    const cases: [number, number, number, string][] = [
      [1, 0, 1, 'G layer 1 edge (0, 1) is pruned but non-zero'],
      [1, 7, 0, 'G layer 1 edge (7, 0) is pruned but non-zero'],
      [2, 1, 0, 'G layer 2 edge (1, 0) is pruned but non-zero'],
      [2, 0, 7, 'G layer 2 edge (0, 7) is pruned but non-zero'],
      [3, 0, 1, 'G layer 3 edge (0, 1) is pruned but non-zero'],
      [4, 0, 0, ''],
    ];
    for (const [layer, r, c, msg] of cases) {
      const g = editable(buildGadgetNetwork(T2));
      setEdge(g, layer, r, c, '-1/9', false);
      // layer 4 (1 x 4) keeps every edge, so dropping one that carries a value is the defect
      expect(structureViolation(T2, frozen(g))).toBe(msg === '' ? 'G layer 4 edge (0, 0) is pruned but non-zero' : msg);
    }
  });

  test('a pruned edge that is zero is no defect, nor a kept edge that is zero', () => {
    const g = editable(buildGadgetNetwork(T2));
    setEdge(g, 1, 0, 1, '0', false); // already pruned, stays zero
    setEdge(g, 3, 0, 0, '0', true); // kept, now zero
    expect(structureViolation(T2, frozen(g))).toBeUndefined();
  });

  test('in-edges: an extra one, a moved one, none', () => {
    const t = net([['1', '1']]);
    const extra = editable(buildGadgetNetwork(t));
    extra.mask[0]![0]![1] = true;
    expect(structureViolation(t, frozen(extra))).toBe(
      'G layer 1 unit 0 (pool 0,0 +) has in-edges [0,1], expected exactly [0]',
    );
    const moved = editable(buildGadgetNetwork(t));
    setEdge(moved, 1, 0, 0, '0', false);
    setEdge(moved, 1, 0, 1, '7', true);
    expect(structureViolation(t, frozen(moved))).toBe(
      'G layer 1 unit 0 (pool 0,0 +) has in-edges [1], expected exactly [0]',
    );
    const none = editable(buildGadgetNetwork(t));
    setEdge(none, 1, 3, 1, '0', false);
    expect(structureViolation(t, frozen(none))).toBe(
      'G layer 1 unit 3 (pool 0,1 -) has in-edges [], expected exactly [1]',
    );
    // in target layer 2 of T2: unit 2 (pool 0,1 +) reads input 1; add input 0
    const deep = editable(buildGadgetNetwork(T2));
    deep.mask[2]![2]![0] = true;
    expect(structureViolation(T2, frozen(deep))).toBe(
      'G layer 3 unit 2 (pool 0,1 +) has in-edges [0,1], expected exactly [1]',
    );
  });

  test('out-edges: an extra one, a moved one, none', () => {
    const extra = editable(buildGadgetNetwork(T2));
    extra.mask[1]![1]![0] = true; // unit 0 of pool (0,0) also writes output 1
    expect(structureViolation(T2, frozen(extra))).toBe(
      'G layer 2 unit 0 (pool 0,0 +) has out-edges [0,1], expected exactly [0]',
    );
    const moved = editable(buildGadgetNetwork(T2));
    setEdge(moved, 2, 1, 5, '0', false); // unit 5 = pool (1,0) -, writes output 1
    setEdge(moved, 2, 0, 5, '-1', true);
    expect(structureViolation(T2, frozen(moved))).toBe(
      'G layer 2 unit 5 (pool 1,0 -) has out-edges [0], expected exactly [1]',
    );
    const none = editable(buildGadgetNetwork(T2));
    setEdge(none, 4, 0, 3, '0', false);
    expect(structureViolation(T2, frozen(none))).toBe(
      'G layer 4 unit 3 (pool 0,1 -) has out-edges [], expected exactly [0]',
    );
  });

  test('a unit with edges that belongs to no gadget: in-edge only, out-edge only, both', () => {
    const drop = (e: Editable, layer: number, unit: number): void => {
      e.units = e.units.filter((u) => !(u.targetLayer === layer && u.unit === unit));
    };
    // unit 5 of G layer 1 (pool (1,0) -): in-edge from input 0 (of 2), out-edge to output 1 (of 2)
    const inOnly = editable(buildGadgetNetwork(T2));
    drop(inOnly, 1, 5);
    setEdge(inOnly, 2, 1, 5, '0', false);
    expect(structureViolation(T2, frozen(inOnly))).toBe('G layer 1 unit 5 has edges but belongs to no gadget');
    const outOnly = editable(buildGadgetNetwork(T2));
    drop(outOnly, 1, 5);
    setEdge(outOnly, 1, 5, 0, '0', false);
    expect(structureViolation(T2, frozen(outOnly))).toBe('G layer 1 unit 5 has edges but belongs to no gadget');
    const both = editable(buildGadgetNetwork(T2));
    drop(both, 2, 1);
    expect(structureViolation(T2, frozen(both))).toBe('G layer 3 unit 1 has edges but belongs to no gadget');
    // with neither edge the unit is merely unused
    const neither = editable(buildGadgetNetwork(T2));
    drop(neither, 1, 5);
    setEdge(neither, 1, 5, 0, '0', false);
    setEdge(neither, 2, 1, 5, '0', false);
    expect(structureViolation(T2, frozen(neither))).toBeUndefined();
  });
});

/** The seeded points re-derived from the documented recipe. */
function referencePoints(d: number, count: number, seed: string): Rational[][] {
  const out: Rational[][] = [];
  for (let j = 0; j < d; j++) {
    out.push(Array.from({ length: d }, (_, i) => (i === j ? Rational.ONE : Rational.ZERO)));
    out.push(Array.from({ length: d }, (_, i) => (i === j ? Rational.MINUS_ONE : Rational.ZERO)));
  }
  const rng = seedrandom.xor4096(`slth-lemma-depth-doubling:${seed}`);
  const dens = [1048576, 3, 7, 21, 3145728, 1125899906842624];
  while (out.length < count) {
    const x: Rational[] = [];
    for (let i = 0; i < d; i++) {
      const den = dens[Math.floor(rng.double() * 6)]!;
      x.push(Rational.of(Math.floor((rng.double() * 2 - 1) * 4 * den), den));
    }
    out.push(x);
  }
  return out.slice(0, count);
}
const pts = (xs: readonly (readonly Rational[])[]): string[][] => xs.map((x) => x.map(String));

describe('depth-doubling: seeded test points', () => {
  test('basis vectors and their negatives first, in order, then the seeded points', () => {
    expect(pts(testPoints(2, 4, 's'))).toEqual([
      ['1', '0'],
      ['-1', '0'],
      ['0', '1'],
      ['0', '-1'],
    ]);
    expect(pts(testPoints(3, 3, 's'))).toEqual([
      ['1', '0', '0'],
      ['-1', '0', '0'],
      ['0', '1', '0'],
    ]);
    expect(pts(testPoints(2, 1, 's'))).toEqual([['1', '0']]);
    expect(testPoints(2, 0, 's')).toEqual([]);
    expect(testPoints(0, 3, 's')).toEqual([[], [], []]);
  });

  test('equal to the recipe for every d, count and seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 20 }),
        fc.string({ maxLength: 6 }),
        (d, count, seed) => {
          expect(pts(testPoints(d, count, seed))).toEqual(pts(referencePoints(d, count, seed)));
        },
      ),
      { numRuns: 80 },
    );
  });

  test('the seeded points: in [-4, 4), denominators dividing one of 2^20, 3, 7, 21, 3 2^20, 2^50, of both signs', () => {
    const xs = testPoints(3, 400, 'range').slice(6);
    const four = Rational.of(4);
    const dens = [2n ** 20n, 3n, 7n, 21n, 3n * 2n ** 20n, 2n ** 50n];
    const flat = xs.flat();
    expect(flat).toHaveLength(394 * 3);
    for (const v of flat) {
      expect(v.ge(four.neg()) && v.lt(four)).toBe(true);
      expect(dens.some((den) => den % v.den === 0n)).toBe(true);
    }
    expect(flat.some((v) => v.sign() < 0)).toBe(true);
    expect(flat.some((v) => v.gt(Rational.of(3)))).toBe(true);
    expect(flat.some((v) => v.lt(Rational.of(-3)))).toBe(true);
    // each kind of denominator occurs (denominator 21 and 3 * 2^20 reduce to a divisor sometimes)
    for (const den of [2n ** 50n, 3n * 2n ** 20n, 21n, 7n]) expect(flat.some((v) => v.den === den)).toBe(true);
    expect(new Set(flat.map(String)).size).toBeGreaterThan(500);
  });

  test('the seed matters and is prefixed', () => {
    expect(pts(testPoints(1, 6, 'a'))).not.toEqual(pts(testPoints(1, 6, 'b')));
    const rng = seedrandom.xor4096('slth-lemma-depth-doubling:a');
    const den = [1048576, 3, 7, 21, 3145728, 1125899906842624][Math.floor(rng.double() * 6)]!;
    expect(testPoints(1, 3, 'a')[2]![0]!.eq(Rational.of(Math.floor((rng.double() * 2 - 1) * 4 * den), den))).toBe(true);
  });
});

describe('depth-doubling: checker figures and witnesses', () => {
  test('holds: the full result on a 2-layer target', () => {
    expect(textual(checkDepthDoubling(T2, 'T2'))).toEqual({
      lemma: 'depth-doubling',
      input: 'T2',
      statement: STATEMENT,
      exact: true,
      holds: true,
      figures: {
        'target widths': '2,2,1',
        'target depth l': '2',
        'G~ widths': '2,8,2,4,1',
        'G~ depth': '4',
        'kept units': '12',
        'kept edges': '24',
        points: '64',
        arithmetic: 'exact rationals',
      },
    });
    expect(NAME).toBe('depth-doubling');
    expect(STATEMENT).toBe(
      'the exact-gadget subnetwork G~ (u+ = w, v+ = 1, u- = -w, v- = -1 per target weight) has exactly 2l layers, ' +
        'target layer i maps to G layers 2i-1 and 2i, every kept unit has one in-edge and one out-edge, and G~(x) = F(x) exactly',
    );
    expect(checkDepthDoubling(T2, 'T2', { points: 5, seed: 'x' }).figures['points']).toBe('5');
  });

  test('a malformed target (layer 2 reads 3, layer 1 writes 2) is refuted by the structure check', () => {
    const bad = net(
      [
        ['1', '1'],
        ['1', '1'],
      ],
      [['1', '1', '1']],
    );
    expect(textual(checkDepthDoubling(bad, 'bad', { points: 4 }))).toEqual({
      lemma: 'depth-doubling',
      input: 'bad',
      statement: STATEMENT,
      exact: true,
      holds: false,
      figures: {
        'target widths': '2,2,1',
        'target depth l': '2',
        'G~ widths': '2,8,2,6,1',
        'G~ depth': '4',
        'kept units': '14',
        'kept edges': '28',
        points: '4',
        arithmetic: 'exact rationals',
      },
      witness: { structure: 'G layer 3 reads 3 inputs, target layer 2 reads 2' },
    });
  });

  test('a wrong output among correct ones is caught: witness x = -1, F(x) and G~(x) in full', () => {
    // v- = +1 for w = 1 only: output 0 becomes |x|, output 1 (w = 3) stays 3x
    const broken: GadgetChoice = (w) =>
      w.eq(Rational.ONE) ? { ...exactGadget(w), vMinus: Rational.ONE } : exactGadget(w);
    const r = checkDepthDoubling(net([['1'], ['3']]), 'two outputs', { gadget: broken, points: 10 });
    expect(r.holds).toBe(false);
    expect(r.witness).toEqual({ x: '-1', 'F(x)': '-1, -3', 'G~(x)': '1, -3' });
  });

  test('a defect invisible at the basis points is found at the first seeded point that shows it', () => {
    // target F(x) = 2 relu(x1 + x2); the gadget of w = 1 computes g(t) = sigma(t) - 2 sigma(-t)
    // (t for t >= 0, 2t for t < 0), so G~(x) = 2 relu(g(x1) + g(x2)): equal to F at +-e_j only
    const broken: GadgetChoice = (w) =>
      w.eq(Rational.ONE) ? { ...exactGadget(w), vMinus: Rational.of(-2) } : exactGadget(w);
    const t = net([['1', '1']], [['2']]);
    const g = (v: Rational): Rational => (v.sign() < 0 ? v.mul(Rational.of(2)) : v);
    const Fx = (x: readonly Rational[]): Rational => relu(x[0]!.add(x[1]!)).mul(Rational.of(2));
    const Gx = (x: readonly Rational[]): Rational => relu(g(x[0]!).add(g(x[1]!))).mul(Rational.of(2));
    for (const seed of ['depth-doubling', 'other']) {
      const ref = referencePoints(2, 64, seed);
      expect(ref.slice(0, 4).every((x) => Fx(x).eq(Gx(x)))).toBe(true);
      const first = ref.find((x) => !Fx(x).eq(Gx(x)));
      expect(first).toBeDefined();
      const r =
        seed === 'depth-doubling'
          ? checkDepthDoubling(t, 'hidden', { gadget: broken })
          : checkDepthDoubling(t, 'hidden', { gadget: broken, seed });
      expect(r.holds).toBe(false);
      expect(r.witness).toEqual({
        x: first!.map(String).join(', '),
        'F(x)': Fx(first!).toString(),
        'G~(x)': Gx(first!).toString(),
      });
    }
    // the two seeds give different witnesses
    const a = checkDepthDoubling(t, 'h', { gadget: broken }).witness?.['x'];
    const b = checkDepthDoubling(t, 'h', { gadget: broken, seed: 'other' }).witness?.['x'];
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    // with only the basis points it holds; the exact gadget holds at all 64
    expect(checkDepthDoubling(t, 'h', { gadget: broken, points: 4 }).holds).toBe(true);
    expect(checkDepthDoubling(t, 'h').holds).toBe(true);
  });
});
