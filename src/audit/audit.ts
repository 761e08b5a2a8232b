/**
 * The audit: one run that checks the whole theorem on the bundled fixtures, in order:
 *
 * 1. every lemma checker;
 * 2. every construction at its stated width on every fixture target it applies to, with the
 *    kernel's verdict, the Lemma 4 bound and the true sup error (exact for d <= 2, bracketed
 *    beyond);
 * 3. claim tests at stated and undersized widths with their statistical verdicts (exact
 *    Clopper-Pearson, sequential, alpha split over the claims);
 * 4. the counterexample database replay;
 * 5. threshold studies (pair and subset) on one small target.
 *
 * The report holds no timings, so the same fixtures give the same report byte for byte; the
 * wall-clock seconds of each lemma, construction and claim are kept apart in `seconds` (for JUnit).
 */
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { checkHPrime } from '../network/norms.js';
import { certify } from '../constructions/certify.js';
import {
  ALL_CONSTRUCTIONS,
  CONSTRUCTIONS,
  isGadgetConstruction,
  type ConstructionName,
  type GadgetConstruction,
} from '../theory/construction-name.js';
import { certifySubset } from '../constructions/certify-subset.js';
import { subsetSubnetwork } from '../constructions/subset-subnetwork.js';
import { checkSubsetCertificate } from '../kernel/subset.js';
import { checkIssuedCertificate } from '../kernel/issued.js';
import { certificateNetworks } from '../certificate/subnetwork.js';
import { supError } from '../error/sup-error.js';
import { LEMMAS, fixtureTargets, FIXTURE_DIR } from '../lemmas/index.js';
import { InputError } from '../errors.js';
import type { LemmaResult } from '../lemmas/result.js';
import { CLAIMS, claimById } from '../falsify/claims.js';
import { type ClaimParams } from '../falsify/claim-types.js';
import { sequentialClaimTest } from '../falsify/claim-test.js';
import { BUNDLED_DB, replayDatabase, type ReplayResult } from '../falsify/database.js';
import { thresholdStudy, type ThresholdResult } from '../falsify/threshold.js';
import { splitAlpha, type VerdictResult } from '../stats/verdict.js';

/** Audit profiles: quick (minutes, `npm run audit`) and full (longer runs). */
export type Profile = 'quick' | 'full';

/** Options of an audit run. */
export interface AuditOptions {
  readonly profile: Profile;
  readonly workers: number;
  /** Folder of fixture targets (default: the bundled ones). */
  readonly fixtures?: string;
  /** Counterexample database (default: the bundled one). */
  readonly db?: string;
  /** Called when a step starts. */
  readonly onStep?: (label: string, index: number, total: number) => void;
}

/** One lemma's line in the audit. */
export interface LemmaLine {
  readonly name: string;
  readonly statement: string;
  readonly holds: boolean;
  readonly checks: number;
  readonly exactChecks: number;
  readonly refuted: readonly LemmaResult[];
  /** Every result of the checker (report.json gives them typed). */
  readonly results: readonly LemmaResult[];
}

/** One construction run at its stated width. */
export interface ConstructionLine {
  readonly fixture: string;
  readonly construction: ConstructionName;
  readonly hypothesis: string;
  readonly widths: string;
  readonly eps: string;
  readonly delta: string;
  readonly eta: string;
  readonly pool: string[];
  readonly hiddenUnits: string;
  /** Kernel-accepted, and the kernel found the pools at the stated width. */
  readonly ok: boolean;
  /** The kernel's verdict in words ('ACCEPT', 'REJECT: reason' or the missing gadget), for the report's text. */
  readonly kernel: string;
  /** The kernel's verdict, null when no certificate was built (a gadget was missing). */
  readonly kernelVerdict: 'ACCEPT' | 'REJECT' | null;
  /** The kernel's reason of a REJECT. */
  readonly kernelReason: string | null;
  /** The first target weight without a gadget, when the construction failed. */
  readonly miss: { readonly layer: number; readonly row: number; readonly col: number } | null;
  /** The kernel's finding whether eta and the pools are the stated ones (null without a verdict). */
  readonly atStatedWidth: boolean | null;
  readonly bound: Rational | null;
  readonly errorLower: Rational | null;
  readonly errorUpper: Rational | null;
  readonly errorExact: boolean;
  /** True when errorUpper is the Lemma 4 bound (the bracket's own upper end was above it). */
  readonly errorCapped: boolean;
  readonly errorMethod: string;
  readonly activeWeights: number;
  readonly depth: number;
}

