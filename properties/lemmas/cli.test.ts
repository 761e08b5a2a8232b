/**
 * `slth lemma ...`: every command, text and JSON, exit codes (0 holds, 1 refuted, 2 bad input).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { networkToJson } from '../../src/network/json.js';
import { Rational } from '../../src/numeric/rational.js';
import { LEMMAS } from '../../src/lemmas/index.js';
import { runCli } from './_arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'slth-lemma-'));
const write = (name: string, doc: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
};
const TARGET = 'fixtures/targets/d2-small.json';

describe('slth lemma', () => {
  test('list: every lemma with its statement', async () => {
    const r = await runCli(['lemma', 'list']);
    expect(r.code).toBe(0);
    for (const l of LEMMAS) expect(r.out).toContain(l.name);
    const j = JSON.parse((await runCli(['lemma', 'list', '--json'])).out) as { name: string; statement: string }[];
    expect(j.map((x) => x.name)).toEqual([
      'relu-identity',
      'covering',
      'union-bound',
      'lipschitz',
      'depth-doubling',
      'subset-sum',
      'counting',
    ]);
  });

  test('all: one line per lemma, every one holds on the fixtures', async () => {
    const r = await runCli(['lemma', 'all']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(LEMMAS.length);
    for (const line of lines) expect(line).toMatch(/ holds /);
    const j = JSON.parse((await runCli(['lemma', 'all', '--json'])).out) as {
      holds: boolean;
      lemmas: { lemma: string; holds: boolean }[];
    };
    expect(j.holds).toBe(true);
  });

  test('relu-identity: built-in and given values, exact JSON', async () => {
    expect((await runCli(['lemma', 'relu-identity'])).code).toBe(0);
    const r = await runCli(['lemma', 'relu-identity', '--values', '0.1,-3/7,1e-300', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { lemma: string; holds: boolean; exact: boolean };
    expect(j).toMatchObject({ lemma: 'relu-identity', holds: true, exact: true });
    expect((await runCli(['lemma', 'relu-identity', '--values', '1,,2'])).code).toBe(2);
  });

  test('covering: exact P_cover at k = 2000, least k, table, a set', async () => {
    const r = await runCli(['lemma', 'covering', '--k', '2000', '--eps0', '1/100', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { figures: Record<string, Record<string, string>> };
    const exact = Rational.parse(j.figures['pCover']?.['exact'] as string);
    expect(j.figures['pCoverDigits']).toMatchObject({ kind: 'certified', label: 'P_cover (exact, 17 digits)' });
    expect(Rational.parse(j.figures['pCoverDigits']?.['lower'] as string)).toEqualRational(exact);
    expect(Rational.parse(j.figures['pCoverDigits']?.['upper'] as string)).toEqualRational(exact);
    const text = await runCli(['lemma', 'covering', '--k', '2000', '--eps0', '1/100']);
    expect(text.out).toContain('[9.9990772592232130e-1, 9.9990772592232131e-1]');
    const m = await runCli(['lemma', 'covering', '--eps0', '1/4', '--min-k', '--prob', '0.99']);
    expect(m.out).toContain('k = 40 (exact)');
    const t = await runCli(['lemma', 'covering', '--table']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/1\/64\s+75449/);
    const set = write('set.json', [-0.75, '-1/4', 0.25, '3/4']);
    const s = await runCli(['lemma', 'covering', '--eps0', '1/4', '--set', set]);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/covers\s+yes/);
    const s2 = await runCli(['lemma', 'covering', '--eps0', '1/5', '--set', set]);
    expect(s2.out).toMatch(/uncovered point\s+-1/);
    expect((await runCli(['lemma', 'covering', '--k', '10', '--eps0', '-1'])).code).toBe(2);
  });

  test('union-bound: a target (certified at a large pool, exact at a small one) and a probability list', async () => {
    const big = await runCli(['lemma', 'union-bound', '--target', TARGET, '--eta', '0.1', '--pool', '20000']);
    expect(big.code).toBe(0);
    expect(big.out).toContain('certified');
    const small = JSON.parse(
      (await runCli(['lemma', 'union-bound', '--target', TARGET, '--eta', '0.1', '--pool', '30', '--json'])).out,
    ) as { exact: boolean; holds: boolean };
    expect(small).toMatchObject({ exact: true, holds: true });
    const p = await runCli(['lemma', 'union-bound', '--probs', '1/2,1/2']);
    expect(p.out).toMatch(/P\(union\), independent, exact\s+3\/4/);
    expect((await runCli(['lemma', 'union-bound', '--target', TARGET, '--eta', '1', '--pool', '3'])).code).toBe(2);
  });

  test('lipschitz, depth-doubling and counting on a target', async () => {
    const l = await runCli(['lemma', 'lipschitz', '--target', TARGET, '--points', '8']);
    expect(l.code).toBe(0);
    expect(l.out).toMatch(/negative control \(no H\): caught\s+yes/);
    const d = await runCli(['lemma', 'depth-doubling', '--target', TARGET, '--json']);
    expect(JSON.parse(d.out)).toMatchObject({
      lemma: 'depth-doubling',
      number: '5',
      holds: true,
      results: [{ holds: true, figures: { subnetworkDepth: { label: 'G~ depth', kind: 'count', count: 4 } } }],
    });
    const c = await runCli(['lemma', 'counting', '--target', TARGET]);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/pair: active weights\s+= 4 N_w = 48/);
  });

  test('lipschitz accepts a target violating H (and still holds: the general recursion)', async () => {
    const net = { layers: [[[Rational.of(2)]], [[Rational.of(2)]]] };
    const f = write('two-i.json', networkToJson(net));
    const r = await runCli(['lemma', 'lipschitz', '--target', f, '--points', '4']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/H holds \(exact\)\s+no/);
  });

  test('subset-sum: seeded values, products, a file, and bad input', async () => {
    const r = await runCli(['lemma', 'subset-sum', '--seed', 's', '--n', '12', '--eps', '0.05', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ lemma: 'subset-sum', holds: true, exact: true });
    expect(
      (await runCli(['lemma', 'subset-sum', '--seed', 's', '--n', '12', '--eps', '0.05', '--products'])).code,
    ).toBe(0);
    const f = write('vals.json', ['-1/8', '-1/4', '-1/2', '-1/8', 2]);
    const v = await runCli(['lemma', 'subset-sum', '--values', f, '--eps', '1/16']);
    expect(v.out).toMatch(/uncovered point\s+1\/2/);
    expect((await runCli(['lemma', 'subset-sum', '--eps', '0.1'])).code).toBe(2);
    expect((await runCli(['lemma', 'subset-sum', '--seed', 's', '--n', '40', '--eps', '0.1'])).code).toBe(2);
  });
});
