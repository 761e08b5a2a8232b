/**
 * The kernel vouches for every label it prints: width label, hypothesis, the construction's
 * qualifying rule, eps and the stated figures; and it refuses what it cannot read or decide within
 * its caps. Exact reasons, every inequality probed at its boundary, ACCEPT figures compared with
 * independently computed ones.
 */
import { describe, expect, it } from 'vitest';
import type { CertificateDoc } from '../../src/certificate/format.js';
import { certify } from '../../src/constructions/certify.js';
import { RULES } from '../../src/constructions/rules.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { type ConstructionName } from '../../src/theory/construction-name.js';
import { checkCertificate, type KernelVerdict } from '../../src/kernel/check.js';
import {
  EPS_MAX,
  GRAM_MAX_PRODUCTS,
  MAX_CERTIFICATE_BYTES,
  MAX_CERTIFICATE_DEPTH,
  MAX_DEN_BITS,
  MAX_EXACT_CHARS,
  MAX_EXPONENT,
  MAX_NUMBER_CHARS,
  MAX_TARGET_DEN_BITS,
  PSD_MAX_COST,
  PSD_MAX_DEN_BITS,
} from '../../src/kernel/limits.js';
import { CERTIFICATE_JSON_LIMITS, parseCertificateText } from '../../src/kernel/read.js';
import { generateTarget } from '../../src/network/generate.js';
import { networkToJson } from '../../src/network/json.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { weight } from '../../src/random/scheme.js';
import { DELTA } from '../constructions/_fixtures.js';

const cache = new Map<string, CertificateDoc>();
function genuine(
  construction: ConstructionName,
  shape: readonly number[] = [2, 2, 1],
  opts: { hprime?: boolean; pool?: bigint; eps?: string } = {},
): CertificateDoc {
  const key = `${construction}/${shape.join(',')}/${JSON.stringify(opts, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`;
  let c = cache.get(key);
  if (c === undefined) {
    const hprime = opts.hprime === true;
    const target = generateTarget(shape, 'labels', { hprime });
    const eps = Rational.parse(opts.eps ?? '1/4');
    const out = certify({ target, seed: 'lb', eps, delta: DELTA, construction, hprime, pool: opts.pool });
    if (out.certificate === null) throw new Error('test setup: construction failed');
    c = out.certificate;
    cache.set(key, c);
  }
  return JSON.parse(JSON.stringify(c)) as CertificateDoc;
}
function certificateOf(construction: ConstructionName, target: Network, eps: string, hprime = false): CertificateDoc {
  const out = certify({ target, seed: 'lb', eps: Rational.parse(eps), delta: DELTA, construction, hprime });
  if (out.certificate === null) throw new Error('test setup: construction failed');
  return out.certificate;
}

function rejected(doc: unknown): { kind: string; reason: string } {
  const v = checkCertificate(doc);
  if (v.verdict !== 'REJECT') throw new Error(`expected REJECT, got ACCEPT with bound ${v.bound.toString()}`);
  return { kind: v.kind, reason: v.reason };
}
function accepted(doc: unknown): Extract<KernelVerdict, { verdict: 'ACCEPT' }> {
  const v = checkCertificate(doc);
  if (v.verdict !== 'ACCEPT') throw new Error(`expected ACCEPT, got REJECT (${v.kind}): ${v.reason}`);
  return v;
}
const expectMalformed = (doc: unknown, reason: string): void =>
  expect(rejected(doc)).toEqual({ kind: 'malformed', reason });
const expectInvalid = (doc: unknown, reason: string): void =>
  expect(rejected(doc)).toEqual({ kind: 'invalid', reason });
const where = (g: { layer: number; row: number; col: number }): string =>
  `gadget (layer ${g.layer}, row ${g.row}, col ${g.col})`;
/** Odd number of set bits: the sign of the Sylvester-Hadamard entry (r, j) is (-1)^popcount(r & j). */
function popParity(x: number): boolean {
  let odd = false;
  for (let y = x; y > 0; y >>= 1) if (y & 1) odd = !odd;
  return odd;
}
const CUSTOM = 'a certificate at another width says "width": "custom"';

