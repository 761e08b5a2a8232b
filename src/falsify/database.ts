/**
 * The counterexample database: every counterexample found is stored as a JSON file
 * `fixtures/counterexamples/<claim>/<id>.json` keyed by the claim id and a schema version, holding
 * values (target, seed, parameters), never fast-check paths, so entries survive code changes.
 * Replaying an entry re-runs its trial and compares with what was recorded: a counterexample must
 * still fail the same way; an entry marked `passes` (a fixed bug) must now pass. Any change is
 * reported loudly.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { networkToJson, parseNetwork } from '../network/json.js';
import { checkSeed } from '../random/scheme.js';
import { claimById } from './claims.js';
import { type ClaimParams, type Outcome } from './claim-types.js';

/** Schema tag of database entries. */
export const COUNTEREXAMPLE_SCHEMA = 'slth-counterexample/1';

/**
 * The project's own committed database (fixtures/counterexamples of the package), which `npm test`
 * and the audit replay.
 */
export const BUNDLED_DB = fileURLToPath(new URL('../../fixtures/counterexamples', import.meta.url));

/**
 * Where `slth falsify` stores counterexamples unless told otherwise: `slth-counterexamples` in
 * the working directory, never inside the installed package.
 */
export const USER_DB = 'slth-counterexamples';

/** One stored entry. */
export interface CounterexampleEntry {
  schema: typeof COUNTEREXAMPLE_SCHEMA;
  id: string;
  claim: string;
  params: { eps: string; delta: string; widthScale?: string; pool?: string };
  target: { format: string; layers: string[][][] };
  seed: string;
  /** `fails`: a counterexample; `passes`: a fixed bug's entry that must now pass. */
  expect: 'fails' | 'passes';
  recorded: { status: Outcome['status']; reason: string; location?: Outcome['location']; pool: string[] };
  /** How it was found: fcSeed is the --seed string (older entries hold the integer). */
  found: { fcSeed: string | number | null; runs: number | null; numShrinks: number | null; slth: string };
  note?: string;
}

/** Result of replaying one entry. */
export interface ReplayResult {
  readonly file: string;
  readonly entry: CounterexampleEntry;
  readonly outcome: Outcome;
  /** True when the entry behaves as recorded. */
  readonly asRecorded: boolean;
  /**
   * How the behaviour changed: `none` (as recorded), `now-passes` (a recorded failure passes),
   * `fails-again` (an entry recorded as fixed fails) or `fails-differently` (another status or
   * location than recorded).
   */
  readonly change: ReplayChange;
  readonly message: string;
}

/** How a replayed entry's behaviour changed (see {@link ReplayResult}). */
export type ReplayChange = 'none' | 'now-passes' | 'fails-again' | 'fails-differently';

/**
 * Parameters as stored (exact strings).
 *
 * @example
 * ```ts
 * paramsToJson({ eps: Rational.parse('0.1'), delta: Rational.parse('0.5') }); // { eps: '1/10', delta: '1/2' }
 * ```
 */
export function paramsToJson(p: ClaimParams): CounterexampleEntry['params'] {
  const out: CounterexampleEntry['params'] = { eps: p.eps.toString(), delta: p.delta.toString() };
  if (p.widthScale !== undefined) out.widthScale = p.widthScale.toString();
  if (p.pool !== undefined) out.pool = p.pool.toString();
  return out;
}

/**
 * Parameters from their stored form.
 *
 * @example
 * ```ts
 * paramsFromJson({ eps: '1/10', delta: '1/2' }).eps.toString(); // '1/10'
 * ```
 */
export function paramsFromJson(p: CounterexampleEntry['params']): ClaimParams {
  return {
    eps: Rational.parse(p.eps),
    delta: Rational.parse(p.delta),
    widthScale: p.widthScale === undefined ? undefined : Rational.parse(p.widthScale),
    pool: p.pool === undefined ? undefined : BigInt(p.pool),
  };
}

