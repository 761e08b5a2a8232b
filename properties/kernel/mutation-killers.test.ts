/**
 * Exact-reason and boundary properties of the trusted kernel, written to kill the mutants that
 * `npm run mutation:kernel` (Stryker) found surviving: every REJECT is checked for its kind
 * (malformed vs invalid) and its full reason, numbers included; every inequality of the kernel is
 * probed at its boundary (accepted exactly at it, rejected one step beyond); ACCEPT figures are
 * compared with independently computed values.
 *
 * Certificates are built once per (construction, shape) and deep-cloned before each corruption.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { generateTarget } from '../../src/network/generate.js';
import { checkHPrime } from '../../src/network/norms.js';
import { weight } from '../../src/random/scheme.js';
import { certify } from '../../src/constructions/certify.js';
import { CONSTRUCTIONS, type ConstructionName } from '../../src/theory/construction-name.js';
import type { CertificateDoc, GadgetDoc } from '../../src/certificate/format.js';
import { checkCertificate } from '../../src/kernel/check.js';
import { DELTA } from '../constructions/_fixtures.js';

const cache = new Map<string, CertificateDoc>();
/** A genuine certificate of `construction` on a seeded target of the given shape (memoised). */
function genuine(construction: ConstructionName, shape: readonly number[] = [2, 3, 2], hprime = false): CertificateDoc {
  const key = `${construction}/${shape.join(',')}/${hprime}`;
  let c = cache.get(key);
  if (c === undefined) {
    const target = generateTarget(shape, 'kernel', { hprime });
    const out = certify({ target, seed: 'mk', eps: Rational.parse('1/2'), delta: DELTA, construction, hprime });
    if (out.certificate === null) throw new Error('test setup: construction failed');
    c = out.certificate;
    cache.set(key, c);
  }
  return JSON.parse(JSON.stringify(c)) as CertificateDoc;
}

type Loose = Record<string, unknown>;
const at = (o: unknown, ...path: (string | number)[]): Loose => path.reduce<Loose>((x, k) => x[k] as Loose, o as Loose);

function rejected(doc: unknown): { kind: string; reason: string } {
  const v = checkCertificate(doc);
  if (v.verdict !== 'REJECT') throw new Error(`expected REJECT, got ACCEPT with bound ${v.bound.toString()}`);
  return { kind: v.kind, reason: v.reason };
}
const expectMalformed = (doc: unknown, reason: string): void =>
  expect(rejected(doc)).toEqual({ kind: 'malformed', reason });
const expectInvalid = (doc: unknown, reason: string): void =>
  expect(rejected(doc)).toEqual({ kind: 'invalid', reason });
const expectAccept = (doc: unknown): void => expect(checkCertificate(doc).verdict).toBe('ACCEPT');

const parseMessage = (text: string): string => {
  try {
    Rational.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`test setup: '${text}' parses`);
};

const gadgetAt = (c: CertificateDoc, layer: number, row: number, col: number): GadgetDoc => {
  const g = c.gadgets.find((x) => x.layer === layer && x.row === row && x.col === col);
  if (g === undefined) throw new Error('test setup: no such gadget');
  return g;
};
const where = (g: GadgetDoc): string => `gadget (layer ${g.layer}, row ${g.row}, col ${g.col})`;

/** e = max(|v+ (u+)_+ + v- (u-)_+ - w|, |v+ (u+)_- + v- (u-)_- + w|), written out independently. */
function errorOf(w: Rational, g: GadgetDoc): Rational {
  const up = Rational.parse(g.plus.u);
  const vp = Rational.parse(g.plus.v);
  const um = Rational.parse(g.minus.u);
  const vm = Rational.parse(g.minus.v);
  const posPart = (x: Rational): Rational => (x.sign() > 0 ? x : Rational.ZERO);
  const negPart = (x: Rational): Rational => (x.sign() < 0 ? x.neg() : Rational.ZERO);
  const right = vp
    .mul(posPart(up))
    .add(vm.mul(posPart(um)))
    .sub(w)
    .abs();
  const left = vp
    .mul(negPart(up))
    .add(vm.mul(negPart(um)))
    .add(w)
    .abs();
  return right.gt(left) ? right : left;
}

