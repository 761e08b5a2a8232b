/**
 * Benchmarks of construction D (subset sums) at the scale of a real network, each figure measured
 * in one run of `npm run bench:subset [-- --json] [--quick]`. Every run is a child process of the
 * compiled CLI (`node bin/slth.js`, rebuilt first), so its wall time, CPU time (all threads) and
 * peak RSS are its own.
 *
 * (a) Pensia et al.'s workload: a seeded 784-500-10 target with weights uniform on
 *     [-0.4642, 0.5407] (it does not satisfy H), per-weight tolerance 0.01, a pool of 42 units per
 *     input coordinate (about 21 per side), custom mode (`--eta 0.01 --pool 42`), 2 workers: wall
 *     time, core-seconds, peak RSS, weights within 0.01, certificate size, and the ratio of
 *     Pensia et al.'s 77,266 s x 36 cores to our core-seconds (goal >= 10,000; stretch 100,000).
 * (b) The stated width: a 784-500-10 target satisfying H (`slth net generate`), eps = 0.1,
 *     delta = 1e-6, 2 workers: wall time (goal < 10 min on 2 cores), peak RSS (goal < 2 GB), the
 *     Lemma 4 bound, active weights, G's size, and the pair construction's stated G size for the
 *     same target.
 * (c) Speed-up from 1 to 2 workers on (b)'s run (goal >= 1.7): the median wall time of three runs
 *     on 1 worker over that of three on 2 (the first of them (b)'s own run), every run listed;
 *     and the kernel's time against the construction's at (a) and (b) (construct checks the
 *     certificate it writes; goal <= 0.1).
 *
 * `--quick` shrinks the hidden layer to 50 units (a smoke run, not the benchmark).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rational } from '../src/numeric/rational.js';
import { median } from './median.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'slth.js');
const hidden = quick ? 50 : 500;
const widths = `784,${hidden},10`;
const PENSIA_CORE_SECONDS = 77_266 * 36;

/** Runs on 1 and on 2 workers behind (c)'s speed-up (their medians are compared). */
const SPEEDUP_RUNS = quick ? 1 : 3;

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function log(text: string): void {
  if (!json) process.stderr.write(`${text}\n`);
}

