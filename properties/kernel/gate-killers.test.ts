/**
 * The facts behind each REJECT of the `slth-certificate/1` kernel (src/kernel/check.ts, chain.ts,
 * reject.ts) and the in-memory entry point (issued.ts), pinned exactly: for every call site of
 * `invalid(why, detail)` not pinned elsewhere, a genuine certificate (certify on d2-small, pair) is
 * tampered in one field and the whole verdict is compared: kind, full sentence, and the detail's
 * field string, location (with or without a side), stated and recomputed values. A REJECT without
 * facts must carry no `detail` key at all.
 *
 * Written to kill the mutants that the kernel's mutation gate (stryker.kernel.config.json) left
 * alive: the detail objects and their field strings, the `e.detail === undefined` branch of
 * rejection(), the string guard on target weights before sizeError, and checkIssuedCertificate.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { certify } from '../../src/constructions/certify.js';
import { checkCertificate, type KernelVerdict } from '../../src/kernel/check.js';
import { checkIssuedCertificate } from '../../src/kernel/issued.js';
import type { RejectDetail, Rejection } from '../../src/kernel/reject.js';
import { readNetworkFile } from '../../src/network/json.js';
import { Rational } from '../../src/numeric/rational.js';

interface Side {
  unit: number;
  u: string;
  v: string;
}
interface Gadget {
  layer: number;
  row: number;
  col: number;
  plus: Side;
  minus: Side;
  error: string;
}
interface Doc {
  [key: string]: unknown;
  width: string;
  eta: string;
  eps: string;
  target: { format: string; layers: (string | null)[][][] };
  random: { [key: string]: unknown; pool: string[] };
  gadgets: Gadget[];
  bound: { perLayer: { layer: number; a: string; s: string }[]; total: string };
}

const target = readNetworkFile('fixtures/targets/d2-small.json'); // widths 2,4,1, hypothesis H
const eps = Rational.parse('1/10');
const delta = Rational.parse('1e-6');
const CUSTOM = 'a certificate at another width says "width": "custom"';

let genuine: Doc;
let bigger: Doc; // the same target at pool k + 1 (width custom)
let k: bigint;
let D: Rational;

beforeAll(() => {
  const out = certify({ target, seed: 'gate', eps, delta, construction: 'pair' });
  genuine = JSON.parse(JSON.stringify(out.certificate)) as Doc;
  k = out.pool[0] as bigint;
  const v = checkCertificate(copy(genuine));
  if (v.verdict !== 'ACCEPT') throw new Error(`test setup: the genuine certificate is refused: ${v.reason}`);
  D = v.bound;
  const more = certify({ target, seed: 'gate', eps, delta, construction: 'pair', pool: k + 1n });
  bigger = JSON.parse(JSON.stringify(more.certificate)) as Doc;
});

const copy = (d: Doc): Doc => JSON.parse(JSON.stringify(d)) as Doc;
const gadget = (d: Doc, x: number): Gadget => d.gadgets[x] as Gadget;

/** The REJECT, failing the test on an ACCEPT. */
function rejected(v: KernelVerdict): Rejection {
  if (v.verdict !== 'REJECT') throw new Error('expected a REJECT, got ACCEPT');
  return v;
}

/** Asserts an invalid REJECT with this exact sentence, and returns its detail. */
function invalidWith(d: Doc, reason: string): RejectDetail {
  const r = rejected(checkCertificate(d));
  expect({ kind: r.kind, reason: r.reason }).toEqual({ kind: 'invalid', reason });
  expect(r.detail).toBeDefined();
  return r.detail as RejectDetail;
}

/** Asserts a detail with exact Rationals and no other key. */
function expectDetail(detail: RejectDetail, field: string, stated: Rational, recomputed: Rational): void {
  expect(Object.keys(detail).sort()).toEqual(['field', 'recomputed', 'stated']);
  expect(detail.field).toBe(field);
  expect(detail.stated).toEqualRational(stated);
  expect(detail.recomputed).toEqualRational(recomputed);
}

