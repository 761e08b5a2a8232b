/**
 * `slth universal`: decides exactly whether the lazy G is eta-universal for construction D at
 * given widths (every slot and sign: subset sums eta-cover [-1, 1]).
 */
import { InputError } from '../../errors.js';
import type { Rational } from '../../numeric/rational.js';
import { checkSeed } from '../../random/scheme.js';
import { statedWidth } from '../../theory/stated-width.js';
import { certifiedEta } from '../../theory/eta.js';
import { universal, MAX_SIDE, type SlotSide } from '../../existence/universal.js';
import { boolFlag, JSON_FLAG, parseCount, requiredFlag, stringFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { deltaFlag, epsFlag, widthsFlag } from '../parse.js';
import { progressBar } from '../progress.js';
import { luekerCFlag } from './width.js';

function sideJson(s: SlotSide | undefined): Record<string, unknown> | null {
  if (!s) return null;
  return {
    layer: s.layer,
    row: s.row,
    col: s.col,
    side: s.side,
    units: s.units,
    decided: s.decided,
    covers: s.covers,
    maxGap: s.maxGap?.toString() ?? null,
    maxGapOfAllValues: s.decided === s.units,
    reason: s.reason,
    uncovered: s.uncovered?.toString() ?? null,
    uncoveredDistance: s.uncoveredDistance?.toString() ?? null,
  };
}

const sci = (q: Rational | undefined, m: 'floor' | 'ceil' = 'ceil'): string => (q ? q.toScientific(6, m) : '-');

/** `slth universal`. @example `slth universal --widths 2,8,8,1 --seed demo --eps 0.1 --delta 0.01` */
export const universalCommand: Command = {
  path: ['universal'],
  summary: 'decide exactly whether G is eta-universal for construction D (subset sums) at given widths',
  usage: 'universal --widths d,n_1,...,n_l --seed S --eps E (--delta D | --pool K) [--lueker-c C] [--json]',
  description:
    'eta is the certified tolerance of construction D for the widths and eps (eta <= ln(1 + eps) / S).\n' +
    'For every slot (i, r, j) and each sign of u, the subset sums of { u_t v_{r,t} } over that side of pool P_j\n' +
    'must eta-cover [-1, 1] (exact max-gap test of the subset-sum lemma). Sides of more than ' +
    `${MAX_SIDE} values are covered\n` +
    'when their 16, 20 or 24 values of largest |u v| cover (covering is monotone); otherwise the decision is refused.\n' +
    'The pool is the stated one (with --delta; C_D calibrated, not proven) or --pool K.\n' +
    'Exit 0 when universal, 1 when not (with an exact uncovered weight value), 2 on bad input.',
  flags: [
    { name: 'widths', kind: 'string', help: 'target widths d,n_1,...,n_l', required: true, placeholder: 'LIST' },
    { name: 'seed', kind: 'string', help: 'seed of the random network G', required: true, placeholder: 'S' },
    { name: 'eps', kind: 'string', help: 'accuracy eps > 0', required: true, placeholder: 'E' },
    { name: 'delta', kind: 'string', help: 'failure probability of the stated pool', placeholder: 'D' },
    { name: 'pool', kind: 'string', help: 'units per input coordinate instead of the stated pool', placeholder: 'K' },
    {
      name: 'lueker-c',
      kind: 'string',
      help: 'the constant C_D of the stated pool (default: calibrated)',
      placeholder: 'C',
    },
    { name: 'quiet', kind: 'boolean', help: 'no progress bar' },
    JSON_FLAG,
  ],
  run(args, io) {
    const json = boolFlag(args, 'json');
    const widths = widthsFlag(requiredFlag(args, 'widths'));
    const seed = checkSeed(requiredFlag(args, 'seed'));
    const eps = epsFlag(requiredFlag(args, 'eps'));
    const poolText = stringFlag(args, 'pool');
    const deltaText = stringFlag(args, 'delta');
    const cText = stringFlag(args, 'lueker-c');
    if ((poolText === undefined) === (deltaText === undefined))
      throw new InputError('give exactly one of --delta D (the stated pool) or --pool K');
    if (cText !== undefined && poolText !== undefined)
      throw new InputError('--lueker-c sets the stated pool; not with --pool');
    const eta = certifiedEta('subset', widths, eps);
    let pool: number[];
    let luekerC: Rational | undefined;
    if (poolText !== undefined) {
      const k = parseCount(poolText, '--pool', 1, 1_000_000);
      pool = widths.slice(1).map(() => k);
    } else {
      const s = statedWidth({
        widths,
        eps,
        delta: deltaFlag(deltaText as string),
        construction: 'subset',
        luekerC: cText === undefined ? undefined : luekerCFlag(cText),
      });
      luekerC = s.luekerC;
      pool = s.pool.map((k) => {
        if (k > 1_000_000n) throw new InputError(`the stated pool ${k} is too large to decide universality`);
        return Number(k);
      });
    }
    const progress = progressBar(io, 'universal', boolFlag(args, 'quiet'));
    const t0 = performance.now();
    const r = universal({ widths, seed, eta, pool, onProgress: (d, t) => progress.tick(d, t) });
    progress.done();
    const seconds = (performance.now() - t0) / 1000;
    if (json) {
      io.out(
        toJsonText({
          universal: r.universal,
          widths,
          seed,
          eps: eps.toString(),
          eta: eta.toString(),
          pool,
          statedPool: poolText === undefined,
          luekerC: luekerC?.toString() ?? null,
          constantCalibrated: poolText === undefined && cText === undefined,
          slots: r.slots,
          slotsChecked: r.slotsChecked,
          sidesChecked: r.sidesChecked,
          worst: sideJson(r.worst),
          failure: sideJson(r.failure),
          seconds,
        }),
      );
    } else {
      const lines = [
        `G (seed ${seed}) at pools ${pool.join(', ')} for widths ${widths.join(',')}, eta = ${sci(eta, 'floor')} (exact ${eta})${poolText === undefined ? `; stated pool, C_D = ${luekerC?.toString()}${cText === undefined ? ' (calibrated, not proven)' : ' (given)'}` : ''}`,
        r.universal
          ? `  eta-universal: yes (exact), ${r.slotsChecked} slots, ${r.sidesChecked} sides, ${seconds.toFixed(2)} s`
          : `  eta-universal: NO (exact), after ${r.sidesChecked} sides of ${2 * r.slots}`,
      ];
      const w = r.worst;
      if (w)
        lines.push(
          `  worst side: slot (layer ${w.layer}, row ${w.row}, col ${w.col}) ${w.side}, ${w.units} units, max gap ${sci(w.maxGap)} ${w.decided === w.units ? '(all values)' : `(of its ${w.decided} values of largest |u v|)`} vs 2 eta = ${sci(eta.add(eta))}`,
        );
      const f = r.failure;
      if (f)
        lines.push(
          `  uncovered: slot (layer ${f.layer}, row ${f.row}, col ${f.col}) ${f.side} side (${f.units} units, ${f.reason}): w = ${f.uncovered?.toString()} is at distance ${sci(f.uncoveredDistance, 'floor')} > eta from every subset sum`,
        );
      io.out(lines.join('\n'));
    }
    return r.universal ? 0 : 1;
  },
};
