/**
 * The lemma registry (src/lemmas/index.ts): the seven lemmas in the order of docs/MATH.md §5, their
 * statements, the fixture targets of a folder, and what each entry runs on a folder of targets
 * (the same results as calling its checker directly with the documented inputs).
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { readNetworkFile } from '../../src/network/json.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import * as counting from '../../src/lemmas/counting.js';
import * as covering from '../../src/lemmas/covering.js';
import * as depthDoubling from '../../src/lemmas/depth-doubling.js';
import { FIXTURE_DIR, LEMMAS, findLemma, fixtureTargets } from '../../src/lemmas/index.js';
import type { LemmaEntry, LemmaResult } from '../../src/lemmas/index.js';
import * as lipschitz from '../../src/lemmas/lipschitz.js';
import * as reluIdentity from '../../src/lemmas/relu-identity.js';
import * as subsetSum from '../../src/lemmas/subset-sum.js';
import * as unionBound from '../../src/lemmas/union-bound.js';

const REPO_FIXTURES = fileURLToPath(new URL('../../fixtures/targets/', import.meta.url));
const FIXTURE_NAMES = [
  'd1-single.json',
  'd1-two-layer.json',
  'd2-deep.json',
  'd2-small.json',
  'd3-hprime.json',
  'd3-tight.json',
  'd4-wide.json',
];

/** A temporary folder `.../slth-fixtures-XXXX/fixtures/x/` holding copies of two small targets. */
let twoTargets = '';
/** The same two targets in a folder whose path has no `fixtures` in it. */
let plainDir = '';
const SMALL = ['d1-single.json', 'd1-two-layer.json'];

beforeAll(() => {
  twoTargets = join(mkdtempSync(join(tmpdir(), 'slth-fixtures-')), 'fixtures', 'x');
  mkdirSync(twoTargets, { recursive: true });
  plainDir = mkdtempSync(join(tmpdir(), 'slth-registry-'));
  for (const d of [twoTargets, plainDir]) for (const f of SMALL) copyFileSync(join(REPO_FIXTURES, f), join(d, f));
});

const entry = (name: string): LemmaEntry => {
  const e = findLemma(name);
  expect(e).toBeDefined();
  return e as LemmaEntry;
};

/** The short names the registry prints for the two small targets of {@link twoTargets}. */
const shortNames = (): [string, string] => SMALL.map((f) => `fixtures${sep}x${sep}${f}`) as [string, string];
const nets = (): [Network, Network] => SMALL.map((f) => readNetworkFile(join(twoTargets, f))) as [Network, Network];

describe('registry', () => {
  test("seven lemmas, in the order of docs/MATH.md §5, with their modules' names and statements", () => {
    expect(LEMMAS.map((l) => `${l.number} ${l.section}`)).toEqual([
      '1 docs/MATH.md §5.1',
      '2 docs/MATH.md §5.2',
      '3 docs/MATH.md §5.3',
      '4 docs/MATH.md §5.4',
      '5 docs/MATH.md §5.5',
      '6a docs/MATH.md §5.6',
      '6b docs/MATH.md §5.7',
    ]);
    expect(LEMMAS.map((l) => l.name)).toEqual([
      'relu-identity',
      'covering',
      'union-bound',
      'lipschitz',
      'depth-doubling',
      'subset-sum',
      'counting',
    ]);
    const modules = [reluIdentity, covering, unionBound, lipschitz, depthDoubling, subsetSum, counting];
    expect(LEMMAS.map((l) => l.statement)).toEqual(modules.map((m) => m.STATEMENT));
    expect(LEMMAS.map((l) => l.name)).toEqual(modules.map((m) => m.NAME));
    for (const l of LEMMAS) expect(l.statement.length).toBeGreaterThan(20);
  });

  test('findLemma finds each entry by its exact name, and nothing else', () => {
    for (const l of LEMMAS) expect(findLemma(l.name)).toBe(l);
    expect(findLemma('covering')?.statement).toBe(covering.STATEMENT);
    expect(findLemma('')).toBeUndefined();
    expect(findLemma('no-such-lemma')).toBeUndefined();
    expect(findLemma('Covering')).toBeUndefined();
  });
});

