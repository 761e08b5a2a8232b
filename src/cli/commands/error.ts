/**
 * `slth error`: the certified sup error sup_{||x|| <= 1} ||A(x) - B(x)||_2 of two networks.
 */
import { InputError } from '../../errors.js';
import { decides, type Decision, type SupErrorResult } from '../../error/result.js';
import { supError, supErrorOfForm } from '../../error/sup-error.js';
import type { DifferenceForm } from '../../error/difference-form.js';
import { certificateForm } from '../certificate-error.js';
import { formatSurd } from '../../numeric/surd.js';
import { parseNetwork, readNetworkFile } from '../../network/json.js';
import type { Network } from '../../network/network.js';
import { CERTIFICATE_FORMAT, type CertificateDoc } from '../../certificate/format.js';
import { certificateNetworks } from '../../certificate/subnetwork.js';
import type { Rational } from '../../numeric/rational.js';
import { checkSeed } from '../../random/scheme.js';
import {
  isSubsetCertificateFile,
  kernelVerdict,
  readNetworkOrCertificate,
  subsetCertificateNetworks,
} from '../certificate-doc.js';
import { boolFlag, JSON_FLAG, parseCount, stringFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { exactFlag } from '../parse.js';

/** Significant digits of the printed bracket (rounded outward). */
const DIGITS = 17;

/** Format tag of the JSON output. @example `JSON.parse(out).format // 'slth-sup-error/1'` */
export const SUP_ERROR_FORMAT = 'slth-sup-error/1';

function parseEps(text: string): Rational {
  const eps = exactFlag(text, '--eps');
  if (eps.sign() < 0) throw new InputError(`--eps must be >= 0, got ${text}`);
  return eps;
}

function methodLine(r: SupErrorResult): string {
  const what: Record<SupErrorResult['method'], string> = {
    identical: 'identical weight matrices, so A - B = 0',
    'exact-d1': 'd = 1: max of ||D(1)||, ||D(-1)||',
    'exact-sector-sweep': `d = 2: exact sweep over ${r.sectors ?? '?'} sectors where A - B is linear`,
    'bracket-branch-and-bound': 'branch-and-bound over the faces of the cube, exact witness',
  };
  const how: Record<string, string> = {
    differential: 'the difference A - B propagated layer by layer',
    'differential+separate': 'the difference propagated, and A and B bounded separately',
    separate: 'A and B bounded separately',
    coarse: 'interval bounds on exact 53-bit integers (large networks)',
  };
  const bounds = r.boxBounds
    ? `; boxes: ${how[r.boxBounds.method] ?? r.boxBounds.method}, ${r.boxBounds.symbolic ? 'symbolic' : 'interval'} bounds`
    : '';
  const witness = r.witnessExact === false ? ' (witness value: a certified lower bound, not exact)' : '';
  return `${r.method} (${r.exact ? 'exact' : 'certified bracket'}): ${what[r.method]}${bounds}${witness}`;
}

function decisionText(decision: Decision, r: SupErrorResult): string {
  if (decision === 'undecided') return 'undecided (the bracket contains eps; raise --budget-ms)';
  if (r.exact) return `sup ${decision} (exact comparison of squares)`;
  if (decision === '<= eps') return 'sup <= eps (certified upper bound)';
  return r.witnessExact === false ? 'sup > eps (certified lower bound at a witness)' : 'sup > eps (exact witness)';
}

/** Exit 0 without --eps or when sup <= eps is certified; 1 when sup > eps or the bracket leaves it undecided. */
function exitCode(decision: Decision | undefined): number {
  return decision === undefined || decision === '<= eps' ? 0 : 1;
}

/**
 * The JSON document of a sup-error result (exact values as "p/q" strings).
 *
 * @example
 * ```ts
 * supErrorJson(result, { a: 'A.json', b: 'B.json' });
 * ```
 */
export function supErrorJson(r: SupErrorResult, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    format: SUP_ERROR_FORMAT,
    ...extra,
    method: r.method,
    exact: r.exact,
    inputDim: r.inputDim,
    outputDim: r.outputDim,
    ...(r.supSquared !== undefined ? { supSquared: r.supSquared.toString() } : {}),
    ...(r.supSquaredSurd !== undefined
      ? {
          supSquaredSurd: {
            rational: r.supSquaredSurd.rational.toString(),
            radicand: r.supSquaredSurd.radicand.toString(),
          },
        }
      : {}),
    lower: r.lower.toString(),
    upper: r.upper.toString(),
    upperSquared: r.upperSquared.toString(),
    decimal: { lower: r.lower.toScientific(DIGITS, 'floor'), upper: r.upper.toScientific(DIGITS, 'ceil') },
    witness: r.witness.map(String),
    witnessSquared: r.witnessSquared.toString(),
    attained: r.attained,
    ...(r.sectors !== undefined ? { sectors: r.sectors } : {}),
    ...(r.boxes !== undefined
      ? {
          boxes: r.boxes,
          openBoxes: r.openBoxes,
          stopReason: r.stopReason,
          budgetEnded: r.stopReason === 'budget-ms',
          restarts: r.restarts,
        }
      : {}),
    ...(r.boxBounds !== undefined ? { boxBounds: r.boxBounds } : {}),
    ...(r.witnessExact === false ? { witnessExact: false } : {}),
    elapsedMs: Math.round(r.elapsedMs),
  };
}

