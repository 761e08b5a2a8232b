/**
 * Per-folder mutation scores from a Stryker JSON report (mutation-testing-report-schema).
 *
 * Usage: tsx scripts/mutation-summary.ts [report.json] [--break N]
 * Prints killed / timeout / survived / no-coverage and the score (detected / valid, as Stryker
 * counts it) for every folder under src/; with --break N it exits 1 when a folder scores below N.
 *
 * @example
 * ```sh
 * npx tsx scripts/mutation-summary.ts reports/mutation/mutation.json --break 85
 * ```
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  readonly status: string;
}
interface Report {
  readonly files: Readonly<Record<string, { readonly mutants: readonly Mutant[] }>>;
}

const args = process.argv.slice(2);
const breakAt = args.indexOf('--break');
const threshold = breakAt >= 0 ? Number(args[breakAt + 1]) : null;
const path = args.find((a, i) => !a.startsWith('--') && (breakAt < 0 || i !== breakAt + 1)) ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(path, 'utf8')) as Report;

const folders = new Map<string, Map<string, number>>();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = file.split('/').slice(0, 2).join('/');
  const counts = folders.get(folder) ?? new Map<string, number>();
  for (const m of mutants) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  folders.set(folder, counts);
}

const cols = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];
console.log(['folder'.padEnd(20), 'score', ...cols.map((c) => c.toLowerCase())].join('\t'));
let failed = false;
for (const [folder, counts] of [...folders.entries()].sort()) {
  const n = (s: string): number => counts.get(s) ?? 0;
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  if (threshold !== null && score < threshold) failed = true;
  console.log([folder.padEnd(20), score.toFixed(2), ...cols.map((c) => String(n(c)))].join('\t'));
}
if (failed) {
  console.error(`mutation score below ${threshold}% in at least one folder`);
  process.exitCode = 1;
}
