import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { checkH, checkHPrime } from '../../src/network/norms.js';
import { generateTarget } from '../../src/network/generate.js';
import { networkToJson } from '../../src/network/json.js';
import { claimById } from '../../src/falsify/claims.js';
import { falsify } from '../../src/falsify/falsify.js';
import { gSeedArbitrary, targetArbitrary } from '../../src/falsify/arbitraries.js';
import { BUNDLED_DB, makeEntry, replayDatabase, replayEntry } from '../../src/falsify/database.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/command.js';
import { runCli } from '../_support/cli.js';

const DELTA = Rational.parse('1e-9');

function capture(): Io & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    interactive: false,
    outText: () => out.join('\n'),
    errText: () => err.join('\n'),
  };
}

describe('arbitraries', () => {
  it("targets satisfy H exactly, and H' on request", () => {
    fc.assert(fc.property(targetArbitrary(), (net) => checkH(net).holds));
    fc.assert(fc.property(targetArbitrary({ hprime: true }), (net) => checkH(net).holds && checkHPrime(net).holds));
  });
  it('seeds are valid G seeds', () => {
    fc.assert(fc.property(gSeedArbitrary(), (s) => /^[a-z0-9]{1,10}$/.test(s)));
  });
  it('shrinking goes to a single zero weight', () => {
    const r = fc.check(
      fc.property(targetArbitrary(), () => false),
      { seed: 3 },
    );
    expect(r.counterexample?.[0]).toEqual({ layers: [[[Rational.ZERO]]] });
  });
});

function replayEntries(entries: readonly ReturnType<typeof makeEntry>[]): ReturnType<typeof replayDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
  for (const e of entries) writeFileSync(join(dir, `${e.id}.json`), JSON.stringify(e));
  return replayDatabase(dir);
}

describe.each(['pair', 'shared', 'product'] as const)('claim %s', (id) => {
  const claim = claimById(id);
  const eps = Rational.parse('1/4');

  it('survives at the stated width: no counterexample in 300 trials (small generated targets, delta = 1e-9)', () => {
    const r = falsify(
      claim,
      { eps, delta: DELTA },
      {
        runs: 300,
        fcSeed: 7,
        targetOptions: { d: { min: 1, max: 2 }, layers: { min: 1, max: 2 }, width: { min: 1, max: 2 } },
      },
    );
    expect(r.counterexample).toBeNull();
    expect(r.trials).toBe(300);
  });

  it('breaks at width-scale 1e-3: the counterexample is shrunk, stored and replays the same way', () => {
    const params = { eps, delta: DELTA, widthScale: Rational.parse('1e-3') };
    const r = falsify(claim, params, { runs: 50, fcSeed: 11 });
    const ce = r.counterexample;
    expect(ce).not.toBeNull();
    if (!ce) return;
    expect(ce.outcome.status).toBe('failure');
    expect(ce.outcome.location).toBeDefined();
    // shrunk: a minimal target (one weight) still fails
    expect(ce.target.layers.length).toBe(1);
    const entry = makeEntry(id, params, ce.target, ce.seed, ce.outcome, {
      fcSeed: 11,
      runs: 50,
      numShrinks: ce.numShrinks,
      slth: 'test',
    });
    const dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
    const file = join(dir, `${entry.id}.json`);
    writeFileSync(file, JSON.stringify(entry));
    const [replayed] = replayDatabase(dir);
    expect(replayed?.asRecorded).toBe(true);
    expect(replayed?.outcome.reason).toBe(ce.outcome.reason);
  });
});

describe.each(['subset', 'universal'] as const)('claim %s (construction D, C_D calibrated)', (id) => {
  const claim = claimById(id);
  const eps = Rational.parse('1/4');

  it('survives at the stated width: no counterexample in 40 trials (small generated targets, delta = 1e-9)', () => {
    const r = falsify(
      claim,
      { eps, delta: DELTA },
      {
        runs: 40,
        fcSeed: 7,
        targetOptions: { d: { min: 1, max: 2 }, layers: { min: 1, max: 2 }, width: { min: 1, max: 2 } },
      },
    );
    expect(r.counterexample).toBeNull();
    expect(r.trials).toBe(40);
  });

  it('breaks at width-scale 1/16: the counterexample is shrunk and replays the same way', async () => {
    const params = { eps, delta: DELTA, widthScale: Rational.parse('1/16') };
    const r = falsify(claim, params, { runs: 30, fcSeed: 11 });
    const ce = r.counterexample;
    expect(ce).not.toBeNull();
    if (!ce) return;
    expect(ce.outcome.status).toBe('failure');
    expect(ce.outcome.location).toBeDefined();
    // shrunk: at most one nonzero weight is left (a zero weight is met exactly by the empty subset)
    const nonzero = ce.target.layers.flat(2).filter((w) => !w.isZero());
    expect(nonzero.length).toBeLessThanOrEqual(1);
    const entry = makeEntry(id, params, ce.target, ce.seed, ce.outcome, {
      fcSeed: 11,
      runs: 30,
      numShrinks: ce.numShrinks,
      slth: 'test',
    });
    const [replayed] = replayEntries([entry]);
    expect(replayed?.asRecorded).toBe(true);
    expect(replayed?.outcome.reason).toBe(ce.outcome.reason);
    // the claim's replay command runs and fails the same way (exit 1)
    const file = join(mkdtempSync(join(tmpdir(), 'slth-replay-')), 'target.json');
    writeFileSync(file, JSON.stringify(networkToJson(ce.target)));
    const cmd = claim.replayCommand(file, ce.seed, params, ce.target);
    expect(cmd).not.toContain('<');
    const run = await runCli([...cmd.split(' ').slice(1), '--quiet']);
    expect(run.code, run.err).toBe(1);
  });

  it('a pool beyond the memory cap is an input error, not an inconclusive trial reported as a counterexample', () => {
    // 2^26 units per layer for construction D, 2^22 for the universality check
    const target = generateTarget([2, 3, 1], 'cap');
    const pool = id === 'subset' ? 2n ** 25n + 1n : 2n ** 21n + 1n;
    const units = 2n * pool;
    expect(() => claim.trial(target, 'a', { eps, delta: DELTA, pool })).toThrow(
      `G layer 1 would need ${pool} x 2 = ${units} units; ${id === 'subset' ? 'construction D holds' : 'the universality check holds'}`,
    );
  });
});

