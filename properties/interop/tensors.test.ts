/**
 * Properties of the tensor codecs: export -> import is the identity on exact-double networks;
 * float32 and float64 elements decode to the exact rational their bits denote (checked against
 * an independent decoding of the bits); malformed bytes give an InputError, never a crash.
 * Negative controls: a writer that rounds through float32, and weights that are not doubles.
 */
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { selectLayers, tensorsToNetwork } from '../../src/interop/layers.js';
import { naturalCompare } from '../../src/interop/natural-order.js';
import { readNpy } from '../../src/interop/npy.js';
import { crc32, readNpz } from '../../src/interop/npz.js';
import { readSafetensors, writeSafetensors, type Float64Tensor } from '../../src/interop/safetensors.js';
import { exactDouble, networkToSafetensors, sequentialName, sequentialTensors } from '../../src/interop/sequential.js';
import { decodeMatrix, type RawTensor } from '../../src/interop/tensor.js';
import { networkToJson } from '../../src/network/json.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';

/** Uniform weights in [-1, 1] on a 2^-30 grid, and every kind of finite double fast-check knows. */
const weightArb = fc.oneof(
  fc.noBias(fc.integer({ min: -(2 ** 30), max: 2 ** 30 })).map((k) => k / 2 ** 30),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Networks of 1 to 4 layers, widths 1 to 5, exact-double weights. */
const networkArb: fc.Arbitrary<Network> = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 5 })
  .chain((ws) =>
    fc.tuple(
      ...ws
        .slice(1)
        .map((n, i) =>
          fc.array(fc.array(weightArb, { minLength: ws[i]!, maxLength: ws[i]! }), { minLength: n, maxLength: n }),
        ),
    ),
  )
  .map((layers) => ({ layers: layers.map((m) => m.map((row) => row.map((x) => Rational.fromFloat(x)))) }));

function importBytes(bytes: Uint8Array): Network {
  const { tensors } = readSafetensors(bytes, 'mem');
  return tensorsToNetwork(selectLayers(tensors, undefined, 'mem'), 'mem');
}

const same = (a: Network, b: Network): boolean =>
  JSON.stringify(networkToJson(a).layers) === JSON.stringify(networkToJson(b).layers);

/** Independent decoding of float32 bits: sign, 8-bit exponent, 23-bit fraction, by BigInt arithmetic. */
function float32Bits(bits: number): Rational {
  const sign = bits >>> 31 ? -1n : 1n;
  const e = (bits >>> 23) & 0xff;
  const f = BigInt(bits & 0x7fffff);
  return e === 0 ? Rational.dyadic(sign * f, -149) : Rational.dyadic(sign * ((1n << 23n) | f), e - 150);
}

/** Independent decoding of float64 bits. */
function float64Bits(bits: bigint): Rational {
  const sign = bits >> 63n ? -1n : 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & ((1n << 52n) - 1n);
  return e === 0 ? Rational.dyadic(sign * f, -1074) : Rational.dyadic(sign * ((1n << 52n) | f), e - 1075);
}

function raw(
  kind: 'float32' | 'float64',
  bytes: Uint8Array,
  rows: number,
  cols: number,
  littleEndian = true,
): RawTensor {
  return {
    name: 't',
    dtype: kind === 'float32' ? 'F32' : 'F64',
    about: '',
    kind,
    shape: [rows, cols],
    data: bytes,
    littleEndian,
    fortranOrder: false,
  };
}

