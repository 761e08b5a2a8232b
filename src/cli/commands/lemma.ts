/**
 * `slth lemma ...`: every lemma of the proof as an executable checker (src/lemmas/).
 * Exit code 0 when every check holds, 1 when one is refuted, 2 on bad input.
 */
import { InputError } from '../../errors.js';
import { readNetworkFile } from '../../network/json.js';
import type { Network } from '../../network/network.js';
import { Rational } from '../../numeric/rational.js';
import { checkSeed } from '../../random/scheme.js';
import { checkCounting } from '../../lemmas/counting.js';
import type { CoverTableRow } from '../../lemmas/cover-table.js';
import {
  checkCoverSet,
  checkCovering,
  NUMBER as COVERING_NUMBER,
  SECTION as COVERING_SECTION,
} from '../../lemmas/covering.js';
import { TABLE_EPS0, coverTable, formatCoverTable } from '../../lemmas/cover-table.js';
import { minKCover, type LeastK } from '../../lemmas/least-k.js';
import { checkDepthDoubling } from '../../lemmas/depth-doubling.js';
import { FIXTURE_DIR, LEMMAS, findLemma, fixtureTargets, lemmaJson, type LemmaEntry } from '../../lemmas/index.js';
import { checkLipschitz } from '../../lemmas/lipschitz.js';
import { checkReluIdentities, defaultValues, parseValues } from '../../lemmas/relu-identity.js';
import type { LemmaResult } from '../../lemmas/result.js';
import { formatResult, summaryLine } from '../../lemmas/result.js';
import { checkSubsetSum, gProducts, gValues, parseValueArray } from '../../lemmas/subset-sum.js';
import { checkPairUnionBound, checkUnionBound } from '../../lemmas/union-bound.js';
import { formatQ } from '../../numeric/quantity.js';
import { quantityJson } from '../../numeric/json-values.js';
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
import { toJsonText } from '../io.js';
import { readJsonFile } from '../../network/json.js';
import { deltaFlag, epsFlag, exactFlag } from '../parse.js';

/**
 * Prints one result (text, or its JSON form) and returns the exit code: 0 if it holds, else 1.
 */
function emitOne(io: Io, args: ParsedArgs, r: LemmaResult): number {
  io.out(boolFlag(args, 'json') ? toJsonText(lemmaJson(r)) : formatResult(r));
  return r.holds ? 0 : 1;
}

/**
 * Prints the results of one lemma on several inputs (text, or `{ lemma, number, section, holds,
 * results }` whatever their number) and returns the exit code: 0 if all hold, else 1.
 */
function emitMany(io: Io, args: ParsedArgs, name: string, results: readonly LemmaResult[]): number {
  const holds = results.every((r) => r.holds);
  if (boolFlag(args, 'json')) {
    const entry = findLemma(name) as LemmaEntry;
    io.out(
      toJsonText({
        lemma: name,
        number: entry.number,
        section: entry.section,
        holds,
        results: results.map(lemmaJson),
      }),
    );
  } else io.out(results.map(formatResult).join('\n\n'));
  return holds ? 0 : 1;
}

/** A least-k result as JSON: k, P at k and at k - 1 (exact or certified), the method. */
function leastKJson(r: LeastK): Record<string, unknown> {
  return { k: r.k, at: quantityJson(r.at), before: quantityJson(r.before), method: r.method };
}

/** The target of --target, or every fixture target when absent. */
function targets(args: ParsedArgs): { path: string; net: Network }[] {
  const path = stringFlag(args, 'target');
  if (path !== undefined) return [{ path, net: readNetworkFile(path) }];
  const all = fixtureTargets(stringFlag(args, 'fixtures') ?? FIXTURE_DIR);
  if (all.length === 0) throw new InputError('no --target given and no fixture targets found');
  return all;
}

