/**
 * Typed lemma figures (src/lemmas/result.ts FigureBook): every printed figure line of every lemma
 * result has a typed counterpart (a figure printed on it, or a named check), ids are stable and
 * unique, and each typed value agrees with its printed form (an exact value with its p/q or a
 * bracket that contains it, a certified bracket with a printed bracket that encloses it, counts
 * and booleans with their text). The lemma results are those of `slth lemma all` plus refuting
 * and edge inputs. Negative controls: a FigureBook refuses a line without a typed figure, a
 * repeated id or label, a non-camelCase id and a check line without the `check ` prefix; the
 * consistency check rejects a typed value that disagrees with its printed form.
 */
import { describe, expect, test } from 'vitest';
import { LEMMAS, lemmaJson } from '../../src/lemmas/index.js';
import { checkCoverSet, checkCovering } from '../../src/lemmas/covering.js';
import { checkSubsetSum } from '../../src/lemmas/subset-sum.js';
import { checkUnionBound, checkPairUnionBound } from '../../src/lemmas/union-bound.js';
import { checkLipschitz } from '../../src/lemmas/lipschitz.js';
import { checkDepthDoubling } from '../../src/lemmas/depth-doubling.js';
import type { Figure, LemmaResult } from '../../src/lemmas/result.js';
import { FigureBook, checksVerdict } from '../../src/lemmas/result.js';
import { Rational } from '../../src/numeric/rational.js';
import { validator, formatErrors } from '../_support/schemas.js';
import { proseFindings } from '../_support/prose.js';

const R = (t: string): Rational => Rational.parse(t);

/** Every result `slth lemma all` prints, plus refuting and edge inputs of several checkers. */
function results(): LemmaResult[] {
  const net = { layers: [[[R('1/2'), R('-1/2')]], [[R('3')]]] }; // violates H
  return [
    ...LEMMAS.flatMap((l) => l.runOnFixtures()),
    checkCovering(20, R('1/4'), { trials: 30, seed: 'typed' }),
    checkCoverSet([], R('1/4'), 'empty set'),
    checkCoverSet([R('-3/4'), R('3/4')], R('1/8'), 'two points'),
    checkSubsetSum([R('-1/8'), R('-1/4'), R('-1/2'), R('-1/8'), R('2')], R('1/16'), 'values'),
    checkSubsetSum([], R('1/16'), 'no values'),
    checkUnionBound(
      Array.from({ length: 18 }, () => R('1/50')),
      'eighteen events (no enumeration)',
    ),
    checkPairUnionBound(net, R('1/10'), 40n, 'violates H'),
    checkLipschitz(net, 'violates H', { points: 4 }),
    checkDepthDoubling(net, 'violates H', { points: 4 }),
  ];
}

/** The two ends of a printed bracket `[a, b]` (with or without a trailing note). */
function bracketOf(text: string): { lower: Rational; upper: Rational } | undefined {
  const m = /^\[(\S+), (\S+)\]/.exec(text);
  return m ? { lower: R(m[1] as string), upper: R(m[2] as string) } : undefined;
}

/** Problems of one figure whose printed form is its own line (empty when it agrees). */
function disagreement(f: Figure): string[] {
  const v = f.value;
  const bad = (why: string): string[] => [`${f.id} (${f.label}) = ${f.text}: ${why}`];
  switch (v.kind) {
    case 'exact': {
      if (f.text === v.value.toString()) return [];
      const b = bracketOf(f.text);
      if (b) return b.lower.le(v.value) && v.value.le(b.upper) ? [] : bad('bracket misses the exact value');
      // a rounded display (e.g. '5.616e6'): within 1e-3 relative
      const shown = R(f.text);
      return shown
        .sub(v.value)
        .abs()
        .le(v.value.abs().div(Rational.of(1000)))
        ? []
        : bad('display far from value');
    }
    case 'certified': {
      const b = bracketOf(f.text);
      if (!b) return bad('no printed bracket');
      return b.lower.le(v.lower) && v.upper.le(b.upper) ? [] : bad('printed bracket does not enclose the typed one');
    }
    case 'count':
      return f.text === String(v.value) ? [] : bad('count text');
    case 'counts':
      return f.text.replace(/\s/g, '') === v.values.join(',') ? [] : bad('counts text');
    case 'exacts': {
      const parts = f.text.split(/,\s*(?![^[]*\])/);
      if (parts.length !== v.values.length) return bad('number of values');
      return v.values.flatMap((q, i) =>
        disagreement({ ...f, value: { kind: 'exact', value: q }, text: parts[i] as string }),
      );
    }
    case 'boolean':
      return (v.value ? /^yes\b/ : /^(no|NO)\b/).test(f.text) ? [] : bad('boolean text');
    case 'estimate':
    case 'text':
      return [];
    case 'none':
      return f.text === '-' || f.text.startsWith('skipped') ? [] : bad('a none figure prints a value');
  }
}

