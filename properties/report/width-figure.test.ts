/**
 * The stated-size figure (src/report/width-figure.ts, data from src/audit/report.ts sizeFigure):
 * one series per construction, the lower bound drawn dashed with its label, log axes fitted to
 * the data; and the data itself: exact stated sizes from statedWidth, subset growing like
 * log(1/eps) where pair grows like a power. Negative control: a spec without the lower bound is
 * caught.
 */
import { describe, expect, test } from 'vitest';
import { sizeFigure } from '../../src/audit/report.js';
import { LOWER_BOUND_LABEL, widthSpec } from '../../src/report/width-figure.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { Rational } from '../../src/numeric/rational.js';

interface Layer {
  name: string;
  data: { values: Record<string, unknown>[] };
  mark: { type: string; strokeDash?: number[] };
  encoding: { x: { scale: { type: string; domain: number[] } }; y: { scale: { type: string; domain: number[] } } };
}

function layers(spec: unknown): Layer[] {
  return (spec as { layer: Layer[] }).layer;
}

function checkSpec(spec: unknown): string[] {
  const problems: string[] = [];
  const ls = layers(spec);
  const cons = ls.find((l) => l.mark.type === 'line' && !l.mark.strokeDash);
  const bound = ls.find((l) => l.mark.type === 'line' && l.mark.strokeDash);
  if (!cons) problems.push('no construction series');
  if (!bound) problems.push('no dashed lower-bound line');
  else if (!String(bound.data.values[0]?.['series']).startsWith(LOWER_BOUND_LABEL))
    problems.push('lower bound unlabelled');
  for (const l of ls) {
    if (l.encoding.x.scale.type !== 'log' || l.encoding.y.scale.type !== 'log')
      problems.push(`${l.name}: axes not log`);
  }
  const series = new Set(cons?.data.values.map((v) => v['series']));
  for (const c of ['pair', 'shared', 'product', 'subset']) if (!series.has(c)) problems.push(`series ${c} missing`);
  return problems;
}

describe('stated-size figure', () => {
  const fig = sizeFigure();

  test('the spec has the four construction series, the dashed labelled lower bound, fitted log axes', () => {
    const spec = widthSpec(fig);
    expect(checkSpec(spec)).toEqual([]);
    const ys = [...fig.points.map((p) => p.parameters), ...fig.lowerBound.map((b) => b.parameters)];
    expect(layers(spec)[0]?.encoding.y.scale.domain).toEqual([Math.min(...ys), Math.max(...ys)]);
  });

  test('negative control: a spec without the lower bound fails the check', () => {
    const spec = widthSpec(fig) as unknown as { layer: Layer[] };
    const broken = { ...spec, layer: spec.layer.filter((l) => !l.mark.strokeDash) };
    expect(checkSpec(broken)).toContain('no dashed lower-bound line');
  });

  test('the data are the exact stated sizes; subset grows logarithmically, pair like a power of 1/eps', () => {
    const at = (c: string, eps: number): number =>
      fig.points.find((p) => p.construction === c && p.eps === eps)?.parameters ?? NaN;
    const exact = statedWidth({
      widths: [2, 4, 1],
      eps: Rational.parse('0.01'),
      delta: Rational.parse('1e-9'),
      construction: 'subset',
    });
    expect(at('subset', 0.01)).toBe(Number(exact.gParameters));
    expect(at('pair', 0.001) / at('pair', 0.2)).toBeGreaterThan(1e4); // about (200)^2
    expect(at('subset', 0.001) / at('subset', 0.2)).toBeLessThan(10); // about log ratio
    for (const b of fig.lowerBound) expect(at('subset', b.eps)).toBeGreaterThan(b.parameters);
  });
});
