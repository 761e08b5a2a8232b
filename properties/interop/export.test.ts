/**
 * `slth export`: the ticket written for a certificate is its subnetwork exactly (import(export)
 * is the identity, evaluations agree with `slth net eval`), its unit indices address G's weights,
 * and the official safetensors reader sees the same tensors (fixtures/interop/export/, read by
 * scripts/make-interop-fixtures.py --read-ticket). Negative controls: a tampered certificate is
 * rejected and nothing is written; a malformed one exits 2.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import type { CertificateDoc } from '../../src/certificate/format.js';
import { keptUnits } from '../../src/certificate/kept-units.js';
import { certificateNetworks } from '../../src/certificate/subnetwork.js';
import { stringMap, ticketMetadata } from '../../src/cli/commands/export.js';
import { certify } from '../../src/constructions/certify.js';
import { targetArbitrary, gSeedArbitrary } from '../../src/falsify/arbitraries.js';
import { importNetwork } from '../../src/interop/read.js';
import { readSafetensors } from '../../src/interop/safetensors.js';
import { networkToSafetensors } from '../../src/interop/sequential.js';
import { decodeMatrix } from '../../src/interop/tensor.js';
import { networkToJson } from '../../src/network/json.js';
import { forward, type Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { weight } from '../../src/random/scheme.js';
import { runCli } from '../_support/cli.js';

const DIR = 'fixtures/interop/export';
const CONSTRUCTIONS = ['pair', 'shared', 'product'] as const;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'slth-export-'));
const layersOf = (net: Network): string[][][] => networkToJson(net).layers;
const xArb = (d: number): fc.Arbitrary<Rational[]> =>
  fc.array(
    fc.tuple(fc.integer({ min: -64, max: 64 }), fc.integer({ min: 1, max: 64 })).map(([p, q]) => Rational.of(p, q)),
    { minLength: d, maxLength: d },
  );

describe('import(export(certificate)) is the subnetwork, exactly', () => {
  it.each(CONSTRUCTIONS)('%s: same weights, same outputs, unit indices that address G', (construction) => {
    fc.assert(
      fc.property(
        targetArbitrary({ d: { min: 1, max: 3 }, layers: { min: 1, max: 2 }, width: { min: 1, max: 3 } }),
        gSeedArbitrary(),
        fc.infiniteStream(fc.nat()),
        (target, seed, xs) => {
          const out = certify({
            target,
            seed,
            eps: Rational.parse('1/4'),
            delta: Rational.parse('1e-9'),
            construction,
          });
          fc.pre(out.certificate !== null);
          const cert = out.certificate!;
          const { sub } = certificateNetworks(cert);
          const meta = ticketMetadata(cert, sub, out.result.total);
          const bytes = networkToSafetensors(sub, stringMap(meta));
          const file = readSafetensors(bytes, 'ticket');
          expect(file.metadata?.['units']).toBe(JSON.stringify(keptUnits(cert)));
          const back = importNetwork([writeTmp(bytes)]).network;
          expect(layersOf(back)).toEqual(layersOf(sub));
          const d = target.layers[0]![0]!.length;
          const x = fc.sample(xArb(d), { seed: xs.next().value, numRuns: 1 })[0]!;
          expect(forward(back, x).map(String)).toEqual(forward(sub, x).map(String));
          // row h of tensor 4(i-1).weight is unit units[i-1][h] of G layer 2i-1; column h of 4(i-1)+2 likewise
          keptUnits(cert).forEach((units, i) => {
            const first = back.layers[2 * i]!;
            const second = back.layers[2 * i + 1]!;
            units.forEach((unit, h) => {
              first[h]!.forEach((u, col) => {
                if (!u.isZero()) expect(u).toEqualRational(weight(seed, 2 * i + 1, unit, col));
              });
              second.forEach((row, r) => {
                const v = row[h]!;
                if (!v.isZero()) expect(v).toEqualRational(weight(seed, 2 * i + 2, r, unit));
              });
            });
          });
        },
      ),
      { numRuns: 8 },
    );
  });
});

function writeTmp(bytes: Uint8Array): string {
  const path = join(tmp(), 'ticket.safetensors');
  writeFileSync(path, bytes);
  return path;
}

interface PythonView {
  metadata: Record<string, string>;
  tensors: { name: string; dtype: string; shape: number[]; values: string[][] }[];
  x: string[];
  output: string[];
}

describe('the committed ticket: what the official reader saw', () => {
  const python = JSON.parse(readFileSync(join(DIR, 'ticket.python.json'), 'utf8')) as PythonView;
  const cert = JSON.parse(readFileSync(join(DIR, 'cert.json'), 'utf8')) as CertificateDoc;

  test('slth export writes the same tensors and metadata today', async () => {
    const out = join(tmp(), 'ticket.safetensors');
    const run = await runCli(['export', join(DIR, 'cert.json'), '--out', out]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^wrote .*ticket\.safetensors: 4 float64 tensors 0\.weight \[16, 2\], 2\.weight \[4, 16\]/);
    const file = readSafetensors(new Uint8Array(readFileSync(out)), out);
    expect(file.tensors.map((t) => t.name)).toEqual(python.tensors.map((t) => t.name));
    file.tensors.forEach((t, k) => {
      expect(t.dtype).toBe('F64');
      expect(python.tensors[k]!.dtype).toBe('float64');
      expect(t.shape).toEqual(python.tensors[k]!.shape);
      expect(decodeMatrix(t).map((row) => row.map(String))).toEqual(python.tensors[k]!.values);
    });
    const { slth: _now, ...meta } = file.metadata!;
    const { slth: _then, ...seen } = python.metadata;
    expect(meta).toEqual(seen);
    // the committed bytes are what slth writes (up to the version string in the metadata)
    const committed = readSafetensors(new Uint8Array(readFileSync(join(DIR, 'ticket.safetensors'))), 'committed');
    expect(committed.metadata).toEqual(python.metadata);
  });

  test("the exact output of the PyTorch module (Python, Fractions) equals slth's on the subnetwork", () => {
    const { sub } = certificateNetworks(cert);
    const x = python.x.map((v) => Rational.parse(v));
    expect(forward(sub, x).map(String)).toEqual(python.output);
    const imported = importNetwork([join(DIR, 'ticket.safetensors')]).network;
    expect(forward(imported, x).map(String)).toEqual(python.output);
  });

  test('slth net eval agrees on the imported ticket and on the certificate subnetwork', async () => {
    const dir = tmp();
    const subFile = join(dir, 'sub.json');
    writeFileSync(subFile, JSON.stringify(networkToJson(certificateNetworks(cert).sub)));
    const imported = join(dir, 'imported.json');
    expect((await runCli(['net', 'import', join(DIR, 'ticket.safetensors'), '--out', imported])).code).toBe(0);
    for (const x of ['1/7,-2/7', '1,0', '-0.3,0.9']) {
      const a = JSON.parse((await runCli(['net', 'eval', subFile, '--x', x, '--json'])).out) as { output: string[] };
      const b = JSON.parse((await runCli(['net', 'eval', imported, '--x', x, '--json'])).out) as { output: string[] };
      expect(b.output).toEqual(a.output);
    }
  });

  test('the metadata holds seed, pools, construction, eps and the kept units; --json prints it typed', async () => {
    const run = await runCli(['export', join(DIR, 'cert.json'), '--out', join(tmp(), 't.safetensors'), '--json']);
    expect(run.code).toBe(0);
    const { metadata } = JSON.parse(run.out) as { metadata: Record<string, unknown> };
    expect(metadata).toMatchObject({
      format: 'pt',
      schema: 'slth-ticket/1',
      construction: 'shared',
      seed: 'demo',
      eps: '1/10',
      pools: cert.random.pool,
      widths: [2, 16, 4, 8, 1],
      tensors: ['0.weight', '2.weight', '4.weight', '6.weight'],
      units: keptUnits(cert),
    });
  });
});

describe('negative controls', () => {
  const certText = readFileSync(join(DIR, 'cert.json'), 'utf8');

  test('a certificate with a tampered kept weight is rejected by the kernel: exit 1, nothing written', async () => {
    const doc = JSON.parse(certText) as CertificateDoc;
    doc.gadgets[0]!.plus.u = '1/2';
    const dir = tmp();
    writeFileSync(join(dir, 'cert.json'), JSON.stringify(doc));
    const out = join(dir, 'ticket.safetensors');
    const run = await runCli(['export', join(dir, 'cert.json'), '--out', out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^slth export: REJECT .*\(nothing written\)\n?$/);
    expect(existsSync(out)).toBe(false);
  });

  test('a malformed certificate, a missing --out, --out - and an unwritable path exit 2 with one line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'broken.json'), certText.slice(0, 100));
    const cases: [string[], RegExp][] = [
      [['export', join(dir, 'broken.json'), '--out', join(dir, 't')], /is not valid JSON/],
      [['export', join(DIR, 'cert.json')], /missing required option --out/],
      [['export', join(DIR, 'cert.json'), '--out', '-'], /--out -: the ticket is a binary file; give a file name/],
      [['export', join(DIR, 'cert.json'), '--out', '/proc/nope/t.safetensors'], /cannot write/],
      [['export', join(dir, 'none.json'), '--out', join(dir, 't')], /no such file/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv);
      expect(run.code).toBe(2);
      expect(run.err.trimEnd().split('\n')).toHaveLength(1);
      expect(run.err).toMatch(message);
    }
    expect(existsSync(join(dir, 't'))).toBe(false);
  });
});
