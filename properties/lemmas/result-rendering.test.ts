/**
 * The shared lemma result printing (src/lemmas/result.ts): exact `p/q` figures, outward-rounded
 * 17-digit brackets, the switch from `p/q` to the bracket of a huge exact value, outward rounding
 * to a dyadic, and the summary line and full text of a result.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatBracket, lnBracket } from '../../src/numeric/certified.js';
import { Rational, bitLength, trailingZeros } from '../../src/numeric/rational.js';
import type { LemmaResult } from '../../src/lemmas/result.js';
import { formatResult, summaryLine } from '../../src/lemmas/result.js';
import {
  BRACKET_DIGITS,
  MAX_EXACT_CHARS,
  bracketFigure,
  exactFigure,
  exactOrBracket,
  roundOutward,
} from '../../src/numeric/figure.js';
import { exactValueArb, fractionArb } from './_arbitraries.js';

const R = (p: bigint | number, q: bigint | number = 1): Rational => Rational.of(p, q);

/** Reference: q rounded to a multiple of 2^-s, s = bits - (bitlength(p) - bitlength(q)). */
function referenceRound(q: Rational, dir: 'floor' | 'ceil', bits: number): Rational {
  const s = bits - (q.num.toString(2).replace('-', '').length - q.den.toString(2).length);
  const scaled = q.shift(s);
  return Rational.dyadic(dir === 'floor' ? scaled.floor() : scaled.ceil(), -s);
}

/** Significant bits of a dyadic m 2^k with m odd. */
const oddBits = (q: Rational): number => (q.isZero() ? 0 : bitLength(q.num) - trailingZeros(q.num));

/** A long rational: short fraction times a big power of 3 or 1/3 (both signs). */
const longArb: fc.Arbitrary<Rational> = fc
  .tuple(fractionArb, fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 64 }))
  .filter(([f]) => !f.isZero())
  .map(([f, e]) => (e >= 0 ? f.mul(R(3n ** BigInt(e))) : f.div(R(3n ** BigInt(-e)))));

/** Parses the two ends of a printed `[lower, upper]` bracket as exact rationals. */
function parseBracket(s: string): { lower: Rational; upper: Rational } {
  const m = /^\[(\S+), (\S+)\]/.exec(s);
  expect(m).not.toBeNull();
  return {
    lower: Rational.parse((m as RegExpExecArray)[1] as string),
    upper: Rational.parse((m as RegExpExecArray)[2] as string),
  };
}

describe('constants and exactFigure', () => {
  test('figures print exact values as p/q, brackets with 17 digits, p/q up to 400 characters', () => {
    expect(MAX_EXACT_CHARS).toBe(400);
    expect(BRACKET_DIGITS).toBe(17);
    expect(exactFigure(R(1, 3))).toBe('1/3');
    expect(exactFigure(R(-6, 4))).toBe('-3/2');
    expect(exactFigure(R(0))).toBe('0');
    fc.assert(
      fc.property(exactValueArb, (q) => exactFigure(q) === q.toString() && Rational.parse(exactFigure(q)).eq(q)),
    );
  });
});

