/**
 * Regenerates `fixtures/targets/` (seeded targets satisfying H exactly) and `fixtures/invalid/`
 * (malformed network inputs with the error each must produce), deterministically.
 *
 * Run: `npx tsx scripts/make-fixtures.ts` (from the repository root).
 *
 * @example
 * ```sh
 * npx tsx scripts/make-fixtures.ts && git diff --stat fixtures/
 * ```
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTarget, TARGET_GENERATOR, DEFAULT_BITS } from '../src/network/generate.js';
import { NETWORK_FORMAT, networkToJson } from '../src/network/json.js';
import { toJsonText } from '../src/cli/io.js';

/** One generated target fixture. */
interface TargetSpec {
  readonly file: string;
  readonly widths: readonly number[];
  readonly hprime?: boolean;
  readonly tight?: boolean;
}

/** The target fixtures; the seed of each is `fixture-<file without .json>`. */
const TARGETS: readonly TargetSpec[] = [
  { file: 'd1-single.json', widths: [1, 1] },
  { file: 'd1-two-layer.json', widths: [1, 3, 1] },
  { file: 'd2-small.json', widths: [2, 4, 1] },
  { file: 'd2-deep.json', widths: [2, 3, 3, 1] },
  { file: 'd3-hprime.json', widths: [3, 4, 4, 1], hprime: true },
  { file: 'd4-wide.json', widths: [4, 8, 8, 1] },
  { file: 'd3-tight.json', widths: [3, 6, 6, 1], tight: true },
];

/** One malformed input: raw file text and a substring of the error it must produce. */
interface InvalidSpec {
  readonly file: string;
  readonly text: string;
  readonly expect: string;
}

const F = JSON.stringify(NETWORK_FORMAT);
const net = (layers: string): string => `{"format": ${F}, "layers": ${layers}}\n`;

