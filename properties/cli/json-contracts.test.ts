/**
 * Stable JSON contracts: every command's `--json` output (and its error document) validates
 * against its JSON Schema in schemas/, holds no bracket, verdict or number only as prose, and the
 * files commands write validate against their format schemas. The commands are those of
 * scripts/json-commands.ts (the snapshot list); the audit, which takes tens of seconds, is checked
 * in properties/audit/audit.test.ts on a small fixture set through the same functions.
 *
 * Negative controls: a deliberately prose output (the old forms: 'yes' for true, a printed
 * bracket, an exact value shown only as '[a, b] (exact value, N bits of p/q)', an estimate as a
 * decimal string) is caught by the prose scan and by the schemas; a real output with one field
 * turned into prose fails both.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { jsonCommands, prepareWork } from '../../scripts/json-commands.js';
import { runCliUnchecked, type Run } from '../_support/cli.js';
import { proseFindings } from '../_support/prose.js';
import {
  cliSchemaFile,
  commandOf,
  formatErrors,
  jsonContractProblems,
  loadSchemas,
  schemaFiles,
  validator,
} from '../_support/schemas.js';

const work = mkdtempSync(join(tmpdir(), 'slth-contracts-'));
prepareWork(work);
const runs = new Map<string, { argv: readonly string[]; run: Run }>();

/** Runs every command of the list once, in order (later ones read files earlier ones wrote). */
async function runAll(): Promise<Map<string, { argv: readonly string[]; run: Run }>> {
  if (runs.size === 0)
    for (const c of jsonCommands(work).filter((x) => !x.slow))
      runs.set(c.name, { argv: c.argv, run: await runCliUnchecked(c.argv) });
  return runs;
}

/**
 * Outputs whose decimal display strings are documented and owned elsewhere: `slth error`'s
 * `decimal` pair (its JSON is being revised on another branch; see its schema).
 */
const DECIMAL_DISPLAY: Readonly<Record<string, readonly string[]>> = { error: ['decimal'] };

