/**
 * Sequential, anytime-valid testing of a claim "P(fail) <= delta": trials run one by one and
 * the test stops at the first look where the three-way verdict is decided.
 *
 * Design (union bound over looks): looks at a geometric schedule n_1 = firstLook,
 * n_{k+1} = ceil(growth * n_k), capped at maxTrials (the last look); look k uses one-sided
 * Clopper-Pearson bounds at level alpha_k = alpha / (k (k+1)). Since sum_k alpha_k < alpha, the
 * probability that *any* look's bound is wrong is < alpha, so the verdict at the stopping look
 * (whatever the stopping rule) is wrong with probability < alpha: anytime valid.
 *
 * The price is a smaller level per look: compared with a fixed-n test designed for exactly the
 * right n, the sequential test can need a few times more trials; compared with a fixed-n test
 * at the same budget maxTrials, it never uses more trials and stops early on clear cases.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import { upperBound, type CpOptions } from './clopper-pearson.js';
import { checkDelta, threeWayVerdict, type Verdict, type VerdictResult } from './verdict.js';

/** One look of a sequential test. */
export interface Look {
  /** Look index k (from 1). */
  readonly look: number;
  /** Trials observed so far. */
  readonly trials: number;
  /** Failures observed so far. */
  readonly failures: number;
  /** Level used at this look, alpha / (k (k+1)). */
  readonly alpha: Rational;
  readonly lower: Rational;
  readonly upper: Rational;
  readonly verdict: Verdict;
}

/**
 * Result of a sequential (or fixed-n) test. `trials` is the number of trials used, `alpha` the
 * overall level, `lower`/`upper` the bounds at the stopping look (at that look's level).
 */
export interface SequentialResult extends VerdictResult {
  /** The trial budget. */
  readonly maxTrials: number;
  /** Every look made, in order. */
  readonly looks: readonly Look[];
}

/** Options of the sequential test. */
export interface SequentialOptions extends CpOptions {
  /** Trials before the first look (default 10). */
  readonly firstLook?: number;
  /** Growth factor of the look schedule, > 1 (default 2). */
  readonly growth?: number;
}

function checkTrials(maxTrials: number): void {
  if (!Number.isSafeInteger(maxTrials) || maxTrials < 1)
    throw new InputError(`maxTrials must be an integer >= 1, got ${maxTrials}`);
}

/**
 * The look schedule n_1 < n_2 < ... <= maxTrials, ending at maxTrials.
 *
 * @example
 * ```ts
 * lookSchedule(100); // [10, 20, 40, 80, 100]
 * ```
 */
export function lookSchedule(maxTrials: number, firstLook = 10, growth = 2): number[] {
  checkTrials(maxTrials);
  if (!Number.isSafeInteger(firstLook) || firstLook < 1)
    throw new InputError(`firstLook must be an integer >= 1, got ${firstLook}`);
  if (!(growth > 1) || !Number.isFinite(growth)) throw new InputError(`growth must be > 1, got ${growth}`);
  const looks: number[] = [];
  let n = Math.min(firstLook, maxTrials);
  for (;;) {
    looks.push(n);
    if (n >= maxTrials) return looks;
    n = Math.min(Math.max(n + 1, Math.ceil(n * growth)), maxTrials);
  }
}

/**
 * The level of look k: alpha / (k (k+1)); these sum to alpha (1 - 1/(K+1)) < alpha over K looks.
 *
 * @example
 * ```ts
 * lookAlpha(Rational.of(1, 20), 2).toString(); // '1/120'
 * ```
 */
export function lookAlpha(alpha: Rational, k: number): Rational {
  if (!Number.isSafeInteger(k) || k < 1) throw new InputError(`look index must be an integer >= 1, got ${k}`);
  return alpha.div(Rational.of(k * (k + 1)));
}

/**
 * The state of one sequential test: its look schedule, the looks made so far and the verdict of
 * the last one. Drivers run the trials of each look their own way (one by one, or in batches on
 * worker threads) and report the failure count after each look; the test decides when to stop.
 *
 * @example
 * ```ts
 * const t = new SequentialTest(Rational.of(1, 10), Rational.of(1, 20), 200);
 * for (const n of t.schedule) if (t.look(failuresAmongFirst(n))) break;
 * t.verdict().verdict; // 'supported' | 'refuted' | 'inconclusive'
 * ```
 */
export class SequentialTest {
  /** Trials observed at each look: n_1 < n_2 < ... <= maxTrials. */
  readonly schedule: readonly number[];
  /** Every look made, in order. */
  readonly looks: Look[] = [];
  private last: VerdictResult | undefined;

  constructor(
    readonly delta: Rational,
    readonly alpha: Rational,
    readonly maxTrials: number,
    readonly options?: SequentialOptions,
  ) {
    checkDelta(delta);
    if (alpha.sign() <= 0 || alpha.ge(Rational.ONE))
      throw new InputError(`alpha must be in (0, 1), got ${alpha.toString()}`);
    this.schedule = lookSchedule(maxTrials, options?.firstLook ?? 10, options?.growth ?? 2);
  }

