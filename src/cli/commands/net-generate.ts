/**
 * `slth net generate`: a seeded random target satisfying H exactly (and H' on request).
 */
import { generateTarget, DEFAULT_BITS, TARGET_GENERATOR } from '../../network/generate.js';
import { NETWORK_FORMAT, networkToJson } from '../../network/json.js';
import { weightCount, widths as widthsOf } from '../../network/network.js';
import { checkH, checkHPrime } from '../../network/norms.js';
import { checkSeed } from '../../random/scheme.js';
import { InputError } from '../../errors.js';
import {
  generateUniformTarget,
  parseInterval,
  quickH,
  UNIFORM_BITS,
  UNIFORM_GENERATOR,
} from '../../network/uniform.js';
import {
  boolFlag,
  JSON_FLAG,
  parseCount,
  requiredFlag,
  stringFlag,
  type Command,
  type Io,
  type ParsedArgs,
} from '../command.js';
import { toJsonText, writeOutput } from '../io.js';
import { checkOutputFile } from '../../files/write.js';

/**
 * Parses a comma-separated width list such as `3,4,4,1`.
 *
 * @example
 * ```ts
 * parseWidths('3,4,4,1'); // [3, 4, 4, 1]
 * ```
 */
export function parseWidths(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length < 2) throw new InputError(`--widths needs at least two sizes d,n_1,...,n_l (got '${text}')`);
  return parts.map((p, i) => parseCount(p, `--widths entry ${i} (n_${i})`, 1, 10_000));
}

/** `slth net generate --widths 3,4,4,1 --seed S [--hprime] [--tight] [--bits B] [--out FILE]`. */
export const netGenerate: Command = {
  path: ['net', 'generate'],
  summary: `generate a seeded random target satisfying H exactly (an ${NETWORK_FORMAT} document; generator ${TARGET_GENERATOR})`,
  usage:
    'net generate --widths d,n_1,...,n_l --seed S [--hprime] [--tight] [--uniform a,b] [--bits B] [--out FILE] [--json]',
  description:
    `Weights are short dyadic rationals drawn from seedrandom.xor4096('${TARGET_GENERATOR}:<seed>'),\n` +
    'scaled so that a certified bound (Frobenius or sqrt(||W||_1 ||W||_inf)) of every ||W_i||_2 is <= 1,\n' +
    'then checked exactly. Without --out the network document (format slth-network/1) is printed on\n' +
    `stdout; its meta.generator names the generator (${TARGET_GENERATOR}), not the file format.\n` +
    `--uniform a,b instead draws every weight uniformly from the multiples of 2^-B in [a, b] (${UNIFORM_GENERATOR},\n` +
    `default B = ${UNIFORM_BITS}), like Pensia et al.'s trained network: such targets do NOT satisfy H in general.`,
  flags: [
    {
      name: 'widths',
      kind: 'string',
      help: 'widths n_0 = d, n_1, ..., n_l (each 1..10000)',
      required: true,
      placeholder: 'LIST',
    },
    { name: 'seed', kind: 'string', help: 'seed of the generator', required: true, placeholder: 'S' },
    { name: 'hprime', kind: 'boolean', help: "also satisfy H': |W_i[r,j]| <= 1/sqrt(n_{i-1})" },
    {
      name: 'tight',
      kind: 'boolean',
      help: 'scale each layer up until ||W_i||_2 is close to 1 (exact tests; layers with min(n_i, n_{i-1}) <= 64)',
    },
    {
      name: 'uniform',
      kind: 'string',
      help: 'weights uniform on [a, b] (exact dyadics; H usually fails)',
      placeholder: 'a,b',
    },
    {
      name: 'bits',
      kind: 'string',
      help: `resolution of the raw draws, 1..30 (default ${DEFAULT_BITS})`,
      placeholder: 'B',
    },
    {
      name: 'out',
      kind: 'string',
      help: 'write the network to FILE (atomically) instead of stdout',
      placeholder: 'FILE',
    },
    JSON_FLAG,
  ],
  run(args, io) {
    const ws = parseWidths(requiredFlag(args, 'widths'));
    const seed = checkSeed(requiredFlag(args, 'seed'));
    const uniformText = stringFlag(args, 'uniform');
    if (uniformText !== undefined) return generateUniform(args, io, ws, seed, uniformText);
    const bitsText = stringFlag(args, 'bits');
    const bits = bitsText === undefined ? DEFAULT_BITS : parseCount(bitsText, '--bits', 1, 30);
    const hprime = boolFlag(args, 'hprime');
    const tight = boolFlag(args, 'tight');
    const net = generateTarget(ws, seed, { hprime, bits, tight });
    const meta = { generator: TARGET_GENERATOR, seed, widths: ws, bits, hprime, tight };
    const doc = networkToJson(net, meta);
    const out = stringFlag(args, 'out');
    if (out !== undefined) checkOutputFile(out, '--out');
    writeOutput(out ?? '-', toJsonText(doc), io);
    if (out === undefined || out === '-') return 0;
    const h = checkH(net).holds;
    const hp = checkHPrime(net).holds;
    const nw = weightCount(net);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText({
          written: out,
          format: NETWORK_FORMAT,
          meta,
          widths: widthsOf(net),
          weights: nw,
          H: h,
          Hprime: hp,
        }),
      );
    } else {
      io.out(
        `wrote ${out}: widths ${widthsOf(net).join(',')}, N_w = ${nw} (${TARGET_GENERATOR}, seed ${seed}, bits ${bits}${hprime ? ', hprime' : ''}${tight ? ', tight' : ''})\n` +
          `  H: ${h ? 'holds' : 'fails'} (exact); H': ${hp ? 'holds' : 'fails'} (exact)`,
      );
    }
    return 0;
  },
};

