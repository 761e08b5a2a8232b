/**
 * `npm run mutation:subset`: one Stryker run per part of construction D's code
 * (scripts/mutation-subset-parts.ts), each against its own suites, then the merged per-folder
 * and per-file scores (scripts/mutation-summary.ts --files --break 85).
 *
 * Usage: tsx scripts/mutation-subset.ts [part ...]   (default: every part; reports of parts not
 * run this time are reused when present)
 *
 * @example
 * ```sh
 * npx tsx scripts/mutation-subset.ts width universal
 * ```
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SUBSET_MUTATION_PARTS } from './mutation-subset-parts.js';

const asked = process.argv.slice(2);
for (const name of asked)
  if (!SUBSET_MUTATION_PARTS.some((p) => p.name === name)) {
    console.error(`unknown part '${name}'; parts: ${SUBSET_MUTATION_PARTS.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
const require = createRequire(import.meta.url);
const stryker = join(dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const tsx = require.resolve('tsx/cli');
const report = (name: string): string => `reports/mutation/subset-${name}.json`;

for (const part of SUBSET_MUTATION_PARTS) {
  if (asked.length > 0 && !asked.includes(part.name)) continue;
  console.error(`mutation:subset, part ${part.name}: ${part.mutate.join(', ')}`);
  rmSync('reports/mutation/subset.json', { force: true }); // a report left by an earlier run is never taken for this one
  const run = spawnSync(
    process.execPath,
    [stryker, 'run', 'stryker.subset.config.json', '--mutate', part.mutate.join(',')],
    { stdio: 'inherit', env: { ...process.env, SLTH_MUTATION_PART: part.name } },
  );
  // Stryker exits 1 below its break threshold; the merged summary below decides
  if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1);
  if (!existsSync('reports/mutation/subset.json')) {
    console.error(`mutation:subset, part ${part.name}: Stryker wrote no report (exit ${run.status})`);
    process.exit(1);
  }
  renameSync('reports/mutation/subset.json', report(part.name));
}
const reports = SUBSET_MUTATION_PARTS.map((p) => report(p.name)).filter((path) => existsSync(path));
const summary = spawnSync(
  process.execPath,
  [tsx, 'scripts/mutation-summary.ts', ...reports, '--files', '--break', '85'],
  { stdio: 'inherit' },
);
process.exit(summary.status ?? 1);