describe('the caps are the documented ones', () => {
  it('limits and the strict-JSON caps of a certificate', () => {
    expect(MAX_CERTIFICATE_BYTES).toBe(67_108_864);
    expect(CERTIFICATE_JSON_LIMITS).toEqual({
      maxBytes: MAX_CERTIFICATE_BYTES,
      maxDepth: 16,
      maxStringLength: 20_000,
      maxNumberLength: 32,
    });
    expect([MAX_CERTIFICATE_DEPTH, MAX_EXACT_CHARS, MAX_NUMBER_CHARS, MAX_EXPONENT]).toEqual([16, 20_000, 32, 400]);
    expect([MAX_TARGET_DEN_BITS, MAX_DEN_BITS, PSD_MAX_DEN_BITS, EPS_MAX]).toEqual([1024, 1152, 4096, 1_000_000]);
    expect([PSD_MAX_COST, GRAM_MAX_PRODUCTS]).toEqual([2.5e13, 16_777_216]);
  });

  it('parseCertificateText: strict JSON within the caps, messages starting with the source', () => {
    const c = genuine('pair');
    expect(parseCertificateText(JSON.stringify(c), 'c.json')).toEqual(c);
    expect(() => parseCertificateText('{"eps": "1", "eps": "2"}', 'c.json')).toThrow(
      'c.json: duplicate key "eps" at $.eps (line 1, column 14)',
    );
    expect(() => parseCertificateText('{"eps": "1", "eps": "2"}')).toThrow(/^certificate: duplicate key/);
    const nest = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(parseCertificateText(nest(16))).toBeInstanceOf(Array);
    expect(() => parseCertificateText(nest(17))).toThrow(/nesting deeper than 16 arrays and objects/);
    expect(parseCertificateText(JSON.stringify('x'.repeat(20_000)))).toHaveLength(20_000);
    expect(() => parseCertificateText(JSON.stringify('x'.repeat(20_001)))).toThrow(/a string longer than 20000/);
    expect(parseCertificateText(`1${'0'.repeat(31)}`)).toBe(1e31);
    expect(() => parseCertificateText(`1${'0'.repeat(32)}`)).toThrow(/a number literal longer than 32/);
  });
});

