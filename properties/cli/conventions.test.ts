/**
 * The command-line conventions, one test each: help (no arguments, `slth help <command>`), "did
 * you mean" for commands and flags, --quiet and --json accepted everywhere, errors as JSON under
 * --json, `-` for standard input and output, output paths checked before the work starts, a
 * closed pipe ending quietly, seeds as strings, the documented exit code 3, progress lines when
 * stderr is not a terminal, and claim-test's progress running to the look under way.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT_CODES, parseArgs, type Io } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { LINE_INTERVAL_MS, progressBar } from '../../src/cli/progress.js';
import { sequentialClaimTest } from '../../src/falsify/claim-test.js';
import { readNetworkFile } from '../../src/network/json.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from '../_support/cli.js';

const T = 'fixtures/targets/d1-single.json';

describe('help and suggestions', () => {
  test('no arguments: the command list on stderr, nothing on stdout, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('Usage: slth <command>');
  });

  test("'slth help <command>' prints that command's help; an unknown one exits 2 with a suggestion", async () => {
    const r = await runCli(['help', 'net', 'validate']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: slth net validate');
    const bad = await runCli(['help', 'constuct']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("(did you mean 'slth construct'?)");
  });

  test('mistyped commands and flags get a "did you mean"', async () => {
    expect((await runCli(['contruct'])).err).toContain("did you mean 'slth construct'?");
    expect((await runCli(['lemma', 'coverng'])).err).toContain("did you mean 'slth lemma covering'?");
    const flag = await runCli(['width', '--widths', '2,1', '--eps', '0.1', '--delta', '0.1', '--constrction', 'pair']);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('(did you mean --construction?)');
  });

  test('the exit codes, 3 included, are documented in every help text', async () => {
    expect(EXIT_CODES).toContain('3 internal error');
    expect((await runCli(['--help'])).out).toContain('3 internal error');
    expect((await runCli(['check', '--help'])).out).toContain('3 internal error');
  });
});

describe('flags every command accepts', () => {
  test('--quiet and --json parse for every command', () => {
    for (const cmd of COMMANDS) {
      const min = cmd.positional?.min ?? 0;
      const positional = Array.from({ length: min }, () => 'x');
      const required = cmd.flags.filter((f) => f.required).flatMap((f) => [`--${f.name}`, 'x']);
      expect(() => parseArgs([...positional, ...required, '--quiet', '--json'], cmd), cmd.path.join(' ')).not.toThrow();
    }
  });

  test('with --json an error is one JSON object on stdout (and one line on stderr)', async () => {
    const r = await runCli(['check', 'no-such-file.json', '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { error: { code: string; message: string; command: string; flags: string[] } };
    expect(doc.error).toEqual({
      code: 'input',
      message: 'cannot read no-such-file.json: no such file',
      command: 'check',
      flags: [],
    });
    expect(r.err.trim().split('\n')).toHaveLength(1);
    const flagged = await runCli([
      'construct',
      '--target',
      T,
      '--seed',
      's',
      '--eps',
      '0.1',
      '--delta',
      '0.1',
      '--construction',
      'pair',
      '--width-scale',
      '0',
      '--json',
    ]);
    expect(flagged.code).toBe(2);
    expect(JSON.parse(flagged.out).error).toMatchObject({
      message: '--width-scale must be > 0, got 0',
      flags: ['--width-scale'],
    });
  });
});

describe("'-' for standard input and output", () => {
  test('a network read from standard input', () => {
    const r = spawnSync(process.execPath, ['bin/slth.js', 'net', 'validate', '-'], {
      input: readFileSync(T),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('-: valid slth-network/1 network');
  });

  test('construct --out - writes the certificate to stdout; with --json it is refused', async () => {
    const args = [
      'construct',
      '--target',
      T,
      '--seed',
      's',
      '--eps',
      '0.1',
      '--delta',
      '0.1',
      '--construction',
      'pair',
      '--no-error',
    ];
    const r = await runCli([...args, '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('"format": "slth-certificate/1"');
    const both = await runCli([...args, '--out', '-', '--json']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--out - and --json would both write to standard output');
  });

  test('net generate (both generators) and net import write the network to standard output for --out -', async () => {
    for (const args of [
      ['net', 'generate', '--widths', '3,2', '--seed', 'd'],
      ['net', 'generate', '--widths', '3,2', '--seed', 'd', '--uniform', '-0.5,0.5'],
      ['net', 'import', 'fixtures/interop/reference/sequential-f64.safetensors'],
    ]) {
      const r = await runCli([...args, '--out', '-']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.out) as { format: string }).format).toBe('slth-network/1');
    }
    // no file named '-' appears in the working directory
    expect(existsSync('-')).toBe(false);
  });

  test("at most one argument may be '-'", async () => {
    const r = await runCli(['error', '-', '-']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("at most one argument may be '-'");
  });
});

describe('output paths are checked before the work starts', () => {
  test('audit --out onto a file, and into a read-only place, exit 2 at once with nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-out-'));
    try {
      const file = join(dir, 'f.txt');
      writeFileSync(file, 'x');
      const started = Date.now();
      const r = await runCli(['audit', '--out', file, '--quiet']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--out ${file} is a file, not a folder`);
      expect(Date.now() - started).toBeLessThan(20_000); // no audit ran (a real one takes a minute)
      const ro = await runCli(['audit', '--out', '/proc/slth-audit', '--quiet']);
      expect(ro.code).toBe(2);
      expect(ro.err).toContain('cannot write into /proc/slth-audit (--out)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('threshold --svg under a file fails before any trial runs', async () => {
    const r = await runCli([
      'threshold',
      '--claim',
      'pair',
      '--target',
      T,
      '--eps',
      '0.1',
      '--delta',
      '0.2',
      '--trials',
      '100000',
      '--svg',
      `${T}/figure.svg`,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot write ${T}/figure.svg (--svg): a parent of it is not a directory`);
  });
});

describe('pipes, seeds, progress', () => {
  test('a closed pipe ends quietly (slth replay | head -1)', async () => {
    const child = spawn(process.execPath, ['bin/slth.js', 'replay'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  test('falsify seeds are strings: the same string gives the same run, reported as given', async () => {
    const args = [
      'falsify',
      '--claim',
      'pair',
      '--widths',
      '2,1',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--width-scale',
      '1e-3',
      '--runs',
      '5',
      '--no-store',
      '--json',
      '--seed',
      'nightly-run',
    ];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).fcSeed).toBe('nightly-run');
  });

  test('when stderr is not a terminal, long work prints a line now and then', () => {
    const lines: string[] = [];
    const io: Io = { out: () => undefined, err: (t) => void lines.push(t), interactive: false, progress: 'lines' };
    let now = 0;
    const p = progressBar(io, 'construct', false, () => now);
    for (let i = 1; i <= 100; i++) {
      now += LINE_INTERVAL_MS / 20;
      p.tick(i, 100);
    }
    p.done();
    expect(lines.length).toBe(6); // every 20 ticks, then the closing line
    expect(lines[0]).toBe('construct: 20/100 (20%), 10 s elapsed, ETA 40 s');
    expect(lines.at(-1)).toBe('construct: done in 50 s');
    const quiet: string[] = [];
    const q = progressBar({ ...io, err: (t) => void quiet.push(t) }, 'x', true, () => (now += LINE_INTERVAL_MS));
    q.tick(1, 2);
    q.done();
    expect(quiet).toEqual([]);
  });

  test("claim-test's progress runs to the look under way, not to the trial budget", async () => {
    const seen: number[] = [];
    await sequentialClaimTest({
      claim: 'pair',
      target: readNetworkFile(T),
      params: { eps: Rational.parse('0.1'), delta: Rational.parse('0.1'), pool: 30n },
      alpha: Rational.parse('0.05'),
      maxTrials: 1000,
      base: 'eta',
      workers: 1,
      onTrial: (look) => void seen.push(look),
    });
    expect(seen[0]).toBe(10);
    expect(seen.at(-1)).toBeLessThan(1000);
    expect([...new Set(seen)]).toEqual([...new Set(seen)].sort((x, y) => x - y));
  });
});
