/**
 * `slth construct --construction subset`: construction D (subset sums) at its stated width, at a
 * scaled or given pool, or in the custom mode of Pensia et al.'s experiment (`--eta E --pool K`: a
 * fixed per-weight tolerance and pool; the target need not satisfy H, and the Lemma 4 chain then
 * uses certified bounds s_i >= ||W_i||_2). Writes a streamed `slth-certificate/2` with --out, which
 * the kernel re-checks (src/kernel/subset.ts) before the verdict is printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSubsetCertificate, type SubsetVerdict } from '../../kernel/subset.js';
import { readInputChunks } from '../../files/read.js';
import { InputError } from '../../errors.js';
import { Rational } from '../../numeric/rational.js';
import type { Network } from '../../network/network.js';
import { widths as networkWidths, weightCount } from '../../network/network.js';
import { readNetworkFile } from '../../network/json.js';
import { quickH } from '../../network/uniform.js';
import { checkSeed } from '../../random/scheme.js';
import { gWidthsFor, scalePools, statedWidth } from '../../theory/stated-width.js';
import { constructSubset, type SubsetMiss, type SubsetResult } from '../../constructions/subset-construct.js';
import { subsetSubnetwork } from '../../constructions/subset-subnetwork.js';
import { defaultThreads } from '../../constructions/parallel.js';
import { CERTIFICATE_FORMAT_2, type HeaderV2 } from '../../certificate/format2.js';
import { subsetHeader } from '../../constructions/certify-subset.js';
import { CertificateWriterV2 } from '../../certificate/stream.js';
import { supError } from '../../error/sup-error.js';
import { boolFlag, parseCount, requiredFlag, stringFlag, type Io, type ParsedArgs } from '../command.js';
import { toJsonText } from '../io.js';
import { countJson } from '../../numeric/json-values.js';
import { deltaFlag, epsFlag, exactFlag } from '../parse.js';
import { progressBar } from '../progress.js';
import { version } from '../version.js';
import { luekerCFlag } from './width.js';

/**
 * Largest N_w x k for which a run keeps its gadgets and computes the true sup error (within
 * --error-budget-ms); the same as the one-thread limit, since only one thread keeps gadgets.
 */
const TRUE_ERROR_WORK = 200_000;
/** Below this N_w x k a run stays in one thread unless --workers is given. */
const THREAD_WORK = 200_000;
/** Misses listed in full (the count is always given). */
const MISSES_SHOWN = 20;

/**
 * Parses --workers (1 to 256).
 *
 * @example
 * ```ts
 * workersFlag('2'); // 2
 * ```
 */
export function workersFlag(text: string): number {
  return parseCount(text, '--workers', 1, 256);
}

function missLine(m: SubsetMiss): string {
  const sides =
    m.side === 'both'
      ? `both sides (best errors ${Rational.parse(m.errorPlus).toScientific(4, 'ceil')} and ${Rational.parse(m.errorMinus).toScientific(4, 'ceil')})`
      : `the ${m.side} side (best error ${Rational.parse(m.side === 'plus' ? m.errorPlus : m.errorMinus).toScientific(4, 'ceil')})`;
  return `  no subset within eta for target weight (layer ${m.layer}, row ${m.row}, col ${m.col}) w = ${m.w}: ${sides} in its pool of ${m.pool} units`;
}

/**
 * Runs `slth construct --construction subset` (the flags are parsed by the construct command).
 *
 * @example
 * ```ts
 * await runSubsetConstruct(args, io, 'slth construct ...'); // exit code
 * ```
 */
