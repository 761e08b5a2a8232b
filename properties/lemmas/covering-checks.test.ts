/**
 * Lemma 2 (covering): the exact figures, verdicts, notes and witnesses of checkCovering,
 * checkCoverSet and checkCoveringOnTarget, the verdict combinator, and negative controls with a
 * broken decider (which every check must REFUTE).
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { CoverDecision } from '../../src/lemmas/cover-decision.js';
import { NAME, STATEMENT, checkCoverSet, checkCovering, checkCoveringOnTarget } from '../../src/lemmas/covering.js';
import { checksVerdict } from '../../src/lemmas/result.js';
import { decideCover } from '../../src/lemmas/cover-decision.js';
import { exactOrBracket } from '../../src/numeric/figure.js';
import { pCoverNaive } from './_reference.js';
import { textual } from '../_support/lemma-result.js';

const R = (s: string): Rational => Rational.parse(s);
const ONE = Rational.ONE;

/** A BROKEN decider: claims the opposite of the truth, without a witness. */
const liar = (points: readonly Rational[], eps0: Rational): CoverDecision => {
  const d = decideCover(points, eps0);
  return { ...d, covers: !d.covers, uncovered: undefined };
};

const net = (...rows: string[][]): Network => ({ layers: [rows.map((r) => r.map((x) => R(x)))] });

describe('name and statement', () => {
  test('pinned', () => {
    expect(NAME).toBe('covering');
    expect(STATEMENT).toBe(
      'S eps0-covers [-1,1] iff min T <= -1+eps0, max T >= 1-eps0 and sorted gaps of T <= 2 eps0 ' +
        '(T = S cap [-1-eps0, 1+eps0]); P_cover(k,eps0) = sum_{j<=2} sum_{m<k} (-1)^{j+m} C(2,j) C(k-1,m) ' +
        '(1-(j/2+m)eps0)_+^k exactly; 1 - P_cover <= M(1-1/M)^k <= M e^{-k/M}, M = ceil(2/eps0)',
    );
  });
});

describe('checksVerdict', () => {
  test('all true: holds, yes figures, no witness', () => {
    expect(
      checksVerdict([
        ['a', true],
        ['b', true],
      ]),
    ).toEqual({
      holds: true,
      figures: { 'check a': 'yes', 'check b': 'yes' },
      witness: undefined,
      checks: [
        { name: 'a', holds: true },
        { name: 'b', holds: true },
      ],
    });
    expect(checksVerdict([])).toEqual({ holds: true, figures: {}, witness: undefined, checks: [] });
  });

  test('a false or undecided check refutes, is printed NO / undecided and named in the witness', () => {
    const v = checksVerdict([
      ['a', true],
      ['b', false],
      ['c', undefined],
    ]);
    expect(v.holds).toBe(false);
    expect(v.figures).toEqual({ 'check a': 'yes', 'check b': 'NO', 'check c': 'undecided' });
    expect(v.witness).toEqual({ b: 'false', c: 'undefined' });
    expect(v.checks).toEqual([
      { name: 'a', holds: true },
      { name: 'b', holds: false },
      { name: 'c', holds: null },
    ]);
    expect(checksVerdict([['x', undefined]])).toEqual({
      holds: false,
      figures: { 'check x': 'undecided' },
      witness: { x: 'undefined' },
      checks: [{ name: 'x', holds: null }],
    });
    expect(checksVerdict([['y', false]])).toEqual({
      holds: false,
      figures: { 'check y': 'NO' },
      witness: { y: 'false' },
      checks: [{ name: 'y', holds: false }],
    });
  });
});

