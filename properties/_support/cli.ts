/**
 * Runs the CLI in-process with captured streams, for the CLI tests of every suite.
 */
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

/** Result of one captured CLI run. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI with captured streams.
 *
 * @example
 * ```ts
 * const { code, out } = await runCli(['net', 'validate', 'f.json']);
 * ```
 */
export async function runCli(argv: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), interactive: false };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}
