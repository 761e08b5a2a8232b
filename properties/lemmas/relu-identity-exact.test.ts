/**
 * Lemma 1 (ReLU identities), exact figures: the violation objects, their order, the figures and
 * witnesses of both checkers, the built-in values and `--values` parsing, each pinned to values
 * computed by hand in exact rationals. Broken activations are built point by point, so each one
 * fails exactly one identity at a known place.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Network } from '../../src/network/network.js';
import { relu } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { Activation, IdentityViolation } from '../../src/lemmas/relu-identity.js';
import {
  NAME,
  STATEMENT,
  checkReluIdentities,
  checkReluOnTarget,
  defaultValues,
  firstViolation,
  identityDifference,
  identityGadget,
  identityHomogeneity,
  parseValues,
} from '../../src/lemmas/relu-identity.js';
import { exactValueArb } from './_arbitraries.js';
import { lemmaResultJson } from '../../src/lemmas/result.js';
import { textual } from '../_support/lemma-result.js';

const q = (t: string): Rational => Rational.parse(t);

/** ReLU plus a perturbation at listed points only: `patched({ '5': '1' })(5)` is 6. */
const patched =
  (delta: Readonly<Record<string, string>>): Activation =>
  (a) => {
    const d = delta[a.toString()];
    return d === undefined ? relu(a) : relu(a).add(q(d));
  };

const leaky: Activation = (a) => (a.sign() >= 0 ? a : a.mul(Rational.of(1, 100)));
/** sigma(a) = relu(a - 1): breaks homogeneity and identity (1) everywhere it is positive. */
const shiftedOne: Activation = (a) => relu(a.sub(Rational.ONE));
/** sigma(a) = relu(a) + 1: sigma(0) = 1, the only place where c = 0 would matter. */
const plusOne: Activation = (a) => relu(a).add(Rational.ONE);

/** A violation as plain strings, for exact comparison. */
const plain = (v: IdentityViolation | undefined): unknown =>
  v === undefined
    ? undefined
    : {
        identity: v.identity,
        values: Object.fromEntries(Object.entries(v.values).map(([k, x]) => [k, x.toString()])),
        lhs: v.lhs.toString(),
        rhs: v.rhs.toString(),
      };