describe('checkCovering', () => {
  test('k = 3, eps0 = 1/2: every figure exact (hand-computed), holds, not all exact', () => {
    const r = checkCovering(3, R('1/2'));
    expect(pCoverNaive(3, R('1/2')).toString()).toBe('3/32');
    expect(r.lemma).toBe('covering');
    expect(r.input).toBe('k=3, eps0=1/2');
    expect(r.statement).toBe(STATEMENT);
    expect(r.holds).toBe(true);
    expect(r.exact).toBe(false); // M e^{-k/M} is certified
    expect(r.witness).toBeUndefined();
    expect(r.figures).toEqual({
      k: '3',
      eps0: '1/2',
      'P_cover(k, eps0)': '3/32',
      'P_cover (exact, 17 digits)': '[9.3750000000000000e-2, 9.3750000000000000e-2]',
      '1 - P_cover (exact, 17 digits)': '[9.0625000000000000e-1, 9.0625000000000000e-1]',
      M: '4',
      'M (1-1/M)^k': '27/16', // 4 (3/4)^3
      'M e^{-k/M}': '[1.8894662109640588e0, 1.8894662109640589e0]', // 4 e^{-3/4} = 1.88946621096405886...
      w: '1',
      'fixed target 1-(1-lambda(w)/2)^k': '37/64', // lambda(1) = 1/2: 1 - (3/4)^3
      'pair 1-(1-(lambda(w)/2)(eta/2))^k, eta=eps0': '721/4096', // (1/4)(1/4): 1 - (15/16)^3
      'pair worst case 1-(1-eta^2/4)^k': '721/4096',
      'check 0 <= P_cover <= 1': 'yes',
      'check 1 - P_cover <= M(1-1/M)^k': 'yes',
      'check M(1-1/M)^k <= M e^{-k/M}': 'yes',
      'check P_cover <= 1 - (1 - lambda(w)/2)^k': 'yes',
    });
    expect(r.notes).toEqual([
      'P_cover is exact: one BigInt numerator over (2q)^k for eps0 = p/q (continuous law); brackets only round the printing',
      'float64 evaluation of the same sum (estimate, not used): 0.09375',
    ]);
    expect(4 * Math.exp(-3 / 4)).toBeCloseTo(1.8894662109640588, 15);
  });

  test('w = 0: the fixed-target and pair figures use lambda(0) = 1 (the worst-case pair does not)', () => {
    const r = checkCovering(3, R('1/2'), { w: Rational.ZERO });
    expect(r.figures['w']).toBe('0');
    expect(r.figures['fixed target 1-(1-lambda(w)/2)^k']).toBe('7/8'); // 1 - (1/2)^3
    expect(r.figures['pair 1-(1-(lambda(w)/2)(eta/2))^k, eta=eps0']).toBe('169/512'); // 1 - (7/8)^3
    expect(r.figures['pair worst case 1-(1-eta^2/4)^k']).toBe('721/4096');
    expect(r.holds).toBe(true);
  });

  test('k = 0: P_cover = 0 (the lower end of 0 <= P_cover), everything exact', () => {
    const r = checkCovering(0, R('1/2'));
    expect(r.holds).toBe(true);
    expect(r.exact).toBe(true);
    expect(r.figures['P_cover(k, eps0)']).toBe('0');
    expect(r.figures['check 0 <= P_cover <= 1']).toBe('yes');
    expect(r.figures['M (1-1/M)^k']).toBe('4');
    expect(r.figures['M e^{-k/M}']).toBe('4');
    expect(r.figures['1 - P_cover (exact, 17 digits)']).toBe('[1.0000000000000000e0, 1.0000000000000000e0]');
  });

  test('eps0 = 2 (the largest accepted): P_cover = 1, M = 1', () => {
    const r = checkCovering(5, R('2'));
    expect(r.holds).toBe(true);
    expect(r.figures['P_cover(k, eps0)']).toBe('1');
    expect(r.figures['M']).toBe('1');
    expect(r.figures['M (1-1/M)^k']).toBe('0');
    expect(r.figures['check 0 <= P_cover <= 1']).toBe('yes');
  });

  test('input errors with exact messages', () => {
    expect(() => checkCovering(3, R('5/2'))).toThrow(InputError);
    expect(() => checkCovering(3, R('5/2'))).toThrow(
      'eps0 must be <= 2 (at a larger radius any point covers [-1, 1]), got 2.50000e0',
    );
    expect(() => checkCovering(-1, R('1/2'))).toThrow('k must be an integer from 0 to 10^7, got -1');
    expect(() => checkCovering(1, Rational.ZERO)).toThrow('eps0 must be > 0, got 0');
  });

  test('Monte-Carlo label: figure and note (default and explicit seed); none for 0 or negative trials', () => {
    const r = checkCovering(1, R('2'), { trials: 5 });
    expect(r.figures['Monte-Carlo coverage (sanity label)']).toBe('5/5');
    expect(r.notes?.[2]).toBe(
      'Monte-Carlo sanity label (seed covering, G layer 1 columns 0..4, grid law): consistent with P_cover at level 1e-6 (exact binomial test); never a verdict',
    );
    const s = checkCovering(1, R('2'), { trials: 3, seed: 'abc' });
    expect(s.notes?.[2]).toBe(
      'Monte-Carlo sanity label (seed abc, G layer 1 columns 0..2, grid law): consistent with P_cover at level 1e-6 (exact binomial test); never a verdict',
    );
    for (const trials of [0, -1]) {
      const n = checkCovering(1, R('2'), { trials });
      expect(n.figures['Monte-Carlo coverage (sanity label)']).toBeUndefined();
      expect(n.notes).toHaveLength(2);
    }
    expect(checkCovering(1, R('2')).notes).toHaveLength(2);
  });

  test('a Monte-Carlo count inconsistent with P_cover would be labelled INCONSISTENT: here it is consistent at eps0 = 1/4', () => {
    const r = checkCovering(12, R('1/4'), { trials: 40, seed: 'mc' });
    expect(r.notes?.[2]).toContain(': consistent with P_cover');
    expect(r.holds).toBe(true);
  });
});

