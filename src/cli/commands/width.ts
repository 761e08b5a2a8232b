/**
 * `slth width`: the stated width of a construction for a target, eps and delta.
 */
import { InputError } from '../../errors.js';
import { widths as networkWidths } from '../../network/network.js';
import { statedWidth, type StatedWidth } from '../../theory/stated-width.js';
import { CONSTRUCTIONS, type ConstructionName } from '../../theory/construction-name.js';
import { boolFlag, JSON_FLAG, requiredFlag, stringFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { deltaFlag, epsFlag, widthsFlag } from '../parse.js';
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
  if (!(CONSTRUCTIONS as readonly string[]).includes(text))
    throw new InputError(`unknown construction '${text}' (use ${CONSTRUCTIONS.join(', ')})`);
  return text as ConstructionName;
}

/**
 * Every figure of a stated width as exact JSON strings.
 *
 * @example
 * ```ts
 * widthJson(statedWidth(input)).pool; // ['16481704', ...]
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
    pool: w.pool.map(String),
    pCandidateLower: w.pCandidate.map(String),
    gWidths: w.gWidths.map(String),
    hiddenUnits: w.hiddenUnits.toString(),
    gParameters: w.gParameters.toString(),
    targetParameters: w.targetParameters,
    activeWeights: w.activeWeights,
    activeWeightsExact: w.activeWeightsExact,
    depth: w.depth,
    failureBound: w.failureBound.toString(),
  };
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
    `  p per candidate >= ${w.pCandidate.map((p) => sci(p)).join(', ')}`,
    `  G widths  = ${w.gWidths.join(', ')}`,
    `  depth ${w.depth}, hidden units ${w.hiddenUnits}, G parameters ${w.gParameters} (target: ${w.targetParameters})`,
    `  active weights ${w.activeWeightsExact ? '=' : '<='} ${w.activeWeights}`,
    `  union-bound failure probability <= ${sci(w.failureBound, 'ceil')}`,
  ].join('\n');
}

/** `slth width`. */
export const widthCommand: Command = {
  path: ['width'],
  summary: 'stated width of a construction (eta, pool size, G widths, counts, failure bound)',
  usage:
    'width (--target FILE | --widths 3,4,1) --eps E --delta D --construction pair|shared|product [--hprime] [--json]',
  description:
    "The product construction uses the H' width when the target satisfies H' (or with --hprime and --widths).",
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
    { name: 'construction', kind: 'string', help: 'pair, shared or product', required: true, placeholder: 'C' },
    { name: 'hprime', kind: 'boolean', help: "with --widths: assume hypothesis H' (product only)" },
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
    const w = statedWidth({
      widths,
      eps: epsFlag(requiredFlag(args, 'eps')),
      delta: deltaFlag(requiredFlag(args, 'delta')),
      construction: constructionFlag(requiredFlag(args, 'construction')),
      hprime,
    });
    io.out(boolFlag(args, 'json') ? toJsonText(widthJson(w)) : widthText(w));
    return 0;
  },
};
