/**
 * certifySubset, construction D's in-memory certificate: its refusals, every header field under
 * each way of choosing the pool (stated, another constant, a width scale, a given pool), its lines
 * against the run's own gadget lines, and the kernel's verdict on the text it returns.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { networkToJson, readNetworkFile } from '../../src/network/json.js';
import { generateTarget } from '../../src/network/generate.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { SUBSET_LUEKER_C } from '../../src/theory/subset-width.js';
import { certifySubset, type SubsetCertifyInput } from '../../src/constructions/certify-subset.js';
import { constructSubsetHere } from '../../src/constructions/subset-construct.js';
import { checkSubsetCertificate } from '../../src/kernel/subset.js';

const R = (s: string): Rational => Rational.parse(s);
const target = readNetworkFile('fixtures/targets/d1-two-layer.json');
const eps = R('1/10');
const delta = R('1e-6');
const base: SubsetCertifyInput = { target, seed: 'cert', eps, delta };

function refusal(input: SubsetCertifyInput): InputError {
  try {
    certifySubset(input);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('accepted');
}

describe('certifySubset', () => {
  it('refuses two pool choices at once, a pool below 1, a target outside H and a bad seed', () => {
    const both = refusal({ ...base, widthScale: R('2'), pool: 5n });
    expect([both.message, both.params]).toEqual(['give at most one of widthScale and pool', ['widthScale', 'pool']]);
    const zero = refusal({ ...base, pool: 0n });
    expect([zero.message, zero.params]).toEqual(['pool size must be >= 1, got 0', ['pool']]);
    const big = { layers: [[[R('3/4'), R('3/4')]], [[R('1')]]] };
    expect(refusal({ ...base, target: big }).message).toMatch(/^the target violates hypothesis H \(/);
    expect(refusal({ ...base, seed: 'a b' }).message).toMatch(/^invalid seed 'a b'/);
    expect(certifySubset({ ...base, pool: 1n }).pool).toEqual([1n, 1n]);
  });

  it('at the stated width: the stated pools, the calibrated constant, every header field, ACCEPT at the stated width', () => {
    const out = certifySubset(base);
    const stated = statedWidth({ widths: [1, 3, 1], eps, delta, construction: 'subset' });
    expect(out.pool).toEqual(stated.pool);
    expect(out.stated.pool).toEqual(stated.pool);
    expect(out.spec).toEqual({ seed: 'cert', target, eta: stated.eta, pool: stated.pool.map(Number) });
    expect(out.result.gadgets).toBeUndefined();
    const [head, ...rest] = out.text.split('\n');
    const header = JSON.parse(head!) as Record<string, unknown>;
    expect(header).toMatchObject({
      format: 'slth-certificate/2',
      construction: 'subset',
      target: networkToJson(target),
      eps: '1/10',
      delta: '1/1000000',
      eta: stated.eta.toString(),
      width: 'stated',
      hypothesis: 'H',
      calibration: { luekerC: SUBSET_LUEKER_C.toString(), calibrated: true },
      bound: {
        perLayer: out.result.perLayer.map((b) => ({ layer: b.layer, a: b.a.toString(), s: b.s.toString() })),
        total: out.result.total.toString(),
      },
      activeWeights: out.result.activeWeights,
      depth: 4,
      gadgets: 6,
      provenance: { slth: 'library', command: 'library call' },
    });
    expect((header['random'] as Record<string, unknown>)['pool']).toEqual(stated.pool.map(String));
    // the gadget lines are the run's own, in order, and the text ends with a newline
    const lines: string[] = [];
    constructSubsetHere(out.spec, { sink: (text) => void lines.push(text) });
    expect(rest.join('\n')).toBe(lines.join(''));
    expect(out.text.endsWith('\n')).toBe(true);
    const verdict = checkSubsetCertificate([out.text]);
    expect(verdict).toMatchObject({ verdict: 'ACCEPT', atStatedWidth: true });
  });

  it('another constant, a width scale, a given pool: pools, width, calibration and provenance follow', () => {
    const C = R('8');
    const other = certifySubset({ ...base, luekerC: C, version: '9.9.9', command: 'slth test' });
    const statedC = statedWidth({ widths: [1, 3, 1], eps, delta, construction: 'subset', luekerC: C });
    expect(other.pool).toEqual(statedC.pool);
    const h1 = JSON.parse(other.text.split('\n')[0]!) as Record<string, unknown>;
    expect([h1['width'], h1['calibration'], h1['provenance']]).toEqual([
      'stated',
      { luekerC: '8', calibrated: false },
      { slth: '9.9.9', command: 'slth test' },
    ]);
    const stated = statedWidth({ widths: [1, 3, 1], eps, delta, construction: 'subset' }).pool;
    const scaled = certifySubset({ ...base, widthScale: R('1/2'), keepGadgets: true });
    expect(scaled.pool).toEqual(stated.map((k) => (k + 1n) / 2n));
    const h2 = JSON.parse(scaled.text.split('\n')[0]!) as Record<string, unknown>;
    expect([h2['width'], h2['calibration']]).toEqual([
      'custom',
      { luekerC: SUBSET_LUEKER_C.toString(), calibrated: true },
    ]);
    expect(scaled.result.gadgets).toHaveLength(6);
    const given = certifySubset({ ...base, pool: 40n });
    const h3 = JSON.parse(given.text.split('\n')[0]!) as Record<string, unknown>;
    expect([given.pool, h3['width'], h3['calibration']]).toEqual([[40n, 40n], 'custom', null]);
    expect(checkSubsetCertificate([given.text])).toMatchObject({ verdict: 'ACCEPT', atStatedWidth: false });
    // the stated pool given as a pool is the stated width again (no calibration recorded)
    const same = certifySubset({ ...base, pool: stated[0]! });
    expect(stated[1]).toBe(stated[0]); // one pool for both layers, so the given pool is the stated one
    const h4 = JSON.parse(same.text.split('\n')[0]!) as Record<string, unknown>;
    expect([h4['width'], h4['calibration']]).toEqual(['stated', null]);
  });

  it('a deeper target: one header figure per layer and a gadget line per weight', () => {
    const deep = generateTarget([2, 3, 2, 1], 'deep');
    const out = certifySubset({ target: deep, seed: 'deep', eps, delta: R('0.01'), pool: 12n });
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6 + 6 + 2);
    const header = JSON.parse(lines[0]!) as { bound: { perLayer: unknown[] }; depth: number; gadgets: number };
    expect([header.bound.perLayer.length, header.depth, header.gadgets]).toEqual([3, 6, 14]);
  });
});