/** Distinct (layer, unit) pairs plus two out-edges per gadget. */
const activeOf = (c: CertificateDoc): number =>
  new Set(c.gadgets.flatMap((g) => [`${g.layer}:${g.plus.unit}`, `${g.layer}:${g.minus.unit}`])).size +
  2 * c.gadgets.length;

/**
 * Moves one side of a gadget to another unit with G's true weights there, restates its error and
 * the active-weight count, and loosens the bound and the labels (stated a, s, total and eps at the
 * largest eps, a custom width with eta = 10^6) so that only the structural checks and the product
 * rule's sign of u can reject.
 */
function relocate(c: CertificateDoc, g: GadgetDoc, side: 'plus' | 'minus', unit: number): void {
  g[side] = {
    unit,
    u: weight(c.random.seed, 2 * g.layer - 1, unit, g.col).toString(),
    v: weight(c.random.seed, 2 * g.layer, g.row, unit).toString(),
  };
  const w = Rational.parse(c.target.layers[g.layer - 1]![g.row]![g.col]!);
  g.error = errorOf(w, g).toString();
  c.activeWeights = activeOf(c);
  loosen(c);
}
function loosen(c: CertificateDoc): void {
  c.bound.perLayer = c.bound.perLayer.map((b) => ({ ...b, a: '1000000', s: '1000000' }));
  c.bound.total = '1000000';
  c.eps = '1000000';
  c.width = 'custom';
  c.eta = '1000000';
}
/** A relocated side is accepted, except a product side whose u has the wrong sign (named by the rule). */
function expectAcceptRelocated(c: CertificateDoc, g: GadgetDoc, side: 'plus' | 'minus'): void {
  const u = Rational.parse(g[side].u);
  if (c.construction === 'product' && (side === 'plus' ? u.sign() <= 0 : u.sign() >= 0))
    expectInvalid(
      c,
      `${where(g)}: the ${side} side breaks the product rule at eta = 1.0000000e6: u = ${u.toScientific(8)} is not ${side === 'plus' ? '> 0' : '< 0'}`,
    );
  else expectAccept(c);
}

const ulp = Rational.dyadic(1n, -53);