describe('fixtureTargets', () => {
  test('the default folder is fixtures/targets of the package, with its seven targets sorted by name', () => {
    expect(isAbsolute(FIXTURE_DIR)).toBe(true);
    expect(FIXTURE_DIR).toBe(REPO_FIXTURES);
    expect(FIXTURE_DIR.endsWith(`fixtures${sep}targets${sep}`)).toBe(true);
    const all = fixtureTargets();
    expect(all.map((f) => f.path)).toEqual(FIXTURE_NAMES.map((f) => join(FIXTURE_DIR, f)));
    for (const f of all) expect(f.net).toEqual(readNetworkFile(f.path));
    expect(fixtureTargets(FIXTURE_DIR).map((f) => f.path)).toEqual(all.map((f) => f.path));
  });

  test('only .json files, sorted by file name (UTF-16 code units, as Array.prototype.sort)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-registry-sort-'));
    // the folder listing is byte-ordered (UTF-8): U+FF01 (EF BC 81) comes before U+1F600 (F0 9F 98 80);
    // in UTF-16 code units U+1F600 (D83D DE00) comes first, and that is the order of the result
    const names = ['q.json', 'b.json', '\u{FF01}.json', 'a.json', '\u{1F600}.json', 'k.json'];
    for (const n of names) copyFileSync(join(REPO_FIXTURES, 'd1-single.json'), join(dir, n));
    writeFileSync(join(dir, 'README.txt'), 'not a network');
    writeFileSync(join(dir, 'a.json.bak'), 'not a network either');
    writeFileSync(join(dir, 'json'), '{');
    const sorted = ['a.json', 'b.json', 'k.json', 'q.json', '\u{1F600}.json', '\u{FF01}.json'];
    expect([...names].sort()).toEqual(sorted);
    const got = fixtureTargets(dir);
    expect(got.map((f) => f.path)).toEqual(sorted.map((n) => join(dir, n)));
    expect(got[0]?.net).toEqual(readNetworkFile(join(REPO_FIXTURES, 'd1-single.json')));
  });

  test('a missing or empty folder has no targets', () => {
    expect(fixtureTargets(join(tmpdir(), 'slth-no-such-folder', 'deeper'))).toEqual([]);
    expect(fixtureTargets(mkdtempSync(join(tmpdir(), 'slth-registry-empty-')))).toEqual([]);
  });

  test('a broken .json target is an error, not skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-registry-bad-'));
    writeFileSync(join(dir, 'bad.json'), '{"format": "nope"}');
    expect(() => fixtureTargets(dir)).toThrow();
  });
});

/** Runs an entry on the two small targets and checks it against the direct calls. */
function expectRun(name: string, want: LemmaResult[]): LemmaResult[] {
  const got = entry(name).runOnFixtures(twoTargets);
  expect(got).toEqual(want);
  return got;
}

