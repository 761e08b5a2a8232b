/**
 * The audit's figures say what a reader needs, checked on their vega-lite specifications as data:
 * the real builders pass the checkers of _figure-checks.ts on random data, and broken builders
 * (the eps rule dropped, brackets drawn as points, the cap unmarked, axes not fitted, the band's
 * level or the success probability unstated, a wrong reference slope) are rejected.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../src/numeric/rational.js';
import { renderSvg } from '../../src/report/svg.js';
import { logDomain } from '../../src/report/log-domain.js';
import { confidencePercent, failureRateSpec, type FailureRateFigure } from '../../src/report/failure-rate-figure.js';
import { boundVsErrorSpec, type BoundRow, type BoundVsErrorFigure } from '../../src/report/bound-vs-error-figure.js';
import { samplesSpec, type SamplesFigure } from '../../src/report/samples-figure.js';
import {
  boundVsErrorProblems,
  failureRateProblems,
  layersOf,
  markOf,
  samplesProblems,
  type Layer,
} from './_figure-checks.js';

/** A broken builder: the real specification with one change. */
function broken<F>(build: (fig: F) => unknown, change: (layers: Layer[], spec: Record<string, unknown>) => void) {
  return (fig: F): unknown => {
    const spec = structuredClone(build(fig)) as Record<string, unknown>;
    change(spec['layer'] as Layer[], spec);
    return spec;
  };
}
const withoutLayers =
  (test: (l: Layer) => boolean) =>
  (layers: Layer[]): void => {
    for (let i = layers.length - 1; i >= 0; i--) if (test(layers[i] as Layer)) layers.splice(i, 1);
  };
const unnice = (layers: Layer[]): void => {
  for (const l of layers) for (const c of Object.values(l.encoding ?? {})) if (c?.scale) c.scale.nice = true;
};

// ---------------------------------------------------------------- data

const positive = fc.integer({ min: 1, max: 1_000_000 }).map((k) => k / 1_000_000);
const epsArb = fc.constantFrom('1/10', '1/20', '1/8', '1/100').map((t) => Rational.parse(t));

const boundRowArb = (i: number): fc.Arbitrary<BoundRow> =>
  fc
    .record({
      construction: fc.constantFrom('pair', 'shared', 'product'),
      bound: positive,
      a: positive,
      b: positive,
      exact: fc.boolean(),
      capped: fc.boolean(),
    })
    .map(({ construction, bound, a, b, exact, capped }) => {
      const [lo, hi] = a < b ? [a, b] : [b, a + 1e-6];
      if (exact) return { fixture: `f${i}`, construction, bound, lower: lo, upper: lo, exact, capped: false };
      return capped
        ? { fixture: `f${i}`, construction, bound: hi, lower: lo, upper: hi, exact, capped }
        : { fixture: `f${i}`, construction, bound, lower: lo, upper: hi, exact, capped };
    });
const boundFigureArb: fc.Arbitrary<BoundVsErrorFigure> = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(epsArb, fc.tuple(...Array.from({ length: n }, (_, i) => boundRowArb(i)))))
  .map(([eps, rows]) => ({ eps, rows }));

const failureFigureArb: fc.Arbitrary<FailureRateFigure> = fc
  .record({
    stated: fc.integer({ min: 8, max: 10_000_000 }),
    scales: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
    trials: fc.integer({ min: 1, max: 2000 }),
    alphaDen: fc.integer({ min: 20, max: 100_000 }),
    delta: fc.constantFrom('1/10', '1/20', '1/1000'),
  })
  .map(({ stated, scales, trials, alphaDen, delta }) => ({
    title: 'pair: failure rate vs pool size',
    statedPool: stated,
    points: scales.map((s, i) => {
      const failures = (i * 7) % (trials + 1);
      return {
        pool: Math.max(1, Math.ceil((stated * s) / 1000)),
        failures,
        trials,
        lower: Math.max(0, failures / trials - 0.05),
        upper: Math.min(1, failures / trials + 0.05),
      };
    }),
    delta: Rational.parse(delta),
    bandAlpha: Rational.of(1, alphaDen),
    trialsPerPoint: trials,
  }));