describe('kernel: malformed documents, with exact reasons', () => {
  it('a non-object certificate, a wrong format tag, an unknown construction', () => {
    for (const doc of [null, 42, 'x', [], [genuine('pair')]]) expectMalformed(doc, 'certificate must be an object');
    const c = genuine('pair');
    expectMalformed(
      { ...c, format: 'slth-certificate/2' },
      'format must be "slth-certificate/1", got "slth-certificate/2"',
    );
    expectMalformed({ ...c, format: undefined }, 'format must be "slth-certificate/1", got undefined');
    expectMalformed({ ...c, construction: 'triple' }, 'construction must be pair, shared or product, got "triple"');
    expectMalformed({ ...c, construction: 'PAIR' }, 'construction must be pair, shared or product, got "PAIR"');
  });

  it('a target that is not a network (the parser names the problem)', () => {
    const c = genuine('pair');
    expectMalformed(
      { ...c, target: { format: 'slth-network/1', layers: [] } },
      'target: "layers" is empty (a network needs at least one layer)',
    );
    const bad = rejected({ ...c, target: 7 });
    expect(bad.kind).toBe('malformed');
    expect(bad.reason).toMatch(/^target: expected a JSON object/);
  });

  it('the random-network block: scheme, algorithm, block, seed', () => {
    const c = genuine('shared');
    expectMalformed({ ...c, random: null }, 'random must be an object');
    expectMalformed({ ...c, random: [] }, 'random must be an object');
    expectMalformed(
      { ...c, random: { ...c.random, scheme: 'slth-g/0' } },
      'random.scheme must be "slth-g/1", got "slth-g/0"',
    );
    expectMalformed(
      { ...c, random: { ...c.random, algorithm: 'mt19937' } },
      'random.algorithm must be "seedrandom.xor4096.double"',
    );
    expectMalformed({ ...c, random: { ...c.random, block: 4095 } }, 'random.block must be 4096');
    expectMalformed({ ...c, random: { ...c.random, block: '4096' } }, 'random.block must be 4096');
    expectMalformed({ ...c, random: { ...c.random, seed: 42 } }, 'random.seed must be a string');
    expectMalformed(
      { ...c, random: { ...c.random, seed: 'bad seed!' } },
      "invalid seed 'bad seed!': use 1 to 128 characters from A-Z a-z 0-9 _ . : -",
    );
    expectMalformed(
      { ...c, random: { ...c.random, seed: '' } },
      "invalid seed '': use 1 to 128 characters from A-Z a-z 0-9 _ . : -",
    );
  });

  it('pool sizes and G widths: arrays of the right length of positive integer strings', () => {
    const c = genuine('pair');
    expectMalformed({ ...c, random: { ...c.random, pool: '5' } }, 'random.pool must be an array');
    expectMalformed(
      { ...c, random: { ...c.random, pool: [c.random.pool[0]] } },
      'random.pool must have 2 entries, has 1',
    );
    expectMalformed(
      { ...c, random: { ...c.random, pool: [...c.random.pool, '1'] } },
      'random.pool must have 2 entries, has 3',
    );
    for (const bad of [5, '0', '05', '-5', '5x', 'x5', ' 5', '5 ', '1.5', `1${'0'.repeat(31)}`, '']) {
      expectMalformed(
        { ...c, random: { ...c.random, pool: [c.random.pool[0], bad] } },
        'random.pool[1] must be a positive integer string',
      );
    }
    expectMalformed({ ...c, random: { ...c.random, widths: 3 } }, 'random.widths must be an array');
    expectMalformed(
      { ...c, random: { ...c.random, widths: c.random.widths.slice(1) } },
      'random.widths must have 5 entries, has 4',
    );
    expectMalformed(
      { ...c, random: { ...c.random, widths: [...c.random.widths.slice(0, 3), 7, c.random.widths[4]] } },
      'random.widths[3] must be a positive integer string',
    );
    // 31 digits is still a well-formed count (then simply the wrong pool size)
    const big = `1${'0'.repeat(30)}`;
    expect(rejected({ ...c, random: { ...c.random, pool: [c.random.pool[0], big] } }).kind).toBe('invalid');
  });

  it('eps, delta and eta must be exact number strings', () => {
    const c = genuine('product');
    expectMalformed({ ...c, eps: 0.5 }, 'eps must be an exact number string "p/q"');
    expectMalformed({ ...c, eps: 'half' }, `eps: ${parseMessage('half')}`);
    expectMalformed({ ...c, delta: 1e-9 }, 'delta must be an exact number string "p/q"');
    expectMalformed({ ...c, delta: '1/0' }, `delta: ${parseMessage('1/0')}`);
    expectMalformed({ ...c, eta: null }, 'eta must be an exact number string "p/q"');
    expectMalformed({ ...c, eta: '0.5.3' }, `eta: ${parseMessage('0.5.3')}`);
  });

  it("the hypothesis must be H or H'", () => {
    const c = genuine('pair');
    expectMalformed({ ...c, hypothesis: 'X' }, 'hypothesis must be "H" or "H\'"');
    expectMalformed({ ...c, hypothesis: undefined }, 'hypothesis must be "H" or "H\'"');
  });

  it('gadget fields: object, layer/row/col non-negative safe integers', () => {
    const c = genuine('pair');
    expectMalformed({ ...c, gadgets: 'none' }, 'gadgets must be an array');
    expectMalformed({ ...c, gadgets: [...c.gadgets.slice(0, 3), null] }, 'gadgets[3] must be an object');
    const field = (gi: number, key: string, value: unknown): unknown => {
      const d = genuine('pair');
      at(d, 'gadgets', gi)[key] = value;
      return d;
    };
    for (const bad of ['1', 1.5, -1, 2 ** 53, null, true]) {
      expectMalformed(field(2, 'layer', bad), 'gadgets[2].layer must be a non-negative integer');
      expectMalformed(field(2, 'row', bad), 'gadgets[2].row must be a non-negative integer');
      expectMalformed(field(2, 'col', bad), 'gadgets[2].col must be a non-negative integer');
    }
  });

  it('gadget sides: object, unit, exact u and v; the stated error', () => {
    const c = genuine('shared');
    const g = c.gadgets[4]!;
    const w = where(g);
    const side = (name: 'plus' | 'minus', key: string | null, value: unknown): unknown => {
      const d = genuine('shared');
      if (key === null) at(d, 'gadgets', 4)[name] = value;
      else at(d, 'gadgets', 4, name)[key] = value;
      return d;
    };
    expectMalformed(side('plus', null, null), `${w}.plus must be an object`);
    expectMalformed(side('minus', null, [1]), `${w}.minus must be an object`);
    expectMalformed(side('plus', 'unit', -1), `${w}.plus.unit must be a non-negative integer`);
    expectMalformed(side('minus', 'unit', '3'), `${w}.minus.unit must be a non-negative integer`);
    expectMalformed(side('minus', 'unit', 0.5), `${w}.minus.unit must be a non-negative integer`);
    expectMalformed(side('plus', 'u', 0.5), `${w}.plus.u must be an exact number string "p/q"`);
    expectMalformed(side('minus', 'v', 'zz'), `${w}.minus.v: ${parseMessage('zz')}`);
    const e = genuine('shared');
    (e.gadgets[4] as unknown as Loose)['error'] = 0;
    expectMalformed(e, `${w}.error must be an exact number string "p/q"`);
  });

  it('the bound block: object, per-layer entries, exact a, s and total', () => {
    const c = genuine('pair');
    expectMalformed({ ...c, bound: null }, 'bound must be an object');
    expectMalformed({ ...c, bound: { ...c.bound, perLayer: {} } }, 'bound.perLayer must be an array');
    expectMalformed(
      { ...c, bound: { ...c.bound, perLayer: c.bound.perLayer.slice(1) } },
      'bound.perLayer must have 2 entries, has 1',
    );
    expectMalformed(
      { ...c, bound: { ...c.bound, perLayer: [c.bound.perLayer[0], 'x'] } },
      'bound.perLayer[1] must be an object',
    );
    expectMalformed(
      { ...c, bound: { ...c.bound, perLayer: ['x', c.bound.perLayer[1]] } },
      'bound.perLayer[0] must be an object',
    );
    expectMalformed(
      { ...c, bound: { ...c.bound, perLayer: [c.bound.perLayer[0], { ...c.bound.perLayer[1], a: 1 }] } },
      'bound.perLayer[1].a must be an exact number string "p/q"',
    );
    expectMalformed(
      { ...c, bound: { ...c.bound, perLayer: [{ ...c.bound.perLayer[0], s: 1 }, c.bound.perLayer[1]] } },
      'bound.perLayer[0].s must be an exact number string "p/q"',
    );
    expectMalformed({ ...c, bound: { ...c.bound, total: 0.1 } }, 'bound.total must be an exact number string "p/q"');
  });
});