/** `slth net generate --uniform a,b`: weights uniform on [a, b], with the H verdict said plainly. */
function generateUniform(args: ParsedArgs, io: Io, ws: number[], seed: string, interval: string): number {
  if (boolFlag(args, 'hprime') || boolFlag(args, 'tight'))
    throw new InputError(
      '--uniform cannot be combined with --hprime or --tight (uniform targets are not scaled into H)',
    );
  const [a, b] = parseInterval(interval);
  const bitsText = stringFlag(args, 'bits');
  const bits = bitsText === undefined ? UNIFORM_BITS : parseCount(bitsText, '--bits', 1, 30);
  const net = generateUniformTarget(ws, seed, a, b, bits);
  const h = quickH(net);
  const hText = h.holds ? 'holds (exact)' : `fails (exact: ${h.how})`;
  const meta = {
    generator: UNIFORM_GENERATOR,
    seed,
    widths: ws,
    interval: [a.toString(), b.toString()],
    bits,
    H: { holds: h.holds, firstViolation: h.firstViolation, how: h.how },
  };
  const doc = networkToJson(net, meta);
  const out = stringFlag(args, 'out');
  if (out !== undefined) checkOutputFile(out, '--out');
  writeOutput(out ?? '-', toJsonText(doc), io);
  if (out === undefined || out === '-') return 0;
  if (boolFlag(args, 'json')) {
    io.out(
      toJsonText({
        written: out,
        format: NETWORK_FORMAT,
        meta,
        widths: widthsOf(net),
        weights: weightCount(net),
        H: h.holds,
        HfirstViolation: h.firstViolation,
        Hnote: h.how,
      }),
    );
  } else {
    io.out(
      `wrote ${out}: widths ${widthsOf(net).join(',')}, N_w = ${weightCount(net)} (${UNIFORM_GENERATOR}, seed ${seed}, uniform on [${a}, ${b}], bits ${bits})\n` +
        `  H: ${hText}${h.holds ? '' : "; the theorem's stated widths do not apply: use the custom mode (slth construct --construction subset --eta E --pool K)"}`,
    );
  }
  return 0;
}