const TARGET_FLAG = {
  name: 'target',
  kind: 'string',
  help: 'target network file (default: every fixtures/targets/*.json)',
  placeholder: 'FILE',
} as const;
const FIXTURES_FLAG = {
  name: 'fixtures',
  kind: 'string',
  help: 'folder of fixture targets (default fixtures/targets)',
  placeholder: 'DIR',
} as const;

function positiveExact(text: string, flag: string): Rational {
  const q = exactFlag(text, flag);
  if (q.sign() <= 0) throw new InputError(`${flag} must be > 0, got ${text}`);
  return q;
}

/** `slth lemma list`. */
export const lemmaList: Command = {
  path: ['lemma', 'list'],
  summary: 'list every lemma checker with its statement',
  usage: 'lemma list [--json]',
  flags: [JSON_FLAG],
  run(args, io) {
    if (boolFlag(args, 'json'))
      io.out(
        toJsonText(LEMMAS.map((l) => ({ number: l.number, name: l.name, section: l.section, statement: l.statement }))),
      );
    else io.out(LEMMAS.map((l) => `Lemma ${l.number}: ${l.name} (${l.section})\n  ${l.statement}`).join('\n'));
    return 0;
  },
};

/** `slth lemma all`. */
export const lemmaAll: Command = {
  path: ['lemma', 'all'],
  summary: 'run every lemma checker on the fixture targets: one line per lemma (exit 1 if any is refuted)',
  usage: 'lemma all [--fixtures DIR] [--json]',
  flags: [FIXTURES_FLAG, JSON_FLAG],
  run(args, io) {
    const dir = stringFlag(args, 'fixtures') ?? FIXTURE_DIR;
    if (fixtureTargets(dir).length === 0) throw new InputError(`no fixture targets (*.json) in ${dir}`);
    const rows = LEMMAS.map((l) => {
      const t0 = performance.now();
      const results = l.runOnFixtures(dir);
      const ms = Math.round(performance.now() - t0);
      const refuted = results.find((r) => !r.holds);
      return {
        lemma: l.name,
        number: l.number,
        section: l.section,
        holds: refuted === undefined,
        checks: results.length,
        ms,
        refuted,
        results,
      };
    });
    const holds = rows.every((r) => r.holds);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText({
          holds,
          lemmas: rows.map((r) => ({
            lemma: r.lemma,
            number: r.number,
            section: r.section,
            holds: r.holds,
            checks: r.checks,
            ms: r.ms,
            refuted: r.refuted ? lemmaJson(r.refuted) : null,
            results: r.results.map(lemmaJson),
          })),
        }),
      );
    } else {
      for (const r of rows) {
        if (r.refuted) io.out(`${r.lemma.padEnd(15)} REFUTED  ${summaryLine(r.refuted)}`);
        else io.out(`${r.lemma.padEnd(15)} holds    ${r.checks} checks, ${r.ms} ms`);
      }
    }
    return holds ? 0 : 1;
  },
};

/** `slth lemma relu-identity`. */
export const lemmaRelu: Command = {
  path: ['lemma', 'relu-identity'],
  summary: 'Lemma 1: the ReLU identities, exactly, on given or built-in values',
  usage: 'lemma relu-identity [--values "a,b,c"] [--json]',
  description: 'Values are exact: 0.1 is 1/10, 3/8, 1e-3. Built-in values include -0, 5e-324 and the largest double.',
  flags: [{ name: 'values', kind: 'string', help: 'comma-separated exact values', placeholder: 'LIST' }, JSON_FLAG],
  run(args, io) {
    const text = stringFlag(args, 'values');
    const r =
      text === undefined
        ? checkReluIdentities(defaultValues(), 'built-in values')
        : checkReluIdentities(parseValues(text), `--values ${text}`);
    return emitOne(io, args, r);
  },
};

function tableJson(rows: readonly CoverTableRow[]): unknown[] {
  return rows.map((r) => ({
    eps0: r.eps0.toString(),
    pair: leastKJson(r.pair),
    cover: leastKJson(r.cover),
    fixed: leastKJson(r.fixed),
  }));
}