describe('kernel: invalid claims, with exact reasons', () => {
  it('G widths that disagree with the target, layer by layer', () => {
    const c = genuine('pair');
    const widths = (i: number, v: string): unknown => ({
      ...c,
      random: { ...c.random, widths: c.random.widths.map((x, j) => (j === i ? v : x)) },
    });
    expectInvalid(widths(0, '3'), "random.widths disagree with the target's widths at target layer 1");
    expectInvalid(widths(2, '4'), "random.widths disagree with the target's widths at target layer 1");
    expectInvalid(widths(4, '3'), "random.widths disagree with the target's widths at target layer 2");
  });

  it.each(CONSTRUCTIONS)(
    'hidden widths m_i = k_i n_i n_{i-1} (pair) or k_i n_{i-1}, reported with numbers (%s)',
    (construction) => {
      const c = genuine(construction);
      const k1 = BigInt(c.random.pool[0]!);
      const k2 = BigInt(c.random.pool[1]!);
      // target 2 -> 3 -> 2
      const m1 = construction === 'pair' ? k1 * 6n : k1 * 2n;
      const m2 = construction === 'pair' ? k2 * 6n : k2 * 3n;
      expect(c.random.widths).toEqual(['2', m1.toString(), '3', m2.toString(), '2']);
      const w3 = { ...c, random: { ...c.random, widths: ['2', m1.toString(), '3', (m2 + 1n).toString(), '2'] } };
      expectInvalid(
        w3,
        `G layer 3 must have ${m2} units for ${construction} with pool ${k2}, certificate says ${m2 + 1n}`,
      );
      const w1 = { ...c, random: { ...c.random, widths: ['2', (m1 - 1n).toString(), '3', m2.toString(), '2'] } };
      expectInvalid(
        w1,
        `G layer 1 must have ${m1} units for ${construction} with pool ${k1}, certificate says ${m1 - 1n}`,
      );
      const p2 = { ...c, random: { ...c.random, pool: [c.random.pool[0], (k2 + 1n).toString()] } };
      const m2b = construction === 'pair' ? (k2 + 1n) * 6n : (k2 + 1n) * 3n;
      expectInvalid(
        p2,
        `G layer 3 must have ${m2b} units for ${construction} with pool ${k2 + 1n}, certificate says ${m2}`,
      );
    },
  );

  it('G layers are addressable up to 2^53 - 1 units, not beyond', () => {
    for (const construction of ['pair', 'shared'] as const) {
      // a 1 -> 1 -> 1 target: every pool starts at unit 0, so a huge pool changes nothing else
      const c = genuine(construction, [1, 1, 1]);
      const withPool = (layer: 0 | 1, k: bigint): unknown => {
        const pool = [...c.random.pool];
        const widths = [...c.random.widths];
        pool[layer] = k.toString();
        widths[2 * layer + 1] = k.toString();
        return { ...c, width: 'custom', random: { ...c.random, pool, widths } };
      };
      const max = BigInt(Number.MAX_SAFE_INTEGER);
      expectAccept(withPool(1, max));
      expectAccept(withPool(0, max));
      expectInvalid(withPool(1, max + 1n), 'G layer 3 exceeds the 2^53 addressable units');
      expectInvalid(withPool(0, max + 1n), 'G layer 1 exceeds the 2^53 addressable units');
    }
  });

  it('eps > 0, 0 < delta < 1, eta > 0: rejected exactly at the boundary, accepted just inside', () => {
    const c = genuine('shared');
    expectInvalid({ ...c, eps: '0' }, 'eps must be > 0, got 0');
    expectInvalid({ ...c, eps: '-1/2' }, 'eps must be > 0, got -1/2');
    expectInvalid({ ...c, delta: '0' }, 'delta must be in (0, 1), got 0');
    expectInvalid({ ...c, delta: '-1/3' }, 'delta must be in (0, 1), got -1/3');
    expectInvalid({ ...c, delta: '1' }, 'delta must be in (0, 1), got 1');
    expectInvalid({ ...c, delta: '3/2' }, 'delta must be in (0, 1), got 3/2');
    expectInvalid({ ...c, eta: '0' }, 'eta must be > 0, got 0');
    expectInvalid({ ...c, eta: '-1' }, 'eta must be > 0, got -1');
    // delta changes the stated pools: accepted with a custom width
    expectAccept({ ...c, width: 'custom', delta: '999999/1000000' });
    expectAccept({ ...c, width: 'custom', delta: '1e-300' });
    // a tiny eta is a well-formed claim that the qualifying rule then fails
    expect(rejected({ ...c, width: 'custom', eta: '1e-30' }).reason).toMatch(
      /^gadget \(layer 1, row 0, col 0\): the plus side breaks the shared rule at eta = 1\.0000000e-30: \|u - 1\| = /,
    );
    // a tiny positive eps is a well-formed claim that the bound then fails
    expect(rejected({ ...c, eps: '1e-30' }).reason).toMatch(/^the Lemma 4 bound .* exceeds eps = 1\.0000000e-30/);
  });

  it('depth must be 2l', () => {
    const c = genuine('pair');
    expectInvalid({ ...c, depth: 3 }, 'depth must be 2l = 4, certificate says 3');
    expectInvalid({ ...c, depth: '4' }, 'depth must be 2l = 4, certificate says "4"');
    expectInvalid({ ...c, depth: undefined }, 'depth must be 2l = 4, certificate says undefined');
    const d = genuine('pair', [1, 1, 1, 1]);
    expectInvalid({ ...d, depth: 4 }, 'depth must be 2l = 6, certificate says 4');
  });

  it("hypothesis H' is checked against the target; H is not needed by the kernel's bound", () => {
    const c = genuine('product');
    expect(checkHPrime(generateTarget([2, 3, 2], 'kernel')).holds).toBe(false);
    expectInvalid({ ...c, hypothesis: "H'" }, "the certificate claims hypothesis H' but the target violates it");
    const h = genuine('product', [2, 3, 2], true);
    expect(h.hypothesis).toBe("H'");
    expectAccept(h);
    // generated targets satisfy H too, but the H pools of product are not the H' ones
    expectAccept({ ...h, hypothesis: 'H', width: 'custom' });
    expect(rejected({ ...h, hypothesis: 'H' }).reason).toMatch(
      /^random\.pool\[0\] = \d+ is not the stated pool \d+ of product \(hypothesis H\)/,
    );
  });

  it('gadget addresses: layer in 1..l, row < n_i, col < n_{i-1}', () => {
    // target 2 -> 3 -> 2: layer 1 is 3 x 2, layer 2 is 2 x 3
    const cases: [number, number, number][] = [
      [0, 0, 0],
      [3, 0, 0],
      [1, 3, 0],
      [1, 0, 2],
      [2, 2, 0],
      [2, 0, 3],
      [1, 3, 2],
    ];
    for (const [layer, row, col] of cases) {
      const c = genuine('pair');
      const g = c.gadgets[5]!;
      Object.assign(g, { layer, row, col });
      expectInvalid(c, `gadget (layer ${layer}, row ${row}, col ${col}) addresses no target weight`);
    }
  });

  it('a duplicated gadget and a missing gadget are named', () => {
    const c = genuine('pair');
    expectInvalid({ ...c, gadgets: [...c.gadgets, c.gadgets[7]] }, `${where(c.gadgets[7]!)} appears twice`);
    for (const [layer, row, col] of [
      [1, 0, 0],
      [1, 0, 1],
      [1, 1, 0],
      [1, 2, 1],
      [2, 0, 0],
      [2, 1, 2],
    ] as const) {
      const d = genuine('pair');
      d.gadgets = d.gadgets.filter((g) => !(g.layer === layer && g.row === row && g.col === col));
      expect(d.gadgets.length).toBe(11);
      expectInvalid(d, `no gadget for target weight (layer ${layer}, row ${row}, col ${col})`);
    }
  });

  it.each(CONSTRUCTIONS)('pool membership of every unit: [start, start + k) exactly (%s)', (construction) => {
    // gadget (layer 1, row 1, col 1) of a 2 -> 3 -> 2 target
    const base = genuine(construction);
    const k = Number(base.random.pool[0]);
    const start = construction === 'pair' ? (1 * 2 + 1) * k : 1 * k;
    for (const side of ['plus', 'minus'] as const) {
      for (const unit of [start, start + k - 1]) {
        const c = genuine(construction);
        const g = gadgetAt(c, 1, 1, 1);
        const other = side === 'plus' ? g.minus.unit : g.plus.unit;
        if (unit === other) continue;
        relocate(c, g, side, unit);
        expectAcceptRelocated(c, g, side);
      }
      for (const unit of [start - 1, start + k, start + 2 * k, 0]) {
        const c = genuine(construction);
        const g = gadgetAt(c, 1, 1, 1);
        relocate(c, g, side, unit);
        expectInvalid(
          c,
          `${where(g)}: ${side} unit ${unit} is outside its pool [${start}, ${start + k}) (${construction})`,
        );
      }
    }
  });

  it('pool starts of the second layer: pair (r n_1 + j) k_2, shared and product j k_2', () => {
    for (const construction of CONSTRUCTIONS) {
      const base = genuine(construction);
      const k = Number(base.random.pool[1]);
      const start = construction === 'pair' ? (1 * 3 + 2) * k : 2 * k;
      const c = genuine(construction);
      const g = gadgetAt(c, 2, 1, 2);
      relocate(c, g, 'plus', start + k);
      expectInvalid(
        c,
        `${where(g)}: plus unit ${start + k} is outside its pool [${start}, ${start + k}) (${construction})`,
      );
      const d = genuine(construction);
      const h = gadgetAt(d, 2, 1, 2);
      relocate(d, h, 'minus', start + 1 === h.plus.unit ? start + 2 : start + 1);
      expectAcceptRelocated(d, h, 'minus');
    }
  });

  it('kept weights must equal G at their addresses, reported with both values and the difference', () => {
    const c = genuine('shared');
    const g = gadgetAt(c, 2, 1, 2);
    const u = Rational.parse(g.plus.u);
    g.plus.u = u.add(ulp).toString();
    expectInvalid(
      c,
      `${where(g)}: plus.u = ${u.add(ulp)} but G[3][${g.plus.unit}][2] = ${u} (differs by 1/9007199254740992)`,
    );
    const d = genuine('shared');
    const h = gadgetAt(d, 2, 1, 2);
    const v = Rational.parse(h.minus.v);
    h.minus.v = v.sub(ulp).toString();
    expectInvalid(
      d,
      `${where(h)}: minus.v = ${v.sub(ulp)} but G[4][1][${h.minus.unit}] = ${v} (differs by -1/9007199254740992)`,
    );
    const e = genuine('pair');
    const f = gadgetAt(e, 1, 2, 0);
    const v1 = Rational.parse(f.plus.v);
    f.plus.v = v1.add(ulp).toString();
    expectInvalid(
      e,
      `${where(f)}: plus.v = ${v1.add(ulp)} but G[2][2][${f.plus.unit}] = ${v1} (differs by 1/9007199254740992)`,
    );
  });

  it('plus and minus on the same unit (with the true weights there)', () => {
    const c = genuine('product');
    const g = gadgetAt(c, 2, 0, 1);
    g.minus = { ...g.plus };
    expectInvalid(c, `${where(g)}: plus and minus use the same unit ${g.plus.unit}`);
  });

  it('the stated error must equal the exact error, not merely bound it', () => {
    for (const construction of CONSTRUCTIONS) {
      const c = genuine(construction);
      const g = gadgetAt(c, 1, 2, 1);
      const e = Rational.parse(g.error);
      const w = Rational.parse(c.target.layers[0]![2]![1]!);
      expect(errorOf(w, g)).toEqualRational(e);
      g.error = e.add(ulp).toString();
      expectInvalid(c, `${where(g)}: stated error ${e.add(ulp)} but the exact error is ${e}`);
      g.error = '0';
      expectInvalid(c, `${where(g)}: stated error 0 but the exact error is ${e}`);
    }
  });

  it('the active-weight count is exact', () => {
    for (const construction of CONSTRUCTIONS) {
      const c = genuine(construction);
      expect(c.activeWeights).toBe(activeOf(c));
      if (construction === 'pair') expect(c.activeWeights).toBe(48);
      expectInvalid(
        { ...c, activeWeights: c.activeWeights + 1 },
        `activeWeights must be ${c.activeWeights}, certificate says ${c.activeWeights + 1}`,
      );
      expectInvalid(
        { ...c, activeWeights: String(c.activeWeights) },
        `activeWeights must be ${c.activeWeights}, certificate says "${c.activeWeights}"`,
      );
    }
  });

  it('per-layer figures: the layer number, and a and s never below the recomputed ones', () => {
    const c = genuine('pair');
    const pl = c.bound.perLayer;
    expect(pl.map((b) => b.layer)).toEqual([1, 2]);
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [pl[0], { ...pl[1], layer: 1 }] } },
      'bound.perLayer[1].layer must be 2',
    );
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [{ ...pl[0], layer: '1' }, pl[1]] } },
      'bound.perLayer[0].layer must be 1',
    );
    const a2 = Rational.parse(pl[1]!.a);
    const low = a2.sub(Rational.dyadic(1n, -200));
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [pl[0], { ...pl[1], a: low.toString() }] } },
      `layer 2: stated a = ${low.toScientific(8)} is below the recomputed ${a2.toScientific(8)}`,
    );
    const a1 = Rational.parse(pl[0]!.a);
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [{ ...pl[0], a: '0' }, pl[1]] } },
      `layer 1: stated a = 0 is below the recomputed ${a1.toScientific(8)}`,
    );
    // generated targets satisfy H, so s = 1 exactly
    expect(pl.map((b) => b.s)).toEqual(['1', '1']);
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [pl[0], { ...pl[1], s: '1/2' }] } },
      `layer 2: stated s = 5.0000000e-1 is below the recomputed ${Rational.ONE.toScientific(8)}`,
    );
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [{ ...pl[0], s: '0' }, pl[1]] } },
      `layer 1: stated s = 0 is below the recomputed ${Rational.ONE.toScientific(8)}`,
    );
    // stated figures above the recomputed ones are fine, and do not change the kernel's bound
    const up = checkCertificate({
      ...c,
      bound: { perLayer: pl.map((b) => ({ ...b, a: '1/3', s: '2' })), total: '1/2' },
    });
    expect(up.verdict).toBe('ACCEPT');
    if (up.verdict === 'ACCEPT') expect(up.bound.toString()).toBe(c.bound.total);
  });

  it('the stated total may not be below the Lemma 4 bound; the bound may equal eps but not exceed it', () => {
    for (const construction of CONSTRUCTIONS) {
      const c = genuine(construction);
      const D = Rational.parse(c.bound.total);
      // the chain recomputed from the (genuine) per-layer figures
      let B = Rational.ONE;
      let Dc = Rational.ZERO;
      for (const b of c.bound.perLayer) {
        const a = Rational.parse(b.a);
        const s = Rational.parse(b.s);
        Dc = s.mul(Dc).add(a.mul(B.add(Dc)));
        B = s.mul(B);
      }
      expect(Dc).toEqualRational(D);
      const tiny = Rational.dyadic(1n, -300);
      const lower = D.sub(tiny);
      expectInvalid(
        { ...c, bound: { ...c.bound, total: lower.toString() } },
        `stated bound ${lower.toScientific(8)} is below the recomputed ${D.toScientific(8)} (by ${tiny.toScientific(4)})`,
      );
      // eps exactly at the bound: ACCEPT; one tiny step below: REJECT with both numbers
      const atEps = checkCertificate({ ...c, width: 'custom', eps: D.toString() });
      expect(atEps.verdict).toBe('ACCEPT');
      const below = D.sub(tiny);
      expectInvalid(
        { ...c, eps: below.toString() },
        `the Lemma 4 bound ${D.toScientific(8, 'floor')} exceeds eps = ${below.toScientific(8)} (by ${tiny.toScientific(4)})`,
      );
      const half = D.div(Rational.of(2));
      expectInvalid(
        { ...c, eps: half.toString() },
        `the Lemma 4 bound ${D.toScientific(8, 'floor')} exceeds eps = ${half.toScientific(8)} (by ${half.toScientific(4)})`,
      );
    }
  });
});