  /** Trials to have observed before the next look, or undefined when the test has stopped. */
  get nextLook(): number | undefined {
    return this.decided() ? undefined : this.schedule[this.looks.length];
  }

  /** True once a look has decided or the schedule is exhausted. */
  decided(): boolean {
    return (
      (this.last !== undefined && this.last.verdict !== 'inconclusive') || this.looks.length >= this.schedule.length
    );
  }

  /**
   * Records the next look, with `failures` failures among its trials; returns true when the test
   * stops there (a decided verdict, or the last look).
   */
  look(failures: number): boolean {
    const n = this.nextLook;
    if (n === undefined) throw new Error('sequential test: look after the test stopped');
    const k = this.looks.length + 1;
    const a = lookAlpha(this.alpha, k);
    const v = threeWayVerdict(failures, n, this.delta, a, this.options);
    this.looks.push({ look: k, trials: n, failures, alpha: a, lower: v.lower, upper: v.upper, verdict: v.verdict });
    this.last = v;
    return this.decided();
  }

  /** The first looks of the schedule, for method strings: '10, 20, 40, 80, ...'. */
  scheduleText(): string {
    return `${this.schedule.slice(0, 4).join(', ')}${this.schedule.length > 4 ? ', ...' : ''}`;
  }

  /** The verdict of the last look (throws before the first look). */
  verdict(): VerdictResult {
    if (this.last === undefined) throw new Error('sequential test: no look made yet');
    return this.last;
  }
}

/**
 * Runs trials `trial(0), trial(1), ...` (each returns true for a failure, and is called exactly
 * once, in order) and stops at the first look that decides the claim P(fail) <= delta, or at
 * maxTrials. Anytime valid at level alpha (see the module comment).
 *
 * @example
 * ```ts
 * const r = sequentialTest(() => false, Rational.of(1, 10), Rational.of(1, 20), 10_000);
 * r.verdict; // 'supported'
 * r.trials; // 80 (looks at 10, 20, 40, 80; the fixed-n test with the same budget uses 10000)
 * ```
 */
export function sequentialTest(
  trial: (i: number) => boolean,
  delta: Rational,
  alpha: Rational,
  maxTrials: number,
  options?: SequentialOptions,
): SequentialResult {
  const test = new SequentialTest(delta, alpha, maxTrials, options);
  let failures = 0;
  let done = 0;
  for (let n = test.nextLook; n !== undefined; n = test.nextLook) {
    for (; done < n; done++) if (trial(done)) failures += 1;
    test.look(failures);
  }
  const v = test.verdict();
  return {
    ...v,
    alpha,
    method: `sequential: looks at ${test.scheduleText()} (geometric, growth ${options?.growth ?? 2}) with alpha_k = alpha/(k(k+1)) (union bound, anytime valid); at each look ${v.method}`,
    maxTrials,
    looks: test.looks,
  };
}

/**
 * The fixed-n counterpart: runs exactly `trials` trials and gives the verdict at level alpha
 * (one look).
 *
 * @example
 * ```ts
 * fixedTest(() => false, Rational.of(1, 10), Rational.of(1, 20), 10_000).trials; // 10000
 * ```
 */
export function fixedTest(
  trial: (i: number) => boolean,
  delta: Rational,
  alpha: Rational,
  trials: number,
  options?: CpOptions,
): SequentialResult {
  checkTrials(trials);
  let failures = 0;
  for (let i = 0; i < trials; i++) if (trial(i)) failures += 1;
  const v = threeWayVerdict(failures, trials, delta, alpha, options);
  return {
    ...v,
    method: `fixed n = ${trials}: ${v.method}`,
    maxTrials: trials,
    looks: [{ look: 1, trials, failures, alpha, lower: v.lower, upper: v.upper, verdict: v.verdict }],
  };
}

/**
 * The smallest n (failures <= n <= maxTrials) for which `failures` failures among n trials give
 * UCB <= delta at level alpha, i.e. the size a fixed-n test must be designed with; undefined
 * when even maxTrials does not suffice. (Exponential then binary search on n; the exact engine
 * is monotone in n, the directed one up to its 2^-60 resolution.)
 *
 * @example
 * ```ts
 * minimalFixedTrials(0, Rational.of(1, 10), Rational.of(1, 20), 10_000); // 29 (0.9^29 <= 0.05)
 * ```
 */
export function minimalFixedTrials(
  failures: number,
  delta: Rational,
  alpha: Rational,
  maxTrials: number,
  options?: CpOptions,
): number | undefined {
  checkDelta(delta);
  checkTrials(maxTrials);
  if (!Number.isSafeInteger(failures) || failures < 0)
    throw new InputError(`failures must be an integer >= 0, got ${failures}`);
  if (failures >= maxTrials) return undefined;
  const ok = (n: number): boolean => upperBound(failures, n, alpha, options).le(delta);
  let lo = Math.max(failures, 1); // smallest n considered; ok(lo) may hold
  if (ok(lo)) return lo;
  let hi = lo;
  while (!ok(hi)) {
    if (hi >= maxTrials) return undefined;
    lo = hi;
    hi = Math.min(hi * 2, maxTrials);
  }
  // ok(hi), !ok(lo)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
