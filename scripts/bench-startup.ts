/**
 * Start-up time of the installed CLI: `slth --version` and a small `slth check`, each as a ratio
 * to `node -e 0` measured in the same run (median of N runs each, interleaved). Runs the
 * compiled CLI (bin/slth.js -> dist/), as an installed package does; build first (`npm run build`).
 *
 *   npx tsx scripts/bench-startup.ts [--runs N] [--json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 15) || 15;
const json = args.includes('--json');
const dir = mkdtempSync(join(tmpdir(), 'slth-startup-'));
const cert = join(dir, 'cert.json');
execFileSync(process.execPath, [
  'bin/slth.js',
  'construct',
  '--target',
  'fixtures/targets/d1-single.json',
  '--seed',
  'bench',
  '--eps',
  '0.1',
  '--delta',
  '1e-9',
  '--construction',
  'pair',
  '--out',
  cert,
  '--quiet',
  '--no-error',
]);

const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['slth --version', ['bin/slth.js', '--version']],
  ['slth check (1 gadget)', ['bin/slth.js', 'check', cert]],
];
const times = new Map<string, number[]>(cases.map(([n]) => [n, []]));
for (let r = 0; r < runs; r++) {
  for (const [name, argv] of cases) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, argv, { stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`${name} exited ${res.status}`);
    times.get(name)?.push(ms);
  }
}
rmSync(dir, { recursive: true, force: true });
const base = median(times.get('node -e 0') ?? []);
const rows = cases.map(([name]) => {
  const m = median(times.get(name) ?? []);
  return { name, medianMs: Math.round(m), ratioToNode: Number((m / base).toFixed(2)) };
});
if (json) console.log(JSON.stringify({ runs, rows, goal: { maxRatio: 5, maxSeconds: 0.3 } }, null, 2));
else {
  console.log(`start-up, median of ${runs} runs each (goal: < 0.3 s and <= 5x node -e 0)`);
  for (const r of rows)
    console.log(`  ${r.name.padEnd(24)} ${String(r.medianMs).padStart(5)} ms   ${r.ratioToNode.toFixed(2)}x node -e 0`);
}
