/**
 * The audit's JUnit XML and figure data, on a hand-made audit result with every kind of line: a
 * lemma that holds and one refuted, an exact, a bracketed and a capped construction and one the
 * kernel rejected, claims supported, refuted and inconclusive at stated and undersized widths, a
 * changed counterexample. A JUnit case fails exactly when the audit counts a failure; the figures
 * pass the checks of properties/report/_figure-checks.ts.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { threeWayVerdict } from '../../src/stats/verdict.js';
import type { AuditResult, ClaimLine, ConstructionLine } from '../../src/audit/audit.js';
import { auditJUnit, boundRows, reportFigures, samplePoints, thresholdFigure } from '../../src/audit/report.js';
import { boundVsErrorProblems, failureRateProblems, samplesProblems } from '../report/_figure-checks.js';
import { attributeValues, junitSchemaErrors } from '../report/_junit-schema.js';

const q = (t: string): Rational => Rational.parse(t);

function construction(
  fixture: string,
  name: ConstructionLine['construction'],
  error: { lower: string; upper: string; exact: boolean; capped: boolean } | null,
  ok = true,
): ConstructionLine {
  return {
    fixture,
    construction: name,
    hypothesis: 'H',
    widths: '2,3,1',
    eps: '1/10',
    delta: '1/1000000000',
    eta: '1/40',
    pool: ['100', '200'],
    hiddenUnits: '300',
    ok,
    kernel: ok ? 'ACCEPT' : 'REJECT: gadget (layer 1, row 0, col 0) misses "w" by > eta & more',
    kernelVerdict: ok ? 'ACCEPT' : 'REJECT',
    kernelReason: ok ? null : 'gadget (layer 1, row 0, col 0) misses "w" by > eta & more',
    miss: null,
    atStatedWidth: ok,
    bound: error ? q(error.capped ? error.upper : '7/100') : null,
    errorLower: error ? q(error.lower) : null,
    errorUpper: error ? q(error.upper) : null,
    errorExact: error?.exact ?? false,
    errorCapped: error?.capped ?? false,
    errorMethod: error?.exact ? 'exact-d1' : 'bracket-branch-and-bound',
    activeWeights: 10,
    depth: 4,
  };
}

const delta = q('1/10');
const alpha = q('1/400');
const supported = threeWayVerdict(0, 200, delta, alpha);
const refuted = threeWayVerdict(150, 200, delta, alpha);
const inconclusive = threeWayVerdict(3, 20, delta, alpha);
const claim = (name: string, stated: boolean, verdict: typeof supported): ClaimLine => ({
  claim: name,
  fixture: 'd1-two-layer',
  width: stated ? 'stated' : 'scale 1/100',
  stated,
  widthScale: stated ? null : q('1/100'),
  pool: null,
  eps: '1/10',
  verdict,
  firstFailure: verdict.failures > 0 ? 'trial 3: no gadget <for> "w"' : null,
  firstFailureTrial: verdict.failures > 0 ? { index: 3, reason: 'no gadget <for> "w"' } : null,
});

const RESULT: AuditResult = {
  profile: 'quick',
  lemmas: [
    {
      name: 'relu-identity',
      statement: 'a = s(a) - s(-a)',
      holds: true,
      checks: 8,
      exactChecks: 8,
      refuted: [],
      results: [],
    },
    {
      name: 'covering',
      statement: 'k samples cover',
      holds: false,
      checks: 3,
      exactChecks: 3,
      refuted: [
        {
          lemma: 'covering',
          input: 'fixtures/x.json',
          holds: false,
          statement: 's',
          exact: true,
          figures: {},
          typed: [],
          checks: [],
          witness: { k: '3', eps: '1/4' },
        },
      ],
      results: [],
    },
  ],
  constructions: [
    construction('d1-single', 'pair', { lower: '1/250', upper: '1/250', exact: true, capped: false }),
    construction('d3-tight', 'pair', { lower: '1/500', upper: '7/200', exact: false, capped: true }),
    construction('d3-tight', 'product', { lower: '1/200', upper: '9/200', exact: false, capped: false }),
    construction('d4-wide', 'shared', null, false),
  ],
  claims: [
    claim('pair', true, supported),
    claim('shared', true, refuted),
    claim('product', true, inconclusive),
    claim('pair', false, refuted),
    claim('shared', false, inconclusive),
  ],
  alpha: q('1/20'),
  replay: {
    entries: 2,
    changed: 1,
    lines: ['pair: fixtures/counterexamples/a.json: as recorded', 'pair: b: changed'],
    results: [],
  },
  threshold: {
    claim: 'pair',
    statedPool: 5526n,
    points: [
      { scale: q('1'), pool: 5526n, failures: 0, trials: 120, lower: q('0'), upper: q('1/20'), verdict: 'supported' },
      {
        scale: q('1/2'),
        pool: 2763n,
        failures: 14,
        trials: 120,
        lower: q('1/20'),
        upper: q('1/4'),
        verdict: 'inconclusive',
      },
      { scale: q('1/4'), pool: 1382n, failures: 43, trials: 120, lower: q('1/4'), upper: q('1/2'), verdict: 'refuted' },
    ],
    threshold: 5526n,
    refutedBelow: 1382n,
    alphaEach: q('1/400'),
    trialsPerPoint: 120,
    fixture: 'd1-single',
    eps: '1/10',
    delta: '1/10',
  },
  subsetThreshold: null,
  passed: false,
  failures: [
    'lemma covering refuted on fixtures/x.json',
    'shared on d4-wide at its stated width: REJECT',
    'claim shared at its stated width is refuted',
    'claim product at its stated width is inconclusive',
    'counterexample b: changed',
  ],
  seconds: { lemmas: [0.1, 0.2], constructions: [1, 2, 3, 4], claims: [5, 6, 7, 8, 9.87654] },
};

describe('audit JUnit XML', () => {
  it('is valid against junit-10.xsd, one case per lemma, construction and claim plus the database', async () => {
    const xml = auditJUnit(RESULT);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<testsuites name="slth audit (quick)" tests="12" failures="5" errors="0"');
    expect(xml).toContain('<testsuite name="lemmas" tests="2" failures="1" errors="0" skipped="0" time="0.300">');
    expect(xml).toContain('<testsuite name="claims" tests="5" failures="2" errors="0" skipped="1" time="35.877">');
    expect(attributeValues(xml, 'classname')).toEqual([
      ...Array(2).fill('slth.audit.lemmas'),
      ...Array(4).fill('slth.audit.constructions'),
      ...Array(5).fill('slth.audit.claims'),
      'slth.audit.counterexamples',
    ]);
  });

  it('fails exactly the cases the audit counts as failures, and skips undersized claims not refuted', () => {
    const xml = auditJUnit(RESULT);
    const cases = xml.split('<testcase ').slice(1);
    const status = cases.map((c) =>
      c.includes('<failure') ? 'failed' : c.includes('<skipped') ? 'skipped' : 'passed',
    );
    expect(status).toEqual([
      'passed', // relu-identity
      'failed', // covering refuted
      'passed',
      'passed',
      'passed',
      'failed', // kernel REJECT
      'passed', // pair supported at stated width
      'failed', // shared refuted at stated width
      'failed', // product inconclusive at stated width
      'passed', // pair refuted at undersized width
      'skipped', // shared inconclusive at undersized width
      'failed', // a counterexample changed
    ]);
    expect(xml).toContain('witness k = 3, eps = 1/4');
    expect(xml).toContain('type="inconclusive"');
    expect(xml).toContain('time="9.877"');
  });
});

describe('audit figures', () => {
  it('bound rows carry the cap flag the audit recorded; exact and bracketed rows keep both ends', () => {
    expect(boundRows(RESULT)).toEqual([
      {
        fixture: 'd1-single',
        construction: 'pair',
        bound: 0.07,
        lower: 0.004,
        upper: 0.004,
        exact: true,
        capped: false,
      },
      {
        fixture: 'd3-tight',
        construction: 'pair',
        bound: 0.035,
        lower: 0.002,
        upper: 0.035,
        exact: false,
        capped: true,
      },
      {
        fixture: 'd3-tight',
        construction: 'product',
        bound: 0.07,
        lower: 0.005,
        upper: 0.045,
        exact: false,
        capped: false,
      },
    ]);
  });

  it('the three specifications pass the figure checks', () => {
    const specs = reportFigures(RESULT);
    expect(Object.keys(specs)).toEqual(['failure-rate.svg', 'bound-vs-error.svg', 'sizes.svg', 'samples.svg']);
    expect(boundVsErrorProblems(specs['bound-vs-error.svg'], { eps: q('1/10'), rows: boundRows(RESULT) })).toEqual([]);
    const t = RESULT.threshold as NonNullable<AuditResult['threshold']>;
    expect(failureRateProblems(specs['failure-rate.svg'], thresholdFigure(t, q(t.delta), 'x'))).toEqual([]);
    const points = samplePoints();
    expect(points.every((p) => p.success === '0.99' || p.success === '1 - eps0')).toBe(true);
    expect(
      samplesProblems(specs['samples.svg'], {
        points,
        references: [
          { power: 2, through: 'pair gadget (u ~ w and v ~ 1)' },
          { power: 1, through: 'one fixed target' },
        ],
      }),
    ).toEqual([]);
  });
});