describe('the width label', () => {
  it('"stated" (the default when absent) or "custom"; anything else is malformed', () => {
    const c = genuine('pair');
    expect(c.width).toBe('stated');
    expect(accepted(c).width).toBe('stated');
    const { width: _w, ...absent } = c;
    expect(accepted(absent).width).toBe('stated');
    expect(accepted({ ...c, width: 'custom' }).width).toBe('custom');
    expectMalformed({ ...c, width: 'STATED' }, 'width must be "stated" or "custom", got "STATED"');
    expectMalformed({ ...c, width: null }, 'width must be "stated" or "custom", got null');
    expectMalformed({ ...c, width: 1 }, 'width must be "stated" or "custom", got 1');
    expectMalformed({ ...c, width: ['stated'] }, 'width must be "stated" or "custom", got an array');
  });

  it('the producer writes "stated" exactly when eta and every pool are the stated ones', () => {
    expect(genuine('shared', [2, 2, 1], { pool: 40000n }).width).toBe('custom');
    const k = statedWidth({ widths: [2, 2, 1], eps: Rational.parse('1/4'), delta: DELTA, construction: 'shared' }).pool;
    expect(genuine('shared', [2, 2, 1], { pool: k[0] }).width).toBe('stated');
  });

  it('ACCEPT says whether the pools are at the stated width, and gives the stated pools', () => {
    for (const construction of ['pair', 'shared', 'product'] as const) {
      const c = genuine(construction);
      const st = statedWidth({ widths: [2, 2, 1], eps: Rational.parse('1/4'), delta: DELTA, construction });
      const v = accepted(c);
      expect(v).toMatchObject({ construction, hypothesis: 'H', width: 'stated', atStatedWidth: true, gadgets: 6 });
      expect(v.statedPool).toEqual(st.pool);
      expect(v.delta.eq(DELTA)).toBe(true);
      expect(v.eps.toString()).toBe('1/4');
      // custom label on a run at the stated width: still at the stated width
      expect(accepted({ ...c, width: 'custom' }).atStatedWidth).toBe(true);
      // a custom eta: not at the stated width (eta larger than stated still qualifies every gadget)
      const e = accepted({ ...c, width: 'custom', eta: Rational.parse(c.eta).mul(Rational.of(2)).toString() });
      expect([e.atStatedWidth, e.statedPool]).toEqual([false, st.pool]);
    }
    const under = genuine('pair', [2, 2, 1], { pool: 20000n });
    const u = accepted(under);
    expect([u.width, u.atStatedWidth]).toEqual(['custom', false]);
    // no stated width at all for delta < 1e-300
    const c = genuine('pair');
    const none = accepted({ ...c, width: 'custom', delta: '1e-301' });
    expect([none.atStatedWidth, none.statedPool]).toEqual([false, null]);
    expect(none.delta.toString()).toBe(Rational.parse('1e-301').toString());
  });

  it('a "stated" label is checked: eta, then the first pool that differs, or there is no stated width', () => {
    const c = genuine('pair');
    const eta = Rational.parse(c.eta);
    const up = eta.add(Rational.dyadic(1n, -64));
    expectInvalid(
      { ...c, eta: up.toString() },
      `eta = ${up} is not the stated eta ${eta} of pair for eps = 1/4 and target widths 2,2,1; ${CUSTOM}`,
    );
    expectInvalid(
      { ...c, delta: '1e-301' },
      `there is no stated width for eps = 2.5000000e-1, delta = 1.0000000e-301 (slth construct accepts 1e-30 <= eps <= 1e6, 1e-300 <= delta < 1); ${CUSTOM}`,
    );
    const d = Rational.parse('1/1000');
    const st = statedWidth({ widths: [2, 2, 1], eps: Rational.parse('1/4'), delta: d, construction: 'pair' });
    expectInvalid(
      { ...c, delta: '1/1000' },
      `random.pool[0] = ${c.random.pool[0]} is not the stated pool ${st.pool[0]} of pair (hypothesis H) for eps = 1/4, delta = 1/1000 and target widths 2,2,1; ${CUSTOM}`,
    );
    // only the second pool differs: a 1 -> 1 second layer keeps its only pool at [0, k)
    const two = genuine('shared', [2, 1, 1]);
    const k2 = BigInt(two.random.pool[1] as string) + 1000n;
    const widths = [...two.random.widths];
    widths[3] = k2.toString();
    const moved = { ...two, random: { ...two.random, pool: [two.random.pool[0], k2.toString()], widths } };
    expect(rejected(moved).reason).toMatch(
      new RegExp(
        `^random\\.pool\\[1\\] = ${k2} is not the stated pool ${two.random.pool[1]} of shared \\(hypothesis H\\)`,
      ),
    );
    expect(accepted({ ...moved, width: 'custom' }).atStatedWidth).toBe(false);
  });
});

describe('eps and the stated figures', () => {
  it('eps up to 10^6 (what construct accepts), not beyond', () => {
    const c = genuine('shared');
    expect(accepted({ ...c, width: 'custom', eps: '1000000' }).eps.toString()).toBe('1000000');
    const above = Rational.of(1_000_000).add(Rational.dyadic(1n, -100));
    expectInvalid(
      { ...c, width: 'custom', eps: above.toString() },
      'eps = 1.0000000e6 is above 1000000, the largest eps slth construct accepts',
    );
    expectInvalid({ ...c, eps: '1e7' }, 'eps = 1.0000000e7 is above 1000000, the largest eps slth construct accepts');
  });

  it('no stated a_i above eps (the layer named), nor a stated total above eps; both may equal it', () => {
    const c = genuine('pair');
    const eps = Rational.parse(c.eps);
    const a = (i: number, v: string): CertificateDoc => ({
      ...c,
      bound: { ...c.bound, perLayer: c.bound.perLayer.map((b, x) => (x === i ? { ...b, a: v } : b)) },
    });
    accepted(a(0, c.eps));
    accepted(a(1, c.eps));
    const hair = eps.add(Rational.dyadic(1n, -200)).toString();
    expectInvalid(a(1, hair), 'layer 2: stated a = 2.5000000e-1 exceeds eps = 2.5000000e-1 (no stated figure may)');
    expectInvalid(a(0, '1'), 'layer 1: stated a = 1.0000000e0 exceeds eps = 2.5000000e-1 (no stated figure may)');
    accepted({ ...c, bound: { ...c.bound, total: c.eps } });
    expectInvalid(
      { ...c, bound: { ...c.bound, total: hair } },
      'stated bound 2.5000000e-1 exceeds eps = 2.5000000e-1 (no stated figure may)',
    );
    // the Lemma 4 bound comes first
    expect(rejected({ ...a(0, '1'), eps: '1e-9', width: 'custom' }).reason).toMatch(/^the Lemma 4 bound /);
  });
});

