#!/usr/bin/env python3
"""Writes the tensor-file fixtures of `slth net import` and `slth export` (fixtures/interop/).

Run once by a developer; the outputs are committed (CI runs only npm, not Python):

    pip install numpy safetensors          # the reference writers and reader
    python3 scripts/make-interop-fixtures.py
    python3 scripts/make-interop-fixtures.py --read-ticket fixtures/interop/export/ticket.safetensors

reference/  files written by the reference writers: the official `safetensors` package
            (safetensors.numpy.save_file, as safetensors.torch.save_file writes PyTorch state
            dicts) and numpy (numpy.save, numpy.savez, numpy.savez_compressed).
reference/expected.json
            for each reference case the exact weights slth must import, computed here with
            Python's fractions.Fraction (Fraction(float) is exact; a float32 is widened with
            float(), which is exact), and, for the Sequential case, the exact output of the
            PyTorch module Linear -> ReLU -> Linear -> ReLU -> Linear (bias=False) at one input,
            following torch.nn.Linear's definition y = x A^T with A of shape (out, in).
malformed/  broken files: truncated, bad headers, bad offsets, unsupported dtypes, biases,
            3-D tensors, NaN, Inf, shapes that do not chain, huge declared sizes. Most start from
            a file the reference writer made and are then cut or patched byte by byte; the
            expected one-line errors are in malformed/cases.json (written by hand, not here).
export/ticket.python.json (with --read-ticket)
            what the official safetensors reader sees in a ticket that `slth export` wrote:
            names, dtypes, shapes, metadata and exact values.
"""
import json
import os
import struct
import sys
import zipfile
from fractions import Fraction

import numpy as np
import safetensors
from safetensors.numpy import load_file, save_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'interop')
REF = os.path.join(ROOT, 'reference')
BAD = os.path.join(ROOT, 'malformed')


def exact(x):
    """The exact value of a float32 or float64 as 'p/q' (or 'p'), as slth prints rationals."""
    return str(Fraction(float(x)))


def exact_matrix(a):
    return [[exact(x) for x in row] for row in a.tolist()]


def relu(v):
    return [max(t, Fraction(0)) for t in v]


def linear(x, a):
    """torch.nn.Linear without bias: y = x A^T, A of shape (out_features, in_features)."""
    return [sum((Fraction(float(a[r][c])) * x[c] for c in range(a.shape[1])), Fraction(0)) for r in range(a.shape[0])]


def raw_safetensors(path, header, data):
    """A safetensors file with a hand-written header (for malformed cases the writer refuses)."""
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + data)


def patch(src, dst, edit):
    with open(src, 'rb') as f:
        b = bytearray(f.read())
    b = edit(b)
    with open(dst, 'wb') as f:
        f.write(bytes(b))


