/**
 * The command line of `slth net import` and `slth export`: registration and help, outputs,
 * standard input, and input errors as one line with exit code 2.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../_support/cli.js';

const REF = 'fixtures/interop/reference';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'slth-interop-cli-'));

describe('slth net import / slth export on the command line', () => {
  test('both commands are listed, with help; net generate names the format slth-network/1', async () => {
    const top = await runCli(['--help']);
    expect(top.out).toMatch(/\n {2}net import +import a bias-free network from \.safetensors, \.npz or \.npy/);
    expect(top.out).toMatch(/\n {2}export +write a certificate's ticket/);
    expect((await runCli(['net', 'import', '--help'])).out).toContain('natural order of the names');
    expect((await runCli(['export', '--help'])).out).toContain('0.weight, 2.weight');
    const gen = await runCli(['net', 'generate', '--help']);
    expect(gen.out).toContain('(an slth-network/1 document; generator slth-target/1)');
    expect(top.out).not.toMatch(/exactly \(slth-target\/1\)/);
  });

  test('--out FILE --json prints a summary with the layers and their dtypes', async () => {
    const out = join(tmp(), 'net.json');
    const run = await runCli(['net', 'import', join(REF, 'sequential-f32.safetensors'), '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({
      written: out,
      format: 'slth-network/1',
      widths: [2, 3, 2],
      weights: 12,
      imported: {
        format: 'safetensors',
        layers: [
          { tensor: '0.weight', dtype: 'F32', shape: [3, 2] },
          { tensor: '2.weight', dtype: 'F32', shape: [2, 3] },
        ],
        metadata: null,
      },
    });
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { format: string; meta: unknown };
    expect(doc.format).toBe('slth-network/1');
  });

  test('--tensors picks and orders; the rest of the file is ignored', async () => {
    const run = await runCli([
      'net',
      'import',
      join(REF, 'with-bias.safetensors'),
      '--tensors',
      '0.weight, 2.weight',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out) as { meta: { imported: { layers: { tensor: string }[] } } };
    expect(doc.meta.imported.layers.map((l) => l.tensor)).toEqual(['0.weight', '2.weight']);
  });

  test('- reads standard input (a real process, bytes piped in)', () => {
    const bytes = readFileSync(join(REF, 'named-compressed.npz'));
    const out = execFileSync(process.execPath, ['bin/slth.js', 'net', 'import', '-'], { input: bytes });
    const doc = JSON.parse(out.toString()) as { meta: { imported: { format: string } }; layers: unknown[] };
    expect(doc.meta.imported.format).toBe('npz');
    expect(doc.layers).toHaveLength(2);
  });

  test.each([
    [['net', 'import', 'nowhere.safetensors'], 'cannot read nowhere.safetensors: no such file'],
    [['net', 'import', 'fixtures/targets/d1-single.json'], "starts with '{': a JSON file, not safetensors"],
    [
      ['net', 'import', join(REF, 'layer1.npy'), join(REF, 'twelve.npz')],
      'twelve.npz is not a .npy file: several input files must each be one .npy layer',
    ],
    [['net', 'import', join(REF, 'layer1.npy'), '--tensors', 'a'], '--tensors applies to .safetensors and .npz files'],
    [['net', 'import', join(REF, 'twelve.npz'), '--tensors', 'arr_0,,arr_1'], '--tensors entry 1 is empty'],
    [['net', 'import', '-', '-'], "at most one argument may be '-' (standard input)"],
    [['net', 'import'], 'missing argument FILE'],
  ])('%j exits 2 with one line', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
    expect(run.err).toContain(message);
  });
});
