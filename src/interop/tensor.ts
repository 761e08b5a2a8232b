/**
 * A tensor as a container file stores it, and its exact decoding into a weight matrix.
 *
 * Readers (safetensors, .npy, .npz) only locate a tensor's bytes and describe them; nothing is
 * decoded until a tensor is chosen as a layer, so a tensor of an unsupported type that is not
 * used (an int64 counter in a state dict, say) is never an error.
 *
 * Decoding is exact: a float64 element is the dyadic rational its bits denote
 * ({@link Rational.fromFloat}); a float32 element is first widened to float64, which is exact
 * (every float32, subnormals included, is a float64), then decoded the same way. NaN and
 * ±Infinity are errors that name the element.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Matrix } from '../network/network.js';
import { MAX_WEIGHTS, MAX_WIDTH } from '../network/json.js';

/** The element types slth decodes. */
export type FloatKind = 'float32' | 'float64';

/** Bytes per element of each decoded kind. */
export const ITEM_BYTES: Readonly<Record<FloatKind, number>> = { float32: 4, float64: 8 };

/** A tensor located in a file, not yet decoded. */
export interface RawTensor {
  /** Its name in the file (safetensors key, .npz member without `.npy`, or the .npy path). */
  readonly name: string;
  /** The file's own spelling of the element type: `F64`, `BF16` (safetensors), `<f8`, `>f4` (NumPy). */
  readonly dtype: string;
  /** A gloss of the type for messages, e.g. `(floating point, 2 bytes)`; empty when the name says it. */
  readonly about: string;
  /** The decoded kind, or null when slth does not read this element type. */
  readonly kind: FloatKind | null;
  /** The dimensions, each a safe integer >= 0. */
  readonly shape: readonly number[];
  /** The element bytes (exactly product(shape) elements when `kind` is not null). */
  readonly data: Uint8Array;
  /** Byte order of the elements (safetensors is always little-endian). */
  readonly littleEndian: boolean;
  /** Elements stored column-major (NumPy `fortran_order: True`) instead of row-major. */
  readonly fortranOrder: boolean;
}

/**
 * Text from a file made safe for a one-line message: control characters escaped (`\n`,
 * `\u0000`) and anything past 80 characters cut to `...`.
 *
 * @example
 * ```ts
 * printable('a\nb'); // 'a\\nb'
 * ```
 */
export function printable(text: string): string {
  const cut = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) =>
    ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A name from a file, quoted for a message: `'name'`, made {@link printable}.
 *
 * @example
 * ```ts
 * quote('0.weight'); // "'0.weight'"
 * ```
 */
export function quote(name: string): string {
  return `'${printable(name)}'`;
}

/**
 * The number of elements of a shape, exactly (the product of its dimensions; 1 for a scalar).
 *
 * @example
 * ```ts
 * elementCount([3, 4]); // 12n
 * ```
 */
export function elementCount(shape: readonly number[]): bigint {
  let n = 1n;
  for (const d of shape) n *= BigInt(d);
  return n;
}

/**
 * A shape as text, e.g. `[3, 4]`.
 *
 * @example
 * ```ts
 * shapeText([3, 4]); // '[3, 4]'
 * ```
 */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Why a tensor cannot be a layer (wrong rank, empty or too wide, unsupported type), or null.
 * Checks the description only; {@link decodeMatrix} then checks every element.
 *
 * @example
 * ```ts
 * layerShapeError({ name: 'b', dtype: 'F64', kind: 'float64', shape: [4], ... }); // "tensor 'b' is 1-D ..."
 * ```
 */
export function layerShapeError(t: RawTensor): string | null {
  const q = `tensor ${quote(t.name)}`;
  if (t.shape.length === 1) {
    return `${q} is 1-D (shape ${shapeText(t.shape)}): a bias or a vector, but slth networks are bias-free and every layer is a 2-D weight matrix (out, in)`;
  }
  if (t.shape.length !== 2) {
    return `${q} has ${t.shape.length} dimensions (shape ${shapeText(t.shape)}); a layer must be a 2-D weight matrix (out, in)`;
  }
  const [rows, cols] = t.shape as [number, number];
  if (rows === 0 || cols === 0) return `${q} is empty (shape ${shapeText(t.shape)})`;
  if (rows > MAX_WIDTH || cols > MAX_WIDTH)
    return `${q} has shape ${shapeText(t.shape)}; widths are at most ${MAX_WIDTH}`;
  if (rows * cols > MAX_WEIGHTS) return `${q} has ${rows * cols} weights (at most ${MAX_WEIGHTS} in a network)`;
  if (t.kind === null) {
    return `${q} has dtype ${t.dtype}${t.about === '' ? '' : ` ${t.about}`}; slth reads float32 and float64 only (convert first: tensor.double() in PyTorch, a.astype(np.float64) in NumPy)`;
  }
  return null;
}

/**
 * Element `i` (in storage order) of a float tensor's bytes, as the exact float64 it denotes.
 * A float32 is widened exactly (`DataView.getFloat32` returns the same real number).
 *
 * @example
 * ```ts
 * readElement(new DataView(bytes.buffer), 0, 'float32', true); // 0.10000000149011612
 * ```
 */
export function readElement(view: DataView, i: number, kind: FloatKind, littleEndian: boolean): number {
  return kind === 'float64' ? view.getFloat64(8 * i, littleEndian) : view.getFloat32(4 * i, littleEndian);
}

/**
 * Decodes a 2-D float tensor exactly into a row-major matrix of rationals: `m[r][c]` is element
 * (r, c), whatever the storage order. Throws an {@link InputError} for a tensor that
 * {@link layerShapeError} refuses, for a byte length that does not match the shape, and for NaN
 * or ±Infinity (naming row and column, from 0).
 *
 * @example
 * ```ts
 * decodeMatrix(raw)[0][1].toString(); // the exact value of element (0, 1)
 * ```
 */
export function decodeMatrix(t: RawTensor): Matrix {
  const why = layerShapeError(t);
  if (why !== null) throw new InputError(why);
  const kind = t.kind as FloatKind;
  const [rows, cols] = t.shape as [number, number];
  const size = ITEM_BYTES[kind];
  if (t.data.byteLength !== rows * cols * size) {
    throw new InputError(
      `tensor ${quote(t.name)} has ${t.data.byteLength} bytes of data, but shape ${shapeText(t.shape)} of ${t.dtype} needs ${rows * cols * size}`,
    );
  }
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const m: Rational[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Rational[] = [];
    for (let c = 0; c < cols; c++) {
      const x = readElement(view, t.fortranOrder ? c * rows + r : r * cols + c, kind, t.littleEndian);
      if (!Number.isFinite(x)) {
        throw new InputError(
          `tensor ${quote(t.name)} row ${r} column ${c} is ${String(x)}; weights must be finite (no NaN or Infinity)`,
        );
      }
      row.push(Rational.fromFloat(x));
    }
    m.push(row);
  }
  return m;
}