/** `slth lemma covering`. */
export const lemmaCovering: Command = {
  path: ['lemma', 'covering'],
  summary: 'Lemma 2: exact eps0-cover decision, exact P_cover(k, eps0), bin bounds, least k, growth table',
  usage:
    'lemma covering --k K --eps0 E [--w W] [--trials N --seed S] | --eps0 E --min-k [--prob P] | --eps0 E --set FILE | --table [--prob P] [--json]',
  description:
    'P_cover is exact (a BigInt numerator over (2q)^k for eps0 = p/q); long values print as [lower, upper] of the exact value.\n' +
    'Monte-Carlo (--trials) is a sanity label only, never a verdict.',
  flags: [
    { name: 'k', kind: 'string', help: 'number of i.i.d. U[-1,1] points', placeholder: 'K' },
    { name: 'eps0', kind: 'string', help: 'covering radius (exact)', placeholder: 'E' },
    {
      name: 'w',
      kind: 'string',
      help: 'fixed target weight for the fixed-target and pair figures (default 1, worst case)',
      placeholder: 'W',
    },
    { name: 'min-k', kind: 'boolean', help: 'find the exact least k with P_cover(k, eps0) >= P' },
    { name: 'prob', kind: 'string', help: 'goal probability for --min-k and --table (default 0.99)', placeholder: 'P' },
    {
      name: 'set',
      kind: 'string',
      help: 'decide whether a JSON array of values eps0-covers [-1,1]',
      placeholder: 'FILE',
    },
    {
      name: 'table',
      kind: 'boolean',
      help: 'samples needed for pair, covering and fixed target at eps0 = 1/4 .. 1/64',
    },
    { name: 'trials', kind: 'string', help: 'Monte-Carlo trials for a sanity label (default 0)', placeholder: 'N' },
    { name: 'seed', kind: 'string', help: 'seed of the Monte-Carlo samples (G, slth-g/1)', placeholder: 'S' },
    JSON_FLAG,
  ],
  run(args, io) {
    const json = boolFlag(args, 'json');
    const prob = exactFlag(stringFlag(args, 'prob') ?? '0.99', '--prob');
    if (boolFlag(args, 'table')) {
      const eps0s = TABLE_EPS0.map((s) => Rational.parse(s));
      const rows = coverTable(eps0s, prob);
      if (json)
        io.out(
          toJsonText({
            lemma: 'covering',
            number: COVERING_NUMBER,
            section: COVERING_SECTION,
            prob: prob.toString(),
            table: tableJson(rows),
          }),
        );
      else io.out(formatCoverTable(rows, prob));
      return 0;
    }
    const eps0 = positiveExact(requiredFlag(args, 'eps0'), '--eps0');
    const setPath = stringFlag(args, 'set');
    if (setPath !== undefined) {
      const pts = parseValueArray(readJsonFile(setPath), setPath);
      return emitOne(io, args, checkCoverSet(pts, eps0, setPath));
    }
    if (boolFlag(args, 'min-k')) {
      const r = minKCover(eps0, prob);
      if (json)
        io.out(
          toJsonText({
            lemma: 'covering',
            number: COVERING_NUMBER,
            section: COVERING_SECTION,
            eps0: eps0.toString(),
            prob: prob.toString(),
            ...leastKJson(r),
            exact: true,
          }),
        );
      else
        io.out(
          `least k with P_cover(k, ${eps0.toString()}) >= ${prob.toString()}: k = ${r.k} (exact)\n  P_cover(k)   = ${formatQ(r.at)}\n  P_cover(k-1) = ${formatQ(r.before)}\n  method: ${r.method}`,
        );
      return 0;
    }
    const k = parseCount(requiredFlag(args, 'k'), '--k', 0, 10_000_000);
    const w = stringFlag(args, 'w');
    const trials = parseCount(stringFlag(args, 'trials') ?? '0', '--trials', 0, 100_000);
    const seed = stringFlag(args, 'seed');
    return emitOne(
      io,
      args,
      checkCovering(k, eps0, {
        ...(w !== undefined ? { w: exactFlag(w, '--w') } : {}),
        trials,
        ...(seed !== undefined ? { seed: checkSeed(seed) } : {}),
      }),
    );
  },
};