describe('the hypothesis, decided exactly', () => {
  it("H': |w| = 1/sqrt(n_{i-1}) exactly is allowed, a hair above is not", () => {
    const c = genuine('product', [4, 2, 1], { hprime: true });
    expect(c.hypothesis).toBe("H'");
    accepted(c);
    const at = (w: string): CertificateDoc => {
      const d = JSON.parse(JSON.stringify(c)) as CertificateDoc;
      (d.target.layers[0] as string[][])[1]![3] = w;
      return d;
    };
    // 1/2 = 1/sqrt(4): H' holds, so the kernel goes on (and finds the gadget's error changed)
    expect(rejected(at('-1/2')).reason).toMatch(/^gadget \(layer 1, row 1, col 3\): stated error /);
    const above = Rational.of(1, 2).add(Rational.dyadic(1n, -300));
    expectInvalid(at(above.toString()), "the certificate claims hypothesis H' but the target violates it");
  });

  it("under H' a layer with ||W||_2 > 1 gets s = its certified norm bound", () => {
    const half = Rational.of(1, 2);
    const target: Network = {
      layers: [Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => half)), [[half, half, half, half]]],
    };
    const c = certificateOf('product', target, '1000', true);
    expect(c.hypothesis).toBe("H'");
    expect(c.bound.perLayer.map((b) => b.s)).toEqual(['2', '1']);
    accepted(c);
    expectInvalid(
      { ...c, bound: { ...c.bound, perLayer: [{ ...c.bound.perLayer[0]!, s: '1' }, c.bound.perLayer[1]] } },
      'layer 1: stated s = 1.0000000e0 is below the recomputed 2.0000000e0',
    );
    expectInvalid(
      { ...c, hypothesis: 'H' },
      'the certificate claims hypothesis H but the target violates it: ||W_1||_2 > 1',
    );
  });

  it('H through the exact test: decided once per layer, its cost charged once', () => {
    // 16 x 16 Sylvester-Hadamard times (1/4 - 2^-2000): ||W||_2 < 1, both cheap bounds about 4, and
    // the exact test costs 16^5 * 4009^2 = 1.7e13: within the cap once, not twice
    const c = Rational.of(1, 4).sub(Rational.dyadic(1n, -2000));
    const layer = Array.from({ length: 16 }, (_, r) =>
      Array.from({ length: 16 }, (_, j) => (popParity(r & j) ? c.neg() : c)),
    );
    const cert = certificateOf('pair', { layers: [layer] }, '1000');
    expect(cert.hypothesis).toBe('H');
    const v = accepted(cert);
    expect(v.gadgets).toBe(256);
  });

  it('beyond the cost cap the kernel refuses to decide (kind undecidable, the layer named)', () => {
    // 16 x 16 Sylvester-Hadamard times (1/4 - 2^-2600): 16^5 * 5209^2 = 2.85e13 is beyond the cap
    const c = Rational.of(1, 4).sub(Rational.dyadic(1n, -2600));
    const layer = Array.from({ length: 16 }, (_, r) =>
      Array.from({ length: 16 }, (_, j) => (popParity(r & j) ? c.neg() : c)),
    );
    const base = genuine('pair', [1, 1]);
    const k = BigInt(base.random.pool[0] as string);
    const doc = {
      ...base,
      target: networkToJson({ layers: [layer] }),
      random: { ...base.random, widths: ['16', (k * 256n).toString(), '16'] },
    };
    const v = rejected(doc);
    expect(v.kind).toBe('undecidable');
    expect(v.reason).toMatch(
      /^layer 1: the exact test of \|\|W\|\|_2 <= 1 on a 16 x 16 layer \(n = 16, 5209-bit integers\) costs n\^5 beta\^2 = 2\.85e\+13, beyond the 2\.50e\+13 left/,
    );
  });
});