describe('roundOutward', () => {
  test('short values are returned unchanged (up to 2 * bits bits of p plus q, 0 included)', () => {
    for (const dir of ['floor', 'ceil'] as const) {
      expect(roundOutward(R(1, 3), dir, 8).toString()).toBe('1/3');
      expect(roundOutward(R(0), dir, 1).toString()).toBe('0');
      expect(roundOutward(R(0), dir, 8).toString()).toBe('0');
      // 13/11: 4 + 4 = 8 bits = 2 * 4, unchanged at bits = 4
      expect(roundOutward(R(13, 11), dir, 4).toString()).toBe('13/11');
      expect(roundOutward(R(-13, 11), dir, 4).toString()).toBe('-13/11');
    }
  });

  test('one bit more than 2 * bits is rounded (hand-computed examples)', () => {
    // 25/11 has 5 + 4 = 9 > 8 bits; |q| ~ 2^1, shift 3: 25*8/11 = 18.18.. -> 18/8, 19/8
    expect(roundOutward(R(25, 11), 'floor', 4).toString()).toBe('9/4');
    expect(roundOutward(R(25, 11), 'ceil', 4).toString()).toBe('19/8');
    // negative: -25*8/11 = -18.18.. -> floor -19/8, ceil -18/8
    expect(roundOutward(R(-25, 11), 'floor', 4).toString()).toBe('-19/8');
    expect(roundOutward(R(-25, 11), 'ceil', 4).toString()).toBe('-9/4');
    // 1/3^200, the documented example: 129/2^m just above
    const tiny = roundOutward(R(1n, 3n ** 200n), 'ceil', 8);
    expect(tiny.num).toBe(129n);
    expect(tiny.isDyadic()).toBe(true);
    expect(tiny).toBeAbove(R(1n, 3n ** 200n));
    // the floor is 128/2^m (one step below), printed reduced
    const floor = roundOutward(R(1n, 3n ** 200n), 'floor', 8);
    expect(floor.num).toBe(1n);
    expect(floor.mul(R(129, 128))).toEqualRational(tiny);
  });

  test('large values (negative shift): 1048577 at 4 bits', () => {
    // 1048577 = 2^20 + 1: 21 + 1 = 22 bits > 8; e = 21 - 1 = 20, shift -16: 1048577/2^16 = 16.0000153..
    expect(roundOutward(R(1_048_577), 'floor', 4).toString()).toBe(String(16 * 2 ** 16));
    expect(roundOutward(R(1_048_577), 'ceil', 4).toString()).toBe(String(17 * 2 ** 16));
    expect(roundOutward(R(-1_048_577), 'floor', 4).toString()).toBe(String(-17 * 2 ** 16));
    expect(roundOutward(R(-1_048_577), 'ceil', 4).toString()).toBe(String(-16 * 2 ** 16));
    // 1048577/3: e = 21 - 2 = 19, shift -15: 10.666.. -> 10 and 11 times 2^15
    expect(roundOutward(R(1_048_577, 3), 'floor', 4).toString()).toBe(String(10 * 2 ** 15));
    expect(roundOutward(R(1_048_577, 3), 'ceil', 4).toString()).toBe(String(11 * 2 ** 15));
  });

  test('long values that are already multiples of the rounding step are not moved', () => {
    // 3 * 2^20 = 3145728: 22 + 1 bits > 8, shift -17, 3145728 / 2^17 = 24 exactly;
    // 5 * 2^40: shift -38, 20 exactly; -5/2^40: shift 42, -20 exactly; 13/2^30: shift 31, 26 exactly
    for (const v of [R(3 * 2 ** 20), R(-3 * 2 ** 20), R(5n * 2n ** 40n), R(-5n, 2n ** 40n), R(13n, 2n ** 30n)]) {
      for (const dir of ['floor', 'ceil'] as const) expect(roundOutward(v, dir, 4)).toEqualRational(v);
    }
  });

  test('matches the reference rounding, encloses q, and keeps about `bits` significant bits', () => {
    fc.assert(
      fc.property(longArb, fc.integer({ min: 1, max: 40 }), (q, bits) => {
        const lo = roundOutward(q, 'floor', bits);
        const hi = roundOutward(q, 'ceil', bits);
        expect(lo.le(q) && q.le(hi)).toBe(true);
        const short = bitLength(q.num) + bitLength(q.den) <= 2 * bits;
        if (short) {
          expect(lo.eq(q) && hi.eq(q)).toBe(true);
        } else {
          expect(lo).toEqualRational(referenceRound(q, 'floor', bits));
          expect(hi).toEqualRational(referenceRound(q, 'ceil', bits));
          expect(lo.isDyadic() && hi.isDyadic()).toBe(true);
          expect(oddBits(lo)).toBeLessThanOrEqual(bits + 1);
          expect(oddBits(hi)).toBeLessThanOrEqual(bits + 1);
          // relative error below 2^(1 - bits)
          expect(hi.sub(lo)).toBeLessOrEqual(q.abs().shift(1 - bits));
        }
      }),
    );
  });
});

