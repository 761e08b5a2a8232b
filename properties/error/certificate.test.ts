import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { certify } from '../../src/constructions/certify.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import { certificateNetworks } from '../../src/certificate/subnetwork.js';
import { supError } from '../../src/error/sup-error.js';
import { targetArbitrary, gSeedArbitrary } from '../../src/falsify/arbitraries.js';
import { certificateError } from '../../src/cli/certificate-error.js';

const DELTA = Rational.parse('1e-9');

describe('the Lemma 4 bound of every certificate dominates the true sup error', () => {
  it.each(CONSTRUCTIONS)('%s, exact sup for d <= 2', (construction) => {
    fc.assert(
      fc.property(
        targetArbitrary({ d: { min: 1, max: 2 }, layers: { min: 1, max: 2 }, width: { min: 1, max: 3 } }),
        gSeedArbitrary(),
        (target, seed) => {
          const out = certify({ target, seed, eps: Rational.parse('1/4'), delta: DELTA, construction });
          const cert = out.certificate!;
          const { target: t, sub } = certificateNetworks(cert);
          const r = supError(sub, t);
          expect(r.exact).toBe(true);
          const bound = out.result.total;
          expect(r.upperSquared).toBeLessOrEqual(bound.mul(bound));
        },
      ),
      { numRuns: 10 },
    );
  });

  it('for d >= 3 the reported bracket is capped by the bound and contains the exact witness', () => {
    fc.assert(
      fc.property(
        targetArbitrary({ d: { min: 3, max: 3 }, layers: { min: 1, max: 1 }, width: { min: 1, max: 2 } }),
        gSeedArbitrary(),
        (target, seed) => {
          const out = certify({ target, seed, eps: Rational.parse('1/4'), delta: DELTA, construction: 'pair' });
          const e = certificateError(out.certificate!, out.result.total, 200);
          expect(e.upper).toBeLessOrEqual(out.result.total);
          expect(e.lower).toBeLessOrEqual(e.upper);
          expect(e.result.witnessSquared).toBeLessOrEqual(e.upper.mul(e.upper));
        },
      ),
      { numRuns: 4 },
    );
  });
});