describe('the qualifying rule of the construction, at eta', () => {
  it('each side, in order plus then minus, with the broken inequality', () => {
    // a shared certificate relabelled product: the first side the constructions' product rule refuses
    const c = genuine('shared');
    const eta = Rational.parse(c.eta);
    let expected = '';
    for (const g of c.gadgets) {
      const w = Rational.parse(c.target.layers[g.layer - 1]![g.row]![g.col]!);
      for (const side of ['plus', 'minus'] as const) {
        const u = Rational.parse(g[side].u);
        const v = Rational.parse(g[side].v);
        const ok = side === 'plus' ? RULES.product.plusExact(u, v, w, eta) : RULES.product.minusExact(u, v, w, eta);
        if (ok || expected !== '') continue;
        const sign = side === 'plus' ? u.sign() > 0 : u.sign() < 0;
        const why = sign
          ? `|u v - w| = ${u.mul(v).sub(w).abs().toScientific(8, 'floor')} > eta`
          : `u = ${u.toScientific(8)} is not ${side === 'plus' ? '> 0' : '< 0'}`;
        expected = `${where(g)}: the ${side} side breaks the product rule at eta = ${eta.toScientific(8)}: ${why}`;
      }
    }
    expect(expected).not.toBe('');
    expectInvalid({ ...c, construction: 'product', width: 'custom' }, expected);
    // the minus side alone: move its unit to one with u > 0 under the product rule
    const p = genuine('product', [1, 1]);
    const h = p.gadgets[0]!;
    let unit = h.plus.unit + 1;
    while (unit === h.plus.unit || weight(p.random.seed, 1, unit, 0).sign() <= 0) unit++;
    const u = weight(p.random.seed, 1, unit, 0);
    const v = weight(p.random.seed, 2, 0, unit);
    const wq = Rational.parse(p.target.layers[0]![0]![0]!);
    const pos = (x: Rational): Rational => (x.sign() > 0 ? x : Rational.ZERO);
    const neg = (x: Rational): Rational => (x.sign() < 0 ? x.neg() : Rational.ZERO);
    const up = Rational.parse(h.plus.u);
    const vp = Rational.parse(h.plus.v);
    const e = Rational.max(
      vp
        .mul(pos(up))
        .add(v.mul(pos(u)))
        .sub(wq)
        .abs(),
      vp
        .mul(neg(up))
        .add(v.mul(neg(u)))
        .add(wq)
        .abs(),
    );
    const moved = {
      ...p,
      width: 'custom',
      eta: '1000000',
      eps: '1000000',
      activeWeights: 4,
      gadgets: [{ ...h, minus: { unit, u: u.toString(), v: v.toString() }, error: e.toString() }],
      bound: { perLayer: [{ layer: 1, a: '1000000', s: '1' }], total: '1000000' },
    };
    expectInvalid(
      moved,
      `${where(h)}: the minus side breaks the product rule at eta = 1.0000000e6: u = ${u.toScientific(8)} is not < 0`,
    );
  });
});

