/**
 * The samples figure of the audit as a vega-lite specification (a pure function of the data;
 * src/report/svg.ts renders it): samples needed against eps0 on log-log axes fitted to the data,
 * one line per scheme with the success probability that series is for in its legend entry, and
 * dashed reference lines of slope 1/eps0^p (p = 2 and 1 in the audit), each through one series'
 * value at the largest eps0, so that the eye can compare growth rates.
 */
import type * as vl from 'vega-lite';
import { logDomain } from './log-domain.js';

/** Samples needed by one scheme at one eps0. */
export interface SamplePoint {
  readonly eps0: number;
  readonly scheme: string;
  readonly samples: number;
  /** The success probability the sample count is for, as text (e.g. '0.99', '1 - eps0'). */
  readonly success: string;
}

/** A reference line c / eps0^power through a series' value at the largest eps0. */
export interface ReferenceSlope {
  readonly power: number;
  /** The scheme whose value at the largest eps0 the line passes through. */
  readonly through: string;
}

/** Everything the samples figure shows. */
export interface SamplesFigure {
  readonly points: readonly SamplePoint[];
  readonly references: readonly ReferenceSlope[];
}

/**
 * A series' legend label: the scheme and its success probability.
 *
 * @example
 * ```ts
 * seriesLabel({ eps0: 0.25, scheme: 'covering [-1, 1]', samples: 20, success: '0.99' }); // 'covering [-1, 1], P(success) >= 0.99'
 * ```
 */
export function seriesLabel(p: SamplePoint): string {
  return `${p.scheme}, P(success) >= ${p.success}`;
}

/**
 * The label of a reference line.
 *
 * @example
 * ```ts
 * referenceLabel(2); // 'reference slope 1/eps0^2'
 * ```
 */
export function referenceLabel(power: number): string {
  return power === 1 ? 'reference slope 1/eps0' : `reference slope 1/eps0^${power}`;
}

/**
 * The vega-lite specification of the samples figure.
 *
 * @example
 * ```ts
 * const spec = samplesSpec({ points, references: [{ power: 2, through: 'pair gadget' }, { power: 1, through: 'one fixed target' }] });
 * ```
 */
export function samplesSpec(fig: SamplesFigure): vl.TopLevelSpec {
  const rows = fig.points.map((p) => ({ ...p, series: seriesLabel(p) }));
  const eps0s = [...new Set(rows.map((r) => r.eps0))].sort((a, b) => a - b);
  const largest = eps0s[eps0s.length - 1];
  const references = fig.references.flatMap((ref) => {
    const anchor = rows.find((r) => r.scheme === ref.through && r.eps0 === largest);
    if (anchor === undefined || largest === undefined) return [];
    return eps0s.map((eps0) => ({
      eps0,
      samples: anchor.samples * (largest / eps0) ** ref.power,
      power: ref.power,
      through: ref.through,
      reference: referenceLabel(ref.power),
    }));
  });
  const smallest = eps0s[0];
  const labels = references.filter((r) => r.eps0 === smallest);
  const x = {
    field: 'eps0',
    type: 'quantitative',
    scale: { type: 'log', domain: logDomain(eps0s), nice: false, padding: 8 },
    title: 'eps0 (log scale)',
  };
  const y = {
    field: 'samples',
    type: 'quantitative',
    scale: { type: 'log', domain: logDomain([...rows, ...references].map((r) => r.samples)), nice: false },
    title: 'samples needed (log scale)',
  };
  return {
    title: {
      text: 'Samples needed vs eps0',
      subtitle: [
        'each series: the least number of samples that succeeds with the probability in its legend entry',
        'dashed: reference slopes 1/eps0^2 and 1/eps0, through a series at the largest eps0',
      ],
    },
    width: 420,
    height: 260,
    layer: [
      {
        name: 'series',
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y,
          color: {
            field: 'series',
            type: 'nominal',
            legend: { orient: 'bottom', title: null, labelLimit: 600, direction: 'vertical' },
          },
        },
      },
      {
        name: 'reference-slopes',
        data: { values: references },
        mark: { type: 'line', color: '#222', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y, detail: { field: 'reference', type: 'nominal' } },
      },
      {
        name: 'reference-labels',
        data: { values: labels },
        mark: { type: 'text', color: '#222', align: 'left', baseline: 'bottom', dx: 6, dy: -4 },
        encoding: { x, y, text: { field: 'reference' } },
      },
    ],
  } as vl.TopLevelSpec;
}
