/**
 * Streaming input and output of `slth-certificate/2` (JSON Lines, see format2.ts).
 *
 * Writing is atomic: gadget lines go to a temporary body file next to the target as they are
 * produced; `finish(header)` writes the header line and the body into a second temporary file and
 * renames it into place (the header holds figures, such as the Lemma 4 bound, known only at the
 * end). A failure removes every temporary file and leaves no output behind. Reading is a line
 * stream over a file descriptor, so memory stays bounded by the longest line (the header, which
 * holds the target).
 */
import { closeSync, openSync, readSync, renameSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeDirs, writeError } from '../files/write.js';
import { readInputChunks } from '../files/read.js';
import { InputError } from '../errors.js';
import { gadgetLineText, parseGadgetLineV2, parseHeaderV2, type GadgetLineV2, type HeaderV2 } from './format2.js';

/** Bytes buffered before a write. */
const WRITE_CHUNK = 4 * 1024 * 1024;
/** Bytes per read. */
const READ_CHUNK = 4 * 1024 * 1024;
/** Longest line accepted by the reader (characters). @example `readLines(path) // throws InputError past MAX_LINE` */
export const MAX_LINE = 512 * 1024 * 1024;

/**
 * A streaming, atomic writer of one `slth-certificate/2` file.
 *
 * @example
 * ```ts
 * const w = new CertificateWriterV2('cert.jsonl');
 * w.gadget({ layer: 1, row: 0, col: 0, plus: [1], minus: [0], error: '0' });
 * w.finish(header); // cert.jsonl appears only now
 * ```
 */
export class CertificateWriterV2 {
  private readonly path: string;
  private readonly bodyPath: string;
  private readonly tmpPath: string;
  private readonly created: string[] = [];
  private fd: number | undefined;
  private parts: string[] = [];
  private pending = 0;
  private lines = 0;
  private closed = false;

  constructor(path: string) {
    this.path = path;
    const dir = dirname(path);
    this.bodyPath = join(dir, `.${basename(path)}.${process.pid}.body.tmp`);
    this.tmpPath = join(dir, `.${basename(path)}.${process.pid}.tmp`);
    try {
      makeDirs(dir, this.created);
      this.fd = openSync(this.bodyPath, 'w');
    } catch (e) {
      this.abort();
      throw writeError(path, e);
    }
  }

  /** Gadget lines written so far. */
  get count(): number {
    return this.lines;
  }

  /** Appends one gadget line. */
  gadget(g: GadgetLineV2): void {
    this.text(`${gadgetLineText(g)}\n`);
    this.lines += 1;
  }

  /** Appends pre-serialised gadget lines (each `gadgetLineText` + newline), `count` of them. */
  gadgetText(text: string, count: number): void {
    this.text(text);
    this.lines += count;
  }

  private text(t: string): void {
    if (this.closed) throw new Error('certificate writer already closed');
    this.parts.push(t);
    this.pending += t.length;
    if (this.pending >= WRITE_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const data = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    try {
      writeSync(this.fd as number, data);
    } catch (e) {
      this.abort();
      throw writeError(this.path, e);
    }
  }

  /** Writes the header, then the body, into place atomically; returns the file size in bytes. */
  finish(header: HeaderV2): number {
    if (header.gadgets !== this.lines)
      throw new Error(`certificate header announces ${header.gadgets} gadgets, ${this.lines} were written`);
    this.flush();
    let out: number | undefined;
    let size = 0;
    try {
      closeSync(this.fd as number);
      this.fd = undefined;
      out = openSync(this.tmpPath, 'w');
      size += writeSync(out, `${JSON.stringify(header)}\n`);
      const body = openSync(this.bodyPath, 'r');
      try {
        const buf = Buffer.allocUnsafe(READ_CHUNK);
        for (;;) {
          const n = readSync(body, buf, 0, buf.length, null);
          if (n === 0) break;
          let off = 0;
          while (off < n) off += writeSync(out, buf, off, n - off);
          size += n;
        }
      } finally {
        closeSync(body);
      }
      closeSync(out);
      out = undefined;
      renameSync(this.tmpPath, this.path);
      unlinkSync(this.bodyPath);
      this.closed = true;
      return size;
    } catch (e) {
      if (out !== undefined) closeSync(out);
      this.abort();
      throw writeError(this.path, e);
    }
  }

  /** Discards everything written (temporary files and folders created); the target is untouched. */
  abort(): void {
    this.closed = true;
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    for (const p of [this.bodyPath, this.tmpPath]) {
      try {
        unlinkSync(p);
      } catch {
        // not there
      }
    }
    for (const d of this.created.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty or gone
      }
    }
    this.created.length = 0;
  }
}

/**
 * The lines of a text file, streamed (LF or CRLF endings; a final line without newline counts).
 *
 * @example
 * ```ts
 * for (const { lineNo, text } of readLines('cert.jsonl')) console.log(lineNo, text.length);
 * ```
 */
export function* readLines(path: string): Generator<{ lineNo: number; text: string }> {
  let carry = '';
  let lineNo = 0;
  for (const chunk of readInputChunks(path, READ_CHUNK)) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      lineNo += 1;
      yield { lineNo, text: line.endsWith('\r') ? line.slice(0, -1) : line };
      start = nl + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_LINE) throw new InputError(`${path}: line ${lineNo + 1} is too long`);
  }
  if (carry.length > 0) yield { lineNo: lineNo + 1, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

/** A streamed `slth-certificate/2`: the header, then the gadget lines on demand. */
export interface CertificateStreamV2 {
  readonly header: HeaderV2;
  /** The gadget lines in file order, each structurally validated (one pass). */
  gadgets(): Generator<GadgetLineV2>;
}

function parseJsonLine(path: string, lineNo: number, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`${path}: line ${lineNo} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
}

/**
 * Opens a `slth-certificate/2` file: parses and validates the header now, streams the gadget
 * lines later (blank lines are skipped; a line count different from the header's is an error).
 *
 * @example
 * ```ts
 * const cert = readCertificateV2('cert.jsonl');
 * for (const g of cert.gadgets()) total += g.plus.length + g.minus.length;
 * ```
 */
export function readCertificateV2(path: string): CertificateStreamV2 {
  const it = readLines(path);
  const first = it.next();
  it.return(undefined);
  if (first.done) throw new InputError(`${path} is empty (expected a slth-certificate/2 header line)`);
  const header = parseHeaderV2(parseJsonLine(path, 1, first.value.text));
  return {
    header,
    *gadgets() {
      let count = 0;
      for (const { lineNo, text } of readLines(path)) {
        if (lineNo === 1 || text.trim() === '') continue;
        count += 1;
        if (count > header.gadgets)
          throw new InputError(`${path}: more gadget lines than the header's ${header.gadgets}`);
        yield parseGadgetLineV2(parseJsonLine(path, lineNo, text), lineNo);
      }
      if (count !== header.gadgets)
        throw new InputError(`${path}: ${count} gadget lines, the header announces ${header.gadgets}`);
    },
  };
}
