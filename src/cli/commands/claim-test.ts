/**
 * `slth claim-test`, `slth threshold` and `slth merge`: statistical verdicts on claims.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../../errors.js';
import { Rational } from '../../numeric/rational.js';
import { checkSeed } from '../../random/scheme.js';
import { claimById } from '../../falsify/claims.js';
import { mergeShards, parseShardDoc, sequentialClaimTest, shardRun } from '../../falsify/claim-test.js';
import { thresholdPointJson, thresholdStudy, type ThresholdResult } from '../../falsify/threshold.js';
import { parseShard } from '../../falsify/trials.js';
import { verdictJson, type VerdictResult } from '../../stats/verdict.js';
import { renderSvg } from '../../report/svg.js';
import { failureRateSpec } from '../../report/failure-rate-figure.js';
import { junitXml } from '../../report/junit.js';
import { loadPngRenderer, pngPathFor } from '../../report/png.js';
import { verdictCase } from '../../report/verdict-case.js';
import { thresholdFigure } from '../../audit/report.js';
import {
  boolFlag,
  JSON_FLAG,
  parseCount,
  requiredFlag,
  stringFlag,
  type Command,
  type ParsedArgs,
} from '../command.js';
import { toJsonText, writeOutput } from '../io.js';
import { checkOutputFile, writeFileAtomic } from '../../files/write.js';
import { countJson, estimateJson } from '../../numeric/json-values.js';
import { readJsonFile } from '../../network/json.js';
import { exactFlag } from '../parse.js';
import { progressBar, progressSteps } from '../progress.js';
import { loadTarget } from '../target.js';
import { CLAIM_FLAGS, claimParams } from './falsify.js';

/**
 * Parses --alpha: an exact number in (0, 1).
 *
 * @example
 * ```ts
 * alphaFlag('0.05').toString(); // '1/20'
 * ```
 */
export function alphaFlag(text: string): Rational {
  const a = exactFlag(text, '--alpha');
  if (a.sign() <= 0 || a.toNumber() >= 1) throw new InputError(`--alpha must be in (0, 1), got ${text}`);
  return a;
}

/**
 * Parses --workers (default: the core count).
 *
 * @example
 * ```ts
 * workersFlag(args); // 2 on a 2-core machine
 * ```
 */
export function workersFlag(args: ParsedArgs): number {
  const w = stringFlag(args, 'workers');
  return w === undefined ? Math.max(1, availableParallelism()) : parseCount(w, '--workers', 1, 256);
}

const STUDY_FLAGS = [
  { name: 'target', kind: 'string', help: 'target network', required: true, placeholder: 'FILE' },
  { name: 'alpha', kind: 'string', help: 'level of the verdict (default 0.05)', placeholder: 'A' },
  {
    name: 'seed',
    kind: 'string',
    help: 'base of the trial seeds (trial i uses <S>.<i>; default "trial")',
    placeholder: 'S',
  },
  {
    name: 'workers',
    kind: 'string',
    help: 'worker threads (default: core count); results do not depend on it',
    placeholder: 'N',
  },
  { name: 'quiet', kind: 'boolean', help: 'no progress output' },
] as const;

function loadClaimTarget(args: ParsedArgs, claimId: string): ReturnType<typeof loadTarget>['net'] {
  const file = requiredFlag(args, 'target');
  const { net } = loadTarget(file);
  const why = claimById(claimId).applies(net);
  if (why) throw new InputError(`claim ${claimId} does not apply to ${file}: ${why}`);
  return net;
}

function verdictLine(v: VerdictResult): string {
  return `${v.verdict.toUpperCase()}: ${v.failures} failures in ${v.trials} trials; P(fail) in [${v.lower.toScientific(4, 'floor')}, ${v.upper.toScientific(4, 'ceil')}] vs delta = ${v.delta.toScientific(4)} (alpha = ${v.alpha})`;
}