/** One claim test. */
export interface ClaimLine {
  readonly claim: string;
  readonly fixture: string;
  readonly width: string;
  readonly stated: boolean;
  /** The width used below the stated one: a scale of every pool, or a fixed pool. */
  readonly widthScale: Rational | null;
  readonly pool: bigint | null;
  readonly eps: string;
  readonly verdict: VerdictResult;
  /** The first failing trial in words, for the report's text. */
  readonly firstFailure: string | null;
  /** The first failing trial: its index (G seed `audit-<claim>.<index>`) and the outcome's reason. */
  readonly firstFailureTrial: { readonly index: number; readonly reason: string } | null;
}

/** A threshold study with the fixture and parameters it ran on. */
export type AuditThreshold = ThresholdResult & { fixture: string; eps: string; delta: string };

/** The whole audit. */
export interface AuditResult {
  readonly profile: Profile;
  readonly lemmas: readonly LemmaLine[];
  readonly constructions: readonly ConstructionLine[];
  readonly claims: readonly ClaimLine[];
  readonly alpha: Rational;
  readonly replay: { entries: number; changed: number; lines: string[]; results: readonly ReplayResult[] };
  /** The pair claim's threshold study. */
  readonly threshold: AuditThreshold | null;
  /** Construction D's threshold study on the same fixture. */
  readonly subsetThreshold: AuditThreshold | null;
  readonly passed: boolean;
  readonly failures: readonly string[];
  /** Wall-clock seconds per lemma, construction and claim (same order as above); never in the report. */
  readonly seconds: { readonly lemmas: number[]; readonly constructions: number[]; readonly claims: number[] };
}

const since = (t0: number): number => (performance.now() - t0) / 1000;

const shortName = (p: string): string => p.slice(p.lastIndexOf('/') + 1).replace(/\.json$/, '');

/** The audit's settings per profile. */
export const PROFILES = {
  quick: {
    eps: ['1/10'],
    claimTrials: 200,
    lemmaClaimTrials: 2000,
    thresholdTrials: 120,
    errorBoxes: 2000,
    undersized: '1/100',
  },
  full: {
    eps: ['1/10', '1/20'],
    claimTrials: 2000,
    lemmaClaimTrials: 10000,
    thresholdTrials: 400,
    errorBoxes: 16000,
    undersized: '1/100',
  },
} as const;

/** delta at stated widths for constructions (the width grows only like ln(1/delta)). */
export const CONSTRUCTION_DELTA = '1/1000000000';
/** delta of the statistical claim tests (so that support is reachable with a few hundred trials). */
export const CLAIM_DELTA = '1/10';
/**
 * The undersized scale of construction D's claims: its pools grow like log(1/eta), so a scale of
 * 1/100 would leave about 4 units, and 1/8 shows where the calibrated width stops being enough.
 */
export const SUBSET_UNDERSIZED = '1/8';
/** Total level of all claim verdicts of one audit (Bonferroni split). */
export const AUDIT_ALPHA = '1/20';

type LineBase = Pick<
  ConstructionLine,
  | 'fixture'
  | 'construction'
  | 'hypothesis'
  | 'widths'
  | 'eps'
  | 'delta'
  | 'eta'
  | 'pool'
  | 'hiddenUnits'
  | 'activeWeights'
  | 'depth'
>;