describe('export -> import is the identity on exact-double networks', () => {
  it('safetensors bytes written by slth read back to the same exact weights, named 0.weight, 2.weight, ...', () => {
    fc.assert(
      fc.property(networkArb, (net) => {
        const bytes = networkToSafetensors(net, { format: 'pt' });
        const file = readSafetensors(bytes, 'mem');
        expect(file.metadata).toEqual({ format: 'pt' });
        expect(file.tensors.map((t) => t.name)).toEqual(net.layers.map((_, k) => sequentialName(k + 1)));
        expect(same(importBytes(bytes), net)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the bytes depend only on the network and the metadata, and the data start 8-aligned', () => {
    fc.assert(
      fc.property(networkArb, fc.dictionary(fc.string(), fc.string()), (net, meta) => {
        const a = networkToSafetensors(net, meta);
        const b = networkToSafetensors(net, { ...meta });
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
        const n = Number(new DataView(a.buffer).getBigUint64(0, true));
        expect((8 + n) % 8).toBe(0);
        expect(readSafetensors(a, 'mem').metadata).toEqual(meta);
      }),
      { numRuns: 100 },
    );
  });

  it('negative control: a writer that rounds through float32 breaks the identity', () => {
    const rounding = (net: Network): Uint8Array =>
      writeSafetensors(
        sequentialTensors(net).map((t): Float64Tensor => ({
          ...t,
          values: Float64Array.from(t.values, (x) => Math.fround(x)),
        })),
        null,
      );
    const r = fc.check(
      fc.property(networkArb, (net) => same(importBytes(rounding(net)), net)),
      { numRuns: 200 },
    );
    expect(r.failed).toBe(true);
  });

  it('negative control: a weight that is not a double (1/3) is refused, naming its place', () => {
    fc.assert(
      fc.property(networkArb, fc.nat(), (net, pick) => {
        const k = pick % net.layers.length;
        const layers = net.layers.map((m, i) =>
          i === k ? m.map((row, r) => (r === 0 ? [Rational.of(1, 3), ...row.slice(1)] : row)) : m,
        );
        expect(() => networkToSafetensors({ layers }, null)).toThrow(
          new InputError(
            `layer ${k + 1} row 0 column 0: weight 1/3 is not exactly a float64, so it cannot be exported without rounding`,
          ),
        );
      }),
      { numRuns: 50 },
    );
    expect(exactDouble(Rational.dyadic(1n, -1075))).toBe(null); // below the smallest subnormal
    expect(exactDouble(Rational.dyadic((1n << 53n) + 1n, 0))).toBe(null); // 54 significant bits
    expect(exactDouble(Rational.dyadic(1n, 1024))).toBe(null); // beyond the largest finite
  });
});

describe('float decoding is exact', () => {
  it('float32: every finite bit pattern decodes to sign * fraction * 2^exponent exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (words, le) => {
          const finite = words.filter((w) => ((w >>> 23) & 0xff) !== 0xff);
          fc.pre(finite.length > 0);
          const bytes = new Uint8Array(4 * finite.length);
          const view = new DataView(bytes.buffer);
          finite.forEach((w, i) => view.setUint32(4 * i, w, le));
          const m = decodeMatrix(raw('float32', bytes, 1, finite.length, le));
          finite.forEach((w, i) => expect(m[0]![i]!.eq(float32Bits(w))).toBe(true));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('float64: every finite bit pattern decodes exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { minLength: 1, maxLength: 12 }), (words) => {
        const finite = words.filter((w) => ((w >> 52n) & 0x7ffn) !== 0x7ffn);
        fc.pre(finite.length > 0);
        const bytes = new Uint8Array(8 * finite.length);
        const view = new DataView(bytes.buffer);
        finite.forEach((w, i) => view.setBigUint64(8 * i, w, true));
        const m = decodeMatrix(raw('float64', bytes, finite.length, 1));
        finite.forEach((w, i) => expect(m[i]![0]!.eq(float64Bits(w))).toBe(true));
      }),
      { numRuns: 500 },
    );
  });

  it('every NaN or infinite float32 pattern is refused with its row and column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 23 - 1 }), fc.boolean(), (frac, negative) => {
        const w = ((negative ? 0x80000000 : 0) | (0xff << 23) | frac) >>> 0;
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setUint32(4, w, true);
        expect(() => decodeMatrix(raw('float32', bytes, 1, 2))).toThrow(
          `tensor 't' row 0 column 1 is ${frac === 0 ? (negative ? '-Infinity' : 'Infinity') : 'NaN'}`,
        );
      }),
      { numRuns: 100 },
    );
  });

  test('negative control: reading float32 bytes as float64 gives other numbers', () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat32(0, 0.1, true);
    new DataView(bytes.buffer).setFloat32(4, 0.1, true);
    const as64 = decodeMatrix(raw('float64', bytes, 1, 1))[0]![0]!;
    expect(as64).not.toEqualRational(Rational.fromFloat(Math.fround(0.1)));
  });
});

