/**
 * The audit's report: `report.md` (a short results section), `report.json` (every figure, exact
 * values as "p/q" strings), SVG figures rendered by vega from specifications built here from the
 * audit's data ({@link reportFigures}), and the JUnit XML of its lemmas, constructions and claims
 * ({@link auditJUnit}).
 */
import { widthSpec, type WidthFigure, type WidthPoint } from '../report/width-figure.js';
import { statedWidth } from '../theory/stated-width.js';
import { ALL_CONSTRUCTIONS } from '../theory/construction-name.js';
import { pensiaLowerBound } from '../lemmas/counting.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rational } from '../numeric/rational.js';
import { coverTable, TABLE_EPS0 } from '../lemmas/cover-table.js';
import type * as vl from 'vega-lite';
import { renderSvg } from '../report/svg.js';
import { failureRateSpec, type FailureRateFigure } from '../report/failure-rate-figure.js';
import { boundVsErrorSpec, type BoundRow } from '../report/bound-vs-error-figure.js';
import { samplesSpec, type SamplePoint } from '../report/samples-figure.js';
import { junitXml, type JUnitCase } from '../report/junit.js';
import { verdictCase } from '../report/verdict-case.js';
import { thresholdPointJson, type ThresholdResult } from '../falsify/threshold.js';
import { verdictJson, type VerdictResult } from '../stats/verdict.js';
import type { AuditResult, AuditThreshold, ClaimLine, ConstructionLine } from './audit.js';
import { lemmaJson } from '../lemmas/index.js';
import { countJson } from '../numeric/json-values.js';
import { AUDIT_ALPHA, CLAIM_DELTA, CONSTRUCTION_DELTA, PROFILES } from './audit.js';

/** A rendered report: file name -> content. */
export type ReportFiles = Record<string, string>;

const sci = (q: Rational | null, mode: 'floor' | 'ceil' | 'nearest' = 'nearest', digits = 4): string =>
  q === null ? 'n/a' : q.toScientific(digits, mode);

/** The calibrated Lueker constant, if the calibration file exists. */
function luekerC(): number | null {
  try {
    const doc = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../fixtures/calibration/lueker.json', import.meta.url)), 'utf8'),
    ) as { C?: string | number };
    if (doc.C === undefined) return null;
    return typeof doc.C === 'number' ? doc.C : Rational.parse(doc.C).toNumber();
  } catch {
    return null;
  }
}

/** The success probability of the exact sample counts of the samples figure. */
export const SAMPLES_SUCCESS = '0.99';
/** The series the samples figure's reference slopes pass through. */
const PAIR_SERIES = 'pair gadget (u ~ w and v ~ 1)';
const FIXED_SERIES = 'one fixed target';

/**
 * Samples needed against eps0: the post's pair gadget, covering, one fixed target (exact least k
 * for success probability 0.99), and subset sums with the calibrated constant
 * (n = ceil(C log2(2/eps0)), success probability >= 1 - eps0 as calibrated).
 *
 * @example
 * ```ts
 * samplePoints().length; // 3 or 4 series x 5 values of eps0
 * ```
 */
export function samplePoints(): SamplePoint[] {
  const rows = coverTable(
    TABLE_EPS0.map((e) => Rational.parse(e)),
    Rational.parse(SAMPLES_SUCCESS),
  );
  const success = SAMPLES_SUCCESS;
  const C = luekerC();
  const pts: SamplePoint[] = [];
  for (const r of rows) {
    const e = r.eps0.toNumber();
    pts.push({ eps0: e, scheme: PAIR_SERIES, samples: r.pair.k, success });
    pts.push({ eps0: e, scheme: 'covering [-1, 1]', samples: r.cover.k, success });
    pts.push({ eps0: e, scheme: FIXED_SERIES, samples: r.fixed.k, success });
    if (C !== null)
      pts.push({
        eps0: e,
        scheme: `subset sums (C = ${C.toFixed(2)} calibrated)`,
        samples: Math.ceil(C * Math.log2(2 / e)),
        success: '1 - eps0',
      });
  }
  return pts;
}