describe('relu-identity: the four identities, exact violation objects', () => {
  test('identity (1) holds for ReLU and its violation under a leaky ReLU is exact', () => {
    expect(identityDifference(q('-3/7'))).toBeUndefined();
    expect(identityDifference(Rational.ZERO)).toBeUndefined();
    // leaky(-1) - leaky(1) = -1/100 - 1 = -101/100
    expect(plain(identityDifference(q('-1'), leaky))).toEqual({
      identity: 'a = sigma(a) - sigma(-a)',
      values: { a: '-1' },
      lhs: '-1',
      rhs: '-101/100',
    });
    // a = 2: leaky(2) - leaky(-2) = 2 + 2/100 = 101/50
    expect(plain(identityDifference(q('2'), leaky))).toEqual({
      identity: 'a = sigma(a) - sigma(-a)',
      values: { a: '2' },
      lhs: '2',
      rhs: '101/50',
    });
  });

  test('identity (1) under an arbitrary activation: violated exactly when sigma(a) - sigma(-a) != a', () => {
    fc.assert(
      fc.property(exactValueArb, fc.integer({ min: -3, max: 3 }), (a, k) => {
        const sigma: Activation = (x) => relu(x).add(x.eq(a) && !a.isZero() ? Rational.of(k) : Rational.ZERO);
        const v = identityDifference(a, sigma);
        if (k === 0 || a.isZero()) return v === undefined;
        return v !== undefined && v.lhs.eq(a) && v.rhs.eq(a.add(Rational.of(k))) && v.values['a'] === a;
      }),
    );
  });

  test('identity (2), c > 0: exact violation under relu(a - 1)', () => {
    // sigma(2 * 1) = relu(1) = 1, 2 sigma(1) = 2 relu(0) = 0
    expect(plain(identityHomogeneity(q('2'), q('1'), shiftedOne))).toEqual({
      identity: 'sigma(c a) = c sigma(a), c > 0',
      values: { c: '2', a: '1' },
      lhs: '1',
      rhs: '0',
    });
    expect(identityHomogeneity(q('2'), q('1'))).toBeUndefined();
    expect(identityHomogeneity(q('1/3'), q('-5'))).toBeUndefined();
  });

  test('identity (3), c < 0: exact violation under relu(a - 1)', () => {
    // sigma(-2 * -1) = relu(1) = 1, |-2| sigma(1) = 2 relu(0) = 0
    expect(plain(identityHomogeneity(q('-2'), q('-1'), shiftedOne))).toEqual({
      identity: 'sigma(c a) = |c| sigma(-a), c < 0',
      values: { c: '-2', a: '-1' },
      lhs: '1',
      rhs: '0',
    });
    // c = -3, a = 1/2: sigma(-3/2) = 0 and |c| sigma(-1/2) = 0 under ReLU
    expect(identityHomogeneity(q('-3'), q('1/2'))).toBeUndefined();
    // c = -3, a = -1/2: sigma(3/2) = 3/2 and 3 sigma(1/2) = 3/2 under ReLU
    expect(identityHomogeneity(q('-3'), q('-1/2'))).toBeUndefined();
    // the c < 0 form uses sigma(-a), not sigma(a): under relu(a) + [a = 1/2] the two differ
    const bumpHalf = patched({ '1/2': '1' });
    expect(plain(identityHomogeneity(q('-3'), q('-1/2'), bumpHalf))).toEqual({
      identity: 'sigma(c a) = |c| sigma(-a), c < 0',
      values: { c: '-3', a: '-1/2' },
      lhs: '3/2',
      rhs: '9/2',
    });
    expect(identityHomogeneity(q('-3'), q('1/2'), bumpHalf)).toBeUndefined();
  });

  test('identities (2) and (3): c = 0 is covered by neither and passes even when sigma(0) != 0', () => {
    fc.assert(fc.property(exactValueArb, (a) => identityHomogeneity(Rational.ZERO, a, plusOne) === undefined));
    // while c != 0 is checked under the same activation: sigma(1) = 2 but 1 sigma(1) = 2 passes, sigma(2) = 3 != 2 sigma(1) = 4
    expect(plain(identityHomogeneity(q('2'), q('1'), plusOne))).toEqual({
      identity: 'sigma(c a) = c sigma(a), c > 0',
      values: { c: '2', a: '1' },
      lhs: '3',
      rhs: '4',
    });
    expect(plain(identityHomogeneity(q('-2'), q('1'), plusOne))).toEqual({
      identity: 'sigma(c a) = |c| sigma(-a), c < 0',
      values: { c: '-2', a: '1' },
      lhs: '1',
      rhs: '2',
    });
  });

  test('identity (4): exact violation under a leaky ReLU, lhs is w y', () => {
    // w y = -1; leaky(-1) - leaky(1) = -101/100
    expect(plain(identityGadget(q('1'), q('-1'), leaky))).toEqual({
      identity: 'w y = sigma(w y) - sigma(-w y)',
      values: { w: '1', y: '-1' },
      lhs: '-1',
      rhs: '-101/100',
    });
    // w y = 6: leaky(6) - leaky(-6) = 6 + 6/100 = 303/50
    expect(plain(identityGadget(q('2'), q('3'), leaky))).toEqual({
      identity: 'w y = sigma(w y) - sigma(-w y)',
      values: { w: '2', y: '3' },
      lhs: '6',
      rhs: '303/50',
    });
    expect(identityGadget(q('0.3'), q('-5'))).toBeUndefined();
    expect(identityGadget(q('2'), q('3'), patched({ '5': '1', '-5': '1' }))).toBeUndefined();
  });
});

