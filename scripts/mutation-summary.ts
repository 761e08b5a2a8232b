/**
 * Per-folder mutation scores from a Stryker JSON report (mutation-testing-report-schema).
 *
 * Usage: tsx scripts/mutation-summary.ts [report.json ...] [--break N] [--files]
 * Prints killed / timeout / survived / no-coverage and the score (detected / valid, as Stryker
 * counts it) for every folder under src/; with --break N it exits 1 when a folder scores below N.
 * Several reports (e.g. one per folder from separate runs) are read as one; a file that appears
 * in more than one report counts from the last of them. `--files` adds one line per mutated file.
 *
 * @example
 * ```sh
 * npx tsx scripts/mutation-summary.ts reports/mutation/kernel.json reports/mutation/lemmas.json --break 85
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
const given = args.filter((a, i) => !a.startsWith('--') && (breakAt < 0 || i !== breakAt + 1));
const paths = given.length > 0 ? given : ['reports/mutation/mutation.json'];
const files = new Map<string, readonly Mutant[]>();
for (const path of paths) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  for (const [file, { mutants }] of Object.entries(report.files)) files.set(file, mutants);
}

const folders = new Map<string, Map<string, number>>();
for (const [file, mutants] of files) {
  const folder = file.split('/').slice(0, 2).join('/');
  const counts = folders.get(folder) ?? new Map<string, number>();
  for (const m of mutants) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  folders.set(folder, counts);
}

function score(counts: ReadonlyMap<string, number>): number {
  const n = (s: string): number => counts.get(s) ?? 0;
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  return valid === 0 ? 100 : (100 * detected) / valid;
}

const cols = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];
console.log(['folder'.padEnd(20), 'score', ...cols.map((c) => c.toLowerCase())].join('\t'));
let failed = false;
for (const [folder, counts] of [...folders.entries()].sort()) {
  const s = score(counts);
  if (threshold !== null && s < threshold) failed = true;
  console.log([folder.padEnd(20), s.toFixed(2), ...cols.map((c) => String(counts.get(c) ?? 0))].join('\t'));
}
if (args.includes('--files')) {
  console.log('');
  for (const [file, mutants] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const counts = new Map<string, number>();
    for (const m of mutants) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
    console.log([file.padEnd(36), score(counts).toFixed(2), ...cols.map((c) => String(counts.get(c) ?? 0))].join('\t'));
  }
}
if (failed) {
  console.error(`mutation score below ${threshold}% in at least one folder`);
  process.exitCode = 1;
}