/** The target and eps grid of the stated-size figure. */
export const SIZE_TARGET = { name: 'd2-small', widths: [2, 4, 1] } as const;
const SIZE_EPS = ['0.2', '0.1', '0.05', '0.02', '0.01', '0.005', '0.002', '0.001'];
const SIZE_DELTA = '1e-9';

/**
 * The stated size of G for every construction across eps (exact counts from statedWidth, shown
 * as floats for plotting), and Pensia et al.'s lower bound at d = n_0 (the upper end of its
 * certified bracket).
 *
 * @example
 * ```ts
 * sizeFigure().points.length; // 4 constructions x 8 values of eps
 * ```
 */
export function sizeFigure(): WidthFigure {
  const delta = Rational.parse(SIZE_DELTA);
  const widths = [...SIZE_TARGET.widths];
  const points: WidthPoint[] = [];
  const lowerBound: { eps: number; parameters: number }[] = [];
  for (const e of SIZE_EPS) {
    const eps = Rational.parse(e);
    for (const construction of ALL_CONSTRUCTIONS) {
      const w = statedWidth({ widths, eps, delta, construction });
      points.push({
        eps: eps.toNumber(),
        construction,
        parameters: Number(w.gParameters),
        hiddenUnits: Number(w.hiddenUnits),
      });
    }
    lowerBound.push({ eps: eps.toNumber(), parameters: pensiaLowerBound(widths[0] as number, eps).upper.toNumber() });
  }
  return {
    points,
    lowerBound,
    target: `${SIZE_TARGET.name} (widths ${widths.join(',')})`,
    delta: SIZE_DELTA,
    d: widths[0] as number,
  };
}

function verdictCell(v: VerdictResult): string {
  return `**${v.verdict}**: ${v.failures}/${v.trials} failures, P(fail) in [${v.lower.toScientific(3, 'floor')}, ${v.upper.toScientific(3, 'ceil')}]`;
}

function errorCell(c: ConstructionLine): string {
  return c.errorLower === null
    ? 'n/a'
    : c.errorExact
      ? `${sci(c.errorLower)} (exact)`
      : `[${sci(c.errorLower, 'floor')}, ${sci(c.errorUpper, 'ceil')}]${c.errorCapped ? ' (upper end: the Lemma 4 cap)' : ''}`;
}

function constructionRow(c: ConstructionLine): string {
  const err = errorCell(c);
  const ratio =
    c.bound !== null && c.errorLower !== null && !c.errorLower.isZero()
      ? c.bound.div(c.errorLower).toScientific(3)
      : 'n/a';
  const stated = c.atStatedWidth === null ? 'n/a' : c.atStatedWidth ? 'yes' : '**no**';
  // how tight the true-error bracket is (1 when exact)
  const tight =
    c.errorExact || c.errorLower === null || c.errorUpper === null || c.errorLower.isZero()
      ? c.errorExact
        ? '1'
        : 'n/a'
      : c.errorUpper.div(c.errorLower).toScientific(4, 'ceil');
  return `| ${c.fixture} | ${c.construction} | ${c.hypothesis} | ${c.pool.join(', ')} | ${c.hiddenUnits} | ${c.kernel} | ${stated} | ${sci(c.bound, 'ceil')} | ${err} | ${tight} | ${c.errorExact ? ratio : `<= ${ratio}`} |`;
}

function claimRow(c: ClaimLine): string {
  return `| ${c.claim} | ${c.fixture} | ${c.width} | ${c.eps} | ${verdictCell(c.verdict)} |`;
}

/**
 * The data of a threshold study's failure-rate figure.
 *
 * @example
 * ```ts
 * failureRateSpec(thresholdFigure(t, Rational.of(1, 10), 'pair: failure rate vs pool size'));
 * ```
 */