/** `slth claim-test`. */
export const claimTestCommand: Command = {
  path: ['claim-test'],
  summary: 'sequential exact test of a claim on independent trials: supported / refuted / inconclusive',
  usage:
    'claim-test --claim C --target FILE --eps E --delta D [--width-scale F | --pool K] [--alpha A] [--max-trials N] [--seed S] [--workers N] [--shard i/n --out FILE] [--json]',
  description:
    'Supported if the exact one-sided Clopper-Pearson upper bound of P(fail) is <= delta, refuted if the lower bound\n' +
    'is > delta. Without --shard the test is sequential and anytime valid (it stops at the first deciding look).\n' +
    'With --shard i/n it runs the fixed-n share i of --max-trials trials and writes it for `slth merge`.\n' +
    'Exit 0 when supported, 1 when refuted or inconclusive (inconclusive is not support).',
  flags: [
    ...CLAIM_FLAGS,
    ...STUDY_FLAGS,
    { name: 'max-trials', kind: 'string', help: 'trial budget (default 200)', placeholder: 'N' },
    { name: 'shard', kind: 'string', help: 'run share i of n (fixed-n)', placeholder: 'i/n' },
    { name: 'out', kind: 'string', help: 'shard result file', placeholder: 'FILE' },
    {
      name: 'junit',
      kind: 'string',
      help: 'also write the verdict as JUnit XML, one test case (- for standard output)',
      placeholder: 'FILE',
    },
    JSON_FLAG,
  ],
  async run(args, io) {
    const claimId = claimById(requiredFlag(args, 'claim')).id;
    const junitPath = stringFlag(args, 'junit');
    if (junitPath !== undefined) {
      if (stringFlag(args, 'shard') !== undefined)
        throw new InputError('--junit writes a verdict, and a shard has none: give it to a run without --shard');
      if (junitPath === '-' && boolFlag(args, 'json'))
        throw new InputError('--junit - and --json would both write to standard output; give --junit a file name');
      checkOutputFile(junitPath, '--junit');
    }
    const params = claimParams(args);
    const target = loadClaimTarget(args, claimId);
    const alpha = alphaFlag(stringFlag(args, 'alpha') ?? '0.05');
    const maxTrials = parseCount(stringFlag(args, 'max-trials') ?? '200', '--max-trials', 1, 10_000_000);
    const base = checkSeed(stringFlag(args, 'seed') ?? 'trial');
    const workers = workersFlag(args);
    const json = boolFlag(args, 'json');
    const shardText = stringFlag(args, 'shard');
    if (shardText === undefined && stringFlag(args, 'out') !== undefined)
      throw new InputError('--out FILE is the shard result: give it with --shard i/n');
    const shardOut = stringFlag(args, 'out');
    if (shardOut !== undefined) checkOutputFile(shardOut, '--out');
    let done = 0;
    const progress = progressBar(io, `claim-test ${claimId}`, boolFlag(args, 'quiet'));
    const opts = {
      claim: claimId,
      target,
      params,
      alpha,
      maxTrials,
      base,
      workers,
      // the sequential test may stop at any look: progress and ETA run to the next look
      onTrial: (lookTrials: number) => progress.tick(++done, lookTrials),
    };
    if (shardText !== undefined) {
      const out = stringFlag(args, 'out');
      if (out === undefined) throw new InputError('--shard needs --out FILE for the shard result');
      const doc = await shardRun(opts, parseShard(shardText));
      progress.done();
      writeFileAtomic(out, toJsonText(doc));
      const failures = doc.outcomes.filter((o) => o.status !== 'success').length;
      io.out(
        json
          ? toJsonText({ shard: doc.shard, trials: doc.outcomes.length, failures, out })
          : `shard ${shardText}: ${doc.outcomes.length} trials, ${failures} failures, written to ${out} (combine with slth merge)`,
      );
      return 0;
    }
    const started = performance.now();
    const r = await sequentialClaimTest(opts);
    const seconds = (performance.now() - started) / 1000;
    progress.done();
    const firstFailure = r.outcomes.find((o) => o.outcome.status !== 'success');
    if (junitPath !== undefined)
      writeOutput(
        junitPath,
        junitXml(`slth claim-test ${claimId}`, [
          {
            name: 'claims',
            properties: [
              { name: 'claim', value: claimId },
              { name: 'eps', value: params.eps.toString() },
              { name: 'delta', value: params.delta.toString() },
              { name: 'alpha', value: alpha.toString() },
              { name: 'max trials', value: String(maxTrials) },
              { name: 'seed base', value: base },
            ],
            cases: [
              verdictCase({
                name: `claim ${claimId}: P(trial fails) <= ${params.delta.toString()}`,
                classname: 'slth.claim-test',
                verdict: r.verdict,
                expect: 'supported',
                seconds,
                output: [
                  `looks: ${r.looks.map((l) => `${l.failures}/${l.trials} ${l.verdict}`).join(', ')}`,
                  firstFailure
                    ? `first failure: trial ${firstFailure.index} (G seed ${base}.${firstFailure.index}): ${firstFailure.outcome.reason}`
                    : 'no failing trial',
                ],
              }),
            ],
          },
        ]),
        io,
      );
    if (junitPath === '-') {
      // standard output carries the JUnit XML alone
    } else if (json) {
      io.out(
        toJsonText({
          claim: claimId,
          ...verdictJson(r.verdict),
          maxTrials,
          seedBase: base,
          looks: r.looks.map((l) => ({
            trials: l.trials,
            failures: l.failures,
            alpha: l.alpha.toString(),
            lower: l.lower.toString(),
            upper: l.upper.toString(),
            verdict: l.verdict,
          })),
          firstFailure: firstFailure
            ? { index: firstFailure.index, seed: `${base}.${firstFailure.index}`, reason: firstFailure.outcome.reason }
            : null,
        }),
      );
    } else {
      io.out(
        [
          `claim ${claimId}: ${verdictLine(r.verdict)}`,
          `  method: ${r.verdict.method}`,
          `  looks: ${r.looks.map((l) => `${l.failures}/${l.trials} ${l.verdict}`).join(', ')}`,
          firstFailure
            ? `  first failure: trial ${firstFailure.index} (G seed ${base}.${firstFailure.index}): ${firstFailure.outcome.reason}`
            : '  no failing trial',
        ].join('\n'),
      );
    }
    return r.verdict.verdict === 'supported' ? 0 : 1;
  },
};

