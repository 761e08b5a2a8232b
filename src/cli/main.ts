/**
 * The `slth` command line: dispatch, help, version and the exit-code policy (0 success, 1 refuted
 * or rejected, 2 bad usage or bad input, 3 internal error; never a stack trace for input errors).
 * With --json an error is also one JSON object on stdout:
 * `{"error": {"code": "input" | "internal", "message": ..., "command": ..., "flags": [...]}}`.
 */
import { InputError } from '../errors.js';
import { EXIT_CODES, allFlags, didYouMean, helpText, parseArgs, type Command, type Io } from './command.js';
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
  lines.push(
    '',
    "Global: --help, --version; 'slth help <command>'. Every command accepts --json and --quiet.",
    "Files: '-' reads standard input or writes standard output where a command reads or writes one file.",
    EXIT_CODES,
  );
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
  for (const flag of errorFlags(e, cmd)) {
    const param = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    message = message.replace(new RegExp(`\\b${param}\\b`, 'g'), `--${flag}`);
  }
  return message;
}

/** The flags of `cmd` that set the parameters an input error names. */
function errorFlags(e: InputError, cmd: Command): string[] {
  return e.params
    .map((param) => param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))
    .filter((flag) => cmd.flags.some((f) => f.name === flag));
}

/**
 * The flags of `cmd` an error message names (`--eps must be > 0` names --eps), in order of first
 * mention: the field of the error in its JSON form.
 *
 * @example
 * ```ts
 * messageFlags('--eps must be > 0, got 0', widthCommand); // ['eps']
 * ```
 */
export function messageFlags(message: string, cmd: Command): string[] {
  const names = new Set(allFlags(cmd).map((f) => f.name));
  const out: string[] = [];
  for (const m of message.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)) {
    const name = m[1] as string;
    if (names.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The JSON form of an error, printed on stdout under --json (the one-line message still goes to stderr). */
function errorJson(
  code: 'input' | 'internal',
  message: string,
  cmd: Command | undefined,
  flags: string[] = [],
): string {
  const command = cmd ? cmd.path.join(' ') : null;
  return `${JSON.stringify({ error: { code, message, command, flags: flags.map((f) => `--${f}`) } })}\n`;
}

/**
 * Default Io on the process streams: progress as a bar on a terminal, as occasional lines
 * otherwise. A closed stdout (`slth replay | head -1`) ends the process quietly.
 */
export function processIo(): Io {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const tty = Boolean(process.stderr.isTTY);
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    interactive: tty,
    progress: tty ? 'bar' : 'lines',
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
  const io = ioOverride ?? processIo();
  const usageError = (message: string): number => {
    io.err(message);
    if (json) io.out(errorJson('input', message, undefined));
    return 2;
  };
  if (argv.length === 0) {
    io.err(topHelp());
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'help' && argv.length === 1)) {
    io.out(topHelp());
    return 0;
  }
  if (argv[0] === 'help') {
    const target = findCommand(argv.slice(1));
    if (target && target.rest.length === 0) {
      io.out(helpText(target.cmd));
      return 0;
    }
    const group = COMMANDS.filter((c) => c.path[0] === argv[1]);
    if (group.length > 0 && argv.length === 2) {
      io.out(groupHelp(argv[1] as string, group));
      return 0;
    }
    return usageError(
      `slth help: no command '${argv.slice(1).join(' ')}'${suggestion(argv.slice(1))} (see 'slth --help')`,
    );
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
        (argv.length === 1 ? io.err : io.out)(groupHelp(argv[0] as string, group));
        return argv.length === 1 ? 2 : 0;
      }
      return usageError(
        `slth: unknown command 'slth ${argv.slice(0, 2).join(' ')}'${suggestion(argv.slice(0, 2))} (see 'slth ${argv[0]} --help')`,
      );
    }
    return usageError(`slth: unknown command '${argv[0]}'${suggestion(argv.slice(0, 2))} (see 'slth --help')`);
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
      const message = flagWords(e, cmd);
      io.err(`slth ${cmd.path.join(' ')}: ${message}`);
      if (json)
        io.out(errorJson('input', message, cmd, [...new Set([...errorFlags(e, cmd), ...messageFlags(message, cmd)])]));
      return 2;
    }
    if (e instanceof RangeError && /Maximum BigInt size|Invalid array length|Array buffer allocation/.test(e.message)) {
      const message = `input too large (${e.message})`;
      io.err(`slth ${cmd.path.join(' ')}: ${message}`);
      if (json) io.out(errorJson('input', message, cmd));
      return 2;
    }
    const message = `internal error: ${(e as Error).message ?? String(e)}`;
    io.err(`slth ${cmd.path.join(' ')}: ${message}`);
    if (json) io.out(errorJson('internal', message, cmd));
    if (process.env['SLTH_DEBUG']) io.err(String((e as Error).stack));
    return 3;
  }
}

function groupHelp(word: string, group: readonly Command[]): string {
  return [`Commands under 'slth ${word}':`, ...group.map((c) => `  ${c.path.join(' ').padEnd(22)} ${c.summary}`)].join(
    '\n',
  );
}

/** " (did you mean 'slth construct'?)" for a mistyped command, or ''. */
function suggestion(words: readonly string[]): string {
  const names = COMMANDS.map((c) => c.path.join(' '));
  const typed = words.slice(0, 2).join(' ');
  const near =
    didYouMean(typed, names) ?? didYouMean(words[0] ?? '', [...new Set(COMMANDS.map((c) => c.path[0] as string))]);
  return near ? ` (did you mean 'slth ${near}'?)` : '';
}
