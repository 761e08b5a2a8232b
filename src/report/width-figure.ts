/**
 * The stated-size figure of the audit as a vega-lite specification (a pure function of the data;
 * src/report/svg.ts renders it): the parameters of G at the stated width against eps on log-log
 * axes fitted to the data, one line per construction (pair, shared, product, subset), and Pensia
 * et al.'s lower bound d^2 log2(1/(2 eps)) - 1 on the parameters of any construction that
 * approximates every d x d weight matrix, drawn dashed. Parameters rather than hidden units are
 * drawn because the lower bound counts parameters; the hidden units of each construction follow
 * the same slopes (each hidden unit of G layer 2i-1 carries n_{i-1} + n_i parameters).
 */
import type * as vl from 'vega-lite';
import { logDomain } from './log-domain.js';

/** The stated size of one construction at one eps (float64 values for plotting only). */
export interface WidthPoint {
  readonly eps: number;
  readonly construction: string;
  readonly parameters: number;
  readonly hiddenUnits: number;
}

/** Everything the figure shows: the points, the lower bound at each eps, and what they are for. */
export interface WidthFigure {
  readonly points: readonly WidthPoint[];
  /** Pensia et al.'s lower bound (its certified upper end, for plotting) at each eps. */
  readonly lowerBound: readonly { readonly eps: number; readonly parameters: number }[];
  /** The target, e.g. 'd2-small (widths 2,4,1)'. */
  readonly target: string;
  /** delta of the stated widths, as text. */
  readonly delta: string;
  /** d of the lower bound (the input dimension n_0). */
  readonly d: number;
}

/** The legend label of the lower bound series. */
export const LOWER_BOUND_LABEL = "Pensia et al.'s lower bound d^2 log2(1/(2 eps)) - 1";

/**
 * The vega-lite specification of the stated-size figure.
 *
 * @example
 * ```ts
 * const spec = widthSpec({ points, lowerBound, target: 'd2-small', delta: '1e-9', d: 2 });
 * ```
 */
export function widthSpec(fig: WidthFigure): vl.TopLevelSpec {
  const rows = fig.points.map((p) => ({ ...p, series: p.construction }));
  const bound = fig.lowerBound.map((b) => ({ ...b, series: `${LOWER_BOUND_LABEL}, d = ${fig.d}` }));
  const x = {
    field: 'eps',
    type: 'quantitative',
    scale: { type: 'log', domain: logDomain(rows.map((r) => r.eps)), nice: false, padding: 8 },
    title: 'eps (log scale)',
  };
  const y = {
    field: 'parameters',
    type: 'quantitative',
    scale: { type: 'log', domain: logDomain([...rows, ...bound].map((r) => r.parameters)), nice: false },
    title: 'parameters of G at the stated width (log scale)',
  };
  return {
    title: {
      text: `Size of G at the stated width vs eps (${fig.target})`,
      subtitle: [
        `delta = ${fig.delta}; subset uses the calibrated constant C_D (calibrated, not proven)`,
        "dashed: Pensia et al.'s lower bound on the parameters of any construction (d = n_0)",
      ],
    },
    width: 420,
    height: 260,
    layer: [
      {
        name: 'constructions',
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y,
          color: { field: 'series', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 600 } },
        },
      },
      {
        name: 'lower-bound',
        data: { values: bound },
        mark: { type: 'line', color: '#222', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y, detail: { field: 'series', type: 'nominal' } },
      },
      {
        name: 'lower-bound-label',
        data: { values: bound.slice(0, 1) },
        mark: { type: 'text', color: '#222', align: 'left', baseline: 'top', dx: 4, dy: 4 },
        encoding: { x, y, text: { field: 'series' } },
      },
    ],
  } as vl.TopLevelSpec;
}