describe('relu-identity: firstViolation order', () => {
  test('ReLU: no violation on any list (including the empty one)', () => {
    expect(firstViolation([])).toBeUndefined();
    fc.assert(fc.property(fc.array(exactValueArb, { maxLength: 6 }), (vs) => firstViolation(vs) === undefined));
  });

  test('identity (1) on every value comes before any pair', () => {
    // sigma broken at -1 (identity 1 at the 2nd value) and at 4 (homogeneity at the pair (2, 2))
    // sigma(-1) - sigma(1) = 1 - 1 = 0
    const sigma = patched({ '-1': '1', '4': '1' });
    expect(plain(firstViolation([q('2'), q('-1')], sigma))).toEqual({
      identity: 'a = sigma(a) - sigma(-a)',
      values: { a: '-1' },
      lhs: '-1',
      rhs: '0',
    });
  });

  test('pairs are ordered (x, y) with x outer, and homogeneity before the gadget', () => {
    // values 2, 3: identity (1) holds at 2 and 3; sigma(6) is broken, so (2, 3) is the first pair to fail, by homogeneity
    const sigma = patched({ '6': '1' });
    expect(plain(firstViolation([q('2'), q('3')], sigma))).toEqual({
      identity: 'sigma(c a) = c sigma(a), c > 0',
      values: { c: '2', a: '3' },
      lhs: '7',
      rhs: '6',
    });
    // reversed list: (3, 2) first
    expect(plain(firstViolation([q('3'), q('2')], sigma))).toEqual({
      identity: 'sigma(c a) = c sigma(a), c > 0',
      values: { c: '3', a: '2' },
      lhs: '7',
      rhs: '6',
    });
  });

  test('a violation of the gadget identity alone is found (homogeneity holds everywhere it is checked)', () => {
    // values [2]: identity (1) at 2 uses sigma(+-2); homogeneity (2, 2) uses sigma(4), sigma(2); the gadget uses sigma(+-4)
    const sigma = patched({ '-4': '1' });
    expect(plain(firstViolation([q('2')], sigma))).toEqual({
      identity: 'w y = sigma(w y) - sigma(-w y)',
      values: { w: '2', y: '2' },
      lhs: '4',
      rhs: '3',
    });
  });

  test('a single value also forms the pair (a, a)', () => {
    const sigma = patched({ '4': '1' });
    expect(identityDifference(q('2'), sigma)).toBeUndefined();
    expect(firstViolation([q('2')], sigma)?.identity).toBe('sigma(c a) = c sigma(a), c > 0');
  });
});

describe('relu-identity: checkReluIdentities figures and witness', () => {
  test('holds: exact result with n + 2 n^2 checks', () => {
    const vs = [q('1'), q('-1/3'), q('0')];
    expect(textual(checkReluIdentities(vs))).toEqual({
      lemma: NAME,
      input: 'given values',
      holds: true,
      statement: STATEMENT,
      exact: true,
      figures: { values: '3', checks: '21', arithmetic: 'exact rationals' },
    });
    expect(NAME).toBe('relu-identity');
    expect(STATEMENT).toBe(
      'for all real a, c, w, y: a = sigma(a) - sigma(-a); sigma(c a) = c sigma(a) if c > 0; ' +
        'sigma(c a) = |c| sigma(-a) if c < 0; w y = sigma(w y) - sigma(-w y)  (sigma = ReLU, exact)',
    );
    expect(checkReluIdentities([], 'none').figures).toEqual({
      values: '0',
      checks: '0',
      arithmetic: 'exact rationals',
    });
    expect(checkReluIdentities([q('5')], 'one').figures['checks']).toBe('3');
    // the typed figures: counts as numbers, texts as texts, ids stable
    expect(lemmaResultJson(checkReluIdentities(vs), { number: '1', section: 'docs/MATH.md §5.1' }).figures).toEqual({
      values: { label: 'values', kind: 'count', count: 3 },
      checks: { label: 'checks', kind: 'count', count: 21 },
      arithmetic: { label: 'arithmetic', kind: 'text', text: 'exact rationals' },
    });
    expect(checkReluIdentities([q('5'), q('7')], 'two').figures['checks']).toBe('10');
  });

  test('the checks figure is n + 2 n^2 for every n', () => {
    fc.assert(
      fc.property(fc.array(exactValueArb, { maxLength: 5 }), (vs) => {
        const n = vs.length;
        return (
          checkReluIdentities(vs, 'x').figures['checks'] === String(n + 2 * n * n) && checkReluIdentities(vs, 'x').holds
        );
      }),
      { numRuns: 30 },
    );
  });

  test('refuted: the witness names the identity, its values, lhs and rhs, in that order', () => {
    const r = checkReluIdentities([q('2'), q('3')], 'broken at 6', patched({ '6': '1' }));
    expect(textual(r)).toEqual({
      lemma: 'relu-identity',
      input: 'broken at 6',
      holds: false,
      statement: STATEMENT,
      exact: true,
      figures: { values: '2', checks: '10', arithmetic: 'exact rationals' },
      witness: { identity: 'sigma(c a) = c sigma(a), c > 0', c: '2', a: '3', lhs: '7', rhs: '6' },
    });
    expect(Object.keys(r.witness ?? {})).toEqual(['identity', 'c', 'a', 'lhs', 'rhs']);
    const g = checkReluIdentities([q('-1')], 'leaky', leaky);
    expect(g.witness).toEqual({ identity: 'a = sigma(a) - sigma(-a)', a: '-1', lhs: '-1', rhs: '-101/100' });
  });
});

