/**
 * A network as a PyTorch `nn.Sequential` state dict of float64 tensors.
 *
 * slth's network with layers W_1, ..., W_L is the module
 * `nn.Sequential(nn.Linear(n_0, n_1, bias=False), nn.ReLU(), nn.Linear(n_1, n_2, bias=False),
 * nn.ReLU(), ..., nn.Linear(n_{L-1}, n_L, bias=False))`: a ReLU after every layer but the last.
 * The Linear layers sit at indices 0, 2, 4, ..., 2(L-1) (the ReLUs at the odd indices), so layer
 * i is the tensor `{2(i-1)}.weight`, of shape (n_i, n_{i-1}), row-major: exactly W_i.
 *
 * Every weight is written as a float64 and must be one exactly: a weight that is not a double
 * (1/3, say) is refused rather than rounded, so what PyTorch loads is the network slth checked.
 */
import { InputError } from '../errors.js';
import type { Network } from '../network/network.js';
import { Rational } from '../numeric/rational.js';
import { writeSafetensors, type Float64Tensor } from './safetensors.js';

/**
 * The state-dict name of layer `i` (from 1) of an `nn.Sequential` of Linear and ReLU modules.
 *
 * @example
 * ```ts
 * sequentialName(1); // '0.weight'
 * sequentialName(3); // '4.weight'
 * ```
 */
export function sequentialName(i: number): string {
  return `${2 * (i - 1)}.weight`;
}

/**
 * The exact float64 equal to `q`, or null when `q` is not a double.
 *
 * @example
 * ```ts
 * exactDouble(Rational.parse('3/8')); // 0.375
 * exactDouble(Rational.parse('1/3')); // null
 * ```
 */
export function exactDouble(q: Rational): number | null {
  const x = q.toNumber();
  return Number.isFinite(x) && Rational.fromFloat(x).eq(q) ? x : null;
}

/**
 * The layers of a network as float64 tensors named {@link sequentialName}(1), (2), ...;
 * an {@link InputError} names the first weight that is not exactly a double.
 *
 * @example
 * ```ts
 * sequentialTensors(net).map((t) => t.name); // ['0.weight', '2.weight']
 * ```
 */
export function sequentialTensors(net: Network): Float64Tensor[] {
  return net.layers.map((m, k) => {
    const rows = m.length;
    const cols = m[0]?.length ?? 0;
    const values = new Float64Array(rows * cols);
    m.forEach((row, r) =>
      row.forEach((q, c) => {
        const x = exactDouble(q);
        if (x === null) {
          throw new InputError(
            `layer ${k + 1} row ${r} column ${c}: weight ${q.toString()} is not exactly a float64, so it cannot be exported without rounding`,
          );
        }
        values[r * cols + c] = x;
      }),
    );
    return { name: sequentialName(k + 1), shape: [rows, cols], values };
  });
}

/**
 * A network as the bytes of a safetensors file in `nn.Sequential` layout (float64, exact), with
 * a `__metadata__` string map.
 *
 * @example
 * ```ts
 * writeFileSync('ticket.safetensors', networkToSafetensors(net, { format: 'pt' }));
 * ```
 */
export function networkToSafetensors(net: Network, metadata: Readonly<Record<string, string>> | null): Uint8Array {
  return writeSafetensors(sequentialTensors(net), metadata);
}