/** What every line records of a run, whatever its outcome. */
function lineBase(
  fixture: string,
  construction: ConstructionName,
  net: Network,
  eps: Rational,
  delta: Rational,
  out: {
    readonly stated: { readonly hypothesis: string; readonly eta: Rational; readonly hiddenUnits: bigint };
    readonly pool: readonly bigint[];
    readonly result: { readonly activeWeights: number };
  },
): LineBase {
  return {
    fixture,
    construction,
    hypothesis: out.stated.hypothesis,
    widths: networkWidths(net).join(','),
    eps: eps.toString(),
    delta: delta.toString(),
    eta: out.stated.eta.toString(),
    pool: out.pool.map(String),
    hiddenUnits: out.stated.hiddenUnits.toString(),
    activeWeights: out.result.activeWeights,
    depth: 2 * net.layers.length,
  };
}

/** A line for a run with a missing gadget: no certificate, no verdict. */
function missedLine(base: LineBase, kernel: string, m: ConstructionLine['miss']): ConstructionLine {
  return {
    ...base,
    ok: false,
    kernel,
    kernelVerdict: null,
    kernelReason: null,
    miss: m,
    atStatedWidth: null,
    bound: null,
    errorLower: null,
    errorUpper: null,
    errorExact: false,
    errorCapped: false,
    errorMethod: '',
  };
}

/** A line for a kernel-checked certificate, with the true sup error of its subnetwork. */
function checkedLine(
  base: LineBase,
  v: { verdict: 'ACCEPT'; bound: Rational; atStatedWidth: boolean } | { verdict: 'REJECT'; reason: string },
  sub: Network,
  target: Network,
  errorBoxes: number,
): ConstructionLine {
  const bound = v.verdict === 'ACCEPT' ? v.bound : null;
  // a box count, not the clock, limits the bracket, so that the report is reproducible
  const e = supError(sub, target, { budgetMs: 120_000, maxBoxes: errorBoxes, seed: 'audit' });
  const capped = !e.exact && bound !== null && bound.lt(e.upper);
  return {
    ...base,
    ok: v.verdict === 'ACCEPT' && v.atStatedWidth,
    kernel: v.verdict === 'ACCEPT' ? 'ACCEPT' : `REJECT: ${v.reason}`,
    kernelVerdict: v.verdict,
    kernelReason: v.verdict === 'ACCEPT' ? null : v.reason,
    miss: null,
    atStatedWidth: v.verdict === 'ACCEPT' ? v.atStatedWidth : null,
    bound,
    errorLower: e.lower,
    errorUpper: capped ? bound : e.upper,
    errorExact: e.exact,
    errorCapped: capped,
    errorMethod: e.method,
  };
}

function constructionLine(
  fixture: string,
  net: Network,
  construction: GadgetConstruction,
  eps: Rational,
  delta: Rational,
  errorBoxes: number,
): ConstructionLine {
  const hprime = construction === 'product' && checkHPrime(net).holds;
  const out = certify({ target: net, seed: `audit-${fixture}`, eps, delta, construction, hprime });
  const base = lineBase(fixture, construction, net, eps, delta, out);
  if (!out.certificate) {
    const m = out.result.misses[0];
    return missedLine(
      base,
      `no gadget for (layer ${m?.layer}, row ${m?.row}, col ${m?.col})`,
      m ? { layer: m.layer, row: m.row, col: m.col } : null,
    );
  }
  const { target, sub } = certificateNetworks(out.certificate);
  return checkedLine(base, checkIssuedCertificate(out.certificate), sub, target, errorBoxes);
}

function subsetLine(
  fixture: string,
  net: Network,
  eps: Rational,
  delta: Rational,
  errorBoxes: number,
): ConstructionLine {
  const out = certifySubset({ target: net, seed: `audit-${fixture}`, eps, delta, keepGadgets: true });
  const base = lineBase(fixture, 'subset', net, eps, delta, out);
  const m = out.result.misses[0];
  if (m || !out.result.gadgets)
    return missedLine(
      base,
      m ? `no subset within eta for (layer ${m.layer}, row ${m.row}, col ${m.col})` : 'no gadgets kept',
      m ? { layer: m.layer, row: m.row, col: m.col } : null,
    );
  const sub = subsetSubnetwork(out.spec, out.result.gadgets);
  return checkedLine(base, checkSubsetCertificate([out.text]), sub, net, errorBoxes);
}