describe('gadget sides: pools and units', () => {
  test('a plus unit one past its private pool: field, weight and side', () => {
    const d = copy(genuine);
    gadget(d, 0).plus.unit = Number(k); // gadget (1, 0, 0) owns [0, k)
    const detail = invalidWith(
      d,
      `gadget (layer 1, row 0, col 0): plus unit ${k} is outside its pool [0, ${k}) (pair)`,
    );
    expect(detail).toStrictEqual({
      field: 'gadgets[].plus.unit',
      location: { layer: 1, row: 0, col: 0, side: 'plus' },
    });
  });

  test('a minus unit one before its private pool: field, weight and side', () => {
    const d = copy(genuine);
    const g = gadget(d, 1);
    expect([g.layer, g.row, g.col]).toEqual([1, 0, 1]); // owns [k, 2k)
    g.minus.unit = Number(k) - 1;
    const detail = invalidWith(
      d,
      `gadget (layer 1, row 0, col 1): minus unit ${k - 1n} is outside its pool [${k}, ${2n * k}) (pair)`,
    );
    expect(detail).toStrictEqual({
      field: 'gadgets[].minus.unit',
      location: { layer: 1, row: 0, col: 1, side: 'minus' },
    });
  });

  test('plus and minus on the same unit (both sides true to G): the minus unit, no side', () => {
    const d = copy(genuine);
    const g = gadget(d, 0);
    g.minus = { ...g.plus };
    const detail = invalidWith(d, `gadget (layer 1, row 0, col 0): plus and minus use the same unit ${g.plus.unit}`);
    expect(detail).toStrictEqual({ field: 'gadgets[].minus.unit', location: { layer: 1, row: 0, col: 0 } });
  });

  test('a side that breaks the pair rule at a smaller eta: its weight, side and inequality', () => {
    const d = copy(genuine);
    const eta = Rational.dyadic(1n, -100);
    d.eta = eta.toString();
    const g = gadget(d, 0);
    const w = Rational.parse(d.target.layers[0]?.[0]?.[0] as string);
    const gap = Rational.parse(g.plus.u).sub(w).abs();
    expect(gap).toBeAbove(eta);
    const detail = invalidWith(
      d,
      `gadget (layer 1, row 0, col 0): the plus side breaks the pair rule at eta = ${eta.toScientific(8)}: |u - w| = ${gap.toScientific(8, 'floor')} > eta`,
    );
    expect(detail).toStrictEqual({ field: 'gadgets[].plus', location: { layer: 1, row: 0, col: 0, side: 'plus' } });
  });
});

describe('the stated width', () => {
  test('eta above the stated one (every rule still met): field eta, stated and stated-width values', () => {
    const d = copy(genuine);
    const stated = Rational.parse(d.eta);
    const eta = stated.add(Rational.dyadic(1n, -70));
    d.eta = eta.toString();
    const detail = invalidWith(
      d,
      `eta = ${eta.toString()} is not the stated eta ${stated.toString()} of pair for eps = 1/10 and target widths 2,4,1; ${CUSTOM}`,
    );
    expectDetail(detail, 'eta', eta, stated);
  });

  test('a certificate at pool k + 1 labelled "stated": the pool, as exact integers', () => {
    expect(checkCertificate(copy(bigger))).toMatchObject({ verdict: 'ACCEPT', width: 'custom', atStatedWidth: false });
    const d = copy(bigger);
    d.width = 'stated';
    const detail = invalidWith(
      d,
      `random.pool[0] = ${k + 1n} is not the stated pool ${k} of pair (hypothesis H) for eps = 1/10, delta = 1/1000000 and target widths 2,4,1; ${CUSTOM}`,
    );
    expectDetail(detail, 'random.pool[0]', Rational.of(k + 1n), Rational.of(k));
  });
});