export function thresholdFigure(t: ThresholdResult, delta: Rational, title: string): FailureRateFigure {
  return {
    title,
    points: t.points.map((p) => ({
      pool: Number(p.pool),
      failures: p.failures,
      trials: p.trials,
      lower: p.lower.toNumber(),
      upper: p.upper.toNumber(),
    })),
    statedPool: Number(t.statedPool),
    delta,
    bandAlpha: t.alphaEach,
    trialsPerPoint: t.trialsPerPoint,
  };
}

/**
 * The rows of the bound-vs-error figure: the constructions at the audit's first eps that have a
 * kernel-checked bound and a sup error.
 *
 * @example
 * ```ts
 * boundRows(result).filter((row) => row.capped); // rows whose upper end is the Lemma 4 cap
 * ```
 */
export function boundRows(r: AuditResult): BoundRow[] {
  const eps = Rational.parse(PROFILES[r.profile].eps[0]).toString();
  return r.constructions
    .filter((c) => c.bound !== null && c.errorLower !== null && c.errorUpper !== null && c.eps === eps)
    .map((c) => ({
      fixture: c.fixture,
      construction: c.construction,
      bound: (c.bound as Rational).toNumber(),
      lower: (c.errorLower as Rational).toNumber(),
      upper: (c.errorUpper as Rational).toNumber(),
      exact: c.errorExact,
      capped: c.errorCapped,
    }));
}

/** A threshold study in report.json (null when none ran). */
function thresholdJson(t: AuditThreshold | null): Record<string, unknown> | null {
  if (!t) return null;
  return {
    fixture: t.fixture,
    claim: t.claim,
    eps: t.eps,
    delta: t.delta,
    statedPool: countJson(t.statedPool),
    threshold: t.threshold === null ? null : countJson(t.threshold),
    refutedBelow: t.refutedBelow === null ? null : countJson(t.refutedBelow),
    alphaEach: t.alphaEach.toString(),
    points: t.points.map(thresholdPointJson),
  };
}

/**
 * The vega-lite specifications of the audit's figures, by file name (pure: the same audit gives
 * the same specifications, and so the same SVG text).
 *
 * @example
 * ```ts
 * Object.keys(reportFigures(result)); // ['failure-rate.svg', 'failure-rate-subset.svg', 'bound-vs-error.svg', 'sizes.svg', 'samples.svg']
 * ```
 */
export function reportFigures(r: AuditResult): Record<string, vl.TopLevelSpec> {
  const specs: Record<string, vl.TopLevelSpec> = {};
  for (const [file, t] of [
    ['failure-rate.svg', r.threshold],
    ['failure-rate-subset.svg', r.subsetThreshold],
  ] as const)
    if (t)
      specs[file] = failureRateSpec(
        thresholdFigure(
          t,
          Rational.parse(t.delta),
          `${t.claim} on ${t.fixture} (eps = ${t.eps}): failure rate vs pool size`,
        ),
      );
  specs['bound-vs-error.svg'] = boundVsErrorSpec({
    eps: Rational.parse(PROFILES[r.profile].eps[0]),
    rows: boundRows(r),
  });
  specs['sizes.svg'] = widthSpec(sizeFigure());
  specs['samples.svg'] = samplesSpec({
    points: samplePoints(),
    references: [
      { power: 2, through: PAIR_SERIES },
      { power: 1, through: FIXED_SERIES },
    ],
  });
  return specs;
}

/**
 * Renders the report files of an audit (Markdown, JSON, SVG figures).
 *
 * @example
 * ```ts
 * const files = await renderReport(result); // { 'report.md': ..., 'report.json': ..., 'failure-rate.svg': ... }
 * ```
 */