describe('counterexample database', () => {
  it('every bundled entry still behaves as recorded', () => {
    const results = replayDatabase(BUNDLED_DB);
    expect(results.length).toBeGreaterThanOrEqual(4);
    for (const r of results) expect(r.message).toMatch(/still fails as recorded|passes, as recorded/);
  });

  it('a changed behaviour is reported: an entry whose recorded failure no longer happens', () => {
    const target = generateTarget([1, 1], 'chg');
    const params = { eps: Rational.parse('1/4'), delta: DELTA };
    const outcome = claimById('pair').trial(target, 'x', params);
    expect(outcome.status).toBe('success');
    // pretend it was recorded as a counterexample
    const fake = makeEntry(
      'pair',
      params,
      target,
      'x',
      { ...outcome, status: 'failure', reason: 'made up' },
      { fcSeed: null, runs: null, numShrinks: null, slth: 'test' },
    );
    const r = replayEntry(fake, 'fake.json');
    expect(r.asRecorded).toBe(false);
    expect(r.message).toMatch(/CHANGED: the recorded counterexample now PASSES/);
    // an entry marked as fixed that passes is fine; one that fails again is loud
    expect(replayEntry({ ...fake, expect: 'passes' }, 'fixed.json').asRecorded).toBe(true);
    const failing = makeEntry(
      'pair',
      { ...params, pool: 1n },
      target,
      'x',
      claimById('pair').trial(target, 'x', { ...params, pool: 1n }),
      { fcSeed: null, runs: null, numShrinks: null, slth: 'test' },
      'passes',
    );
    expect(replayEntry(failing, 'f.json').message).toMatch(/CHANGED: recorded as fixed, but fails again/);
  });

  it('slth replay exits 1 and names the entry when one changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
    const target = generateTarget([1, 1], 'chg');
    const params = { eps: Rational.parse('1/4'), delta: DELTA };
    const outcome = claimById('pair').trial(target, 'x', params);
    const fake = makeEntry(
      'pair',
      params,
      target,
      'x',
      { ...outcome, status: 'failure', reason: 'made up' },
      { fcSeed: null, runs: null, numShrinks: null, slth: 'test' },
    );
    writeFileSync(join(dir, 'fake.json'), JSON.stringify(fake));
    const io = capture();
    expect(await main(['replay', '--db', dir], io)).toBe(1);
    expect(io.errText()).toMatch(/CHANGED/);
    expect(JSON.parse(readFileSync(join(dir, 'fake.json'), 'utf8')).target).toEqual(networkToJson(target));
  });
});

describe('slth falsify (CLI)', () => {
  it('finds, stores and replays a counterexample at an undersized width', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
    const run = await runCli([
      'falsify',
      '--claim',
      'pair',
      '--widths',
      '1,2,1',
      '--eps',
      '0.1',
      '--delta',
      '1e-9',
      '--width-scale',
      '1e-3',
      '--runs',
      '20',
      '--db',
      dir,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.out) as { counterexample: { file: string; replay: string; seed: string } };
    const replayIo = capture();
    expect(await main(['replay', '--entry', doc.counterexample.file], replayIo)).toBe(0);
    expect(replayIo.outText()).toMatch(/still fails as recorded/);
  });

  it('reports no counterexample at the stated width with the seed to reproduce', async () => {
    const io = capture();
    expect(
      await main(
        [
          'falsify',
          '--claim',
          'shared',
          '--widths',
          '1,2,1',
          '--eps',
          '0.25',
          '--delta',
          '1e-9',
          '--runs',
          '10',
          '--seed',
          '5',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.outText()).toMatch(/no counterexample to 'shared' in 10 runs \(fast-check seed 5/);
  });

  it('rejects unknown claims and bad seeds with exit 2', async () => {
    const io = capture();
    expect(await main(['falsify', '--claim', 'nope', '--eps', '0.1', '--delta', '0.1'], io)).toBe(2);
    expect(io.errText()).toMatch(/unknown claim 'nope'/);
    expect(await main(['falsify', '--claim', 'pair', '--eps', '0.1', '--delta', '0.1', '--seed', 'a b'], io)).toBe(2);
  });
});

describe('existence claim', () => {
  it('finds a certified counterexample to existence at a tiny pool', () => {
    const r = falsify(
      claimById('existence'),
      { eps: Rational.parse('1/1000'), delta: Rational.parse('0.1'), pool: 4n },
      { runs: 30, fcSeed: 2, targetOptions: { widths: [1, 1] } },
    );
    expect(r.counterexample?.outcome.reason).toMatch(/no mask exists \(exact\)/);
  });
});
