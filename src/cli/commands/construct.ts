/**
 * `slth construct`: run a construction on the lazy random network at its stated width (or a
 * scaled or explicit pool size), write the certificate, and have the kernel check it.
 */
import { checkSeed } from '../../random/scheme.js';
import type { ConstructResult } from '../../constructions/construct.js';
import { certifyParallel } from '../../constructions/certify.js';
import { defaultThreads } from '../../constructions/parallel.js';
import { weightCount, widths as networkWidths } from '../../network/network.js';
import { scalePools, statedWidth } from '../../theory/stated-width.js';
import { InputError } from '../../errors.js';
import { certificateError } from '../certificate-error.js';
import { checkIssuedCertificate } from '../../kernel/issued.js';
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
import { checkOutputFile } from '../../files/write.js';
import { countJson, estimateJson } from '../../numeric/json-values.js';
import { deltaFlag, epsFlag, exactFlag } from '../parse.js';
import { progressBar } from '../progress.js';
import { loadTarget } from '../target.js';
import { version } from '../version.js';
import { constructionFlag } from './width.js';
import { runSubsetConstruct, workersFlag } from './construct-subset.js';

/** Below this many candidate reads (estimated) a gadget run stays in one thread unless --workers is given. */
const THREAD_WORK = 50_000_000n;

/**
 * The command line that produced a result, canonical (flags in the order given, minus --json and
 * --workers, which change neither the run nor its certificate).
 */
function commandLine(path: readonly string[], args: ParsedArgs): string {
  const parts = ['slth', ...path, ...args.positional];
  for (const [k, v] of args.flags)
    if (k !== 'json' && k !== 'workers') parts.push(v === true ? `--${k}` : `--${k} ${v}`);
  return parts.join(' ');
}

function missText(res: ConstructResult): string {
  return res.misses
    .map(
      (m) =>
        `  no gadget for target weight (layer ${m.layer}, row ${m.row}, col ${m.col}) w = ${m.w}: ${m.side === 'both' ? 'no unit qualified for either side' : `no unit qualified for the ${m.side} side`} in its pool of ${m.pool} units`,
    )
    .join('\n');
}

