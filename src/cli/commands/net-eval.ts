/**
 * `slth net eval`: the exact output of a network at one input.
 */
import { InputError } from '../../errors.js';
import { readNetworkFile } from '../../network/json.js';
import { forward, widths as widthsOf } from '../../network/network.js';
import { Rational } from '../../numeric/rational.js';
import { boolFlag, JSON_FLAG, requiredFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { estimateJson } from '../../numeric/json-values.js';

/**
 * Parses a comma-separated exact vector such as `1/3,-1/4,0.2` (decimals are exact: 0.2 = 1/5).
 *
 * @example
 * ```ts
 * parseVector('1/3,0.2', '--x').map(String); // ['1/3', '1/5']
 * ```
 */
export function parseVector(text: string, what: string): Rational[] {
  if (text.trim() === '') throw new InputError(`${what} is empty`);
  return text.split(',').map((s, i) => {
    try {
      return Rational.parse(s);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${what} entry ${i}: ${e.message}`);
      throw e;
    }
  });
}

/** `slth net eval FILE --x v1,...,vd [--json]`. */
export const netEval: Command = {
  path: ['net', 'eval'],
  summary: 'evaluate a network exactly at one input x',
  usage: 'net eval FILE --x v1,...,vd [--json]',
  description:
    'Each v is exact: an integer, a decimal (0.2 is 1/5), 1e-3 or p/q. The output is exact (p/q),\n' +
    'with a decimal rounded to nearest for reading.',
  flags: [
    {
      name: 'x',
      kind: 'string',
      help: 'the input, d comma-separated exact values',
      required: true,
      placeholder: 'LIST',
    },
    JSON_FLAG,
  ],
  positional: { min: 1, max: 1, names: 'FILE' },
  run(args, io) {
    const file = args.positional[0] as string;
    const net = readNetworkFile(file);
    const d = widthsOf(net)[0] as number;
    const x = parseVector(requiredFlag(args, 'x'), '--x');
    if (x.length !== d) throw new InputError(`--x has ${x.length} entries but the network's input dimension d is ${d}`);
    const y = forward(net, x);
    if (boolFlag(args, 'json')) {
      io.out(toJsonText({ file, x: x.map(String), output: y.map(String), outputEstimate: y.map(estimateJson) }));
    } else {
      io.out(
        [
          `${file} at x = (${x.map(String).join(', ')}):`,
          ...y.map((v, i) => `  F(x)[${i}] = ${v.toString()} ~ ${v.toDecimal(17)}`),
        ].join('\n'),
      );
    }
    return 0;
  },
};