describe('bracketFigure', () => {
  test('17 significant digits, rounded outward', () => {
    expect(bracketFigure(lnBracket(R(2)))).toBe('[6.9314718055994530e-1, 6.9314718055994531e-1]');
    expect(bracketFigure({ lower: R(1, 3), upper: R(2, 3) })).toBe('[3.3333333333333333e-1, 6.6666666666666667e-1]');
    expect(bracketFigure({ lower: R(-2, 3), upper: R(-1, 3) })).toBe(
      '[-6.6666666666666667e-1, -3.3333333333333333e-1]',
    );
    expect(bracketFigure({ lower: R(1, 4), upper: R(1, 4) })).toBe('[2.5000000000000000e-1, 2.5000000000000000e-1]');
    expect(bracketFigure({ lower: R(0), upper: R(1) })).toBe('[0, 1.0000000000000000e0]');
  });

  test('short ends print as formatBracket at 17 digits', () => {
    fc.assert(
      fc.property(fractionArb, fractionArb, (a, b) => {
        const br = { lower: Rational.min(a, b), upper: Rational.max(a, b) };
        expect(bracketFigure(br)).toBe(formatBracket(br, 17));
      }),
    );
  });

  test('ends longer than 1024 bits are first rounded outward at 512 bits, then printed', () => {
    // 10^-400 is a 17-digit decimal, but its p/q has 1 + 1329 bits: the 512-bit outward rounding
    // moves both ends off it, so each printed end steps one unit outward
    const t = R(1n, 10n ** 400n);
    expect(bracketFigure({ lower: t, upper: t })).toBe('[9.9999999999999999e-401, 1.0000000000000001e-400]');
    // 10^-300: 1 + 997 bits <= 1024, printed as is
    const u = R(1n, 10n ** 300n);
    expect(bracketFigure({ lower: u, upper: u })).toBe('[1.0000000000000000e-300, 1.0000000000000000e-300]');
    const n = R(-1n, 10n ** 400n);
    expect(bracketFigure({ lower: n, upper: n })).toBe('[-1.0000000000000001e-400, -9.9999999999999999e-401]');
  });
});

