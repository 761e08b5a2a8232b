/**
 * Snapshot of slth's machine-readable outputs: runs the commands of scripts/json-commands.ts with
 * --json (and the audit) in-process and writes each command's exit code and stdout to a folder, with the few
 * wall-clock figures masked. Two snapshots taken before and after a refactoring must be
 * byte-identical:
 *
 *   npx tsx scripts/snapshot-outputs.ts /tmp/before
 *   ... refactor ...
 *   npx tsx scripts/snapshot-outputs.ts /tmp/after && diff -r /tmp/before /tmp/after
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../src/cli/command.js';
import { main } from '../src/cli/main.js';
import { jsonCommands, prepareWork } from './json-commands.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: tsx scripts/snapshot-outputs.ts OUT_DIR');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const work = join(out, '_work');
mkdirSync(work, { recursive: true });

prepareWork(work);

/**
 * Wall-clock figures, the only fields allowed to differ between two runs: timings, and the
 * audit's d >= 3 sup-error brackets, whose ends depend on how far branch-and-bound and the
 * witness search get within their time budget (and the figure drawn from them).
 */
function mask(text: string): string {
  if (text.startsWith('<svg') && text.includes('Lemma 4 bound vs true sup error'))
    return '<bound-vs-error figure: drawn from time-budgeted brackets>\n';
  return text
    .replace(
      /("errorLower": )"[^"]*",(\s*)("errorUpper": )"[^"]*",(\s*"errorExact": false,\s*"errorMethod": "bracket)/g,
      '$1"<budget>",$2$3"<budget>",$4',
    )
    .replace(/\| \[[^\]|]*\] \| <= [^|]* \|/g, '| [<budget>] | <budget> |')
    .replace(
      /"(ms|seconds|cpuSeconds|peakRssBytes|elapsedMs|timeMs|wallMs|durationMs)": [0-9.e+-]+/g,
      '"$1": "<masked>"',
    )
    .replace(/\btime: \d+(\.\d+)? s\b/g, 'time: <masked> s')
    .replace(/\(\d+ ms\)/g, '(<masked> ms)')
    .replace(new RegExp(work.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '<work>');
}

for (const { name, argv } of jsonCommands(work)) {
  const chunks: string[] = [];
  const io: Io = {
    out: (t) => void chunks.push(t.endsWith('\n') ? t : `${t}\n`),
    err: () => undefined,
    interactive: false,
  };
  const t0 = Date.now();
  const code = await main(argv, io);
  writeFileSync(join(out, `${name}.txt`), `exit ${code}\n${mask(chunks.join(''))}`);
  console.error(`${name.padEnd(28)} exit ${code}  ${Date.now() - t0} ms`);
}
// the files commands wrote: certificates, shard files, the audit's report and figures
const copy = (dir: string, prefix: string): void => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) copy(p, `${prefix}${e.name}--`);
    else writeFileSync(join(out, `file--${prefix}${e.name}`), mask(readFileSync(p, 'utf8')));
  }
};
copy(work, '');
rmSync(work, { recursive: true, force: true });