describe('relu-identity: built-in values and --values', () => {
  test('the 14 built-in values, each exact', () => {
    const v = defaultValues().map(String);
    expect(v).toHaveLength(14);
    expect(v.slice(0, 6)).toEqual(['0', '1', '-1', '1/3', '-3/7', '1/10']);
    const tiny = `1/${(2n ** 1074n).toString()}`;
    const max = ((2n ** 53n - 1n) * 2n ** 971n).toString();
    expect(v[6]).toBe('0'); // -0
    expect(v[7]).toBe(tiny);
    expect(v[8]).toBe(`-${tiny}`);
    expect(v[9]).toBe(max);
    expect(v[10]).toBe(`-${max}`);
    expect(v[11]).toBe(`1/${(2n ** 50n).toString()}`);
    expect(v[12]).toBe('3602879701896397/36028797018963968');
    expect(v[13]).toBe(Rational.fromFloat(-2.5e-308).toString());
    expect(v[13]?.startsWith('-')).toBe(true);
    expect(checkReluIdentities(defaultValues()).figures['checks']).toBe(String(14 + 2 * 14 * 14));
  });

  test('parseValues: exact entries, white space trimmed', () => {
    expect(parseValues('1/3, -0.5, 1e-3').map(String)).toEqual(['1/3', '-1/2', '1/1000']);
    expect(parseValues('  7 ').map(String)).toEqual(['7']);
    expect(parseValues('2.5E4,-7/2').map(String)).toEqual(['25000', '-7/2']);
  });

  test('parseValues: an empty entry is an InputError quoting the text', () => {
    for (const t of ['', ' ', '1,,2', '1,', ',1', '1, ,2']) {
      expect(() => parseValues(t)).toThrow(InputError);
      expect(() => parseValues(t)).toThrow(`values needs a comma-separated list of exact numbers, got '${t}'`);
    }
  });

  test('parseValues: at most 2000 values (2000 is allowed)', () => {
    const ok = parseValues(Array.from({ length: 2000 }, (_, i) => String(i)).join(','));
    expect(ok).toHaveLength(2000);
    expect(ok[1999]?.toString()).toBe('1999');
    const many = Array.from({ length: 2001 }, () => '1').join(',');
    expect(() => parseValues(many)).toThrow(InputError);
    expect(() => parseValues(many)).toThrow('values: at most 2000 values (got 2001)');
  });

  test('parseValues: a bad entry is an InputError naming its index and the parser message', () => {
    let err: unknown;
    try {
      parseValues('1, abc, 2');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `values entry 1: not an exact number: 'abc' (expected an integer, decimal, 1e-3 or p/q)`,
    );
    expect(() => parseValues('1/0')).toThrow(`values entry 0: zero denominator in '1/0'`);
  });
});

