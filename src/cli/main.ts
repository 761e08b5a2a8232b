/**
 * The `slth` command line: dispatch, help, version and the exit-code policy
 * (0 success, 1 refuted or rejected, 2 bad usage or bad input; never a stack trace for input errors).
 */
import { InputError } from '../errors.js';
import { helpText, parseArgs, type Command, type Io } from './command.js';
import { COMMANDS } from './commands/index.js';
import { version } from './version.js';

function topHelp(): string {
  const lines = [
    'slth: a proof checker and falsification suite for the Strong Lottery Ticket Hypothesis',
    '',
    'Usage: slth <command> [options]    (slth <command> --help for details)',
    '',
    'Commands:',
  ];
  for (const c of COMMANDS) lines.push(`  ${c.path.join(' ').padEnd(22)} ${c.summary}`);
  lines.push('', 'Global: --help, --version. Every command accepts --json.');
  return lines.join('\n');
}

function findCommand(argv: readonly string[]): { cmd: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const c of COMMANDS) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best ? { cmd: best, rest: argv.slice(best.path.length) } : undefined;
}

/**
 * An input error's message with the library parameters it names shown as the command's flags
 * (`widthScale` -> `--width-scale`), when the command has such a flag.
 *
 * @example
 * ```ts
 * flagWords(new InputError('widthScale must be > 0', { params: ['widthScale'] }), constructCommand); // '--width-scale must be > 0'
 * ```
 */
export function flagWords(e: InputError, cmd: Command): string {
  let message = e.message;
  for (const param of e.params) {
    const flag = param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (cmd.flags.some((f) => f.name === flag))
      message = message.replace(new RegExp(`\\b${param}\\b`, 'g'), `--${flag}`);
  }
  return message;
}

/** Default Io on the process streams. */
export function processIo(json: boolean): Io {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    interactive: !json && Boolean(process.stderr.isTTY),
  };
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * ```ts
 * await main(['--version']); // prints '0.1.0', returns 0
 * ```
 */
export async function main(argv: readonly string[], ioOverride?: Io): Promise<number> {
  const json = argv.includes('--json');
  const io = ioOverride ?? processIo(json);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(topHelp());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.out(version());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.path[0] === argv[0]);
    if (group.length > 0) {
      if (argv.length === 1 || argv[1] === '--help') {
        io.out(
          [
            `Commands under 'slth ${argv[0]}':`,
            ...group.map((c) => `  ${c.path.join(' ').padEnd(22)} ${c.summary}`),
          ].join('\n'),
        );
        return argv.length === 1 ? 2 : 0;
      }
      io.err(`slth: unknown command 'slth ${argv.slice(0, 2).join(' ')}' (see 'slth ${argv[0]} --help')`);
      return 2;
    }
    io.err(`slth: unknown command '${argv[0]}' (see 'slth --help')`);
    return 2;
  }
  const { cmd, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(helpText(cmd));
    return 0;
  }
  try {
    const args = parseArgs(rest, cmd);
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`slth ${cmd.path.join(' ')}: ${flagWords(e, cmd)}`);
      return 2;
    }
    if (e instanceof RangeError && /Maximum BigInt size|Invalid array length|Array buffer allocation/.test(e.message)) {
      io.err(`slth ${cmd.path.join(' ')}: input too large (${e.message})`);
      return 2;
    }
    io.err(`slth ${cmd.path.join(' ')}: internal error: ${(e as Error).message ?? String(e)}`);
    if (process.env['SLTH_DEBUG']) io.err(String((e as Error).stack));
    return 3;
  }
}
