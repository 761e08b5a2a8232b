/**
 * The lazy random network G, scheme slth-g/1: addressing (blocks of 4096 along the hidden-unit
 * axis, one seedrandom.xor4096 stream per block), agreement of the sequential Cursor with random
 * access, determinism across processes, the exact value set, and seed validation.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import {
  ALGORITHM,
  BLOCK,
  Cursor,
  SCHEME,
  checkSeed,
  lineCursor,
  streamName,
  weight,
  weightFloat,
} from '../../src/random/scheme.js';

/**
 * The scheme as documented, written out independently of src/random: the entry of layer `layer`
 * at hidden-unit position `pos` of line `line` is 2 r - 1 for the (pos mod 4096 + 1)-th double of
 * seedrandom.xor4096('slth-g/1:<seed>/<layer>/<line>/<floor(pos / 4096)>').
 */
function documentedBlock(seed: string, layer: number, line: number, block: number): Float64Array {
  const rng = seedrandom.xor4096(`slth-g/1:${seed}/${layer}/${line}/${block}`);
  const out = new Float64Array(4096);
  for (let i = 0; i < 4096; i++) out[i] = 2 * rng.double() - 1;
  return out;
}

/** (row, col) of position `pos` on line `line`: odd layers run down a column, even along a row. */
function address(layer: number, line: number, pos: number): [row: number, col: number] {
  return layer % 2 === 1 ? [pos, line] : [line, pos];
}

const validSeedChars = 'ABCXYZabcxyz0123456789_.:-';
const validSeed = fc.string({ unit: fc.constantFrom(...validSeedChars.split('')), minLength: 1, maxLength: 24 });
const layerArb = fc.integer({ min: 1, max: 8 });
const lineArb = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 ** 9 }));
/** Start positions concentrated at block boundaries (offset 0, 1, 4094, 4095), and anywhere. */
const startArb = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 ** 30 })),
      fc.constantFrom(0, 1, BLOCK - 2, BLOCK - 1),
    )
    .map(([b, o]) => b * BLOCK + o),
  fc.integer({ min: 0, max: 10 ** 13 }),
);

describe('scheme constants', () => {
  it('name, block size and algorithm are the documented ones', () => {
    expect(SCHEME).toBe('slth-g/1');
    expect(BLOCK).toBe(4096);
    expect(ALGORITHM).toBe('seedrandom.xor4096.double');
    expect(streamName('s', 1, 0, 0)).toBe('slth-g/1:s/1/0/0');
  });
  it('golden values (a change here changes every certificate: bump the scheme version instead)', () => {
    const golden: [string, number, number, number, number][] = [
      // seed, layer, line, position, value
      ['golden', 1, 0, 0, -0.13380142238644588],
      ['golden', 1, 0, 1, 0.6112008397078297],
      ['golden', 1, 0, 4095, 0.31985949853588536],
      ['golden', 2, 7, 12288, 0.15092664845859227],
      ['golden', 2, 7, 12305, -0.1746849611286243],
      ['run-42', 3, 5, 10 ** 12, 0.343101389886582],
    ];
    for (const [seed, layer, line, pos, value] of golden) {
      const [row, col] = address(layer, line, pos);
      expect(weightFloat(seed, layer, row, col)).toBe(value);
      expect(new Cursor(seed, layer, line, pos).next()).toBe(value);
    }
  });
});

describe('weightFloat follows the documented scheme', () => {
  it('random addresses equal the documented stream', () => {
    fc.assert(
      fc.property(validSeed, layerArb, lineArb, startArb, (seed, layer, line, pos) => {
        const block = Math.floor(pos / BLOCK);
        const expected = documentedBlock(seed, layer, line, block)[pos - block * BLOCK] as number;
        const [row, col] = address(layer, line, pos);
        return Object.is(weightFloat(seed, layer, row, col), expected);
      }),
      { numRuns: 150 },
    );
  });
  it('odd layers run down a column, even layers along a row', () => {
    // the same (line, pos) read as (row, col) must be transposed between odd and even layers
    const b = documentedBlock('axes', 1, 3, 0);
    expect(weightFloat('axes', 1, 5, 3)).toBe(b[5]);
    const c = documentedBlock('axes', 2, 3, 0);
    expect(weightFloat('axes', 2, 3, 5)).toBe(c[5]);
    expect(weightFloat('axes', 1, 3, 5)).not.toBe(b[5]);
  });
});