/** `slth lemma union-bound`. */
export const lemmaUnionBound: Command = {
  path: ['lemma', 'union-bound'],
  summary: 'Lemma 3: union bound vs the exact union; exact pair-construction failure probability of a target',
  usage: 'lemma union-bound --target FILE --eta E --pool K | --probs "p1,p2,..." [--json]',
  flags: [
    { name: 'target', kind: 'string', help: 'target network file', placeholder: 'FILE' },
    { name: 'eta', kind: 'string', help: 'per-weight tolerance, 0 < eta < 1', placeholder: 'E' },
    { name: 'pool', kind: 'string', help: 'pool size k per target weight', placeholder: 'K' },
    { name: 'probs', kind: 'string', help: 'probabilities of independent events (exact)', placeholder: 'LIST' },
    JSON_FLAG,
  ],
  run(args, io) {
    const probs = stringFlag(args, 'probs');
    if (probs !== undefined) {
      const ps = probs.split(',').map((s) => exactFlag(s.trim(), '--probs'));
      return emitOne(io, args, checkUnionBound(ps, `--probs ${probs}`));
    }
    const path = requiredFlag(args, 'target');
    const eta = exactFlag(requiredFlag(args, 'eta'), '--eta');
    const poolText = requiredFlag(args, 'pool').trim();
    if (!/^\d+$/.test(poolText)) throw new InputError(`--pool must be a non-negative integer, got '${poolText}'`);
    return emitOne(
      io,
      args,
      checkPairUnionBound(
        readNetworkFile(path),
        eta,
        BigInt(poolText),
        `${path}, eta=${eta.toString()}, k=${poolText}`,
      ),
    );
  },
};

/** `slth lemma lipschitz`. */
export const lemmaLipschitz: Command = {
  path: ['lemma', 'lipschitz'],
  summary: 'Lemma 4: error propagation, exactly at seeded points, a-priori bounds, and the no-H negative control',
  usage: 'lemma lipschitz [--target FILE] [--eps E] [--points N] [--seed S] [--json]',
  flags: [
    TARGET_FLAG,
    { name: 'eps', kind: 'string', help: 'target accuracy for the stated eta (default 0.1)', placeholder: 'E' },
    { name: 'points', kind: 'string', help: 'seeded points of the unit ball (default 32)', placeholder: 'N' },
    { name: 'seed', kind: 'string', help: 'seed of the errors, points and negative-control search', placeholder: 'S' },
    FIXTURES_FLAG,
    JSON_FLAG,
  ],
  run(args, io) {
    const eps = stringFlag(args, 'eps');
    const points = parseCount(stringFlag(args, 'points') ?? '32', '--points', 1, 100_000);
    const seed = stringFlag(args, 'seed');
    const opts = {
      ...(eps !== undefined ? { eps: epsFlag(eps) } : {}),
      points,
      ...(seed !== undefined ? { seed: checkSeed(seed) } : {}),
    };
    return emitMany(
      io,
      args,
      'lipschitz',
      targets(args).map((t, i) => checkLipschitz(t.net, t.path, { ...opts, skipControl: i > 0 })),
    );
  },
};

/** `slth lemma depth-doubling`. */
export const lemmaDepthDoubling: Command = {
  path: ['lemma', 'depth-doubling'],
  summary: 'Lemma 5: the exact-gadget subnetwork has depth 2l, the stated structure, and equals the target exactly',
  usage: 'lemma depth-doubling [--target FILE] [--points N] [--json]',
  flags: [
    TARGET_FLAG,
    { name: 'points', kind: 'string', help: 'seeded rational test points (default 64)', placeholder: 'N' },
    FIXTURES_FLAG,
    JSON_FLAG,
  ],
  run(args, io) {
    const points = parseCount(stringFlag(args, 'points') ?? '64', '--points', 1, 100_000);
    return emitMany(
      io,
      args,
      'depth-doubling',
      targets(args).map((t) => checkDepthDoubling(t.net, t.path, { points })),
    );
  },
};

