/**
 * Lemma 5 (depth doubling): the exact-gadget subnetwork of any target has depth 2l, the stated
 * structure, and equals the target exactly; a gadget with a sign error is caught.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Network } from '../../src/network/network.js';
import { forward } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { GadgetChoice } from '../../src/lemmas/depth-doubling.js';
import {
  buildGadgetNetwork,
  checkDepthDoubling,
  exactGadget,
  structureViolation,
} from '../../src/lemmas/depth-doubling.js';
import { exactValueArb, fractionArb } from './_arbitraries.js';

/** Any target: widths 1..4, depth 1..4, exact weights of every kind (H not needed). */
const targetArb: fc.Arbitrary<Network> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 })
  .chain((ws) =>
    fc.tuple(
      ...ws
        .slice(1)
        .map((n, i) =>
          fc.array(fc.array(exactValueArb, { minLength: ws[i]!, maxLength: ws[i]! }), { minLength: n, maxLength: n }),
        ),
    ),
  )
  .map((layers) => ({ layers }));

const pointArb = (d: number): fc.Arbitrary<Rational[]> =>
  fc.array(fc.oneof(fractionArb, exactValueArb), { minLength: d, maxLength: d });

describe('depth-doubling', () => {
  test('G~ has depth 2l and the stated structure, and G~(x) = F(x) exactly at arbitrary rational x', () => {
    fc.assert(
      fc.property(
        targetArb.chain((net) =>
          fc.tuple(fc.constant(net), fc.array(pointArb(net.layers[0]![0]!.length), { minLength: 1, maxLength: 5 })),
        ),
        ([net, xs]) => {
          const g = buildGadgetNetwork(net);
          if (g.network.layers.length !== 2 * net.layers.length) return false;
          if (structureViolation(net, g) !== undefined) return false;
          return xs.every((x) => {
            const f = forward(net, x);
            const gx = forward(g.network, x);
            return f.every((v, i) => v.eq(gx[i]!));
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  test('the checker holds on generated-style targets', () => {
    fc.assert(
      fc.property(targetArb, (net) => checkDepthDoubling(net, 'arb', { points: 8 }).holds),
      { numRuns: 40 },
    );
  });

  test('NEGATIVE CONTROL: a gadget with a sign error (v- = +1) is caught', () => {
    const broken: GadgetChoice = (w) => ({ ...exactGadget(w), vMinus: Rational.ONE });
    const run = fc.check(
      fc.property(targetArb, (net) => checkDepthDoubling(net, 'broken', { points: 8, gadget: broken }).holds),
      { numRuns: 100 },
    );
    expect(run.failed).toBe(true);
    const net: Network = { layers: [[[Rational.parse('1/2')]]] };
    const r = checkDepthDoubling(net, 'w = 1/2', { gadget: broken });
    expect(r.holds).toBe(false);
    expect(r.witness?.['x']).toBe('-1'); // sigma(-1/2) + sigma(1/2) = 1/2 != -1/2
    expect(r.witness?.['G~(x)']).toBe('1/2');
  });

  test('NEGATIVE CONTROL: a structural defect (an extra in-edge) is caught', () => {
    const net: Network = { layers: [[[Rational.ONE, Rational.ONE]]] };
    const g = buildGadgetNetwork(net);
    const mask = g.mask.map((m) => m.map((row) => [...row]));
    mask[0]![0]![1] = true; // unit 0 now also reads input 1
    expect(structureViolation(net, { ...g, mask })).toMatch(/in-edges \[0,1\]/);
  });
});