/** The malformed inputs (file names `NN-name.json`). */
const INVALID: readonly InvalidSpec[] = [
  {
    file: '01-nan-string.json',
    text: net('[[["0.5", "NaN"]]]'),
    expect: "layer 1 row 0 column 1: weight 'NaN' is not finite",
  },
  {
    file: '02-infinity-string.json',
    text: net('[[["1/2"], ["-Infinity"]], [["1", "1"]]]'),
    expect: "layer 1 row 1 column 0: weight '-Infinity' is not finite",
  },
  {
    file: '03-number-1e400.json',
    text: net('[[[0.5, 1e400]]]'),
    expect: 'layer 1 row 0 column 1: weight is not a finite number (Infinity',
  },
  {
    file: '04-huge-exponent.json',
    text: net('[[["1e999999"]]]'),
    expect: 'layer 1 row 0 column 0: exponent out of range',
  },
  { file: '05-empty-string.json', text: net('[[[""]]]'), expect: 'layer 1 row 0 column 0: weight is an empty string' },
  {
    file: '06-non-numeric-string.json',
    text: net('[[["abc"]]]'),
    expect: "layer 1 row 0 column 0: not an exact number: 'abc'",
  },
  {
    file: '07-null-weight.json',
    text: net('[[[0.5]], [[null]]]'),
    expect: 'layer 2 row 0 column 0: weight must be a number or a string, got null',
  },
  {
    file: '08-boolean-weight.json',
    text: net('[[[true, 0]]]'),
    expect: 'layer 1 row 0 column 0: weight must be a number or a string, got boolean true',
  },
  {
    file: '09-nested-array-weight.json',
    text: net('[[[0, [0.5]]]]'),
    expect: 'layer 1 row 0 column 1: weight must be a number or a string, got an array',
  },
  {
    file: '10-ragged-row.json',
    text: net('[[[1, 0, 0], [0, 1]]]'),
    expect: 'layer 1 is ragged: row 1 has 2 entries, expected 3',
  },
  { file: '11-empty-row.json', text: net('[[[1, 0], []]]'), expect: 'layer 1 row 1 is empty' },
  { file: '12-empty-layer.json', text: net('[[[1]], []]'), expect: 'layer 2 is empty' },
  { file: '13-empty-layers.json', text: net('[]'), expect: '"layers" is empty' },
  {
    file: '14-mismatched-shapes.json',
    text: net('[[[1, 0], [0, 1]], [[1, 1, 1]]]'),
    expect: 'layer 2 has 3 columns but layer 1 has 2 rows',
  },
  { file: '15-missing-format.json', text: '{"layers": [[[1]]]}\n', expect: 'missing "format"' },
  {
    file: '16-wrong-format.json',
    text: '{"format": "slth-network/2", "layers": [[[1]]]}\n',
    expect: "unsupported format 'slth-network/2'",
  },
  {
    file: '17-layers-not-array.json',
    text: `{"format": ${F}, "layers": {"1": [[1]]}}\n`,
    expect: '"layers" must be an array of weight matrices, got an object',
  },
  { file: '18-truncated.json', text: `{"format": ${F}, "layers": [[[0.5, 0.25], [0.1`, expect: 'is not valid JSON' },
  { file: '19-top-level-array.json', text: '[[[0.5]]]\n', expect: 'expected a JSON object' },
  {
    file: '20-zero-denominator.json',
    text: net('[[["1/0"]]]'),
    expect: "layer 1 row 0 column 0: zero denominator in '1/0'",
  },
  {
    file: '21-object-weight.json',
    text: net('[[[{"value": 1}]]]'),
    expect: 'layer 1 row 0 column 0: weight must be a number or a string, got an object',
  },
  { file: '22-missing-layers.json', text: `{"format": ${F}}\n`, expect: 'missing "layers"' },
  { file: '23-empty-file.json', text: '', expect: 'is not valid JSON: the file is empty' },
  { file: '24-trailing-garbage.json', text: `${net('[[[1]]]')} x`, expect: 'is not valid JSON' },
  {
    file: '25-layer-not-array.json',
    text: net('[[[1]], 5]'),
    expect: 'layer 2 must be an array of rows, got number 5',
  },
  {
    file: '26-row-not-array.json',
    text: net('[[1, 2]]'),
    expect: 'layer 1 row 0 must be an array of weights, got number 1',
  },
  {
    file: '27-unknown-key.json',
    text: `{"format": ${F}, "layers": [[[1]]], "layer": []}\n`,
    expect: 'unknown key "layer"',
  },
  { file: '28-format-number.json', text: '{"format": 1, "layers": [[[1]]]}\n', expect: 'unsupported format number 1' },
  { file: '29-nan-literal.json', text: net('[[[NaN]]]'), expect: 'is not valid JSON' },
  {
    file: '30-hex-string.json',
    text: net('[[["0x10"]]]'),
    expect: "layer 1 row 0 column 0: not an exact number: '0x10'",
  },
  {
    file: '31-meta-not-object.json',
    text: `{"format": ${F}, "meta": 3, "layers": [[[1]]]}\n`,
    expect: '"meta" must be an object, got number 3',
  },
  {
    file: '32-blank-string.json',
    text: net('[[["   "]]]'),
    expect: 'layer 1 row 0 column 0: weight is an empty string',
  },
  { file: '33-lone-minus.json', text: net('[[["-"]]]'), expect: "not an exact number: '-'" },
  { file: '34-decimal-fraction.json', text: net('[[["1.5/2"]]]'), expect: "not an exact number: '1.5/2'" },
  {
    file: '35-top-level-null.json',
    text: 'null\n',
    expect: 'expected a JSON object {"format": "slth-network/1", "layers": [...]}, got null',
  },
  {
    file: '36-second-row-ragged-deep.json',
    text: net('[[[1], [0]], [[0.5, 0.5], [0.5]]]'),
    expect: 'layer 2 is ragged: row 1 has 1 entry, expected 2',
  },
];

function clearJson(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) unlinkSync(join(dir, f));
}

function makeTargets(dir: string): void {
  clearJson(dir);
  for (const t of TARGETS) {
    const seed = `fixture-${t.file.replace(/\.json$/, '')}`;
    const hprime = t.hprime === true;
    const tight = t.tight === true;
    const target = generateTarget(t.widths, seed, { hprime, tight, bits: DEFAULT_BITS });
    const meta = { generator: TARGET_GENERATOR, seed, widths: [...t.widths], bits: DEFAULT_BITS, hprime, tight };
    writeFileSync(join(dir, t.file), toJsonText(networkToJson(target, meta)));
  }
}

function makeInvalid(dir: string): void {
  clearJson(dir);
  const expected: Record<string, string> = {};
  for (const s of INVALID) {
    writeFileSync(join(dir, s.file), s.text);
    expected[s.file] = s.expect;
  }
  writeFileSync(join(dir, 'expected.json'), toJsonText(expected));
}

makeTargets(join('fixtures', 'targets'));
makeInvalid(join('fixtures', 'invalid'));
process.stdout.write(
  `wrote ${TARGETS.length} targets to fixtures/targets and ${INVALID.length} invalid inputs to fixtures/invalid\n`,
);
