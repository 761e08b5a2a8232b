/**
 * Reading an input file whole, with the words every reader of slth uses when it cannot: `-` is
 * standard input; a missing file, a folder, an unreadable or oversized file is an InputError
 * naming the path.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Plain words for the file-system error codes of an unreadable input. */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

/**
 * The bytes of a file (`-`: standard input), at most `maxBytes` of them.
 *
 * @example
 * ```ts
 * readInputBytes('model.safetensors', 1 << 28); // Uint8Array
 * ```
 */
export function readInputBytes(path: string, maxBytes: number): Uint8Array {
  const name = path === '-' ? 'standard input' : path;
  let bytes: Buffer;
  try {
    if (path !== '-') {
      const size = statSync(path).size;
      if (size > maxBytes) throw new InputError(`${path} is too large (${size} bytes, at most ${maxBytes})`);
    }
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${name}: ${(code && READ_ERRORS[code]) ?? String(code ?? e)}`);
  }
  if (bytes.byteLength > maxBytes)
    throw new InputError(`${name} is too large (${bytes.byteLength} bytes, at most ${maxBytes})`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The text of a file (`-`: standard input) decoded as UTF-8, at most `maxBytes` bytes.
 *
 * @example
 * ```ts
 * readInputText('fixtures/targets/d1-single.json', 1 << 20); // '{\n  "format": ...'
 * ```
 */
export function readInputText(path: string, maxBytes: number): string {
  return Buffer.from(readInputBytes(path, maxBytes)).toString('utf8');
}