describe('every --json output validates against its schema', () => {
  test('each command of the list: one JSON document, valid, exit codes as documented', async () => {
    const all = await runAll();
    const problems: string[] = [];
    for (const [name, { argv, run }] of all) {
      const p = jsonContractProblems(argv, run.code, run.out);
      if (p.length > 0) problems.push(`${name} (exit ${run.code}): ${p.join('\n')}\nstderr: ${run.err}`);
      if (name.startsWith('error-json-')) expect(run.code, name).toBe(2);
      else expect([0, 1], `${name}: ${run.err}`).toContain(run.code);
    }
    expect(problems).toEqual([]);
  });

  test('every command of slth is run by the list, with --json, and has a schema', async () => {
    const all = await runAll();
    const ran = new Set([...all.values()].map(({ argv }) => commandOf(argv)?.path.join(' ')));
    ran.add('audit'); // the slow entry, checked in properties/audit/audit.test.ts
    const files = new Set(schemaFiles());
    for (const c of COMMANDS) {
      expect(ran.has(c.path.join(' ')), `slth ${c.path.join(' ')} is not in scripts/json-commands.ts`).toBe(true);
      expect(files.has(cliSchemaFile(c.path)), `no ${cliSchemaFile(c.path)}`).toBe(true);
    }
    for (const f of files)
      if (f.startsWith('cli/'))
        expect(
          COMMANDS.some((c) => cliSchemaFile(c.path) === f),
          `${f} names no command`,
        ).toBe(true);
  });

  test('no --json output holds a bracket, a verdict or a number only as prose', async () => {
    const all = await runAll();
    const findings: string[] = [];
    for (const [name, { argv, run }] of all) {
      const cmd = commandOf(argv)?.path.join(' ') ?? '';
      for (const f of proseFindings(JSON.parse(run.out), DECIMAL_DISPLAY[cmd] ?? []))
        findings.push(`${name} ${f.path}: ${JSON.stringify(f.value)} (${f.why})`);
    }
    expect(findings).toEqual([]);
  });

  test('the files the commands wrote validate against their format schemas', async () => {
    await runAll();
    const check = (file: string, schema: string, doc: unknown): void => {
      const v = validator(schema);
      expect(v(doc), `${file} against ${schema}:\n${formatErrors(v.errors)}`).toBe(true);
    };
    const read = (f: string): unknown => JSON.parse(readFileSync(join(work, f), 'utf8'));
    for (const f of ['pair.cert.json', 'shared.cert.json', 'product.cert.json'])
      check(f, 'certificate.schema.json', read(f));
    for (const f of ['shard0.json', 'shard1.json']) check(f, 'shard.schema.json', read(f));
    for (const f of ['gen.json', 'uni.json', 'imported.json']) check(f, 'network.schema.json', read(f));
    const lines = readFileSync(join(work, 'subset.jsonl'), 'utf8').trim().split('\n');
    check('subset.jsonl line 1', 'certificate2-header.schema.json', JSON.parse(lines[0] as string));
    lines
      .slice(1)
      .forEach((l, i) => check(`subset.jsonl line ${i + 2}`, 'certificate2-line.schema.json', JSON.parse(l)));
    expect(lines.length - 1).toBe((JSON.parse(lines[0] as string) as { gadgets: number }).gadgets);
    // the bundled counterexample database
    const db = 'fixtures/counterexamples';
    for (const claim of readdirSync(db).filter((d) => existsSync(join(db, d)) && !d.includes('.')))
      for (const f of readdirSync(join(db, claim)).filter((x) => x.endsWith('.json')))
        check(join(db, claim, f), 'counterexample.schema.json', JSON.parse(readFileSync(join(db, claim, f), 'utf8')));
  });

  test('every lemma figure of every lemma output carries a stable camelCase id and a typed value', async () => {
    const all = await runAll();
    const lemma = JSON.parse(all.get('lemma-union-bound-target')?.run.out ?? '{}') as {
      figures: Record<string, { kind: string }>;
    };
    expect(lemma.figures['pFail']?.kind).toBe('certified');
    expect(lemma.figures['worstW']).toEqual({ label: 'worst weight: w', kind: 'exact', exact: '539/2048' });
    const huge = JSON.parse(all.get('lemma-union-bound-huge-pool')?.run.out ?? '{}') as {
      figures: Record<string, { kind: string; lower?: string; upper?: string }>;
    };
    // a probability far below 2^-16384 still has certified exact ends
    expect(huge.figures['pFail']?.kind).toBe('certified');
    const covering = JSON.parse(all.get('lemma-covering-table')?.run.out ?? '{}') as {
      table: { eps0: string; pair: { k: number; at: Record<string, string> } }[];
    };
    // 'exact value, 94281 bits of p/q' is now the exact value itself
    const row = covering.table.find((r) => r.eps0 === '1/16');
    expect(row?.pair.k).toBe(4714);
    expect(Object.keys(row?.pair.at ?? {})).toEqual(['exact']);
    expect((row?.pair.at['exact'] ?? '').length).toBeGreaterThan(20_000);
  });
});

describe('the schemas themselves', () => {
  test('every schema compiles (ajv strict mode) and every property has a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}/${i}`));
      else if (node !== null && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o['properties'] && typeof o['properties'] === 'object')
          for (const [k, v] of Object.entries(o['properties'] as Record<string, unknown>))
            if (typeof (v as Record<string, unknown>)['description'] !== 'string')
              missing.push(`${where}/properties/${k}`);
        for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
      }
    };
    for (const [file, doc] of loadSchemas()) {
      expect(() => validator(file), file).not.toThrow();
      expect(typeof doc['description'], `${file} has a description`).toBe('string');
      walk(doc, file);
    }
    expect(missing).toEqual([]);
  });

  test('the README links every schema', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const f of schemaFiles()) expect(readme, `README mentions schemas/${f}`).toContain(`schemas/${f}`);
  });
});