describe('relu-identity: checkReluOnTarget', () => {
  const net = (...rows: string[][][]): Network => ({ layers: rows.map((m) => m.map((r) => r.map(q))) });
  const figures = (distinct: number): Record<string, string> => ({
    'distinct weights': String(distinct),
    inputs: '1, -1, 1/3, -2/7, 1/1000000000',
    arithmetic: 'exact rationals',
  });

  test('holds on a target, distinct weights counted once across layers', () => {
    const t = net(
      [
        ['1', '-1/2'],
        ['1/2', '1'],
      ],
      [['-1/2', '0.5', '3']],
    );
    expect(textual(checkReluOnTarget(t, 'tiny'))).toEqual({
      lemma: 'relu-identity',
      input: 'tiny',
      holds: true,
      statement: STATEMENT,
      exact: true,
      figures: figures(4),
    });
    expect(checkReluOnTarget(net(), 'empty').figures).toEqual(figures(0));
  });

  test('refuted by identity (1) on a weight: witness is the identity and the weight', () => {
    const r = checkReluOnTarget(net([['-1']]), 'leaky', leaky);
    expect(textual(r)).toEqual({
      lemma: 'relu-identity',
      input: 'leaky',
      holds: false,
      statement: STATEMENT,
      exact: true,
      figures: figures(1),
      witness: { identity: 'a = sigma(a) - sigma(-a)', a: '-1' },
    });
  });

  test('a violation on the first weight is kept even when later weights pass', () => {
    // sigma broken at +-5 only through identity (1) at 5: sigma(5) - sigma(-5) = 6 - 0
    const sigma = patched({ '5': '1' });
    expect(checkReluOnTarget(net([['5', '7']]), 't', sigma).witness).toEqual({
      identity: 'a = sigma(a) - sigma(-a)',
      a: '5',
    });
    expect(checkReluOnTarget(net([['7', '5']]), 't', sigma).witness).toEqual({
      identity: 'a = sigma(a) - sigma(-a)',
      a: '5',
    });
    expect(checkReluOnTarget(net([['7']]), 't', sigma).holds).toBe(true);
  });

  test('the gadget identity alone: w = 5, y = 1/3 (sigma(-5/3) broken)', () => {
    const r = checkReluOnTarget(net([['5']]), 't', patched({ '-5/3': '1' }));
    expect(r.holds).toBe(false);
    expect(r.witness).toEqual({ identity: 'w y = sigma(w y) - sigma(-w y)', w: '5', y: '1/3' });
  });

  test('homogeneity (w, y) alone: w = 5, y = 1 (sigma(+-5) shifted by 1, sigma(+-1) exact)', () => {
    const r = checkReluOnTarget(net([['5']]), 't', patched({ '5': '1', '-5': '1' }));
    expect(r.witness).toEqual({ identity: 'sigma(c a) = c sigma(a), c > 0', c: '5', a: '1' });
  });

  test('homogeneity (y, w) alone: y = 1/3, w = 5', () => {
    // delta(+-5) = 1, delta(+-1) = 1/5: identity (1), the gadget and (w, y) hold for y = 1, -1, 1/3;
    // (y, w) = (1/3, 5): sigma(5/3) = 5/3 but (1/3) sigma(5) = 2
    const sigma = patched({ '5': '1', '-5': '1', '1': '1/5', '-1': '1/5' });
    expect(identityDifference(q('5'), sigma)).toBeUndefined();
    const r = checkReluOnTarget(net([['5']]), 't', sigma);
    expect(r.witness).toEqual({ identity: 'sigma(c a) = c sigma(a), c > 0', c: '1/3', a: '5' });
    expect(plain(identityHomogeneity(q('1/3'), q('5'), sigma))).toEqual({
      identity: 'sigma(c a) = c sigma(a), c > 0',
      values: { c: '1/3', a: '5' },
      lhs: '5/3',
      rhs: '2',
    });
  });

  test('identity (1) on the weight comes first; the first failing y wins and later inputs do not overwrite it', () => {
    // sigma(-5) broken: identity (1) at w = 5 fails before any y
    const r = checkReluOnTarget(net([['5']]), 't', patched({ '-5': '1', '-5/3': '1' }));
    expect(r.witness).toEqual({ identity: 'a = sigma(a) - sigma(-a)', a: '5' });
    // gadget fails at y = 1/3 (sigma(-5/3) broken) and again at y = -2/7 (sigma(-10/7) broken)
    const r2 = checkReluOnTarget(net([['5']]), 't', patched({ '-10/7': '1', '-5/3': '1' }));
    expect(r2.witness).toEqual({ identity: 'w y = sigma(w y) - sigma(-w y)', w: '5', y: '1/3' });
  });
});
