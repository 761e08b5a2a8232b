/**
 * `slth net validate`: checks a network file and reports which hypotheses hold, exactly.
 */
import { NETWORK_FORMAT, readNetworkFile } from '../../network/json.js';
import { weightCount, widths as widthsOf } from '../../network/network.js';
import { checkH, checkHPrime, type LayerH, type LayerHPrime } from '../../network/norms.js';
import { boolFlag, JSON_FLAG, type Command } from '../command.js';
import { toJsonText } from '../io.js';

const DIGITS = 12;

function hLine(l: LayerH): string {
  const how =
    l.method === 'frobenius'
      ? 'decided by ||W||_F^2 <= 1'
      : l.method === 'row-col'
        ? 'decided by ||W||_1 ||W||_inf <= 1'
        : l.method === 'line-norm'
          ? 'refuted: a row or column has Euclidean norm > 1'
          : `decided by the exact PSD test of I - W^T W`;
  return [
    `  layer ${l.layer} (${l.rows}x${l.cols}): ||W||_2 <= 1 ${l.holds ? 'holds' : 'FAILS'} (${how})`,
    `    ||W||_F^2 = ${l.frobeniusSquared.toString()} ~ ${l.frobeniusSquared.toDecimal(DIGITS)}; ||W||_F <= ${l.frobeniusUpper.toDecimal(DIGITS, 'ceil')}`,
    `    ||W||_1 ||W||_inf = ${l.norm1.toString()} * ${l.normInf.toString()} = ${l.rowColProduct.toString()} ~ ${l.rowColProduct.toDecimal(DIGITS)}; sqrt <= ${l.rowColUpper.toDecimal(DIGITS, 'ceil')}`,
    `    max |w| = ${l.maxAbsEntry.toString()}`,
  ].join('\n');
}

function hpLine(l: LayerHPrime): string {
  return (
    `  layer ${l.layer} (n_${l.layer - 1} = ${l.fanIn}): |w| <= 1/sqrt(${l.fanIn}) ${l.holds ? 'holds' : `FAILS for ${l.violations} weight(s)`}; ` +
    `max |w| = ${l.maxAbsEntry.toString()} at row ${l.row} column ${l.col}, max |w|^2 n_${l.layer - 1} = ${l.ratioSquared.toString()} ~ ${l.ratioSquared.toDecimal(6)}`
  );
}

/** `slth net validate FILE [--json]`. */
export const netValidate: Command = {
  path: ['net', 'validate'],
  summary: "validate a network file and check hypotheses H and H' exactly",
  usage: 'net validate FILE [--json]',
  description:
    `FILE is a ${NETWORK_FORMAT} document. Exit 0 for a valid network (whether or not H and H' hold;\n` +
    'the report names offending layers), 2 for malformed input. H: ||W_i||_2 <= 1 for every layer;\n' +
    "H': |W_i[r,j]| <= 1/sqrt(n_{i-1}). Layers count from 1, rows and columns from 0.",
  flags: [JSON_FLAG],
  positional: { min: 1, max: 1, names: 'FILE' },
  run(args, io) {
    const file = args.positional[0] as string;
    const net = readNetworkFile(file);
    const ws = widthsOf(net);
    const h = checkH(net);
    const hp = checkHPrime(net);
    const nw = weightCount(net);
    const n = Math.max(...ws);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText({
          file,
          valid: true,
          format: NETWORK_FORMAT,
          widths: ws,
          depth: ws.length - 1,
          weights: nw,
          n,
          H: h,
          Hprime: hp,
        }),
      );
      return 0;
    }
    const lines = [
      `${file}: valid ${NETWORK_FORMAT} network`,
      `  widths ${ws.join(',')} (d = ${ws[0]}, depth l = ${ws.length - 1}, n = ${n}), N_w = ${nw}`,
      `H (||W_i||_2 <= 1 for every layer): ${h.holds ? 'holds' : `FAILS (first at layer ${h.firstViolation})`}`,
      ...h.layers.map(hLine),
      `H' (|W_i[r,j]| <= 1/sqrt(n_{i-1})): ${hp.holds ? 'holds' : `FAILS (first at layer ${hp.firstViolation})`}`,
      ...hp.layers.map(hpLine),
    ];
    io.out(lines.join('\n'));
    return 0;
  },
};