/** `slth lemma subset-sum`. */
export const lemmaSubsetSum: Command = {
  path: ['lemma', 'subset-sum'],
  summary: 'Lemma 6a: do the 2^n subset sums eps-cover [-1,1]? exact max gap and uncovered point',
  usage: 'lemma subset-sum (--values FILE | --seed S --n N) --eps E [--products] [--json]',
  description:
    'With --seed, values are G layer 1 column 0 rows 0..n-1; --products multiplies |u| (layer 1) by v (layer 2, row 0).',
  flags: [
    {
      name: 'values',
      kind: 'string',
      help: 'JSON array of values (numbers: exact doubles; strings: exact)',
      placeholder: 'FILE',
    },
    { name: 'seed', kind: 'string', help: 'seed of G for the values', placeholder: 'S' },
    { name: 'n', kind: 'string', help: 'number of values drawn from G (at most 32)', placeholder: 'N' },
    { name: 'eps', kind: 'string', help: 'cover radius, 0 < eps < 1', required: true, placeholder: 'E' },
    { name: 'products', kind: 'boolean', help: 'use products u v of a U(0,1] and a U[-1,1] draw (with --seed)' },
    JSON_FLAG,
  ],
  run(args, io) {
    const eps = positiveExact(requiredFlag(args, 'eps'), '--eps');
    const file = stringFlag(args, 'values');
    const seed = stringFlag(args, 'seed');
    if ((file === undefined) === (seed === undefined))
      throw new InputError('give exactly one of --values FILE or --seed S --n N');
    if (file !== undefined) {
      if (boolFlag(args, 'products')) throw new InputError('--products needs --seed');
      return emitOne(io, args, checkSubsetSum(parseValueArray(readJsonFile(file), file), eps, file));
    }
    const s = checkSeed(seed as string);
    const n = parseCount(requiredFlag(args, 'n'), '--n', 0, 32);
    const products = boolFlag(args, 'products');
    const values = products ? gProducts(s, n) : gValues(s, n);
    return emitOne(io, args, checkSubsetSum(values, eps, `G seed ${s}, n=${n}${products ? ', products |u| v' : ''}`));
  },
};

/** `slth lemma counting`. */
export const lemmaCounting: Command = {
  path: ['lemma', 'counting'],
  summary: "Lemma 6b: active weights (4 N_w), O(dn + n^2 l) with constant 4, G's parameters, Pensia's lower bound",
  usage: 'lemma counting [--target FILE] [--eps E] [--delta D] [--json]',
  flags: [
    TARGET_FLAG,
    { name: 'eps', kind: 'string', help: 'accuracy (default 0.1)', placeholder: 'E' },
    { name: 'delta', kind: 'string', help: 'failure probability (default 1e-9)', placeholder: 'D' },
    FIXTURES_FLAG,
    JSON_FLAG,
  ],
  run(args, io) {
    const eps = epsFlag(stringFlag(args, 'eps') ?? '0.1');
    const delta = deltaFlag(stringFlag(args, 'delta') ?? '1e-9');
    return emitMany(
      io,
      args,
      'counting',
      targets(args).map((t) => checkCounting(t.net, t.path, eps, delta)),
    );
  },
};

/** Every `slth lemma` command. */
export const lemmaCommands: readonly Command[] = [
  lemmaList,
  lemmaAll,
  lemmaRelu,
  lemmaCovering,
  lemmaUnionBound,
  lemmaLipschitz,
  lemmaDepthDoubling,
  lemmaSubsetSum,
  lemmaCounting,
];
