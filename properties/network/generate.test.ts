import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkWidths, generateTarget, TARGET_GENERATOR } from '../../src/network/generate.js';
import { networkToJson, readJsonFile, readNetworkFile } from '../../src/network/json.js';
import { widths } from '../../src/network/network.js';
import { checkH, checkHPrime, spectralAtMostOne } from '../../src/network/norms.js';
import { Rational } from '../../src/numeric/rational.js';
import { scale } from './helpers.js';

const seedArb = fc.string({ minLength: 1, maxLength: 20 });
const widthsSmall = fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 5 });

describe('generateTarget', () => {
  test('satisfies H exactly, with the requested widths, for random widths and seeds', () => {
    fc.assert(
      fc.property(widthsSmall, seedArb, fc.integer({ min: 1, max: 16 }), (ws, seed, bits) => {
        const net = generateTarget(ws, seed, { bits });
        expect(widths(net)).toEqual(ws);
        expect(checkH(net).holds).toBe(true);
        for (const m of net.layers) expect(spectralAtMostOne(m)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test("satisfies H' exactly when asked (and H)", () => {
    fc.assert(
      fc.property(widthsSmall, seedArb, (ws, seed) => {
        const net = generateTarget(ws, seed, { hprime: true });
        expect(checkH(net).holds).toBe(true);
        expect(checkHPrime(net).holds).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('tight targets satisfy H exactly and have ||W_i||_2 > 1/2 (2 W_i fails H)', () => {
    fc.assert(
      fc.property(widthsSmall, seedArb, fc.boolean(), (ws, seed, hprime) => {
        const net = generateTarget(ws, seed, { tight: true, hprime });
        expect(checkH(net).holds).toBe(true);
        if (hprime) expect(checkHPrime(net).holds).toBe(true);
        else
          for (const m of net.layers)
            if (m.flat().some((x) => !x.isZero())) expect(spectralAtMostOne(scale(m, Rational.of(2)))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('weights are short dyadics in [-1, 1]', () => {
    fc.assert(
      fc.property(widthsSmall, seedArb, fc.integer({ min: 1, max: 12 }), (ws, seed, bits) => {
        const net = generateTarget(ws, seed, { bits });
        const n = Math.max(...ws);
        for (const w of net.layers.flat(2)) {
          expect(w.isDyadic()).toBe(true);
          expect(w.abs()).toBeLessOrEqual(Rational.ONE);
          // resolution 2^-F, F = bits + 1 + t, where 2^-t ~ the layer scale >= 1/(2n) (certified bounds <= n)
          expect(w.den <= 1n << BigInt(bits + 3 + Math.ceil(Math.log2(n)))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('deterministic: the same seed gives the same network, other seeds other networks', () => {
    fc.assert(
      fc.property(widthsSmall, seedArb, seedArb, fc.boolean(), (ws, s1, s2, hprime) => {
        const a = JSON.stringify(networkToJson(generateTarget(ws, s1, { hprime })));
        expect(JSON.stringify(networkToJson(generateTarget(ws, s1, { hprime })))).toBe(a);
        if (s1 !== s2 && ws.reduce((acc, w, i) => (i > 0 ? acc + w * (ws[i - 1] as number) : acc), 0) >= 6) {
          expect(JSON.stringify(networkToJson(generateTarget(ws, s2, { hprime })))).not.toBe(a);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('a pinned value of the generator (slth-target/1 must never change silently)', () => {
    expect(TARGET_GENERATOR).toBe('slth-target/1');
    expect(networkToJson(generateTarget([1, 1], 'pinned')).layers).toEqual(
      networkToJson(generateTarget([1, 1], 'pinned')).layers,
    );
    const doc = readJsonFile(join('fixtures', 'targets', 'd1-single.json')) as { layers: string[][][] };
    expect(networkToJson(generateTarget([1, 1], 'fixture-d1-single')).layers).toEqual(doc.layers);
  });

  test('rejects bad widths, bits and seeds with InputError', () => {
    const bad: [number[], string, object][] = [
      [[3], 's', {}],
      [[], 's', {}],
      [[3, 0, 1], 's', {}],
      [[3, 1.5, 1], 's', {}],
      [[3, 10_001], 's', {}],
      [[3, -1], 's', {}],
      [[3, Number.NaN], 's', {}],
      [[3, 4], '', {}],
      [[3, 4], 's', { bits: 0 }],
      [[3, 4], 's', { bits: 31 }],
      [[3, 4], 's', { bits: 2.5 }],
      [[10_000, 10_000], 's', {}],
      [[100, 100], 's', { tight: true }],
    ];
    for (const [ws, seed, opts] of bad)
      expect(() => generateTarget(ws, seed, opts), JSON.stringify(ws)).toThrow(InputError);
    expect(() => checkWidths([2, 3, 0])).toThrow('width n_2 must be an integer from 1 to 10000, got 0');
  });
});

describe('fixtures/targets', () => {
  const dir = join('fixtures', 'targets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  test('the required targets exist', () => {
    for (const f of [
      'd1-single.json',
      'd1-two-layer.json',
      'd2-small.json',
      'd2-deep.json',
      'd3-hprime.json',
      'd4-wide.json',
    ]) {
      expect(files).toContain(f);
    }
  });

  test.each(files)('%s is valid, satisfies H exactly, and is regenerated identically from its meta', (f) => {
    const path = join(dir, f);
    const net = readNetworkFile(path);
    expect(checkH(net).holds).toBe(true);
    const doc = readJsonFile(path) as {
      meta: { generator: string; seed: string; widths: number[]; bits: number; hprime: boolean; tight: boolean };
      layers: unknown;
    };
    expect(doc.meta.generator).toBe(TARGET_GENERATOR);
    expect(widths(net)).toEqual(doc.meta.widths);
    if (doc.meta.hprime) expect(checkHPrime(net).holds).toBe(true);
    const again = generateTarget(doc.meta.widths, doc.meta.seed, {
      bits: doc.meta.bits,
      hprime: doc.meta.hprime,
      tight: doc.meta.tight,
    });
    expect(networkToJson(again).layers).toEqual(doc.layers);
  });

  test("d3-hprime satisfies H'; the tight fixture needs the exact PSD test", () => {
    expect(checkHPrime(readNetworkFile(join(dir, 'd3-hprime.json'))).holds).toBe(true);
    const tight = checkH(readNetworkFile(join(dir, 'd3-tight.json')));
    expect(tight.layers.some((l) => l.method === 'exact-psd')).toBe(true);
  });
});
