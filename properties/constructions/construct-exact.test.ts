/**
 * The construction run (construct.ts), its certificate (certificate.ts) and the one-call driver
 * (certify.ts), against independent scans of G and hand-computed figures: pool starts, input
 * validation, the exact unit index a scan reports (across block boundaries, at the pool's last
 * unit, never past it), misses and their sides, progress, scan counts, active weights with shared
 * units, the per-layer bound, and every field of the certificate.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { generateTarget } from '../../src/network/generate.js';
import type { Network } from '../../src/network/network.js';
import { networkToJson } from '../../src/network/json.js';
import { Cursor, weightFloat } from '../../src/random/scheme.js';
import { MAX_UNIT, activeWeights, construct, poolStart, type Gadget } from '../../src/constructions/construct.js';
import { buildCertificate } from '../../src/constructions/certificate.js';
import { certify } from '../../src/constructions/certify.js';
import { RULES, type Rule } from '../../src/constructions/rules.js';
import { spectralUpper } from '../../src/network/norms.js';
import { lemma4Chain, weightNormUpper } from '../../src/theory/lemma4.js';
import { gadgetError } from '../../src/constructions/gadget.js';
import { gWidthsFor, statedWidth } from '../../src/theory/stated-width.js';
import { type GadgetConstruction } from '../../src/theory/construction-name.js';
import { DELTA } from './_fixtures.js';

const R = (s: string): Rational => Rational.parse(s);
const net = (layers: string[][][]): Network => ({ layers: layers.map((m) => m.map((row) => row.map(R))) });
const inputError = (f: () => unknown, message: string): void => {
  expect(f).toThrow(InputError);
  expect(f).toThrow(message);
};

/**
 * A rule that accepts exactly the units whose (u, v) lie in the given sets. Its float prefilter
 * lets every candidate through, so the exact test alone decides (as it must in construct).
 */
function onlyUnits(
  seed: string,
  layer: number,
  row: number,
  col: number,
  plusUnits: number[],
  minusUnits: number[],
): Rule {
  const key = (u: number, v: number): string => `${u}/${v}`;
  const at = (unit: number): string =>
    key(weightFloat(seed, 2 * layer - 1, unit, col), weightFloat(seed, 2 * layer, row, unit));
  const plus = new Set(plusUnits.map(at));
  const minus = new Set(minusUnits.map(at));
  return {
    plusFloat: () => true,
    minusFloat: () => true,
    plusExact: (u, v) => plus.has(key(u.toNumber(), v.toNumber())),
    minusExact: (u, v) => minus.has(key(u.toNumber(), v.toNumber())),
  };
}

describe('poolStart', () => {
  it('pair pools are private per weight, shared and product pools per input', () => {
    expect(poolStart('pair', 1, 2, 3, 10n)).toBe(50n);
    expect(poolStart('pair', 2, 1, 3, 4n)).toBe(28n);
    expect(poolStart('pair', 0, 0, 5, 7n)).toBe(0n);
    expect(poolStart('shared', 1, 2, 3, 10n)).toBe(20n);
    expect(poolStart('product', 5, 0, 3, 10n)).toBe(0n);
    expect(poolStart('product', 5, 3, 4, 11n)).toBe(33n);
    expect(MAX_UNIT).toBe(2 ** 53 - 1);
  });
});