const EPS0 = [1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64];
const samplesFigureArb: fc.Arbitrary<SamplesFigure> = fc
  .record({
    c2: fc.integer({ min: 1, max: 50 }),
    c1: fc.integer({ min: 1, max: 50 }),
    log: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ c2, c1, log }) => ({
    points: EPS0.flatMap((e) => [
      { eps0: e, scheme: 'pair gadget', samples: Math.ceil((c2 * Math.log(100)) / e ** 2), success: '0.99' },
      { eps0: e, scheme: 'one fixed target', samples: Math.ceil((c1 * Math.log(100)) / e), success: '0.99' },
      { eps0: e, scheme: 'subset sums', samples: Math.ceil(log * Math.log2(2 / e)), success: '1 - eps0' },
    ]),
    references: [
      { power: 2, through: 'pair gadget' },
      { power: 1, through: 'one fixed target' },
    ],
  }));

// fixed figures with every kind of row, for the negative controls
const BOUND_FIG: BoundVsErrorFigure = {
  eps: Rational.parse('1/10'),
  rows: [
    { fixture: 'd1-single', construction: 'pair', bound: 0.04, lower: 0.004, upper: 0.004, exact: true, capped: false },
    { fixture: 'd3-tight', construction: 'pair', bound: 0.035, lower: 0.002, upper: 0.035, exact: false, capped: true },
    {
      fixture: 'd3-tight',
      construction: 'product',
      bound: 0.07,
      lower: 0.005,
      upper: 0.045,
      exact: false,
      capped: false,
    },
  ],
};
const FAILURE_FIG: FailureRateFigure = {
  title: 'pair on d1-single: failure rate vs pool size',
  statedPool: 5526,
  points: [
    { pool: 5526, failures: 0, trials: 120, lower: 0, upper: 0.05 },
    { pool: 2763, failures: 14, trials: 120, lower: 0.05, upper: 0.23 },
    { pool: 1382, failures: 43, trials: 120, lower: 0.23, upper: 0.5 },
  ],
  delta: Rational.parse('1/10'),
  bandAlpha: Rational.of(1, 400),
  trialsPerPoint: 120,
};
const SAMPLES_FIG: SamplesFigure = fc.sample(samplesFigureArb, { numRuns: 1, seed: 7 })[0] as SamplesFigure;

// ---------------------------------------------------------------- tests

