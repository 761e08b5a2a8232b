import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { forward } from '../../src/network/network.js';
import { generateTarget } from '../../src/network/generate.js';
import { certify } from '../../src/constructions/certify.js';
import { poolStart } from '../../src/constructions/construct.js';
import { Cursor } from '../../src/random/scheme.js';
import { RULES, type Rule } from '../../src/constructions/rules.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import { subnetwork } from '../../src/certificate/subnetwork.js';
import { checkCertificate } from '../../src/kernel/check.js';
import { ballPointArb, DELTA, distSquared, epsArb, seedArb, targetArb } from './_fixtures.js';

describe.each(CONSTRUCTIONS)('construction %s at its stated width (delta = 1e-9)', (construction) => {
  it('succeeds, the kernel accepts, the bound is <= eps and dominates the exact error at ball points', () => {
    fc.assert(
      fc.property(targetArb, seedArb, epsArb, ({ widths, target }, seed, eps) => {
        const out = certify({ target, seed, eps, delta: DELTA, construction });
        expect(out.result.misses).toEqual([]);
        expect(out.certificate).not.toBeNull();
        const v = checkCertificate(JSON.parse(JSON.stringify(out.certificate)) as unknown);
        expect(v.verdict).toBe('ACCEPT');
        expect(out.result.total).toBeLessOrEqual(eps);
        // exact evaluation at ball points: ||G~(x) - F(x)||^2 <= bound^2
        const sub = subnetwork(widths, out.result.gadgets);
        expect(sub.layers.length).toBe(2 * target.layers.length);
        const bound2 = out.result.total.mul(out.result.total);
        fc.assert(
          fc.property(ballPointArb(widths[0] as number), (x) =>
            distSquared(forward(sub, x), forward(target, x)).le(bound2),
          ),
          { numRuns: 20 },
        );
        if (construction === 'pair') expect(out.result.activeWeights).toBe(4 * out.result.gadgets.length);
        else expect(out.result.activeWeights).toBeLessThanOrEqual(4 * out.result.gadgets.length);
      }),
      { numRuns: 12 },
    );
  });

  it('is deterministic: same inputs, byte-identical certificate', () => {
    const target = generateTarget([2, 3, 1], 'det');
    const a = certify({ target, seed: 'same', eps: Rational.parse('0.25'), delta: DELTA, construction });
    const b = certify({ target, seed: 'same', eps: Rational.parse('0.25'), delta: DELTA, construction });
    expect(JSON.stringify(a.certificate)).toBe(JSON.stringify(b.certificate));
  });

  it('every gadget satisfies its construction rule exactly, and is the first qualifying unit seen by the scan', () => {
    const target = generateTarget([2, 2, 1], 'rule');
    const out = certify({ target, seed: 'r', eps: Rational.parse('0.5'), delta: DELTA, construction });
    const rule = RULES[construction];
    for (const g of out.result.gadgets) {
      expect(rule.plusExact(g.plus.u, g.plus.v, g.w, out.stated.eta)).toBe(true);
      expect(rule.minusExact(g.minus.u, g.minus.v, g.w, out.stated.eta)).toBe(true);
    }
  });

  it('each side is the first qualifying unit of its pool (checked by an independent sequential scan)', () => {
    const target = generateTarget([2, 2, 1], 'first');
    const out = certify({ target, seed: 'f', eps: Rational.parse('0.5'), delta: DELTA, construction });
    const rule = RULES[construction];
    for (const g of out.result.gadgets) {
      const nIn = target.layers[g.layer - 1]![0]!.length;
      const start = Number(poolStart(construction, g.row, g.col, nIn, out.pool[g.layer - 1]!));
      const cu = new Cursor('f', 2 * g.layer - 1, g.col, start);
      const cv = new Cursor('f', 2 * g.layer, g.row, start);
      let firstPlus = -1;
      let firstMinus = -1;
      for (let p = start; firstPlus < 0 || firstMinus < 0; p++) {
        const u = Rational.fromFloat(cu.next());
        const v = Rational.fromFloat(cv.next());
        if (firstPlus < 0 && rule.plusExact(u, v, g.w, out.stated.eta)) firstPlus = p;
        if (firstMinus < 0 && rule.minusExact(u, v, g.w, out.stated.eta)) firstMinus = p;
      }
      expect(g.plus.unit).toBe(firstPlus);
      expect(g.minus.unit).toBe(firstMinus);
    }
  });

  it('fails with a named target weight at width-scale 1e-4', () => {
    const target = generateTarget([2, 3, 1], 'small');
    const out = certify({
      target,
      seed: 'u',
      eps: Rational.parse('0.1'),
      delta: DELTA,
      construction,
      widthScale: Rational.parse('1e-4'),
    });
    expect(out.certificate).toBeNull();
    expect(out.result.misses.length).toBeGreaterThan(0);
    const m = out.result.misses[0];
    expect(m?.layer).toBeGreaterThanOrEqual(1);
  });
});

describe('negative controls: broken constructions are caught by the kernel', () => {
  const target = generateTarget([2, 3, 2], 'neg');
  const eps = Rational.parse('0.1');

  it('a pair rule with the wrong output sign on the minus side', () => {
    const wrong: Rule = {
      ...RULES.pair,
      minusFloat: (u, v, w, eta) => Math.abs(u + w) <= eta + 1e-9 && Math.abs(v - 1) <= eta + 1e-9,
      minusExact: (u, v, w, eta) => u.add(w).abs().le(eta) && v.sub(Rational.ONE).abs().le(eta),
    };
    const out = certify({ target, seed: 'n1', eps, delta: DELTA, construction: 'pair', _rule: wrong });
    expect(out.certificate).not.toBeNull();
    const v = checkCertificate(JSON.parse(JSON.stringify(out.certificate)) as unknown);
    expect(v.verdict).toBe('REJECT');
    if (v.verdict === 'REJECT') expect(v.reason).toMatch(/exceeds eps/);
  });

  it('a shared construction run with a tolerance 64 times too loose', () => {
    const stated = certify({ target, seed: 'n2', eps, delta: DELTA, construction: 'shared', pool: 1n }).stated;
    const out = certify({
      target,
      seed: 'n2',
      eps,
      delta: DELTA,
      construction: 'shared',
      _eta: stated.eta.mul(Rational.of(64)),
    });
    expect(out.certificate).not.toBeNull();
    const v = checkCertificate(JSON.parse(JSON.stringify(out.certificate)) as unknown);
    expect(v.verdict).toBe('REJECT');
  });

  it('a product rule that ignores the sign of u', () => {
    const wrong: Rule = { ...RULES.product, minusFloat: RULES.product.plusFloat, minusExact: RULES.product.plusExact };
    const out = certify({ target, seed: 'n3', eps, delta: DELTA, construction: 'product', _rule: wrong });
    // plus and minus then pick the same unit: the kernel must refuse it (or the bound fails)
    expect(out.certificate).not.toBeNull();
    const v = checkCertificate(JSON.parse(JSON.stringify(out.certificate)) as unknown);
    expect(v.verdict).toBe('REJECT');
  });
});
