/**
 * The commands whose `--json` outputs slth documents (schemas/cli/): one or more runs of every
 * command, their error documents, and the files they write. scripts/snapshot-outputs.ts writes
 * their outputs to a folder; properties/cli/json-contracts.test.ts validates every one against
 * its schema and scans it for prose.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One command run: a name (the snapshot file name) and its argv. */
export interface JsonCommand {
  readonly name: string;
  readonly argv: readonly string[];
  /** True for runs that take tens of seconds (the audit). */
  readonly slow?: boolean;
}

/**
 * Writes the input files the commands read into `work` (a set of points, a list of values).
 *
 * @example
 * ```ts
 * prepareWork('/tmp/work');
 * ```
 */
export function prepareWork(work: string): void {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'set.json'), JSON.stringify([-0.75, '-1/4', 0.25, '3/4']));
  writeFileSync(join(work, 'values.json'), JSON.stringify(['-1/8', '-1/4', '-1/2', '-1/8', 2]));
}

/**
 * The command runs, in order (later runs read files earlier runs wrote: certificates, shards).
 * Every path a run writes lies in `work`.
 *
 * @example
 * ```ts
 * for (const c of jsonCommands('/tmp/work')) await main(c.argv, io);
 * ```
 */
export function jsonCommands(work: string): JsonCommand[] {
  const T = 'fixtures/targets';
  const I = 'fixtures/interop/reference';
  const cert = (name: string): string => join(work, `${name}.cert.json`);
  const list: [string, string[]][] = [
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
      [
        'width',
        '--target',
        `${T}/d2-small.json`,
        '--eps',
        '0.1',
        '--delta',
        '1e-9',
        '--construction',
        'pair',
        '--json',
      ],
    ],
    [
      'width-shared',
      [
        'width',
        '--target',
        `${T}/d2-deep.json`,
        '--eps',
        '0.1',
        '--delta',
        '1e-9',
        '--construction',
        'shared',
        '--json',
      ],
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
    ...[0, 1].map((i): [string, string[]] => [
      `claim-test-shard${i}`,
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
        `${i}/2`,
        '--out',
        join(work, `shard${i}.json`),
        '--json',
      ],
    ]),
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

    // outputs beyond the first snapshot: files written with --json, imports, tickets, subset sums
    [
      'net-generate-out',
      ['net', 'generate', '--widths', '2,3,1', '--seed', 'snap', '--out', join(work, 'gen.json'), '--json'],
    ],
    [
      'net-generate-uniform',
      ['net', 'generate', '--widths', '3,4,1', '--seed', 'snap', '--uniform', '-0.9,0.9', '--json'],
    ],
    [
      'net-generate-uniform-out',
      [
        'net',
        'generate',
        '--widths',
        '3,4,1',
        '--seed',
        'snap',
        '--uniform',
        '-0.9,0.9',
        '--out',
        join(work, 'uni.json'),
        '--json',
      ],
    ],
    ['net-import', ['net', 'import', `${I}/sequential-f32.safetensors`, '--json']],
    ['net-import-out', ['net', 'import', `${I}/twelve.npz`, '--out', join(work, 'imported.json'), '--json']],
    ['export', ['export', cert('pair'), '--out', join(work, 'ticket.safetensors'), '--json']],
    [
      'width-subset',
      ['width', '--widths', '2,8,8,1', '--eps', '0.1', '--delta', '0.01', '--construction', 'subset', '--json'],
    ],
    [
      'construct-subset',
      [
        'construct',
        '--target',
        `${T}/d1-two-layer.json`,
        '--seed',
        'demo',
        '--eps',
        '0.1',
        '--delta',
        '0.01',
        '--construction',
        'subset',
        '--workers',
        '1',
        '--out',
        join(work, 'subset.jsonl'),
        '--quiet',
        '--json',
      ],
    ],
    ['check-subset', ['check', join(work, 'subset.jsonl'), '--json']],
    [
      'universal',
      ['universal', '--widths', '1,2', '--seed', 'demo', '--eps', '0.5', '--pool', '30', '--quiet', '--json'],
    ],
    [
      'universal-not',
      ['universal', '--widths', '1,2', '--seed', 'demo', '--eps', '0.5', '--pool', '2', '--quiet', '--json'],
    ],
    [
      'error-d3',
      ['error', `${T}/d3-hprime.json`, `${T}/d3-tight.json`, '--eps', '1/2', '--max-boxes', '200', '--json'],
    ],
    ['error-cert-d3', ['error', cert('product'), '--max-boxes', '200', '--json']],
    [
      'construct-d3-error',
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
        'shared',
        '--error-budget-ms',
        '300',
        '--quiet',
        '--json',
      ],
    ],
    ['lemma-covering-set', ['lemma', 'covering', '--eps0', '1/5', '--set', join(work, 'set.json'), '--json']],
    [
      'lemma-covering-trials',
      ['lemma', 'covering', '--k', '20', '--eps0', '1/4', '--trials', '50', '--seed', 'snap', '--json'],
    ],
    [
      'lemma-union-bound-huge-pool',
      [
        'lemma',
        'union-bound',
        '--target',
        `${T}/d2-small.json`,
        '--eta',
        '1/10',
        '--pool',
        '1000000000000000',
        '--json',
      ],
    ],
    [
      'lemma-subset-sum-values',
      ['lemma', 'subset-sum', '--values', join(work, 'values.json'), '--eps', '1/16', '--json'],
    ],
    ['lemma-counting-fixtures', ['lemma', 'counting', '--json']],
    ['replay-entry', ['replay', '--entry', 'fixtures/counterexamples/pair/994b667851db7224.json', '--json']],
    // errors under --json: one error document on stdout, exit 2
    [
      'error-json-bad-eps',
      ['width', '--widths', '2,1', '--eps', '0', '--delta', '0.1', '--construction', 'pair', '--json'],
    ],
    ['error-json-unknown-command', ['nope', '--json']],
    ['error-json-missing-file', ['net', 'validate', join(work, 'missing.json'), '--json']],
    ['error-json-check-malformed', ['check', join(work, 'values.json'), '--json']],
  ];
  return [
    ...list.map(([name, argv]) => ({ name, argv })),
    { name: 'audit', argv: ['audit', '--out', join(work, 'audit'), '--workers', '1', '--quiet', '--json'], slow: true },
  ];
}
