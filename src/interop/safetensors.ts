/**
 * The safetensors container (the format of Hugging Face and of PyTorch state dicts saved with
 * `safetensors.torch.save_file`): reading with strict validation, and writing.
 *
 * Layout: an unsigned 64-bit little-endian integer N, then N bytes of UTF-8 JSON (the header),
 * then the data buffer. The header maps each tensor name to
 * `{"dtype": "F64", "shape": [rows, cols], "data_offsets": [begin, end]}` (offsets in bytes,
 * relative to the start of the data buffer, end exclusive) and may hold `"__metadata__"`, a map
 * from strings to strings. Elements are little-endian and row-major. The header may be padded
 * with trailing spaces.
 *
 * Validation follows the reference implementation: the header length must fit in the file and be
 * at most 100,000,000 bytes; the header must be a JSON object starting with `{`; sorted by
 * offset, the tensors must tile the data buffer exactly (first at 0, each starting where the
 * previous ends, the last ending at the end of the file); a tensor's byte length must be its
 * element count times its element size. Every violation is an {@link InputError} in one line.
 */
import { isCount, isJsonObject as isObject } from '../network/json-shape.js';
import { InputError } from '../errors.js';
import { describe } from '../numeric/rational.js';
import { elementCount, quote, shapeText, type FloatKind, type RawTensor } from './tensor.js';

/** Largest header the reader accepts, in bytes (the reference implementation's limit). */
export const MAX_HEADER_BYTES = 100_000_000;

