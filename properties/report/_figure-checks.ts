/**
 * What a reader must be able to trust in each figure, checked on the vega-lite specification as
 * data (never on pixels). Each checker returns the list of problems it finds (empty: the figure
 * says what it must); the tests run them on the real specification builders and on broken ones
 * (negative controls), which they must reject.
 *
 * The checkers look at marks, encodings and inline data, not at layer names, so a builder cannot
 * pass by naming a layer right.
 */
import type { BoundVsErrorFigure } from '../../src/report/bound-vs-error-figure.js';
import type { FailureRateFigure } from '../../src/report/failure-rate-figure.js';
import { confidencePercent } from '../../src/report/failure-rate-figure.js';
import type { SamplesFigure } from '../../src/report/samples-figure.js';

/** A position or mark-property channel of a layer. */
export interface Channel {
  field?: string;
  datum?: unknown;
  value?: unknown;
  scale?: { type?: string; domain?: unknown; nice?: boolean };
}

/** One layer of a layered vega-lite specification, as the checkers read it. */
export interface Layer {
  name?: string;
  mark: string | { type: string; shape?: string; [k: string]: unknown };
  data?: { values?: Record<string, unknown>[] };
  encoding?: Record<string, Channel | undefined>;
}

/** The parts of a specification the checkers read. */
export interface Spec {
  title?: unknown;
  layer: Layer[];
}

/** The specification as data. */
export const asSpec = (spec: unknown): Spec => spec as Spec;
/** The layers of a specification. */
export const layersOf = (spec: unknown): Layer[] => asSpec(spec).layer ?? [];
/** The type of a layer's mark. */
export const markOf = (l: Layer): string => (typeof l.mark === 'string' ? l.mark : l.mark.type);
/** A layer's inline data rows. */
export const rowsOf = (l: Layer): Record<string, unknown>[] => l.data?.values ?? [];
/** The title and subtitle as one text. */
export const titleText = (spec: unknown): string => JSON.stringify(asSpec(spec).title ?? '');

const POINTLIKE = new Set(['point', 'circle', 'square', 'tick']);
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/** Problems with the domains of a channel: every layer's scale on it is log, unnice, [lo, hi]. */
function domainProblems(spec: unknown, channel: 'x' | 'y', lo: number, hi: number, what: string): string[] {
  const problems: string[] = [];
  const scaled = layersOf(spec)
    .map((l) => l.encoding?.[channel])
    .filter((c): c is Channel => c !== undefined && c.field !== undefined);
  if (scaled.length === 0) return [`no layer encodes ${channel}`];
  for (const c of scaled) {
    const d = c.scale?.domain;
    if (!Array.isArray(d) || d.length !== 2 || !close(d[0] as number, lo) || !close(d[1] as number, hi))
      problems.push(`${what} axis domain ${JSON.stringify(d)} does not fit the data [${lo}, ${hi}]`);
    if (c.scale?.nice !== false) problems.push(`${what} axis is niced beyond the data`);
  }
  return problems;
}

/** A vertical rule at x = value (data row with that value in the x field, no y field, no x2). */
function hasVerticalRule(spec: unknown, value: number): boolean {
  return layersOf(spec).some((l) => {
    const x = l.encoding?.['x'];
    return (
      markOf(l) === 'rule' &&
      x?.field !== undefined &&
      l.encoding?.['x2'] === undefined &&
      l.encoding?.['y']?.field === undefined &&
      rowsOf(l).some((r) => r[x.field as string] === value)
    );
  });
}

/** A horizontal rule at y = value. */
function hasHorizontalRule(spec: unknown, value: number): boolean {
  return layersOf(spec).some((l) => {
    const y = l.encoding?.['y'];
    return (
      markOf(l) === 'rule' &&
      y?.field !== undefined &&
      l.encoding?.['y2'] === undefined &&
      l.encoding?.['x']?.field === undefined &&
      rowsOf(l).some((r) => r[y.field as string] === value)
    );
  });
}

/** A text mark whose text contains `words`, placed at `channel` = value. */
function hasLabel(spec: unknown, words: string, channel: 'x' | 'y', value: number): boolean {
  return layersOf(spec).some((l) => {
    const text = l.encoding?.['text']?.field;
    const pos = l.encoding?.[channel]?.field;
    return (
      markOf(l) === 'text' &&
      text !== undefined &&
      pos !== undefined &&
      rowsOf(l).some((r) => String(r[text]).includes(words) && r[pos] === value)
    );
  });
}

