/**
 * The NumPy `.npy` format (what `numpy.save` writes), read with strict validation.
 *
 * Layout: the magic bytes `\x93NUMPY`, a major and a minor version byte, the header length (2
 * bytes little-endian in version 1, 4 bytes in versions 2 and 3), then the header: a Python
 * dict literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` padded with
 * spaces and ended by a newline (Latin-1 text in versions 1 and 2, UTF-8 in version 3), then the
 * elements. `descr` gives byte order (`<` little, `>` big endian), kind and size: slth decodes
 * `<f8`, `>f8` (float64), `<f4` and `>f4` (float32); any other type is described and refused
 * when the array is used. With `fortran_order: True` the elements are stored column-major.
 * The file must hold exactly the declared number of elements. Pickled object arrays are refused
 * without being unpickled.
 */
import { InputError } from '../errors.js';
import { elementCount, printable, quote, shapeText, ITEM_BYTES, type FloatKind, type RawTensor } from './tensor.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** True when `bytes` start with the `.npy` magic. @example `isNpy(readFileSync('w.npy')) // true` */
export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** A parser for the small Python literal subset `.npy` headers use. */
class Literal {
  private at = 0;
  constructor(
    private readonly text: string,
    private readonly where: string,
  ) {}

  private fail(what: string): never {
    throw new InputError(`${this.where}: malformed .npy header (${what} at character ${this.at})`);
  }

  private skip(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }

  private eat(ch: string): boolean {
    this.skip();
    if (this.text[this.at] === ch) {
      this.at++;
      return true;
    }
    return false;
  }

  /** Parses the whole header: one value and nothing after it but white space. */
  parseAll(): PyValue {
    const v = this.value(0);
    this.skip();
    if (this.at !== this.text.length) this.fail('unexpected text after the dict');
    return v;
  }

  private sequence(close: string, depth: number): PyValue[] {
    const items: PyValue[] = [];
    while (!this.eat(close)) {
      items.push(this.value(depth + 1));
      if (!this.eat(',')) {
        if (!this.eat(close)) this.fail(`expected ',' or '${close}'`);
        break;
      }
    }
    return items;
  }

  private value(depth: number): PyValue {
    if (depth > 8) this.fail('nesting too deep');
    this.skip();
    const ch = this.text[this.at];
    if (ch === '{') {
      this.at++;
      const obj: { [key: string]: PyValue } = {};
      while (!this.eat('}')) {
        const key = this.value(depth + 1);
        if (typeof key !== 'string') this.fail('a dict key must be a string');
        if (!this.eat(':')) this.fail("expected ':'");
        if (Object.prototype.hasOwnProperty.call(obj, key)) this.fail(`key ${quote(key)} given twice`);
        obj[key] = this.value(depth + 1);
        if (!this.eat(',')) {
          if (!this.eat('}')) this.fail("expected ',' or '}'");
          break;
        }
      }
      return obj;
    }
    if (ch === '(' || ch === '[') {
      this.at++;
      return this.sequence(ch === '(' ? ')' : ']', depth);
    }
    if (ch === "'" || ch === '"') {
      const end = this.text.indexOf(ch, this.at + 1);
      if (end < 0) this.fail('unterminated string');
      const s = this.text.slice(this.at + 1, end);
      if (s.includes('\\')) this.fail('escapes in strings are not supported');
      this.at = end + 1;
      return s;
    }
    const word = /^(?:[A-Za-z_]\w*|[+-]?\d+L?)/.exec(this.text.slice(this.at, this.at + 40));
    if (!word) this.fail('unexpected character');
    this.at += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    if (/^[+-]?\d+L?$/.test(word[0])) {
      const n = Number(word[0].replace('L', ''));
      if (!Number.isSafeInteger(n)) this.fail(`integer ${word[0]} is too large`);
      return n;
    }
    return this.fail(`unknown name '${word[0]}'`);
  }
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  b: 'boolean',
  i: 'signed integer',
  u: 'unsigned integer',
  f: 'floating point',
  c: 'complex',
  m: 'timedelta',
  M: 'datetime',
  O: 'pickled Python objects',
  S: 'bytes',
  a: 'bytes',
  U: 'unicode',
  V: 'raw data',
};