describe('Cursor equals weightFloat at the same addresses', () => {
  const agree = (read: (seed: string, layer: number, line: number, start: number, n: number) => number[]) =>
    fc.property(
      validSeed,
      layerArb,
      lineArb,
      startArb,
      fc.integer({ min: 1, max: 40 }),
      (seed, layer, line, start, n) => {
        const values = read(seed, layer, line, start, n);
        for (let k = 0; k < n; k++) {
          const [row, col] = address(layer, line, start + k);
          if (!Object.is(values[k], weightFloat(seed, layer, row, col))) return false;
        }
        return true;
      },
    );
  const realRead = (seed: string, layer: number, line: number, start: number, n: number): number[] => {
    const c = new Cursor(seed, layer, line, start);
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      expect(c.position).toBe(start + k);
      out.push(c.next());
    }
    return out;
  };
  it('random (seed, layer, line, start), runs crossing block boundaries, odd and even layers', () => {
    fc.assert(agree(realRead), { numRuns: 200 });
  });
  it('a cursor across three whole blocks equals the documented streams', () => {
    for (const layer of [1, 2]) {
      const c = lineCursor('blocks', layer, 11, BLOCK - 3);
      const expected = [
        ...documentedBlock('blocks', layer, 11, 0).subarray(BLOCK - 3),
        ...documentedBlock('blocks', layer, 11, 1),
        ...documentedBlock('blocks', layer, 11, 2),
        ...documentedBlock('blocks', layer, 11, 3).subarray(0, 5),
      ];
      let mismatches = 0;
      for (const v of expected) if (!Object.is(c.next(), v)) mismatches++;
      expect(mismatches).toBe(0);
      expect(c.position).toBe(3 * BLOCK + 5);
    }
  });
  it('negative control: a cursor that restarts the same block (no refill) is caught', () => {
    const noRefill = (seed: string, layer: number, line: number, start: number, n: number): number[] => {
      const block = Math.floor(start / BLOCK);
      const values = documentedBlock(seed, layer, line, block);
      const out: number[] = [];
      for (let k = 0; k < n; k++) out.push(values[(start + k - block * BLOCK) % BLOCK] as number);
      return out;
    };
    const offByOneBlock = (seed: string, layer: number, line: number, start: number, n: number): number[] =>
      realRead(seed, layer, line, start + (start % BLOCK === BLOCK - 1 ? 1 : 0), n);
    expect(fc.check(agree(noRefill), { numRuns: 300 }).failed).toBe(true);
    expect(fc.check(agree(offByOneBlock), { numRuns: 300 }).failed).toBe(true);
  });
});

