/**
 * The NumPy `.npz` format (what `numpy.savez` and `numpy.savez_compressed` write): a zip archive
 * whose members `NAME.npy` are `.npy` arrays. The archive is opened with fflate (stored and
 * deflated members, zip64); each member is then read by {@link readNpy} and called `NAME`.
 *
 * fflate does not verify checksums, so each member's CRC-32 is checked here against the
 * archive's central directory (as `numpy.load` does through Python's zipfile): a corrupted
 * member is an error, never a silently different number. Members are size-checked from the
 * directory before anything is decompressed, so a huge declared size costs no memory.
 */
import { unzipSync } from 'fflate';
import { InputError } from '../errors.js';
import { MAX_JSON_BYTES } from '../network/json.js';
import { readNpy } from './npy.js';
import { quote, type RawTensor } from './tensor.js';

/** True when `bytes` start like a zip archive. @example `isZip(readFileSync('w.npz')) // true` */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/**
 * The CRC-32 (IEEE 802.3, as zip uses) of `bytes`.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The CRC-32 field of each central-directory entry, in directory order (the order fflate reads them). */
function centralCrcs(d: Uint8Array, where: string): number[] {
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const u16 = (at: number): number => (at >= 0 && at + 2 <= d.length ? view.getUint16(at, true) : -1);
  const u32 = (at: number): number => (at >= 0 && at + 4 <= d.length ? view.getUint32(at, true) : -1);
  let e = d.length - 22;
  while (e >= 0 && u32(e) !== 0x06054b50) e--;
  if (e < 0) throw new InputError(`${where}: not a valid .npz archive (no end of central directory)`);
  let count = u16(e + 8);
  let at = u32(e + 16);
  if (u32(e - 20) === 0x07064b50) {
    const ze = u32(e - 12);
    if (u32(ze) === 0x06064b50) {
      count = u32(ze + 32);
      at = u32(ze + 48);
    }
  }
  const crcs: number[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) throw new InputError(`${where}: not a valid .npz archive (bad central directory)`);
    crcs.push(u32(at + 16));
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  return crcs;
}

/**
 * Reads every array of an `.npz` archive, in the archive's order. Members must be `.npy` files
 * (names ending in `.npy`; folders are skipped); the tensor name is the member name without
 * `.npy`. Errors name the archive (`where`) and the member.
 *
 * @example
 * ```ts
 * readNpz(readFileSync('mlp.npz'), 'mlp.npz').map((t) => t.name); // ['arr_0', 'arr_1']
 * ```
 */
export function readNpz(bytes: Uint8Array, where: string): RawTensor[] {
  const order: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(info) {
        if (info.name.endsWith('/')) {
          order.push('');
          return false;
        }
        if (info.name.endsWith('.pkl')) {
          throw new InputError(
            `${where}: a PyTorch checkpoint (torch.save, member ${quote(info.name)} is a pickle), which slth does not unpickle: save the weights with safetensors.torch.save_file(model.state_dict(), 'model.safetensors')`,
          );
        }
        if (!info.name.endsWith('.npy'))
          throw new InputError(
            `${where}: member ${quote(info.name)} is not a .npy array (an .npz holds NAME.npy members)`,
          );
        if (seen.has(info.name)) throw new InputError(`${where}: member ${quote(info.name)} appears twice`);
        total += info.originalSize;
        if (total > MAX_JSON_BYTES) {
          throw new InputError(
            `${where}: member ${quote(info.name)} declares ${info.originalSize} bytes; the arrays would exceed ${MAX_JSON_BYTES} bytes`,
          );
        }
        if (info.compression !== 0 && info.compression !== 8)
          throw new InputError(
            `${where}: member ${quote(info.name)} uses compression method ${info.compression} (only stored and deflate)`,
          );
        order.push(info.name);
        seen.add(info.name);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${where}: not a valid .npz archive (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  const crcs = centralCrcs(bytes, where);
  if (crcs.length !== order.length) throw new InputError(`${where}: not a valid .npz archive (bad central directory)`);
  const tensors: RawTensor[] = [];
  order.forEach((member, i) => {
    if (member === '') return;
    const data = files[member];
    if (data === undefined) throw new InputError(`${where}: member ${quote(member)} could not be read`);
    if (crc32(data) !== crcs[i])
      throw new InputError(`${where}: member ${quote(member)} fails its CRC-32 check (the archive is corrupted)`);
    const name = member.slice(0, -'.npy'.length);
    tensors.push(readNpy(data, name, `${where}: member ${quote(member)}`));
  });
  return tensors;
}
