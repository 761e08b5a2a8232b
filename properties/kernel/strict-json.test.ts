/**
 * The strict JSON reader the kernel reads certificates with (src/network/strict-json.ts): it reads
 * every JSON text exactly as JSON.parse does, refuses what JSON.parse refuses, refuses a repeated
 * key (which JSON.parse silently resolves), enforces its caps exactly at their boundaries, never
 * overflows the stack, and keeps its messages short and placed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { STRICT_JSON_DEFAULTS, parseJsonStrict } from '../../src/network/strict-json.js';

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

/** JSON text of a value, with random (valid) white space between tokens. */
const textArb = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n '))
  .map(([v, space]) => JSON.stringify(v, null, space));

/** Any printable-ish text: JSON fragments, edited JSON, garbage. */
const editedArb = fc
  .tuple(
    textArb,
    fc.nat(),
    fc.constantFrom('', ',', '"', '[', ']', '{', '}', ':', '\\', '0', '-', 'e', '.', ' ', '\u0001', 'tru', 'nul'),
  )
  .map(([t, at, insert]) => {
    const i = at % (t.length + 1);
    return at % 2 === 0 ? t.slice(0, i) + insert + t.slice(i) : t.slice(0, i) + insert + t.slice(i + 1);
  });

describe('strict JSON: the same reading as JSON.parse', () => {
  test('every JSON text (unique keys) reads as JSON.parse reads it', () => {
    fc.assert(
      fc.property(textArb, (t) => {
        expect(parseJsonStrict(t)).toEqual(JSON.parse(t));
      }),
      { numRuns: 300 },
    );
  });

  test('an edited text: refused iff JSON.parse refuses it (or it repeats a key), else the same value', () => {
    fc.assert(
      fc.property(editedArb, (t) => {
        let expected: unknown;
        let valid = true;
        try {
          expected = JSON.parse(t);
        } catch {
          valid = false;
        }
        let got: unknown;
        let message = '';
        try {
          got = parseJsonStrict(t, { source: 'x.json' });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          message = (e as Error).message;
        }
        if (!valid) expect(message).toMatch(/^x\.json is not valid JSON: .* at \$.* \(line \d+, column \d+\)$/);
        else if (message !== '') expect(message).toMatch(/^x\.json: duplicate key /);
        else expect(got).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  test('numbers, escapes and odd keys as JSON.parse reads them', () => {
    for (const t of [
      '-0',
      '1e400',
      '-1.5E-3',
      '0.1',
      '"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\"\\\\"',
      '{"__proto__": {"x": 1}, "constructor": 2}',
      '{"": 1, " ": [], "a.b": {}}',
      ' \t\r\n[true, false, null] \n',
    ]) {
      const got = parseJsonStrict(t);
      expect(got).toEqual(JSON.parse(t));
      expect(Object.is(got, -0)).toBe(Object.is(JSON.parse(t), -0));
    }
    const proto = parseJsonStrict('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  test('what JSON.parse refuses, with the place', () => {
    const cases: [string, string][] = [
      ['', 'unexpected end of input (expected a value) at $ (line 1, column 1)'],
      ['[1,2', "unexpected end of input (expected ',' or ']') at $[2] (line 1, column 5)"],
      ['{"a" 1}', 'unexpected character "1" (expected \':\') at $ (line 1, column 6)'],
      ['{"a":1,}', 'unexpected character "}" (expected a string key) at $ (line 1, column 8)'],
      ['{\n "a": [01]}', 'unexpected character "1" (expected a complete number) at $.a[0] (line 2, column 9)'],
      ['1.', 'unexpected character "." (expected a complete number) at $ (line 1, column 2)'],
      ['-', 'unexpected end of input (expected a digit) at $ (line 1, column 2)'],
      ['"\\x"', 'bad escape "\\\\x" in a string at $ (line 1, column 2)'],
      ['"\\u12g4"', 'bad \\u escape in a string at $ (line 1, column 2)'],
      ['"a\u0001"', 'control character "\\u0001" in a string at $ (line 1, column 3)'],
      ['"abc', 'unterminated string at $ (line 1, column 1)'],
      ['[1] x', 'unexpected "x" after the value at $ (line 1, column 5)'],
      ['NaN', 'unexpected character "N" (expected a value) at $ (line 1, column 1)'],
      ['{"a": {"b c": tru}}', 'unexpected character "t" (expected a value) at $.a["b c"] (line 1, column 15)'],
    ];
    for (const [t, why] of cases)
      expect(errorOf(() => parseJsonStrict(t, { source: 'f' }))).toBe(`f is not valid JSON: ${why}`);
    expect(errorOf(() => parseJsonStrict('['))).toMatch(/^JSON text is not valid JSON: /);
  });
});

describe('strict JSON: repeated keys', () => {
  test('a repeated key is refused, naming the key and its path', () => {
    expect(errorOf(() => parseJsonStrict('{"eps":"1/1000","eps":"1/10"}', { source: 'c.json' }))).toBe(
      'c.json: duplicate key "eps" at $.eps (line 1, column 17)',
    );
    expect(errorOf(() => parseJsonStrict('{"a": [0, {"b": 1,\n  "b": 2}]}'))).toBe(
      'JSON text: duplicate key "b" at $.a[1].b (line 2, column 3)',
    );
    expect(errorOf(() => parseJsonStrict('{"x y": 1, "x y": 2}'))).toBe(
      'JSON text: duplicate key "x y" at $["x y"] (line 1, column 12)',
    );
    expect(errorOf(() => parseJsonStrict('{"__proto__": 1, "__proto__": 2}'))).toMatch(/duplicate key "__proto__"/);
    // the same key in different objects is fine
    expect(parseJsonStrict('[{"a": 1}, {"a": 2}, {"b": {"a": 3}, "a": 4}]')).toEqual([
      { a: 1 },
      { a: 2 },
      { b: { a: 3 }, a: 4 },
    ]);
  });

  test('a key repeated anywhere in a random document is found', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 6 }),
        fc.nat(),
        fc.array(fc.constantFrom('a', 'b'), { maxLength: 3 }),
        (obj, pick, nesting) => {
          const keys = Object.keys(obj);
          const key = keys[pick % keys.length] as string;
          const body = JSON.stringify(obj);
          const repeated = `${body.slice(0, -1)},${JSON.stringify(key)}:0}`;
          let text = repeated;
          for (const k of nesting) text = `{"${k}":${text}}`;
          const message = errorOf(() => parseJsonStrict(text));
          expect(message).toContain(
            `duplicate key ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}...` : key)}`,
          );
          expect(message).toContain(
            `at $${[...nesting]
              .reverse()
              .map((k) => `.${k}`)
              .join('')}`,
          );
          expect(() => JSON.parse(text)).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('strict JSON: caps, exactly at their boundaries', () => {
  test('depth: n nested arrays are read iff n <= maxDepth; 100000 levels never overflow the stack', () => {
    const nested = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const cap of [1, 2, 16]) {
      expect(parseJsonStrict(nested(cap), { maxDepth: cap })).toBeInstanceOf(Array);
      expect(errorOf(() => parseJsonStrict(nested(cap + 1), { maxDepth: cap }))).toMatch(
        new RegExp(
          `^JSON text: nesting deeper than ${cap} arrays and objects at \\$(\\[0\\]|\\.\\.\\.\\(4 more\\)\\.\\.\\.)+ \\(line 1, column ${cap + 1}\\)$`,
        ),
      );
    }
    expect(parseJsonStrict(nested(100_000), { maxDepth: 100_000 })).toBeInstanceOf(Array);
    expect(errorOf(() => parseJsonStrict(`{"a":${nested(5000)}}`, { maxDepth: 16 }))).toMatch(
      /^JSON text: nesting deeper than 16 arrays and objects at \$\.a(\[0\])+\.\.\.\(4 more\)\.\.\.(\[0\])+ \(line 1, column 21\)$/,
    );
    expect(parseJsonStrict('{"a":{"b":{}}}', { maxDepth: 3 })).toEqual({ a: { b: {} } });
    expect(errorOf(() => parseJsonStrict('{"a":{"b":{}}}', { maxDepth: 2 }))).toBe(
      'JSON text: nesting deeper than 2 arrays and objects at $.a.b (line 1, column 11)',
    );
    expect(STRICT_JSON_DEFAULTS.maxDepth).toBe(256);
    expect(parseJsonStrict(nested(256))).toBeInstanceOf(Array);
    expect(() => parseJsonStrict(nested(257))).toThrow(InputError);
  });

  test('strings, keys included: maxStringLength characters after unescaping, not one more', () => {
    const s = 'x'.repeat(10);
    expect(parseJsonStrict(JSON.stringify(s), { maxStringLength: 10 })).toBe(s);
    expect(errorOf(() => parseJsonStrict(JSON.stringify(`${s}y`), { maxStringLength: 10 }))).toBe(
      'JSON text: a string longer than 10 characters at $ (line 1, column 1)',
    );
    expect(parseJsonStrict('"\\u0041\\u0042"', { maxStringLength: 2 })).toBe('AB');
    expect(() => parseJsonStrict('"\\u0041\\u0042\\n"', { maxStringLength: 2 })).toThrow(/longer than 2 characters/);
    expect(() => parseJsonStrict('"ab\\n"', { maxStringLength: 2 })).toThrow(/longer than 2 characters/);
    expect(errorOf(() => parseJsonStrict(`{"${'k'.repeat(11)}": 1}`, { maxStringLength: 10 }))).toBe(
      'JSON text: a string longer than 10 characters at $ (line 1, column 2)',
    );
    expect(parseJsonStrict(`{"a": ["${'v'.repeat(10)}"]}`, { maxStringLength: 10 })).toEqual({ a: ['v'.repeat(10)] });
    expect(errorOf(() => parseJsonStrict(`{"a": ["${'v'.repeat(11)}"]}`, { maxStringLength: 10 }))).toBe(
      'JSON text: a string longer than 10 characters at $.a[0] (line 1, column 8)',
    );
  });

  test('number literals: maxNumberLength characters, not one more', () => {
    expect(parseJsonStrict('-1.25e+10', { maxNumberLength: 9 })).toBe(-1.25e10);
    expect(errorOf(() => parseJsonStrict('[-1.25e+100]', { maxNumberLength: 9 }))).toBe(
      'JSON text: a number literal longer than 9 characters at $[0] (line 1, column 2)',
    );
    expect(() => parseJsonStrict(`1${'0'.repeat(1000)}`)).toThrow(/number literal longer than 1000/);
    expect(parseJsonStrict(`1${'0'.repeat(999)}`)).toBe(Number(`1${'0'.repeat(999)}`));
  });

  test('size: maxBytes UTF-8 bytes, multi-byte characters counted as bytes', () => {
    expect(parseJsonStrict('"abcd"', { maxBytes: 6 })).toBe('abcd');
    expect(errorOf(() => parseJsonStrict('"abcde"', { maxBytes: 6, source: 's' }))).toBe(
      's is too large: more than 6 bytes',
    );
    expect(parseJsonStrict('"é"', { maxBytes: 4 })).toBe('é');
    expect(() => parseJsonStrict('"éé"', { maxBytes: 5 })).toThrow(/too large/);
    expect(() => parseJsonStrict('"😀"', { maxBytes: 5 })).toThrow(/too large/);
    expect(parseJsonStrict('"😀"', { maxBytes: 6 })).toBe('😀');
  });

  test('messages quote a short prefix of the input at most', () => {
    const junk = 'z'.repeat(1_000_000);
    for (const t of [`[1]${junk}`, `{"${junk}": 1, "${junk}": 2}`, `[${junk}]`, `"${junk}`, `{"a": "${junk}\u0001"}`]) {
      const message = errorOf(() => parseJsonStrict(t));
      expect(message.length).toBeLessThan(300);
    }
    const long = `{${Array.from({ length: 40 }, (_, i) => `"k${i}":{`).join('')}"x":tru${'}'.repeat(41)}`;
    expect(errorOf(() => parseJsonStrict(long))).toMatch(
      /at \$\.k0\.k1\.k2\.k3\.k4\.k5\.\.\.\(29 more\)\.\.\.\.k35\.k36\.k37\.k38\.k39\.x /,
    );
  });
});