/**
 * Problems of a failure-rate figure: the stated pool and delta drawn and labelled, the band's
 * confidence level and the trials per point stated, the x axis fitted to the data.
 *
 * @example
 * ```ts
 * failureRateProblems(failureRateSpec(fig), fig); // []
 * ```
 */
export function failureRateProblems(spec: unknown, fig: FailureRateFigure): string[] {
  const problems: string[] = [];
  const delta = fig.delta.toNumber();
  if (!hasVerticalRule(spec, fig.statedPool)) problems.push('no rule at the stated pool');
  if (!hasLabel(spec, `stated pool k = ${fig.statedPool}`, 'x', fig.statedPool))
    problems.push('stated pool unlabelled');
  if (!hasHorizontalRule(spec, delta)) problems.push('no rule at delta');
  if (!hasLabel(spec, `delta = ${fig.delta.toString()}`, 'y', delta)) problems.push('delta unlabelled');
  const title = titleText(spec);
  if (!title.includes(`confidence ${confidencePercent(fig.bandAlpha)}`))
    problems.push(`the band's confidence level ${confidencePercent(fig.bandAlpha)} is not stated`);
  if (!title.includes(`${fig.trialsPerPoint} trials per point`)) problems.push('trials per point not stated');
  const band = layersOf(spec).find(
    (l) => markOf(l) === 'area' && l.encoding?.['y']?.field !== undefined && l.encoding?.['y2']?.field !== undefined,
  );
  if (!band) problems.push('no band (area from lower to upper)');
  else {
    const [lo, hi] = [band.encoding?.['y']?.field as string, band.encoding?.['y2']?.field as string];
    for (const p of fig.points)
      if (!rowsOf(band).some((r) => r[lo] === p.lower && r[hi] === p.upper))
        problems.push(`band misses pool ${p.pool}`);
  }
  const pools = [...fig.points.map((p) => p.pool), fig.statedPool];
  problems.push(...domainProblems(spec, 'x', Math.min(...pools), Math.max(...pools), 'pool'));
  return problems;
}

/**
 * Problems of a bound-vs-error figure: eps drawn, every bracket an interval from its lower to its
 * upper end (never a point), every exact error a point, every capped row marked, the bound drawn,
 * the error axis fitted to the data.
 *
 * @example
 * ```ts
 * boundVsErrorProblems(boundVsErrorSpec(fig), fig); // []
 * ```
 */
export function boundVsErrorProblems(spec: unknown, fig: BoundVsErrorFigure): string[] {
  const problems: string[] = [];
  const eps = fig.eps.toNumber();
  if (!hasVerticalRule(spec, eps)) problems.push('no rule at eps');
  if (!hasLabel(spec, `eps = ${fig.eps.toString()}`, 'x', eps)) problems.push('eps unlabelled');
  const layers = layersOf(spec);
  const rowOf = (l: Layer, fixture: string, construction: string): Record<string, unknown>[] => {
    const y = l.encoding?.['y']?.field;
    return y === undefined
      ? []
      : rowsOf(l).filter((r) => String(r[y]).includes(fixture) && String(r[y]).includes(construction));
  };
  const at = (l: Layer, ch: 'x' | 'x2', r: Record<string, unknown>): unknown => {
    const f = l.encoding?.[ch]?.field;
    return f === undefined ? undefined : r[f];
  };
  for (const row of fig.rows) {
    const id = `${row.fixture} (${row.construction})`;
    if (!row.exact) {
      const interval = layers.some(
        (l) =>
          (markOf(l) === 'rule' || markOf(l) === 'bar') &&
          rowOf(l, row.fixture, row.construction).some(
            (r) => at(l, 'x', r) === row.lower && at(l, 'x2', r) === row.upper,
          ),
      );
      if (!interval) problems.push(`bracket of ${id} is not an interval from ${row.lower} to ${row.upper}`);
    } else if (
      !layers.some(
        (l) =>
          POINTLIKE.has(markOf(l)) &&
          rowOf(l, row.fixture, row.construction).some((r) => at(l, 'x', r) === row.upper && r['exact'] === true),
      )
    )
      problems.push(`exact error of ${id} is not a point at ${row.upper}`);
    if (
      !layers.some(
        (l) =>
          POINTLIKE.has(markOf(l)) && rowOf(l, row.fixture, row.construction).some((r) => at(l, 'x', r) === row.bound),
      )
    )
      problems.push(`bound of ${id} not drawn`);
    if (row.capped) {
      const marked = layers.some(
        (l) =>
          POINTLIKE.has(markOf(l)) &&
          rowsOf(l).length > 0 &&
          rowsOf(l).every((r) => r['capped'] === true) &&
          rowOf(l, row.fixture, row.construction).some((r) => at(l, 'x', r) === row.upper),
      );
      if (!marked) problems.push(`capped upper end of ${id} is not marked`);
    }
  }
  // a point that is not the bound and not a cap marker may only show an exact error
  for (const l of layers.filter((x) => POINTLIKE.has(markOf(x)))) {
    const capLayer = rowsOf(l).length > 0 && rowsOf(l).every((r) => r['capped'] === true);
    const boundLayer = rowsOf(l).every((r) => at(l, 'x', r) === r['bound']);
    if (!capLayer && !boundLayer && rowsOf(l).some((r) => r['exact'] !== true))
      problems.push(`layer ${l.name ?? '?'} draws a bracket as a point`);
  }
  const values = [eps, ...fig.rows.flatMap((r) => [r.bound, r.lower, r.upper])].filter((v) => v > 0);
  problems.push(...domainProblems(spec, 'x', Math.min(...values), Math.max(...values), 'error'));
  return problems;
}