/** The decoded kind and byte order of a `descr`, or null kind with a readable type name. */
function readDescr(descr: string): { kind: FloatKind | null; littleEndian: boolean; about: string } {
  const m = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (!m) return { kind: null, littleEndian: true, about: '(not a NumPy type code)' };
  const [, order, k, size] = m as unknown as [string, string, string, string];
  const about = `(${KIND_NAMES[k] ?? 'unknown kind'}${size === '' ? '' : `, ${size} bytes`})`;
  const littleEndian = order !== '>';
  if (k === 'f' && size === '8' && order !== '|') return { kind: 'float64', littleEndian, about };
  if (k === 'f' && size === '4' && order !== '|') return { kind: 'float32', littleEndian, about };
  return { kind: null, littleEndian, about };
}

/**
 * Reads one `.npy` array from its bytes as a tensor called `name`. `where` (the path, or the
 * archive and member) starts every error message.
 *
 * @example
 * ```ts
 * const t = readNpy(readFileSync('w1.npy'), 'w1', 'w1.npy');
 * t.shape; // [4, 3]
 * ```
 */
export function readNpy(bytes: Uint8Array, name: string, where: string): RawTensor {
  if (!isNpy(bytes)) throw new InputError(`${where}: not a .npy file (it does not start with \\x93NUMPY)`);
  if (bytes.byteLength < 10) throw new InputError(`${where}: truncated .npy file (${bytes.byteLength} bytes)`);
  const major = bytes[6] as number;
  if (major < 1 || major > 3) throw new InputError(`${where}: unsupported .npy version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.byteLength < 8 + lengthBytes)
    throw new InputError(`${where}: truncated .npy file (${bytes.byteLength} bytes)`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.byteLength) {
    throw new InputError(
      `${where}: .npy header length ${headerLength} goes beyond the end of the file (${bytes.byteLength} bytes)`,
    );
  }
  const headerBytes = bytes.subarray(8 + lengthBytes, dataStart);
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(headerBytes);
  } catch {
    throw new InputError(`${where}: .npy header is not valid UTF-8`);
  }
  const header = new Literal(text, where).parseAll();
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new InputError(`${where}: malformed .npy header (not a dict)`);
  const keys = Object.keys(header).sort().join(',');
  if (keys !== 'descr,fortran_order,shape')
    throw new InputError(`${where}: malformed .npy header (keys ${keys}; expected descr, fortran_order, shape)`);
  const { descr, fortran_order: fortran, shape } = header as { [key: string]: PyValue };
  if (typeof descr !== 'string') {
    throw new InputError(
      `${where}: array ${quote(name)} has a structured dtype; slth reads float32 and float64 arrays only`,
    );
  }
  if (typeof fortran !== 'boolean') throw new InputError(`${where}: malformed .npy header (fortran_order not a bool)`);
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && d >= 0))
    throw new InputError(`${where}: malformed .npy header (shape is not a tuple of non-negative integers)`);
  const dims = shape as number[];
  const { kind, littleEndian, about } = readDescr(descr.slice(0, 40));
  const data = bytes.subarray(dataStart);
  if (kind !== null) {
    const need = elementCount(dims) * BigInt(ITEM_BYTES[kind]);
    if (need !== BigInt(data.byteLength)) {
      throw new InputError(
        `${where}: shape ${shapeText(dims)} of ${descr} needs ${need} bytes of data but the file holds ${data.byteLength}${need > BigInt(data.byteLength) ? ' (truncated, or a huge declared shape)' : ''}`,
      );
    }
  }
  return {
    name,
    dtype: printable(descr.slice(0, 40)),
    about,
    kind,
    shape: dims,
    data,
    littleEndian,
    fortranOrder: fortran,
  };
}
