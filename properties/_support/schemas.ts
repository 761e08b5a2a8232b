/**
 * The JSON Schemas of schemas/ loaded into one ajv (draft 2020-12) instance, and the validation of
 * a command's `--json` output: its command's schema (schemas/cli/<command>.schema.json) for a
 * document, the error schema (common.schema.json#/$defs/error) for exit codes 2 and 3.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { COMMANDS } from '../../src/cli/commands/index.js';

/** The schemas folder (absolute: some tests change the working directory). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The base of every schema's $id. */
export const SCHEMA_BASE = 'https://slth.invalid/schemas/';

/** Every schema file under schemas/, as paths relative to it (e.g. 'cli/net-eval.schema.json'). */
export function schemaFiles(dir = SCHEMA_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.schema.json')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** A parsed schema document. */
export type SchemaDoc = Record<string, unknown>;

/** Every schema file parsed, by relative path. */
export function loadSchemas(dir = SCHEMA_DIR): Map<string, SchemaDoc> {
  return new Map(schemaFiles(dir).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as SchemaDoc]));
}

let ajvInstance: Ajv2020 | undefined;

/** The shared ajv instance with every schema of schemas/ added (strict mode, all errors). */
export function ajv(): Ajv2020 {
  if (!ajvInstance) {
    ajvInstance = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    for (const doc of loadSchemas().values()) ajvInstance.addSchema(doc);
  }
  return ajvInstance;
}

const compiled = new Map<string, ValidateFunction>();

/** The compiled validator of a schema, by path under schemas/ and an optional fragment ('#/$defs/x'). */
export function validator(file: string, fragment = ''): ValidateFunction {
  const id = `${SCHEMA_BASE}${file}${fragment}`;
  let v = compiled.get(id);
  if (!v) {
    v = ajv().getSchema(id);
    if (!v) throw new Error(`no schema ${id}`);
    compiled.set(id, v);
  }
  return v;
}

/** ajv's errors as readable lines. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 20)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

/** The command an argv runs (longest path match), or undefined. */
export function commandOf(argv: readonly string[]): (typeof COMMANDS)[number] | undefined {
  let best: (typeof COMMANDS)[number] | undefined;
  for (const c of COMMANDS)
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  return best;
}

/** The schema file of a command's `--json` output: schemas/cli/<path joined by '-'>.schema.json. */
export function cliSchemaFile(path: readonly string[]): string {
  return `cli/${path.join('-')}.schema.json`;
}

/**
 * Validates the stdout of one run with `--json`: exit 2 or 3 must print one error document, any
 * other exit code the command's document. Returns the problems (empty when valid). Runs that print
 * help, the version or nothing under `--json` by design (a JUnit report on stdout) are skipped.
 *
 * @example
 * ```ts
 * expect(jsonContractProblems(['net', 'eval', f, '--x', '1', '--json'], 0, out)).toEqual([]);
 * ```
 */
export function jsonContractProblems(argv: readonly string[], code: number, out: string): string[] {
  if (!argv.includes('--json')) return [];
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V') || argv[0] === 'help')
    return [];
  if (argv.includes('--junit') && argv[argv.indexOf('--junit') + 1] === '-' && code !== 2) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(out);
  } catch (e) {
    return [`stdout is not one JSON document (${(e as Error).message}): ${out.slice(0, 200)}`];
  }
  const cmd = commandOf(argv);
  const [file, fragment] =
    code === 2 || code === 3 || !cmd ? ['common.schema.json', '#/$defs/error'] : [cliSchemaFile(cmd.path), ''];
  const v = validator(file, fragment);
  return v(doc) ? [] : [`${file}${fragment}:\n${formatErrors(v.errors)}`];
}
