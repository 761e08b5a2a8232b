/**
 * `slth error A.json B.json [--eps E] [--budget-ms N] [--max-boxes N] [--seed S] [--json]`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { networkToJson } from '../../src/network/json.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from './arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'slth-error-'));
const m = (rows: (number | string)[][]): Rational[][] =>
  rows.map((r) => r.map((v) => (typeof v === 'string' ? Rational.parse(v) : Rational.of(v))));
function file(name: string, net: Network): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(networkToJson(net)));
  return path;
}

// d = 2: A(x) = -3 relu(x2 - x1) - 3 relu(-x1 - x2), B = 0: sup = 6 at (-1, 0)
const A2 = file('a2.json', {
  layers: [
    m([
      [-1, 1],
      [-1, -1],
    ]),
    m([[-3, -3]]),
  ],
});
const Z2 = file('z2.json', { layers: [m([[0, 0]]), m([[0]])] });
// d = 1, vector output: A(x) = (relu(x), relu(-x)), B = 0: sup = 1
const A1 = file('a1.json', {
  layers: [
    m([[1], [-1]]),
    m([
      [1, 0],
      [0, 1],
    ]),
  ],
});
const Z1 = file('z1.json', { layers: [m([[0]]), m([[0], [0]])] });
const Z22 = file('z22.json', { layers: [m([[0, 0]]), m([[0], [0]])] });
// d = 3: A(x) = relu(x1 + x2 + x3) - relu(x1), B = 1/2 x2
const A3 = file('a3.json', {
  layers: [
    m([
      [1, 1, 1],
      [1, 0, 0],
    ]),
    m([[1, -1]]),
  ],
});
const B3 = file('b3.json', { layers: [m([[0, '1/2', 0]])] });

describe('slth error', () => {
  test('d = 2: exact sup^2 = 36, sup = 6, attained at the witness', async () => {
    const run = await runCli(['error', A2, Z2]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('exact-sector-sweep (exact)');
    expect(run.out).toContain('sup^2    = 36 (exact)');
    expect(run.out).toContain('sup      = 6 (exact)');
    expect(run.out).toContain('sup      in [6.0000000000000000e0, 6.0000000000000000e0]');
    expect(run.out).toContain('attains the sup');
  });

  test('--json carries exact strings and the decision', async () => {
    const run = await runCli(['error', A2, Z2, '--eps', '6', '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out) as Record<string, unknown>;
    expect(doc).toMatchObject({
      format: 'slth-sup-error/1',
      method: 'exact-sector-sweep',
      exact: true,
      supSquared: '36',
      lower: '6',
      upper: '6',
      decision: '<= eps',
      eps: '6',
    });
    const belowRun = await runCli(['error', A2, Z2, '--eps', '5.999', '--json']);
    const below = JSON.parse(belowRun.out) as Record<string, unknown>;
    expect(below['decision']).toBe('> eps');
    // a gate: sup > eps exits 1 (as check and exists do), in text and JSON alike
    expect(belowRun.code).toBe(1);
    expect((await runCli(['error', A2, Z2, '--eps', '5.999'])).code).toBe(1);
    // without --eps there is nothing to decide: exit 0
    expect((await runCli(['error', A2, Z2])).code).toBe(0);
  });

  test('undecided (the bracket contains eps) exits 1: only a certified bound passes the gate', async () => {
    const wide = await runCli(['error', A3, B3, '--max-boxes', '1', '--json']);
    const w = JSON.parse(wide.out) as Record<string, string>;
    const lower = Rational.parse(w['lower'] as string);
    const upper = Rational.parse(w['upper'] as string);
    expect(upper).toBeAbove(lower);
    const mid = lower.add(upper).div(Rational.of(2, 1));
    const run = await runCli(['error', A3, B3, '--max-boxes', '1', '--eps', mid.toString(), '--json']);
    expect((JSON.parse(run.out) as Record<string, unknown>)['decision']).toBe('undecided');
    expect(run.code).toBe(1);
  });

  test('d = 1 vector output', async () => {
    const run = await runCli(['error', A1, Z1, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ method: 'exact-d1', supSquared: '1', lower: '1', upper: '1' });
  });

  test('d = 3: certified bracket with >= 15 significant digits and an eps decision', async () => {
    const run = await runCli(['error', A3, B3, '--eps', '10', '--max-boxes', '200', '--seed', 'cli']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('bracket-branch-and-bound');
    expect(run.out).toMatch(/sup {6}in \[\d\.\d{16}e-?\d+, \d\.\d{16}e-?\d+\]/);
    expect(run.out).toContain('10: sup <= eps (certified upper bound)');
    const over = await runCli(['error', A3, B3, '--eps', '1/100', '--max-boxes', '200', '--json']);
    const doc = JSON.parse(over.out) as Record<string, unknown>;
    expect(doc['decision']).toBe('> eps');
    expect(over.code).toBe(1);
    expect(Rational.parse(doc['lower'] as string)).toBeLessOrEqual(Rational.parse(doc['upper'] as string));
  });

  test.each([
    [[A2, Z22], 'output dimensions differ'],
    [[A2, A3], 'input dimensions differ'],
    [[A2, join(dir, 'missing.json')], 'no such file'],
    [[A2], 'give two networks A.json B.json, or a certificate'],
    [[A2, Z2, '--eps', '-1'], '--eps must be >= 0'],
    [[A2, Z2, '--eps', 'abc'], 'not an exact number'],
    [[A2, Z2, '--budget-ms', '-5'], '--budget-ms'],
    [[A2, Z2, '--seed', 'bad seed!'], 'invalid seed'],
  ])('bad input %j exits 2', async (argv, message) => {
    const run = await runCli(['error', ...argv]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });

  test('--help', async () => {
    const run = await runCli(['error', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: slth error (A.json B.json | CERT.json [TARGET.json])');
  });
});
