/**
 * Reading an input file whole, with the words every reader of slth uses when it cannot: `-` is
 * standard input; a missing file, a folder, an unreadable or oversized file is an InputError
 * naming the path.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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
    const stats = path === '-' ? undefined : statSync(path);
    if (stats !== undefined && stats.size > maxBytes)
      throw new InputError(`${path} is too large (${stats.size} bytes, at most ${maxBytes})`);
    // a regular file has the size stat gave; anything else (standard input, a pipe, a device such
    // as /dev/zero) is read in pieces and refused as soon as it passes maxBytes
    bytes = stats?.isFile() === true ? readFileSync(path) : readBounded(path, name, maxBytes);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw readError(name, e);
  }
  if (bytes.byteLength > maxBytes)
    throw new InputError(`${name} is too large (${bytes.byteLength} bytes, at most ${maxBytes})`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An InputError naming the input and, in plain words where there are some, why it cannot be read. */
function readError(name: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputError(`cannot read ${name}: ${(code && READ_ERRORS[code]) ?? String(code ?? e)}`);
}

/**
 * The pieces of an open file, read to its end into one reused buffer of `bytes` (each piece is
 * valid until the next; EAGAIN, from a non-blocking standard input, is retried).
 */
function* pieces(fd: number, bytes: number, name: string): Generator<Buffer> {
  const buffer = Buffer.alloc(bytes);
  for (;;) {
    let got: number;
    try {
      got = readSync(fd, buffer, 0, bytes, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw readError(name, e);
    }
    if (got === 0) return;
    yield buffer.subarray(0, got);
  }
}

/** Reads a stream (`-`: standard input) to its end, refusing it once it passes maxBytes. */
function readBounded(path: string, name: string, maxBytes: number): Buffer {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  try {
    const kept: Buffer[] = [];
    let total = 0;
    for (const piece of pieces(fd, Math.min(maxBytes + 1, 1 << 20), name)) {
      total += piece.length;
      if (total > maxBytes) throw new InputError(`${name} is too large (more than ${maxBytes} bytes)`);
      kept.push(Buffer.from(piece));
    }
    return Buffer.concat(kept, total);
  } finally {
    if (path !== '-') closeSync(fd);
  }
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

/**
 * The text of a file (`-`: standard input) as UTF-8 chunks of about `chunkBytes`, read one at a
 * time (a streaming reader keeps only the chunk and its own state in memory).
 *
 * @example
 * ```ts
 * for (const chunk of readInputChunks('cert.jsonl')) consume(chunk);
 * ```
 */
export function* readInputChunks(path: string, chunkBytes = 4 * 1024 * 1024): Generator<string> {
  const name = path === '-' ? 'standard input' : path;
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
    if (path !== '-' && fstatSync(fd).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  } catch (e) {
    throw readError(name, e);
  }
  const decoder = new StringDecoder('utf8');
  try {
    for (const piece of pieces(fd, chunkBytes, name)) yield decoder.write(piece);
    const rest = decoder.end();
    if (rest !== '') yield rest;
  } finally {
    if (path !== '-') closeSync(fd);
  }
}

/**
 * The first `bytes` bytes of a file as text (for recognising its format), or '' when unreadable.
 *
 * @example
 * ```ts
 * peekInput('cert.jsonl').startsWith('{"format":"slth-certificate/2"'); // true for a subset certificate
 * ```
 */
export function peekInput(path: string, bytes = 256): string {
  if (path === '-') return '';
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const got = readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, got).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}
