/**
 * Snapshot of slth's machine-readable outputs: runs a fixed list of commands with --json (and the
 * audit) in-process and writes each command's exit code and stdout to a folder, with the few
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

const out = process.argv[2];
if (!out) {
  console.error('usage: tsx scripts/snapshot-outputs.ts OUT_DIR');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const work = join(out, '_work');
mkdirSync(work, { recursive: true });

const T = 'fixtures/targets';
const cert = (name: string): string => join(work, `${name}.cert.json`);

/** Each entry: a name and the argv. `{work}` is replaced by the scratch folder. */
const COMMANDS: [string, string[]][] = [
  ['net-generate', ['net', 'generate', '--widths', '2,3,1', '--seed', 'snap', '--json']],
  [
    'net-generate-hprime-tight',
    ['net', 'generate', '--widths', '3,4,4,1', '--seed', 'snap', '--hprime', '--tight', '--json'],
  ],
  ['net-validate', ['net', 'validate', `${T}/d3-tight.json`, '--json']],
  ['net-validate-hprime', ['net', 'validate', `${T}/d3-hprime.json`, '--json']],
  ['net-eval', ['net', 'eval', `${T}/d2-small.json`, '--x', '1/3,-1/4', '--json']],
  ['g-weight', ['g', 'weight', '--seed', 'demo', '--layer', '1', '--row', '1000000', '--col', '0', '--json']],
  [
    'width-pair',
    ['width', '--target', `${T}/d2-small.json`, '--eps', '0.1', '--delta', '1e-9', '--construction', 'pair', '--json'],
  ],
  [
    'width-shared',
    ['width', '--target', `${T}/d2-deep.json`, '--eps', '0.1', '--delta', '1e-9', '--construction', 'shared', '--json'],
  ],
  [
    'width-product',
    [
      'width',
      '--target',
      `${T}/d3-hprime.json`,
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--construction',
      'product',
      '--json',
    ],
  ],
  [
    'width-product-hprime',
    [
      'width',
      '--widths',
      '8,8,8,1',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--construction',
      'product',
      '--hprime',
      '--json',
    ],
  ],
  [
    'construct-pair',
    [
      'construct',
      '--target',
      `${T}/d2-small.json`,
      '--seed',
      'demo',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--construction',
      'pair',
      '--out',
      cert('pair'),
      '--quiet',
      '--json',
    ],
  ],
  [
    'construct-shared',
    [
      'construct',
      '--target',
      `${T}/d1-two-layer.json`,
      '--seed',
      'demo',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--construction',
      'shared',
      '--out',
      cert('shared'),
      '--quiet',
      '--json',
    ],
  ],
  [
    'construct-product',
    [
      'construct',
      '--target',
      `${T}/d3-hprime.json`,
      '--seed',
      'demo',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--construction',
      'product',
      '--out',
      cert('product'),
      '--quiet',
      '--no-error',
      '--json',
    ],
  ],
  [
    'construct-undersized',
    [
      'construct',
      '--target',
      `${T}/d2-small.json`,
      '--seed',
      'demo',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--construction',
      'pair',
      '--width-scale',
      '0.0001',
      '--quiet',
      '--json',
    ],
  ],
  ['check-pair', ['check', cert('pair'), '--json']],
  ['check-shared', ['check', cert('shared'), '--json']],
  ['check-product', ['check', cert('product'), '--json']],
  ['error-cert-d2', ['error', cert('pair'), '--json']],
  ['error-cert-d1', ['error', cert('shared'), '--json']],
  ['error-two-nets', ['error', `${T}/d2-small.json`, `${T}/d2-deep.json`, '--eps', '1', '--json']],
  ['lemma-list', ['lemma', 'list', '--json']],
  ['lemma-relu', ['lemma', 'relu-identity', '--json']],
  ['lemma-covering', ['lemma', 'covering', '--k', '50', '--eps0', '1/8', '--json']],
  ['lemma-covering-mink', ['lemma', 'covering', '--eps0', '1/16', '--min-k', '--json']],
  ['lemma-covering-table', ['lemma', 'covering', '--table', '--json']],
  ['lemma-union-bound', ['lemma', 'union-bound', '--probs', '1/3,1/4,1/5', '--json']],
  [
    'lemma-union-bound-target',
    ['lemma', 'union-bound', '--target', `${T}/d2-small.json`, '--eta', '1/10', '--pool', '500', '--json'],
  ],
  ['lemma-lipschitz', ['lemma', 'lipschitz', '--target', `${T}/d2-small.json`, '--json']],
  ['lemma-depth-doubling', ['lemma', 'depth-doubling', '--target', `${T}/d2-deep.json`, '--json']],
  ['lemma-subset-sum', ['lemma', 'subset-sum', '--seed', 'demo', '--n', '12', '--eps', '0.05', '--json']],
  [
    'lemma-subset-sum-products',
    ['lemma', 'subset-sum', '--seed', 'demo', '--n', '12', '--eps', '0.05', '--products', '--json'],
  ],
  ['lemma-counting', ['lemma', 'counting', '--target', `${T}/d2-small.json`, '--json']],
  ['lemma-all', ['lemma', 'all', '--json']],
  [
    'exists',
    ['exists', '--target', `${T}/d1-single.json`, '--pool', '20', '--seed', 'demo', '--eps', '0.05', '--json'],
  ],
  [
    'exists-none',
    ['exists', '--target', `${T}/d1-single.json`, '--pool', '3', '--seed', 'demo', '--eps', '0.001', '--json'],
  ],
  [
    'falsify-undersized',
    [
      'falsify',
      '--claim',
      'pair',
      '--widths',
      '2,3,1',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--width-scale',
      '1e-3',
      '--runs',
      '50',
      '--no-store',
      '--quiet',
      '--json',
    ],
  ],
  [
    'falsify-stated',
    [
      'falsify',
      '--claim',
      'product',
      '--target',
      `${T}/d1-single.json`,
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--runs',
      '5',
      '--no-store',
      '--quiet',
      '--json',
    ],
  ],
  ['replay', ['replay', '--json']],
  [
    'claim-test',
    [
      'claim-test',
      '--claim',
      'pair',
      '--target',
      `${T}/d1-single.json`,
      '--eps',
      '0.1',
      '--delta',
      '0.1',
      '--max-trials',
      '20',
      '--workers',
      '1',
      '--quiet',
      '--json',
    ],
  ],
  [
    'claim-test-shard0',
    [
      'claim-test',
      '--claim',
      'pair',
      '--target',
      `${T}/d1-single.json`,
      '--eps',
      '0.1',
      '--delta',
      '0.1',
      '--max-trials',
      '20',
      '--workers',
      '1',
      '--quiet',
      '--shard',
      '0/2',
      '--out',
      join(work, 'shard0.json'),
      '--json',
    ],
  ],
  [
    'claim-test-shard1',
    [
      'claim-test',
      '--claim',
      'pair',
      '--target',
      `${T}/d1-single.json`,
      '--eps',
      '0.1',
      '--delta',
      '0.1',
      '--max-trials',
      '20',
      '--workers',
      '1',
      '--quiet',
      '--shard',
      '1/2',
      '--out',
      join(work, 'shard1.json'),
      '--json',
    ],
  ],
  ['merge', ['merge', join(work, 'shard0.json'), join(work, 'shard1.json'), '--json']],
  [
    'threshold',
    [
      'threshold',
      '--claim',
      'pair',
      '--target',
      `${T}/d1-single.json`,
      '--eps',
      '0.1',
      '--delta',
      '0.2',
      '--trials',
      '20',
      '--workers',
      '1',
      '--quiet',
      '--svg',
      join(work, 'threshold.svg'),
      '--json',
    ],
  ],
  ['audit', ['audit', '--out', join(work, 'audit'), '--workers', '1', '--quiet', '--json']],
];

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
    .replace(/"(ms|seconds|elapsedMs|timeMs|wallMs|durationMs)": \d+(\.\d+)?/g, '"$1": "<masked>"')
    .replace(/\btime: \d+(\.\d+)? s\b/g, 'time: <masked> s')
    .replace(/\(\d+ ms\)/g, '(<masked> ms)')
    .replace(new RegExp(work.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '<work>');
}

for (const [name, argv] of COMMANDS) {
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