/** Runs the CLI; returns its parsed --json output (or text), exit code and the parent's wall time. */
function slth(args: string[], parse = true): { out: Record<string, unknown>; code: number; wall: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`slth ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { out: parse ? (JSON.parse(r.stdout) as Record<string, unknown>) : { text: r.stdout }, code: r.status, wall };
}

const num = (x: unknown): number => Number(x);
const mb = (bytes: unknown): number => Math.round(num(bytes) / 2 ** 20);

// build dist/ so the children run the current sources
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'slth-bench-subset-'));
try {
  // (a) Pensia et al.'s workload
  const pensiaTarget = join(dir, 'pensia.json');
  slth(
    ['net', 'generate', '--widths', widths, '--seed', 'pensia', '--uniform', '-0.4642,0.5407', '--out', pensiaTarget],
    false,
  );
  log(`(a) construct ${widths}, uniform weights, eta 0.01, pool 42, 2 workers ...`);
  const a = slth([
    'construct',
    '--target',
    pensiaTarget,
    '--seed',
    'pensia',
    '--eps',
    '0.01',
    '--construction',
    'subset',
    '--eta',
    '0.01',
    '--pool',
    '42',
    '--workers',
    '2',
    '--out',
    join(dir, 'pensia.jsonl'),
    '--json',
    '--quiet',
  ]);
  const aCore = num(a.out['cpuSeconds']);
  const resultA = {
    workload: `${widths}, weights uniform on [-0.4642, 0.5407] (H fails), eta = 0.01, pool 42 per input coordinate, 2 workers`,
    wallSeconds: num(a.out['seconds']),
    coreSeconds: aCore,
    peakRssMb: mb(a.out['peakRssBytes']),
    weights: num(a.out['weights']),
    withinEta: num(a.out['withinEta']),
    misses: num(a.out['missCount']),
    sidesOptimal: `${a.out['optimalHalves']} of ${a.out['halves']}`,
    activeWeights: num(a.out['activeWeights']),
    certificateMb: Math.round((num(a.out['certificateBytes']) / 2 ** 20) * 10) / 10,
    pensiaCoreSeconds: PENSIA_CORE_SECONDS,
    ratio: Math.round(PENSIA_CORE_SECONDS / aCore),
    goals: { ratio: '>= 10,000 (stretch 100,000)', certificate: '< 100 MB' },
  };
  rmSync(join(dir, 'pensia.jsonl'), { force: true });

  // (b) the stated width
  const hTarget = join(dir, 'h.json');
  slth(['net', 'generate', '--widths', widths, '--seed', 'bench-h', '--out', hTarget], false);
  const base = [
    'construct',
    '--target',
    hTarget,
    '--seed',
    'bench',
    '--eps',
    '0.1',
    '--delta',
    '1e-6',
    '--construction',
    'subset',
  ];
  log(`(b) construct ${widths} (H holds) at the stated width, eps 0.1, delta 1e-6, 2 workers ...`);
  const b2 = slth([...base, '--workers', '2', '--out', join(dir, 'h.jsonl'), '--json', '--quiet']);
  const widthSubset = slth([
    'width',
    '--target',
    hTarget,
    '--eps',
    '0.1',
    '--delta',
    '1e-6',
    '--construction',
    'subset',
    '--json',
  ]);
  const widthPair = slth([
    'width',
    '--target',
    hTarget,
    '--eps',
    '0.1',
    '--delta',
    '1e-6',
    '--construction',
    'pair',
    '--json',
  ]);
  const resultB = {
    workload: `${widths}, H holds, eps = 0.1, delta = 1e-6, stated pool ${(b2.out['pool'] as (number | string)[]).join(', ')} (C_D ${b2.out['luekerC']}, calibrated, not proven), 2 workers`,
    wallSeconds: num(b2.out['seconds']),
    coreSeconds: num(b2.out['cpuSeconds']),
    peakRssMb: mb(b2.out['peakRssBytes']),
    withinEta: `${b2.out['withinEta']} of ${b2.out['weights']}`,
    bound: Rational.parse(String(b2.out['bound'])).toScientific(6, 'ceil'),
    boundWithinEps: b2.out['withinEps'],
    activeWeights: num(b2.out['activeWeights']),
    gHiddenUnits: String(widthSubset.out['hiddenUnits']),
    gParameters: String(widthSubset.out['gParameters']),
    pairStatedHiddenUnits: String(widthPair.out['hiddenUnits']),
    pairStatedGParameters: String(widthPair.out['gParameters']),
    certificateMb: Math.round((num(b2.out['certificateBytes']) / 2 ** 20) * 10) / 10,
    goals: { wall: '< 600 s on 2 cores', rss: '< 2048 MB' },
  };
  rmSync(join(dir, 'h.jsonl'), { force: true });

  // (c) speed-up from 1 to 2 workers, on (b)'s run: medians of SPEEDUP_RUNS runs each, alternating
  const runs: { workers: number; wallSeconds: number; coreSeconds: number }[] = [
    { workers: 2, wallSeconds: num(b2.out['seconds']), coreSeconds: num(b2.out['cpuSeconds']) },
  ];
  for (let r = 0; r < SPEEDUP_RUNS; r++) {
    for (const workers of r === 0 ? [1] : [1, 2]) {
      log(`(c) the same run on ${workers} worker${workers === 1 ? '' : 's'} (${r + 1} of ${SPEEDUP_RUNS}) ...`);
      const o = slth([...base, '--workers', String(workers), '--json', '--quiet']).out;
      runs.push({ workers, wallSeconds: num(o['seconds']), coreSeconds: num(o['cpuSeconds']) });
    }
  }
  const pick = (workers: number, key: 'wallSeconds' | 'coreSeconds'): number =>
    median(runs.filter((r) => r.workers === workers).map((r) => r[key]));
  const resultC = {
    run: '(b), median of the runs',
    runs,
    wallSeconds1: pick(1, 'wallSeconds'),
    wallSeconds2: pick(2, 'wallSeconds'),
    coreSeconds1: pick(1, 'coreSeconds'),
    coreSeconds2: pick(2, 'coreSeconds'),
    speedup: Math.round((pick(1, 'wallSeconds') / pick(2, 'wallSeconds')) * 100) / 100,
    goal: '>= 1.7',
    kernelVerdictA: String(a.out['verdict']),
    kernelReasonA: a.out['kernelReason'] ?? null,
    kernelVerdictB: String(b2.out['verdict']),
    kernelSecondsA: num(a.out['kernelSeconds']),
    kernelSecondsB: num(b2.out['kernelSeconds']),
    kernelCoreSecondsA: num(a.out['kernelCpuSeconds']),
    kernelCoreSecondsB: num(b2.out['kernelCpuSeconds']),
    // the kernel runs on one thread; the construction on two: both ratios, wall and core
    kernelOverConstructWallA: round3(num(a.out['kernelSeconds']) / num(a.out['seconds'])),
    kernelOverConstructWallB: round3(num(b2.out['kernelSeconds']) / num(b2.out['seconds'])),
    kernelOverConstructCoreA: round3(num(a.out['kernelCpuSeconds']) / num(a.out['cpuSeconds'])),
    kernelOverConstructCoreB: round3(num(b2.out['kernelCpuSeconds']) / num(b2.out['cpuSeconds'])),
    kernelGoal: '<= 0.1',
  };
  const report = { quick, a: resultA, b: resultB, c: resultC };
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`bench:subset${quick ? ' (--quick: a smoke run, not the benchmark)' : ''}`);
    console.log(`(a) ${resultA.workload}`);
    console.log(
      `    wall ${resultA.wallSeconds.toFixed(1)} s, ${resultA.coreSeconds.toFixed(1)} core-seconds, peak RSS ${resultA.peakRssMb} MB`,
    );
    console.log(
      `    within 0.01: ${resultA.withinEta} of ${resultA.weights} (${resultA.misses} misses); sides solved optimally ${resultA.sidesOptimal}; active weights ${resultA.activeWeights}`,
    );
    console.log(`    certificate ${resultA.certificateMb} MB (goal < 100 MB)`);
    console.log(
      `    Pensia et al. 77,266 s x 36 cores = ${PENSIA_CORE_SECONDS} core-seconds; ratio ${resultA.ratio} (goal >= 10,000; stretch 100,000)`,
    );
    console.log(`(b) ${resultB.workload}`);
    console.log(
      `    wall ${resultB.wallSeconds.toFixed(1)} s (goal < 600), ${resultB.coreSeconds.toFixed(1)} core-seconds, peak RSS ${resultB.peakRssMb} MB (goal < 2048)`,
    );
    console.log(
      `    within eta: ${resultB.withinEta}; Lemma 4 bound ${resultB.bound} (<= eps: ${resultB.boundWithinEps}); active weights ${resultB.activeWeights}`,
    );
    console.log(
      `    G: ${resultB.gHiddenUnits} hidden units, ${resultB.gParameters} parameters; pair's stated G: ${resultB.pairStatedHiddenUnits} hidden units, ${resultB.pairStatedGParameters} parameters`,
    );
    console.log(`    certificate ${resultB.certificateMb} MB`);
    console.log(
      `(c) speed-up 1 -> 2 workers on (b), medians of ${SPEEDUP_RUNS} runs each: ${resultC.wallSeconds1.toFixed(1)} s / ${resultC.wallSeconds2.toFixed(1)} s = ${resultC.speedup} (goal >= 1.7); core-seconds ${resultC.coreSeconds1.toFixed(1)} and ${resultC.coreSeconds2.toFixed(1)}`,
    );
    for (const w of [1, 2])
      console.log(
        `    runs on ${w} worker${w === 1 ? '' : 's'}: ${runs
          .filter((r) => r.workers === w)
          .map((r) => `${r.wallSeconds.toFixed(1)} s`)
          .join(', ')}`,
      );
    console.log(
      `    kernel (one thread) on (a): ${resultC.kernelVerdictA}${resultC.kernelReasonA === null ? '' : ` (${String(resultC.kernelReasonA)}; refused after all its work: the lines are checked before the bound)`} in ${resultC.kernelSecondsA.toFixed(1)} s; kernel / construct = ${resultC.kernelOverConstructWallA} wall, ${resultC.kernelOverConstructCoreA} core-seconds (goal <= 0.1)`,
    );
    console.log(
      `    kernel (one thread) on (b): ${resultC.kernelVerdictB} in ${resultC.kernelSecondsB.toFixed(1)} s; kernel / construct = ${resultC.kernelOverConstructWallB} wall, ${resultC.kernelOverConstructCoreB} core-seconds (goal <= 0.1)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
