/**
 * `slth check -` reads the certificate from standard input: a subset certificate (JSON Lines) is
 * recognised by its first chunk and streamed to the kernel, any other input is read whole within
 * the kernel's cap. Before, a subset certificate on standard input was parsed as one JSON document
 * and refused as malformed, and then the format was told from the first chunk alone, however
 * short; the first case fails on either.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../_support/cli.js';
import { certificateVerdictOfChunks } from '../../src/cli/certificate-doc.js';

const dir = mkdtempSync(join(tmpdir(), 'slth-check-stdin-'));

/** Runs the built CLI with `input` on standard input. */
function slth(argv: string[], input: string | Buffer): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/slth.js', ...argv], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('slth check - (standard input)', () => {
  it('gives the same verdict as the file, for a subset certificate and a pair certificate', async () => {
    const target = 'fixtures/targets/d2-small.json';
    const subset = join(dir, 'subset.jsonl');
    const pair = join(dir, 'pair.json');
    const base = ['construct', '--target', target, '--seed', 's', '--eps', '0.1', '--quiet', '--no-error'];
    await runCli([...base, '--construction', 'subset', '--delta', '0.1', '--out', subset]);
    await runCli([...base, '--construction', 'pair', '--delta', '0.1', '--out', pair]);
    for (const path of [subset, pair]) {
      const file = await runCli(['check', path, '--json']);
      const piped = slth(['check', '-', '--json'], readFileSync(path));
      expect(file.code).toBe(0); // both accepted
      expect(piped.status).toBe(file.code);
      expect(piped.out).toBe(file.out);
      const text = slth(['check', '-'], readFileSync(path));
      expect(text.out.startsWith('ACCEPT -: ')).toBe(true);
      // a pipe may deliver the header in tiny pieces: the format is told from the first 256
      // characters, not from the first chunk (a first chunk '{' alone reads as a JSON document)
      const whole = readFileSync(path, 'utf8');
      for (const cuts of [[1], [1, 9, 31], [255], [300]]) {
        const chunks: string[] = [];
        let at = 0;
        for (const c of cuts) {
          chunks.push(whole.slice(at, at + c));
          at += c;
        }
        chunks.push(whole.slice(at));
        const v = certificateVerdictOfChunks(chunks[Symbol.iterator](), 'standard input');
        expect(v.verdict === 'ACCEPT' ? ['ACCEPT', v.construction, v.bound.toString()] : [v.verdict]).toEqual([
          'ACCEPT',
          path === subset ? 'subset' : 'pair',
          (JSON.parse(file.out) as { bound: string }).bound,
        ]);
      }
    }
  });

  it('a broken subset certificate on standard input is malformed, named as standard input', () => {
    const r = slth(['check', '-'], '{"format":"slth-certificate/2"\n');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^slth check: standard input: malformed certificate: certificate header \(line 1\)/);
  });

  it('more than the kernel cap of anything else is refused while reading', () => {
    const r = slth(['check', '-'], Buffer.alloc(64 * 1024 * 1024 + 1, 32));
    expect(r.status).toBe(2);
    expect(r.err).toBe('slth check: standard input is too large (more than 67108864 bytes)\n');
  });

  it('an endless device given as the file is refused too (it used to fill memory)', () => {
    const r = slth(['check', '/dev/zero'], '');
    expect(r.status).toBe(2);
    expect(r.err).toBe('slth check: /dev/zero is too large (more than 67108864 bytes)\n');
  });
});
