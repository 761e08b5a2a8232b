/**
 * Regenerates the input files of the CLI hardening corpus `fixtures/invalid/cli/` (the cases
 * themselves live in `fixtures/invalid/cli/cases.json`, written by hand): a genuine certificate,
 * two genuine shard results and a genuine counterexample entry, each produced by slth itself,
 * and broken variants derived from them (wrong field types, truncated JSON, wrong format tags).
 *
 * Run: `npx tsx scripts/make-invalid-cli.ts` (from the repository root).
 *
 * @example
 * ```sh
 * npx tsx scripts/make-invalid-cli.ts && git status fixtures/invalid/cli
 * ```
 */
import { mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../src/cli/command.js';
import { main } from '../src/cli/main.js';
import { toJsonText } from '../src/cli/io.js';

const DIR = join('fixtures', 'invalid', 'cli');
const ENTRY_SOURCE = join('fixtures', 'counterexamples', 'pair', '994b667851db7224.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deleted field. */
const DELETE = Symbol('delete');

/** A copy of `doc` with the field at dotted `path` (array indices as numbers) set or deleted. */
function withField(doc: Json, path: string, value: Json | typeof DELETE): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  const keys = path.split('.');
  let at: Json = copy;
  for (const k of keys.slice(0, -1)) {
    at = (at as Record<string, Json>)[k] as Json;
  }
  const last = keys[keys.length - 1] as string;
  const holder = at as Record<string, Json>;
  if (value === DELETE) delete holder[last];
  else holder[last] = value;
  return copy;
}

const silent: Io = { out: () => undefined, err: (t) => void process.stderr.write(t), interactive: false };

async function run(argv: string[]): Promise<void> {
  const code = await main(argv, silent);
  if (code !== 0 && code !== 1) throw new Error(`slth ${argv.join(' ')} exited ${code}`);
}

function write(name: string, doc: Json): void {
  writeFileSync(join(DIR, name), toJsonText(doc));
}

function read(name: string): Json {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Json;
}

/** Certificate variants: one wrong type (or wrong value) per field of slth-certificate/1. */
const CERTIFICATES: readonly { file: string; path: string; value: Json | typeof DELETE }[] = [
  { file: 'cert-format-v2.json', path: 'format', value: 'slth-certificate/2' },
  { file: 'cert-format-number.json', path: 'format', value: 1 },
  { file: 'cert-construction-number.json', path: 'construction', value: 7 },
  { file: 'cert-construction-unknown.json', path: 'construction', value: 'triple' },
  { file: 'cert-target-string.json', path: 'target', value: 'd1-single.json' },
  { file: 'cert-target-ragged.json', path: 'target.layers', value: [[['1/2', '0'], ['1/2']]] },
  { file: 'cert-target-nan.json', path: 'target.layers', value: [[['NaN']]] },
  { file: 'cert-random-array.json', path: 'random', value: [] },
  { file: 'cert-random-scheme-number.json', path: 'random.scheme', value: 1 },
  { file: 'cert-random-algorithm-null.json', path: 'random.algorithm', value: null },
  { file: 'cert-random-block-string.json', path: 'random.block', value: '4096' },
  { file: 'cert-random-seed-number.json', path: 'random.seed', value: 42 },
  { file: 'cert-random-pool-string.json', path: 'random.pool', value: '5526' },
  { file: 'cert-random-pool-entry-number.json', path: 'random.pool.0', value: 5526 },
  { file: 'cert-random-pool-zero.json', path: 'random.pool.0', value: '0' },
  { file: 'cert-random-widths-object.json', path: 'random.widths', value: { '0': '1' } },
  { file: 'cert-random-widths-entry-number.json', path: 'random.widths.1', value: 5526 },
  { file: 'cert-eps-number.json', path: 'eps', value: 0.1 },
  { file: 'cert-eps-nan.json', path: 'eps', value: 'NaN' },
  { file: 'cert-eps-empty.json', path: 'eps', value: '' },
  { file: 'cert-delta-boolean.json', path: 'delta', value: true },
  { file: 'cert-delta-huge-exponent.json', path: 'delta', value: '1e-999999' },
  { file: 'cert-eta-array.json', path: 'eta', value: [] },
  { file: 'cert-eta-infinity.json', path: 'eta', value: 'Infinity' },
  { file: 'cert-hypothesis-number.json', path: 'hypothesis', value: 1 },
  { file: 'cert-gadgets-object.json', path: 'gadgets', value: {} },
  { file: 'cert-gadget-string.json', path: 'gadgets.0', value: 'gadget' },
  { file: 'cert-gadget-layer-string.json', path: 'gadgets.0.layer', value: '1' },
  { file: 'cert-gadget-row-negative.json', path: 'gadgets.0.row', value: -1 },
  { file: 'cert-gadget-col-fraction.json', path: 'gadgets.0.col', value: 0.5 },
  { file: 'cert-gadget-plus-null.json', path: 'gadgets.0.plus', value: null },
  { file: 'cert-gadget-plus-unit-string.json', path: 'gadgets.0.plus.unit', value: '198' },
  { file: 'cert-gadget-plus-unit-huge.json', path: 'gadgets.0.plus.unit', value: 1e300 },
  { file: 'cert-gadget-plus-u-number.json', path: 'gadgets.0.plus.u', value: 0.2 },
  { file: 'cert-gadget-minus-v-object.json', path: 'gadgets.0.minus.v', value: {} },
  { file: 'cert-gadget-minus-u-garbage.json', path: 'gadgets.0.minus.u', value: '0.5.3' },
  { file: 'cert-gadget-error-null.json', path: 'gadgets.0.error', value: null },
  { file: 'cert-gadget-row-out-of-range.json', path: 'gadgets.0.row', value: 5 },
  { file: 'cert-bound-string.json', path: 'bound', value: 'small' },
  { file: 'cert-bound-perlayer-object.json', path: 'bound.perLayer', value: {} },
  { file: 'cert-bound-perlayer-layer-string.json', path: 'bound.perLayer.0.layer', value: '1' },
  { file: 'cert-bound-perlayer-a-number.json', path: 'bound.perLayer.0.a', value: 1 },
  { file: 'cert-bound-perlayer-s-null.json', path: 'bound.perLayer.0.s', value: null },
  { file: 'cert-bound-total-number.json', path: 'bound.total', value: 0.04 },
  { file: 'cert-active-weights-string.json', path: 'activeWeights', value: '4' },
  { file: 'cert-depth-fraction.json', path: 'depth', value: 2.5 },
  { file: 'cert-provenance-string.json', path: 'provenance', value: 'slth' },
  { file: 'cert-provenance-command-number.json', path: 'provenance.command', value: 7 },
  { file: 'cert-missing-gadgets.json', path: 'gadgets', value: DELETE },
];

/** Shard variants (of genuine-shard-0.json). */
const SHARDS: readonly { file: string; path: string; value: Json | typeof DELETE }[] = [
  { file: 'shard-format-v2.json', path: 'format', value: 'slth-shard/2' },
  { file: 'shard-claim-number.json', path: 'claim', value: 1 },
  { file: 'shard-params-missing.json', path: 'params', value: DELETE },
  { file: 'shard-params-delta-number.json', path: 'params.delta', value: 0.1 },
  { file: 'shard-params-delta-one.json', path: 'params.delta', value: '1' },
  { file: 'shard-target-ragged.json', path: 'target.layers', value: [[['1/2', '0'], ['1/2']]] },
  { file: 'shard-trials-string.json', path: 'trials', value: '4' },
  { file: 'shard-shard-missing.json', path: 'shard', value: DELETE },
  { file: 'shard-shard-index-string.json', path: 'shard.index', value: '0' },
  { file: 'shard-shard-count-zero.json', path: 'shard.count', value: 0 },
  { file: 'shard-outcomes-object.json', path: 'outcomes', value: {} },
  { file: 'shard-outcome-null.json', path: 'outcomes.0', value: null },
  { file: 'shard-outcome-index-string.json', path: 'outcomes.0.index', value: '0' },
  { file: 'shard-outcome-status-number.json', path: 'outcomes.0.status', value: 0 },
  { file: 'shard-other-study.json', path: 'base', value: 'other' },
];

/** Counterexample entry variants (of genuine-entry.json). */
const ENTRIES: readonly { file: string; path: string; value: Json | typeof DELETE }[] = [
  { file: 'entry-schema-v2.json', path: 'schema', value: 'slth-counterexample/2' },
  { file: 'entry-claim-unknown.json', path: 'claim', value: 'quadruple' },
  { file: 'entry-seed-number.json', path: 'seed', value: 7 },
  { file: 'entry-expect-wrong.json', path: 'expect', value: 'maybe' },
  { file: 'entry-params-eps-number.json', path: 'params.eps', value: 0.1 },
  { file: 'entry-params-eps-zero.json', path: 'params.eps', value: '0' },
  { file: 'entry-params-delta-two.json', path: 'params.delta', value: '2' },
  { file: 'entry-params-width-scale-number.json', path: 'params.widthScale', value: 0.001 },
  { file: 'entry-params-pool-garbage.json', path: 'params.pool', value: 'many' },
  { file: 'entry-target-ragged.json', path: 'target.layers', value: [[['1/2', '0'], ['1/2']]] },
  { file: 'entry-target-violates-h.json', path: 'target.layers', value: [[['2']]] },
  { file: 'entry-recorded-missing.json', path: 'recorded', value: DELETE },
];

function clear(): void {
  mkdirSync(DIR, { recursive: true });
  for (const f of readdirSync(DIR)) if (f.endsWith('.json') && f !== 'cases.json') unlinkSync(join(DIR, f));
  mkdirSync(join(DIR, 'db-broken', 'pair'), { recursive: true });
  for (const f of readdirSync(join(DIR, 'db-broken', 'pair'))) unlinkSync(join(DIR, 'db-broken', 'pair', f));
}

async function makeGenuine(): Promise<void> {
  await run([
    'construct',
    '--target',
    'fixtures/targets/d1-single.json',
    '--seed',
    'inv',
    '--eps',
    '0.1',
    '--delta',
    '0.1',
    '--construction',
    'pair',
    '--out',
    join(DIR, 'genuine-cert.json'),
    '--no-error',
    '--quiet',
  ]);
  for (const i of [0, 1]) {
    await run([
      'claim-test',
      '--claim',
      'pair',
      '--target',
      'fixtures/targets/d1-single.json',
      '--eps',
      '0.1',
      '--delta',
      '0.1',
      '--pool',
      '50',
      '--max-trials',
      '4',
      '--shard',
      `${i}/2`,
      '--out',
      join(DIR, `genuine-shard-${i}.json`),
      '--workers',
      '1',
      '--quiet',
    ]);
  }
  writeFileSync(join(DIR, 'genuine-entry.json'), readFileSync(ENTRY_SOURCE, 'utf8'));
}

function makeBroken(): void {
  const cert = read('genuine-cert.json');
  for (const c of CERTIFICATES) write(c.file, withField(cert, c.path, c.value));
  const certText = toJsonText(cert);
  writeFileSync(join(DIR, 'cert-truncated.json'), certText.slice(0, Math.floor(certText.length / 2)));
  writeFileSync(join(DIR, 'cert-empty.json'), '');
  write('cert-top-level-array.json', [cert]);

  const shard = read('genuine-shard-0.json');
  for (const s of SHARDS) write(s.file, withField(shard, s.path, s.value));
  const shardText = toJsonText(shard);
  writeFileSync(join(DIR, 'shard-truncated.json'), shardText.slice(0, Math.floor(shardText.length / 2)));

  const entry = read('genuine-entry.json');
  for (const e of ENTRIES) write(e.file, withField(entry, e.path, e.value));
  const entryText = toJsonText(entry);
  writeFileSync(join(DIR, 'entry-truncated.json'), entryText.slice(0, Math.floor(entryText.length / 2)));
  write('entry-top-level-array.json', [entry]);
  writeFileSync(join(DIR, 'db-broken', 'pair', 'broken.json'), entryText.slice(0, 40));

  const net = (layers: Json): Json => ({ format: 'slth-network/1', layers });
  write('violates-h.json', net([[['2']]]));
  write('violates-h-layer-2.json', net([[['1/2'], ['1/2']], [['1', '1']]]));
  write(
    'violates-hprime.json',
    net([
      [
        ['9/10', '0'],
        ['0', '0'],
      ],
    ]),
  );
  write(
    'd2-two-outputs.json',
    net([
      [
        ['1/4', '1/4'],
        ['1/4', '-1/4'],
      ],
    ]),
  );
  writeFileSync(join(DIR, 'values-truncated.json'), '["1/2", "1/4"');
  writeFileSync(join(DIR, 'values-infinite.json'), '["1/2", 1e400]\n');
  write('values-nan.json', ['1/2', 'NaN']);
  write('values-not-array.json', { values: ['1/2'] });
  write('values-boolean.json', ['1/2', true]);
}

clear();
await makeGenuine();
makeBroken();
process.stdout.write(`wrote ${readdirSync(DIR).length} entries to ${DIR}\n`);
