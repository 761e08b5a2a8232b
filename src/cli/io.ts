/**
 * File input and output for the CLI: JSON reading with clear errors, and atomic writes (a
 * temporary file renamed into place, so a failure never leaves a half-written file).
 */
import { readFileSync, renameSync, writeFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../errors.js';

/** Largest input file slth reads (bytes). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads and parses a JSON file; a missing file or broken JSON is an {@link InputError}.
 *
 * @example
 * ```ts
 * const doc = readJsonFile('fixtures/targets/d1-single.json');
 * ```
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? e)}`);
  }
  if (text.length > MAX_INPUT_BYTES) throw new InputError(`${path} is too large`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder, then a rename.
 * An unwritable path is an {@link InputError} and leaves nothing behind.
 *
 * @example
 * ```ts
 * writeFileAtomic('out/cert.json', JSON.stringify(cert));
 * ```
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new InputError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * JSON text with a trailing newline, two-space indented (stable key order as constructed).
 *
 * @example
 * ```ts
 * toJsonText({ a: 1 }); // '{\n  "a": 1\n}\n'
 * ```
 */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
