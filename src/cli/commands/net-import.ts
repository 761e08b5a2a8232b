/**
 * `slth net import`: a network from the weights of a PyTorch or NumPy file, decoded exactly.
 */
import { InputError } from '../../errors.js';
import { importNetwork, type ImportedNetwork } from '../../interop/read.js';
import { NETWORK_FORMAT, networkToJson } from '../../network/json.js';
import { weightCount, widths as widthsOf } from '../../network/network.js';
import { boolFlag, JSON_FLAG, stringFlag, type Command } from '../command.js';
import { toJsonText, writeOutput } from '../io.js';
import { checkOutputFile } from '../../files/write.js';

/**
 * Parses a `--tensors` list: comma-separated names, none empty.
 *
 * @example
 * ```ts
 * parseTensorList('0.weight,2.weight'); // ['0.weight', '2.weight']
 * ```
 */
export function parseTensorList(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  names.forEach((n, i) => {
    if (n === '') throw new InputError(`--tensors entry ${i} is empty (give names separated by commas)`);
  });
  return names;
}

/**
 * The `meta` object of an imported network: the container, and per layer the tensor, its dtype
 * and shape (plus the safetensors metadata map, when the file has one).
 *
 * @example
 * ```ts
 * importMeta(imported); // { imported: { format: 'safetensors', layers: [{ tensor: '0.weight', dtype: 'F32', shape: [4, 3] }] } }
 * ```
 */
export function importMeta(imp: ImportedNetwork): Record<string, unknown> {
  return {
    imported: {
      format: imp.format,
      layers: imp.layers.map((l) => ({ tensor: l.tensor, dtype: l.dtype, shape: [...l.shape] })),
      ...(imp.metadata !== null ? { metadata: { ...imp.metadata } } : {}),
    },
  };
}

/** `slth net import FILE... [--tensors a,b,c] [--out NET.json] [--json]`. */
export const netImport: Command = {
  path: ['net', 'import'],
  summary: 'import a bias-free network from .safetensors, .npz or .npy weights (float32/float64, exact)',
  usage: 'net import FILE... [--tensors NAME,NAME,...] [--out NET.json] [--json]',
  description:
    'FILE is one .safetensors file (a PyTorch state dict), one .npz archive, or one or more .npy files\n' +
    '(one layer each, in the order given); - reads standard input. Each layer is a 2-D float32 or\n' +
    'float64 tensor of shape (out, in), as nn.Linear stores it; every element is decoded exactly.\n' +
    'Without --tensors every tensor is a layer, in natural order of the names (0.weight < 2.weight <\n' +
    '10.weight, fc1 < fc2 < fc10), and a bias (a 1-D tensor or a name ending in "bias") is an error;\n' +
    'with --tensors exactly the listed tensors are the layers, in that order, the rest ignored.\n' +
    'Writes an slth-network/1 document to --out, or to stdout without --out (or with --out -).',
  flags: [
    {
      name: 'tensors',
      kind: 'string',
      help: 'the tensors that are the layers, in order (others are ignored)',
      placeholder: 'LIST',
    },
    {
      name: 'out',
      kind: 'string',
      help: 'write the network to FILE (atomically); - or no --out: stdout',
      placeholder: 'FILE',
    },
    JSON_FLAG,
  ],
  positional: { min: 1, max: 1000, names: 'FILE' },
  run(args, io) {
    const listText = stringFlag(args, 'tensors');
    const pick = listText === undefined ? undefined : parseTensorList(listText);
    const imp = importNetwork(args.positional, pick);
    const doc = networkToJson(imp.network, importMeta(imp));
    const out = stringFlag(args, 'out');
    if (out !== undefined) checkOutputFile(out, '--out');
    writeOutput(out ?? '-', toJsonText(doc), io);
    if (out === undefined || out === '-') return 0;
    const ws = widthsOf(imp.network);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText({
          written: out,
          format: NETWORK_FORMAT,
          widths: ws,
          weights: weightCount(imp.network),
          imported: {
            format: imp.format,
            layers: imp.layers.map((l) => ({ tensor: l.tensor, dtype: l.dtype, shape: [...l.shape] })),
            metadata: imp.metadata === null ? null : { ...imp.metadata },
          },
        }),
      );
    } else {
      io.out(
        `wrote ${out}: widths ${ws.join(',')}, N_w = ${weightCount(imp.network)}, from ${imp.format} tensors ` +
          imp.layers.map((l) => `${l.tensor} (${l.dtype} [${l.shape.join(', ')}])`).join(', ') +
          ' (decoded exactly)',
      );
    }
    return 0;
  },
};