describe('runOnFixtures: each entry runs its checker on the documented inputs', () => {
  test('relu-identity: the built-in values, then every target', () => {
    const [a, b] = nets();
    const got = expectRun('relu-identity', [
      reluIdentity.checkReluIdentities(reluIdentity.defaultValues(), 'built-in values (IEEE edge doubles, fractions)'),
      reluIdentity.checkReluOnTarget(a, shortNames()[0]),
      reluIdentity.checkReluOnTarget(b, shortNames()[1]),
    ]);
    expect(got.map((r) => r.input)).toEqual(['built-in values (IEEE edge doubles, fractions)', ...shortNames()]);
    expect(got.every((r) => r.holds && r.lemma === 'relu-identity')).toBe(true);
  });

  test('short names: from the last `fixtures` of the path on, else the whole path', () => {
    const plain = entry('relu-identity').runOnFixtures(plainDir);
    expect(plain.slice(1).map((r) => r.input)).toEqual(SMALL.map((f) => join(plainDir, f)));
    // a relative folder that starts with `fixtures` keeps its whole path
    const rel = relative(process.cwd(), REPO_FIXTURES);
    expect(rel).toBe(join('fixtures', 'targets'));
    const fromRepo = entry('relu-identity').runOnFixtures(rel);
    expect(fromRepo.slice(1).map((r) => r.input)).toEqual(FIXTURE_NAMES.map((f) => join('fixtures', 'targets', f)));
    // the default folder prints as fixtures/targets/NAME
    expect(
      entry('relu-identity')
        .runOnFixtures()
        .slice(1)
        .map((r) => r.input),
    ).toEqual(FIXTURE_NAMES.map((f) => join('fixtures', 'targets', f)));
  });

  test('covering: k = 2000 at eps0 = 1/100, k = 40 at eps0 = 1/4, then every target', () => {
    const [a, b] = nets();
    const got = expectRun('covering', [
      covering.checkCovering(2000, Rational.of(1, 100)),
      covering.checkCovering(40, Rational.of(1, 4)),
      covering.checkCoveringOnTarget(a, shortNames()[0]),
      covering.checkCoveringOnTarget(b, shortNames()[1]),
    ]);
    expect(got.map((r) => r.input)).toEqual(['k=2000, eps0=1/100', 'k=40, eps0=1/4', ...shortNames()]);
  });

  test('union-bound: the built-in probabilities, then every target at eta = 1/10, k = 20000', () => {
    const [a, b] = nets();
    const ps = [Rational.of(1, 10), Rational.of(1, 5), Rational.of(1, 3), Rational.of(1, 100), Rational.ZERO];
    const got = expectRun('union-bound', [
      unionBound.checkUnionBound(ps, 'built-in probabilities'),
      unionBound.checkPairUnionBound(a, Rational.of(1, 10), 20_000n, `${shortNames()[0]}, eta=1/10, k=20000`),
      unionBound.checkPairUnionBound(b, Rational.of(1, 10), 20_000n, `${shortNames()[1]}, eta=1/10, k=20000`),
    ]);
    expect(got.map((r) => r.input)).toEqual([
      'built-in probabilities',
      ...shortNames().map((s) => `${s}, eta=1/10, k=20000`),
    ]);
  });

  test('lipschitz: every target at 16 points, the negative control on the first target only', () => {
    const [a, b] = nets();
    const got = expectRun('lipschitz', [
      lipschitz.checkLipschitz(a, shortNames()[0], { points: 16, skipControl: false }),
      lipschitz.checkLipschitz(b, shortNames()[1], { points: 16, skipControl: true }),
    ]);
    expect(got.map((r) => r.figures['points'])).toEqual(['16', '16']);
    expect(Object.keys(got[0]?.figures ?? {}).some((k) => k.startsWith('negative control'))).toBe(true);
    expect(Object.keys(got[1]?.figures ?? {}).some((k) => k.startsWith('negative control'))).toBe(false);
  });

  test('depth-doubling: every target at 32 points', () => {
    const [a, b] = nets();
    const got = expectRun('depth-doubling', [
      depthDoubling.checkDepthDoubling(a, shortNames()[0], { points: 32 }),
      depthDoubling.checkDepthDoubling(b, shortNames()[1], { points: 32 }),
    ]);
    expect(got.map((r) => r.figures['points'])).toEqual(['32', '32']);
  });

  test('subset-sum: the G values and G products of seed lemma-fixtures, n = 16, eps = 1/100 (no targets)', () => {
    const want = [
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
    ];
    expectRun('subset-sum', want);
    expect(entry('subset-sum').runOnFixtures(plainDir)).toEqual(want);
  });

  test('counting: every target with the default eps and delta', () => {
    const [a, b] = nets();
    expectRun('counting', [counting.checkCounting(a, shortNames()[0]), counting.checkCounting(b, shortNames()[1])]);
  });

  test('an empty folder leaves only the built-in inputs', () => {
    const empty = mkdtempSync(join(tmpdir(), 'slth-registry-none-'));
    expect(LEMMAS.map((l) => (l.name === 'subset-sum' ? -1 : l.runOnFixtures(empty).length))).toEqual([
      1, 2, 1, 0, 0, -1, 0,
    ]);
  });
});
