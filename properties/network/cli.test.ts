import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateTarget } from '../../src/network/generate.js';
import { NETWORK_FORMAT, networkToJson, parseNetwork } from '../../src/network/json.js';
import { forward } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from './helpers.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'slth-net-'));

describe('slth net generate', () => {
  test('prints the network document; it parses and equals the library generator', async () => {
    const run = await runCli(['net', 'generate', '--widths', '3,4,4,1', '--seed', 'cli-1', '--hprime']);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const doc = JSON.parse(run.out) as { format: string; meta: Record<string, unknown> };
    expect(doc.format).toBe(NETWORK_FORMAT);
    expect(doc.meta).toEqual({
      generator: 'slth-target/1',
      seed: 'cli-1',
      widths: [3, 4, 4, 1],
      bits: 10,
      hprime: true,
      tight: false,
    });
    const net = parseNetwork(doc);
    expect(networkToJson(net).layers).toEqual(
      networkToJson(generateTarget([3, 4, 4, 1], 'cli-1', { hprime: true })).layers,
    );
  });

  test('--out writes the file atomically and prints a summary (--json too)', async () => {
    const dir = tmp();
    const file = join(dir, 'sub', 't.json');
    const run = await runCli([
      'net',
      'generate',
      '--widths',
      '2,3,1',
      '--seed',
      's',
      '--bits',
      '8',
      '--out',
      file,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out) as { written: string; widths: number[]; weights: number; H: boolean };
    expect(summary).toMatchObject({ written: file, widths: [2, 3, 1], weights: 9, H: true });
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(networkToJson(parseNetwork(JSON.parse(text))).layers).toEqual(
      networkToJson(generateTarget([2, 3, 1], 's', { bits: 8 })).layers,
    );
    const human = await runCli(['net', 'generate', '--widths', '2,3,1', '--seed', 's', '--out', file]);
    expect(human.code).toBe(0);
    expect(human.out).toContain(`wrote ${file}`);
    expect(human.out).toContain('H: holds');
  });

  test.each([
    [['--widths', '3', '--seed', 's'], 'at least two sizes'],
    [['--widths', '3,0,1', '--seed', 's'], '--widths entry 1'],
    [['--widths', '3,x', '--seed', 's'], 'must be an integer'],
    [['--widths', '3,4', '--seed', 'bad seed!'], 'invalid seed'],
    [['--widths', '3,4', '--seed', 's', '--bits', '99'], '--bits must be between 1 and 30'],
    [['--widths', '3,4'], 'missing required option --seed'],
    [['--widths', '100,100', '--seed', 's', '--tight'], 'tight'],
  ])('bad usage %j exits 2', async (argv, message) => {
    const run = await runCli(['net', 'generate', ...argv]);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toContain(message);
  });
});

describe('slth net validate', () => {
  test('a valid target: exit 0, widths, N_w and the hypotheses', async () => {
    const run = await runCli(['net', 'validate', 'fixtures/targets/d3-hprime.json']);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain('widths 3,4,4,1');
    expect(run.out).toContain('N_w = 32');
    expect(run.out).toMatch(/H \(.*\): holds/);
    expect(run.out).toMatch(/H' \(.*\): holds/);
  });

  test('--json: exact figures as strings', async () => {
    const run = await runCli(['net', 'validate', 'fixtures/targets/d3-tight.json', '--json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out) as {
      valid: boolean;
      widths: number[];
      weights: number;
      H: {
        holds: boolean;
        firstViolation: number | null;
        layers: { method: string; frobeniusSquared: string; rowColProduct: string }[];
      };
      Hprime: { holds: boolean };
    };
    expect(r.valid).toBe(true);
    expect(r.widths).toEqual([3, 6, 6, 1]);
    expect(r.weights).toBe(3 * 6 + 6 * 6 + 6);
    expect(r.H.holds).toBe(true);
    expect(r.H.firstViolation).toBeNull();
    for (const l of r.H.layers) expect(Rational.parse(l.frobeniusSquared).toString()).toBe(l.frobeniusSquared);
    expect(r.H.layers[0]?.method).toBe('exact-psd');
  });

  test('a valid network violating H: exit 0, the offending layer is named', async () => {
    const dir = tmp();
    const file = join(dir, 'bad-h.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: NETWORK_FORMAT,
        layers: [
          [
            ['1/2', '1/2'],
            ['1/2', '1/2'],
          ],
          [['3/4', '3/4']],
        ],
      }),
    );
    const run = await runCli(['net', 'validate', file]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('FAILS (first at layer 2)');
    const js = await runCli(['net', 'validate', file, '--json']);
    const r = JSON.parse(js.out) as {
      H: { holds: boolean; firstViolation: number };
      Hprime: { holds: boolean; firstViolation: number };
    };
    expect(r.H).toMatchObject({ holds: false, firstViolation: 2 });
    expect(r.Hprime).toMatchObject({ holds: false, firstViolation: 2 });
  });

  test('missing file and missing argument exit 2', async () => {
    expect((await runCli(['net', 'validate', 'nope.json'])).err).toContain('cannot read nope.json: no such file');
    expect((await runCli(['net', 'validate'])).code).toBe(2);
  });
});

describe('slth net eval', () => {
  test('exact output as p/q, equal to the library forward pass', async () => {
    const run = await runCli(['net', 'eval', 'fixtures/targets/d3-hprime.json', '--x', '1/3,-1/4,0.2', '--json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out) as { x: string[]; output: string[]; outputEstimate: number[] };
    expect(r.x).toEqual(['1/3', '-1/4', '1/5']);
    const doc = JSON.parse(readFileSync('fixtures/targets/d3-hprime.json', 'utf8')) as unknown;
    const y = forward(
      parseNetwork(doc),
      ['1/3', '-1/4', '1/5'].map((s) => Rational.parse(s)),
    );
    expect(r.output).toEqual(y.map(String));
    expect(r.outputEstimate[0]).toBe((y[0] as Rational).toNumber());
    const human = await runCli(['net', 'eval', 'fixtures/targets/d3-hprime.json', '--x', '1/3,-1/4,0.2']);
    expect(human.out).toContain(`F(x)[0] = ${(y[0] as Rational).toString()}`);
  });

  test('a hand-made network: F(x) = relu(x) - relu(-x) = x', async () => {
    const dir = tmp();
    const file = join(dir, 'id.json');
    writeFileSync(file, JSON.stringify({ format: NETWORK_FORMAT, layers: [[['1'], ['-1']], [['1', '-1']]] }));
    const run = await runCli(['net', 'eval', file, '--x', '-3/7', '--json']);
    expect((JSON.parse(run.out) as { output: string[] }).output).toEqual(['-3/7']);
  });

  test.each([
    [['--x', '1,2'], 'input dimension d is 3'],
    [['--x', '1,2,3,4'], 'input dimension d is 3'],
    [['--x', '1,,3'], '--x entry 1'],
    [['--x', '1,2,NaN'], '--x entry 2'],
    [['--x', ''], '--x is empty'],
    [[], 'missing required option --x'],
  ])('bad input %j exits 2', async (argv, message) => {
    const run = await runCli(['net', 'eval', 'fixtures/targets/d3-hprime.json', ...argv]);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toContain(message);
  });
});
