import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  MAX_WEIGHTS,
  MAX_WIDTH,
  NETWORK_FORMAT,
  networkToJson,
  parseNetwork,
  readJsonFile,
  readNetworkFile,
} from '../../src/network/json.js';
import { widths } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { dyadic20, networkArb, runCli, smallRational, widthsArb } from './helpers.js';

const INVALID_DIR = join('fixtures', 'invalid');
const expected = JSON.parse(readFileSync(join(INVALID_DIR, 'expected.json'), 'utf8')) as Record<string, string>;
const invalidFiles = readdirSync(INVALID_DIR)
  .filter((f) => f.endsWith('.json') && f !== 'expected.json')
  .sort();

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('JSON round trip', () => {
  test('parseNetwork(networkToJson(net)) is the identity (through JSON text)', () => {
    fc.assert(
      fc.property(networkArb(widthsArb(4, 5), fc.oneof(dyadic20, smallRational)), ({ widths: ws, net }) => {
        const back = parseNetwork(JSON.parse(JSON.stringify(networkToJson(net))) as unknown);
        expect(widths(back)).toEqual(ws);
        back.layers.forEach((m, i) =>
          m.forEach((row, r) => row.forEach((w, c) => expect(w).toEqualRational(net.layers[i]?.[r]?.[c] as Rational))),
        );
      }),
      { numRuns: 200 },
    );
  });

  test('networkToJson writes exact reduced strings and an optional meta', () => {
    const net = parseNetwork({ format: NETWORK_FORMAT, layers: [[['2/4', 3, '-0.75']]] });
    expect(networkToJson(net)).toEqual({ format: NETWORK_FORMAT, layers: [[['1/2', '3', '-3/4']]] });
    expect(networkToJson(net, { seed: 's' })).toEqual({
      format: NETWORK_FORMAT,
      meta: { seed: 's' },
      layers: [[['1/2', '3', '-3/4']]],
    });
    expect(Object.keys(networkToJson(net, { seed: 's' }))).toEqual(['format', 'meta', 'layers']);
  });
});

describe('weight semantics', () => {
  test('a JSON number is its exact double; a string is the exact decimal', () => {
    const net = parseNetwork({ format: NETWORK_FORMAT, layers: [[[0.1, '0.1', '1e-3', '-3/9', -0, 1e300]]] });
    const row = net.layers[0]?.[0] as readonly Rational[];
    expect(row[0]?.toString()).toBe('3602879701896397/36028797018963968');
    expect(row[1]?.toString()).toBe('1/10');
    expect(row[2]?.toString()).toBe('1/1000');
    expect(row[3]?.toString()).toBe('-1/3');
    expect(row[4]?.toString()).toBe('0');
    expect(row[5]).toEqualRational(Rational.fromFloat(1e300));
  });

  test('any finite double survives as a JSON number, exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const doc = JSON.parse(JSON.stringify({ format: NETWORK_FORMAT, layers: [[[x]]] })) as unknown;
        expect(parseNetwork(doc).layers[0]?.[0]?.[0]).toEqualRational(Rational.fromFloat(x));
      }),
    );
  });

  test('meta is optional and free', () => {
    expect(
      widths(parseNetwork({ format: NETWORK_FORMAT, meta: { anything: [1, 2] }, layers: [[[1, 2]], [[3]]] })),
    ).toEqual([2, 1, 1]);
  });
});

