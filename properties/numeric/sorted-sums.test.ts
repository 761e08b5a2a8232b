/**
 * sortedSubsetSums (src/numeric/sorted-sums.ts), the half lists of slth's meet-in-the-middle
 * searches: against a brute force over all 2^m masks (every sum present with its own mask, in
 * increasing order, ties without the later item first), with a negative control (a list with two
 * masks swapped is caught by the same comparison).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { sortedSubsetSums } from '../../src/numeric/sorted-sums.js';

const itemsArb = fc.array(
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).chain((b) => fc.constantFrom(b, b % 5n)),
  { maxLength: 10 },
);

function brute(items: readonly bigint[]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (let mask = 0; mask < 2 ** items.length; mask++) {
    let s = 0n;
    items.forEach((c, j) => {
      if (Math.floor(mask / 2 ** j) % 2 === 1) s += c;
    });
    out.set(mask, s);
  }
  return out;
}

describe('sortedSubsetSums', () => {
  it('lists every subset once with its own sum, in increasing order', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const { sums, masks } = sortedSubsetSums(items);
        const want = brute(items);
        expect(sums.length).toBe(want.size);
        expect(new Set(masks).size).toBe(want.size);
        masks.forEach((m, x) => expect(sums[x]).toBe(want.get(m)));
        for (let x = 1; x < sums.length; x++)
          expect(Rational.of(sums[x - 1] as bigint)).toBeLessOrEqual(sums[x] as bigint);
      }),
    );
  });

  it('the worked example, ties included', () => {
    expect(sortedSubsetSums([2n, -1n])).toEqual({ sums: [-1n, 0n, 1n, 2n], masks: [2, 0, 3, 1] });
    // equal sums: the subset without the later item comes first
    expect(sortedSubsetSums([1n, 1n])).toEqual({ sums: [0n, 1n, 1n, 2n], masks: [0, 1, 2, 3] });
  });

  it('negative control: the brute-force check catches a list with one mask swapped', () => {
    const { sums, masks } = sortedSubsetSums([3n, 5n, -2n]);
    const broken = [...masks];
    [broken[1], broken[2]] = [broken[2] as number, broken[1] as number];
    const want = brute([3n, 5n, -2n]);
    expect(broken.some((m, x) => sums[x] !== want.get(m))).toBe(true);
  });
});