/** Element sizes in bits of the dtypes safetensors defines (for validating byte lengths). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  F64: 64,
  I64: 64,
  U64: 64,
  C64: 64,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
};

const KINDS: Readonly<Record<string, FloatKind>> = { F32: 'float32', F64: 'float64' };

/** What {@link readSafetensors} returns. */
export interface SafetensorsFile {
  /** The tensors, in the order of the header. */
  readonly tensors: readonly RawTensor[];
  /** The `__metadata__` map, or null when absent. */
  readonly metadata: Readonly<Record<string, string>> | null;
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function parseEntry(name: string, value: unknown, where: string): Entry {
  const q = `${where}: tensor ${quote(name)}`;
  if (!isObject(value))
    throw new InputError(`${q}: expected {"dtype", "shape", "data_offsets"}, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (key !== 'dtype' && key !== 'shape' && key !== 'data_offsets')
      throw new InputError(`${q}: unknown key "${key}" (allowed: dtype, shape, data_offsets)`);
  }
  const dtype = value['dtype'];
  if (typeof dtype !== 'string') throw new InputError(`${q}: "dtype" must be a string, got ${describe(dtype)}`);
  if (!(dtype in DTYPE_BITS)) throw new InputError(`${q}: unknown dtype ${quote(dtype)}`);
  const shape = value['shape'];
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw new InputError(`${q}: "shape" must be an array of non-negative integers, got ${describe(shape)}`);
  const offsets = value['data_offsets'];
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
    throw new InputError(`${q}: "data_offsets" must be [begin, end] (byte offsets), got ${describe(offsets)}`);
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw new InputError(`${q}: data_offsets [${begin}, ${end}] end before they begin`);
  const bits = elementCount(shape) * BigInt(DTYPE_BITS[dtype] as number);
  const bytes = (bits + 7n) / 8n;
  if (bytes !== BigInt(end - begin)) {
    throw new InputError(
      `${q}: shape ${shapeText(shape)} of ${dtype} needs ${bytes} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { name, dtype, shape, begin, end };
}

/**
 * Reads a safetensors file from its bytes. `where` (the path) starts every error message.
 *
 * @example
 * ```ts
 * const { tensors, metadata } = readSafetensors(readFileSync('model.safetensors'), 'model.safetensors');
 * tensors.map((t) => t.name); // ['0.weight', '2.weight']
 * ```
 */
export function readSafetensors(bytes: Uint8Array, where: string): SafetensorsFile {
  if (bytes.byteLength < 8) {
    throw new InputError(
      `${where}: truncated: ${bytes.byteLength} bytes, but a safetensors file starts with an 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES))
    throw new InputError(`${where}: header length ${n} is too large (at most ${MAX_HEADER_BYTES} bytes)`);
  const headerLength = Number(n);
  if (8 + headerLength > bytes.byteLength) {
    throw new InputError(
      `${where}: header length ${headerLength} goes beyond the end of the file (${bytes.byteLength} bytes): truncated or not a safetensors file`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    throw new InputError(`${where}: header is not valid UTF-8`);
  }
  if (!text.startsWith('{')) throw new InputError(`${where}: header does not start with '{' (not a safetensors file)`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${where}: header is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
  if (!isObject(header)) throw new InputError(`${where}: header must be a JSON object, got ${describe(header)}`);

  let metadata: Record<string, string> | null = null;
  const entries: Entry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isObject(value)) throw new InputError(`${where}: "__metadata__" must be an object, got ${describe(value)}`);
      metadata = {};
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string')
          throw new InputError(`${where}: "__metadata__" value of ${quote(k)} must be a string, got ${describe(v)}`);
        metadata[k] = v;
      }
      continue;
    }
    entries.push(parseEntry(name, value, where));
  }

  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  let previous: Entry | undefined;
  for (const e of sorted) {
    const span = `tensor ${quote(e.name)} data_offsets [${e.begin}, ${e.end}]`;
    if (e.end > dataLength)
      throw new InputError(`${where}: ${span} go beyond the data (${dataLength} bytes after the header)`);
    if (e.begin < expected) {
      throw new InputError(
        `${where}: ${span} overlap tensor ${quote((previous as Entry).name)} [${(previous as Entry).begin}, ${(previous as Entry).end}]`,
      );
    }
    if (e.begin > expected) throw new InputError(`${where}: ${span} leave bytes ${expected} to ${e.begin} unused`);
    expected = e.end;
    previous = e;
  }
  if (expected !== dataLength) {
    throw new InputError(
      `${where}: ${dataLength - expected} bytes after the last tensor's data (the data buffer has ${dataLength} bytes)`,
    );
  }

  const tensors: RawTensor[] = entries.map((e) => ({
    name: e.name,
    dtype: e.dtype,
    about: '',
    kind: KINDS[e.dtype] ?? null,
    shape: e.shape,
    data: bytes.subarray(dataStart + e.begin, dataStart + e.end),
    littleEndian: true,
    fortranOrder: false,
  }));
  return { tensors, metadata };
}

/** One float64 tensor for {@link writeSafetensors}: its name, shape and row-major elements. */
export interface Float64Tensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

/**
 * Writes float64 tensors (dtype `F64`) and a metadata map as a safetensors file: the header lists
 * `__metadata__` first, then the tensors in the given order, whose data follow one another in
 * that order; the header is padded with spaces so that the data start at a multiple of 8 bytes.
 * The bytes depend only on the arguments.
 *
 * @example
 * ```ts
 * const bytes = writeSafetensors([{ name: '0.weight', shape: [1, 1], values: Float64Array.of(0.5) }], { format: 'pt' });
 * readSafetensors(bytes, 'x').tensors[0].shape; // [1, 1]
 * ```
 */
export function writeSafetensors(
  tensors: readonly Float64Tensor[],
  metadata: Readonly<Record<string, string>> | null,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata !== null) header['__metadata__'] = { ...metadata };
  let offset = 0;
  const names = new Set<string>();
  for (const t of tensors) {
    if (t.name === '__metadata__' || names.has(t.name)) throw new InputError(`tensor name ${quote(t.name)} used twice`);
    names.add(t.name);
    if (BigInt(t.values.length) !== elementCount(t.shape))
      throw new InputError(`tensor ${quote(t.name)}: ${t.values.length} values for shape ${shapeText(t.shape)}`);
    header[t.name] = { dtype: 'F64', shape: [...t.shape], data_offsets: [offset, offset + 8 * t.values.length] };
    offset += 8 * t.values.length;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  let headerBytes = encoder.encode(json);
  const pad = (8 - (headerBytes.byteLength % 8)) % 8;
  if (pad > 0) {
    json += ' '.repeat(pad);
    headerBytes = encoder.encode(json);
  }
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const t of tensors) {
    for (const v of t.values) {
      view.setFloat64(at, v, true);
      at += 8;
    }
  }
  return out;
}