/** A .npy file of one float64 matrix, written as numpy.save does (version 1.0, 64-byte aligned). */
function npyBytes(values: number[][], fortran = false): Uint8Array {
  const rows = values.length;
  const cols = values[0]!.length;
  let header = `{'descr': '<f8', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + 8 * rows * cols);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) view.setFloat64(8 * (fortran ? c * rows + r : r * cols + c), values[r]![c]!, true);
  return out;
}

describe('.npy and .npz', () => {
  const matrixArb = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .chain(([r, c]) => fc.array(fc.array(weightArb, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

  it('C and Fortran order give the same matrix', () => {
    fc.assert(
      fc.property(matrixArb, (m) => {
        const expected = m.map((row) => row.map((x) => Rational.fromFloat(x).toString()));
        for (const fortran of [false, true]) {
          const got = decodeMatrix(readNpy(npyBytes(m, fortran), 'w', 'w.npy'));
          expect(got.map((row) => row.map(String))).toEqual(expected);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('an .npz of stored or deflated members reads back its arrays in archive order', () => {
    fc.assert(
      fc.property(fc.array(matrixArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (ms, deflate) => {
        const files = Object.fromEntries(ms.map((m, i) => [`w${i}.npy`, npyBytes(m)]));
        const zip = zipSync(files, { level: deflate ? 6 : 0 });
        const tensors = readNpz(zip, 'mem.npz');
        expect(tensors.map((t) => t.name)).toEqual(ms.map((_, i) => `w${i}`));
        tensors.forEach((t, i) =>
          expect(decodeMatrix(t).map((row) => row.map(String))).toEqual(
            ms[i]!.map((row) => row.map((x) => Rational.fromFloat(x).toString())),
          ),
        );
      }),
      { numRuns: 50 },
    );
  });

  test('crc32 is the IEEE CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('malformed bytes are an InputError, never a crash', () => {
  const onlyInputErrors = (read: () => unknown): void => {
    try {
      read();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).not.toContain('\n');
    }
  };

  it('every truncation of a valid safetensors file is refused', () => {
    fc.assert(
      fc.property(networkArb, fc.nat(), (net, cut) => {
        const bytes = networkToSafetensors(net, { format: 'pt' });
        const short = bytes.subarray(0, cut % bytes.length);
        expect(() => readSafetensors(short, 'mem')).toThrow(InputError);
      }),
      { numRuns: 200 },
    );
  });

  it('flipping any byte of a safetensors, .npy or .npz file gives a result or an InputError', () => {
    fc.assert(
      fc.property(networkArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (net, at, mask) => {
        const st = networkToSafetensors(net, { format: 'pt' }).slice();
        st[at % st.length]! ^= mask;
        onlyInputErrors(() => importBytes(st));
        const m = net.layers[0]!.map((row) => row.map((q) => q.toNumber()));
        const npy = npyBytes(m).slice();
        npy[at % npy.length]! ^= mask;
        onlyInputErrors(() => decodeMatrix(readNpy(npy, 'w', 'w.npy')));
        const npz = zipSync({ 'w.npy': npyBytes(m) }, { level: at % 2 === 0 ? 0 : 6 }).slice();
        npz[at % npz.length]! ^= mask;
        onlyInputErrors(() => readNpz(npz, 'w.npz').map(decodeMatrix));
      }),
      { numRuns: 300 },
    );
  });

  it('a flipped data byte of a stored .npz member is caught by the CRC-32 check', () => {
    fc.assert(
      fc.property(matrixArbSmall(), fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, mask) => {
        const npy = npyBytes(m);
        const zip = zipSync({ 'w.npy': npy }, { level: 0 }).slice();
        const start = 30 + 'w.npy'.length; // local header, then the stored bytes
        zip[start + 128 + (at % (npy.length - 128))]! ^= mask;
        expect(() => readNpz(zip, 'w.npz')).toThrow(/fails its CRC-32 check/);
      }),
      { numRuns: 100 },
    );
  });
});

function matrixArbSmall(): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(weightArb, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 });
}

describe('natural order of names', () => {
  it('orders numbered names by their numbers, whatever the prefix and suffix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'fc', 'layers.', 'arr_', 'net.'),
        fc.constantFrom('', '.weight', '_w'),
        fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 20 }),
        (prefix, suffix, ns) => {
          const names = ns.map((n) => `${prefix}${n}${suffix}`);
          const sorted = [...names].sort(naturalCompare);
          expect(sorted).toEqual([...ns].sort((a, b) => a - b).map((n) => `${prefix}${n}${suffix}`));
        },
      ),
    );
  });

  it('is a total order: antisymmetric, transitive, 0 only for equal names', () => {
    const name = fc.stringMatching(/^[a-c0-9._]{0,6}$/);
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        if (naturalCompare(a, b) <= 0 && naturalCompare(b, c) <= 0) expect(naturalCompare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});