describe('exact numbers within their caps', () => {
  it('length: 20000 characters, not one more (target weights and other fields alike)', () => {
    const c = genuine('pair', [1, 1]);
    const pad = (s: string, n: number): string =>
      s.startsWith('-') ? `-${'0'.repeat(n - s.length)}${s.slice(1)}` : `${'0'.repeat(n - s.length)}${s}`;
    const total = c.bound.total;
    accepted({ ...c, bound: { ...c.bound, total: pad(total, 20_000) } });
    expectMalformed(
      { ...c, bound: { ...c.bound, total: pad(total, 20_001) } },
      'bound.total: an exact number of 20001 characters (at most 20000)',
    );
    const w = c.target.layers[0]![0]![0]!;
    const t = (x: string): unknown => ({ ...c, target: { ...c.target, layers: [[[x]]] } });
    accepted(t(pad(w, 20_000)));
    expectMalformed(
      t(pad(w, 20_001)),
      'target: layer 1 row 0 column 0: an exact number of 20001 characters (at most 20000)',
    );
    // shapes the pre-scan skips are left to the network parser
    expect(rejected(t(7 as unknown as string)).kind).toBe('invalid');
    expectMalformed(
      { ...c, target: { ...c.target, layers: [['x']] } },
      "target: layer 1 row 0 must be an array of weights, got the string 'x'",
    );
    expectMalformed(
      { ...c, target: { ...c.target, layers: ['x'] } },
      "target: layer 1 must be an array of rows, got the string 'x'",
    );
  });

  it('an exponent: at most 400 in absolute value; beyond 100000 the parser refuses', () => {
    const c = genuine('pair', [1, 1]);
    const total = (t: string): unknown => ({ ...c, bound: { ...c.bound, total: t } });
    expect(rejected(total('1e400')).reason).toBe(
      'stated bound 1.0000000e400 exceeds eps = 2.5000000e-1 (no stated figure may)',
    );
    expect(rejected(total('1E+400 ')).reason).toMatch(/^stated bound 1\.0000000e400 exceeds/);
    expectMalformed(total('1e401'), "bound.total: '1e401' has an exponent beyond ±400 (write it as p/q)");
    expectMalformed(total('1E+401 '), "bound.total: '1E+401 ' has an exponent beyond ±400 (write it as p/q)");
    expectMalformed({ ...c, eps: '1e-401' }, "eps: '1e-401' has an exponent beyond ±400 (write it as p/q)");
    expect(rejected({ ...c, eps: '1e-400' }).reason).toBe(
      'eps: a denominator that is not a power of two may have 1152 bits, this one has 1329',
    );
    expectMalformed({ ...c, eta: '1e-100000' }, "eta: '1e-100000' has an exponent beyond ±400 (write it as p/q)");
    // only a trailing exponent counts (this is no number at all)
    expect(rejected({ ...c, eps: '1e999/3' }).reason).toMatch(/^eps: not an exact number: '1e999\/3'/);
    expectMalformed({ ...c, eta: '1e-100001' }, "eta: exponent out of range in '1e-100001' (at most ±100000)");
    const e40 = `1${'0'.repeat(34)}e2000`; // 40 characters, quoted whole
    expect(e40).toHaveLength(40);
    expectMalformed(
      { ...c, bound: { ...c.bound, total: e40 } },
      `bound.total: '${e40}' has an exponent beyond ±400 (write it as p/q)`,
    );
    expectMalformed(
      { ...c, bound: { ...c.bound, total: `${e40}0` } },
      `bound.total: '${e40.slice(0, 40)}...' has an exponent beyond ±400 (write it as p/q)`,
    );
    expectMalformed(
      { ...c, target: { ...c.target, layers: [[['1e-401']]] } },
      "target: layer 1 row 0 column 0: '1e-401' has an exponent beyond ±400 (write it as p/q)",
    );
  });

  it('a denominator that is not a power of two: 1024 bits in a target weight, 1152 elsewhere', () => {
    const c = genuine('pair', [1, 1]);
    const odd = (bits: number): bigint => (1n << BigInt(bits - 1)) + 1n;
    const t = (q: Rational): unknown => ({ ...c, target: { ...c.target, layers: [[[q.toString()]]] } });
    expect(rejected(t(Rational.of(1n, odd(1024)))).kind).toBe('invalid');
    expectMalformed(
      t(Rational.of(1n, odd(1025))),
      'target: layer 1 row 0 column 0: a denominator that is not a power of two may have 1024 bits, this one has 1025',
    );
    // dyadic denominators have no such cap
    expect(rejected(t(Rational.dyadic(1n, -5000))).kind).toBe('invalid');
    // 1/4 + 1/(8 odd): denominator exactly 8 odd
    const eps = (bits: number): unknown => ({
      ...c,
      width: 'custom',
      eps: Rational.of(1, 4)
        .add(Rational.of(1n, 8n * odd(bits)))
        .toString(),
    });
    accepted(eps(1149));
    expectMalformed(eps(1150), 'eps: a denominator that is not a power of two may have 1152 bits, this one has 1153');
  });

  it('messages show short exact numbers in full and long ones by size, and never serialise a value', () => {
    const c = genuine('pair', [1, 1]);
    const big = Rational.dyadic(-(2n ** 300n) - 1n, -200);
    expectInvalid(
      { ...c, eps: big.toString() },
      `eps must be > 0, got ${big.toScientific(8)} (an exact number of 502 bits)`,
    );
    const fits = Rational.dyadic(-(2n ** 198n) - 1n, -199);
    expectInvalid({ ...c, eps: fits.toString() }, `eps must be > 0, got ${fits.toString()}`);
    expectMalformed(
      { ...c, format: 'f'.repeat(100) },
      `format must be "slth-certificate/1", got "${'f'.repeat(40)}"...`,
    );
    expectMalformed(
      { ...c, format: 'f'.repeat(41) },
      `format must be "slth-certificate/1", got "${'f'.repeat(40)}"...`,
    );
    expectMalformed({ ...c, format: 'f'.repeat(40) }, `format must be "slth-certificate/1", got "${'f'.repeat(40)}"`);
    // 400 bits in full, 401 by size: -(2^198 + 1) / 2^200 has 199 + 201 bits
    const at400 = Rational.dyadic(-(2n ** 198n) - 1n, -200);
    expectInvalid({ ...c, eps: at400.toString() }, `eps must be > 0, got ${at400.toString()}`);
    const at401 = Rational.dyadic(-(2n ** 199n) - 1n, -200);
    expectInvalid(
      { ...c, eps: at401.toString() },
      `eps must be > 0, got ${at401.toScientific(8)} (an exact number of 401 bits)`,
    );
    expectMalformed({ ...c, format: { a: [1, 2] } }, 'format must be "slth-certificate/1", got an object');
    expect(rejected({ ...c, target: null }).reason).toMatch(/^target: expected a JSON object/);
    expect(rejected({ ...c, target: 'x' }).reason).toMatch(/^target: expected a JSON object/);
    expectMalformed({ ...c, format: true }, 'format must be "slth-certificate/1", got true');
    expectMalformed({ ...c, random: { ...c.random, scheme: null } }, 'random.scheme must be "slth-g/1", got null');
    expectInvalid({ ...c, depth: [2] }, 'depth must be 2l = 2, certificate says an array');
  });
});

describe('kept weights against G: each of the four, by address', () => {
  it('plus.v and minus.u are compared with G layers 2i and 2i-1 (layer 2)', () => {
    const d = genuine('pair', [2, 2, 1]);
    const h = d.gadgets.find((x) => x.layer === 2)!;
    const v = Rational.parse(h.plus.v);
    h.plus.v = v.add(Rational.dyadic(1n, -52)).toString();
    expectInvalid(
      d,
      `${where(h)}: plus.v = ${h.plus.v} but G[4][${h.row}][${h.plus.unit}] = ${v} (differs by 1/4503599627370496)`,
    );
    const c = genuine('shared', [2, 2, 1]);
    const g = c.gadgets.find((x) => x.layer === 2)!;
    const u = Rational.parse(g.minus.u);
    const off = u.add(Rational.dyadic(1n, -52));
    g.minus.u = off.toString();
    expectInvalid(
      c,
      `${where(g)}: minus.u = ${off} but G[${2 * g.layer - 1}][${g.minus.unit}][${g.col}] = ${u} (differs by 1/4503599627370496)`,
    );
  });
});
