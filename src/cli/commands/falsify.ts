/**
 * `slth falsify` and `slth replay`: search for counterexamples with fast-check, shrink and store
 * them; replay the counterexample database.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { networkToJson } from '../../network/json.js';
import { claimById, CLAIMS } from '../../falsify/claims.js';
import { type ClaimParams, type Outcome } from '../../falsify/claim-types.js';
import {
  BUNDLED_DB,
  USER_DB,
  makeEntry,
  parseEntry,
  replayDatabase,
  replayEntry,
  type ReplayResult,
} from '../../falsify/database.js';
import {
  boolFlag,
  JSON_FLAG,
  parseCount,
  requiredFlag,
  stringFlag,
  type Command,
  type ParsedArgs,
} from '../command.js';
import { toJsonText } from '../io.js';
import { writeFileAtomic } from '../../files/write.js';
import { countJson } from '../../numeric/json-values.js';
import { readJsonFile } from '../../network/json.js';
import { deltaFlag, epsFlag, exactFlag, widthsFlag } from '../parse.js';
import { progressBar } from '../progress.js';
import { loadTarget } from '../target.js';
import { version } from '../version.js';

/**
 * Reads --eps, --delta, --width-scale, --pool into claim parameters.
 *
 * @example
 * ```ts
 * claimParams(args); // { eps, delta, widthScale? , pool? }
 * ```
 */
export function claimParams(args: ParsedArgs): ClaimParams {
  const scale = stringFlag(args, 'width-scale');
  const pool = stringFlag(args, 'pool');
  if (scale !== undefined && pool !== undefined) throw new InputError('give at most one of --width-scale and --pool');
  const widthScale = scale === undefined ? undefined : exactFlag(scale, '--width-scale');
  if (widthScale !== undefined && widthScale.sign() <= 0)
    throw new InputError(`--width-scale must be > 0, got ${scale}`);
  return {
    eps: epsFlag(requiredFlag(args, 'eps')),
    delta: deltaFlag(requiredFlag(args, 'delta')),
    widthScale,
    pool: pool === undefined ? undefined : BigInt(parseCount(pool, '--pool', 1, Number.MAX_SAFE_INTEGER)),
  };
}

/** The flags shared by claim commands. */
export const CLAIM_FLAGS = [
  {
    name: 'claim',
    kind: 'string',
    help: `the claim: ${CLAIMS.map((c) => c.id).join(', ')}`,
    required: true,
    placeholder: 'C',
  },
  { name: 'eps', kind: 'string', help: 'accuracy eps > 0', required: true, placeholder: 'E' },
  { name: 'delta', kind: 'string', help: 'failure probability delta in (0, 1)', required: true, placeholder: 'D' },
  {
    name: 'width-scale',
    kind: 'string',
    help: 'scale the stated pool sizes by F (undersized: F < 1)',
    placeholder: 'F',
  },
  { name: 'pool', kind: 'string', help: 'use pool size K instead of the stated width', placeholder: 'K' },
] as const;