export async function runSubsetConstruct(args: ParsedArgs, io: Io, command: string): Promise<number> {
  const json = boolFlag(args, 'json');
  const targetPath = requiredFlag(args, 'target');
  const net: Network = readNetworkFile(targetPath);
  const seed = checkSeed(requiredFlag(args, 'seed'));
  const eps = epsFlag(requiredFlag(args, 'eps'));
  const etaText = stringFlag(args, 'eta');
  const poolText = stringFlag(args, 'pool');
  const scaleText = stringFlag(args, 'width-scale');
  const cText = stringFlag(args, 'lueker-c');
  const deltaText = stringFlag(args, 'delta');
  const outPath = stringFlag(args, 'out');
  const custom = etaText !== undefined;
  if (custom && poolText === undefined) throw new InputError('--eta needs --pool (the custom mode fixes both)');
  if (scaleText !== undefined && poolText !== undefined)
    throw new InputError('give at most one of --width-scale and --pool');
  if (cText !== undefined && poolText !== undefined)
    throw new InputError('--lueker-c sets the formula pool; it cannot be combined with --pool');
  if (!custom && deltaText === undefined) throw new InputError('missing required option --delta');
  const delta = deltaText === undefined ? null : deltaFlag(deltaText);
  const ws = networkWidths(net);
  const h = quickH(net);
  if (!custom && !h.holds)
    throw new InputError(
      `${targetPath}: target violates hypothesis H (${h.how}); the custom mode --eta E --pool K accepts such targets`,
    );
  const hypothesis: HeaderV2['hypothesis'] = h.holds ? 'H' : 'none';
  const luekerC = cText === undefined ? undefined : luekerCFlag(cText);
  const stated = delta === null ? null : statedWidth({ widths: ws, eps, delta, construction: 'subset', luekerC });
  let eta: Rational;
  if (custom) {
    eta = exactFlag(etaText as string, '--eta');
    if (eta.sign() <= 0) throw new InputError(`--eta must be > 0, got ${etaText}`);
  } else eta = (stated as NonNullable<typeof stated>).eta;
  let pool: bigint[];
  if (poolText !== undefined) {
    const k = BigInt(parseCount(poolText, '--pool', 1, 1_000_000_000));
    pool = ws.slice(1).map(() => k);
  } else {
    const base = (stated as NonNullable<typeof stated>).pool;
    pool = scaleText === undefined ? [...base] : scalePools(base, exactFlag(scaleText, '--width-scale'));
  }
  const width: HeaderV2['width'] = !custom && poolText === undefined && scaleText === undefined ? 'stated' : 'custom';
  const gWidths = gWidthsFor('subset', ws, pool);
  const poolN = pool.map((k) => {
    if (k > BigInt(Number.MAX_SAFE_INTEGER)) throw new InputError(`pool ${k} is beyond what the lazy G addresses`);
    return Number(k);
  });
  const weights = weightCount(net);
  const work = weights * Math.max(...poolN);
  const workersText = stringFlag(args, 'workers');
  const threads = workersText !== undefined ? workersFlag(workersText) : work < THREAD_WORK ? 1 : defaultThreads();
  const wantError = !boolFlag(args, 'no-error') && work <= TRUE_ERROR_WORK;
  const spec = { seed, target: net, eta, pool: poolN };
  // the certificate always goes to a file, so that the kernel checks exactly what is written
  // (without --out, a temporary file that is removed afterwards)
  const scratch = outPath === undefined ? mkdtempSync(join(tmpdir(), 'slth-subset-')) : null;
  const certPath = outPath ?? join(scratch as string, 'certificate.jsonl');
  const writer = new CertificateWriterV2(certPath);
  const progress = progressBar(io, 'construct', boolFlag(args, 'quiet'));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let res: SubsetResult;
  try {
    res = await constructSubset(
      spec,
      {
        sink: (text, count) => writer.gadgetText(text, count),
        onProgress: (d, t) => progress.tick(d, t),
        keepGadgets: wantError && threads <= 1,
      },
      threads,
    );
  } catch (e) {
    writer.abort();
    if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
    throw e;
  } finally {
    progress.done();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  let bytes: number | null = null;
  {
    const header = subsetHeader(
      {
        target: net,
        seed,
        pool,
        eps,
        delta: delta === null || custom ? null : delta,
        eta,
        width,
        hypothesis,
        calibration:
          poolText === undefined && stated?.luekerC
            ? { luekerC: stated.luekerC, calibrated: luekerC === undefined }
            : null,
        version: version(),
        command,
      },
      res,
    );
    bytes = writer.finish(header);
  }
  // the trusted kernel on the written file
  const k0 = performance.now();
  const kc0 = process.cpuUsage();
  let verdict: SubsetVerdict;
  try {
    verdict = checkSubsetCertificate(readInputChunks(certPath));
  } finally {
    if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  }
  const kernelSeconds = (performance.now() - k0) / 1000;
  const kernelCpu = process.cpuUsage(kc0);
  const accepted = verdict.verdict === 'ACCEPT';
  const kernelLine =
    verdict.verdict === 'ACCEPT'
      ? `kernel: ACCEPT (${kernelSeconds.toFixed(2)} s)${verdict.atStatedWidth ? ', at the stated width' : ''}`
      : `kernel: REJECT: ${verdict.reason}`;
  const trueError =
    res.gadgets !== undefined && res.ok
      ? supError(subsetSubnetwork(spec, res.gadgets), net, {
          budgetMs: parseCount(stringFlag(args, 'error-budget-ms') ?? '1500', '--error-budget-ms', 0, 3_600_000),
          seed: 'slth',
        })
      : null;
  const withinEps = res.total.le(eps);
  const calibrated = poolText === undefined && stated?.luekerC !== undefined;
  if (json) {
    io.out(
      toJsonText({
        construction: 'subset',
        hypothesis,
        seed,
        eps: eps.toString(),
        delta: delta?.toString() ?? null,
        eta: eta.toString(),
        width,
        statedPool: stated ? stated.pool.map(countJson) : null,
        pool: pool.map(countJson),
        atStatedWidth: width === 'stated',
        gWidths: gWidths.map(countJson),
        constantCalibrated: calibrated && luekerC === undefined,
        luekerC: calibrated ? (stated?.luekerC as Rational).toString() : null,
        ok: res.ok,
        verdict: verdict.verdict,
        kernelReason: verdict.verdict === 'REJECT' ? verdict.reason : null,
        kernelAtStatedWidth: verdict.verdict === 'ACCEPT' ? verdict.atStatedWidth : null,
        kernelSeconds,
        kernelCpuSeconds: (kernelCpu.user + kernelCpu.system) / 1e6,
        weights,
        withinEta: res.stats.within,
        misses: res.misses.slice(0, 100).map((m) => ({ ...m })),
        missCount: res.misses.length,
        bound: res.total.toString(),
        perLayer: res.perLayer.map((b) => ({ layer: b.layer, a: b.a.toString(), s: b.s.toString() })),
        withinEps,
        activeWeights: res.activeWeights,
        depth: 2 * net.layers.length,
        halves: res.stats.halves,
        optimalHalves: res.stats.optimalHalves,
        exactFallbacks: res.stats.exactFallbacks,
        maxSearched: res.stats.maxSearched,
        trueError: trueError
          ? {
              exact: trueError.exact,
              method: trueError.method,
              lower: trueError.lower.toString(),
              upper: trueError.upper.toString(),
            }
          : null,
        workers: threads,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        certificate: outPath ?? null,
        certificateFormat: CERTIFICATE_FORMAT_2,
        certificateBytes: bytes,
      }),
    );
  } else {
    const lines = [
      `construction subset (hypothesis ${hypothesis === 'none' ? 'none: H fails, custom mode' : hypothesis}) on ${targetPath}, seed ${seed}`,
      `  eta = ${eta.toScientific(6, 'floor')}${custom ? ' (given)' : ''}, pool ${pool.join(', ')} units per input coordinate (${width === 'stated' ? 'stated width' : stated ? `custom; stated ${stated.pool.join(', ')}` : 'custom'})`,
      ...(calibrated
        ? [
            `  C_D = ${(stated?.luekerC as Rational).toString()}${luekerC === undefined ? ': calibrated, not proven (scripts/calibrate-subset.ts)' : ' (given by --lueker-c)'}`,
          ]
        : []),
      `  G widths ${gWidths.join(', ')}; ${threads} thread${threads === 1 ? '' : 's'}, ${seconds.toFixed(2)} s`,
      `  weights within eta: ${res.stats.within} of ${weights}${res.misses.length > 0 ? ` (${res.misses.length} misses)` : ''}; sides solved optimally ${res.stats.optimalHalves} of ${res.stats.halves}`,
      `  Lemma 4 bound ${res.total.toScientific(8, 'ceil')} ${withinEps ? '<=' : '>'} eps = ${eps}`,
      trueError
        ? trueError.exact
          ? `  true sup error ${trueError.lower.toScientific(8, 'nearest')} (exact, ${trueError.method})`
          : `  true sup error in [${trueError.lower.toScientific(6, 'floor')}, ${trueError.upper.toScientific(6, 'ceil')}] (certified bracket)`
        : boolFlag(args, 'no-error')
          ? '  (true sup error skipped: --no-error)'
          : res.ok
            ? wantError
              ? '  (true sup error skipped: only a one-thread run keeps its gadgets; use --workers 1)'
              : '  (true sup error skipped: the target is too large)'
            : '  (true sup error skipped: some weight missed)',
      `  active weights ${res.activeWeights}, depth ${2 * net.layers.length}`,
      `  ${kernelLine}`,
      outPath !== undefined
        ? `  certificate written to ${outPath} (${CERTIFICATE_FORMAT_2}, ${bytes} bytes)`
        : '  (no --out: certificate not written)',
    ];
    if (res.misses.length > 0) {
      lines.push(...res.misses.slice(0, MISSES_SHOWN).map(missLine));
      if (res.misses.length > MISSES_SHOWN) lines.push(`  ... and ${res.misses.length - MISSES_SHOWN} more misses`);
    }
    io.out(lines.join('\n'));
  }
  return res.ok && accepted ? 0 : 1;
}