describe('construct: input validation', () => {
  const target = net([[['1/2']], [['1/4']]]);
  const eta = R('1/8');
  it('one pool size per layer, each >= 1, each G layer addressable', () => {
    inputError(
      () => construct({ construction: 'pair', target, seed: 's', eta, pool: [5n] }),
      'need one pool size per target layer (2), got 1',
    );
    inputError(
      () => construct({ construction: 'pair', target, seed: 's', eta, pool: [5n, 5n, 5n] }),
      'need one pool size per target layer (2), got 3',
    );
    inputError(
      () => construct({ construction: 'pair', target, seed: 's', eta, pool: [5n, 0n] }),
      'pool size must be >= 1, got 0',
    );
    const over = BigInt(MAX_UNIT) + 1n;
    inputError(
      () => construct({ construction: 'shared', target, seed: 's', eta, pool: [5n, over] }),
      `G layer 3 would need ${over} units, beyond the 2^53 the lazy G addresses; use a smaller widthScale or pool`,
    );
    const wide = net([[['1/4', '1/4']]]);
    // pair: k n_1 n_0 = 2k; shared: k n_0 = 2k as well; 2 * 2^52 = 2^53 is one too many
    inputError(
      () => construct({ construction: 'pair', target: wide, seed: 's', eta, pool: [2n ** 52n] }),
      'G layer 1 would need 9007199254740992 units',
    );
    inputError(
      () => construct({ construction: 'product', target: wide, seed: 's', eta, pool: [2n ** 52n] }),
      'G layer 1 would need 9007199254740992 units',
    );
    expect(() =>
      construct({ construction: 'shared', target: wide, seed: 's', eta: R('1/2'), pool: [2n ** 52n - 1n] }),
    ).not.toThrow();
    // counts from 10^30 on are written in scientific notation
    const one = net([[['1/4']]]);
    inputError(
      () => construct({ construction: 'pair', target: one, seed: 's', eta, pool: [10n ** 30n] }),
      `G layer 1 would need ${Rational.of(10n ** 30n).toScientific(6)} units`,
    );
    inputError(
      () => construct({ construction: 'pair', target: one, seed: 's', eta, pool: [10n ** 30n - 1n] }),
      `G layer 1 would need ${10n ** 30n - 1n} units`,
    );
    // two outputs of one input: pair needs k n_1 n_0 = 2k units, shared and product k n_0 = k
    const tall = net([[['1/4'], ['-1/4']]]);
    inputError(
      () => construct({ construction: 'pair', target: tall, seed: 's', eta, pool: [2n ** 52n] }),
      'G layer 1 would need 9007199254740992 units',
    );
    expect(() =>
      construct({ construction: 'shared', target: tall, seed: 's', eta: R('1/2'), pool: [2n ** 52n] }),
    ).not.toThrow();
    expect(() =>
      construct({ construction: 'product', target: tall, seed: 's', eta: R('1/2'), pool: [2n ** 52n] }),
    ).not.toThrow();
    expect(() =>
      construct({ construction: 'pair', target, seed: 's', eta: R('1/2'), pool: [BigInt(MAX_UNIT), BigInt(MAX_UNIT)] }),
    ).not.toThrow();
    expect(() => construct({ construction: 'pair', target, seed: 'bad seed', eta, pool: [5n, 5n] })).toThrow(
      InputError,
    );
  });
});

describe('construct: the scan reports the exact first qualifying unit', () => {
  // one layer, two inputs: shared pools are [0, k) for column 0 and [k, 2k) for column 1
  const target = net([[['1/2', '-1/4']]]);
  const k = 10_000;
  const seed = 'scan';

  it.each([
    // plus unit, minus unit (column 1, pool [10000, 20000)); 12288 is a block boundary
    [17_000, 19_999],
    [12_287, 12_288],
    [10_000, 10_001],
    [19_999, 10_000],
  ])('units %i and %i', (pu, mu) => {
    const rule0 = onlyUnits(seed, 1, 0, 0, [3, 5], [4095, 4096]);
    const rule1 = onlyUnits(seed, 1, 0, 1, [pu], [mu]);
    const rule: Rule = {
      plusFloat: () => true,
      minusFloat: () => true,
      plusExact: (u, v, w, e) => rule0.plusExact(u, v, w, e) || rule1.plusExact(u, v, w, e),
      minusExact: (u, v, w, e) => rule0.minusExact(u, v, w, e) || rule1.minusExact(u, v, w, e),
    };
    const res = construct({ construction: 'shared', target, seed, eta: R('1/8'), pool: [BigInt(k)], _rule: rule });
    expect(res.ok).toBe(true);
    expect(res.misses).toEqual([]);
    const [g0, g1] = res.gadgets;
    expect([g0?.plus.unit, g0?.minus.unit, g1?.plus.unit, g1?.minus.unit]).toEqual([3, 4095, pu, mu]);
    expect(g1?.plus.u.toNumber()).toBe(weightFloat(seed, 1, pu, 1));
    expect(g1?.plus.v.toNumber()).toBe(weightFloat(seed, 2, 0, pu));
    expect(g1?.minus.u.toNumber()).toBe(weightFloat(seed, 1, mu, 1));
    expect(g1?.minus.v.toNumber()).toBe(weightFloat(seed, 2, 0, mu));
    // candidates examined: up to the later of the two sides in each pool
    expect(res.scanned).toBe(4096 + Math.max(pu, mu) - k + 1);
  });

  it('a unit just past the pool is never used: the weight misses', () => {
    // one input: the pool is [0, k); minus qualifies at its last unit, plus only at unit k
    const one = net([[['-1/4']]]);
    const res = construct({
      construction: 'shared',
      target: one,
      seed,
      eta: R('1/8'),
      pool: [BigInt(k)],
      _rule: onlyUnits(seed, 1, 0, 0, [k], [k - 1]),
    });
    expect(res.ok).toBe(false);
    expect(res.misses).toEqual([{ layer: 1, row: 0, col: 0, w: R('-1/4'), side: 'plus', pool: BigInt(k) }]);
    expect(res.scanned).toBe(k);
    const two = construct({
      construction: 'shared',
      target,
      seed,
      eta: R('1/8'),
      pool: [BigInt(k)],
      _rule: onlyUnits(seed, 1, 0, 1, [2 * k], [k + 5]),
      allMisses: true,
    });
    expect(two.misses.map((m) => [m.col, m.side])).toEqual([
      [0, 'both'],
      [1, 'plus'],
    ]);
    const minusOnly = construct({
      construction: 'shared',
      target,
      seed,
      eta: R('1/8'),
      pool: [BigInt(k)],
      _rule: onlyUnits(seed, 1, 0, 0, [7], [2 * k]),
      allMisses: true,
    });
    expect(minusOnly.misses.map((m) => [m.col, m.side])).toEqual([
      [0, 'minus'],
      [1, 'both'],
    ]);
  });
});