/** `slth falsify`. */
export const falsifyCommand: Command = {
  path: ['falsify'],
  summary: 'search targets and seeds for a counterexample to a claim; shrink, store and print it',
  usage:
    'falsify --claim C (--target FILE | --widths 2,3,1) --eps E --delta D [--width-scale F | --pool K] [--runs N] [--seed S] [--db DIR] [--no-store] [--json]',
  description:
    'fast-check generates targets satisfying H (or uses --target) and seeds of G. A failure is shrunk to a minimal\n' +
    `counterexample, printed, and stored in the counterexample database (default ./${USER_DB} in the working\n` +
    'directory, or --db DIR) with the command that replays it. If it cannot be stored, it is printed anyway with a\n' +
    'warning. Exit 0 if no counterexample was found, 1 if one was.',
  flags: [
    ...CLAIM_FLAGS,
    { name: 'target', kind: 'string', help: 'a fixed target (only seeds vary)', placeholder: 'FILE' },
    { name: 'widths', kind: 'string', help: 'generate targets of these widths', placeholder: 'LIST' },
    { name: 'runs', kind: 'string', help: 'number of cases (default 100)', placeholder: 'N' },
    { name: 'seed', kind: 'string', help: 'seed of the search, a string (default 1)', placeholder: 'S' },
    { name: 'db', kind: 'string', help: `counterexample database folder (default ./${USER_DB})`, placeholder: 'DIR' },
    { name: 'no-store', kind: 'boolean', help: 'do not store the counterexample' },
    { name: 'quiet', kind: 'boolean', help: 'no progress output' },
    JSON_FLAG,
  ],
  async run(args, io) {
    const claim = claimById(requiredFlag(args, 'claim'));
    const params = claimParams(args);
    const runs = parseCount(stringFlag(args, 'runs') ?? '100', '--runs', 1, 1_000_000);
    const seedText = stringFlag(args, 'seed') ?? '1';
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(seedText))
      throw new InputError(`--seed must be 1 to 128 characters from A-Z a-z 0-9 _ . : -, got '${seedText}'`);
    const { falsify, fastCheckSeed } = await import('../../falsify/falsify.js');
    const fcSeed = seedText;
    const targetFile = stringFlag(args, 'target');
    const widthsText = stringFlag(args, 'widths');
    if (targetFile !== undefined && widthsText !== undefined)
      throw new InputError('give at most one of --target and --widths');
    const target = targetFile === undefined ? undefined : loadTarget(targetFile).net;
    if (target) {
      const why = claim.applies(target);
      if (why) throw new InputError(`claim ${claim.id} does not apply to ${targetFile}: ${why}`);
    }
    const widths = widthsText === undefined ? (claim.id === 'existence' ? [1, 1] : undefined) : widthsFlag(widthsText);
    const json = boolFlag(args, 'json');
    const progress = progressBar(io, `falsify ${claim.id}`, boolFlag(args, 'quiet'));
    // fast-check is loaded only by the commands that search (above)
    const res = falsify(claim, params, {
      runs,
      fcSeed: fastCheckSeed(seedText),
      target,
      targetOptions: widths ? { widths } : {},
      onTrial: (n) => progress.tick(Math.min(n, runs), runs),
    });
    progress.done();
    if (res.trials === 0)
      throw new InputError(`claim ${claim.id} applies to none of the generated targets (try --widths)`);
    const ce = res.counterexample;
    if (ce === null) {
      const msg = `no counterexample to '${claim.id}' in ${res.runs} runs (fast-check seed ${fcSeed}, ${res.trials} trials); reproduce with --seed ${fcSeed} --runs ${runs}`;
      io.out(
        json
          ? toJsonText({
              claim: claim.id,
              params: { ...paramsJson(params) },
              runs,
              fcSeed,
              counterexample: null,
              trials: res.trials,
            })
          : msg,
      );
      return 0;
    }
    const entry = makeEntry(claim.id, params, ce.target, ce.seed, ce.outcome, {
      fcSeed,
      runs,
      numShrinks: ce.numShrinks,
      slth: version(),
    });
    const db = stringFlag(args, 'db') ?? USER_DB;
    const file = join(db, claim.id, `${entry.id}.json`);
    // the counterexample is printed whatever happens to the database; a failed write is a warning
    let stored: string | null = null;
    let storeError: string | null = null;
    if (!boolFlag(args, 'no-store')) {
      try {
        if (!existsSync(file)) writeFileAtomic(file, toJsonText(entry));
        stored = file;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        storeError = e.message;
      }
    }
    const replay = stored === null ? null : `slth replay --entry ${stored}`;
    if (json) {
      io.out(
        toJsonText({
          claim: claim.id,
          params: paramsJson(params),
          runs,
          fcSeed,
          counterexample: { ...entry, file: stored, replay },
          storeError,
        }),
      );
    } else {
      io.out(
        [
          `COUNTEREXAMPLE to '${claim.id}' (fast-check seed ${fcSeed}, found after ${ce.numRuns} runs, shrunk in ${ce.numShrinks} steps):`,
          `  target  ${JSON.stringify(networkToJson(ce.target).layers)}`,
          `  G seed  ${ce.seed}`,
          `  pool    ${ce.outcome.pool.join(', ')}`,
          `  outcome ${ce.outcome.status}: ${ce.outcome.reason}`,
          stored !== null
            ? `  stored  ${stored}`
            : storeError !== null
              ? '  (not stored: see the warning)'
              : '  (not stored: --no-store)',
          ...(replay === null ? [] : [`  replay  ${replay}`]),
        ].join('\n'),
      );
    }
    if (storeError !== null) io.err(`slth falsify: warning: the counterexample was not stored: ${storeError}`);
    return 1;
  },
};

