/**
 * The bound-vs-error figure of the audit as a vega-lite specification (a pure function of the
 * data; src/report/svg.ts renders it). One row per fixture and construction, on a log error axis
 * fitted to the data:
 *
 * - the certified Lemma 4 bound (docs/MATH.md §6) as a diamond;
 * - the true sup error as a point where it is exact (input dimension d <= 2), and as an interval
 *   from the exact witness lower end to the certified upper end where it is bracketed (d >= 3);
 * - an open square where the upper end is the Lemma 4 cap (branch-and-bound did not get below
 *   the bound in its budget, so the bound itself is the best certified upper end);
 * - a labelled vertical line at eps, the accuracy every construction was asked for.
 *
 * A zero lower end (or a zero exact error) has no place on a log axis: it is drawn at the axis'
 * left end and flagged `lowerIsZero` in the data.
 */
import type * as vl from 'vega-lite';
import type { Rational } from '../numeric/rational.js';
import { logDomain } from './log-domain.js';

/** One fixture and construction. */
export interface BoundRow {
  readonly fixture: string;
  readonly construction: string;
  /** The certified Lemma 4 bound. */
  readonly bound: number;
  /** Lower end of the true sup error (equal to `upper` when exact). */
  readonly lower: number;
  /** Upper end of the true sup error. */
  readonly upper: number;
  /** True when the sup error is known exactly. */
  readonly exact: boolean;
  /** True when the upper end is the Lemma 4 bound (the cap), not a branch-and-bound result. */
  readonly capped: boolean;
}

/** Everything the bound-vs-error figure shows. */
export interface BoundVsErrorFigure {
  /** The accuracy the constructions were asked for, exact. */
  readonly eps: Rational;
  readonly rows: readonly BoundRow[];
}

/** Legend entries, in order, with their colours. */
export const BOUND_KINDS = {
  bound: 'Lemma 4 bound, certified (diamond)',
  exact: 'true sup error, exact (dot)',
  bracket: 'true sup error, certified bracket (bar: lower to upper end)',
  cap: 'upper end capped at the Lemma 4 bound (open square)',
} as const;
const KIND_COLORS = ['#f58518', '#4c78a8', '#7b4ea3', '#e45756'];
const EPS_COLOR = '#54a24b';

/**
 * The vega-lite specification of the bound-vs-error figure.
 *
 * @example
 * ```ts
 * const spec = boundVsErrorSpec({ eps: Rational.of(1, 10), rows: [{ fixture: 'd3', construction: 'pair', bound: 0.09, lower: 0.001, upper: 0.004, exact: false, capped: false }] });
 * ```
 */
export function boundVsErrorSpec(fig: BoundVsErrorFigure): vl.TopLevelSpec {
  const eps = fig.eps.toNumber();
  const domain = logDomain([eps, ...fig.rows.flatMap((r) => [r.bound, r.lower, r.upper])]);
  const floor = (v: number): number => (v > 0 ? v : domain[0]);
  const rows = fig.rows.map((r) => ({
    row: `${r.fixture} (${r.construction})`,
    fixture: r.fixture,
    construction: r.construction,
    bound: r.bound,
    lower: floor(r.lower),
    upper: floor(r.upper),
    lowerIsZero: !(r.lower > 0),
    exact: r.exact,
    capped: r.capped,
  }));
  const kinds = Object.values(BOUND_KINDS);
  const x = (field: string, title?: string): Record<string, unknown> => ({
    field,
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false, padding: 12 },
    ...(title === undefined ? {} : { title }),
  });
  const y = { field: 'row', type: 'nominal', title: null, scale: { domain: rows.map((r) => r.row) } };
  // one colour legend; each entry names its mark's shape
  const kind = (k: string): Record<string, unknown> => ({
    color: {
      datum: k,
      type: 'nominal',
      scale: { domain: kinds, range: KIND_COLORS },
      legend: { orient: 'bottom', title: null, labelLimit: 500, direction: 'vertical' },
    },
  });
  return {
    title: {
      text: `Lemma 4 bound vs true sup error at eps = ${fig.eps.toString()}, per fixture and construction`,
      subtitle: [
        'true sup error: a point where exact (d <= 2), an interval where bracketed (d >= 3):',
        'from the exact witness lower end to the certified upper end;',
        'an open square marks an upper end that is the Lemma 4 cap (branch-and-bound stopped above it)',
      ],
    },
    width: 420,
    config: { legend: { labelLimit: 0 } },
    layer: [
      {
        name: 'eps-rule',
        data: { values: [{ eps }] },
        mark: { type: 'rule', color: EPS_COLOR, strokeDash: [4, 3] },
        encoding: { x: x('eps') },
      },
      {
        name: 'eps-label',
        data: { values: [{ eps, label: `eps = ${fig.eps.toString()}` }] },
        mark: { type: 'text', color: EPS_COLOR, align: 'left', baseline: 'top', dx: 4, dy: 2 },
        encoding: { x: x('eps'), y: { value: 0 }, text: { field: 'label' } },
      },
      {
        name: 'bracket-interval',
        data: { values: rows.filter((r) => !r.exact) },
        mark: { type: 'rule', strokeWidth: 3 },
        encoding: {
          y,
          x: x('lower', 'error (log scale)'),
          x2: { field: 'upper' },
          ...kind(BOUND_KINDS.bracket),
        },
      },
      {
        name: 'exact-error',
        data: { values: rows.filter((r) => r.exact) },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { y, x: x('upper', 'error (log scale)'), ...kind(BOUND_KINDS.exact) },
      },
      {
        name: 'bound',
        data: { values: rows },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70 },
        encoding: { y, x: x('bound', 'error (log scale)'), ...kind(BOUND_KINDS.bound) },
      },
      {
        name: 'cap-marker',
        data: { values: rows.filter((r) => r.capped) },
        mark: { type: 'point', shape: 'square', filled: false, size: 160, strokeWidth: 2 },
        encoding: { y, x: x('upper', 'error (log scale)'), ...kind(BOUND_KINDS.cap) },
      },
    ],
  } as vl.TopLevelSpec;
}