def reference(rng):
    os.makedirs(REF, exist_ok=True)
    expected = {}

    # 1. A PyTorch nn.Sequential state dict, float64, with edge doubles.
    w1 = rng.uniform(-1, 1, (4, 3))
    w1[0, 0] = 0.1
    w1[0, 1] = -0.0
    w1[0, 2] = 5e-324  # the smallest subnormal
    w1[1, 0] = 2.2250738585072014e-308  # the smallest normal
    w1[1, 1] = 1 / 3
    w1[1, 2] = -1.7976931348623157e308  # the largest finite double, negated
    w2 = rng.uniform(-1, 1, (5, 4))
    w3 = rng.uniform(-1, 1, (1, 5))
    save_file({'0.weight': w1, '2.weight': w2, '4.weight': w3}, os.path.join(REF, 'sequential-f64.safetensors'),
              metadata={'format': 'pt'})
    x = [Fraction(1, 2), Fraction(-3, 8), Fraction(1, 4)]
    y = linear(relu(linear(relu(linear(x, w1)), w2)), w3)
    expected['sequential-f64.safetensors'] = {
        'files': ['sequential-f64.safetensors'],
        'tensors': ['0.weight', '2.weight', '4.weight'],
        'layers': [exact_matrix(w) for w in (w1, w2, w3)],
        'x': [str(t) for t in x],
        'output': [str(t) for t in y],
        'metadata': {'format': 'pt'},
    }

    # 2. float32, with edge floats (widened exactly).
    f1 = rng.uniform(-1, 1, (3, 2)).astype(np.float32)
    f1[0, 0] = np.float32(0.1)
    f1[0, 1] = np.float32(1e-45)  # the smallest float32 subnormal
    f1[1, 0] = np.finfo(np.float32).max
    f1[1, 1] = np.float32(-1.1754944e-38)  # minus the smallest normal float32
    f2 = rng.uniform(-1, 1, (2, 3)).astype(np.float32)
    save_file({'0.weight': f1, '2.weight': f2}, os.path.join(REF, 'sequential-f32.safetensors'))
    expected['sequential-f32.safetensors'] = {
        'files': ['sequential-f32.safetensors'],
        'tensors': ['0.weight', '2.weight'],
        'layers': [exact_matrix(f1), exact_matrix(f2)],
    }

    # 3. A state dict with biases: refused by default, imported with --tensors.
    b1 = rng.uniform(-1, 1, (4, 3)).astype(np.float32)
    b2 = rng.uniform(-1, 1, (2, 4)).astype(np.float32)
    save_file({'0.weight': b1, '0.bias': np.zeros(4, np.float32), '2.weight': b2, '2.bias': np.zeros(2, np.float32)},
              os.path.join(REF, 'with-bias.safetensors'))
    expected['with-bias.safetensors --tensors 0.weight,2.weight'] = {
        'files': ['with-bias.safetensors'],
        'pick': ['0.weight', '2.weight'],
        'tensors': ['0.weight', '2.weight'],
        'layers': [exact_matrix(b1), exact_matrix(b2)],
    }

    # 4. Names in natural order: fc1 < fc2 < fc10 (plain string order would put fc10 second and
    #    the shapes would not chain); an unused int64 counter is ignored when --tensors excludes it.
    n1 = rng.uniform(-1, 1, (4, 3))
    n2 = rng.uniform(-1, 1, (5, 4))
    n10 = rng.uniform(-1, 1, (2, 5))
    save_file({'fc1.weight': n1, 'fc2.weight': n2, 'fc10.weight': n10}, os.path.join(REF, 'fc-names.safetensors'))
    expected['fc-names.safetensors'] = {
        'files': ['fc-names.safetensors'],
        'tensors': ['fc1.weight', 'fc2.weight', 'fc10.weight'],
        'layers': [exact_matrix(w) for w in (n1, n2, n10)],
    }
    save_file({'fc1.weight': n1, 'fc2.weight': n2, 'num_batches_tracked': np.array(7, np.int64)},
              os.path.join(REF, 'with-counter.safetensors'))
    expected['with-counter.safetensors --tensors fc1.weight,fc2.weight'] = {
        'files': ['with-counter.safetensors'],
        'pick': ['fc1.weight', 'fc2.weight'],
        'tensors': ['fc1.weight', 'fc2.weight'],
        'layers': [exact_matrix(n1), exact_matrix(n2)],
    }

    # 5. numpy.savez of twelve 2x2 layers: arr_0 ... arr_11 in natural order (arr_10 after arr_9).
    many = [rng.uniform(-1, 1, (2, 2)) for _ in range(12)]
    np.savez(os.path.join(REF, 'twelve.npz'), *many)
    expected['twelve.npz'] = {
        'files': ['twelve.npz'],
        'tensors': ['arr_%d' % i for i in range(12)],
        'layers': [exact_matrix(w) for w in many],
    }

    # 6. numpy.savez_compressed with names, float32 (deflated members).
    c1 = rng.uniform(-1, 1, (3, 2)).astype(np.float32)
    c2 = rng.uniform(-1, 1, (1, 3)).astype(np.float32)
    np.savez_compressed(os.path.join(REF, 'named-compressed.npz'), layer1=c1, layer2=c2)
    expected['named-compressed.npz'] = {
        'files': ['named-compressed.npz'],
        'tensors': ['layer1', 'layer2'],
        'layers': [exact_matrix(c1), exact_matrix(c2)],
    }

    # 7. .npy files: C order float64, Fortran order float64, big-endian float32.
    p1 = rng.uniform(-1, 1, (3, 2))
    p2 = np.asfortranarray(rng.uniform(-1, 1, (4, 3)))
    p3 = rng.uniform(-1, 1, (2, 4)).astype('>f4')
    np.save(os.path.join(REF, 'layer1.npy'), p1)
    np.save(os.path.join(REF, 'layer2-fortran.npy'), p2)
    np.save(os.path.join(REF, 'layer3-f32-big-endian.npy'), p3)
    expected['layer1.npy layer2-fortran.npy layer3-f32-big-endian.npy'] = {
        'files': ['layer1.npy', 'layer2-fortran.npy', 'layer3-f32-big-endian.npy'],
        'tensors': ['layer1.npy', 'layer2-fortran.npy', 'layer3-f32-big-endian.npy'],
        'layers': [exact_matrix(p1), exact_matrix(p2), exact_matrix(p3)],
    }

    with open(os.path.join(REF, 'expected.json'), 'w') as f:
        json.dump({'writers': {'numpy': np.__version__, 'safetensors': safetensors.__version__}, 'cases': expected},
                  f, indent=1)
        f.write('\n')