export async function renderReport(r: AuditResult, version: string): Promise<ReportFiles> {
  const files: ReportFiles = {};
  const settings = PROFILES[r.profile];
  // figures
  const figures: string[] = [];
  for (const [name, spec] of Object.entries(reportFigures(r))) {
    files[name] = await renderSvg(spec);
    figures.push(name);
  }
  const samples = samplePoints();

  // markdown
  const lemmasOk = r.lemmas.every((l) => l.holds);
  const constructionsOk = r.constructions.every((c) => c.ok);
  const statedOk = r.claims.filter((c) => c.stated).every((c) => c.verdict.verdict === 'supported');
  const md: string[] = [];
  md.push(`# slth audit (${r.profile} profile)`, '');
  md.push(
    `slth ${version}. Verdict: **${r.passed ? 'PASS' : 'FAIL'}**: every lemma holds: ${lemmasOk ? 'yes' : 'no'}; every construction is kernel-accepted at the stated width: ${constructionsOk ? 'yes' : 'no'}; every stated-width claim is statistically supported: ${statedOk ? 'yes' : 'no'}; counterexample database unchanged: ${r.replay.changed === 0 ? 'yes' : 'no'}.`,
    '',
  );
  if (r.failures.length > 0) md.push('Failures:', '', ...r.failures.map((f) => `- ${f}`), '');
  md.push('## What is exact and what is bracketed', '');
  md.push(
    'Every verdict below rests on exact rational arithmetic or on certified bounds. Weights of the random network are exact dyadic rationals; forward passes, gadget errors and hypothesis checks are exact. Square roots, logarithms and exponentials enter only as certified brackets (BigInt integer square roots; decimal.js with directed rounding). The true sup error of a subnetwork is exact for input dimension d <= 2 and a certified bracket for d >= 3 (branch-and-bound upper end from the difference of the subnetwork and the target propagated layer by layer, capped by the kernel-checked Lemma 4 bound; exact witness lower end). Statistical verdicts use exact one-sided Clopper-Pearson bounds; "supported" means the upper confidence bound of the failure probability is <= delta. Ratios and decimals in tables are rounded for reading.',
    '',
  );
  md.push(
    '## 1. Lemmas',
    '',
    'Each lemma of the proof is a checker; it ran on the fixture targets and built-in inputs.',
    '',
  );
  md.push('| lemma | verdict | checks (exact) |', '|---|---|---|');
  for (const l of r.lemmas)
    md.push(`| ${l.name} | ${l.holds ? 'holds' : '**refuted**'} | ${l.checks} (${l.exactChecks}) |`);
  md.push('');
  for (const l of r.lemmas) md.push(`- **${l.name}**: ${l.statement}`);
  md.push('');
  md.push('## 2. Constructions at their stated widths', '');
  md.push(
    `Each construction ran on the lazy random network at the width its explicit-constant theorem states (delta = ${Rational.parse(CONSTRUCTION_DELTA).toScientific(1)}; eps = ${settings.eps.join(', ')}), and the kernel re-checked every certificate; "at stated width" is the kernel's own finding that eta and every pool are the stated ones for the certificate's eps and delta. "bound" is the certified Lemma 4 bound; "true error" is the sup over the unit ball of the subnetwork's error against the target; "upper / lower" is how tight the true-error bracket is (d >= 3: branch-and-bound with the subnetwork's difference from the target propagated layer by layer); the last column is how loose the proof's error chain is on this instance. The subset rows are construction D (subset sums, slth-certificate/2), whose stated pool uses the calibrated constant C_D (calibrated, not proven).`,
    '',
  );
  for (const epsText of settings.eps) {
    md.push(`eps = ${epsText}:`, '');
    md.push(
      '| target | construction | hyp. | pool per layer | hidden units of G | kernel | at stated width | bound | true error | upper / lower | bound / true |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const c of r.constructions.filter((x) => x.eps === Rational.parse(epsText).toString()))
      md.push(constructionRow(c));
    md.push('');
  }
  md.push('![Lemma 4 bound vs true error](bound-vs-error.svg)', '');
  md.push('## 3. Claims, tested statistically', '');
  md.push(
    `Each claim "P(trial fails) <= delta" (delta = ${CLAIM_DELTA}) was tested on independent seeds with the sequential exact test (looks at 10, 20, 40, ... trials, at most ${settings.claimTrials}, or ${settings.lemmaClaimTrials} for the cheap lemma claims; total level alpha = ${AUDIT_ALPHA}, Bonferroni-split over ${r.claims.length} claims). At stated widths the claims must be supported; at undersized widths they should be refuted.`,
    '',
  );
  md.push('| claim | target | width | eps | verdict |', '|---|---|---|---|---|');
  for (const c of r.claims) md.push(claimRow(c));
  md.push('');
  const firstFailures = r.claims.filter((c) => !c.stated && c.firstFailure);
  if (firstFailures.length > 0) {
    md.push('A failing trial of each undersized claim (replayable from its seed):', '');
    for (const c of firstFailures) md.push(`- ${c.claim} (${c.width}): ${c.firstFailure}`);
    md.push('');
  }
  md.push('## 4. Counterexample database', '');
  md.push(`${r.replay.entries} stored counterexamples replayed; ${r.replay.changed} changed behaviour.`, '');
  for (const line of r.replay.lines) md.push(`- ${line}`);
  md.push('');
  if (r.threshold || r.subsetThreshold) md.push('## 5. Threshold study', '');
  for (const [t, figure] of [
    [r.threshold, 'failure-rate.svg'],
    [r.subsetThreshold, 'failure-rate-subset.svg'],
  ] as const) {
    if (!t) continue;
    md.push(
      `The ${t.claim} claim on ${t.fixture} (eps = ${t.eps}, delta = ${t.delta}) was evaluated at halved and then bisected pool sizes, ${t.trialsPerPoint} trials each (the same seeds at every size), each verdict at level ${t.alphaEach.toScientific(3)}. Stated pool: ${t.statedPool}; least supported pool: ${t.threshold ?? 'none'}${t.threshold ? ` (stated / empirical = ${(Number(t.statedPool) / Number(t.threshold)).toFixed(2)})` : ''}; largest refuted pool: ${t.refutedBelow ?? 'none'}.${t.claim === 'subset' ? ' The stated pool of construction D uses the calibrated constant C_D (calibrated, not proven).' : ''}`,
      '',
    );
    md.push('| pool | failures | two-sided band | verdict |', '|---|---|---|---|');
    for (const p of t.points)
      md.push(
        `| ${p.pool} | ${p.failures}/${p.trials} | [${p.lower.toScientific(3, 'floor')}, ${p.upper.toScientific(3, 'ceil')}] | ${p.verdict} |`,
      );
    md.push('', `![${t.claim}: failure rate vs pool size](${figure})`, '');
  }
  md.push('## 6. Samples per weight: pair gadget vs covering vs subset sums', '');
  md.push(
    "Least number of random samples that succeed with probability 0.99 (exact), for the post's pair gadget (a candidate needs u ~ w and v ~ 1: about 1/eps0^2), for covering all of [-1, 1] and for one fixed target (about 1/eps0); and for subset sums (logarithmic), the samples that succeed with probability at least 1 - eps0 (the constant C is calibrated empirically, not taken from the literature). The figure draws reference slopes 1/eps0^2 and 1/eps0 through the pair gadget and the fixed target at the largest eps0.",
    '',
  );
  md.push(
    '| eps0 | ' + [...new Set(samples.map((s) => s.scheme))].join(' | ') + ' |',
    '|---|' + [...new Set(samples.map((s) => s.scheme))].map(() => '---').join('|') + '|',
  );
  for (const e of [...new Set(samples.map((s) => s.eps0))])
    md.push(
      `| ${e} | ${samples
        .filter((s) => s.eps0 === e)
        .map((s) => s.samples)
        .join(' | ')} |`,
    );
  md.push('', '![samples vs eps0](samples.svg)', '');
  const sizes = sizeFigure();
  md.push('## 7. Size of G at the stated width: pair, shared, product, subset', '');
  md.push(
    `Parameters of G at the stated width of each construction for ${sizes.target}, delta = ${sizes.delta}, against eps, beside Pensia et al.'s lower bound d^2 log2(1/(2 eps)) - 1 (d = n_0 = ${sizes.d}) on the parameters of any construction. The pair, shared and product widths grow like a power of 1/eps, subset sums like log(1/eps); subset uses the calibrated constant C_D (calibrated, not proven).`,
    '',
    '| eps | ' + ALL_CONSTRUCTIONS.join(' | ') + ' | lower bound |',
    '|---|' + ALL_CONSTRUCTIONS.map(() => '---').join('|') + '|---|',
  );
  for (const b of sizes.lowerBound)
    md.push(
      `| ${b.eps} | ${ALL_CONSTRUCTIONS.map((c) => sizes.points.find((p) => p.eps === b.eps && p.construction === c)?.parameters.toExponential(2) ?? '-').join(' | ')} | ${b.parameters.toExponential(2)} |`,
    );
  md.push('', '![size of G vs eps](sizes.svg)', '');
  files['report.md'] = `${md.join('\n')}\n`;

  // json (schemas/audit-report.schema.json)
  const q = (x: Rational | null): string | null => (x === null ? null : x.toString());
  files['report.json'] = `${JSON.stringify(
    {
      format: 'slth-audit/1',
      slth: version,
      profile: r.profile,
      passed: r.passed,
      failures: r.failures,
      lemmas: r.lemmas.map((l) => ({
        name: l.name,
        holds: l.holds,
        checks: l.checks,
        exactChecks: l.exactChecks,
        refuted: l.refuted.map((x) => ({ input: x.input, witness: x.witness ?? null })),
        results: l.results.map(lemmaJson),
      })),
      constructions: r.constructions.map((c) => ({
        fixture: c.fixture,
        construction: c.construction,
        hypothesis: c.hypothesis,
        widths: c.widths.split(',').map(Number),
        eps: c.eps,
        delta: c.delta,
        eta: c.eta,
        pool: c.pool.map((k) => countJson(BigInt(k))),
        hiddenUnits: countJson(BigInt(c.hiddenUnits)),
        activeWeights: c.activeWeights,
        depth: c.depth,
        ok: c.ok,
        atStatedWidth: c.atStatedWidth,
        kernel: c.kernelVerdict,
        kernelReason: c.kernelReason,
        miss: c.miss,
        bound: q(c.bound),
        error:
          c.errorLower === null || c.errorUpper === null
            ? null
            : { lower: c.errorLower.toString(), upper: c.errorUpper.toString() },
        errorExact: c.errorExact,
        errorCapped: c.errorCapped,
        errorMethod: c.errorLower === null ? null : c.errorMethod,
        boundOverErrorLower:
          c.bound !== null && c.errorLower !== null && !c.errorLower.isZero()
            ? c.bound.div(c.errorLower).toString()
            : null,
      })),
      claims: r.claims.map((c) => ({
        claim: c.claim,
        fixture: c.fixture,
        width: c.width,
        stated: c.stated,
        widthScale: q(c.widthScale),
        pool: c.pool === null ? null : countJson(c.pool),
        eps: c.eps,
        ...verdictJson(c.verdict),
        firstFailure: c.firstFailureTrial,
      })),
      alpha: r.alpha.toString(),
      replay: {
        entries: r.replay.entries,
        changed: r.replay.changed,
        results: r.replay.results.map((x) => ({
          file: x.file.slice(Math.max(x.file.lastIndexOf('fixtures'), 0)),
          id: x.entry.id,
          claim: x.entry.claim,
          expect: x.entry.expect,
          asRecorded: x.asRecorded,
          change: x.change,
          status: x.outcome.status,
          reason: x.outcome.reason,
        })),
      },
      threshold: thresholdJson(r.threshold),
      subsetThreshold: thresholdJson(r.subsetThreshold),
      samples: samples.map((p) => {
        const eps0 = Rational.fromFloat(p.eps0);
        return {
          eps0: eps0.toString(),
          scheme: p.scheme,
          samples: p.samples,
          success: (p.success === '1 - eps0' ? Rational.ONE.sub(eps0) : Rational.parse(p.success)).toString(),
        };
      }),
      figures,
    },
    null,
    2,
  )}\n`;
  return files;
}

function lemmaCase(l: AuditResult['lemmas'][number], seconds: number): JUnitCase {
  const output = `${l.statement}\n${l.checks} checks (${l.exactChecks} exact)`;
  const base = { name: l.name, classname: 'slth.audit.lemmas', seconds, output };
  if (l.holds) return { ...base, outcome: { status: 'passed' } };
  return {
    ...base,
    outcome: {
      status: 'failed',
      type: 'refuted',
      message: `refuted on ${l.refuted.map((x) => x.input).join(', ')}`,
      details: l.refuted
        .map((x) => {
          const w = Object.entries(x.witness ?? {}).map(([k, v]) => `${k} = ${v}`);
          return w.length > 0 ? `${x.input}: witness ${w.join(', ')}` : x.input;
        })
        .join('\n'),
    },
  };
}

function constructionCase(c: ConstructionLine, seconds: number): JUnitCase {
  const output = [
    `hypothesis ${c.hypothesis}; widths ${c.widths}; eps = ${c.eps}; delta = ${c.delta}; eta = ${c.eta}`,
    `pool per layer ${c.pool.join(', ')}; hidden units of G ${c.hiddenUnits}; kernel ${c.kernel}`,
    `Lemma 4 bound ${sci(c.bound, 'ceil')}; true sup error ${errorCell(c)}`,
  ].join('\n');
  const base = {
    name: `${c.construction} on ${c.fixture} at eps = ${c.eps}`,
    classname: 'slth.audit.constructions',
    seconds,
    output,
  };
  return c.ok
    ? { ...base, outcome: { status: 'passed' } }
    : { ...base, outcome: { status: 'failed', type: 'kernel', message: c.kernel, details: output } };
}

/**
 * The audit as JUnit XML: one test case per lemma, construction and claim (and one for the
 * counterexample database), so that CI shows each; a case fails exactly when the audit counts it
 * as a failure. Undersized-width claims that are not refuted are marked skipped (the audit reports
 * them but does not require refutation). Times are the wall-clock seconds of each item.
 *
 * @example
 * ```ts
 * writeFileAtomic('audit.xml', auditJUnit(result)); // <testsuites name="slth audit (quick)" ...>
 * ```
 */
export function auditJUnit(r: AuditResult): string {
  const at = (list: readonly number[], i: number): number => list[i] ?? 0;
  const replayFailures = r.failures.filter((f) => f.startsWith('counterexample '));
  const replayOutput = r.replay.lines.join('\n');
  const replay: JUnitCase = {
    name: 'counterexample database replay',
    classname: 'slth.audit.counterexamples',
    seconds: 0,
    output: replayOutput,
    outcome:
      r.replay.changed === 0
        ? { status: 'passed' }
        : {
            status: 'failed',
            type: 'changed',
            message: `${r.replay.changed} of ${r.replay.entries} stored counterexamples changed behaviour`,
            details: replayFailures.join('\n'),
          },
  };
  const property = (name: string, value: string): { name: string; value: string } => ({ name, value });
  return junitXml(`slth audit (${r.profile})`, [
    {
      name: 'lemmas',
      properties: [property('profile', r.profile)],
      cases: r.lemmas.map((l, i) => lemmaCase(l, at(r.seconds.lemmas, i))),
    },
    {
      name: 'constructions at their stated widths',
      properties: [property('delta', CONSTRUCTION_DELTA)],
      cases: r.constructions.map((c, i) => constructionCase(c, at(r.seconds.constructions, i))),
    },
    {
      name: 'claims',
      properties: [property('delta', CLAIM_DELTA), property('alpha (all claims)', AUDIT_ALPHA)],
      cases: r.claims.map((c, i) =>
        verdictCase({
          name: `${c.claim} on ${c.fixture} at ${c.stated ? 'its stated width' : c.width}, eps = ${c.eps}`,
          classname: 'slth.audit.claims',
          verdict: c.verdict,
          expect: c.stated ? 'supported' : 'refuted',
          seconds: at(r.seconds.claims, i),
          output: c.firstFailure ? [`first failing trial: ${c.firstFailure}`] : [],
        }),
      ),
    },
    { name: 'counterexample database', cases: [replay] },
  ]);
}
