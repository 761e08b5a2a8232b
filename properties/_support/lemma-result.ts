/**
 * Test helpers for lemma results.
 */
import type { LemmaResult } from '../../src/lemmas/result.js';

/**
 * A result without its typed figures and checks: the printed form that text output shows, for
 * tests that pin the printed figures with `toEqual`.
 *
 * @example
 * ```ts
 * expect(textual(checkReluIdentities(vs))).toEqual({ lemma: NAME, ..., figures: { values: '3', ... } });
 * ```
 */
export function textual(r: LemmaResult): Omit<LemmaResult, 'typed' | 'checks'> {
  const { typed: _typed, checks: _checks, ...rest } = r;
  return rest;
}