def malformed(rng):
    os.makedirs(BAD, exist_ok=True)
    good = os.path.join(BAD, '_good.safetensors')
    save_file({'0.weight': rng.uniform(-1, 1, (2, 2)), '2.weight': rng.uniform(-1, 1, (1, 2))}, good)
    sz = os.path.getsize(good)

    patch(good, os.path.join(BAD, 'truncated-length.safetensors'), lambda b: b[:5])
    patch(good, os.path.join(BAD, 'truncated-data.safetensors'), lambda b: b[:-8])
    patch(good, os.path.join(BAD, 'header-beyond-file.safetensors'),
          lambda b: bytearray(struct.pack('<Q', sz)) + b[8:])
    patch(good, os.path.join(BAD, 'header-huge.safetensors'), lambda b: bytearray(struct.pack('<Q', 1 << 40)) + b[8:])

    def bad_json(b):
        n = struct.unpack('<Q', bytes(b[:8]))[0]
        i = bytes(b).index(b'"', 8)
        b[i] = ord('}')  # {}0.weight": ... is not JSON; the length is unchanged
        assert n > 0
        return b

    patch(good, os.path.join(BAD, 'bad-json.safetensors'), bad_json)
    m = np.arange(4, dtype=np.float64).tobytes()
    raw_safetensors(os.path.join(BAD, 'overlap.safetensors'), {
        'a': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [0, 32]},
        'b': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [16, 48]},
    }, m + m[:16])
    raw_safetensors(os.path.join(BAD, 'offset-out-of-range.safetensors'), {
        'a': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [0, 32]},
        'b': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [32, 64]},
    }, m + m[:16])
    raw_safetensors(os.path.join(BAD, 'offset-gap.safetensors'), {
        'a': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [0, 32]},
        'b': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [40, 72]},
    }, m + m[:8] + m)
    raw_safetensors(os.path.join(BAD, 'offsets-shape-mismatch.safetensors'), {
        'a': {'dtype': 'F64', 'shape': [2, 3], 'data_offsets': [0, 32]},
    }, m)
    raw_safetensors(os.path.join(BAD, 'huge-shape.safetensors'), {
        'a': {'dtype': 'F64', 'shape': [100000000000, 100000000000], 'data_offsets': [0, 32]},
    }, m)
    raw_safetensors(os.path.join(BAD, 'bf16.safetensors'), {
        '0.weight': {'dtype': 'BF16', 'shape': [2, 2], 'data_offsets': [0, 8]},
    }, m[:8])
    raw_safetensors(os.path.join(BAD, 'metadata-not-string.safetensors'), {
        '__metadata__': {'epochs': 3},
        'a': {'dtype': 'F64', 'shape': [2, 2], 'data_offsets': [0, 32]},
    }, m)
    save_file({'0.weight': rng.uniform(-1, 1, (2, 2)).astype(np.float16)}, os.path.join(BAD, 'f16.safetensors'))
    save_file({'0.weight': np.arange(4, dtype=np.int32).reshape(2, 2)}, os.path.join(BAD, 'int32.safetensors'))
    save_file({'0.weight': rng.uniform(-1, 1, (4, 3)), '0.bias': rng.uniform(-1, 1, 4)},
              os.path.join(BAD, 'bias.safetensors'))
    save_file({'conv.weight': rng.uniform(-1, 1, (2, 2, 2))}, os.path.join(BAD, 'rank3.safetensors'))
    nan = rng.uniform(-1, 1, (2, 3))
    nan[1, 2] = np.nan
    save_file({'0.weight': nan}, os.path.join(BAD, 'nan.safetensors'))
    inf = rng.uniform(-1, 1, (2, 3)).astype(np.float32)
    inf[0, 1] = -np.inf
    save_file({'0.weight': inf}, os.path.join(BAD, 'inf.safetensors'))
    save_file({'0.weight': rng.uniform(-1, 1, (4, 3)), '2.weight': rng.uniform(-1, 1, (2, 5))},
              os.path.join(BAD, 'shape-mismatch.safetensors'))
    save_file({}, os.path.join(BAD, 'no-tensors.safetensors'))
    os.remove(good)

    # .npy
    good = os.path.join(BAD, '_good.npy')
    np.save(good, rng.uniform(-1, 1, (3, 2)))
    patch(good, os.path.join(BAD, 'truncated.npy'), lambda b: b[:-8])
    patch(good, os.path.join(BAD, 'header-beyond-file.npy'), lambda b: b[:8] + bytearray(struct.pack('<H', 60000)) + b[10:])

    def unclosed(b):
        i = bytes(b).index(b'}')
        b[i] = ord(' ')
        return b

    patch(good, os.path.join(BAD, 'bad-header.npy'), unclosed)
    os.remove(good)
    huge = b"{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 100000000000), }"
    huge += b' ' * (64 - (10 + len(huge) + 1) % 64) + b'\n'
    with open(os.path.join(BAD, 'huge-shape.npy'), 'wb') as f:
        f.write(b'\x93NUMPY\x01\x00' + struct.pack('<H', len(huge)) + huge + np.zeros(2).tobytes())
    np.save(os.path.join(BAD, 'f16.npy'), rng.uniform(-1, 1, (2, 2)).astype(np.float16))
    np.save(os.path.join(BAD, 'int64.npy'), np.arange(4, dtype=np.int64).reshape(2, 2))
    obj = np.empty((2, 2), dtype=object)
    obj[:] = 1
    np.save(os.path.join(BAD, 'object.npy'), obj, allow_pickle=True)
    np.save(os.path.join(BAD, 'rank3.npy'), rng.uniform(-1, 1, (2, 2, 2)))
    np.save(os.path.join(BAD, 'vector.npy'), rng.uniform(-1, 1, 3))
    nan = rng.uniform(-1, 1, (2, 2))
    nan[0, 1] = np.nan
    np.save(os.path.join(BAD, 'nan.npy'), nan)
    inf = rng.uniform(-1, 1, (2, 2))
    inf[1, 0] = np.inf
    np.save(os.path.join(BAD, 'inf.npy'), inf)

    # .npz
    good = os.path.join(BAD, '_good.npz')
    np.savez(good, a=rng.uniform(-1, 1, (2, 2)), b=rng.uniform(-1, 1, (1, 2)))

    def flip_data(b):
        i = bytes(b).index(b'\x93NUMPY')  # first member's .npy bytes, stored uncompressed
        data = i + 10 + struct.unpack('<H', bytes(b[i + 8: i + 10]))[0]
        b[data + 3] ^= 0x01  # a bit of its first element: a different number, same length
        return b

    patch(good, os.path.join(BAD, 'bad-crc.npz'), flip_data)
    patch(good, os.path.join(BAD, 'truncated.npz'), lambda b: b[: len(b) // 2])

    def huge_member(b):
        i = bytes(b).index(b'PK\x01\x02')  # first central-directory entry
        b[i + 24: i + 28] = struct.pack('<I', 0x7FFFFFFF)  # declared uncompressed size
        return b

    patch(good, os.path.join(BAD, 'huge-member.npz'), huge_member)
    os.remove(good)
    np.savez(os.path.join(BAD, 'f16.npz'), w=rng.uniform(-1, 1, (2, 2)).astype(np.float16))
    np.savez(os.path.join(BAD, 'shape-mismatch.npz'), arr_0=rng.uniform(-1, 1, (3, 2)), arr_1=rng.uniform(-1, 1, (1, 4)))
    with zipfile.ZipFile(os.path.join(BAD, 'torch-checkpoint.pt'), 'w') as z:
        z.writestr('archive/data.pkl', b'\x80\x02}q\x00.')
        z.writestr('archive/version', b'3\n')


def read_ticket(path):
    """What the official reader sees in an exported ticket (run after `slth export`)."""
    tensors = load_file(path)
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
    ordered = sorted(tensors.items(), key=lambda kv: int(kv[0].split('.')[0]))
    # the module nn.Sequential(Linear, ReLU, ..., Linear) evaluated exactly at one input
    d = ordered[0][1].shape[1]
    x = [Fraction((-1) ** j * (j + 1), 7) for j in range(d)]
    h = x
    for i, (_, a) in enumerate(ordered):
        h = linear(h, a)
        if i < len(ordered) - 1:
            h = relu(h)
    out = {
        'reader': 'safetensors %s (safetensors.numpy.load_file)' % safetensors.__version__,
        'metadata': header.get('__metadata__'),
        'tensors': [{'name': k, 'dtype': str(v.dtype), 'shape': list(v.shape), 'values': exact_matrix(v)}
                    for k, v in ordered],
        'x': [str(t) for t in x],
        'output': [str(t) for t in h],
    }
    dst = os.path.join(os.path.dirname(path), 'ticket.python.json')
    with open(dst, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print('wrote', dst)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--read-ticket':
        read_ticket(sys.argv[2])
        return
    rng = np.random.default_rng(13)
    reference(rng)
    malformed(rng)
    print('wrote', REF, 'and', BAD)


if __name__ == '__main__':
    main()
