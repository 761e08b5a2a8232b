/**
 * Loading a target for the theorem's commands: the network file, hypothesis H checked exactly
 * (the theorem needs it), and whether H' holds too.
 */
import { InputError } from '../errors.js';
import type { Network } from '../network/network.js';
import { readNetworkFile } from '../network/json.js';
import { checkH, checkHPrime } from '../network/norms.js';

/** A target that satisfies H, with its H' status. */
export interface Target {
  readonly net: Network;
  readonly hprime: boolean;
}

/**
 * Reads a target file and checks hypothesis H exactly; a violation is an input error naming the layer.
 *
 * @example
 * ```ts
 * const { net, hprime } = loadTarget('fixtures/targets/d2-small.json');
 * ```
 */
export function loadTarget(path: string): Target {
  const net = readNetworkFile(path);
  const h = checkH(net);
  if (!h.holds) {
    const layer = h.layers.find((x) => !x.holds);
    throw new InputError(
      `${path}: target violates hypothesis H (||W_i||_2 <= 1) at layer ${h.firstViolation}` +
        (layer
          ? ` (||W||_F^2 = ${layer.frobeniusSquared.toScientific(6)}, max |w| = ${layer.maxAbsEntry.toScientific(6)})`
          : ''),
    );
  }
  return { net, hprime: checkHPrime(net).holds };
}
