import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { generateTarget } from '../../src/network/generate.js';
import { weight } from '../../src/random/scheme.js';
import { certify } from '../../src/constructions/certify.js';
import { CONSTRUCTIONS, type ConstructionName } from '../../src/theory/construction-name.js';
import type { CertificateDoc } from '../../src/certificate/format.js';
import { checkCertificate } from '../../src/kernel/check.js';
import { DELTA, epsArb, seedArb, targetArb } from '../constructions/_fixtures.js';

function genuine(construction: ConstructionName, seed = 'k1'): CertificateDoc {
  const target = generateTarget([2, 3, 2], 'kernel');
  const out = certify({ target, seed, eps: Rational.parse('0.25'), delta: DELTA, construction });
  if (!out.certificate) throw new Error('test setup: construction failed');
  return out.certificate;
}

const clone = (c: CertificateDoc): CertificateDoc => JSON.parse(JSON.stringify(c)) as CertificateDoc;
const ulp = Rational.dyadic(1n, -53);

/** Each corruption makes the certificate invalid; `reason` is what the kernel must say. */
const CORRUPTIONS: { name: string; reason: RegExp; apply: (c: CertificateDoc) => void }[] = [
  {
    name: 'a kept input weight changed by one ulp',
    reason: /plus\.u = .* but G\[1\]/,
    apply: (c) => {
      const g = c.gadgets[0]!;
      g.plus.u = Rational.parse(g.plus.u).add(ulp).toString();
    },
  },
  {
    name: 'a kept output weight changed by one ulp',
    reason: /minus\.v = .* but G\[2\]/,
    apply: (c) => {
      const g = c.gadgets[1]!;
      g.minus.v = Rational.parse(g.minus.v).sub(ulp).toString();
    },
  },
  {
    name: 'a unit index moved within its pool',
    reason: /but G\[/,
    apply: (c) => {
      c.gadgets[0]!.plus.unit += 1;
    },
  },
  {
    name: "a unit moved into another weight's pool (with G's true weights there)",
    reason: /outside its pool/,
    apply: (c) => {
      const g = c.gadgets[0]!;
      const k = BigInt(c.random.pool[0]!);
      // two pools away (pair: another weight's private pool; shared/product: another input's pool)
      const unit = g.plus.unit + Number(k) * (c.construction === 'pair' ? 2 : 1) * (g.col === 0 ? 1 : -1);
      g.plus.unit = unit;
      g.plus.u = weight(c.random.seed, 2 * g.layer - 1, unit, g.col).toString();
      g.plus.v = weight(c.random.seed, 2 * g.layer, g.row, unit).toString();
    },
  },
  { name: 'the seed changed', reason: /but G\[/, apply: (c) => void (c.random.seed = `${c.random.seed}x`) },
  { name: 'a gadget deleted', reason: /no gadget for target weight/, apply: (c) => void c.gadgets.pop() },
  { name: 'a gadget duplicated', reason: /appears twice/, apply: (c) => void c.gadgets.push(clone(c).gadgets[0]!) },
  {
    name: 'a layer index changed',
    reason: /appears twice|addresses no target weight/,
    apply: (c) => {
      const g = c.gadgets.find((x) => x.layer === 2)!;
      g.layer = 1;
    },
  },
  {
    name: 'eps lowered below the bound',
    reason: /exceeds eps/,
    apply: (c) => void (c.eps = Rational.parse(c.bound.total).div(Rational.of(2)).toString()),
  },
  {
    name: 'the stated bound lowered',
    reason: /stated bound .* is below the recomputed/,
    apply: (c) => void (c.bound.total = Rational.parse(c.bound.total).mul(Rational.of(99, 100)).toString()),
  },
  { name: 'a stated a_i lowered', reason: /stated a = .* is below/, apply: (c) => void (c.bound.perLayer[0]!.a = '0') },
  {
    name: 'a target row removed',
    reason: /target|addresses no target weight/,
    apply: (c) => void c.target.layers[0]!.pop(),
  },
  { name: 'a malformed number', reason: /not an exact number/, apply: (c) => void (c.gadgets[0]!.minus.u = '0.5.3') },
  {
    name: 'a stated gadget error changed',
    reason: /stated error .* but the exact error is/,
    apply: (c) => void (c.gadgets[0]!.error = '0'),
  },
  {
    name: 'the pool size changed',
    reason: /G layer 1 must have/,
    apply: (c) => void (c.random.pool[0] = (BigInt(c.random.pool[0]!) + 1n).toString()),
  },
  {
    name: 'plus and minus on the same unit',
    reason: /same unit|but G\[/,
    apply: (c) => {
      const g = c.gadgets[0]!;
      g.minus = { ...g.plus };
    },
  },
  {
    name: 'the active-weight count changed',
    reason: /activeWeights must be/,
    apply: (c) => void (c.activeWeights += 1),
  },
  { name: 'the depth changed', reason: /depth must be/, apply: (c) => void (c.depth = 3) },
  {
    name: 'a wrong format tag',
    reason: /format must be/,
    apply: (c) => void ((c as { format: string }).format = 'slth-certificate/2'),
  },
  { name: 'a wrong scheme', reason: /random.scheme/, apply: (c) => void (c.random.scheme = 'slth-g/0') },
  {
    name: 'a unit given as a string',
    reason: /unit must be a non-negative integer/,
    apply: (c) => void ((c.gadgets[0]!.plus as { unit: unknown }).unit = '7'),
  },
];

describe.each(CONSTRUCTIONS)('kernel on %s certificates', (construction) => {
  // built on first use, inside a test (not while collecting): mutation runs then attribute the
  // construction code it executes to the tests that need it
  let built: CertificateDoc | undefined;
  const base = (): CertificateDoc => (built ??= genuine(construction));

  it('accepts the genuine certificate', () => {
    expect(checkCertificate(clone(base())).verdict).toBe('ACCEPT');
  });

  it.each(CORRUPTIONS)('rejects $name with the right reason', ({ apply, reason }) => {
    const c = clone(base());
    apply(c);
    const v = checkCertificate(c);
    expect(v.verdict).toBe('REJECT');
    if (v.verdict === 'REJECT') expect(v.reason).toMatch(reason);
  });
});

describe('kernel soundness fuzzing', () => {
  it('accepts every genuine certificate over random targets, seeds and eps', () => {
    fc.assert(
      fc.property(
        targetArb,
        seedArb,
        epsArb,
        fc.constantFrom(...CONSTRUCTIONS),
        ({ target }, seed, eps, construction) => {
          const out = certify({ target, seed, eps, delta: DELTA, construction });
          expect(checkCertificate(clone(out.certificate!)).verdict).toBe('ACCEPT');
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rejects every random corruption of a random genuine certificate', () => {
    const certs = CONSTRUCTIONS.map((c) => genuine(c, 'fz'));
    fc.assert(
      fc.property(fc.constantFrom(...certs), fc.constantFrom(...CORRUPTIONS), (cert, corruption) => {
        const c = clone(cert);
        corruption.apply(c);
        expect(checkCertificate(c).verdict).toBe('REJECT');
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a one-ulp change of any kept weight', () => {
    const cert = genuine('pair', 'ulp');
    fc.assert(
      fc.property(
        fc.nat({ max: cert.gadgets.length - 1 }),
        fc.constantFrom('plus', 'minus'),
        fc.constantFrom('u', 'v'),
        fc.boolean(),
        (gi, side, field, up) => {
          const c = clone(cert);
          const s = c.gadgets[gi]![side as 'plus' | 'minus'];
          const q = Rational.parse(s[field as 'u' | 'v']);
          s[field as 'u' | 'v'] = (up ? q.add(ulp) : q.sub(ulp)).toString();
          const v = checkCertificate(c);
          return v.verdict === 'REJECT' && /but G\[/.test(v.reason);
        },
      ),
    );
  });

  it('malformed documents are REJECT of kind malformed, never a crash', () => {
    for (const doc of [
      null,
      42,
      'x',
      [],
      {},
      { format: 'slth-certificate/1' },
      { ...genuine('pair'), gadgets: 'none' },
      { ...genuine('pair'), random: null },
    ]) {
      const v = checkCertificate(doc);
      expect(v.verdict).toBe('REJECT');
      if (v.verdict === 'REJECT') expect(v.kind).toBe('malformed');
    }
  });
});