describe('typed lemma figures', () => {
  const all = results();

  test('every printed line has a typed counterpart; ids unique and camelCase', () => {
    for (const r of all) {
      const where = `${r.lemma} on ${r.input}`;
      const ids = r.typed.map((f) => f.id);
      expect(new Set(ids).size, where).toBe(ids.length);
      for (const id of ids) expect(id, where).toMatch(/^[a-z][A-Za-z0-9]*$/);
      const lines = new Set(r.typed.flatMap((f) => (f.line === undefined ? [] : [f.line])));
      const checks = new Set(r.checks.map((c) => `check ${c.name}`));
      for (const label of Object.keys(r.figures))
        expect(lines.has(label) || checks.has(label), `${where}: '${label}' has no typed figure`).toBe(true);
      // and every line-bound typed figure is printed
      for (const f of r.typed) if (f.line !== undefined) expect(r.figures, where).toHaveProperty([f.line]);
    }
  });

  test('each typed value agrees with its printed form', () => {
    const problems = all.flatMap((r) =>
      r.typed
        .filter((f) => f.line === f.label)
        .flatMap((f) => disagreement(f).map((p) => `${r.lemma} ${r.input}: ${p}`)),
    );
    expect(problems).toEqual([]);
  });

  test('the JSON form of every result validates and holds no prose', () => {
    const v = validator('lemma-result.schema.json');
    for (const r of all) {
      const doc = JSON.parse(JSON.stringify(lemmaJson(r))) as unknown;
      expect(v(doc), `${r.lemma} ${r.input}: ${formatErrors(v.errors)}`).toBe(true);
      expect(proseFindings(doc), `${r.lemma} ${r.input}`).toEqual([]);
    }
  });

  test('a refuted result keeps its failed checks typed and out of the witness', () => {
    const r = checkCovering(3, R('1/2'));
    const spoiled: LemmaResult = {
      ...r,
      holds: false,
      checks: [{ name: '0 <= P_cover <= 1', holds: false }],
      witness: { '0 <= P_cover <= 1': 'false', k: '3' },
    };
    const j = lemmaJson(spoiled) as { witness: Record<string, string>; checks: unknown[] };
    expect(j.witness).toEqual({ k: '3' });
    expect(j.checks).toEqual([{ name: '0 <= P_cover <= 1', holds: false, applicable: true }]);
  });
});

describe('NEGATIVE CONTROLS: FigureBook refuses untyped or ambiguous figures', () => {
  test('a line without typed figures, repeated ids or labels, bad ids, unprefixed check lines', () => {
    expect(() => new FigureBook().line('x', '1', (b) => b)).toThrow(/no typed figure/);
    expect(() => new FigureBook().count('a', 'a', 1).count('a', 'b', 2)).toThrow(/given twice/);
    expect(() => new FigureBook().count('a', 'x', 1).count('b', 'x', 2)).toThrow(/given twice/);
    expect(() => new FigureBook().count('Not-camel', 'x', 1)).toThrow(/camelCase/);
    expect(() => new FigureBook().checkLines({ 'a <= b': 'yes' })).toThrow(/must start with 'check '/);
    expect(() => new FigureBook().count('a', 'x', 1).line('x', 'y', (b) => b.count('b', 'x2', 2))).toThrow(
      /given twice/,
    );
  });

  test('a typed value that disagrees with its printed form is caught', () => {
    const f = (value: Figure['value'], text: string): Figure => ({ id: 'x', label: 'x', value, text, line: 'x' });
    expect(disagreement(f({ kind: 'exact', value: R('1/3') }, '1/4'))).toHaveLength(1);
    expect(disagreement(f({ kind: 'exact', value: R('1/3') }, '[3.0e-1, 3.1e-1]'))).toHaveLength(1);
    expect(disagreement(f({ kind: 'certified', lower: R('1/3'), upper: R('1/2') }, '[3.4e-1, 5.0e-1]'))).toHaveLength(
      1,
    );
    expect(disagreement(f({ kind: 'count', value: 3 }, '4'))).toHaveLength(1);
    expect(disagreement(f({ kind: 'boolean', value: true }, 'no'))).toHaveLength(1);
    expect(disagreement(f({ kind: 'boolean', value: false }, 'yes'))).toHaveLength(1);
    expect(disagreement(f({ kind: 'none' }, '1/2'))).toHaveLength(1);
    // and agreeing ones pass
    expect(disagreement(f({ kind: 'exact', value: R('1/3') }, '[3.3e-1, 3.4e-1]'))).toEqual([]);
    expect(disagreement(f({ kind: 'boolean', value: false }, 'NO (search found nothing)'))).toEqual([]);
    expect(checksVerdict([['a', false]]).checks).toEqual([{ name: 'a', holds: false }]);
  });
});