/** `slth construct`. */
export const constructCommand: Command = {
  path: ['construct'],
  summary: 'build a subnetwork of the lazy random G by pruning, write its certificate, kernel-check it',
  usage:
    'construct --target FILE --seed S --eps E --delta D --construction pair|shared|product|subset [--width-scale F | --pool K] [--eta E] [--workers N] [--out CERT] [--json]',
  description:
    'At the stated width (default) every pool is as large as the explicit-constant theorem requires.\n' +
    '--width-scale F multiplies every pool size by F (rounded up, at least 1); --pool K sets every pool to K.\n' +
    'Pools are independent and run on --workers N threads (default: the cores, one thread for small runs);\n' +
    'the certificate is the same bytes whatever N.\n' +
    'subset (subset sums, Pensia et al.): k = ceil(C_D log2(2 N_w / min(eta, delta))) units per input coordinate,\n' +
    'C_D calibrated, not proven (--lueker-c replaces it); --eta E --pool K is the custom mode of a fixed per-weight\n' +
    'tolerance and pool (no --delta needed; the target need not satisfy H). It writes slth-certificate/2 (JSON Lines),\n' +
    'which the kernel re-checks like every certificate.\n' +
    'Exit 0 when the kernel accepts the certificate (subset: every weight within eta), 1 otherwise.',
  flags: [
    {
      name: 'target',
      kind: 'string',
      help: 'target network (slth-network/1); must satisfy H',
      required: true,
      placeholder: 'FILE',
    },
    { name: 'seed', kind: 'string', help: 'seed of the random network G', required: true, placeholder: 'S' },
    { name: 'eps', kind: 'string', help: 'accuracy eps > 0', required: true, placeholder: 'E' },
    {
      name: 'delta',
      kind: 'string',
      help: 'failure probability delta in (0, 1) (required, except for subset with --eta)',
      placeholder: 'D',
    },
    {
      name: 'construction',
      kind: 'string',
      help: 'pair, shared, product or subset',
      required: true,
      placeholder: 'C',
    },
    { name: 'width-scale', kind: 'string', help: 'scale every pool size by F > 0', placeholder: 'F' },
    { name: 'pool', kind: 'string', help: 'use pool size K for every target layer', placeholder: 'K' },
    { name: 'eta', kind: 'string', help: 'subset only: a fixed per-weight tolerance (with --pool)', placeholder: 'E' },
    {
      name: 'lueker-c',
      kind: 'string',
      help: 'subset only: the constant C_D of the pool formula (default: calibrated)',
      placeholder: 'C',
    },
    { name: 'workers', kind: 'string', help: 'worker threads (default: the number of cores)', placeholder: 'N' },
    { name: 'out', kind: 'string', help: 'write the certificate here (atomically)', placeholder: 'CERT' },
    { name: 'quiet', kind: 'boolean', help: 'no progress bar' },
    { name: 'no-error', kind: 'boolean', help: 'skip the true sup error of the subnetwork' },
    {
      name: 'error-budget-ms',
      kind: 'string',
      help: 'time budget of the d >= 3 error bracket (default 1500)',
      placeholder: 'N',
    },
    JSON_FLAG,
  ],
  async run(args, io) {
    const construction = constructionFlag(requiredFlag(args, 'construction'));
    if (construction === 'subset') return runSubsetConstruct(args, io, commandLine(this.path, args));
    for (const f of ['eta', 'lueker-c'])
      if (stringFlag(args, f) !== undefined) throw new InputError(`--${f} applies to the subset construction only`);
    const json = boolFlag(args, 'json');
    const targetPath = requiredFlag(args, 'target');
    const { net, hprime } = loadTarget(targetPath);
    const seed = checkSeed(requiredFlag(args, 'seed'));
    const eps = epsFlag(requiredFlag(args, 'eps'));
    const delta = deltaFlag(requiredFlag(args, 'delta'));
    const scaleText = stringFlag(args, 'width-scale');
    const poolText = stringFlag(args, 'pool');
    const outPath = stringFlag(args, 'out');
    if (outPath !== undefined) {
      if (outPath === '-' && boolFlag(args, 'json'))
        throw new InputError('--out - and --json would both write to standard output; give --out a file name');
      checkOutputFile(outPath, '--out');
    }
    const progress = progressBar(io, 'construct', boolFlag(args, 'quiet'));
    const input = {
      target: net,
      seed,
      eps,
      delta,
      construction,
      hprime,
      widthScale: scaleText === undefined ? undefined : exactFlag(scaleText, '--width-scale'),
      pool: poolText === undefined ? undefined : BigInt(parseCount(poolText, '--pool', 1, Number.MAX_SAFE_INTEGER)),
      version: version(),
      command: commandLine(this.path, args),
      onProgress: (d: number, t: number) => progress.tick(d, t),
    };
    const workersText = stringFlag(args, 'workers');
    let threads = 1;
    if (workersText !== undefined) threads = workersFlag(workersText);
    else {
      // estimated candidate reads: a pool is scanned until both sides qualify, a fraction of k
      const stated = statedWidth({ widths: networkWidths(net), eps, delta, construction, hprime });
      let pool = [...stated.pool];
      if (input.widthScale !== undefined) pool = scalePools(pool, input.widthScale);
      if (input.pool !== undefined) pool = pool.map(() => input.pool as bigint);
      const work = pool.reduce((acc, k) => acc + k, 0n) * BigInt(weightCount(net));
      if (work / 16n >= THREAD_WORK) threads = defaultThreads();
    }
    const { stated, pool, gWidths, result: res, certificate: cert } = await certifyParallel(input, threads);
    progress.done();
    const summary = {
      construction,
      hypothesis: stated.hypothesis,
      seed,
      eps: eps.toString(),
      delta: delta.toString(),
      eta: stated.eta.toString(),
      statedPool: stated.pool.map(countJson),
      pool: pool.map(countJson),
      atStatedWidth: pool.every((k, i) => k === stated.pool[i]),
      gWidths: gWidths.map(countJson),
      scannedCandidates: res.scanned,
    };
    if (cert === null) {
      const misses = res.misses.map((m) => ({
        layer: m.layer,
        row: m.row,
        col: m.col,
        w: m.w.toString(),
        side: m.side,
        pool: countJson(m.pool),
      }));
      if (json) io.out(toJsonText({ ...summary, ok: false, verdict: 'NO-GADGET', misses }));
      else
        io.out(
          `construction ${construction} FAILED at pool ${pool.join(', ')} (stated ${stated.pool.join(', ')}), seed ${seed}:\n${missText(res)}`,
        );
      return 1;
    }
    const verdict = checkIssuedCertificate(cert);
    if (outPath !== undefined) writeOutput(outPath, toJsonText(cert), io);
    const accepted = verdict.verdict === 'ACCEPT';
    const trueError = boolFlag(args, 'no-error')
      ? null
      : certificateError(
          cert,
          accepted ? verdict.bound : null,
          parseCount(stringFlag(args, 'error-budget-ms') ?? '1500', '--error-budget-ms', 0, 3_600_000),
          { target: net, gadgets: res.gadgets },
        );
    if (json) {
      io.out(
        toJsonText({
          ...summary,
          ok: true,
          verdict: verdict.verdict,
          reason: accepted ? null : verdict.reason,
          bound: res.total.toString(),
          perLayer: res.perLayer.map((b) => ({ layer: b.layer, a: b.a.toString(), s: b.s.toString() })),
          withinEps: res.total.le(eps),
          activeWeights: res.activeWeights,
          depth: 2 * net.layers.length,
          trueError: trueError
            ? {
                exact: trueError.exact,
                method: trueError.result.method,
                how: trueError.how,
                lower: trueError.lower.toString(),
                upper: trueError.upper.toString(),
                upperFromLemma4: trueError.upperFromLemma4,
                boundOverLower: trueError.ratio?.toString() ?? null,
                boundOverLowerEstimate: trueError.ratio === null ? null : estimateJson(trueError.ratio),
              }
            : null,
          certificate: outPath ?? null,
        }),
      );
    } else {
      io.out(
        [
          `construction ${construction} (hypothesis ${stated.hypothesis}) on ${targetPath}, seed ${seed}`,
          `  eta = ${stated.eta.toScientific(6, 'floor')}, pool ${pool.join(', ')}${summary.atStatedWidth ? ' (stated width)' : ` (stated ${stated.pool.join(', ')})`}`,
          `  G widths ${gWidths.join(', ')}; ${res.scanned} candidates scanned`,
          `  Lemma 4 bound ${res.total.toScientific(8, 'ceil')} ${res.total.le(eps) ? '<=' : '>'} eps = ${eps}`,
          trueError
            ? trueError.exact
              ? `  true sup error ${trueError.lower.toScientific(8, 'nearest')} (exact, ${trueError.result.method}); bound / true error = ${trueError.looseness}`
              : `  true sup error in [${trueError.lower.toScientific(6, 'floor')}, ${trueError.upper.toScientific(6, 'ceil')}] (${trueError.how}); bound / lower end = ${trueError.looseness}`
            : '  (true sup error skipped: --no-error)',
          `  active weights ${res.activeWeights}, depth ${2 * net.layers.length}`,
          `  kernel: ${verdict.verdict}${accepted ? '' : ` (${verdict.reason})`}`,
          outPath !== undefined ? `  certificate written to ${outPath}` : '  (no --out: certificate not written)',
        ].join('\n'),
      );
    }
    return accepted ? 0 : 1;
  },
};
