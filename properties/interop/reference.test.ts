/**
 * Import against files written by the reference writers (the official safetensors package and
 * numpy; scripts/make-interop-fixtures.py): every weight equals the exact value Python's
 * fractions.Fraction gives for the stored float, layers come in the documented order, and the
 * Sequential case's exact output equals that of the PyTorch module (y = x A^T per Linear).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importNetwork } from '../../src/interop/read.js';
import { networkToJson, readNetworkFile } from '../../src/network/json.js';
import { forward } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from '../_support/cli.js';

const DIR = 'fixtures/interop/reference';

interface Expected {
  files: string[];
  pick?: string[];
  tensors: string[];
  layers: string[][][];
  x?: string[];
  output?: string[];
  metadata?: Record<string, string>;
}

const { cases } = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  cases: Record<string, Expected>;
};

describe('reference files import exactly, in the documented order', () => {
  test.each(Object.entries(cases))('%s', (_name, c) => {
    const imp = importNetwork(
      c.files.map((f) => join(DIR, f)),
      c.pick,
    );
    expect(imp.layers.map((l) => l.tensor)).toEqual(c.tensors);
    expect(networkToJson(imp.network).layers).toEqual(c.layers);
    expect(imp.metadata).toEqual(c.metadata ?? null);
    if (c.x !== undefined && c.output !== undefined) {
      const y = forward(
        imp.network,
        c.x.map((v) => Rational.parse(v)),
      );
      expect(y.map(String)).toEqual(c.output);
    }
  });

  test('the float64 case keeps its edge doubles: 0.1, -0 as 0, the smallest subnormal, the largest finite', () => {
    const w = importNetwork([join(DIR, 'sequential-f64.safetensors')]).network.layers[0]!;
    expect(w[0]![0]!.eq(Rational.fromFloat(0.1))).toBe(true);
    expect(w[0]![1]!.isZero()).toBe(true);
    expect(w[0]![2]!.eq(Rational.dyadic(1n, -1074))).toBe(true);
    expect(w[1]![2]!.eq(Rational.fromFloat(-Number.MAX_VALUE))).toBe(true);
  });

  test('the float32 case: 0.1f is 13421773/2^27 exactly, not the double 0.1', () => {
    const w = importNetwork([join(DIR, 'sequential-f32.safetensors')]).network.layers[0]!;
    expect(w[0]![0]!.toString()).toBe(`13421773/${2n ** 27n}`);
    expect(w[0]![1]!.eq(Rational.dyadic(1n, -149))).toBe(true);
  });

  test('negative control: plain string order (fc1, fc10, fc2) does not chain', () => {
    expect(() =>
      importNetwork([join(DIR, 'fc-names.safetensors')], ['fc1.weight', 'fc10.weight', 'fc2.weight']),
    ).toThrow(/shapes do not chain: tensor 'fc10.weight' \(layer 2\)/);
  });

  test('negative control: a state dict with biases or an int64 counter is refused without --tensors', () => {
    expect(() => importNetwork([join(DIR, 'with-bias.safetensors')])).toThrow(
      /tensor '0\.bias' \(shape \[4\]\) is a bias: .*--tensors 0\.weight,2\.weight$/,
    );
    expect(() => importNetwork([join(DIR, 'with-counter.safetensors')])).toThrow(
      /tensor 'num_batches_tracked' has 0 dimensions .*--tensors fc1\.weight,fc2\.weight$/,
    );
  });

  test('negative control: .npy files in another order do not chain', () => {
    expect(() => importNetwork([join(DIR, 'layer2-fortran.npy'), join(DIR, 'layer1.npy')])).toThrow(
      /shapes do not chain/,
    );
  });

  test('the CLI writes the same network (slth-network/1, exact strings) to --out and to stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slth-interop-ref-')), 'net.json');
    const file = join(DIR, 'twelve.npz');
    const written = await runCli(['net', 'import', file, '--out', out]);
    expect(written.code).toBe(0);
    expect(written.out).toMatch(
      /^wrote .*net\.json: widths 2,2,2,2,2,2,2,2,2,2,2,2,2, N_w = 48, from npz tensors arr_0/,
    );
    const printed = await runCli(['net', 'import', file]);
    expect(printed.code).toBe(0);
    expect(printed.out).toBe(readFileSync(out, 'utf8'));
    const dash = await runCli(['net', 'import', file, '--out', '-']);
    expect(dash.out).toBe(printed.out);
    const doc = JSON.parse(printed.out) as { format: string; meta: unknown; layers: string[][][] };
    expect(doc.format).toBe('slth-network/1');
    expect(doc.layers).toEqual(cases['twelve.npz']!.layers);
    expect((doc.meta as { imported: { format: string } }).imported.format).toBe('npz');
    expect(networkToJson(readNetworkFile(out)).layers).toEqual(doc.layers);
  });
});
