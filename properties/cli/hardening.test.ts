/**
 * The CLI hardening corpus (fixtures/invalid/cli/cases.json): every command rejects bad input
 * with exit code 2, exactly one line on stderr naming the problem, nothing on stdout, no stack
 * trace, and no output file (nor a temporary file) left behind.
 *
 * Each case is `{ name, argv, exit, stderr, noFile? }`; paths in argv are relative to the
 * repository root, `stderr` is a substring of the expected message. The input files are made by
 * `npx tsx scripts/make-invalid-cli.ts` from genuine documents slth itself wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';

/** One case of the corpus. */
interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  readonly exit: number;
  readonly stderr: string;
  readonly noFile?: string;
}

const DIR = join('fixtures', 'invalid', 'cli');
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];

/** Flags whose value is a file slth writes. */
const OUTPUT_FLAGS = new Set(['--out', '--svg']);

/** The commands the corpus must cover (every command of the theorem's workflow). */
const REQUIRED = [
  'net generate',
  'net validate',
  'net eval',
  'net import',
  'g weight',
  'width',
  'construct',
  'universal',
  'check',
  'export',
  'error',
  'lemma list',
  'lemma all',
  'lemma relu-identity',
  'lemma covering',
  'lemma union-bound',
  'lemma lipschitz',
  'lemma depth-doubling',
  'lemma subset-sum',
  'lemma counting',
  'exists',
  'falsify',
  'replay',
  'claim-test',
  'threshold',
  'merge',
];

/** The command (its words) a case runs. */
function commandOf(argv: readonly string[]): string {
  let best = '';
  for (const c of COMMANDS) {
    const words = c.path.join(' ');
    if (c.path.every((w, i) => argv[i] === w) && words.length > best.length) best = words;
  }
  return best;
}

/** Output paths of a case: the values of --out / --svg, and noFile. */
function outputs(c: Case): string[] {
  const paths = c.argv.flatMap((a, i) =>
    OUTPUT_FLAGS.has(a) && c.argv[i + 1] !== undefined ? [c.argv[i + 1] as string] : [],
  );
  return c.noFile === undefined ? paths : [...paths, c.noFile];
}

/** Temporary files writeFileAtomic would have left next to `path` (`.<name>.<pid>.tmp`). */
function leftoverTemps(path: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const prefix = `.${basename(path)}.`;
  return names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
}

/** Lines of captured stderr (one `err` call may hold several lines). */
function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

async function runCaptured(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), interactive: false };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('\n') };
}

/** Asserts the exit-2 contract on one run of a case. */
function expectRejected(c: Case, run: { code: number; out: string; err: string }): void {
  expect(run.code, `${c.name}: exit code (stderr: ${run.err})`).toBe(c.exit);
  expect(run.out, `${c.name}: stdout`).toBe('');
  const errLines = lines(run.err);
  expect(errLines, `${c.name}: exactly one line on stderr`).toHaveLength(1);
  const line = errLines[0] as string;
  expect(line.startsWith(`slth ${commandOf(c.argv)}: `), `${c.name}: the line names the command: ${line}`).toBe(true);
  expect(line).toContain(c.stderr);
  expect(line).not.toMatch(/internal error|^\s*at |\bat .*\.ts:\d+/);
  for (const p of outputs(c)) {
    if (p === c.noFile) expect(existsSync(p), `${c.name}: ${p} must not exist`).toBe(false);
    expect(leftoverTemps(p), `${c.name}: temporary files next to ${p}`).toEqual([]);
  }
}