/** The exponent p of a series that follows c / eps0^p exactly (null if it does not). */
function powerLaw(rows: readonly { eps0: number; samples: number }[]): number | null {
  if (rows.length < 3) return null;
  const slopes = rows
    .slice(1)
    .map((r, i) => -Math.log(r.samples / (rows[i]?.samples ?? 1)) / Math.log(r.eps0 / (rows[i]?.eps0 ?? 1)));
  const p = slopes[0] as number;
  return slopes.every((s) => Math.abs(s - p) < 1e-9) ? Math.round(p * 1e6) / 1e6 : null;
}

/**
 * Problems of a samples figure: every series' success probability stated, reference lines of
 * slope 1/eps0^p for each asked p (measured from their data), both axes fitted to the data.
 *
 * @example
 * ```ts
 * samplesProblems(samplesSpec(fig), fig); // []
 * ```
 */
export function samplesProblems(spec: unknown, fig: SamplesFigure): string[] {
  const problems: string[] = [];
  const layers = layersOf(spec);
  for (const p of fig.points) {
    const labelled = layers.some((l) => {
      const color = l.encoding?.['color']?.field;
      return (
        color !== undefined &&
        rowsOf(l).some(
          (r) =>
            r['eps0'] === p.eps0 &&
            r['samples'] === p.samples &&
            String(r[color]).includes(p.scheme) &&
            String(r[color]).includes(`P(success) >= ${p.success}`),
        )
      );
    });
    if (!labelled) problems.push(`${p.scheme} at ${p.eps0}: success probability ${p.success} not stated`);
  }
  // reference lines: line layers grouped by their detail field, each an exact power law
  const exponents: number[] = [];
  const plotted: number[] = [];
  for (const l of layers) {
    const y = l.encoding?.['y']?.field;
    if (y !== undefined) plotted.push(...rowsOf(l).map((r) => r[y] as number));
    const detail = l.encoding?.['detail']?.field;
    if (markOf(l) !== 'line' || detail === undefined) continue;
    const groups = new Map<string, { eps0: number; samples: number }[]>();
    for (const r of rowsOf(l)) {
      const k = String(r[detail]);
      groups.set(k, [...(groups.get(k) ?? []), { eps0: r['eps0'] as number, samples: r['samples'] as number }]);
    }
    for (const rows of groups.values()) {
      const e = powerLaw([...rows].sort((a, b) => a.eps0 - b.eps0));
      if (e !== null) exponents.push(e);
    }
  }
  for (const ref of fig.references)
    if (!exponents.includes(ref.power)) problems.push(`no reference line of slope 1/eps0^${ref.power}`);
  const eps0s = fig.points.map((p) => p.eps0);
  problems.push(...domainProblems(spec, 'x', Math.min(...eps0s), Math.max(...eps0s), 'eps0'));
  problems.push(...domainProblems(spec, 'y', Math.min(...plotted), Math.max(...plotted), 'samples'));
  if (Math.min(...plotted) > Math.min(...fig.points.map((p) => p.samples))) problems.push('samples axis misses data');
  return problems;
}
