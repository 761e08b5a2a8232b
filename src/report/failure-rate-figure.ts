/**
 * The failure-rate figure of a threshold study as a vega-lite specification (a pure function of
 * the data; src/report/svg.ts renders it): the observed failure rate against the pool size on a log
 * axis fitted to the evaluated sizes and the stated pool, each point's exact two-sided
 * Clopper-Pearson band shaded, and two labelled lines: the stated pool (the width the
 * explicit-constant theorem states) and delta (the claimed failure probability). The subtitle
 * states the band's confidence level and the number of trials behind every point.
 */
import type * as vl from 'vega-lite';
import { Rational } from '../numeric/rational.js';
import { logDomain } from './log-domain.js';

/** One evaluated pool size. */
export interface RatePoint {
  readonly pool: number;
  readonly failures: number;
  readonly trials: number;
  /** Lower end of the two-sided band of P(fail) (an estimate of the certified bound, for drawing). */
  readonly lower: number;
  /** Upper end of the band. */
  readonly upper: number;
}

/** Everything the failure-rate figure shows. */
export interface FailureRateFigure {
  readonly title: string;
  readonly points: readonly RatePoint[];
  readonly statedPool: number;
  /** The claimed failure probability, exact. */
  readonly delta: Rational;
  /** Level of each point's two-sided band: the band holds with probability >= 1 - bandAlpha. */
  readonly bandAlpha: Rational;
  readonly trialsPerPoint: number;
}

const BAND = '#4c78a8';
const STATED = '#e45756';
const DELTA = '#54a24b';

/**
 * The confidence level 1 - alpha as a percentage, rounded down (so the printed level is never
 * more than the true one).
 *
 * @example
 * ```ts
 * confidencePercent(Rational.of(1, 400)); // '99.75%'
 * ```
 */
export function confidencePercent(alpha: Rational): string {
  return `${Rational.ONE.sub(alpha).mul(Rational.of(100)).toDecimal(2, 'floor')}%`;
}

/**
 * The vega-lite specification of the failure-rate figure.
 *
 * @example
 * ```ts
 * const spec = failureRateSpec({ title: 'pair on d1-single', points, statedPool: 5479, delta: Rational.of(1, 10), bandAlpha: Rational.of(1, 380), trialsPerPoint: 120 });
 * ```
 */
export function failureRateSpec(fig: FailureRateFigure): vl.TopLevelSpec {
  const rows = [...fig.points]
    .sort((a, b) => a.pool - b.pool)
    .map((p) => ({
      pool: p.pool,
      failures: p.failures,
      trials: p.trials,
      rate: p.trials > 0 ? p.failures / p.trials : 0,
      lower: p.lower,
      upper: p.upper,
    }));
  const x = {
    field: 'pool',
    type: 'quantitative',
    scale: { type: 'log', domain: logDomain([...rows.map((r) => r.pool), fig.statedPool]), nice: false, padding: 8 },
    title: 'pool size k of the first target layer (log scale)',
  };
  const y = (field: string, title?: string): Record<string, unknown> => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, 1] },
    ...(title === undefined ? {} : { title }),
  });
  const delta = fig.delta.toNumber();
  return {
    title: {
      text: fig.title,
      subtitle: [
        `shaded: exact two-sided Clopper-Pearson band of P(fail), confidence ${confidencePercent(fig.bandAlpha)} at each point (alpha = ${fig.bandAlpha.toScientific(3, 'ceil')})`,
        `${fig.trialsPerPoint} trials per point (trial i uses the same seed at every pool size)`,
      ],
    },
    width: 420,
    height: 260,
    layer: [
      {
        name: 'band',
        data: { values: rows },
        mark: { type: 'area', opacity: 0.25, color: BAND },
        encoding: { x, y: y('lower', 'failure rate (failed trials / trials)'), y2: { field: 'upper' } },
      },
      {
        name: 'rate',
        data: { values: rows },
        mark: { type: 'line', point: true, color: BAND },
        encoding: { x, y: y('rate') },
      },
      {
        name: 'stated-pool-rule',
        data: { values: [{ pool: fig.statedPool }] },
        mark: { type: 'rule', color: STATED, strokeDash: [4, 3] },
        encoding: { x },
      },
      {
        name: 'stated-pool-label',
        data: { values: [{ pool: fig.statedPool, label: `stated pool k = ${fig.statedPool}` }] },
        mark: { type: 'text', color: STATED, align: 'right', baseline: 'top', dx: -4, dy: 4 },
        encoding: { x, y: { value: 0 }, text: { field: 'label' } },
      },
      {
        name: 'delta-rule',
        data: { values: [{ delta }] },
        mark: { type: 'rule', color: DELTA, strokeDash: [2, 2] },
        encoding: { y: y('delta') },
      },
      {
        name: 'delta-label',
        data: { values: [{ delta, label: `delta = ${fig.delta.toString()}` }] },
        mark: { type: 'text', color: DELTA, align: 'left', baseline: 'bottom', dx: 4, dy: -3 },
        encoding: { x: { value: 0 }, y: y('delta'), text: { field: 'label' } },
      },
    ],
  } as vl.TopLevelSpec;
}
