/**
 * The construction D commands end to end: `slth construct --construction subset` at the stated
 * width (says "calibrated, not proven", writes a readable slth-certificate/2 and reports the kernel's
 * ACCEPT of it), the custom mode on a target violating H made by
 * `slth net generate --uniform` (which says H fails), and `slth universal`'s JSON.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCertificateV2 } from '../../src/certificate/stream.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from '../_support/cli.js';

describe('slth construct --construction subset', () => {
  it('stated width: text output, certificate written and readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-subset-cli-'));
    const out = join(dir, 'c.jsonl');
    const r = await runCli([
      'construct',
      '--target',
      'fixtures/targets/d2-small.json',
      '--seed',
      'demo',
      '--eps',
      '0.1',
      '--delta',
      '0.01',
      '--construction',
      'subset',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('calibrated, not proven');
    expect(r.out).toMatch(/kernel: ACCEPT \(.* s\), at the stated width/);
    expect(r.out).toContain('(stated width)');
    expect(r.out).toMatch(/true sup error .* \(exact/);
    const cert = readCertificateV2(out);
    expect(cert.header.width).toBe('stated');
    expect(cert.header.calibration).toEqual({ luekerC: '32/3', calibrated: true });
    expect([...cert.gadgets()].length).toBe(cert.header.gadgets);
    // slth error on the certificate: its subnetwork against its target, exactly (d = 2), below
    // the kernel's bound, and the same value construct printed
    const e = await runCli(['error', out, '--json']);
    expect(e.code).toBe(0);
    const doc = JSON.parse(e.out) as Record<string, string | boolean>;
    expect(doc['exact']).toBe(true);
    expect(typeof doc['supSquared']).toBe('string'); // the squared sup, exactly
    expect(Rational.parse(doc['upper'] as string)).toBeLessOrEqual(doc['certificateBound'] as string);
    const printed = /true sup error (\S+) \(exact/.exec(r.out)?.[1];
    expect(Rational.parse(doc['lower'] as string).toScientific(8, 'nearest')).toBe(printed);
    // export writes tickets of slth-certificate/1 only, and says so
    const x = await runCli(['export', out, '--out', join(dir, 't.safetensors')]);
    expect(x.code).toBe(2);
    expect(x.err).toContain('export writes tickets of slth-certificate/1 only');
    expect(existsSync(join(dir, 't.safetensors'))).toBe(false);
    // slth error refuses a certificate announcing more gadgets than it materialises, from the
    // header alone (before the kernel's pass); at exactly the cap it goes on (and finds the lie)
    const [head, ...rest] = readFileSync(out, 'utf8').split('\n');
    const announcing = (n: number): string => {
      const file = join(dir, `announces-${n}.jsonl`);
      writeFileSync(file, [JSON.stringify({ ...JSON.parse(head!), gadgets: n }), ...rest].join('\n'));
      return file;
    };
    const over = announcing(100_001);
    const big = await runCli(['error', over]);
    expect(big.code).toBe(2);
    expect(big.err).toBe(
      `slth error: ${over}: 100001 gadgets; subnetworks of subset certificates are built here for at most 100000`,
    );
    const atCap = announcing(100_000);
    const cap = await runCli(['error', atCap]);
    expect(cap.code).toBe(2);
    expect(cap.err).toContain(`gadget lines, the header announces 100000`);
  });

  it('custom mode on a target violating H: no --delta, hypothesis none, misses listed, exit 1 when some miss', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-subset-cli-'));
    const target = join(dir, 't.json');
    const g = await runCli([
      'net',
      'generate',
      '--widths',
      '20,8,2',
      '--seed',
      'u',
      '--uniform',
      '-0.4642,0.5407',
      '--out',
      target,
    ]);
    expect(g.code).toBe(0);
    expect(g.out).toContain('H: fails (exact');
    const r = await runCli([
      'construct',
      '--target',
      target,
      '--seed',
      'u',
      '--eps',
      '0.01',
      '--construction',
      'subset',
      '--eta',
      '0.01',
      '--pool',
      '8',
      '--json',
    ]);
    const doc = JSON.parse(r.out) as Record<string, unknown>;
    expect(doc['hypothesis']).toBe('none');
    expect(doc['width']).toBe('custom');
    expect(doc['delta']).toBeNull();
    expect(['ACCEPT', 'REJECT']).toContain(doc['verdict']);
    expect(doc['kernelReason'] === null).toBe(doc['verdict'] === 'ACCEPT');
    expect(r.code).toBe((doc['missCount'] as number) > 0 ? 1 : 0);
    expect(doc['withinEta'] as number).toBe(20 * 8 + 8 * 2 - (doc['missCount'] as number));
    // a tolerance the pools cannot meet: every miss is listed with its exact best errors
    const tight = await runCli([
      'construct',
      '--target',
      target,
      '--seed',
      'u',
      '--eps',
      '0.01',
      '--construction',
      'subset',
      '--eta',
      '1e-12',
      '--pool',
      '4',
      '--out',
      join(dir, 'tight.jsonl'),
    ]);
    expect(tight.code).toBe(1);
    expect(tight.out).toContain('no subset within eta for target weight (layer 1, row 0, col 0)');
    // the certificate is still written (its errors and bound are exact) and says custom
    expect(existsSync(join(dir, 'tight.jsonl'))).toBe(true);
    expect(readCertificateV2(join(dir, 'tight.jsonl')).header.delta).toBeNull();
  });
});

describe('slth universal --json', () => {
  it('reports the verdict, the slots and the worst side', async () => {
    const r = await runCli([
      'universal',
      '--widths',
      '1,2',
      '--seed',
      'demo',
      '--eps',
      '0.5',
      '--pool',
      '30',
      '--json',
    ]);
    const doc = JSON.parse(r.out) as Record<string, unknown>;
    expect(r.code).toBe(doc['universal'] ? 0 : 1);
    expect(doc['slots']).toBe(2);
    expect(doc['worst']).not.toBeNull();
    const small = await runCli([
      'universal',
      '--widths',
      '1,2',
      '--seed',
      'demo',
      '--eps',
      '0.5',
      '--pool',
      '2',
      '--json',
    ]);
    expect(small.code).toBe(1);
    const s = JSON.parse(small.out) as { universal: boolean; failure: { uncovered: string } };
    expect(s.universal).toBe(false);
    expect(s.failure.uncovered).toMatch(/^-?\d+(\/\d+)?$/);
  });
});
