/**
 * Text in and out: parse (integers, decimals, scientific, fractions, white space; rejects
 * garbage with InputError), toString round trip, and directed-rounding printing
 * (toDecimal, toScientific).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import type { Rounding } from '../../src/numeric/rational.js';
import { anyRational, holds, isCanonical, refNorm, refutes, sameAs } from './support.js';

const digitString = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: min, maxLength: max }).map((d) => d.join(''));
const sign = fc.constantFrom('', '+', '-');
const whitespace = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), { maxLength: 3 }).map((w) => w.join(''));
const pow10 = (k: number): bigint => 10n ** BigInt(k);

describe('parse: accepted forms are read exactly', () => {
  it('integers', () => {
    holds(
      fc.property(fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), (n) =>
        sameAs(Rational.parse(n.toString()), [n, 1n]),
      ),
      { numRuns: 500 },
    );
    expect(Rational.parse('+7').toString()).toBe('7');
    expect(Rational.parse('-0').toString()).toBe('0');
    expect(Rational.parse('007').toString()).toBe('7');
  });
  it('decimals: int.frac is (int * 10^k + frac) / 10^k', () => {
    holds(
      fc.property(sign, digitString(0, 25), digitString(0, 25), (s, ip, fp) => {
        fc.pre(ip.length + fp.length > 0);
        const text = `${s}${ip}${fp === '' && ip !== '' ? '' : '.'}${fp}`;
        const n = BigInt((ip || '0') + fp) * (s === '-' ? -1n : 1n);
        return sameAs(Rational.parse(text), refNorm(n, pow10(fp.length)));
      }),
      { numRuns: 1000 },
    );
  });
  it("'0.1' is exactly 1/10, which is not the double 0.1", () => {
    const tenth = Rational.parse('0.1');
    expect(tenth).toEqualRational(Rational.of(1, 10));
    expect(tenth).not.toEqualRational(Rational.fromFloat(0.1));
    expect(Rational.fromJson('0.1')).toEqualRational(tenth);
    expect(Rational.fromJson(0.1)).toEqualRational(Rational.fromFloat(0.1));
    expect(Rational.parse('0.1').add(Rational.parse('0.2'))).toEqualRational(Rational.parse('0.3'));
    expect(Rational.parse('.5').toString()).toBe('1/2');
    expect(Rational.parse('5.').toString()).toBe('5');
  });
  it('scientific: m e k is m * 10^k', () => {
    holds(
      fc.property(
        sign,
        digitString(1, 12),
        digitString(0, 12),
        fc.constantFrom('e', 'E'),
        fc.integer({ min: -400, max: 400 }),
        fc.boolean(),
        (s, ip, fp, e, k, plus) => {
          const text = `${s}${ip}.${fp}${e}${plus && k >= 0 ? '+' : ''}${k}`;
          const n = BigInt(ip + fp) * (s === '-' ? -1n : 1n);
          const scale = k - fp.length;
          const expected = scale >= 0 ? refNorm(n * pow10(scale), 1n) : refNorm(n, pow10(-scale));
          return sameAs(Rational.parse(text), expected);
        },
      ),
      { numRuns: 1000 },
    );
    expect(Rational.parse('1e-3').toString()).toBe('1/1000');
    expect(Rational.parse('2.5E4').toString()).toBe('25000');
    expect(Rational.parse('1e100000')).toEqualRational(Rational.of(pow10(100000)));
  });
  it('fractions p/q, including signs on either side', () => {
    holds(
      fc.property(
        fc.bigInt({ min: -(1n << 100n), max: 1n << 100n }),
        fc.bigInt({ min: -(1n << 100n), max: 1n << 100n }),
        fc.boolean(),
        (p, q, plus) => {
          fc.pre(q !== 0n);
          const text = `${plus && p >= 0n ? '+' : ''}${p}/${q}`;
          const r = Rational.parse(text);
          return isCanonical(r) && sameAs(r, refNorm(p, q));
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('surrounding white space is ignored', () => {
    holds(
      fc.property(anyRational, whitespace, whitespace, (q, a, b) => Rational.parse(`${a}${q.toString()}${b}`).eq(q)),
    );
  });
});

describe('parse: rejects everything else with InputError', () => {
  const rejected = [
    '',
    '   ',
    '1/0',
    '-3/0',
    '1e999999',
    '1e-999999',
    '1e100001',
    '1e99999999999999999999',
    'abc',
    '.',
    'e5',
    '1e',
    '1e+',
    '--1',
    '+-1',
    '1..2',
    '1.2.3',
    '0x10',
    '1_000',
    'NaN',
    'Infinity',
    '-Infinity',
    '1 2',
    '1/2/3',
    '1.5/2',
    '1/2.5',
    '1 /2',
    '½',
    '١٢', // Arabic-Indic digits
    '1e5.5',
  ];
  for (const text of rejected) {
    it(JSON.stringify(text), () => {
      expect(() => Rational.parse(text)).toThrow(InputError);
    });
  }
  it('any string: either a canonical rational or an InputError, never another exception', () => {
    const alphabet = fc.constantFrom(...'0123456789+-./eE xX_,'.split(''));
    const textish = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 20 }),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    holds(
      fc.property(textish, (text) => {
        try {
          return isCanonical(Rational.parse(text));
        } catch (err) {
          return err instanceof InputError;
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('fromJson rejects non-numbers', () => {
    for (const bad of [null, true, [], {}, undefined]) expect(() => Rational.fromJson(bad)).toThrow(InputError);
  });
});

describe('printing', () => {
  type ToDecimal = (q: Rational, digits: number, mode: Rounding) => string;
  type ToScientific = (q: Rational, significant: number, mode: Rounding) => string;
  const realDecimal: ToDecimal = (q, d, m) => q.toDecimal(d, m);
  /** Broken: truncates negatives in 'floor' mode (the classic sign bug of directed rounding). */
  const truncatingDecimal: ToDecimal = (q, d, m) => q.toDecimal(d, m === 'floor' && q.sign() < 0 ? 'trunc' : m);
  const realScientific: ToScientific = (q, s, m) => q.toScientific(s, m);
  /** Broken: rounds |q| in the requested direction, forgetting to flip it for negatives. */
  const unflippedScientific: ToScientific = (q, s, m) =>
    q.sign() < 0 ? `-${q.abs().toScientific(s, m)}` : q.toScientific(s, m);

  const DECIMAL_RE = /^-?\d+(\.\d+)?$/;
  const decimalBracket = (toDecimal: ToDecimal) =>
    fc.property(anyRational, fc.integer({ min: 0, max: 40 }), (q, digits) => {
      const fl = toDecimal(q, digits, 'floor');
      const ce = toDecimal(q, digits, 'ceil');
      if (!DECIMAL_RE.test(fl) || !DECIMAL_RE.test(ce)) return false;
      const places = (s: string): number => (s.includes('.') ? (s.split('.')[1] as string).length : 0);
      if (places(fl) !== digits || places(ce) !== digits) return false;
      const lo = Rational.parse(fl);
      const hi = Rational.parse(ce);
      if (!(lo.le(q) && q.le(hi))) return false;
      const exact = q.mul(Rational.of(pow10(digits))).isInteger();
      return exact ? lo.eq(q) && hi.eq(q) : hi.sub(lo).eq(Rational.of(1n, pow10(digits)));
    });
  const decimalNearest = (toDecimal: ToDecimal) =>
    fc.property(anyRational, fc.integer({ min: 0, max: 40 }), (q, digits) => {
      const n = Rational.parse(toDecimal(q, digits, 'nearest'));
      const t = Rational.parse(toDecimal(q, digits, 'trunc'));
      const halfUlp = Rational.of(1n, 2n * pow10(digits));
      return q.sub(n).abs().le(halfUlp) && t.abs().le(q.abs()) && t.sign() * q.sign() >= 0;
    });

  it('toString round-trips through parse and is canonical p/q', () => {
    const roundTrip = (print: (q: Rational) => string) =>
      fc.property(anyRational, (q) => Rational.parse(print(q)).eq(q));
    holds(
      roundTrip((q) => q.toString()),
      { numRuns: 2000 },
    );
    holds(
      fc.property(
        anyRational,
        (q) => /^-?\d+(\/\d+)?$/.test(q.toString()) && JSON.stringify(q) === JSON.stringify(q.toString()),
      ),
    );
    refutes(roundTrip((q) => String(q.toNumber())));
  });
  it("toDecimal: 'floor' <= exact <= 'ceil', equal when exact, else 10^-digits apart", () => {
    holds(decimalBracket(realDecimal), { numRuns: 2000 });
    refutes(decimalBracket(truncatingDecimal));
    expect(Rational.of(1, 3).toDecimal(4, 'ceil')).toBe('0.3334');
    expect(Rational.of(-1, 3).toDecimal(4, 'floor')).toBe('-0.3334');
    expect(Rational.of(-1, 3000).toDecimal(2, 'ceil')).toBe('0.00');
    expect(Rational.of(-1, 3000).toDecimal(2, 'floor')).toBe('-0.01');
    expect(Rational.of(5, 2).toDecimal(0, 'nearest')).toBe('2');
  });
  it("toDecimal: 'nearest' within half a unit, 'trunc' toward zero", () => {
    holds(decimalNearest(realDecimal), { numRuns: 1000 });
    refutes(decimalNearest((q, d, m) => q.toDecimal(d, m === 'nearest' ? 'floor' : m)));
  });

  const SCI_RE = (sig: number) => new RegExp(`^-?[1-9]${sig > 1 ? `\\.\\d{${sig - 1}}` : ''}e-?\\d+$`);
  const scientificBracket = (toScientific: ToScientific) =>
    fc.property(anyRational, fc.integer({ min: 1, max: 30 }), (q, sig) => {
      const fl = toScientific(q, sig, 'floor');
      const ce = toScientific(q, sig, 'ceil');
      if (q.isZero()) return fl === '0' && ce === '0';
      if (!SCI_RE(sig).test(fl) || !SCI_RE(sig).test(ce)) return false;
      const lo = Rational.parse(fl);
      const hi = Rational.parse(ce);
      // each bound within one unit of the last significant digit: |q| * 10^(1-sig)
      const unit = q.abs().mul(Rational.of(1n, pow10(sig - 1)));
      return lo.le(q) && q.le(hi) && q.sub(lo).le(unit) && hi.sub(q).le(unit);
    });
  it('toScientific: floor and ceil bracket the value, with `significant` digits', () => {
    holds(scientificBracket(realScientific), { numRuns: 2000 });
    refutes(scientificBracket(unflippedScientific));
    expect(Rational.of(2, 3).toScientific(3, 'floor')).toBe('6.66e-1');
    expect(Rational.of(-2, 3).toScientific(3, 'floor')).toBe('-6.67e-1');
    expect(Rational.parse('9.995').toScientific(3, 'ceil')).toBe('1.00e1');
    expect(Rational.ZERO.toScientific(5)).toBe('0');
  });
  it('toScientific nearest is within half a unit and round-trips for enough digits', () => {
    holds(
      fc.property(anyRational, fc.integer({ min: 1, max: 30 }), (q, sig) => {
        if (q.isZero()) return true;
        const n = Rational.parse(q.toScientific(sig, 'nearest'));
        return q
          .sub(n)
          .abs()
          .le(q.abs().mul(Rational.of(1n, 2n * pow10(sig - 1))));
      }),
      { numRuns: 1000 },
    );
  });
  it('invalid digit counts are RangeErrors', () => {
    expect(() => Rational.ONE.toDecimal(-1)).toThrow(RangeError);
    expect(() => Rational.ONE.toDecimal(1.5)).toThrow(RangeError);
    expect(() => Rational.ONE.toScientific(0)).toThrow(RangeError);
  });
});
