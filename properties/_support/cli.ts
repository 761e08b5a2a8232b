/**
 * Runs the CLI in-process with captured streams, for the CLI tests of every suite. A run with
 * `--json` is validated against its command's JSON Schema (schemas/cli/<command>.schema.json), or
 * against the error schema when it exits 2 or 3: an output that breaks its contract fails the test
 * that ran it, with ajv's errors.
 */
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { jsonContractProblems } from './schemas.js';

/** Result of one captured CLI run. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI with captured streams; with `--json`, throws when stdout breaks its JSON Schema.
 *
 * @example
 * ```ts
 * const { code, out } = await runCli(['net', 'validate', 'f.json']);
 * ```
 */
export async function runCli(argv: readonly string[]): Promise<Run> {
  const run = await runCliUnchecked(argv);
  const problems = jsonContractProblems(argv, run.code, run.out);
  if (problems.length > 0)
    throw new Error(
      `slth ${argv.join(' ')} (exit ${run.code}): --json output breaks its schema\n${problems.join('\n')}`,
    );
  return run;
}

/**
 * Runs the CLI with captured streams, without validating its output (for the contract tests'
 * negative controls).
 *
 * @example
 * ```ts
 * const { out } = await runCliUnchecked(['lemma', 'list', '--json']);
 * ```
 */
export async function runCliUnchecked(argv: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), interactive: false };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}
