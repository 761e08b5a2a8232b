/**
 * The benchmarks' median (scripts/median.ts): the middle value of the sorted timings, the mean of
 * the two middle ones for an even count, whatever the order; no median of nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '../../scripts/median.js';

describe('median', () => {
  it('is the sorted middle (mean of the two middle values when even), for any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const lower = s[(s.length - 1) >> 1] as number;
        const upper = s[s.length >> 1] as number;
        expect(median(xs)).toBe((lower + upper) / 2);
        expect(median([...xs].reverse())).toBe(median(xs));
        // as many values at or below it as at or above it
        const m = median(xs);
        expect(xs.filter((x) => x <= m).length * 2).toBeGreaterThanOrEqual(xs.length);
        expect(xs.filter((x) => x >= m).length * 2).toBeGreaterThanOrEqual(xs.length);
      }),
    );
  });

  it('takes the mean of the middle pair, not the upper middle, and refuses no values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 1, 2])).toBe(2);
    expect(() => median([])).toThrow(new RangeError('median of no values'));
  });
});