describe('values: exact dyadics in (-1, 1) on the grid u = 2r - 1, r = k 2^-53', () => {
  it('every weight is k 2^-52 - 1 with 1 <= k < 2^53 (so its denominator divides 2^52 | 2^53)', () => {
    const TWO52 = 1n << 52n;
    fc.assert(
      fc.property(validSeed, layerArb, lineArb, startArb, (seed, layer, line, pos) => {
        const [row, col] = address(layer, line, pos);
        const u = weight(seed, layer, row, col);
        const k = u.add(Rational.ONE).mul(Rational.of(TWO52));
        return (
          u.isDyadic() &&
          TWO52 % u.den === 0n &&
          u.gt(Rational.MINUS_ONE) &&
          u.lt(Rational.ONE) &&
          k.isInteger() &&
          k.num >= 1n &&
          k.num < 1n << 53n &&
          u.eq(Rational.fromFloat(weightFloat(seed, layer, row, col)))
        );
      }),
      { numRuns: 200 },
    );
  });
  it('20 blocks scanned by a cursor: every value on the grid and strictly inside (-1, 1)', () => {
    const c = new Cursor('grid', 1, 0, 0);
    let bad = 0;
    for (let i = 0; i < 20 * BLOCK; i++) {
      const u = c.next();
      const k = (u + 1) * 2 ** 52; // exact: u + 1 = k 2^-52 with k < 2^53
      if (!(u > -1 && u < 1 && Number.isInteger(k) && k >= 1 && k < 2 ** 53)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe('huge addresses', () => {
  it('reads a weight at row 10^12 (odd layer) and column 10^12 (even layer)', () => {
    const T = 10 ** 12;
    for (const offset of [0, 1, 2047, 4095]) {
      const pos = T + offset;
      const block = Math.floor(pos / BLOCK);
      const odd = weightFloat('big', 1, pos, 3);
      const even = weightFloat('big', 2, 3, pos);
      expect(odd).toBe(documentedBlock('big', 1, 3, block)[pos - block * BLOCK]);
      expect(even).toBe(documentedBlock('big', 2, 3, block)[pos - block * BLOCK]);
      expect(new Cursor('big', 1, 3, pos).next()).toBe(odd);
      expect(Math.abs(odd) < 1 && Math.abs(even) < 1).toBe(true);
    }
    // the largest safe index still works
    expect(Number.isFinite(weightFloat('big', 1, Number.MAX_SAFE_INTEGER, 0))).toBe(true);
  });
});

describe('determinism across processes', () => {
  it('a child node process prints the same exact weights', () => {
    const addresses: [string, number, number, number][] = [
      ['proc', 1, 0, 0],
      ['proc', 1, 4096, 7],
      ['proc', 2, 9, 4095],
      ['proc-2', 3, 10 ** 12, 1],
      ['proc-2', 4, 1, 10 ** 9 + 17],
    ];
    const schemeUrl = pathToFileURL(fileURLToPath(new URL('../../src/random/scheme.ts', import.meta.url))).href;
    const code = [
      `const m = await import(${JSON.stringify(schemeUrl)});`,
      `const a = ${JSON.stringify(addresses)};`,
      `const w = a.map(([s, l, r, c]) => m.weight(s, l, r, c).toString());`,
      `const cur = new m.Cursor('proc', 1, 0, 4094); const seq = [cur.next(), cur.next(), cur.next()].map(String);`,
      `console.log(JSON.stringify({ w, seq }));`,
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      timeout: 60_000,
    });
    const child = JSON.parse(out.trim().split('\n').pop() as string) as { w: string[]; seq: string[] };
    const here = addresses.map(([s, l, r, c]) => weight(s, l, r, c).toString());
    expect(child.w).toEqual(here);
    const cur = new Cursor('proc', 1, 0, 4094);
    expect(child.seq).toEqual([cur.next(), cur.next(), cur.next()].map(String));
    // and different addresses really differ (the comparison is not vacuous)
    expect(new Set(here).size).toBe(here.length);
  }, 60_000);
});

describe('input validation', () => {
  it('checkSeed rejects bad seeds with InputError', () => {
    for (const bad of ['', 'a/b', 'a'.repeat(200), 'a'.repeat(129), 'a b', 'é', 'a\n', '\u{1F600}', 'x,y', '../etc']) {
      expect(() => checkSeed(bad)).toThrow(InputError);
      expect(() => weightFloat(bad, 1, 0, 0)).toThrow(InputError);
      expect(() => new Cursor(bad, 1, 0)).toThrow(InputError);
    }
    expect(checkSeed('a'.repeat(128))).toBe('a'.repeat(128));
    expect(checkSeed('run-42')).toBe('run-42');
  });
  it('checkSeed accepts exactly 1..128 characters of [A-Za-z0-9_.:-]', () => {
    const allowed = /^[A-Za-z0-9_.:-]$/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 0, maxLength: 140 }), validSeed, (s, good) => {
        const ok = s.length >= 1 && s.length <= 128 && [...s].every((ch) => allowed.test(ch));
        let accepted: boolean;
        try {
          checkSeed(s);
          accepted = true;
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          accepted = false;
        }
        return accepted === ok && checkSeed(good) === good;
      }),
      { numRuns: 1000 },
    );
  });
  it('indices must be safe integers in range', () => {
    for (const [layer, row, col] of [
      [0, 0, 0],
      [-1, 0, 0],
      [1.5, 0, 0],
      [1, -1, 0],
      [1, 0, -1],
      [1, 0.5, 0],
      [1, NaN, 0],
      [1, Infinity, 0],
      [1, 2 ** 53, 0],
    ] as [number, number, number][]) {
      expect(() => weightFloat('s', layer, row, col)).toThrow(InputError);
    }
    expect(() => new Cursor('s', 1, -1)).toThrow(InputError);
    expect(() => new Cursor('s', 1, 0, -5)).toThrow(InputError);
    expect(() => new Cursor('s', 0, 0)).toThrow(InputError);
  });
});
