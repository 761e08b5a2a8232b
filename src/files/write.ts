/**
 * Writing files safely: atomic writes (a temporary file renamed into place, so a failure never
 * leaves a half-written file or a folder it created), the plain words for an unwritable path,
 * and checks that an output path can be written before long work starts.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Plain words for the file-system error codes an unwritable output path produces. */
export const WRITE_ERRORS: Readonly<Record<string, string>> = {
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
 *
 * @example
 * ```ts
 * const created: string[] = []; makeDirs('out/a/b', created); // created = ['out', 'out/a', 'out/a/b']
 * ```
 */
export function makeDirs(dir: string, created: string[]): void {
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

/** The nearest existing ancestor of a path (the path itself if it exists). */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  return p;
}

/** Refuses a folder slth could not create files in, by creating (and removing) a probe folder. */
function probeWritable(dir: string, what: string): void {
  try {
    rmdirSync(mkdtempSync(join(dir, '.slth-write-probe-')));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === undefined ? (e as Error).message : `${WRITE_ERRORS[code] ?? 'not writable'} (${code})`;
    throw new InputError(`cannot write ${what}: ${why}`);
  }
}

/**
 * Checks, before any long work starts, that a file can be written at `path` (`-`, standard
 * output, always can): it is not a folder, and its nearest existing parent is a folder slth can
 * create files in (missing folders below it are created when the file is written).
 *
 * @example
 * ```ts
 * checkOutputFile('reports/figure.svg', '--svg'); // throws InputError when it cannot be written
 * ```
 */
export function checkOutputFile(path: string, flag: string): void {
  if (path === '-') return;
  if (existsSync(path) && statSync(path).isDirectory()) throw new InputError(`${flag} ${path} is a folder, not a file`);
  const base = nearestExisting(dirname(path));
  if (!statSync(base).isDirectory())
    throw new InputError(`cannot write ${path} (${flag}): a parent of it is not a directory (${base})`);
  probeWritable(base, `${path} (${flag})`);
}

/**
 * Checks, before any long work starts, that `path` is or can become a folder slth writes into.
 *
 * @example
 * ```ts
 * checkOutputDir('reports/audit', '--out'); // throws InputError for a file or a read-only place
 * ```
 */
export function checkOutputDir(path: string, flag: string): void {
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new InputError(`${flag} ${path} is a file, not a folder`);
  const base = nearestExisting(path);
  if (!statSync(base).isDirectory())
    throw new InputError(`cannot write into ${path} (${flag}): a parent of it is not a directory (${base})`);
  probeWritable(base, `into ${path} (${flag})`);
}

/**
 * The InputError for a file that could not be written, in plain words with the system's code.
 *
 * @example
 * ```ts
 * writeError('out/cert.json', { code: 'EACCES' }); // InputError 'cannot write out/cert.json: permission denied (EACCES)'
 * ```
 */
export function writeError(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === undefined ? (e as Error).message : `${WRITE_ERRORS[code] ?? 'cannot create the file'} (${code})`;
  return new InputError(`cannot write ${path}: ${why}`);
}