describe('the Lemma 4 chain', () => {
  test('a stated s_1 below the recomputed 1', () => {
    const d = copy(genuine);
    const half = Rational.of(1, 2);
    (d.bound.perLayer[0] as { s: string }).s = half.toString();
    const detail = invalidWith(
      d,
      `layer 1: stated s = ${half.toScientific(8)} is below the recomputed ${Rational.ONE.toScientific(8)}`,
    );
    expectDetail(detail, 'bound.perLayer[0].s', half, Rational.ONE);
  });

  test('a stated s_2 below the recomputed 1 names layer 2', () => {
    const d = copy(genuine);
    (d.bound.perLayer[1] as { s: string }).s = '0';
    const detail = invalidWith(
      d,
      `layer 2: stated s = ${Rational.ZERO.toScientific(8)} is below the recomputed ${Rational.ONE.toScientific(8)}`,
    );
    expectDetail(detail, 'bound.perLayer[1].s', Rational.ZERO, Rational.ONE);
  });

  test('eps lowered below the recomputed bound: field eps, stated eps, recomputed D', () => {
    const d = copy(genuine);
    const low = D.div(Rational.of(2));
    d.eps = low.toString();
    const detail = invalidWith(
      d,
      `the Lemma 4 bound ${D.toScientific(8, 'floor')} exceeds eps = ${low.toScientific(8)} (by ${D.sub(low).toScientific(4)})`,
    );
    expectDetail(detail, 'eps', low, D);
  });

  test('a stated a_1 above eps (the bound itself within eps): field, stated a, eps', () => {
    const d = copy(genuine);
    const a = Rational.of(1, 5);
    (d.bound.perLayer[0] as { a: string }).a = a.toString();
    const detail = invalidWith(
      d,
      `layer 1: stated a = ${a.toScientific(8)} exceeds eps = ${eps.toScientific(8)} (no stated figure may)`,
    );
    expectDetail(detail, 'bound.perLayer[0].a', a, eps);
  });

  test('a stated a_2 above eps names layer 2', () => {
    const d = copy(genuine);
    const a = eps.add(Rational.dyadic(1n, -200));
    (d.bound.perLayer[1] as { a: string }).a = a.toString();
    const detail = invalidWith(
      d,
      `layer 2: stated a = ${a.toScientific(8)} exceeds eps = ${eps.toScientific(8)} (no stated figure may)`,
    );
    expectDetail(detail, 'bound.perLayer[1].a', a, eps);
  });

  test('a stated total above eps: field bound.total, stated total, eps', () => {
    const d = copy(genuine);
    const total = eps.add(Rational.dyadic(1n, -200));
    d.bound.total = total.toString();
    const detail = invalidWith(
      d,
      `stated bound ${total.toScientific(8)} exceeds eps = ${eps.toScientific(8)} (no stated figure may)`,
    );
    expectDetail(detail, 'bound.total', total, eps);
  });

  test('a stated total of exactly eps is accepted', () => {
    const d = copy(genuine);
    d.bound.total = eps.toString();
    expect(checkCertificate(d)).toMatchObject({ verdict: 'ACCEPT' });
  });
});

describe('REJECTs without facts carry no detail key', () => {
  test('a certificate that is not an object', () => {
    const v = checkCertificate(null);
    expect(v).toStrictEqual({ verdict: 'REJECT', kind: 'malformed', reason: 'certificate must be an object' });
    expect('detail' in v).toBe(false);
  });

  test('an invalid activeWeights count', () => {
    const d = copy(genuine);
    d['activeWeights'] = 47;
    const v = checkCertificate(d);
    expect(v).toStrictEqual({
      verdict: 'REJECT',
      kind: 'invalid',
      reason: 'activeWeights must be 48, certificate says 47',
    });
    expect('detail' in v).toBe(false);
  });

  test('a REJECT with facts does carry them', () => {
    const d = copy(genuine);
    d.gadgets.pop();
    const v = rejected(checkCertificate(d));
    expect(Object.keys(v).sort()).toEqual(['detail', 'kind', 'reason', 'verdict']);
    expect(v.detail).toStrictEqual({ field: 'gadgets', location: { layer: 2, row: 0, col: 3 } });
  });
});

describe('target weights that are not strings', () => {
  test('a null weight is refused as malformed by the network reader (no size check on it)', () => {
    const d = copy(genuine);
    (d.target.layers[0]?.[0] as (string | null)[])[0] = null;
    expect(checkCertificate(d)).toStrictEqual({
      verdict: 'REJECT',
      kind: 'malformed',
      reason: 'target: layer 1 row 0 column 0: weight must be a number or a string, got null',
    });
  });
});

describe('checkIssuedCertificate', () => {
  test('a certificate just built is accepted with the bound of checkCertificate', () => {
    const out = certify({ target, seed: 'gate', eps, delta, construction: 'pair' });
    const v = checkIssuedCertificate(out.certificate as object);
    expect(v).toMatchObject({ verdict: 'ACCEPT', construction: 'pair', width: 'stated', atStatedWidth: true });
    expect(v.verdict === 'ACCEPT' ? v.bound : null).toEqualRational(D);
  });

  test('a tampered object is refused with its facts', () => {
    const d = copy(genuine);
    d.gadgets.splice(0, 1);
    const v = rejected(checkIssuedCertificate(d));
    expect(v).toStrictEqual({
      verdict: 'REJECT',
      kind: 'invalid',
      reason: 'no gadget for target weight (layer 1, row 0, col 0)',
      detail: { field: 'gadgets', location: { layer: 1, row: 0, col: 0 } },
    });
  });
});
