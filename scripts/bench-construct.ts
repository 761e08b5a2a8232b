/**
 * Benchmarks of the constructions (issue: constructions at stated widths), measured in one run:
 * 1. pool scanning rate of construct() vs the raw two-draw rate of the same generator;
 * 2. construct at the stated width (delta = 1e-9) for a generated 8,8,8,1 target, eps = 0.1,
 *    pair construction: time and peak RSS, then the kernel's check time and the ratio.
 * Usage: npm run bench:construct [-- --json]
 */
import { Rational } from '../src/numeric/rational.js';
import { generateTarget } from '../src/network/generate.js';
import { Xor4096 } from '../src/random/xor4096.js';
import { construct } from '../src/constructions/construct.js';
import { certify } from '../src/constructions/certify.js';
import { checkCertificate } from '../src/kernel/check.js';
import { median } from './median.js';

const json = process.argv.includes('--json');

// 1. scanning rate: a target weight whose pool holds no qualifying unit (eta tiny), so the
//    construction scans the whole pool; compare with two raw draws per candidate.
const K = 4_000_000;
const target = { layers: [[[Rational.parse('0.3')]]] };
const scanRates: number[] = [];
const rawRates: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  let t = performance.now();
  const res = construct({
    construction: 'pair',
    target,
    seed: `bench${rep}`,
    eta: Rational.dyadic(1n, -60),
    pool: [BigInt(K)],
  });
  scanRates.push(res.scanned / ((performance.now() - t) / 1000));
  const a = new Xor4096(`raw-a${rep}`);
  const b = new Xor4096(`raw-b${rep}`);
  let s = 0;
  t = performance.now();
  for (let i = 0; i < K; i++) s += 2 * a.double() - 1 + (2 * b.double() - 1);
  rawRates.push(K / ((performance.now() - t) / 1000));
  if (s === 42) console.log('');
}
const scan = median(scanRates);
const raw = median(rawRates);

// 2. stated width, 8,8,8,1, eps 0.1, delta 1e-9, pair
const t881 = generateTarget([8, 8, 8, 1], 'bench');
let t0 = performance.now();
const out = certify({
  target: t881,
  seed: 'bench',
  eps: Rational.parse('0.1'),
  delta: Rational.parse('1e-9'),
  construction: 'pair',
});
const constructMs = performance.now() - t0;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
t0 = performance.now();
const verdict = checkCertificate(JSON.parse(JSON.stringify(out.certificate)) as unknown);
const checkMs = performance.now() - t0;

const result = {
  scanCandidatesPerSec: Math.round(scan),
  rawTwoDrawPerSec: Math.round(raw),
  scanOverRaw: Number((scan / raw).toFixed(3)),
  scanGoal: 0.5,
  stated: {
    widths: '8,8,8,1',
    eps: '0.1',
    delta: '1e-9',
    construction: 'pair',
    pool: out.pool.map(String),
    scanned: out.result.scanned,
  },
  constructSeconds: Number((constructMs / 1000).toFixed(2)),
  peakRssMb: Math.round(peakRssMb),
  kernelSeconds: Number((checkMs / 1000).toFixed(3)),
  kernelOverConstruct: Number((checkMs / constructMs).toFixed(3)),
  kernelVerdict: verdict.verdict,
};
if (json) console.log(JSON.stringify(result, null, 2));
else {
  console.log('slth construction benchmarks (one run, median of 5 for rates)');
  console.log(`  pool scan      ${(scan / 1e6).toFixed(1)} M candidates/s`);
  console.log(`  raw two draws  ${(raw / 1e6).toFixed(1)} M candidates/s`);
  console.log(`  ratio          ${result.scanOverRaw} (goal >= 0.5: ${result.scanOverRaw >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(
    `  construct 8,8,8,1 pair at stated width (k = ${out.pool[0]}): ${result.constructSeconds} s, ${out.result.scanned} candidates, peak RSS ${result.peakRssMb} MB (goals: < 30 s, < 500 MB)`,
  );
  console.log(
    `  kernel check: ${result.kernelSeconds} s (${verdict.verdict}); kernel / construct = ${result.kernelOverConstruct}`,
  );
}