describe('exactOrBracket', () => {
  test('p/q up to 400 characters, else the bracket of the exact value with its size', () => {
    expect(exactOrBracket(R(1, 3))).toBe('1/3');
    // '1/' followed by 1 and 397 zeros: exactly 400 characters
    const at = R(1n, 10n ** 397n);
    expect(at.toString()).toHaveLength(400);
    expect(exactOrBracket(at)).toBe(at.toString());
    // 401 characters: the bracket
    const over = R(1n, 10n ** 398n);
    expect(exactOrBracket(over)).toBe(
      `[9.9999999999999999e-399, 1.0000000000000001e-398] (exact value, ${1 + (10n ** 398n).toString(2).length} bits of p/q)`,
    );
    expect(exactOrBracket(R(1n, 10n ** 400n))).toBe(
      '[9.9999999999999999e-401, 1.0000000000000001e-400] (exact value, 1330 bits of p/q)',
    );
    expect(exactOrBracket(R(1n, 3n ** 2000n))).toBe(
      '[5.7212451947729489e-955, 5.7212451947729490e-955] (exact value, 3171 bits of p/q)',
    );
    // a long integer: 4^300 = 2^600 (601 + 1 bits) has 181 digits, still exact
    expect(exactOrBracket(R(4n ** 300n))).toBe((4n ** 300n).toString());
  });

  test('more than 4096 bits always prints as a bracket that encloses the value', () => {
    const v = R(2n, 3n ** 3000n);
    const bits = 2n.toString(2).length + (3n ** 3000n).toString(2).length;
    expect(bits).toBeGreaterThan(4096);
    const s = exactOrBracket(v);
    expect(s.endsWith(` (exact value, ${bits} bits of p/q)`)).toBe(true);
    const b = parseBracket(s);
    expect(b.lower.lt(v) && v.lt(b.upper)).toBe(true);
    expect(b.upper.sub(b.lower)).toBeBelow(v.mul(R(1n, 10n ** 15n)));
  });

  test('either the exact p/q (at most 400 characters) or an enclosing bracket labelled with the bit count', () => {
    fc.assert(
      fc.property(longArb, fc.integer({ min: 0, max: 900 }), (q0, e) => {
        const q = q0.div(R(10n ** BigInt(e)));
        const s = exactOrBracket(q);
        const text = q.toString();
        if (text.length <= MAX_EXACT_CHARS) {
          expect(s).toBe(text);
        } else {
          const bits = q.num.toString(2).replace('-', '').length + q.den.toString(2).length;
          expect(s.endsWith(` (exact value, ${bits} bits of p/q)`)).toBe(true);
          const b = parseBracket(s);
          expect(b.lower.le(q) && q.le(b.upper)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

const base: LemmaResult = {
  lemma: 'demo',
  input: 'built-in values',
  holds: true,
  statement: 'x = x',
  exact: true,
  figures: { a: '1/3', 'long name': '[1, 2]' },
  typed: [],
  checks: [],
};

describe('summaryLine', () => {
  test('holds / REFUTED, exact / certified, with and without a witness', () => {
    expect(summaryLine(base)).toBe('demo: holds on built-in values (exact)');
    expect(summaryLine({ ...base, exact: false })).toBe('demo: holds on built-in values (certified)');
    // a witness is not printed when the statement holds
    expect(summaryLine({ ...base, witness: { x: '1' } })).toBe('demo: holds on built-in values (exact)');
    expect(summaryLine({ ...base, holds: false })).toBe('demo: REFUTED on built-in values (exact)');
    expect(summaryLine({ ...base, holds: false, exact: false, witness: { x: '1/2', y: '-3' } })).toBe(
      'demo: REFUTED on built-in values (certified) witness x=1/2 y=-3',
    );
    expect(summaryLine({ ...base, holds: false, witness: {} })).toBe(
      'demo: REFUTED on built-in values (exact) witness ',
    );
  });
});

describe('formatResult', () => {
  test('summary, statement, figures padded to the longest name, witness, notes', () => {
    expect(formatResult(base)).toBe(
      ['demo: holds on built-in values (exact)', '  statement: x = x', '  a          1/3', '  long name  [1, 2]'].join(
        '\n',
      ),
    );
    const refuted: LemmaResult = {
      ...base,
      holds: false,
      exact: false,
      witness: { x: '1/2', y: '-3' },
      notes: ['first note', 'second'],
    };
    expect(formatResult(refuted)).toBe(
      [
        'demo: REFUTED on built-in values (certified) witness x=1/2 y=-3',
        '  statement: x = x',
        '  a          1/3',
        '  long name  [1, 2]',
        '  witness:',
        '    x = 1/2',
        '    y = -3',
        '  note: first note',
        '  note: second',
      ].join('\n'),
    );
  });

  test('no figures: just the summary and the statement; empty notes add nothing', () => {
    expect(formatResult({ ...base, figures: {}, notes: [] })).toBe(
      'demo: holds on built-in values (exact)\n  statement: x = x',
    );
    expect(formatResult({ ...base, figures: {} })).toBe('demo: holds on built-in values (exact)\n  statement: x = x');
  });

  test('figure names longer than 40 characters are not padded beyond 40', () => {
    const long = 'n'.repeat(45);
    const mid = 'm'.repeat(40);
    const r: LemmaResult = { ...base, figures: { [long]: '1', x: '2', [mid]: '3' } };
    expect(formatResult(r).split('\n').slice(2)).toEqual([`  ${long}  1`, `  x${' '.repeat(39)}  2`, `  ${mid}  3`]);
  });

  test('every figure, witness entry and note appears on its own line', () => {
    const nameArb = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', 'z', '_', '-') });
    fc.assert(
      fc.property(
        fc.dictionary(
          nameArb,
          fractionArb.map((q) => q.toString()),
        ),
        fc.array(fc.string({ maxLength: 8, unit: fc.constantFrom('x', 'y', ' ') }), { maxLength: 3 }),
        (figures, notes) => {
          const r: LemmaResult = { ...base, figures, notes };
          const lines = formatResult(r).split('\n');
          const keys = Object.keys(figures);
          expect(lines).toHaveLength(2 + keys.length + notes.length);
          const pad = Math.max(0, ...keys.map((k) => k.length));
          keys.forEach((k, i) =>
            expect(lines[2 + i]).toBe(`  ${k}${' '.repeat(pad - k.length)}  ${figures[k] as string}`),
          );
          notes.forEach((n, i) => expect(lines[2 + keys.length + i]).toBe(`  note: ${n}`));
        },
      ),
    );
  });
});