function paramsJson(p: ClaimParams): Record<string, string> {
  const o: Record<string, string> = { eps: p.eps.toString(), delta: p.delta.toString() };
  if (p.widthScale) o['widthScale'] = p.widthScale.toString();
  if (p.pool !== undefined) o['pool'] = p.pool.toString();
  return o;
}

/** A trial outcome as JSON: status, reason (a description), the failing location and the pools. */
function outcomeJson(o: Outcome): Record<string, unknown> {
  return { status: o.status, reason: o.reason, location: o.location ?? null, pool: o.pool.map(poolCount) };
}

/** A pool size as a JSON count. */
function poolCount(k: string): number | string {
  return countJson(BigInt(k));
}

function replayLine(r: ReplayResult): string {
  return `${r.asRecorded ? 'ok     ' : 'CHANGED'} ${r.entry.claim.padEnd(9)} ${r.file}: ${r.message}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `slth replay`. */
export const replayCommand: Command = {
  path: ['replay'],
  summary: 'replay the counterexample database (or one entry); loud report of any changed behaviour',
  usage: 'replay [--entry FILE | --db DIR] [--json]',
  description: 'Exit 0 when every entry behaves as recorded, 1 when any changed.',
  flags: [
    { name: 'entry', kind: 'string', help: 'one entry file', placeholder: 'FILE' },
    {
      name: 'db',
      kind: 'string',
      help: `database folder (default ./${USER_DB} when it exists, else the database bundled with slth)`,
      placeholder: 'DIR',
    },
    JSON_FLAG,
  ],
  run(args, io) {
    const entryFile = stringFlag(args, 'entry');
    const dbDir = stringFlag(args, 'db');
    if (entryFile !== undefined && dbDir !== undefined)
      throw new InputError('give at most one of --entry FILE and --db DIR');
    let results: ReplayResult[];
    if (entryFile !== undefined) {
      results = [replayEntry(parseEntry(readJsonFile(entryFile), entryFile), entryFile)];
    } else {
      const dir = dbDir ?? (isDirectory(USER_DB) ? USER_DB : BUNDLED_DB);
      if (!isDirectory(dir))
        throw new InputError(
          `cannot read the database folder ${dir}: ${existsSync(dir) ? 'not a directory' : 'no such folder'}`,
        );
      results = replayDatabase(dir);
    }
    const changed = results.filter((r) => !r.asRecorded);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText({
          entries: results.length,
          changed: changed.length,
          results: results.map((r) => ({
            file: r.file,
            id: r.entry.id,
            claim: r.entry.claim,
            expect: r.entry.expect,
            asRecorded: r.asRecorded,
            change: r.change,
            outcome: outcomeJson(r.outcome),
          })),
        }),
      );
    } else {
      for (const r of results) io.out(replayLine(r));
      io.out(`${results.length} entries replayed, ${changed.length} changed`);
      if (changed.length > 0)
        io.err(
          `slth replay: ${changed.length} entr${changed.length === 1 ? 'y' : 'ies'} CHANGED behaviour:\n${changed.map(replayLine).join('\n')}`,
        );
    }
    return changed.length === 0 ? 0 : 1;
  },
};