/**
 * A threshold study's figure (failure rate vs pool size, bands with their confidence level and
 * trials per point, stated pool and delta labelled).
 *
 * @example
 * ```ts
 * const svg = await thresholdSvg(result, Rational.of(1, 10), 'pair: failure rate vs pool size');
 * ```
 */
export async function thresholdSvg(t: ThresholdResult, delta: Rational, title: string): Promise<string> {
  return renderSvg(failureRateSpec(thresholdFigure(t, delta, title)));
}

/** `slth threshold`. */
export const thresholdCommand: Command = {
  path: ['threshold'],
  summary: 'empirical least pool size where success reaches 1 - delta, vs the stated width (table + SVG)',
  usage:
    'threshold --claim C --target FILE --eps E --delta D [--alpha A] [--trials N] [--seed S] [--workers N] [--svg FILE [--png]] [--json]',
  flags: [
    ...CLAIM_FLAGS.filter((f) => f.name !== 'width-scale' && f.name !== 'pool'),
    ...STUDY_FLAGS,
    { name: 'trials', kind: 'string', help: 'trials per pool size (default 200)', placeholder: 'N' },
    { name: 'svg', kind: 'string', help: 'write the figure here', placeholder: 'FILE' },
    { name: 'png', kind: 'boolean', help: 'also write the figure as PNG next to the SVG (FILE.png)' },
    JSON_FLAG,
  ],
  async run(args, io) {
    const claimId = claimById(requiredFlag(args, 'claim')).id;
    const svgPath = stringFlag(args, 'svg');
    if (svgPath !== undefined) checkOutputFile(svgPath, '--svg');
    const pngPath = boolFlag(args, 'png') ? pngPathFor(svgPath ?? '') : undefined;
    if (pngPath !== undefined && (svgPath === undefined || svgPath === '-'))
      throw new InputError('--png writes next to the SVG: give --svg FILE (a file name)');
    if (pngPath !== undefined) checkOutputFile(pngPath, '--png');
    const toPng = pngPath === undefined ? undefined : await loadPngRenderer();
    const params = claimParams(args);
    const target = loadClaimTarget(args, claimId);
    const alpha = alphaFlag(stringFlag(args, 'alpha') ?? '0.05');
    const trials = parseCount(stringFlag(args, 'trials') ?? '200', '--trials', 1, 1_000_000);
    const base = checkSeed(stringFlag(args, 'seed') ?? 'threshold');
    const json = boolFlag(args, 'json');
    const say = progressSteps(io, boolFlag(args, 'quiet'));
    const t = await thresholdStudy({
      claim: claimId,
      target,
      params,
      alpha,
      trials,
      base,
      workers: workersFlag(args),
      onPoint: (p) => say(`  pool ${p.pool}: ${p.failures}/${p.trials} failures, ${p.verdict}`),
    });
    if (svgPath !== undefined) {
      const svg = await thresholdSvg(t, params.delta, `${claimId}: failure rate vs pool size`);
      writeFileAtomic(svgPath, svg);
      if (pngPath !== undefined && toPng !== undefined) writeFileAtomic(pngPath, toPng(svg));
    }
    const ratio = t.threshold ? (Number(t.statedPool) / Number(t.threshold)).toFixed(1) : null;
    const exactRatio = t.threshold ? Rational.of(t.statedPool, t.threshold) : null;
    if (json) {
      io.out(
        toJsonText({
          claim: claimId,
          statedPool: countJson(t.statedPool),
          threshold: t.threshold === null ? null : countJson(t.threshold),
          refutedBelow: t.refutedBelow === null ? null : countJson(t.refutedBelow),
          statedOverThreshold: exactRatio?.toString() ?? null,
          statedOverThresholdEstimate: exactRatio === null ? null : estimateJson(exactRatio),
          alphaEach: t.alphaEach.toString(),
          trialsPerPoint: t.trialsPerPoint,
          points: t.points.map(thresholdPointJson),
          svg: svgPath ?? null,
          png: pngPath ?? null,
        }),
      );
    } else {
      const rows = t.points.map(
        (p) =>
          `  ${p.pool.toString().padStart(12)}  ${`${p.failures}/${p.trials}`.padStart(8)}  [${p.lower.toScientific(3, 'floor')}, ${p.upper.toScientific(3, 'ceil')}]  ${p.verdict}`,
      );
      io.out(
        [
          `threshold study of '${claimId}' (delta = ${params.delta}, ${trials} trials per size, each verdict at alpha = ${t.alphaEach.toScientific(3)})`,
          '          pool  failures  band                   verdict',
          ...rows,
          `stated pool ${t.statedPool}; least supported ${t.threshold ?? 'none'}${ratio ? ` (stated / threshold = ${ratio})` : ''}; largest refuted ${t.refutedBelow ?? 'none'}`,
          svgPath ? `figure: ${svgPath}${pngPath ? ` (and ${pngPath})` : ''}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
    return 0;
  },
};

/** `slth merge`. */
export const mergeCommand: Command = {
  path: ['merge'],
  summary: 'combine shard results (claim-test --shard) into one fixed-n verdict',
  usage: 'merge SHARD.json... [--alpha A] [--json]',
  flags: [{ name: 'alpha', kind: 'string', help: 'level of the verdict (default 0.05)', placeholder: 'A' }, JSON_FLAG],
  positional: { min: 1, max: 10_000, names: 'SHARD.json...' },
  run(args, io) {
    const alpha = alphaFlag(stringFlag(args, 'alpha') ?? '0.05');
    const shards = args.positional.map((f) => parseShardDoc(readJsonFile(f), f));
    const docs = shards.map((s) => s.doc);
    const v = mergeShards(docs, alpha, (shards[0] as (typeof shards)[number]).params.delta);
    io.out(
      boolFlag(args, 'json')
        ? toJsonText({ claim: v.claim, shards: docs.length, ...verdictJson(v) })
        : `claim ${v.claim} (${docs.length} shards): ${verdictLine(v)}`,
    );
    return v.verdict === 'supported' ? 0 : 1;
  },
};
