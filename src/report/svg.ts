/**
 * SVG figures rendered in Node by vega from vega-lite specifications (no hand-written paths).
 * Rendering uses vega's headless 'none' renderer, so no canvas or browser is needed, and the same
 * data always gives the same SVG text.
 */
import type * as vl from 'vega-lite';

/**
 * Renders a vega-lite specification to an SVG string.
 *
 * @example
 * ```ts
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
 * ```
 */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  // loaded on first use: vega is most of the CLI's start-up time, and only figures need it
  const [vega, vlRuntime] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vlRuntime.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** One point of a failure-rate study. */
export interface RatePoint {
  readonly pool: number;
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Failure rate vs pool size with exact confidence bands (Clopper-Pearson), the stated width and
 * delta marked. Pool sizes on a log axis.
 *
 * @example
 * ```ts
 * const svg = await failureRateChart(points, 16481704, 0.1, 'pair on d1-single');
 * ```
 */
export async function failureRateChart(
  points: readonly RatePoint[],
  statedPool: number,
  delta: number,
  title: string,
): Promise<string> {
  const data = points.map((p) => ({ ...p }));
  return renderSvg({
    title,
    width: 420,
    height: 260,
    layer: [
      {
        data: { values: data },
        mark: { type: 'area', opacity: 0.25, color: '#4c78a8' },
        encoding: {
          x: { field: 'pool', type: 'quantitative', scale: { type: 'log' }, title: 'pool size k (log scale)' },
          y: { field: 'lower', type: 'quantitative', title: 'failure rate', scale: { domain: [0, 1] } },
          y2: { field: 'upper' },
        },
      },
      {
        data: { values: data },
        mark: { type: 'line', point: true, color: '#4c78a8' },
        encoding: {
          x: { field: 'pool', type: 'quantitative', scale: { type: 'log' } },
          y: { field: 'rate', type: 'quantitative' },
        },
      },
      {
        data: { values: [{ pool: statedPool, label: 'stated width' }] },
        mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] },
        encoding: { x: { field: 'pool', type: 'quantitative' } },
      },
      {
        data: { values: [{ delta, label: 'delta' }] },
        mark: { type: 'rule', color: '#54a24b', strokeDash: [2, 2] },
        encoding: { y: { field: 'delta', type: 'quantitative' } },
      },
    ],
  } as vl.TopLevelSpec);
}

/** One fixture's bound and true error. */
export interface BoundPoint {
  readonly fixture: string;
  readonly construction: string;
  readonly bound: number;
  readonly trueError: number;
}

/**
 * The Lemma 4 bound vs the exact (or bracketed) sup error per fixture and construction, log scale.
 *
 * @example
 * ```ts
 * const svg = await boundVsErrorChart([{ fixture: 'd1-single', construction: 'pair', bound: 0.03, trueError: 0.001 }]);
 * ```
 */
export async function boundVsErrorChart(points: readonly BoundPoint[]): Promise<string> {
  const rows = points.map((p) => ({
    fixture: `${p.fixture} (${p.construction})`,
    bound: p.bound,
    trueError: p.trueError,
  }));
  const values = points.flatMap((p) => [
    { fixture: `${p.fixture} (${p.construction})`, kind: 'Lemma 4 bound', value: p.bound },
    { fixture: `${p.fixture} (${p.construction})`, kind: 'true sup error (or bracket upper end)', value: p.trueError },
  ]);
  return renderSvg({
    title: 'Lemma 4 bound vs true sup error, per fixture and construction',
    width: 420,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rule', color: '#999' },
        encoding: {
          y: { field: 'fixture', type: 'nominal', title: null, sort: null },
          x: { field: 'trueError', type: 'quantitative', scale: { type: 'log' }, title: 'error (log scale)' },
          x2: { field: 'bound' },
        },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          y: { field: 'fixture', type: 'nominal', sort: null },
          x: { field: 'value', type: 'quantitative', scale: { type: 'log' } },
          color: {
            field: 'kind',
            type: 'nominal',
            legend: { orient: 'bottom', title: null, labelLimit: 400, direction: 'vertical' },
          },
        },
      },
    ],
  } as vl.TopLevelSpec);
}

/** Samples needed by each scheme at one eps0. */
export interface SamplePoint {
  readonly eps0: number;
  readonly scheme: string;
  readonly samples: number;
}

/**
 * Samples needed vs eps0 for the post's pair gadget, covering and subset sums (log-log).
 *
 * @example
 * ```ts
 * const svg = await samplesChart([{ eps0: 0.1, scheme: 'pair', samples: 1800 }]);
 * ```
 */
export async function samplesChart(points: readonly SamplePoint[]): Promise<string> {
  return renderSvg({
    title: 'Samples needed vs eps0',
    width: 420,
    height: 260,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'eps0', type: 'quantitative', scale: { type: 'log' }, title: 'eps0 (log scale)' },
      y: { field: 'samples', type: 'quantitative', scale: { type: 'log' }, title: 'samples (log scale)' },
      color: {
        field: 'scheme',
        type: 'nominal',
        legend: { orient: 'bottom', title: null, labelLimit: 400, direction: 'vertical' },
      },
    },
  } as vl.TopLevelSpec);
}
