/**
 * The registry of lemma checkers: every lemma of the proof (docs/MATH.md §5) with its statement
 * and a run on the fixture targets (fixtures/targets/*.json) and built-in inputs. `slth lemma
 * list` prints the statements, `slth lemma all` runs every entry.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Network } from '../network/network.js';
import { readNetworkFile } from '../network/json.js';
import { Rational } from '../numeric/rational.js';
import * as counting from './counting.js';
import * as covering from './covering.js';
import * as depthDoubling from './depth-doubling.js';
import * as lipschitz from './lipschitz.js';
import * as reluIdentity from './relu-identity.js';
import type { LemmaResult } from './result.js';
import { lemmaResultJson } from './result.js';
import * as subsetSum from './subset-sum.js';
import * as unionBound from './union-bound.js';

export type { LemmaResult } from './result.js';

/** One registered lemma. */
export interface LemmaEntry {
  /** The lemma's number (1, 2, 3, 4, 5, 6a, 6b). */
  readonly number: string;
  /** Where the lemma is stated and proved: `docs/MATH.md §5.N`. */
  readonly section: string;
  readonly name: string;
  readonly statement: string;
  /** Runs the checker on the fixture targets in `dir` (default fixtures/targets) and built-in inputs. */
  runOnFixtures(dir?: string): LemmaResult[];
}

/** Default folder of fixture targets (fixtures/targets of the package). */
export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/targets/', import.meta.url));

/**
 * The fixture targets of a folder, sorted by file name.
 *
 * @example
 * ```ts
 * fixtureTargets().map((f) => f.path); // ['.../d1-single.json', ...]
 * ```
 */
export function fixtureTargets(dir: string = FIXTURE_DIR): { path: string; net: Network }[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    const path = join(dir, f);
    return { path, net: readNetworkFile(path) };
  });
}

/** The path from its last `fixtures` on (the whole path when it has none). */
function shortName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('fixtures'), 0));
}

/** Every lemma, in the order of docs/MATH.md §5. */
export const LEMMAS: readonly LemmaEntry[] = [
  {
    number: reluIdentity.NUMBER,
    section: reluIdentity.SECTION,
    name: reluIdentity.NAME,
    statement: reluIdentity.STATEMENT,
    runOnFixtures: (dir) => [
      reluIdentity.checkReluIdentities(reluIdentity.defaultValues(), 'built-in values (IEEE edge doubles, fractions)'),
      ...fixtureTargets(dir).map((f) => reluIdentity.checkReluOnTarget(f.net, shortName(f.path))),
    ],
  },
  {
    number: covering.NUMBER,
    section: covering.SECTION,
    name: covering.NAME,
    statement: covering.STATEMENT,
    runOnFixtures: (dir) => [
      covering.checkCovering(2000, Rational.of(1, 100)),
      covering.checkCovering(40, Rational.of(1, 4)),
      ...fixtureTargets(dir).map((f) => covering.checkCoveringOnTarget(f.net, shortName(f.path))),
    ],
  },
  {
    number: unionBound.NUMBER,
    section: unionBound.SECTION,
    name: unionBound.NAME,
    statement: unionBound.STATEMENT,
    runOnFixtures: (dir) => [
      unionBound.checkUnionBound(
        ['1/10', '1/5', '1/3', '1/100', '0'].map((s) => Rational.parse(s)),
        'built-in probabilities',
      ),
      ...fixtureTargets(dir).map((f) =>
        unionBound.checkPairUnionBound(f.net, Rational.of(1, 10), 20_000n, `${shortName(f.path)}, eta=1/10, k=20000`),
      ),
    ],
  },
  {
    number: lipschitz.NUMBER,
    section: lipschitz.SECTION,
    name: lipschitz.NAME,
    statement: lipschitz.STATEMENT,
    runOnFixtures: (dir) =>
      fixtureTargets(dir).map((f, i) =>
        lipschitz.checkLipschitz(f.net, shortName(f.path), { points: 16, skipControl: i > 0 }),
      ),
  },
  {
    number: depthDoubling.NUMBER,
    section: depthDoubling.SECTION,
    name: depthDoubling.NAME,
    statement: depthDoubling.STATEMENT,
    runOnFixtures: (dir) =>
      fixtureTargets(dir).map((f) => depthDoubling.checkDepthDoubling(f.net, shortName(f.path), { points: 32 })),
  },
  {
    number: subsetSum.NUMBER,
    section: subsetSum.SECTION,
    name: subsetSum.NAME,
    statement: subsetSum.STATEMENT,
    runOnFixtures: () => [
      subsetSum.checkSubsetSum(
        subsetSum.gValues('lemma-fixtures', 16),
        Rational.of(1, 100),
        'G seed lemma-fixtures, n=16, eps=1/100',
      ),
      subsetSum.checkSubsetSum(
        subsetSum.gProducts('lemma-fixtures', 16),
        Rational.of(1, 100),
        'G products seed lemma-fixtures, n=16, eps=1/100',
      ),
    ],
  },
  {
    number: counting.NUMBER,
    section: counting.SECTION,
    name: counting.NAME,
    statement: counting.STATEMENT,
    runOnFixtures: (dir) => fixtureTargets(dir).map((f) => counting.checkCounting(f.net, shortName(f.path))),
  },
];

/**
 * The registered lemma of a name.
 *
 * @example
 * ```ts
 * findLemma('covering')?.statement;
 * ```
 */
export function findLemma(name: string): LemmaEntry | undefined {
  return LEMMAS.find((l) => l.name === name);
}

/**
 * The `--json` form of a lemma result with its lemma's number and section
 * (schemas/lemma-result.schema.json).
 *
 * @example
 * ```ts
 * lemmaJson(reluIdentity.checkReluIdentities(reluIdentity.defaultValues())).number; // '1'
 * ```
 */
export function lemmaJson(r: LemmaResult): Record<string, unknown> {
  const entry = findLemma(r.lemma);
  if (!entry) throw new Error(`no registered lemma named ${r.lemma}`);
  return lemmaResultJson(r, { number: entry.number, section: entry.section });
}
