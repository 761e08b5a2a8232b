/**
 * The shape of a CLI command and the small argument parser they share.
 *
 * Every command declares its flags; the parser rejects unknown flags, missing values and
 * repeated flags with an {@link InputError} (exit code 2).
 */
import { InputError } from '../errors.js';

/** One declared flag. `boolean` flags take no value. */
export interface FlagSpec {
  readonly name: string;
  readonly kind: 'string' | 'boolean';
  readonly help: string;
  readonly required?: boolean;
  readonly placeholder?: string;
}

/** Parsed arguments: positional list and flag values. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/** Where a command writes. Tests capture these. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal. */
  readonly interactive: boolean;
  /** How long work shows progress on stderr: a bar (terminal), occasional lines, or none (default: none). */
  readonly progress?: 'bar' | 'lines' | 'none';
}

/** A CLI command: `path` is the words after `slth` (e.g. ['net', 'generate']). */
export interface Command {
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  readonly description?: string;
  readonly flags: readonly FlagSpec[];
  readonly positional?: { readonly min: number; readonly max: number; readonly names: string };
  run(args: ParsedArgs, io: Io): Promise<number> | number;
}

/** The --json flag shared by every command. */
export const JSON_FLAG: FlagSpec = {
  name: 'json',
  kind: 'boolean',
  help: 'machine-readable JSON on stdout (exact values as "p/q" strings; errors as JSON too)',
};

/** The --quiet flag shared by every command. */
export const QUIET_FLAG: FlagSpec = { name: 'quiet', kind: 'boolean', help: 'no progress output on stderr' };

/** Flags every command accepts, whether or not it lists them. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [JSON_FLAG, QUIET_FLAG];

/**
 * A command's flags plus the global ones it does not declare itself.
 *
 * @example
 * ```ts
 * allFlags(checkCommand).map((f) => f.name); // [..., 'json', 'quiet']
 * ```
 */
export function allFlags(cmd: Command): FlagSpec[] {
  return [...cmd.flags, ...GLOBAL_FLAGS.filter((g) => !cmd.flags.some((f) => f.name === g.name))];
}

/**
 * Levenshtein distance of two short strings (for "did you mean").
 *
 * @example
 * ```ts
 * editDistance('contruct', 'construct'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, sub);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The closest of `candidates` to a mistyped word (edit distance at most 2, or the only candidate
 * it is a prefix of), if any.
 *
 * @example
 * ```ts
 * didYouMean('contruct', ['construct', 'check']); // 'construct'
 * ```
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const prefix = candidates.filter((c) => word.length >= 3 && c.startsWith(word));
  if (prefix.length === 1) return prefix[0];
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/**
 * Parses `argv` (after the command words) against a command's flag list.
 *
 * @example
 * ```ts
 * parseArgs(['--seed', 's', 'file.json'], cmd); // { positional: ['file.json'], flags: Map { 'seed' => 's' } }
 * ```
 */
export function parseArgs(argv: readonly string[], cmd: Command): ParsedArgs {
  const specs = new Map(allFlags(cmd).map((f) => [f.name, f]));
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const spec = specs.get(name);
      if (!spec) {
        const near = didYouMean(name, [...specs.keys()]);
        throw new InputError(
          `unknown option --${name} for 'slth ${cmd.path.join(' ')}'${near ? ` (did you mean --${near}?)` : ''} (see --help)`,
        );
      }
      if (flags.has(name)) throw new InputError(`option --${name} given twice`);
      if (spec.kind === 'boolean') {
        if (eq > 0) throw new InputError(`option --${name} takes no value`);
        flags.set(name, true);
      } else {
        let value: string | undefined;
        if (eq > 0) value = a.slice(eq + 1);
        else {
          value = argv[i + 1];
          i += 1;
        }
        if (value === undefined || (value.startsWith('--') && value.length > 2)) {
          throw new InputError(`option --${name} needs a value`);
        }
        flags.set(name, value);
      }
    } else {
      positional.push(a);
    }
  }
  for (const f of cmd.flags) {
    if (f.required && !flags.has(f.name)) throw new InputError(`missing required option --${f.name}`);
  }
  if (positional.filter((a) => a === '-').length > 1)
    throw new InputError("at most one argument may be '-' (standard input)");
  const p = cmd.positional ?? { min: 0, max: 0, names: '' };
  if (positional.length < p.min)
    throw new InputError(`missing argument ${p.names} (see 'slth ${cmd.path.join(' ')} --help')`);
  if (positional.length > p.max) throw new InputError(`unexpected argument '${positional[p.max]}'`);
  return { positional, flags };
}

/**
 * A string flag's value, or undefined.
 *
 * @example
 * ```ts
 * stringFlag(args, 'seed'); // 's' or undefined
 * ```
 */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * A required string flag's value.
 *
 * @example
 * ```ts
 * requiredFlag(args, 'seed'); // throws InputError when absent
 * ```
 */
export function requiredFlag(args: ParsedArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined) throw new InputError(`missing required option --${name}`);
  return v;
}

/**
 * Whether a boolean flag was given.
 *
 * @example
 * ```ts
 * boolFlag(args, 'json'); // true or false
 * ```
 */
export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/**
 * Parses a non-negative safe integer flag value with a clear error.
 *
 * @example
 * ```ts
 * parseCount('12', '--pool', 1, 1e9); // 12
 * ```
 */
export function parseCount(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new InputError(`${what} must be an integer, got '${text}'`);
  const v = Number(text.trim());
  if (!Number.isSafeInteger(v) || v < min || v > max)
    throw new InputError(`${what} must be between ${min} and ${max}, got ${text}`);
  return v;
}

/** The exit-code policy every command follows. */
export const EXIT_CODES =
  'Exit codes: 0 success, 1 claim refuted or certificate rejected, 2 bad usage or bad input, 3 internal error (a bug in slth).';

/**
 * The help text of a command.
 *
 * @example
 * ```ts
 * helpText(cmd); // 'Usage: slth net generate ...'
 * ```
 */
export function helpText(cmd: Command): string {
  const lines = [`Usage: slth ${cmd.usage}`, '', cmd.summary];
  if (cmd.description) lines.push('', cmd.description);
  {
    lines.push('', 'Options:');
    for (const f of allFlags(cmd)) {
      const left = f.kind === 'boolean' ? `--${f.name}` : `--${f.name} ${f.placeholder ?? 'VALUE'}`;
      lines.push(`  ${left.padEnd(26)} ${f.help}${f.required ? ' (required)' : ''}`);
    }
  }
  lines.push('', EXIT_CODES);
  return lines.join('\n');
}
