/**
 * File output for the CLI: atomic writes (a temporary file renamed into place, so a failure never
 * leaves a half-written file). Reading is network/json.ts readJsonFile, slth's one JSON reader.
 */
import { existsSync, mkdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../errors.js';

/** Plain words for the file-system error codes an unwritable output path produces. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a parent of it is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'file name too long',
};

/**
 * Creates `dir` and its missing parents one level at a time, recording each folder it creates.
 * (Node's `mkdirSync(dir, { recursive: true })` never returns on some paths, e.g. under /proc.)
 */
function makeDirs(dir: string, created: string[]): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent, created);
  mkdirSync(dir);
  created.push(dir);
}

/**
 * Writes `text` (or bytes) to `path` atomically: a temporary file in the same folder, then a rename.
 * An unwritable path is an {@link InputError} and leaves nothing behind (no file, no temporary
 * file, no folder it created).
 *
 * @example
 * ```ts
 * writeFileAtomic('out/cert.json', JSON.stringify(cert));
 * ```
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const created: string[] = [];
  try {
    makeDirs(dir, created);
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    for (const d of created.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty or already gone: leave it
      }
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === undefined ? (e as Error).message : `${WRITE_ERRORS[code] ?? 'cannot create the file'} (${code})`;
    throw new InputError(`cannot write ${path}: ${why}`);
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
