/**
 * `slth check CERT`: the trusted kernel's verdict on a certificate.
 */
import { kernelVerdict } from '../certificate-doc.js';
import { boolFlag, JSON_FLAG, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { readJsonFile } from '../../network/json.js';

/** `slth check`. */
export const checkCommand: Command = {
  path: ['check'],
  summary: 'kernel-check a certificate: ACCEPT (exit 0) or REJECT with the reason (exit 1; 2 if malformed)',
  usage: 'check CERT [--json]',
  description:
    'The kernel re-derives every kept weight from the seed, checks pools, edges and the layer mapping,\n' +
    'recomputes every gadget error exactly and the Lemma 4 bound, and accepts only if the bound is <= eps.\n' +
    'A malformed certificate (unreadable, broken JSON, a field of the wrong type) is one line on stderr, exit 2.',
  flags: [JSON_FLAG],
  positional: { min: 1, max: 1, names: 'CERT' },
  run(args, io) {
    const path = args.positional[0] as string;
    const v = kernelVerdict(readJsonFile(path), path);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText(
          v.verdict === 'ACCEPT'
            ? {
                verdict: 'ACCEPT',
                bound: v.bound.toString(),
                eps: v.eps.toString(),
                gadgets: v.gadgets,
                activeWeights: v.activeWeights,
                depth: v.depth,
              }
            : { verdict: 'REJECT', kind: v.kind, reason: v.reason },
        ),
      );
    } else if (v.verdict === 'ACCEPT') {
      io.out(
        `ACCEPT ${path}: Lemma 4 bound ${v.bound.toScientific(8, 'ceil')} <= eps = ${v.eps}; ${v.gadgets} gadgets, ${v.activeWeights} active weights, depth ${v.depth}`,
      );
    } else {
      io.out(`REJECT ${path}: ${v.reason}`);
    }
    return v.verdict === 'ACCEPT' ? 0 : 1;
  },
};