describe('construct: misses, progress, and what a failed run reports', () => {
  const target = generateTarget([2, 2, 2], 'miss');
  const eta = statedWidth({ widths: [2, 2, 2], eps: R('0.1'), delta: DELTA, construction: 'pair' }).eta;

  /** Independent scan of one weight's pool: first + and first - unit offsets, or -1. */
  function scan(
    construction: GadgetConstruction,
    seed: string,
    layer: number,
    r: number,
    j: number,
    nIn: number,
    k: number,
  ): [number, number] {
    const w = target.layers[layer - 1]![r]![j]!;
    const start = Number(poolStart(construction, r, j, nIn, BigInt(k)));
    const cu = new Cursor(seed, 2 * layer - 1, j, start);
    const cv = new Cursor(seed, 2 * layer, r, start);
    let p = -1;
    let m = -1;
    for (let t = 0; t < k; t++) {
      const u = Rational.fromFloat(cu.next());
      const v = Rational.fromFloat(cv.next());
      if (p < 0 && RULES[construction].plusExact(u, v, w, eta)) p = t;
      if (m < 0 && RULES[construction].minusExact(u, v, w, eta)) m = t;
    }
    return [p, m];
  }

  it.each(['pair', 'shared', 'product'] as const)(
    '%s at a small pool: every miss and its side, or the first one only',
    (construction) => {
      const k = 40;
      const seed = 'm1';
      const all = construct({ construction, target, seed, eta, pool: [BigInt(k), BigInt(k)], allMisses: true });
      const progress: [number, number][] = [];
      const first = construct({
        construction,
        target,
        seed,
        eta,
        pool: [BigInt(k), BigInt(k)],
        onProgress: (d, t) => progress.push([d, t]),
      });
      const expected: { layer: number; row: number; col: number; side: string }[] = [];
      let scanned = 0;
      for (let layer = 1; layer <= 2; layer++) {
        for (let r = 0; r < 2; r++) {
          for (let j = 0; j < 2; j++) {
            const [p, m] = scan(construction, seed, layer, r, j, 2, k);
            if (p >= 0 && m >= 0) scanned += Math.max(p, m) + 1;
            else {
              scanned += k;
              expected.push({ layer, row: r, col: j, side: p >= 0 ? 'minus' : m >= 0 ? 'plus' : 'both' });
            }
          }
        }
      }
      expect(expected.length).toBeGreaterThan(0);
      expect(all.ok).toBe(false);
      expect(all.misses.map((x) => ({ layer: x.layer, row: x.row, col: x.col, side: x.side }))).toEqual(expected);
      expect(all.misses.every((x) => x.pool === BigInt(k) && x.w.eq(target.layers[x.layer - 1]![x.row]![x.col]!))).toBe(
        true,
      );
      expect(all.gadgets.length + all.misses.length).toBe(8);
      expect(all.scanned).toBe(scanned);
      expect(all.perLayer).toEqual([]);
      expect(all.total.isZero()).toBe(true);
      // without allMisses: stops at the first miss, having done the weights before it
      expect(first.misses).toEqual([all.misses[0]]);
      const firstIndex = (expected[0]!.layer - 1) * 4 + expected[0]!.row * 2 + expected[0]!.col;
      expect(first.gadgets.length).toBe(firstIndex);
      expect(progress).toEqual(Array.from({ length: firstIndex + 1 }, (_, i) => [i + 1, 8]));
      expect(first.activeWeights).toBe(activeWeights(first.gadgets));
    },
  );

  it('a successful run: progress over every weight, per-layer bound and Lemma 4 total', () => {
    const progress: number[] = [];
    const out = certify({
      target,
      seed: 'ok',
      eps: R('0.1'),
      delta: DELTA,
      construction: 'shared',
      onProgress: (d, t) => progress.push(d * 100 + t),
    });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((d) => d * 100 + 8));
    const res = out.result;
    expect(res.ok).toBe(true);
    expect(res.gadgets.map((g) => [g.layer, g.row, g.col])).toEqual([
      [1, 0, 0],
      [1, 0, 1],
      [1, 1, 0],
      [1, 1, 1],
      [2, 0, 0],
      [2, 0, 1],
      [2, 1, 0],
      [2, 1, 1],
    ]);
    for (const g of res.gadgets) {
      expect(g.w).toEqualRational(target.layers[g.layer - 1]![g.row]![g.col]!);
      expect(
        g.error.eq(gadgetError(g.w, { uPlus: g.plus.u, vPlus: g.plus.v, uMinus: g.minus.u, vMinus: g.minus.v })),
      ).toBe(true);
    }
    const perLayer = [1, 2].map((i) => {
      const E = [0, 1].map((r) =>
        [0, 1].map((j) => res.gadgets.find((g) => g.layer === i && g.row === r && g.col === j)!.error),
      );
      return { layer: i, a: spectralUpper(E), s: weightNormUpper(target.layers[i - 1]!) };
    });
    expect(res.perLayer.map((b) => [b.layer, b.a.toString(), b.s.toString()])).toEqual(
      perLayer.map((b) => [b.layer, b.a.toString(), b.s.toString()]),
    );
    expect(res.perLayer.map((b) => b.s.toString())).toEqual(['1', '1']);
    expect(res.total).toEqualRational(lemma4Chain(perLayer));
    expect(res.total.sign()).toBe(1);
  });
});

