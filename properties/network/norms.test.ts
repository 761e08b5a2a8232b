import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Matrix } from '../../src/network/network.js';
import {
  checkH,
  checkHPrime,
  frobeniusUpper,
  isPositiveSemidefinite,
  rowColUpper,
  spectralAtMostOne,
  spectralUpper,
  spectralVerdict,
} from '../../src/network/norms.js';
import { Rational } from '../../src/numeric/rational.js';
import { dyadic20, mat, matrixArb, scale } from './helpers.js';

type Psd = (a: readonly (readonly Rational[])[]) => boolean;

const R = (s: string | number): Rational => (typeof s === 'number' ? Rational.of(s) : Rational.parse(s));
const ONE_PLUS = Rational.ONE.add(Rational.dyadic(1n, -40)); // 1 + 2^-40
const ONE_MINUS = Rational.ONE.sub(Rational.dyadic(1n, -40));

function identity(n: number): Rational[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)),
  );
}

function transpose(m: Matrix): Rational[][] {
  const cols = m[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => m.map((row) => row[j] as Rational));
}

function matMul(a: Matrix, b: Matrix): Rational[][] {
  const inner = b.length;
  const cols = b[0]?.length ?? 0;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let s = Rational.ZERO;
      for (let k = 0; k < inner; k++) s = s.add((row[k] as Rational).mul(b[k]?.[j] as Rational));
      return s;
    }),
  );
}

/** I - W^T W, the matrix whose semidefiniteness is ||W||_2 <= 1. */
function gap(w: Matrix): Rational[][] {
  const g = matMul(transpose(w), w);
  return g.map((row, i) => row.map((x, j) => (i === j ? Rational.ONE.sub(x) : x.neg())));
}

/** The Householder reflection I - 2 v v^T / (v^T v): orthogonal, and rational for rational v. */
function householder(v: readonly number[]): Rational[][] {
  const vv = v.reduce((s, x) => s + x * x, 0);
  if (vv === 0) return identity(v.length);
  return v.map((a, i) => v.map((b, j) => (i === j ? Rational.ONE : Rational.ZERO).sub(Rational.of(2 * a * b, vv))));
}

/** U diag(s) V with U, V orthogonal: an m x n matrix whose singular values are exactly |s|. */
function withSingularValues(u: readonly number[], v: readonly number[], s: readonly Rational[]): Rational[][] {
  const m = u.length;
  const n = v.length;
  const d = Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? (s[i] ?? Rational.ZERO) : Rational.ZERO)),
  );
  return matMul(matMul(householder(u), d), householder(v));
}

/** Largest eigenvalue of a symmetric float matrix by cyclic Jacobi rotations (an estimate). */
function maxEigenFloat(a0: readonly (readonly number[])[]): number {
  const n = a0.length;
  const a = a0.map((r) => [...r]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p]?.[q] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]?.[q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p]?.[p] as number;
        const aqq = a[q]?.[q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]?.[p] as number;
          const akq = a[k]?.[q] as number;
          (a[k] as number[])[p] = c * akp - s * akq;
          (a[k] as number[])[q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]?.[k] as number;
          const aqk = a[q]?.[k] as number;
          (a[p] as number[])[k] = c * apk - s * aqk;
          (a[q] as number[])[k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Math.max(...a.map((r, i) => r[i] as number));
}

function spectralNormFloat(w: Matrix): number {
  const g = matMul(transpose(w), w).map((r) => r.map((x) => x.toNumber()));
  return Math.sqrt(Math.max(0, maxEigenFloat(g)));
}