describe('the corpus', () => {
  test('at least 60 well-formed cases with distinct names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(c.exit, c.name).toBe(2);
      expect(c.stderr.length, c.name).toBeGreaterThan(0);
      expect(commandOf(c.argv), `${c.name}: runs a known command`).not.toBe('');
    }
  });

  test('covers every command', () => {
    const covered = new Set(CASES.map((c) => commandOf(c.argv)));
    expect(REQUIRED.filter((r) => !covered.has(r))).toEqual([]);
  });

  test('covers every kind of bad input of the hardening issue', () => {
    const has = (re: RegExp): boolean => CASES.some((c) => re.test(`${c.name} ${c.argv.join(' ')} ${c.stderr}`));
    const kinds: Record<string, RegExp> = {
      NaN: /NaN/,
      Infinity: /Infinity|1e400/,
      'empty number': /not an exact number: ''|weight is an empty string|is empty/,
      'huge exponent': /exponent out of range/,
      'ragged matrix': /ragged/,
      'empty matrix': /layer \d+ is empty|row \d+ is empty|"layers" is empty/,
      'mismatched shapes': /shapes do not chain|dimensions differ|input dimension d is/,
      'target violates H': /violates hypothesis H/,
      'eps <= 0': /--eps must be > 0/,
      'eps not a number': /--eps: not an exact number/,
      'delta outside (0, 1)': /--delta must be in \(0, 1\)/,
      'pool 0': /--pool must be between 1/,
      'pool beyond what fits': /beyond the 2\^53|--pool must be between 1 and 64, got 100000/,
      'unknown construction': /unknown construction/,
      'unknown claim': /unknown claim/,
      'truncated JSON': /is not valid JSON/,
      'wrong format version': /slth-certificate\/2|slth-network\/2|slth-shard\/2|slth-counterexample\/2/,
      'certificate field types': /malformed certificate/,
      'unwritable output': /cannot write/,
      'malformed counterexample entry': /^replay: /,
      'malformed shard file': /^merge: .*shard/,
    };
    expect(Object.keys(kinds).filter((k) => !has(kinds[k] as RegExp))).toEqual([]);
  });

  test('every input file of fixtures/invalid/cli is used by a case', () => {
    const used = CASES.flatMap((c) => c.argv).join('\n');
    const files = readdirSync(DIR).filter(
      (f) => f.endsWith('.json') && f !== 'cases.json' && !f.startsWith('genuine-'),
    );
    expect(files.filter((f) => !used.includes(`${DIR}/${f}`))).toEqual([]);
  });

  test('the genuine documents the broken ones derive from are accepted', async () => {
    const cert = await runCaptured(['check', join(DIR, 'genuine-cert.json')]);
    expect(cert.code, cert.err).toBe(0);
    expect(cert.out).toContain('ACCEPT');
    const merged = await runCaptured(['merge', join(DIR, 'genuine-shard-0.json'), join(DIR, 'genuine-shard-1.json')]);
    expect([0, 1], merged.err).toContain(merged.code);
    expect(merged.out).toContain('claim pair (2 shards)');
    const replay = await runCaptured(['replay', '--entry', join(DIR, 'genuine-entry.json')]);
    expect(replay.code, replay.err).toBe(0);
    expect(statSync(join(DIR, 'db-broken')).isDirectory()).toBe(true);
  });
});

describe('every case exits 2 with one clear line (in process)', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectRejected(c, await runCaptured(c.argv));
  });
});

/** Runs `node bin/slth.js argv` and collects its streams. */
function runProcess(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env['SLTH_DEBUG'];
    const child = spawn(process.execPath, ['bin/slth.js', ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Cases run through a real process: one per kind of former crash, hang or partial file. */
const PROCESS_CASES = [
  'width: eps NaN',
  'construct: unwritable --out under /proc',
  'construct: --out under a regular file',
  'check: gadget plus unit string',
  'check: truncated',
  'check: NaN literal (not JSON)',
  'lemma covering: eps0 above 2',
  'error: certificate gadget out of range',
  'replay: params pool garbage',
  'merge: outcome null',
  'claim-test: pool beyond the addressable G (2 workers)',
];

describe('no stack trace reaches the terminal (child process)', () => {
  test('the selected cases exist', () => {
    expect(PROCESS_CASES.filter((n) => !CASES.some((c) => c.name === n))).toEqual([]);
  });

  test('each exits 2 with one line on stderr and nothing on stdout', { timeout: 60_000 }, async () => {
    const cases = PROCESS_CASES.map((n) => CASES.find((c) => c.name === n) as Case);
    const runs = await Promise.all(cases.map((c) => runProcess(c.argv)));
    cases.forEach((c, i) => expectRejected(c, runs[i] as { code: number; out: string; err: string }));
  });
});