/**
 * Validates stored parameters (as in entries and shard files) and reads them: eps > 0, delta in
 * (0, 1), widthScale > 0 and pool a positive integer, all as exact strings. Every problem is an
 * {@link InputError} starting with `where`.
 *
 * @example
 * ```ts
 * parseParams({ eps: '1/10', delta: '1/2', pool: '40' }, 'entry.json').pool; // 40n
 * ```
 */
export function parseParams(p: unknown, where: string): ClaimParams {
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    throw new InputError(`${where}: params must be an object {"eps": ..., "delta": ...}`);
  const o = p as Record<string, unknown>;
  const exact = (key: string): Rational => {
    const v = o[key];
    if (typeof v !== 'string')
      throw new InputError(
        `${where}: params.${key} must be an exact number string, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
      );
    try {
      return Rational.parse(v);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${where}: params.${key}: ${e.message}`);
      throw e;
    }
  };
  const eps = exact('eps');
  if (eps.sign() <= 0) throw new InputError(`${where}: params.eps must be > 0, got ${o['eps'] as string}`);
  const delta = exact('delta');
  if (delta.sign() <= 0 || delta.ge(Rational.ONE))
    throw new InputError(`${where}: params.delta must be in (0, 1), got ${o['delta'] as string}`);
  let widthScale: Rational | undefined;
  if (o['widthScale'] !== undefined) {
    widthScale = exact('widthScale');
    if (widthScale.sign() <= 0)
      throw new InputError(`${where}: params.widthScale must be > 0, got ${o['widthScale'] as string}`);
  }
  const pool = o['pool'];
  if (pool !== undefined && (typeof pool !== 'string' || !/^[1-9]\d{0,15}$/.test(pool))) {
    throw new InputError(`${where}: params.pool must be a positive integer string, got ${JSON.stringify(pool)}`);
  }
  return { eps, delta, widthScale, pool: pool === undefined ? undefined : BigInt(pool) };
}

/**
 * The stable id of a counterexample: a hash of its values (claim, parameters, target, seed).
 *
 * @example
 * ```ts
 * entryId('pair', params, target, 'a'); // 16 hex digits
 * ```
 */
export function entryId(
  claim: string,
  params: CounterexampleEntry['params'],
  target: CounterexampleEntry['target'],
  seed: string,
): string {
  const canonical = JSON.stringify({ schema: COUNTEREXAMPLE_SCHEMA, claim, params, target, seed });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/**
 * Builds a database entry for a counterexample.
 *
 * @example
 * ```ts
 * const e = makeEntry('pair', params, target, 'a', outcome, { fcSeed: '1', runs: 100, numShrinks: 4, slth: '0.1.0' });
 * ```
 */
export function makeEntry(
  claim: string,
  params: ClaimParams,
  target: Network,
  seed: string,
  outcome: Outcome,
  found: CounterexampleEntry['found'],
  expect: 'fails' | 'passes' = 'fails',
): CounterexampleEntry {
  const p = paramsToJson(params);
  const t = networkToJson(target);
  const recorded: CounterexampleEntry['recorded'] = {
    status: outcome.status,
    reason: outcome.reason,
    pool: outcome.pool,
  };
  if (outcome.location) recorded.location = outcome.location;
  return {
    schema: COUNTEREXAMPLE_SCHEMA,
    id: entryId(claim, p, t, seed),
    claim,
    params: p,
    target: t,
    seed,
    expect,
    recorded,
    found,
  };
}

/** Runs `f`, prefixing the message of an {@link InputError} it throws with `where`. */
function inFile<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${where}: ${e.message}`);
    throw e;
  }
}

/**
 * Validates a parsed entry document.
 *
 * @example
 * ```ts
 * parseEntry(JSON.parse(text), 'file.json');
 * ```
 */
export function parseEntry(doc: unknown, where: string): CounterexampleEntry {
  const entry = parseEntryFields(doc, where);
  const id = entryId(entry.claim, entry.params, entry.target, entry.seed);
  if (entry.id !== id)
    throw new InputError(
      `${where}: id ${JSON.stringify(entry.id)} does not match the entry's content (its hash is ${id})`,
    );
  return entry;
}

