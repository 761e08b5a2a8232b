/**
 * Importing a network from tensor files: one `.safetensors` file, one `.npz` archive, or one or
 * more `.npy` files (each a layer, in the order given). The container is recognised by its
 * first bytes, not by the file name: `\x93NUMPY` is `.npy`, `PK` a zip (`.npz`), anything
 * else is read as safetensors.
 */
import { readInputBytes } from '../files/read.js';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { Network } from '../network/network.js';
import { MAX_JSON_BYTES } from '../network/json.js';
import { selectLayers, tensorsToNetwork } from './layers.js';
import { isNpy, readNpy } from './npy.js';
import { isZip, readNpz } from './npz.js';
import { readSafetensors } from './safetensors.js';
import type { RawTensor } from './tensor.js';

/** The container formats slth imports. */
export type TensorFormat = 'safetensors' | 'npz' | 'npy';

/** What {@link importNetwork} returns: the network and where its layers came from. */
export interface ImportedNetwork {
  readonly network: Network;
  readonly format: TensorFormat;
  /** Per layer: the tensor's name, the file's dtype and the shape. */
  readonly layers: readonly { readonly tensor: string; readonly dtype: string; readonly shape: readonly number[] }[];
  /** The safetensors `__metadata__` map, when the file has one. */
  readonly metadata: Readonly<Record<string, string>> | null;
}

/**
 * The bytes of a file (`-` is standard input), with errors that name it; files larger than
 * {@link MAX_JSON_BYTES} are refused before they are read.
 *
 * @example
 * ```ts
 * const bytes = readBytes('model.safetensors');
 * ```
 */
export function readBytes(path: string): Uint8Array {
  return readInputBytes(path, MAX_JSON_BYTES);
}

/**
 * The container format of a file's bytes, recognised by its first bytes.
 *
 * @example
 * ```ts
 * sniffFormat(readBytes('w.npy')); // 'npy'
 * ```
 */
export function sniffFormat(bytes: Uint8Array): TensorFormat {
  if (isNpy(bytes)) return 'npy';
  if (isZip(bytes)) return 'npz';
  return 'safetensors';
}

/**
 * Reads a network from tensor files (see {@link selectLayers} for the naming rule and
 * {@link tensorsToNetwork} for the checks). `files` is one `.safetensors` or `.npz` file, or one
 * or more `.npy` files; `pick` is the `--tensors` list (not allowed with `.npy` files, whose
 * order is the order given).
 *
 * @example
 * ```ts
 * const { network } = importNetwork(['mlp.safetensors'], ['0.weight', '2.weight']);
 * ```
 */
export function importNetwork(files: readonly string[], pick?: readonly string[]): ImportedNetwork {
  try {
    return importFiles(files, pick);
  } catch (e) {
    // a message is one line, whatever a path or a file's bytes hold
    if (e instanceof InputError) throw new InputError(e.message.replace(/[\r\n\u2028\u2029]/g, ' '));
    throw e;
  }
}

function importFiles(files: readonly string[], pick?: readonly string[]): ImportedNetwork {
  if (files.length === 0) throw new InputError('no input file');
  if (files.filter((f) => f === '-').length > 1) throw new InputError("standard input '-' given twice");
  const first = files[0] as string;
  const bytes = files.map(readBytes);
  const formats = bytes.map(sniffFormat);
  const where = first === '-' ? 'standard input' : first;
  if (files.length > 1 || formats[0] === 'npy') {
    formats.forEach((f, i) => {
      if (f !== 'npy') {
        throw new InputError(
          `${files[i]} is not a .npy file: several input files must each be one .npy layer (a .safetensors or .npz file is read alone)`,
        );
      }
    });
    if (pick !== undefined)
      throw new InputError(
        '--tensors applies to .safetensors and .npz files; .npy layers are taken in the order given',
      );
    const tensors = bytes.map((b, i) => readNpy(b, npyName(files[i] as string), files[i] as string));
    return finish(tensors, 'npy', null, files.length === 1 ? where : 'the .npy files');
  }
  const b = bytes[0] as Uint8Array;
  if (formats[0] === 'npz') {
    const tensors = readNpz(b, where);
    return finish(selectLayers(tensors, pick, where), 'npz', null, where);
  }
  if (b[0] === 0x7b) {
    throw new InputError(
      `${where} starts with '{': a JSON file, not safetensors, .npy or .npz (an slth-network/1 file needs no import)`,
    );
  }
  const file = readSafetensors(b, where);
  return finish(selectLayers(file.tensors, pick, where), 'safetensors', file.metadata, where);
}

/** The tensor name of a .npy file: its base name (`-` for standard input). */
function npyName(path: string): string {
  return path === '-' ? '-' : basename(path);
}

function finish(
  layers: readonly RawTensor[],
  format: TensorFormat,
  metadata: Readonly<Record<string, string>> | null,
  where: string,
): ImportedNetwork {
  const network = tensorsToNetwork(layers, where);
  return {
    network,
    format,
    layers: layers.map((t) => ({ tensor: t.name, dtype: t.dtype, shape: [...t.shape] })),
    metadata,
  };
}