describe('kernel: ACCEPT figures', () => {
  it.each(CONSTRUCTIONS)('bound, eps, gadget count, active weights and depth (%s)', (construction) => {
    for (const shape of [
      [2, 3, 2],
      [1, 1],
      [1, 2, 1, 1],
    ]) {
      const c = genuine(construction, shape);
      const v = checkCertificate(c);
      expect(v.verdict).toBe('ACCEPT');
      if (v.verdict !== 'ACCEPT') return;
      const l = shape.length - 1;
      let nw = 0;
      for (let i = 1; i <= l; i++) nw += shape[i]! * shape[i - 1]!;
      expect(v.bound.toString()).toBe(c.bound.total);
      expect(v.bound).toBeLessOrEqual(Rational.parse('1/2'));
      expect(v.bound.sign()).toBe(1);
      expect(v.eps.toString()).toBe('1/2');
      expect(v.gadgets).toBe(nw);
      expect(v.activeWeights).toBe(activeOf(c));
      if (construction === 'pair') expect(v.activeWeights).toBe(4 * nw);
      expect(v.depth).toBe(2 * l);
    }
  });

  it('the kernel reads only the certificate: key order and extra provenance do not matter', () => {
    const c = genuine('shared');
    const reordered = Object.fromEntries(Object.entries(c).reverse());
    expectAccept(reordered);
    expectAccept({ ...c, provenance: { slth: 'other', command: 'hand-written' } });
    // eta is checked against the stated one unless the width is custom
    expectAccept({ ...c, width: 'custom', eta: '1' });
  });
});

describe('kernel: the verdict classification contract', () => {
  const throwing = (error: Error, key: string): unknown => {
    const c = genuine('pair');
    return new Proxy(c, {
      get(t, p, r) {
        if (p === key) throw error;
        return Reflect.get(t, p, r) as unknown;
      },
    });
  };

  it('an input error raised while reading the document is a malformed REJECT', () => {
    expectMalformed(throwing(new InputError('unreadable random block'), 'random'), 'unreadable random block');
    expectMalformed(throwing(new InputError('unreadable bound'), 'bound'), 'unreadable bound');
  });

  it('any other exception is a bug, not a verdict: it propagates', () => {
    expect(() => checkCertificate(throwing(new TypeError('boom'), 'random'))).toThrow(TypeError);
    const c = genuine('pair');
    const target = new Proxy(c.target, {
      get() {
        throw new RangeError('target exploded');
      },
      has() {
        throw new RangeError('target exploded');
      },
      ownKeys() {
        throw new RangeError('target exploded');
      },
      getPrototypeOf() {
        throw new RangeError('target exploded');
      },
    });
    expect(() => checkCertificate({ ...c, target })).toThrow(RangeError);
  });
});