describe('spectralAtMostOne: known cases', () => {
  test('identity holds; identity * (1 + 2^-40) fails; identity * (1 - 2^-40) holds', () => {
    for (const n of [1, 2, 5, 16]) {
      expect(spectralAtMostOne(identity(n))).toBe(true);
      expect(spectralAtMostOne(scale(identity(n), ONE_PLUS))).toBe(false);
      expect(spectralAtMostOne(scale(identity(n), ONE_MINUS))).toBe(true);
    }
  });

  test('rank-deficient boundary cases hold: [[1,0],[0,0]], [[1/2,1/2],[1/2,1/2]], the zero matrix', () => {
    expect(
      spectralAtMostOne(
        mat([
          ['1', '0'],
          ['0', '0'],
        ]),
      ),
    ).toBe(true);
    expect(
      spectralAtMostOne(
        mat([
          ['1/2', '1/2'],
          ['1/2', '1/2'],
        ]),
      ),
    ).toBe(true);
    expect(spectralAtMostOne(mat([[0, 0, 0]]))).toBe(true);
    expect(
      isPositiveSemidefinite(
        gap(
          mat([
            ['1', '0'],
            ['0', '0'],
          ]),
        ),
      ),
    ).toBe(true);
    expect(
      isPositiveSemidefinite(
        gap(
          mat([
            ['1/2', '1/2'],
            ['1/2', '1/2'],
          ]),
        ),
      ),
    ).toBe(true);
  });

  test('the all-(1/n) n x n matrix has norm exactly 1, and the exact PSD test agrees', () => {
    for (const n of [1, 2, 3, 7, 12]) {
      const m = Array.from({ length: n }, () => Array.from({ length: n }, () => Rational.of(1, n)));
      expect(spectralAtMostOne(m)).toBe(true);
      expect(isPositiveSemidefinite(gap(m))).toBe(true);
      if (n > 1) {
        const up = scale(m, ONE_PLUS);
        expect(spectralVerdict(up)).toEqual({ holds: false, method: 'exact-psd' });
        expect(isPositiveSemidefinite(gap(up))).toBe(false);
      }
    }
  });

  test('||W||_F > 1 and ||W||_1 ||W||_inf > 1 but ||W||_2 <= 1: accepted by the exact test', () => {
    const rot = mat([
      ['3/5', '-4/5'],
      ['4/5', '3/5'],
    ]); // orthogonal: norm exactly 1
    expect(frobeniusUpper(rot)).toBeAbove(Rational.ONE);
    expect(rowColUpper(rot)).toBeAbove(Rational.ONE);
    expect(spectralVerdict(rot)).toEqual({ holds: true, method: 'exact-psd' });
    const w = withSingularValues([1, 2, 2], [3, -1, 1, 2], [R(1), R('1/2'), R(0)]); // 3x4, rank 2, norm 1
    expect(frobeniusUpper(w)).toBeAbove(Rational.ONE);
    expect(spectralVerdict(w)).toEqual({ holds: true, method: 'exact-psd' });
    expect(spectralAtMostOne(transpose(w))).toBe(true);
    expect(spectralAtMostOne(scale(w, ONE_PLUS))).toBe(false);
    expect(spectralAtMostOne(scale(transpose(w), ONE_PLUS))).toBe(false);
  });

  test('a row or a column of norm > 1 refutes at once', () => {
    expect(spectralVerdict(mat([[1, 1]]))).toEqual({ holds: false, method: 'line-norm' });
    expect(spectralVerdict(mat([[1], [1]]))).toEqual({ holds: false, method: 'line-norm' });
  });

  test('W = [[1, -1/2], [0, 1/2]]: column norms <= 1, a zero pivot with a nonzero row, norm > 1', () => {
    const w = mat([
      ['1', '-1/2'],
      ['0', '1/2'],
    ]);
    expect(gap(w).map((r) => r.map(String))).toEqual([
      ['0', '1/2'],
      ['1/2', '1/2'],
    ]);
    expect(spectralVerdict(w)).toEqual({ holds: false, method: 'exact-psd' });
    expect(spectralNormFloat(w)).toBeGreaterThan(1.1);
  });

  test('certified upper bounds are upper bounds (against a float estimate) and the exact figures', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((r) => fc.integer({ min: 1, max: 6 }).chain((c) => matrixArb(r, c, dyadic20))),
        (m) => {
          const s = spectralNormFloat(m);
          expect(spectralUpper(m).toNumber()).toBeGreaterThanOrEqual(s * (1 - 1e-9));
          const fu = frobeniusUpper(m);
          const fro2 = m.flat().reduce((a, x) => a.add(x.mul(x)), Rational.ZERO);
          expect(fu.mul(fu)).toBeGreaterOrEqual(fro2);
          expect(spectralUpper(m).eq(Rational.min(fu, rowColUpper(m)))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('spectralAtMostOne against exact and float oracles', () => {
  const vec = (n: number) => fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n });
  const singular = fc.oneof(
    fc.constantFrom(R(1), R(-1), R(0), R('1/2'), ONE_PLUS, ONE_MINUS, R('-1').mul(ONE_PLUS)),
    fc.integer({ min: -16, max: 16 }).map((k) => Rational.of(k, 16)),
  );

  test('U diag(s) V (Householder U, V): holds iff max |s| <= 1, exactly, boundary and rank-deficient cases included', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((m) =>
            fc
              .integer({ min: 1, max: 5 })
              .chain((n) =>
                fc.tuple(vec(m), vec(n), fc.array(singular, { minLength: Math.min(m, n), maxLength: Math.min(m, n) })),
              ),
          ),
        ([u, v, s]) => {
          const w = withSingularValues(u, v, s);
          const truth = s.every((x) => x.abs().le(Rational.ONE));
          expect(spectralAtMostOne(w)).toBe(truth);
          expect(isPositiveSemidefinite(gap(w))).toBe(truth);
          expect(isPositiveSemidefinite(gap(transpose(w)))).toBe(truth);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('random dyadic matrices rescaled to norm 1 +- 10^-4 (float estimate far from the boundary)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 7 })
          .chain((r) => fc.integer({ min: 1, max: 7 }).chain((c) => matrixArb(r, c, dyadic20))),
        fc.boolean(),
        (m, above) => {
          const s = spectralNormFloat(m);
          fc.pre(s > 1e-3);
          const c = Rational.fromFloat((1 / s) * (above ? 1 + 1e-4 : 1 - 1e-4));
          const w = scale(m, c);
          expect(spectralAtMostOne(w)).toBe(!above);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('2 x 2 symmetric matrices: PSD iff a >= 0, c >= 0 and ac >= b^2', () => {
    const q = fc.integer({ min: -6, max: 6 }).map((k) => Rational.of(k, 4));
    fc.assert(
      fc.property(q, q, q, (a, b, c) => {
        const truth = a.sign() >= 0 && c.sign() >= 0 && a.mul(c).ge(b.mul(b));
        expect(
          isPositiveSemidefinite([
            [a, b],
            [b, c],
          ]),
        ).toBe(truth);
      }),
      { numRuns: 1000 },
    );
  });

  test('B^T B is PSD (any rank); B^T B - c v v^T with v^T(.)v < 0 is not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.integer({ min: 0, max: n }).chain((k) =>
              matrixArb(
                k,
                n,
                fc.integer({ min: -3, max: 3 }).map((x) => Rational.of(x, 2)),
              ),
            ),
            fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
            fc.constant(n),
          ),
        ),
        ([b, v, n]) => {
          const a =
            b.length === 0
              ? Array.from({ length: n }, () => new Array<Rational>(n).fill(Rational.ZERO))
              : matMul(transpose(b), b);
          expect(isPositiveSemidefinite(a)).toBe(true);
          fc.pre(v.some((x) => x !== 0));
          const vq = v.map((x) => Rational.of(x));
          const vv = vq.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);
          let quad = Rational.ZERO;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++)
              quad = quad.add((vq[i] as Rational).mul(a[i]?.[j] as Rational).mul(vq[j] as Rational));
          const c = quad.div(vv.mul(vv)).add(Rational.dyadic(1n, -30)); // v^T (A - c v v^T) v = quad - c (v^T v)^2 < 0
          const bad = a.map((row, i) => row.map((x, j) => x.sub(c.mul(vq[i] as Rational).mul(vq[j] as Rational))));
          expect(isPositiveSemidefinite(bad)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('width 32 is quick (< 1 s) on the exact path', () => {
    const n = 32;
    const u = Array.from({ length: n }, (_, i) => ((i * 7) % 5) - 2);
    const v = Array.from({ length: n }, (_, i) => ((i * 3) % 7) - 3);
    const s = Array.from({ length: n }, (_, i) => Rational.of(n - i, n)); // max singular value exactly 1
    const w = withSingularValues(u, v, s);
    let t = performance.now();
    expect(spectralVerdict(w)).toEqual({ holds: true, method: 'exact-psd' });
    expect(performance.now() - t).toBeLessThan(1000);
    const dy = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => Rational.of(((i * 37 + j * 11) % 41) - 20, 8 * 41)),
    );
    t = performance.now();
    const verdict = spectralVerdict(dy);
    expect(verdict.method).toBe('exact-psd');
    expect(verdict.holds).toBe(spectralNormFloat(dy) <= 1);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('negative controls: the suite catches broken PSD tests', () => {
  const leadingMinors = (a: readonly (readonly Rational[])[]): Rational[] => {
    // exact determinants of the leading k x k blocks by rational elimination with row swaps
    const out: Rational[] = [];
    for (let k = 1; k <= a.length; k++) {
      const m = a.slice(0, k).map((r) => r.slice(0, k));
      let det = Rational.ONE;
      for (let c = 0; c < k; c++) {
        let p = c;
        while (p < k && (m[p]?.[c] as Rational).isZero()) p++;
        if (p === k) {
          det = Rational.ZERO;
          break;
        }
        if (p !== c) {
          [m[p], m[c]] = [m[c] as Rational[], m[p] as Rational[]];
          det = det.neg();
        }
        const pivot = m[c]?.[c] as Rational;
        det = det.mul(pivot);
        for (let r = c + 1; r < k; r++) {
          const f = (m[r]?.[c] as Rational).div(pivot);
          m[r] = (m[r] as Rational[]).map((x, j) => x.sub(f.mul(m[c]?.[j] as Rational)));
        }
      }
      out.push(det);
    }
    return out;
  };

  const broken: Record<string, Psd> = {
    'diagonal only': (a) => a.every((r, i) => (r[i] as Rational).sign() >= 0),
    'Sylvester (leading minors > 0: positive definite)': (a) => leadingMinors(a).every((d) => d.sign() > 0),
    'Sylvester with >= 0 (not valid for semidefinite)': (a) => leadingMinors(a).every((d) => d.sign() >= 0),
    'LDL^T that skips zero pivots without checking their row': (a) => {
      const m = a.map((r) => [...r]);
      const n = m.length;
      for (let k = 0; k < n; k++) {
        const p = m[k]?.[k] as Rational;
        if (p.sign() < 0) return false;
        if (p.isZero()) continue;
        for (let i = k + 1; i < n; i++)
          for (let j = k + 1; j < n; j++)
            (m[i] as Rational[])[j] = (m[i]?.[j] as Rational).sub(
              (m[i]?.[k] as Rational).mul(m[k]?.[j] as Rational).div(p),
            );
      }
      return true;
    },
  };

  /** The cases of this file as (input, truth) pairs: identities, boundary, zero pivots, off-boundary. */
  const cases: { name: string; a: Rational[][]; psd: boolean }[] = [
    {
      name: 'I - W^T W for W = [[1,0],[0,0]] (singular PSD)',
      a: gap(
        mat([
          [1, 0],
          [0, 0],
        ]),
      ),
      psd: true,
    },
    {
      name: 'I - W^T W for the all-1/2 2x2 (singular PSD)',
      a: gap(
        mat([
          ['1/2', '1/2'],
          ['1/2', '1/2'],
        ]),
      ),
      psd: true,
    },
    {
      name: 'I - W^T W for W = [[1,-1/2],[0,1/2]] (zero pivot, nonzero row)',
      a: gap(
        mat([
          ['1', '-1/2'],
          ['0', '1/2'],
        ]),
      ),
      psd: false,
    },
    {
      name: 'I - W^T W for 0.7 * ones(2) (diagonal fine, norm 1.4)',
      a: gap(
        mat([
          ['7/10', '7/10'],
          ['7/10', '7/10'],
        ]),
      ),
      psd: false,
    },
    {
      name: '[[0,0],[0,-1]] (leading minors 0, 0)',
      a: mat([
        [0, 0],
        [0, -1],
      ]),
      psd: false,
    },
    { name: 'I - W^T W for the identity', a: gap(identity(3)), psd: true },
    {
      name: 'I - W^T W for (1+2^-40) * all-1/3 3x3',
      a: gap(
        scale(
          mat([
            ['1/3', '1/3', '1/3'],
            ['1/3', '1/3', '1/3'],
            ['1/3', '1/3', '1/3'],
          ]),
          ONE_PLUS,
        ),
      ),
      psd: false,
    },
  ];

  const failures = (psd: Psd): string[] => cases.filter((c) => psd(c.a) !== c.psd).map((c) => c.name);

  test('the correct test passes every case', () => {
    expect(failures(isPositiveSemidefinite)).toEqual([]);
  });

  test.each(Object.keys(broken))('broken variant "%s" is caught', (name) => {
    const bad = broken[name] as Psd;
    const caught = failures(bad);
    expect(caught.length).toBeGreaterThan(0);
    for (const c of cases.filter((x) => caught.includes(x.name)))
      expect(bad(c.a)).not.toBe(isPositiveSemidefinite(c.a));
  });

  test('each broken variant is also caught by the random Householder property (fast-check finds a counterexample)', () => {
    for (const [name, bad] of Object.entries(broken)) {
      const result = fc.check(
        fc.property(
          fc
            .integer({ min: 2, max: 4 })
            .chain((n) =>
              fc.tuple(
                fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
                fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
                fc.array(fc.constantFrom(R(0), R('1/2'), R(1), R('3/2')), { minLength: n, maxLength: n }),
              ),
            ),
          ([u, v, s]) => bad(gap(withSingularValues(u, v, s))) === s.every((x) => x.le(Rational.ONE)),
        ),
        { seed: 42, numRuns: 2000 },
      );
      expect(result.failed, name).toBe(true);
    }
  });
});

describe('checkH and checkHPrime reports', () => {
  test('name the first offending layer, with exact figures', () => {
    const net = {
      layers: [
        mat([
          ['1/2', '1/2'],
          ['1/2', '-1/2'],
        ]),
        mat([
          ['3/5', '4/5'],
          ['4/5', '-3/5'],
        ]),
        mat([['4/5', '4/5']]),
      ],
    };
    const h = checkH(net);
    expect(h.holds).toBe(false);
    expect(h.firstViolation).toBe(3);
    expect(h.layers.map((l) => [l.layer, l.holds, l.method])).toEqual([
      [1, true, 'frobenius'],
      [2, true, 'exact-psd'],
      [3, false, 'line-norm'],
    ]);
    const l1 = h.layers[0];
    expect(l1?.frobeniusSquared.toString()).toBe('1');
    expect(l1?.rowColProduct.toString()).toBe('1');
    expect(l1?.norm1.toString()).toBe('1');
    expect(l1?.maxAbsEntry.toString()).toBe('1/2');
    const hp = checkHPrime(net);
    expect(hp.holds).toBe(false);
    expect(hp.firstViolation).toBe(2);
    expect(
      hp.layers.map((l) => [l.layer, l.fanIn, l.holds, l.violations, l.ratioSquared.toString(), l.row, l.col]),
    ).toEqual([
      [1, 2, true, 0, '1/2', 0, 0],
      [2, 2, false, 2, '32/25', 0, 1],
      [3, 2, false, 2, '32/25', 0, 0],
    ]);
  });

  test("H' boundary: |w| = 1/sqrt(n) exactly holds, a hair above fails", () => {
    const n = 4;
    const row = (x: Rational) => ({ layers: [[new Array<Rational>(n).fill(x)]] });
    expect(checkHPrime(row(R('1/2'))).holds).toBe(true);
    expect(checkHPrime(row(R('1/2').mul(ONE_PLUS))).holds).toBe(false);
    expect(checkHPrime(row(R('-1/2').mul(ONE_PLUS))).layers[0]?.violations).toBe(4);
  });

  test('H implies |w| <= 1 for every weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((r) =>
          fc.integer({ min: 1, max: 5 }).chain((c) =>
            matrixArb(
              r,
              c,
              dyadic20.map((x) => x.mul(R('3/2'))),
            ),
          ),
        ),
        (m) => {
          if (checkH({ layers: [m] }).holds) expect(m.flat().every((x) => x.abs().le(Rational.ONE))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
