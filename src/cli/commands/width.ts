/**
 * `slth width`: the stated width of a construction for a target, eps and delta.
 */
import { InputError } from '../../errors.js';
import { widths as networkWidths } from '../../network/network.js';
import { statedWidth, type StatedWidth } from '../../theory/stated-width.js';
import { ALL_CONSTRUCTIONS, type ConstructionName } from '../../theory/construction-name.js';
import { pensiaLowerBound } from '../../lemmas/counting.js';
import { Rational } from '../../numeric/rational.js';
import { boolFlag, JSON_FLAG, requiredFlag, stringFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { countJson } from '../../numeric/json-values.js';
import { deltaFlag, epsFlag, exactFlag, widthsFlag } from '../parse.js';
import { loadTarget } from '../target.js';

/**
 * Parses --construction.
 *
 * @example
 * ```ts
 * constructionFlag('pair'); // 'pair'
 * ```
 */
export function constructionFlag(text: string): ConstructionName {
  if (!(ALL_CONSTRUCTIONS as readonly string[]).includes(text))
    throw new InputError(`unknown construction '${text}' (use ${ALL_CONSTRUCTIONS.join(', ')})`);
  return text as ConstructionName;
}

/**
 * Every figure of a stated width, typed (schemas/cli/width.schema.json): exact values as "p/q",
 * counts as numbers (decimal strings beyond 2^53).
 *
 * @example
 * ```ts
 * widthJson(statedWidth(input)).pool; // [16481704, ...]
 * ```
 */
export function widthJson(w: StatedWidth): Record<string, unknown> {
  return {
    construction: w.construction,
    hypothesis: w.hypothesis,
    eps: w.eps.toString(),
    delta: w.delta.toString(),
    lnOnePlusEpsLower: w.L.toString(),
    sUpper: w.S.toString(),
    targetWeights: w.weights,
    eta: w.eta.toString(),
    cEta: w.cEta.toString(),
    pool: w.pool.map(countJson),
    pCandidateLower: w.pCandidate.map(String),
    gWidths: w.gWidths.map(countJson),
    hiddenUnits: countJson(w.hiddenUnits),
    gParameters: countJson(w.gParameters),
    targetParameters: w.targetParameters,
    activeWeights: w.activeWeights,
    activeWeightsExact: w.activeWeightsExact,
    depth: w.depth,
    failureBound: w.failureBound === null ? null : w.failureBound.toString(),
    ...(w.construction === 'subset'
      ? {
          ...subsetJson(w),
          failureBoundNote:
            'none applies: no failure probability is proven for the subset pool (its constant is calibrated, not proven)',
          pensiaLowerBound: pensiaJson(w),
        }
      : {}),
  };
}

/**
 * Parses `--lueker-c`: an exact constant C_D > 0.
 *
 * @example
 * ```ts
 * luekerCFlag('32/3').toString(); // '32/3'
 * ```
 */
export function luekerCFlag(text: string): Rational {
  const c = exactFlag(text, '--lueker-c');
  if (c.sign() <= 0) throw new InputError(`--lueker-c must be > 0, got ${text}`);
  return c;
}

/** The subset construction's calibrated-constant fields (nothing for the others). */
function subsetJson(w: StatedWidth): Record<string, unknown> {
  if (w.construction !== 'subset' || w.luekerC === undefined) return {};
  return {
    constantCalibrated: true,
    luekerC: w.luekerC.toString(),
    luekerCNote: 'C_D is calibrated empirically (scripts/calibrate-subset.ts), not proven',
    log2TermUpper: w.log2Term?.toString() ?? null,
  };
}

/** Pensia et al.'s lower bound d^2 log2(1/(2 eps)) - 1 at d = n_0 (a certified bracket; eps < 1/2 only). */
function pensiaJson(w: StatedWidth): Record<string, unknown> | null {
  const d = Number(w.gWidths[0]);
  if (w.eps.add(w.eps).ge(Rational.ONE)) return null; // eps >= 1/2: log2(1/(2 eps)) <= 0
  const b = pensiaLowerBound(d, w.eps);
  return { d, lower: b.lower.toString(), upper: b.upper.toString() };
}

/** Human-readable table of a stated width. */
export function widthText(w: StatedWidth): string {
  const sci = (x: { toScientific(n: number, m: 'floor' | 'ceil'): string }, m: 'floor' | 'ceil' = 'floor'): string =>
    x.toScientific(6, m);
  return [
    `construction ${w.construction} under hypothesis ${w.hypothesis}, eps = ${w.eps}, delta = ${w.delta}`,
    `  ln(1+eps) >= ${sci(w.L)}   S <= ${sci(w.S, 'ceil')}   N_w = ${w.weights}`,
    `  eta       = ${sci(w.eta)} (certified lower bound; exact ${w.eta})`,
    `  c(eta)    = ${sci(w.cEta, 'ceil')} (a-priori bound of every gadget's error)`,
    `  pool k    = ${w.pool.join(', ')} (per target layer)`,
    ...(w.construction === 'subset'
      ? [
          `  k = ceil(C_D log2(2 N_w / min(eta, delta))) with C_D = ${w.luekerC?.toString()} (${w.luekerC?.toScientific(6, 'nearest')}): calibrated, not proven`,
          `  log2(2 N_w / min(eta, delta)) <= ${w.log2Term ? sci(w.log2Term, 'ceil') : '-'}`,
        ]
      : [`  p per candidate >= ${w.pCandidate.map((p) => sci(p)).join(', ')}`]),
    `  G widths  = ${w.gWidths.join(', ')}`,
    `  depth ${w.depth}, hidden units ${w.hiddenUnits}, G parameters ${w.gParameters} (target: ${w.targetParameters})`,
    ...(w.construction === 'subset' ? [pensiaText(w)] : []),
    `  active weights ${w.activeWeightsExact ? '=' : '<='} ${w.activeWeights}`,
    w.failureBound === null
      ? '  union-bound failure probability: none applies (no proven failure probability; the pool is calibrated, not proven)'
      : `  union-bound failure probability <= ${sci(w.failureBound, 'ceil')}`,
  ].join('\n');
}

function pensiaText(w: StatedWidth): string {
  const p = pensiaJson(w);
  if (p === null) return "  Pensia et al.'s lower bound d^2 log2(1/(2 eps)) - 1: not positive for eps >= 1/2";
  const b = pensiaLowerBound(Number(w.gWidths[0]), w.eps);
  return `  Pensia et al.'s lower bound d^2 log2(1/(2 eps)) - 1 at d = ${p['d']}: in [${b.lower.toScientific(6, 'floor')}, ${b.upper.toScientific(6, 'ceil')}] parameters (for d x d targets; shown beside G's parameter count)`;
}

/** `slth width`. */
export const widthCommand: Command = {
  path: ['width'],
  summary: 'stated width of a construction (eta, pool size, G widths, counts, failure bound)',
  usage:
    'width (--target FILE | --widths 3,4,1) --eps E --delta D --construction pair|shared|product|subset [--hprime] [--lueker-c C] [--json]',
  description:
    "The product construction uses the H' width when the target satisfies H' (or with --hprime and --widths).\n" +
    'The subset construction (subset sums, Pensia et al.) uses k = ceil(C_D log2(2 N_w / min(eta, delta))) units per\n' +
    'input coordinate; C_D defaults to the calibrated constant of scripts/calibrate-subset.ts (calibrated, not proven).',
  flags: [
    { name: 'target', kind: 'string', help: 'target network (slth-network/1); must satisfy H', placeholder: 'FILE' },
    { name: 'widths', kind: 'string', help: 'target widths d,n_1,...,n_l instead of a file', placeholder: 'LIST' },
    {
      name: 'eps',
      kind: 'string',
      help: 'accuracy eps > 0 (exact: 0.1, 1/10, 1e-1)',
      required: true,
      placeholder: 'E',
    },
    { name: 'delta', kind: 'string', help: 'failure probability delta in (0, 1)', required: true, placeholder: 'D' },
    {
      name: 'construction',
      kind: 'string',
      help: 'pair, shared, product or subset',
      required: true,
      placeholder: 'C',
    },
    { name: 'hprime', kind: 'boolean', help: "with --widths: assume hypothesis H' (product only)" },
    {
      name: 'lueker-c',
      kind: 'string',
      help: 'subset only: the constant C_D of the pool formula (default: calibrated)',
      placeholder: 'C',
    },
    JSON_FLAG,
  ],
  run(args, io) {
    const targetPath = stringFlag(args, 'target');
    const widthsText = stringFlag(args, 'widths');
    if ((targetPath === undefined) === (widthsText === undefined))
      throw new InputError('give exactly one of --target FILE or --widths LIST');
    let widths: number[];
    let hprime = boolFlag(args, 'hprime');
    if (targetPath !== undefined) {
      const t = loadTarget(targetPath);
      widths = networkWidths(t.net);
      if (hprime && !t.hprime) throw new InputError(`--hprime given but ${targetPath} violates H'`);
      hprime = t.hprime;
    } else {
      widths = widthsFlag(widthsText as string);
    }
    const construction = constructionFlag(requiredFlag(args, 'construction'));
    const cText = stringFlag(args, 'lueker-c');
    if (cText !== undefined && construction !== 'subset')
      throw new InputError('--lueker-c applies to the subset construction only');
    const w = statedWidth({
      widths,
      eps: epsFlag(requiredFlag(args, 'eps')),
      delta: deltaFlag(requiredFlag(args, 'delta')),
      construction,
      hprime,
      luekerC: cText === undefined ? undefined : luekerCFlag(cText),
    });
    io.out(boolFlag(args, 'json') ? toJsonText(widthJson(w)) : widthText(w));
    return 0;
  },
};