describe('checkCoverSet', () => {
  test('S = {0}, eps0 = 1/2: every figure', () => {
    const r = checkCoverSet([Rational.ZERO], R('1/2'), 'S={0}');
    expect(textual(r)).toEqual({
      lemma: 'covering',
      input: 'S={0}',
      statement: STATEMENT,
      exact: true,
      holds: true,
      figures: {
        points: '1',
        eps0: '1/2',
        covers: 'no',
        reason: 'left-end',
        'points within eps0 of [-1,1]': '1',
        'min T': '0',
        'max T': '0',
        'max gap of T': '-',
        '2 eps0': '1',
        'uncovered point': '-1',
        'its distance to S': '1',
      },
      notes: ['uncovered point verified'],
    });
  });

  test('the empty set: no distance figure', () => {
    const r = checkCoverSet([], R('1/2'), 'S={}');
    expect(r.holds).toBe(true);
    expect(r.figures['covers']).toBe('no');
    expect(r.figures['reason']).toBe('empty');
    expect(r.figures['min T']).toBe('-');
    expect(r.figures['max T']).toBe('-');
    expect(r.figures['uncovered point']).toBe('-1');
    expect(r.figures['its distance to S']).toBeUndefined();
    expect(r.notes).toEqual(['empty set covers nothing']);
  });

  test('a covering set: figures with the max gap, no uncovered point', () => {
    const r = checkCoverSet([R('1/2'), R('-1/2'), R('3')], R('1/2'), 'S');
    expect(r.holds).toBe(true);
    expect(r.witness).toBeUndefined();
    expect(r.figures).toEqual({
      points: '3',
      eps0: '1/2',
      covers: 'yes',
      reason: 'covered',
      'points within eps0 of [-1,1]': '2',
      'min T': '-1/2',
      'max T': '1/2',
      'max gap of T': '1',
      '2 eps0': '1',
    });
    expect(r.notes).toEqual(['cover verified at all local maxima of the distance']);
  });

  test('a gap: the uncovered midpoint and its distance', () => {
    const r = checkCoverSet([R('-3/4'), R('3/4')], R('1/2'), 'S');
    expect(r.figures['reason']).toBe('gap');
    expect(r.figures['uncovered point']).toBe('0');
    expect(r.figures['its distance to S']).toBe('3/4');
    expect(r.figures['max gap of T']).toBe('3/2');
  });

  test('eps0 must be > 0 here (the decision alone would accept 0)', () => {
    expect(() => checkCoverSet([Rational.ZERO], Rational.ZERO, 'S')).toThrow('eps0 must be > 0, got 0');
  });

  test('NEGATIVE CONTROL: a lying decider is REFUTED, with the verification reason as witness', () => {
    const bad = checkCoverSet([Rational.ZERO], R('1/2'), 'S={0}', liar);
    expect(bad.holds).toBe(false);
    expect(bad.witness).toEqual({ reason: 'claimed cover, but -1 is at distance 1 > eps0' });
    expect(bad.notes).toEqual(['claimed cover, but -1 is at distance 1 > eps0']);
    expect(bad.figures['covers']).toBe('yes');
    const bad2 = checkCoverSet([R('-1/2'), R('1/2')], R('1/2'), 'S', liar);
    expect(bad2.holds).toBe(false);
    expect(bad2.witness).toEqual({ reason: 'non-cover without an uncovered point' });
  });
});

