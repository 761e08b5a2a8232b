/**
 * `slth g weight`: one exact weight of the lazy random network G.
 */
import type { Rational } from '../../numeric/rational.js';
import { weight, SCHEME, checkSeed } from '../../random/scheme.js';
import { boolFlag, JSON_FLAG, parseCount, requiredFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';

const MAX_INDEX = Number.MAX_SAFE_INTEGER;

/** `slth g weight --seed S --layer L --row R --col C`. */
export const gWeight: Command = {
  path: ['g', 'weight'],
  summary: 'print one exact weight of the lazy random network G (scheme slth-g/1)',
  usage: 'g weight --seed S --layer L --row R --col C [--json]',
  description:
    'Layers are numbered from 1 (G layers 2i-1 and 2i simulate target layer i); rows and columns from 0.\n' +
    'The weight depends only on (seed, layer, row, col), never on layer widths.',
  flags: [
    { name: 'seed', kind: 'string', help: 'seed of G', required: true, placeholder: 'S' },
    { name: 'layer', kind: 'string', help: 'G layer, from 1', required: true, placeholder: 'L' },
    { name: 'row', kind: 'string', help: 'row index, from 0', required: true, placeholder: 'R' },
    { name: 'col', kind: 'string', help: 'column index, from 0', required: true, placeholder: 'C' },
    JSON_FLAG,
  ],
  run(args, io) {
    const seed = checkSeed(requiredFlag(args, 'seed'));
    const layer = parseCount(requiredFlag(args, 'layer'), '--layer', 1, 1_000_000);
    const row = parseCount(requiredFlag(args, 'row'), '--row', 0, MAX_INDEX);
    const col = parseCount(requiredFlag(args, 'col'), '--col', 0, MAX_INDEX);
    const w: Rational = weight(seed, layer, row, col);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText({
          scheme: SCHEME,
          seed,
          layer,
          row,
          col,
          weight: w.toString(),
          weightEstimate: w.toNumber(),
        }),
      );
    } else {
      io.out(
        `G[${layer}][${row}][${col}] (seed ${seed}, ${SCHEME}) = ${w.toString()}\n  = ${w.toDecimal(20, 'nearest')} (decimal, nearest)`,
      );
    }
    return 0;
  },
};