describe('figure specifications (data, not pixels)', () => {
  it('bound-vs-error: eps ruled, brackets as intervals, exact errors as points, caps marked, axis fitted', () => {
    fc.assert(
      fc.property(boundFigureArb, (fig) => {
        expect(boundVsErrorProblems(boundVsErrorSpec(fig), fig)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('failure-rate: stated pool and delta ruled and labelled, level and trials stated, x axis fitted', () => {
    fc.assert(
      fc.property(failureFigureArb, (fig) => {
        expect(failureRateProblems(failureRateSpec(fig), fig)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('samples: success probabilities stated, reference slopes 1/eps0^2 and 1/eps0, axes fitted', () => {
    fc.assert(
      fc.property(samplesFigureArb, (fig) => {
        expect(samplesProblems(samplesSpec(fig), fig)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('capped rows are flagged in the data of the marker layer, and only those', () => {
    const layers = layersOf(boundVsErrorSpec(BOUND_FIG));
    const flagged = layers.flatMap((l) => (l.data?.values ?? []).filter((r) => r['capped'] === true));
    expect(new Set(flagged.map((r) => r['row']))).toEqual(new Set(['d3-tight (pair)']));
    const bracket = layers.find((l) => markOf(l) === 'rule' && l.encoding?.['x2'] !== undefined) as Layer;
    expect(bracket.data?.values?.map((r) => [r['lower'], r['upper']])).toEqual([
      [0.002, 0.035],
      [0.005, 0.045],
    ]);
  });
});

describe('negative controls: broken figure builders are rejected', () => {
  it('bound-vs-error without the eps rule', () => {
    const build = broken(
      boundVsErrorSpec,
      withoutLayers((l) => markOf(l) === 'rule' && l.encoding?.['x2'] === undefined),
    );
    expect(boundVsErrorProblems(build(BOUND_FIG), BOUND_FIG)).toContain('no rule at eps');
  });

  it('bound-vs-error with the eps rule at the wrong value', () => {
    const build = broken(boundVsErrorSpec, (layers) => {
      for (const l of layers) for (const r of l.data?.values ?? []) if ('eps' in r) r['eps'] = 0.2;
    });
    expect(boundVsErrorProblems(build(BOUND_FIG), BOUND_FIG)).toContain('no rule at eps');
  });

  it('bound-vs-error plotting brackets as points at their upper end (the old figure)', () => {
    const build = broken(boundVsErrorSpec, (layers) => {
      const l = layers.find((x) => markOf(x) === 'rule' && x.encoding?.['x2'] !== undefined) as Layer;
      l.mark = { type: 'point', filled: true };
      (l.encoding as Record<string, unknown>)['x'] = { ...l.encoding?.['x'], field: 'upper' };
      delete (l.encoding as Record<string, unknown>)['x2'];
    });
    const problems = boundVsErrorProblems(build(BOUND_FIG), BOUND_FIG);
    expect(problems).toContain('bracket of d3-tight (product) is not an interval from 0.005 to 0.045');
    expect(problems.some((p) => p.includes('draws a bracket as a point'))).toBe(true);
  });

  it('bound-vs-error drawing a bracket from zero instead of its lower end', () => {
    const build = broken(boundVsErrorSpec, (layers) => {
      for (const l of layers) for (const r of l.data?.values ?? []) if (r['exact'] === false) r['lower'] = 1e-9;
    });
    expect(boundVsErrorProblems(build(BOUND_FIG), BOUND_FIG).some((p) => p.includes('is not an interval'))).toBe(true);
  });

  it('bound-vs-error without the cap marker, or with the capped flag dropped', () => {
    const noMarker = broken(
      boundVsErrorSpec,
      withoutLayers(
        (l) =>
          (l.data?.values ?? []).some((r) => r['capped'] === true) &&
          markOf(l) === 'point' &&
          (l.data?.values ?? []).every((r) => r['capped'] === true),
      ),
    );
    expect(boundVsErrorProblems(noMarker(BOUND_FIG), BOUND_FIG)).toContain(
      'capped upper end of d3-tight (pair) is not marked',
    );
    const noFlag = broken(boundVsErrorSpec, (layers) => {
      for (const l of layers) for (const r of l.data?.values ?? []) r['capped'] = false;
    });
    expect(boundVsErrorProblems(noFlag(BOUND_FIG), BOUND_FIG)).toContain(
      'capped upper end of d3-tight (pair) is not marked',
    );
  });

  it('bound-vs-error on a niced or stretched axis', () => {
    expect(
      boundVsErrorProblems(broken(boundVsErrorSpec, unnice)(BOUND_FIG), BOUND_FIG).some((p) => p.includes('niced')),
    ).toBe(true);
    const stretched = broken(boundVsErrorSpec, (layers) => {
      for (const l of layers) if (l.encoding?.['x']?.scale) l.encoding['x'].scale.domain = [1e-6, 1];
    });
    expect(boundVsErrorProblems(stretched(BOUND_FIG), BOUND_FIG).some((p) => p.includes('does not fit'))).toBe(true);
  });

  it('failure-rate without labels, level, trials per point or a fitted axis', () => {
    const noText = broken(
      failureRateSpec,
      withoutLayers((l) => markOf(l) === 'text'),
    );
    expect(failureRateProblems(noText(FAILURE_FIG), FAILURE_FIG)).toEqual(
      expect.arrayContaining(['stated pool unlabelled', 'delta unlabelled']),
    );
    const noRules = broken(
      failureRateSpec,
      withoutLayers((l) => markOf(l) === 'rule'),
    );
    expect(failureRateProblems(noRules(FAILURE_FIG), FAILURE_FIG)).toEqual(
      expect.arrayContaining(['no rule at the stated pool', 'no rule at delta']),
    );
    const bareTitle = broken(failureRateSpec, (_layers, spec) => {
      spec['title'] = FAILURE_FIG.title;
    });
    expect(failureRateProblems(bareTitle(FAILURE_FIG), FAILURE_FIG)).toEqual(
      expect.arrayContaining([
        `the band's confidence level ${confidencePercent(FAILURE_FIG.bandAlpha)} is not stated`,
        'trials per point not stated',
      ]),
    );
    // the old figure: a log axis with vega's default domain (niced to powers of ten)
    const defaultAxis = broken(failureRateSpec, (layers) => {
      for (const l of layers) if (l.encoding?.['x']?.scale) l.encoding['x'].scale = { type: 'log' };
    });
    expect(failureRateProblems(defaultAxis(FAILURE_FIG), FAILURE_FIG).some((p) => p.includes('pool axis'))).toBe(true);
  });

  it('samples without success probabilities, with a wrong reference slope, or without references', () => {
    const noSuccess = broken(samplesSpec, (layers) => {
      for (const l of layers) for (const r of l.data?.values ?? []) if ('series' in r) r['series'] = r['scheme'];
    });
    expect(samplesProblems(noSuccess(SAMPLES_FIG), SAMPLES_FIG).some((p) => p.includes('success probability'))).toBe(
      true,
    );
    const wrongSlope = (fig: SamplesFigure): unknown =>
      samplesSpec({ ...fig, references: fig.references.map((r) => ({ ...r, power: r.power === 2 ? 1.5 : r.power })) });
    expect(samplesProblems(wrongSlope(SAMPLES_FIG), SAMPLES_FIG)).toContain('no reference line of slope 1/eps0^2');
    const noReferences = broken(
      samplesSpec,
      withoutLayers((l) => l.encoding?.['detail'] !== undefined),
    );
    expect(samplesProblems(noReferences(SAMPLES_FIG), SAMPLES_FIG)).toEqual(
      expect.arrayContaining(['no reference line of slope 1/eps0^2', 'no reference line of slope 1/eps0^1']),
    );
    expect(
      samplesProblems(broken(samplesSpec, unnice)(SAMPLES_FIG), SAMPLES_FIG).some((p) => p.includes('niced')),
    ).toBe(true);
  });
});

describe('rendering', () => {
  it('is deterministic and the SVG carries the labels', async () => {
    for (const [spec, words] of [
      [boundVsErrorSpec(BOUND_FIG), ['eps = 1/10', 'upper end capped at the Lemma 4 bound', 'certified bracket']],
      [
        failureRateSpec(FAILURE_FIG),
        ['stated pool k = 5526', 'delta = 1/10', 'confidence 99.75%', '120 trials per point'],
      ],
      [samplesSpec(SAMPLES_FIG), ['reference slope 1/eps0^2', 'reference slope 1/eps0', 'P(success) &gt;= 0.99']],
    ] as const) {
      const a = await renderSvg(spec);
      const b = await renderSvg(spec);
      expect(a).toBe(b);
      for (const w of words) expect(a).toContain(w);
    }
  });
});

describe('axis helpers', () => {
  it('logDomain is the positive extent of the data', () => {
    fc.assert(
      fc.property(fc.array(positive, { minLength: 2 }), fc.array(fc.constantFrom(0, -1)), (vs, junk) => {
        const [lo, hi] = logDomain([...vs, ...junk]);
        if (Math.min(...vs) === Math.max(...vs)) expect([lo, hi]).toEqual([vs[0]! / 2, vs[0]! * 2]);
        else expect([lo, hi]).toEqual([Math.min(...vs), Math.max(...vs)]);
      }),
    );
    expect(logDomain([])).toEqual([1, 10]);
  });

  it('confidencePercent rounds down', () => {
    expect(confidencePercent(Rational.of(1, 400))).toBe('99.75%');
    expect(confidencePercent(Rational.of(1, 3))).toBe('66.66%');
    expect(confidencePercent(Rational.of(1, 380))).toBe('99.73%');
  });
});
