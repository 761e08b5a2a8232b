/**
 * `slth exists`: exact existence of a mask for a d = 1, l = 1 target (docs/MATH.md §7).
 */
import { existenceJson, exists, MAX_POOL, type ExistenceResult, type SideExistence } from '../../existence/exists.js';
import { certify } from '../../constructions/certify.js';
import { Rational } from '../../numeric/rational.js';
import { readNetworkFile } from '../../network/json.js';
import { checkSeed } from '../../random/scheme.js';
import { boolFlag, JSON_FLAG, parseCount, requiredFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { epsFlag } from '../parse.js';

function sideLine(label: string, s: SideExistence, w: string): string {
  const set = s.units.length === 0 ? '{}' : `{${s.units.join(', ')}}`;
  const err = s.error.isZero() ? '0' : `${s.error.toString()} ~ ${s.error.toScientific(6, 'ceil')}`;
  return (
    `  ${label} (${s.candidates.length} units with u ${s.side === 'positive' ? '> 0' : '< 0'}): S = ${set}\n` +
    `      sum v u = ${s.sum.toString()} ~ ${s.sum.isZero() ? '0' : s.sum.toScientific(10)}\n` +
    `      |sum - w| = ${err} (exact minimum over all subsets; ${s.withinEps ? '<= eps' : '> eps'}; w = ${w})`
  );
}

/**
 * The human-readable report of an existence result.
 *
 * @example
 * ```ts
 * existenceText(exists(target, 30, 's', Rational.of(1, 100)), 'target.json');
 * ```
 */
export function existenceText(r: ExistenceResult, file: string): string {
  const lines = [
    `exact existence for ${file} (d = 1, l = 1, ${r.outputs.length} output${r.outputs.length === 1 ? '' : 's'}), G ${r.scheme} seed '${r.seed}', depth 2, pool K = ${r.pool}, eps = ${r.eps.toString()}`,
  ];
  if (r.zeroUnits.length > 0) lines.push(`  units with u = 0 (never useful): ${r.zeroUnits.join(', ')}`);
  for (const o of r.outputs) {
    lines.push(
      `output ${o.output} (w = ${o.w.toString()}): minimal error ${o.error.isZero() ? '0' : o.error.toScientific(6, 'ceil')} (${o.withinEps ? '<= eps' : '> eps'})`,
    );
    lines.push(sideLine('x >= 0, S+', o.positive, o.w.toString()));
    lines.push(sideLine('x <= 0, S-', o.negative, o.w.toString()));
  }
  const sup = r.minimalSup.lower.eq(r.minimalSup.upper)
    ? `${r.minimalSup.upper.toString()} ~ ${r.minimalSup.upper.isZero() ? '0' : r.minimalSup.upper.toScientific(6, 'ceil')}`
    : `in [${r.minimalSup.lower.toScientific(6, 'floor')}, ${r.minimalSup.upper.toScientific(6, 'ceil')}] (square ${r.minimalSupSquared.toString()})`;
  lines.push(`minimal sup error over all masks (sup over |x| <= 1 of ||G~(x) - F(x)||_2): ${sup}`);
  lines.push(
    r.exists
      ? `A MASK EXISTS: the mask above (${r.mask.units.length} units, ${r.mask.edges.length} output edges) has sup error <= eps = ${r.eps.toString()}`
      : `NO MASK EXISTS: every mask of this G has sup error > eps = ${r.eps.toString()} (certified by exhaustive exact search)`,
  );
  return lines.join('\n');
}

/**
 * `slth exists`.
 *
 * @example
 * ```ts
 * await main(['exists', '--target', 't.json', '--pool', '40', '--seed', 's', '--eps', '1e-6']); // 0, 1 or 2
 * ```
 */
export const existsCommand: Command = {
  path: ['exists'],
  summary: 'exact existence of a mask for a d = 1, l = 1 target (exit 0 exists, 1 certified none)',
  usage: 'exists --target FILE --pool K --seed S --eps E [--json]',
  description:
    'G has depth 2 and K hidden units (scheme slth-g/1). For each output r the best subsets S+ of\n' +
    'units with u > 0 and S- of units with u < 0 minimise |sum v u - w_r| (exact meet in the middle);\n' +
    'a mask with sup error <= eps exists iff max(sum_r err+^2, sum_r err-^2) <= eps^2 (one output:\n' +
    'both side errors <= eps). "No mask exists" is certified: the minima are exact. Hypothesis H is\n' +
    'not required. Cost: 2^(m/2) per side, m the number of units of one sign (at most 42).',
  flags: [
    {
      name: 'target',
      kind: 'string',
      help: 'target network (slth-network/1) with d = 1 and one layer',
      required: true,
      placeholder: 'FILE',
    },
    { name: 'pool', kind: 'string', help: `hidden width K of G, 1..${MAX_POOL}`, required: true, placeholder: 'K' },
    { name: 'seed', kind: 'string', help: 'seed of the random network G', required: true, placeholder: 'S' },
    {
      name: 'eps',
      kind: 'string',
      help: 'accuracy eps > 0 (exact: 0.01, 1/100, 1e-2)',
      required: true,
      placeholder: 'E',
    },
    JSON_FLAG,
  ],
  run(args, io) {
    const file = requiredFlag(args, 'target');
    const pool = parseCount(requiredFlag(args, 'pool'), '--pool', 1, MAX_POOL);
    const seed = checkSeed(requiredFlag(args, 'seed'));
    const eps = epsFlag(requiredFlag(args, 'eps'));
    const target = readNetworkFile(file);
    const r = exists(target, pool, seed, eps);
    // the same G with the pair construction: k = K / n_1 units per weight (its private pools)
    const n1 = target.layers[0]?.length ?? 1;
    const k = Math.floor(pool / n1);
    const pair =
      k >= 1
        ? certify({ target, seed, eps, delta: Rational.parse('1/2'), construction: 'pair', pool: BigInt(k) })
            .certificate !== null
        : null;
    const pairText =
      pair === null
        ? 'too few units for the pair construction'
        : pair
          ? 'finds a mask too'
          : r.exists
            ? 'FAILS (no gadget), yet a mask exists'
            : 'fails too';
    if (boolFlag(args, 'json'))
      io.out(toJsonText({ target: file, ...existenceJson(r), pairConstruction: { poolPerWeight: k, success: pair } }));
    else io.out(`${existenceText(r, file)}\npair construction on the same G (pool ${k} per weight): ${pairText}`);
    return r.exists ? 0 : 1;
  },
};