describe('validation messages', () => {
  test('name the place given as `where`', () => {
    const e = errorOf(() => parseNetwork({ format: NETWORK_FORMAT, layers: [[[1]], [['x']]] }, 'my.json'));
    expect(e.message).toBe(
      "my.json: layer 2 row 0 column 0: not an exact number: 'x' (expected an integer, decimal, 1e-3 or p/q)",
    );
  });

  test('non-finite numbers are rejected (JSON.parse can produce Infinity)', () => {
    for (const v of [Infinity, -Infinity, NaN]) {
      expect(errorOf(() => parseNetwork({ format: NETWORK_FORMAT, layers: [[[v]]] })).message).toContain(
        'not a finite number',
      );
    }
    for (const s of ['NaN', 'nan', '+Infinity', '-inf', 'Infinity']) {
      expect(errorOf(() => parseNetwork({ format: NETWORK_FORMAT, layers: [[[s]]] })).message).toContain(
        'is not finite',
      );
    }
  });

  test('absurd sizes are rejected before any weight is parsed', () => {
    const wide = new Array<number>(MAX_WIDTH + 1).fill(0);
    expect(errorOf(() => parseNetwork({ format: NETWORK_FORMAT, layers: [[wide]] })).message).toContain(
      `width at most ${MAX_WIDTH}`,
    );
    const row = new Array<unknown>(MAX_WIDTH).fill('not parsed');
    const many = new Array<unknown>(Math.ceil(MAX_WEIGHTS / MAX_WIDTH) + 1).fill(row);
    expect(errorOf(() => parseNetwork({ format: NETWORK_FORMAT, layers: [many] })).message).toContain(
      `more than ${MAX_WEIGHTS} weights`,
    );
    expect(
      errorOf(() => parseNetwork({ format: NETWORK_FORMAT, layers: [[['1'.repeat(100_001)]]] })).message,
    ).toContain('characters');
  });

  test('readJsonFile reports missing files and directories', () => {
    expect(errorOf(() => readJsonFile('fixtures/no-such-file.json')).message).toBe(
      'cannot read fixtures/no-such-file.json: no such file',
    );
    expect(errorOf(() => readJsonFile('fixtures')).message).toBe('cannot read fixtures: is a directory');
  });

  test('random garbage is rejected with an InputError, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          parseNetwork(v);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
    // mutate a valid document: any weight replaced by any JSON value
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(5), (v, k) => {
        const layers: unknown[][][] = [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [[1, 1]],
        ];
        const flat = [...(layers[0] as unknown[][]), ...(layers[1] as unknown[][])];
        const row = flat[k % flat.length] as unknown[];
        row[0] = v;
        try {
          parseNetwork({ format: NETWORK_FORMAT, layers });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('fixtures/invalid', () => {
  test('there are at least 24 malformed inputs, each with an expected message', () => {
    expect(invalidFiles.length).toBeGreaterThanOrEqual(24);
    expect(Object.keys(expected).sort()).toEqual(invalidFiles);
    for (const f of invalidFiles) expect(f).toMatch(/^\d\d-[a-z0-9-]+\.json$/);
  });

  test.each(invalidFiles)('%s is rejected by readNetworkFile with its message', (f) => {
    const e = errorOf(() => readNetworkFile(join(INVALID_DIR, f)));
    expect(e.message).toContain(expected[f]);
    expect(e.message.startsWith(join(INVALID_DIR, f))).toBe(true);
    expect(e.message).not.toContain('\n');
  });

  test.each(invalidFiles)('%s: `slth net validate` exits 2, one line on stderr, nothing on stdout', async (f) => {
    const run = await runCli(['net', 'validate', join(INVALID_DIR, f)]);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toContain(expected[f] as string);
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });

  test('`slth net eval` rejects them the same way', async () => {
    for (const f of invalidFiles) {
      const run = await runCli(['net', 'eval', join(INVALID_DIR, f), '--x', '0']);
      expect(run.code).toBe(2);
      expect(run.out).toBe('');
      expect(run.err).toContain(expected[f] as string);
    }
  });

  test('a fresh copy written elsewhere gives the same message with its own path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slth-json-'));
    const p = join(dir, 'copy.json');
    writeFileSync(p, readFileSync(join(INVALID_DIR, '01-nan-string.json')));
    expect(errorOf(() => readNetworkFile(p)).message).toBe(
      `${p}: ${expected['01-nan-string.json']} (NaN and Infinity are not allowed)`,
    );
  });
});