describe('NEGATIVE CONTROLS: prose and mistyped outputs are caught', () => {
  const PROSE = {
    covers: 'yes',
    'check 0 <= P_cover <= 1': 'NO',
    at: '[9.9013142256519872e-1, 9.9013142256519873e-1] (exact value, 1741 bits of p/q)',
    bracket: '[8.7041088802972366e-1, 8.7041088802972367e-1]',
    boundOverTrueError: '3.21e0',
    upperDecimal: '2.12881e-1',
    meta: { H: 'fails: layer 1: a row has norm > 1' },
    decision: 'undecided',
  };

  test('the prose scan flags every prose value of a deliberately prose output', () => {
    const found = proseFindings(PROSE).map((f) => f.path);
    expect(found.sort()).toEqual(
      [
        '/covers',
        '/check 0 <= P_cover <= 1',
        '/at',
        '/bracket',
        '/boundOverTrueError',
        '/upperDecimal',
        '/meta/H',
        '/decision',
      ].sort(),
    );
    // labelled estimates and typed values pass
    expect(proseFindings({ boundOverLowerEstimate: 3.21, covers: true, at: { exact: '1/3' } })).toEqual([]);
    expect(proseFindings({ decimal: { lower: '6.9e-3' } })).toHaveLength(1);
    expect(proseFindings({ decimal: { lower: '6.9e-3' } }, ['decimal'])).toEqual([]);
  });

  test('a real output with one field turned into prose fails its schema and the prose scan', async () => {
    const all = await runAll();
    const cases: [string, (doc: Record<string, unknown>) => void][] = [
      ['exists', (d) => void (d['exists'] = 'yes')],
      ['construct-pair', (d) => void ((d['trueError'] as Record<string, unknown>)['boundOverLower'] = '3.21e0')],
      [
        'lemma-covering',
        (d) =>
          void ((d['figures'] as Record<string, unknown>)['pCoverDigits'] = {
            label: 'x',
            kind: 'certified',
            text: '[8.6e-1, 8.7e-1]',
          }),
      ],
      ['claim-test', (d) => void (d['upper'] = '2.12881e-1')],
      ['width-pair', (d) => void (d['pool'] = ['[991128, 991128]'])],
    ];
    for (const [name, spoil] of cases) {
      const entry = all.get(name);
      expect(entry, name).toBeDefined();
      const { argv, run } = entry as { argv: readonly string[]; run: Run };
      expect(jsonContractProblems(argv, run.code, run.out), name).toEqual([]);
      const doc = JSON.parse(run.out) as Record<string, unknown>;
      spoil(doc);
      const bad = JSON.stringify(doc);
      expect(jsonContractProblems(argv, run.code, bad).length, `${name}: schema catches it`).toBeGreaterThan(0);
      expect(proseFindings(doc).length, `${name}: prose scan catches it`).toBeGreaterThan(0);
    }
  });

  test('an error document with a missing field, or a command document on exit 2, fails validation', async () => {
    const all = await runAll();
    const err = all.get('error-json-bad-eps') as { argv: readonly string[]; run: Run };
    const doc = JSON.parse(err.run.out) as { error: Record<string, unknown> };
    expect(doc.error).toMatchObject({ code: 'input', command: 'width' });
    delete doc.error['code'];
    expect(jsonContractProblems(err.argv, 2, JSON.stringify(doc)).length).toBeGreaterThan(0);
    const ok = all.get('width-pair') as { argv: readonly string[]; run: Run };
    expect(jsonContractProblems(ok.argv, 2, ok.run.out).length).toBeGreaterThan(0);
    expect(jsonContractProblems(ok.argv, 0, 'not json').length).toBeGreaterThan(0);
  });
});
