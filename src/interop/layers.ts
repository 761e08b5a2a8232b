/**
 * Which tensors of a file are the layers, in which order, and the network they make.
 *
 * Naming rule. Without an explicit list every tensor of the file is a layer, ordered by the
 * natural order of the names ({@link naturalCompare}): `0.weight`, `2.weight`, `4.weight` (a
 * PyTorch `nn.Sequential` state dict), `fc1.weight`, `fc2.weight`, `fc10.weight`, or `arr_0`,
 * `arr_1`, ..., `arr_10` (`numpy.savez` without names). Then a tensor whose name ends in `bias`
 * or that is 1-D is refused as a bias (slth networks are bias-free), and so is any tensor that is
 * not a 2-D float32/float64 matrix. With an explicit list (`--tensors a,b,c`) exactly those
 * tensors are the layers, in that order, and every other tensor of the file is ignored: that is
 * how biases and other entries are excluded.
 *
 * Orientation. A tensor of shape (out, in) is the matrix W_i of shape n_i x n_{i-1}, element
 * (r, c) = W_i[r, c]. This is PyTorch's `nn.Linear.weight` layout (y = x A^T, `weight` of shape
 * (out_features, in_features)), so a state dict imports without transposing. Consecutive layers
 * must chain: the columns of each layer equal the rows of the one before.
 */
import { InputError } from '../errors.js';
import type { Matrix, Network } from '../network/network.js';
import { MAX_WEIGHTS } from '../network/json.js';
import { naturalCompare } from './natural-order.js';
import { decodeMatrix, layerShapeError, printable, quote, shapeText, type RawTensor } from './tensor.js';

/** True when a name reads as a bias (`0.bias`, `fc1_bias`, `bias`). @example `isBiasName('0.bias') // true` */
export function isBiasName(name: string): boolean {
  return /bias$/i.test(name);
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, 8).map(printable).join(',');
  return names.length > 8 ? `${shown},... (${names.length} in all)` : shown;
}

/**
 * The tensors that form the layers, in layer order: `pick` in its order when given (every name
 * must exist, once), else every tensor in natural order with biases refused (see the module
 * comment). Errors name the file (`where`) and the tensor, and suggest a `--tensors` list.
 *
 * @example
 * ```ts
 * selectLayers(tensors, undefined, 'm.safetensors').map((t) => t.name); // ['0.weight', '2.weight']
 * selectLayers(tensors, ['fc2.weight', 'fc1.weight'], 'm.safetensors'); // that order
 * ```
 */
export function selectLayers(
  tensors: readonly RawTensor[],
  pick: readonly string[] | undefined,
  where: string,
): RawTensor[] {
  if (tensors.length === 0) throw new InputError(`${where}: the file holds no tensors`);
  const byName = new Map(tensors.map((t) => [t.name, t]));
  if (pick !== undefined) {
    if (pick.length === 0) throw new InputError(`${where}: --tensors is empty`);
    const seen = new Set<string>();
    return pick.map((name) => {
      const t = byName.get(name);
      if (t === undefined) {
        const names = [...byName.keys()].sort(naturalCompare);
        throw new InputError(`${where}: no tensor named ${quote(name)} (the file has ${list(names)})`);
      }
      if (seen.has(name)) throw new InputError(`${where}: tensor ${quote(name)} is listed twice in --tensors`);
      seen.add(name);
      return t;
    });
  }
  const ordered = [...tensors].sort((a, b) => naturalCompare(a.name, b.name));
  const weights = ordered.filter((t) => t.shape.length === 2 && !isBiasName(t.name)).map((t) => t.name);
  const hint = weights.length > 0 ? `; pick the weights with --tensors ${list(weights)}` : '';
  for (const t of ordered) {
    if (isBiasName(t.name) || t.shape.length === 1) {
      throw new InputError(
        `${where}: tensor ${quote(t.name)} (shape ${shapeText(t.shape)}) is a bias: slth networks are bias-free${hint}`,
      );
    }
    if (t.shape.length !== 2) {
      throw new InputError(
        `${where}: tensor ${quote(t.name)} has ${t.shape.length} dimensions (shape ${shapeText(t.shape)}); a layer must be a 2-D weight matrix (out, in)${hint}`,
      );
    }
  }
  return ordered;
}

/**
 * Decodes the selected tensors exactly and checks that they chain into a network: every tensor a
 * 2-D float matrix (out, in) with finite elements, each layer's column count equal to the
 * previous layer's row count, at most {@link MAX_WEIGHTS} weights in all.
 *
 * @example
 * ```ts
 * const net = tensorsToNetwork(selectLayers(tensors, undefined, 'm.safetensors'), 'm.safetensors');
 * widths(net); // [3, 4, 1]
 * ```
 */
export function tensorsToNetwork(layers: readonly RawTensor[], where: string): Network {
  let total = 0;
  layers.forEach((t, i) => {
    const why = layerShapeError(t);
    if (why !== null) throw new InputError(`${where}: ${why}`);
    const [rows, cols] = t.shape as [number, number];
    const before = layers[i - 1];
    if (before !== undefined && cols !== before.shape[0]) {
      throw new InputError(
        `${where}: shapes do not chain: tensor ${quote(t.name)} (layer ${i + 1}) has shape ${shapeText(t.shape)}, so ${cols} inputs, but tensor ${quote(before.name)} (layer ${i}) has ${before.shape[0]} outputs (shape ${shapeText(before.shape)}); a layer is (out, in)`,
      );
    }
    total += rows * cols;
    if (total > MAX_WEIGHTS)
      throw new InputError(`${where}: more than ${MAX_WEIGHTS} weights (reached at tensor ${quote(t.name)})`);
  });
  const matrices: Matrix[] = layers.map((t) => {
    try {
      return decodeMatrix(t);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${where}: ${e.message}`);
      throw e;
    }
  });
  return { layers: matrices };
}