/**
 * Runs the audit.
 *
 * @example
 * ```ts
 * const r = await runAudit({ profile: 'quick', workers: 2 });
 * r.passed; // true when every lemma holds and every stated-width claim is supported
 * ```
 */
export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const settings = PROFILES[opts.profile];
  const dir = opts.fixtures ?? FIXTURE_DIR;
  const fixtures = fixtureTargets(dir).map((f) => ({ name: shortName(f.path), net: f.net }));
  // an empty folder would make every per-fixture step pass vacuously
  if (fixtures.length === 0) throw new InputError(`no fixture targets (*.json) in ${dir}`);
  const failures: string[] = [];
  const seconds = { lemmas: [] as number[], constructions: [] as number[], claims: [] as number[] };
  const steps = 5;
  // 1. lemmas
  opts.onStep?.('lemma checkers', 1, steps);
  const lemmas: LemmaLine[] = LEMMAS.map((l) => {
    const t0 = performance.now();
    const results = l.runOnFixtures(opts.fixtures);
    seconds.lemmas.push(since(t0));
    const refuted = results.filter((r) => !r.holds);
    if (refuted.length > 0) failures.push(`lemma ${l.name} refuted on ${refuted.map((r) => r.input).join(', ')}`);
    return {
      name: l.name,
      statement: l.statement,
      holds: refuted.length === 0,
      checks: results.length,
      exactChecks: results.filter((r) => r.exact).length,
      refuted,
      results,
    };
  });
  // 2. constructions at stated widths
  opts.onStep?.('constructions at stated widths', 2, steps);
  const delta = Rational.parse(CONSTRUCTION_DELTA);
  const constructions: ConstructionLine[] = [];
  for (const epsText of settings.eps) {
    const eps = Rational.parse(epsText);
    for (const f of fixtures) {
      for (const c of ALL_CONSTRUCTIONS) {
        const t0 = performance.now();
        const line = isGadgetConstruction(c)
          ? constructionLine(f.name, f.net, c, eps, delta, settings.errorBoxes)
          : subsetLine(f.name, f.net, eps, delta, settings.errorBoxes);
        seconds.constructions.push(since(t0));
        if (!line.ok)
          failures.push(
            `${c} on ${f.name} at its stated width: ${line.kernel}${line.atStatedWidth === false ? ' (but not at the stated width, says the kernel)' : ''}`,
          );
        constructions.push(line);
      }
    }
  }
  // 3. claim tests
  opts.onStep?.('claim tests at stated and undersized widths', 3, steps);
  const claimDelta = Rational.parse(CLAIM_DELTA);
  const eps = Rational.parse(settings.eps[0]);
  const small = fixtures.find((f) => f.name === 'd1-two-layer') ?? fixtures[0];
  const single = fixtures.find((f) => f.name === 'd1-single') ?? small;
  const plan: {
    claim: string;
    fixture: { name: string; net: Network };
    params: ClaimParams;
    stated: boolean;
    width: string;
    trials?: number;
  }[] = [];
  if (small && single) {
    for (const c of CONSTRUCTIONS) {
      plan.push({ claim: c, fixture: small, params: { eps, delta: claimDelta }, stated: true, width: 'stated' });
      plan.push({
        claim: c,
        fixture: small,
        params: { eps, delta: claimDelta, widthScale: Rational.parse(settings.undersized) },
        stated: false,
        width: `scale ${settings.undersized}`,
      });
    }
    plan.push({
      claim: 'existence',
      fixture: single,
      params: { eps, delta: claimDelta },
      stated: true,
      width: 'stated',
    });
    plan.push({
      claim: 'existence',
      fixture: single,
      params: { eps: Rational.parse('1/1000'), delta: claimDelta, pool: 6n },
      stated: false,
      width: 'pool 6',
    });
    // construction D: the per-target claim and universality (widths of the small fixture)
    for (const c of ['subset', 'universal']) {
      plan.push({ claim: c, fixture: small, params: { eps, delta: claimDelta }, stated: true, width: 'stated' });
      plan.push({
        claim: c,
        fixture: small,
        params: { eps, delta: claimDelta, widthScale: Rational.parse(SUBSET_UNDERSIZED) },
        stated: false,
        width: `scale ${SUBSET_UNDERSIZED}`,
      });
    }
    const done = ['pair', 'shared', 'product', 'existence', 'subset', 'universal'];
    for (const extra of CLAIMS.filter((c) => !done.includes(c.id))) {
      // lemma claims are cheap per trial, and some sit close to delta: give them more trials
      plan.push({
        claim: extra.id,
        fixture: single,
        params: { eps, delta: claimDelta },
        stated: true,
        width: 'stated',
        trials: settings.lemmaClaimTrials,
      });
      plan.push({
        claim: extra.id,
        fixture: single,
        params: { eps, delta: claimDelta, widthScale: Rational.parse('1/4') },
        stated: false,
        width: 'scale 1/4',
        trials: settings.lemmaClaimTrials,
      });
    }
  }
  const alpha = Rational.parse(AUDIT_ALPHA);
  const alphaEach = splitAlpha(alpha, Math.max(1, plan.length));
  const claims: ClaimLine[] = [];
  for (const p of plan) {
    if (claimById(p.claim).applies(p.fixture.net) !== null) continue;
    const t0 = performance.now();
    const r = await sequentialClaimTest({
      claim: p.claim,
      target: p.fixture.net,
      params: p.params,
      alpha: alphaEach,
      maxTrials: p.trials ?? settings.claimTrials,
      base: `audit-${p.claim}`,
      workers: opts.workers,
    });
    seconds.claims.push(since(t0));
    const first = r.outcomes.find((o) => o.outcome.status !== 'success');
    if (p.stated && r.verdict.verdict !== 'supported')
      failures.push(
        `claim ${p.claim} at its stated width is ${r.verdict.verdict} (${r.verdict.failures}/${r.verdict.trials} failures)`,
      );
    claims.push({
      claim: p.claim,
      fixture: p.fixture.name,
      width: p.width,
      stated: p.stated,
      widthScale: p.params.widthScale ?? null,
      pool: p.params.pool ?? null,
      eps: p.params.eps.toString(),
      verdict: r.verdict,
      firstFailure: first ? `trial ${first.index}: ${first.outcome.reason}` : null,
      firstFailureTrial: first ? { index: first.index, reason: first.outcome.reason } : null,
    });
  }
  // 4. database replay
  opts.onStep?.('counterexample database replay', 4, steps);
  const replayed = replayDatabase(opts.db ?? BUNDLED_DB);
  const changed = replayed.filter((r) => !r.asRecorded);
  for (const c of changed) failures.push(`counterexample ${c.file}: ${c.message}`);
  const replay = {
    entries: replayed.length,
    changed: changed.length,
    lines: replayed.map((r) => `${r.entry.claim}: ${r.file.slice(r.file.indexOf('fixtures'))}: ${r.message}`),
    results: replayed,
  };
  // 5. threshold study
  opts.onStep?.('threshold study', 5, steps);
  let threshold: AuditThreshold | null = null;
  let subsetThreshold: AuditThreshold | null = null;
  if (single) {
    const study = async (claim: string, base: string): Promise<AuditThreshold> => {
      const t = await thresholdStudy({
        claim,
        target: single.net,
        params: { eps, delta: claimDelta },
        alpha,
        trials: settings.thresholdTrials,
        base,
        workers: opts.workers,
      });
      return { ...t, fixture: single.name, eps: eps.toString(), delta: claimDelta.toString() };
    };
    threshold = await study('pair', 'audit-threshold');
    subsetThreshold = await study('subset', 'audit-threshold-subset');
  }
  return {
    profile: opts.profile,
    lemmas,
    constructions,
    claims,
    alpha,
    replay,
    threshold,
    subsetThreshold,
    passed: failures.length === 0,
    failures,
    seconds,
  };
}