/**
 * `slth error A.json B.json [--eps E] [--budget-ms N] [--max-boxes N] [--seed S] [--json]`.
 *
 * @example
 * ```ts
 * await main(['error', 'g-sub.json', 'target.json', '--eps', '0.01']); // prints the bracket, returns 0
 * ```
 */
export const errorCommand: Command = {
  path: ['error'],
  summary: 'certified sup error sup_{||x||<=1} ||A(x) - B(x)|| of two networks',
  usage:
    'error (A.json B.json | CERT.json [TARGET.json]) [--eps E] [--budget-ms N] [--max-boxes N] [--seed S] [--json]',
  description:
    'A and B are slth-network/1 files with the same input dimension d and output dimension (depths and\n' +
    'widths may differ). d = 1 and d = 2 are exact (the squared sup as p/q, or r + sqrt(s) for some\n' +
    'vector outputs); d >= 3 gives a certified bracket [lower, upper]: upper by branch-and-bound with\n' +
    'outward-rounded linear bounds (of the difference A - B, propagated layer by layer, when A is a\n' +
    'depth-doubling subnetwork of B or has its shape), lower from a witness found by a seeded search\n' +
    'and evaluated exactly. Bounds print with 17 significant digits rounded outward. With --eps, says\n' +
    '"<= eps" only if certified, "> eps" only with a witness above eps, else "undecided"; the exit code\n' +
    'is then 0 for "<= eps" and 1 for "> eps" or "undecided" (a gate passes only on a certified bound).\n' +
    '--budget-ms is a wall-clock limit of the computation (the files are read first); when it ends,\n' +
    'the best certified bracket so far is reported and the output says so. Very large networks get\n' +
    'interval bounds on exact 53-bit integers and, when exact evaluation would not fit, a certified\n' +
    'lower bound at the witness. With --max-boxes and a large budget the run is reproducible.\n' +
    'Given a certificate (slth-certificate/1, or /2 of construction D), A is its subnetwork and B its\n' +
    'target; when the kernel accepts the certificate, its Lemma 4 bound also caps the upper end of a\n' +
    'd >= 3 bracket.',
  flags: [
    { name: 'eps', kind: 'string', help: 'decide sup <= eps (exact: 0.01, 1e-2 or 1/100)', placeholder: 'E' },
    {
      name: 'budget-ms',
      kind: 'string',
      help: 'wall-clock budget of the computation, ms (default 2000)',
      placeholder: 'N',
    },
    {
      name: 'max-boxes',
      kind: 'string',
      help: 'most boxes branch-and-bound may bound (default 1000000)',
      placeholder: 'N',
    },
    { name: 'seed', kind: 'string', help: "seed of the witness search (default 'slth')", placeholder: 'S' },
    JSON_FLAG,
  ],
  positional: { min: 1, max: 2, names: 'A.json B.json (or CERT.json)' },
  run(args, io) {
    const fileA = args.positional[0] as string;
    const subset = isSubsetCertificateFile(fileA);
    const docA = subset ? null : readNetworkOrCertificate(fileA);
    const isCert =
      subset ||
      (typeof docA === 'object' && docA !== null && (docA as { format?: unknown }).format === CERTIFICATE_FORMAT);
    if (!isCert && args.positional.length < 2)
      throw new InputError('give two networks A.json B.json, or a certificate');
    const fileB = args.positional[1] ?? `${fileA} (target)`;
    const epsText = stringFlag(args, 'eps');
    const eps = epsText === undefined ? undefined : parseEps(epsText);
    const budgetText = stringFlag(args, 'budget-ms');
    const budgetMs = budgetText === undefined ? 2000 : parseCount(budgetText, '--budget-ms', 0, 86_400_000);
    const boxesText = stringFlag(args, 'max-boxes');
    const maxBoxes = boxesText === undefined ? undefined : parseCount(boxesText, '--max-boxes', 1, 1_000_000_000);
    const seed = checkSeed(stringFlag(args, 'seed') ?? 'slth');
    let a: Network | undefined;
    let b: Network | undefined;
    let form: DifferenceForm | undefined;
    let bound: Rational | null = null;
    const inFile = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof InputError) throw new InputError(`${fileA}: ${e.message}`);
        throw e;
      }
    };
    let t0 = performance.now();
    if (subset) {
      const n = subsetCertificateNetworks(fileA);
      bound = n.bound;
      t0 = performance.now();
      a = n.sub;
      b = args.positional[1] === undefined ? n.target : readNetworkFile(fileB);
    } else if (isCert) {
      const v = kernelVerdict(docA, fileA);
      if (v.verdict === 'ACCEPT') bound = v.bound;
      t0 = performance.now();
      if (args.positional[1] === undefined) {
        // against its own target: the difference form from the gadgets (G~ is never built)
        form = inFile(() => certificateForm(docA as CertificateDoc));
      } else {
        a = inFile(() => certificateNetworks(docA as CertificateDoc)).sub;
        b = readNetworkFile(fileB);
      }
    } else {
      a = parseNetwork(docA, fileA);
      b = readNetworkFile(fileB);
    }
    const options = {
      budgetMs,
      seed,
      ...(maxBoxes !== undefined ? { maxBoxes } : {}),
      ...(eps !== undefined ? { eps } : {}),
    };
    // the budget covers the computation from here, building a certificate's difference form included
    let r = form
      ? supErrorOfForm(form, { ...options, budgetMs: Math.max(0, budgetMs - (performance.now() - t0)) })
      : supError(a as Network, b as Network, options);
    let capped = false;
    if (!r.exact && bound !== null && bound.lt(r.upper)) {
      r = { ...r, upper: bound, upperSquared: bound.mul(bound) };
      capped = true;
    }
    const decision = eps === undefined ? undefined : decides(r, eps);
    if (boolFlag(args, 'json')) {
      const extra = {
        a: fileA,
        b: fileB,
        seed,
        budgetMs,
        ...(maxBoxes !== undefined ? { maxBoxes } : {}),
        ...(isCert ? { certificateBound: bound?.toString() ?? null, upperFromLemma4: capped } : {}),
      };
      const doc = supErrorJson(r, extra);
      if (eps !== undefined) Object.assign(doc, { eps: eps.toString(), decision });
      io.out(toJsonText(doc));
      return exitCode(decision);
    }
    const lines = [
      `sup over ||x|| <= 1 of ||A(x) - B(x)||, A = ${fileA}, B = ${fileB} (d = ${r.inputDim}, ${r.outputDim} output${r.outputDim === 1 ? '' : 's'})`,
      `  method   ${methodLine(r)}`,
    ];
    if (isCert)
      lines.push(
        `  kernel   ${bound ? `ACCEPT, Lemma 4 bound ${bound.toScientific(8, 'ceil')}${capped ? ' (caps the upper end below)' : ''}` : 'REJECT (no certified bound used)'}`,
      );
    if (r.exact && r.supSquaredSurd) lines.push(`  sup^2    = ${formatSurd(r.supSquaredSurd)} (exact)`);
    else
      lines.push(
        `  sup^2    <= ${r.upperSquared.toString()} (certified), >= ${r.witnessSquared.toString()} (exact witness)`,
      );
    if (r.lower.eq(r.upper)) lines.push(`  sup      = ${r.lower.toString()} (exact)`);
    lines.push(
      `  sup      in [${r.lower.toScientific(DIGITS, 'floor')}, ${r.upper.toScientific(DIGITS, 'ceil')}] (certified, rounded outward)`,
    );
    lines.push(`  witness  x = (${r.witness.map(String).join(', ')}), ||x|| <= 1`);
    lines.push(`           x ~ (${r.witness.map((v) => v.toDecimal(9, 'nearest')).join(', ')}) (decimal, for reading)`);
    lines.push(
      `           ||D(x)||^2 / ||x||^2 ${r.witnessExact === false ? '>=' : '='} ${r.witnessSquared.toString()} (${r.witnessExact === false ? 'certified lower bound' : 'exact'})${r.attained ? ', attains the sup' : ''}`,
    );
    if (r.boxes !== undefined) {
      lines.push(
        `  search   ${r.boxes} boxes bounded, ${r.openBoxes ?? 0} open, stopped: ${r.stopReason ?? '?'}; ${r.restarts ?? 0} witness restarts (seed '${seed}')`,
      );
    }
    if (r.stopReason === 'budget-ms')
      lines.push(`  budget   the ${budgetMs} ms budget ended: the bracket above is the best certified one so far`);
    if (eps !== undefined && decision !== undefined)
      lines.push(`  eps      ${eps.toString()}: ${decisionText(decision, r)}`);
    lines.push(`  time     ${r.elapsedMs.toFixed(0)} ms`);
    io.out(lines.join('\n'));
    return exitCode(decision);
  },
};