describe('activeWeights: distinct kept units plus two out-edges per gadget', () => {
  const side = (unit: number): Gadget['plus'] => ({ unit, u: Rational.ONE, v: Rational.ONE });
  const g = (layer: number, row: number, col: number, p: number, m: number): Gadget => ({
    layer,
    row,
    col,
    w: Rational.ZERO,
    plus: side(p),
    minus: side(m),
    error: Rational.ZERO,
  });
  it('hand cases', () => {
    expect(activeWeights([])).toBe(0);
    expect(activeWeights([g(1, 0, 0, 1, 2)])).toBe(4);
    // unit 1 shared by two rows of layer 1: 3 distinct units + 4 out-edges
    expect(activeWeights([g(1, 0, 0, 1, 2), g(1, 1, 0, 1, 3)])).toBe(7);
    // the same index in another layer is another unit
    expect(activeWeights([g(1, 0, 0, 1, 2), g(2, 0, 0, 1, 2)])).toBe(8);
    expect(activeWeights([g(1, 0, 0, 1, 2), g(1, 1, 0, 2, 1)])).toBe(6);
  });
});

describe('certify and buildCertificate', () => {
  const target = generateTarget([2, 3, 1], 'cert');
  const eps = R('1/4');

  it('every certificate field comes from the run and its context', () => {
    const out = certify({
      target,
      seed: 'c1',
      eps,
      delta: DELTA,
      construction: 'pair',
      version: '9.9.9',
      command: 'slth construct x',
    });
    const c = out.certificate!;
    const res = out.result;
    expect(c.format).toBe('slth-certificate/1');
    expect(c.construction).toBe('pair');
    expect(c.target).toEqual(networkToJson(target));
    expect(c.random).toEqual({
      scheme: 'slth-g/1',
      algorithm: 'seedrandom.xor4096.double',
      block: 4096,
      seed: 'c1',
      pool: out.stated.pool.map(String),
      widths: gWidthsFor('pair', [2, 3, 1], out.stated.pool).map(String),
    });
    expect(out.pool).toEqual(out.stated.pool);
    expect(out.gWidths).toEqual(out.stated.gWidths);
    expect([c.eps, c.delta, c.eta, c.hypothesis]).toEqual(['1/4', '1/1000000000', out.stated.eta.toString(), 'H']);
    expect(c.gadgets).toEqual(
      res.gadgets.map((g) => ({
        layer: g.layer,
        row: g.row,
        col: g.col,
        plus: { unit: g.plus.unit, u: g.plus.u.toString(), v: g.plus.v.toString() },
        minus: { unit: g.minus.unit, u: g.minus.u.toString(), v: g.minus.v.toString() },
        error: g.error.toString(),
      })),
    );
    expect(c.bound).toEqual({
      perLayer: res.perLayer.map((b) => ({ layer: b.layer, a: b.a.toString(), s: b.s.toString() })),
      total: res.total.toString(),
    });
    expect(c.activeWeights).toBe(36);
    expect(c.depth).toBe(4);
    expect(c.provenance).toEqual({ slth: '9.9.9', command: 'slth construct x' });
    const d = certify({ target, seed: 'c1', eps, delta: DELTA, construction: 'pair' }).certificate!;
    expect(d.provenance).toEqual({ slth: 'library', command: 'library call' });
  });

  it('refuses to certify a run that missed', () => {
    const out = certify({ target, seed: 'c2', eps, delta: DELTA, construction: 'shared', pool: 1n });
    expect(out.result.ok).toBe(false);
    expect(out.certificate).toBeNull();
    const ctx = {
      construction: 'shared' as const,
      target,
      seed: 'c2',
      pool: [1n, 1n],
      gWidths: [2n, 2n, 3n, 3n, 1n],
      eps,
      delta: DELTA,
      eta: out.stated.eta,
      hypothesis: 'H' as const,
      version: 'v',
      command: 'c',
    };
    expect(() => buildCertificate(ctx, out.result)).toThrow('cannot certify a run that missed gadgets');
  });

  it('pool overrides: --pool for every layer, --width-scale rounding up; never both; pool >= 1', () => {
    const fixed = certify({ target, seed: 'c3', eps, delta: DELTA, construction: 'shared', pool: 7n });
    expect(fixed.pool).toEqual([7n, 7n]);
    expect(fixed.gWidths).toEqual([2n, 14n, 3n, 21n, 1n]);
    const scaled = certify({ target, seed: 'c3', eps, delta: DELTA, construction: 'product', widthScale: R('1/3') });
    expect(scaled.pool).toEqual(scaled.stated.pool.map((k) => (k + 2n) / 3n));
    expect(scaled.gWidths).toEqual(gWidthsFor('product', [2, 3, 1], scaled.pool));
    inputError(
      () => certify({ target, seed: 'c3', eps, delta: DELTA, construction: 'pair', pool: 5n, widthScale: R('1/2') }),
      'give at most one of widthScale and pool',
    );
    inputError(
      () => certify({ target, seed: 'c3', eps, delta: DELTA, construction: 'pair', pool: 0n }),
      'pool size must be >= 1, got 0',
    );
    expect(() => certify({ target, seed: 'c3', eps, delta: DELTA, construction: 'pair', pool: 1n })).not.toThrow();
  });

  it("H' (product): the stated width and the certificate's hypothesis follow it; a tolerance override is recorded", () => {
    const hp = generateTarget([4, 2, 1], 'hp', { hprime: true });
    const out = certify({ target: hp, seed: 'c4', eps, delta: DELTA, construction: 'product', hprime: true });
    expect(out.stated.hypothesis).toBe("H'");
    expect(out.certificate?.hypothesis).toBe("H'");
    expect(out.pool).toEqual(
      statedWidth({ widths: [4, 2, 1], eps, delta: DELTA, construction: 'product', hprime: true }).pool,
    );
    const h = certify({ target: hp, seed: 'c4', eps, delta: DELTA, construction: 'product' });
    expect(h.certificate?.hypothesis).toBe('H');
    expect(h.pool[0]! > out.pool[0]!).toBe(true);
    const eta = R('1/16');
    const loose = certify({ target: hp, seed: 'c4', eps, delta: DELTA, construction: 'product', _eta: eta });
    expect(loose.certificate?.eta).toBe('1/16');
    for (const g of loose.result.gadgets) expect(g.plus.u.mul(g.plus.v).sub(g.w).abs()).toBeLessOrEqual(eta);
  });
});