describe('checkCoveringOnTarget', () => {
  const P64 = exactOrBracket(pCoverNaive(64, R('1/8')));
  const hitAtEnd = exactOrBracket(ONE.sub(R('15/16').pow(64))); // lambda(+-1) = 1/8

  test('the least-hit weight is an end point (the first one on ties), weights outside [-1, 1] are counted', () => {
    const r = checkCoveringOnTarget(net(['1', '-1'], ['3', '1/2'], ['-3', '0']), 'fixture');
    expect(r.lemma).toBe('covering');
    expect(r.input).toBe('fixture');
    expect(r.holds).toBe(true);
    expect(r.exact).toBe(true);
    expect(r.witness).toBeUndefined();
    expect(r.figures).toEqual({
      k: '64',
      eps0: '1/8',
      'P_cover(k, eps0)': P64,
      'least P(weight w is hit)': hitAtEnd,
      'at w': '1',
      'target weights eps0-cover [-1,1]': 'no',
      'weights outside [-1, 1] (not fixed targets of the lemma)': '2',
    });
    const s = checkCoveringOnTarget(net(['-1', '1']), 'f');
    expect(s.figures['at w']).toBe('-1');
    const inner = checkCoveringOnTarget(net(['1/2', '0', '-1/4']), 'f');
    expect(inner.figures['at w']).toBe('1/2'); // all have lambda = 1/4: the first wins
    expect(inner.figures['least P(weight w is hit)']).toBe(exactOrBracket(ONE.sub(R('7/8').pow(64))));
  });

  test('the least is found wherever it is', () => {
    const r = checkCoveringOnTarget(net(['0', '1/2', '-1', '1/4']), 'f');
    expect(r.figures['at w']).toBe('-1');
    expect(r.figures['least P(weight w is hit)']).toBe(hitAtEnd);
  });

  test('weights that eps0-cover [-1, 1] (spacing 2 eps0 from -1 + eps0) are reported as covering', () => {
    const grid = Array.from({ length: 8 }, (_, i) => Rational.of(2 * i - 7, 8).toString());
    const r = checkCoveringOnTarget(net(grid), 'grid');
    expect(r.figures['target weights eps0-cover [-1,1]']).toBe('yes');
    expect(r.figures['weights outside [-1, 1] (not fixed targets of the lemma)']).toBe('0');
    expect(r.holds).toBe(true);
  });

  test('no weight in [-1, 1]: no fixed target, still holds', () => {
    const r = checkCoveringOnTarget(net(['2', '-5/4']), 'out');
    expect(r.holds).toBe(true);
    expect(r.figures['least P(weight w is hit)']).toBe('-');
    expect(r.figures['at w']).toBe('-');
    expect(r.figures['weights outside [-1, 1] (not fixed targets of the lemma)']).toBe('2');
    expect(r.figures['P_cover(k, eps0)']).toBe(P64);
  });

  test('NEGATIVE CONTROL: a lying decider makes the target check REFUTED, witness = the least-hit weight', () => {
    const r = checkCoveringOnTarget(net(['1/2', '1']), 'f', liar);
    expect(r.holds).toBe(false);
    expect(r.witness).toEqual({ w: '1' });
    const none = checkCoveringOnTarget(net(['2']), 'f', liar);
    expect(none.holds).toBe(false);
    expect(none.witness).toEqual({ w: '-' });
  });
});