function parseEntryFields(doc: unknown, where: string): CounterexampleEntry {
  const d = doc as Partial<CounterexampleEntry> | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d))
    throw new InputError(`${where}: not a counterexample entry (expected an object)`);
  if (d.schema !== COUNTEREXAMPLE_SCHEMA)
    throw new InputError(`${where}: schema must be "${COUNTEREXAMPLE_SCHEMA}", got ${JSON.stringify(d.schema)}`);
  if (typeof d.claim !== 'string') throw new InputError(`${where}: claim must be a string`);
  const claim = inFile(where, () => claimById(d.claim as string));
  if (typeof d.seed !== 'string') throw new InputError(`${where}: seed must be a string`);
  inFile(where, () => checkSeed(d.seed as string));
  if (d.expect !== 'fails' && d.expect !== 'passes')
    throw new InputError(`${where}: expect must be "fails" or "passes"`);
  parseParams(d.params, where);
  const target = parseNetwork(d.target, `${where}: target`);
  const why = claim.applies(target);
  if (why) throw new InputError(`${where}: claim ${claim.id} does not apply to the entry's target: ${why}`);
  if (
    typeof d.recorded !== 'object' ||
    d.recorded === null ||
    typeof d.recorded.status !== 'string' ||
    typeof d.recorded.reason !== 'string'
  ) {
    throw new InputError(`${where}: recorded outcome missing (an object with a status and a reason)`);
  }
  return d as CounterexampleEntry;
}

/**
 * Replays one entry and compares with the record.
 *
 * @example
 * ```ts
 * const r = replayEntry(entry, 'fixtures/counterexamples/pair/x.json');
 * r.asRecorded; // true when nothing changed
 * ```
 */
export function replayEntry(entry: CounterexampleEntry, file: string): ReplayResult {
  const claim = claimById(entry.claim);
  const target = parseNetwork(entry.target, `${file}: target`);
  const outcome = claim.trial(target, entry.seed, paramsFromJson(entry.params));
  const passed = outcome.status === 'success';
  let asRecorded: boolean;
  let message: string;
  let change: ReplayChange;
  if (entry.expect === 'passes') {
    asRecorded = passed;
    change = passed ? 'none' : 'fails-again';
    message = passed ? 'passes, as recorded (fixed)' : `CHANGED: recorded as fixed, but fails again: ${outcome.reason}`;
  } else if (passed) {
    asRecorded = false;
    change = 'now-passes';
    message = `CHANGED: the recorded counterexample now PASSES (${outcome.reason}); was: ${entry.recorded.reason}`;
  } else {
    const loc = entry.recorded.location;
    const same =
      outcome.status === entry.recorded.status &&
      JSON.stringify(outcome.location ?? null) === JSON.stringify(loc ?? null);
    asRecorded = same;
    change = same ? 'none' : 'fails-differently';
    message = same
      ? `still fails as recorded: ${outcome.reason}`
      : `CHANGED: fails differently: now '${outcome.reason}', recorded '${entry.recorded.reason}'`;
  }
  return { file, entry, outcome, asRecorded, change, message };
}

/**
 * All entry files of a database folder (recursively), sorted.
 *
 * @example
 * ```ts
 * listEntries(BUNDLED_DB); // ['.../pair/0123abcd.json', ...]
 * ```
 */
export function listEntries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listEntries(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/**
 * Loads and replays every entry of a database folder.
 *
 * @example
 * ```ts
 * const results = replayDatabase(BUNDLED_DB);
 * results.every((r) => r.asRecorded);
 * ```
 */
export function replayDatabase(dir: string): ReplayResult[] {
  return listEntries(dir).map((file) => {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new InputError(`${file}: not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
    }
    return replayEntry(parseEntry(doc, file), file);
  });
}
