/**
 * A statistical verdict (supported / refuted / inconclusive, docs/MATH.md §9) as a JUnit test case.
 *
 * A claim expected to be supported (a stated width) passes only when supported; refuted and
 * inconclusive are failures, with the verdict as the failure type (inconclusive is not support,
 * and `slth claim-test` exits 1 on it too). A claim expected to be refuted (an undersized width,
 * which the audit reports but does not require) passes when refuted and is marked skipped
 * otherwise, so CI shows it without failing the build.
 */
import type { VerdictResult } from '../stats/verdict.js';
import type { JUnitCase } from './junit.js';

/**
 * One line stating a verdict with its counts and certified bounds.
 *
 * @example
 * ```ts
 * verdictSummary(v); // 'SUPPORTED: 0 failures in 200 trials; P(fail) in [0, 1.48e-2] vs delta = 1/10 (alpha = 1/20)'
 * ```
 */
export function verdictSummary(v: VerdictResult): string {
  return `${v.verdict.toUpperCase()}: ${v.failures} failures in ${v.trials} trials; P(fail) in [${v.lower.toScientific(3, 'floor')}, ${v.upper.toScientific(3, 'ceil')}] vs delta = ${v.delta.toString()} (alpha = ${v.alpha.toString()})`;
}

/** Options of {@link verdictCase}. */
export interface VerdictCaseOptions {
  readonly name: string;
  readonly classname: string;
  readonly verdict: VerdictResult;
  /** The verdict this case asserts. */
  readonly expect: 'supported' | 'refuted';
  readonly seconds: number;
  /** Extra lines for the case's output (seeds, first failing trial). */
  readonly output?: readonly string[];
}

/**
 * The JUnit test case of a verdict.
 *
 * @example
 * ```ts
 * verdictCase({ name: 'pair on d1-single', classname: 'slth.claims', verdict: v, expect: 'supported', seconds: 2.5 }).outcome.status; // 'passed' when v is supported
 * ```
 */
export function verdictCase(o: VerdictCaseOptions): JUnitCase {
  const summary = verdictSummary(o.verdict);
  const output = [summary, `method: ${o.verdict.method}`, ...(o.output ?? [])].join('\n');
  const base = { name: o.name, classname: o.classname, seconds: o.seconds, output };
  if (o.verdict.verdict === o.expect) return { ...base, outcome: { status: 'passed' } };
  if (o.expect === 'supported')
    return {
      // the details carry the output, once
      name: o.name,
      classname: o.classname,
      seconds: o.seconds,
      outcome: {
        status: 'failed',
        type: o.verdict.verdict,
        message: o.verdict.verdict === 'inconclusive' ? `${summary} (inconclusive is not support)` : summary,
        details: output,
      },
    };
  return {
    ...base,
    outcome: { status: 'skipped', message: `${summary} (expected refuted at this undersized width; not required)` },
  };
}
