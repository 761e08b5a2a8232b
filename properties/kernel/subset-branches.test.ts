/**
 * Branch by branch, the kernel for `slth-certificate/2` (src/kernel/subset.ts): genuine
 * certificates built in memory (certifySubset) on dyadic targets (d1-two-layer, d2-small, a
 * 1-1-1 target), on targets with weights such as 1/3 (the non-dyadic error path, and a target
 * mixing a dyadic layer and a layer with a dyadic and a non-dyadic row) and at a custom width,
 * then tampered one field or one gadget line at a time. Every REJECT is pinned to its kind and
 * its whole sentence (and its detail when it carries one), so that a changed message, comparison
 * or branch fails a test:
 *
 * - the line reader: chunks of 1, 7 and 4096 characters, CRLF, no final newline, an empty text,
 *   a pretty-printed header, a line over the caps, blank or extra lines after the last gadget;
 * - the header: format, construction, width, target, random (scheme, algorithm, block, seed,
 *   pool, widths and their agreement with the target), eps, eta, delta, depth, gadgets,
 *   hypothesis (H decided exactly), calibration, activeWeights, the shape of bound, and the
 *   stated width (eta and every pool);
 * - the gadget lines: order, canonical form, offsets (syntax, order, digits, the pool), the sign
 *   of u on each side, the exact error on the dyadic and the non-dyadic paths, the subset rule
 *   (its worst side, at and just below eta), sides of more than 8192 units;
 * - the ACCEPT verdict's fields (bound, eps, delta, eta, hypothesis, width, atStatedWidth,
 *   statedPool, gadgets, activeWeights recounted from the lines, depth);
 * - the spot check of G by seedrandom (with a seedrandom that disagrees on one stream).
 *
 * Canonical form is enforced: an unreduced error (on either path), leading zeros in offsets,
 * layers, rows or columns, a numeric seed and content after a blank line are all refused.
 */
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { certifySubset } from '../../src/constructions/certify-subset.js';
import {
  MAX_GADGET_LINE,
  MAX_HEADER_BYTES,
  checkSubsetCertificate,
  type SubsetVerdict,
} from '../../src/kernel/subset.js';
import type { Rejection } from '../../src/kernel/reject.js';
import { parseNetwork, readNetworkFile } from '../../src/network/json.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { Cursor } from '../../src/random/scheme.js';

type Lines = readonly string[];

/** The header, with the fields the tests edit typed (any other field through the index). */
interface Header {
  [key: string]: unknown;
  random: { [key: string]: unknown; seed: string; pool: string[]; widths: string[] };
  bound: { [key: string]: unknown; perLayer: { layer: number; a: string; s: string }[]; total: string };
  target: { format: string; layers: string[][][] };
  eps: string;
  eta: string;
  activeWeights: number;
}

interface Gadget {
  layer: number;
  row: number;
  col: number;
  plus: number[];
  minus: number[];
  error: string;
}

const eps = Rational.parse('1/10');
const delta = Rational.parse('1e-6');
const net = (layers: string[][][]): Network => parseNetwork({ format: 'slth-network/1', layers });
const certLines = (target: Network, seed: string, pool?: bigint): string[] =>
  certifySubset({ target, seed, eps, delta, ...(pool === undefined ? {} : { pool }) })
    .text.trimEnd()
    .split('\n');

let d1: string[]; // d1-two-layer (1-3-1), stated width, dyadic weights
let d2: string[]; // d2-small (2-4-1), stated width
let custom: string[]; // d1-two-layer with pool 40: width custom, no calibration
let thirds: string[]; // 1-2-1 with weights 1/3, -1/5, 1/7, 2/3: the non-dyadic path
let mixed: string[]; // 1-2-2, a dyadic layer 1 and a layer 2 with one dyadic row and one row with 1/3
let halves: string[]; // 1-2-2 of weights +-1/2: its gadgets emptied tie at error 1/2
let tied: string[]; // 1-2-1, layer 1 of +-1/3: its gadgets emptied tie at error 1/3 (non-dyadic)
let unit: string[]; // 1-1-1 (3/4, then -1): every unit index is its offset
let numeric: string[]; // d1-two-layer with the seed 2024

beforeAll(() => {
  const t1 = readNetworkFile('fixtures/targets/d1-two-layer.json');
  d1 = certLines(t1, 'branches');
  d2 = certLines(readNetworkFile('fixtures/targets/d2-small.json'), 'branches');
  custom = certLines(t1, 'custom', 40n);
  thirds = certLines(net([[['1/3'], ['-1/5']], [['1/7', '2/3']]]), 'thirds');
  mixed = certLines(
    net([
      [['1/2'], ['-1/4']],
      [
        ['1/8', '1/4'],
        ['1/3', '1/8'],
      ],
    ]),
    'mixed',
  );
  halves = certLines(
    net([
      [['1/2'], ['-1/2']],
      [
        ['1/2', '-1/2'],
        ['-1/2', '1/2'],
      ],
    ]),
    'halves',
  );
  tied = certLines(net([[['1/3'], ['-1/3']], [['1/2', '1/4']]]), 'tied');
  unit = certLines(net([[['3/4']], [['-1']]]), 'unit');
  numeric = certLines(t1, '2024');
});

const textOf = (lines: Lines, eol = '\n'): string => `${lines.join(eol)}${eol}`;
const split = (text: string, size: number): string[] => {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
};
const check = (lines: Lines): SubsetVerdict => checkSubsetCertificate([textOf(lines)]);
const verdict = (v: SubsetVerdict): string => (v.verdict === 'REJECT' ? `${v.kind}: ${v.reason}` : 'ACCEPT');
const say = (lines: Lines): string => verdict(check(lines));
const rejected = (lines: Lines): Rejection => {
  const v = check(lines);
  if (v.verdict !== 'REJECT') throw new Error('expected a REJECT, got ACCEPT');
  return v;
};
const accepted = (lines: Lines): Extract<SubsetVerdict, { verdict: 'ACCEPT' }> => {
  const v = check(lines);
  if (v.verdict !== 'ACCEPT') throw new Error(`expected ACCEPT, got ${verdict(v)}`);
  return v;
};

const header = (lines: Lines): Header => JSON.parse(lines[0] as string) as Header;
const withHeader = (lines: Lines, f: (h: Header) => void): string[] => {
  const h = header(lines);
  f(h);
  return [JSON.stringify(h), ...lines.slice(1)];
};
const setField = (lines: Lines, key: string, v: unknown): string[] =>
  withHeader(lines, (h) => {
    h[key] = v;
  });
const withLine1 = (lines: Lines, text: string): string[] => [text, ...lines.slice(1)];
const parse = (s: string): Gadget => JSON.parse(s) as Gadget;
const lineText = (g: Gadget): string =>
  `{"layer":${g.layer},"row":${g.row},"col":${g.col},"plus":[${g.plus.join(',')}],"minus":[${g.minus.join(',')}],"error":"${g.error}"}`;
const edit = (lines: Lines, n: number, f: (g: Gadget) => Gadget): string[] =>
  lines.map((l, i) => (i === n ? lineText(f(parse(l))) : l));
const raw = (lines: Lines, n: number, text: string): string[] => lines.map((l, i) => (i === n ? text : l));
type Place = Pick<Gadget, 'layer' | 'row' | 'col'>;
const at = (g: Place): string => `gadget (layer ${g.layer}, row ${g.row}, col ${g.col})`;

/** The active weights recounted from the lines: distinct kept units plus one out-edge per listed unit. */
function activeOf(lines: Lines): number {
  const h = header(lines);
  const n0 = h.target.layers[0]?.[0]?.length ?? 0;
  const nIn = [n0, ...h.target.layers.map((m) => m.length)];
  const units = new Set<string>();
  let edges = 0;
  for (const l of lines.slice(1)) {
    const g = parse(l);
    const k = Number(h.random.pool[g.layer - 1]);
    expect(g.col).toBeLessThan(nIn[g.layer - 1] as number);
    for (const t of [...g.plus, ...g.minus]) units.add(`${g.layer}:${g.col * k + t}`);
    edges += g.plus.length + g.minus.length;
  }
  return units.size + edges;
}

/** The largest stated error (the first line reaching it) and where it is. */
function worstOf(lines: Lines): { e: Rational; g: Gadget } {
  let best = { e: Rational.parse(parse(lines[1] as string).error), g: parse(lines[1] as string) };
  for (const l of lines.slice(2)) {
    const g = parse(l);
    const e = Rational.parse(g.error);
    if (e.gt(best.e)) best = { e, g };
  }
  return best;
}
const tiny = Rational.dyadic(1n, -300);
/** How the kernel shows an exact number: in full up to 400 bits, else in scientific notation with its size. */
const shown = (q: Rational): string => {
  const bits = q.num.toString(2).replace('-', '').length + q.den.toString(2).length;
  return bits <= 400 ? q.toString() : `${q.toScientific(8)} (an exact number of ${bits} bits)`;
};

describe('ACCEPT: the verdict and its fields', () => {
  test('a genuine stated certificate (dyadic target): every field of the verdict', () => {
    const h = header(d1);
    const v = accepted(d1);
    expect(v.construction).toBe('subset');
    expect(v.bound).toEqualRational(h.bound.total);
    expect(v.bound).toBeLessOrEqual(v.eps);
    expect(v.eps).toEqualRational('1/10');
    expect(v.delta).toEqualRational('1/1000000');
    expect(v.eta).toEqualRational(h.eta);
    expect(v.hypothesis).toBe('H');
    expect(v.width).toBe('stated');
    expect(v.atStatedWidth).toBe(true);
    expect(v.statedPool).toEqual(h.random.pool.map(BigInt));
    expect(v.gadgets).toBe(6);
    expect(v.activeWeights).toBe(h.activeWeights);
    expect(v.depth).toBe(4);
  });

  test('activeWeights is the count of distinct kept units plus one out-edge per listed unit, on every target', () => {
    for (const lines of [d1, d2, custom, thirds, mixed, unit]) {
      const v = accepted(lines);
      expect(v.activeWeights).toBe(activeOf(lines));
      expect(v.gadgets).toBe(lines.length - 1);
    }
  });

  test('non-dyadic weights (1/3, -1/5, 1/7, 2/3) and a mixed target are accepted with their exact bound', () => {
    for (const lines of [thirds, mixed]) {
      const v = accepted(lines);
      expect(v.bound).toEqualRational(header(lines).bound.total);
      expect(v.atStatedWidth).toBe(true);
      expect(v.depth).toBe(4);
    }
  });

  test('a custom width without calibration: no stated pool, not at the stated width', () => {
    const v = accepted(custom);
    expect(v.width).toBe('custom');
    expect(v.atStatedWidth).toBe(false);
    expect(v.statedPool).toBeNull();
    expect(v.delta).toEqualRational('1/1000000');
    expect(v.gadgets).toBe(6);
  });

  test('a stated certificate relabelled custom is at the stated width; with eta raised it is not', () => {
    const relabelled = setField(d1, 'width', 'custom');
    const v = accepted(relabelled);
    expect(v.width).toBe('custom');
    expect(v.atStatedWidth).toBe(true);
    expect(v.statedPool).toEqual([251n, 251n]);
    const raised = accepted(setField(relabelled, 'eta', '1/5'));
    expect(raised.eta).toEqualRational('1/5');
    expect(raised.atStatedWidth).toBe(false);
    expect(raised.statedPool).toEqual([251n, 251n]);
  });

  test('a custom width with a pool other than the stated one has a stated pool but is not at it', () => {
    const max = Math.max(...parse(unit[1] as string).plus, ...parse(unit[1] as string).minus);
    const h0 = header(unit);
    const lines = withHeader(unit, (h) => {
      h['width'] = 'custom';
      h.random.pool[0] = String(max + 1);
      h.random.widths[1] = String(max + 1);
    });
    const v = accepted(lines);
    expect(v.atStatedWidth).toBe(false);
    expect(v.statedPool).toEqual(h0.random.pool.map(BigInt));
  });

  test('custom: no delta and hypothesis none (a target within H), or no calibration key', () => {
    const v = accepted(
      withHeader(d1, (h) => {
        h['width'] = 'custom';
        h['delta'] = null;
        h['hypothesis'] = 'none';
      }),
    );
    expect(v.delta).toBeNull();
    expect(v.hypothesis).toBe('none');
    expect(v.statedPool).toBeNull();
    expect(v.atStatedWidth).toBe(false);
    expect(v.bound).toEqualRational(header(d1).bound.total);
    const w = accepted(
      withHeader(d1, (h) => {
        h['width'] = 'custom';
        delete h['calibration'];
      }),
    );
    expect(w.statedPool).toBeNull();
    expect(w.atStatedWidth).toBe(false);
  });

  test('eps at its largest (10^6) is accepted, an eps string of exactly 20000 characters too', () => {
    expect(accepted(setField(custom, 'eps', '1000000')).eps).toEqualRational(1_000_000);
    const long = `${'0'.repeat(19996)}1/10`;
    expect(long.length).toBe(20000);
    expect(accepted(setField(custom, 'eps', long)).eps).toEqualRational('1/10');
  });

  test('delta just inside (0, 1) is accepted at a custom width', () => {
    for (const d of ['999999/1000000', `1/1${'0'.repeat(300)}`]) {
      const v = accepted(setField(custom, 'delta', d));
      expect(v.delta).toEqualRational(d);
    }
  });

  test('eta equal to the worst side error passes the subset rule (custom width)', () => {
    for (const lines of [d1, thirds]) {
      const { e } = worstOf(lines);
      const v = accepted(
        withHeader(lines, (h) => {
          h['width'] = 'custom';
          h.eta = e.toString();
        }),
      );
      expect(v.eta).toEqualRational(e);
      expect(v.atStatedWidth).toBe(false);
    }
  });

  test('the dyadic path refuses an error equal in value but not in lowest terms (x 3, x 2, /1)', () => {
    const g = parse(d1[1] as string);
    const e = Rational.parse(g.error);
    for (const unreduced of [`${e.num * 3n}/${e.den * 3n}`, `${e.num * 2n}/${e.den * 2n}`]) {
      expect(say(edit(d1, 1, (x) => ({ ...x, error: unreduced })))).toBe(
        `malformed: ${at(g)}.error must be in lowest terms, got ${JSON.stringify(`${unreduced.slice(0, 40)}...`)}`,
      );
    }
    // an integer error written over 1
    const lines = edit(unit, 2, (x) => ({ ...x, plus: [], minus: [], error: '1/1' }));
    expect(say(lines)).toBe(`malformed: ${at(parse(unit[2] as string))}.error must be in lowest terms, got "1/1"`);
  });

  test('an offset written with a leading zero is refused; a lone 0 is an offset', () => {
    const g = parse(d1[1] as string);
    expect(g.plus[0]).toBe(0);
    const second = g.plus[1] as number;
    const text = (d1[1] as string).replace(`"plus":[0,${second},`, `"plus":[0,0${second},`);
    expect(text).not.toBe(d1[1]);
    expect(say(raw(d1, 1, text))).toBe(
      `malformed: ${at(g)}.plus must list integer offsets in strictly increasing order, without leading zeros`,
    );
  });

  test('a numeric seed is refused (seeds are strings)', () => {
    expect(say(numeric)).toBe('ACCEPT');
    expect(say(setField(numeric, 'random', { ...header(numeric).random, seed: 2024 }))).toBe(
      'malformed: random.seed must be a string',
    );
  });
});

describe('the line reader', () => {
  test('the same verdict whatever the chunking (1, 7, 4096 characters) and with empty chunks', () => {
    for (const lines of [d2, thirds]) {
      const whole = check(lines);
      expect(verdict(whole)).toBe('ACCEPT');
      for (const size of [1, 7, 4096]) expect(checkSubsetCertificate(split(textOf(lines), size))).toEqual(whole);
      expect(checkSubsetCertificate(['', textOf(lines), ''])).toEqual(whole);
    }
  });

  test('CRLF line endings, also split between chunks, give the same verdict', () => {
    const whole = check(d1);
    const crlf = textOf(d1, '\r\n');
    expect(checkSubsetCertificate([crlf])).toEqual(whole);
    expect(checkSubsetCertificate(split(crlf, 1))).toEqual(whole);
    expect(checkSubsetCertificate(split(crlf, 7))).toEqual(whole);
  });

  test('a last line with no newline, with or without a final CR', () => {
    const whole = check(d1);
    const text = d1.join('\n');
    expect(checkSubsetCertificate([text])).toEqual(whole);
    expect(checkSubsetCertificate([`${text}\r`])).toEqual(whole);
    expect(checkSubsetCertificate(split(`${d1.join('\r\n')}\r`, 3))).toEqual(whole);
  });

  test('an empty certificate', () => {
    for (const chunks of [[], [''], ['', '']]) {
      expect(checkSubsetCertificate(chunks)).toEqual({
        verdict: 'REJECT',
        kind: 'malformed',
        reason: 'the certificate is empty',
      });
    }
  });

  test('a pretty-printed header', () => {
    const why =
      'malformed: slth-certificate/2 is JSON Lines: the header must be one JSON object on line 1 (this file looks pretty-printed)';
    expect(verdict(checkSubsetCertificate([JSON.stringify(header(d1), null, 2)]))).toBe(why);
    expect(verdict(checkSubsetCertificate(['  { \r\n  "format": 1\n}\n']))).toBe(why);
  });

  test('an unfinished line longer than the header cap; one exactly at the cap goes on to the header reader', () => {
    expect(verdict(checkSubsetCertificate(['x'.repeat(MAX_HEADER_BYTES + 1)]))).toBe(
      `malformed: a line longer than ${MAX_HEADER_BYTES} characters`,
    );
    const atCap = checkSubsetCertificate(['x'.repeat(MAX_HEADER_BYTES)]);
    expect(atCap.verdict === 'REJECT' && atCap.reason).toMatch(/^certificate header \(line 1\) is not valid JSON/);
  });

  test('a gadget line longer than its cap, and one exactly at the cap', () => {
    expect(say(raw(d1, 2, 'x'.repeat(MAX_GADGET_LINE + 1)))).toBe(
      `malformed: line 3 is longer than ${MAX_GADGET_LINE} characters`,
    );
    expect(say(raw(d1, 2, 'x'.repeat(MAX_GADGET_LINE)))).toBe(
      `malformed: line 3 is not a gadget line in canonical form {"layer":i,"row":r,"col":j,"plus":[...],"minus":[...],"error":"p/q"}: "${'x'.repeat(40)}..."`,
    );
  });

  test('blank lines after the last gadget are ignored; a line with content is one too many', () => {
    expect(checkSubsetCertificate([`${textOf(d1)}\n  \n`])).toEqual(check(d1));
    expect(say([...d1, '{}'])).toBe('invalid: line 8: more lines than target weights (6)');
    expect(say([...d2, d2[1] as string])).toBe('invalid: line 14: more lines than target weights (12)');
  });

  test('after the last gadget only blank lines may follow, however many', () => {
    expect(say([...d1, '', '  ', ''])).toBe('ACCEPT');
    expect(say([...d1, '', 'not a gadget line'])).toBe(
      `invalid: line ${d1.length + 2}: more lines than target weights (${header(d1).gadgets})`,
    );
  });
});

describe('the header', () => {
  test('not a JSON object, or not JSON', () => {
    for (const line of ['[1]', 'null', '"x"', '7']) {
      expect(say(withLine1(d1, line))).toBe('malformed: the header (line 1) must be an object');
    }
    const bad = rejected(withLine1(d1, '{"format":'));
    expect(bad.kind).toBe('malformed');
    expect(bad.reason).toMatch(/^certificate header \(line 1\)/);
  });

  test('format', () => {
    const set = (v: unknown): string => say(setField(d1, 'format', v));
    expect(set('slth-certificate/1')).toBe('malformed: format must be "slth-certificate/2", got "slth-certificate/1"');
    expect(set(2)).toBe('malformed: format must be "slth-certificate/2", got number 2');
    expect(set('y'.repeat(41))).toBe(`malformed: format must be "slth-certificate/2", got "${'y'.repeat(40)}..."`);
    expect(set('y'.repeat(40))).toBe(`malformed: format must be "slth-certificate/2", got "${'y'.repeat(40)}"`);
    expect(
      say(
        withHeader(d1, (h) => {
          delete h['format'];
        }),
      ),
    ).toBe('malformed: format must be "slth-certificate/2", got undefined undefined');
  });

  test('construction and width', () => {
    expect(say(setField(d1, 'construction', 'pair'))).toBe('malformed: construction must be "subset", got "pair"');
    expect(say(setField(d1, 'width', 'wide'))).toBe('malformed: width must be "stated" or "custom", got "wide"');
    expect(say(setField(d1, 'width', null))).toBe('malformed: width must be "stated" or "custom", got null');
  });

  test('target', () => {
    expect(say(setField(d1, 'target', 5))).toBe(
      'malformed: target: expected a JSON object {"format": "slth-network/1", "layers": [...]}, got number 5',
    );
    expect(
      say(
        withHeader(d1, (h) => {
          h.target.layers = [];
        }),
      ),
    ).toBe('malformed: target: "layers" is empty (a network needs at least one layer)');
  });

  test('random: an object with the scheme, algorithm and block of slth-g/1', () => {
    const set = (f: (r: Header['random']) => void): string =>
      say(
        withHeader(d1, (h) => {
          f(h.random);
        }),
      );
    for (const r of [null, [], 'slth-g/1']) {
      expect(say(setField(d1, 'random', r))).toBe('malformed: random must be an object');
    }
    expect(set((r) => (r['scheme'] = 'slth-g/2'))).toBe('malformed: random.scheme must be "slth-g/1"');
    expect(set((r) => (r['algorithm'] = 'xor128'))).toBe(
      'malformed: random.algorithm must be "seedrandom.xor4096.double"',
    );
    expect(set((r) => (r['block'] = '4096'))).toBe('malformed: random.block must be 4096');
    expect(set((r) => (r['block'] = 4095))).toBe('malformed: random.block must be 4096');
  });

  test('random.seed', () => {
    expect(
      say(
        withHeader(d1, (h) => {
          h.random.seed = 'bad seed';
        }),
      ),
    ).toBe("malformed: invalid seed 'bad seed': use 1 to 128 characters from A-Z a-z 0-9 _ . : -");
    // another valid seed: the header passes, the first gadget's units are not those of that seed
    expect(
      say(
        withHeader(d1, (h) => {
          h.random.seed = 'other';
        }),
      ),
    ).toMatch(/^invalid: gadget \(layer 1, row 0, col 0\): /);
  });

  test('random.pool and random.widths: the number of entries', () => {
    const set = (key: 'pool' | 'widths', v: unknown): string =>
      say(
        withHeader(d1, (h) => {
          h.random[key] = v as string[];
        }),
      );
    for (const v of [['251'], ['251', '251', '251'], '251', null])
      expect(set('pool', v)).toBe('malformed: random.pool must list 2 pool sizes');
    for (const v of [['1', '251', '3', '753'], ['1', '251', '3', '753', '1', '1'], {}])
      expect(set('widths', v)).toBe('malformed: random.widths must list 5 widths');
  });

  test('random.pool and random.widths: positive integer strings of at most 16 digits', () => {
    const pool = (x: number, v: unknown): string =>
      say(
        withHeader(d1, (h) => {
          (h.random.pool as unknown[])[x] = v;
        }),
      );
    for (const v of ['0', '0251', 251, '251 ', 'x251', '251x', '-251', '12345678901234567'])
      expect(pool(0, v)).toBe('malformed: random.pool[0] must be a positive integer string');
    expect(pool(1, '2.5')).toBe('malformed: random.pool[1] must be a positive integer string');
    // 16 digits are read (and then disagree with the G widths)
    expect(pool(0, '1234567890123456')).toBe(
      'invalid: G layer 1 must have k_1 n_0 = 1234567890123456 units, certificate says 251',
    );
    expect(
      say(
        withHeader(d1, (h) => {
          h.random.widths[3] = 'x';
        }),
      ),
    ).toBe('malformed: random.widths[3] must be a positive integer string');
  });

  test('random.widths must agree with the target and the pools', () => {
    const set = (x: number, v: string): string =>
      say(
        withHeader(d1, (h) => {
          h.random.widths[x] = v;
        }),
      );
    expect(set(0, '2')).toBe("invalid: random.widths disagree with the target's widths at target layer 1");
    expect(set(2, '4')).toBe("invalid: random.widths disagree with the target's widths at target layer 1");
    expect(set(4, '2')).toBe("invalid: random.widths disagree with the target's widths at target layer 2");
    expect(set(1, '252')).toBe('invalid: G layer 1 must have k_1 n_0 = 251 units, certificate says 252');
    expect(set(3, '754')).toBe('invalid: G layer 3 must have k_2 n_1 = 753 units, certificate says 754');
    expect(
      say(
        withHeader(d2, (h) => {
          h.random.widths[1] = '262';
        }),
      ),
    ).toBe('invalid: G layer 1 must have k_1 n_0 = 524 units, certificate says 262');
  });

  test('a G layer beyond 2^26 units is undecidable here; 2^26 passes that check', () => {
    const big = (k: string, e: string): string =>
      say(
        withHeader(d1, (h) => {
          h.random.pool[0] = k;
          h.random.widths[1] = k;
          h.eps = e;
        }),
      );
    const cap = "beyond the kernel's cap of 2^26 = 67108864 units per layer (it holds every u of a layer)";
    expect(big('67108865', '1/10')).toBe(`undecidable: G layer 1 has 67108865 units, ${cap}`);
    expect(big('9007199254740992', '1/10')).toBe(`undecidable: G layer 1 has 9007199254740992 units, ${cap}`);
    expect(big('67108864', '0')).toBe('invalid: eps must be in (0, 1000000], got 0');
  });

  test('eps: an exact string in (0, 10^6]', () => {
    const set = (v: unknown): string => say(setField(custom, 'eps', v));
    const form = 'malformed: eps must be an exact number string "p/q" of at most 20000 characters';
    for (const v of ['0.1', 0.1, '1e-1', ' 1/10', '1/10 ', '1/10x', 'x1/10', '1//10', null]) expect(set(v)).toBe(form);
    expect(set('0')).toBe('invalid: eps must be in (0, 1000000], got 0');
    expect(set('-1/10')).toBe('invalid: eps must be in (0, 1000000], got -1/10');
    expect(set('1000001')).toBe('invalid: eps must be in (0, 1000000], got 1000001');
    expect(set('2000001/2')).toBe('invalid: eps must be in (0, 1000000], got 2000001/2');
    // more than 400 bits: shown in scientific notation with its size
    expect(set(`-1/${'3'.repeat(130)}`)).toBe(
      'invalid: eps must be in (0, 1000000], got -3.0000000e-130 (an exact number of 432 bits)',
    );
    expect(set(`-1/${'3'.repeat(119)}`)).toBe(`invalid: eps must be in (0, 1000000], got -1/${'3'.repeat(119)}`);
    // 1 + 399 bits are shown in full, 1 + 400 bits are not
    const d399 = (1n << 398n) + 1n;
    expect(set(`-1/${d399}`)).toBe(`invalid: eps must be in (0, 1000000], got -1/${d399}`);
    const q401 = Rational.of(-1n, (1n << 399n) + 1n);
    expect(set(q401.toString())).toBe(
      `invalid: eps must be in (0, 1000000], got ${q401.toScientific(8)} (an exact number of 401 bits)`,
    );
  });

  test('an exact string longer than 20000 characters is refused by the header reader', () => {
    const v = rejected(setField(custom, 'eps', `${'0'.repeat(19997)}1/10`));
    expect(v.kind).toBe('malformed');
    expect(v.reason).toMatch(/^certificate header \(line 1\)/);
  });

  test('eta > 0', () => {
    const set = (v: unknown): string => say(setField(custom, 'eta', v));
    expect(set('0')).toBe('invalid: eta must be > 0, got 0');
    expect(set('-1/2')).toBe('invalid: eta must be > 0, got -1/2');
    expect(set(0.05)).toBe('malformed: eta must be an exact number string "p/q" of at most 20000 characters');
  });

  test('delta: null or an exact string in (0, 1); the stated width needs it', () => {
    const set = (lines: Lines, v: unknown): string => say(setField(lines, 'delta', v));
    for (const v of ['0', '1', '3/2', '-1/10'])
      expect(set(custom, v)).toBe(`invalid: delta must be in (0, 1), got ${v}`);
    expect(set(custom, '0.5')).toBe(
      'malformed: delta must be an exact number string "p/q" of at most 20000 characters',
    );
    expect(set(custom, undefined)).toBe(
      'malformed: delta must be an exact number string "p/q" of at most 20000 characters',
    );
    expect(set(d1, null)).toBe('invalid: a certificate at the stated width needs delta');
  });

  test('depth and the number of gadget lines', () => {
    const set = (key: string, v: unknown): string =>
      say(
        withHeader(d1, (h) => {
          h[key] = v;
        }),
      );
    expect(set('depth', 5)).toBe('invalid: depth must be 2l = 4, certificate says number 5');
    expect(set('depth', '4')).toBe('invalid: depth must be 2l = 4, certificate says "4"');
    expect(set('gadgets', 7)).toBe('invalid: the header announces number 7 gadget lines; the target has 6 weights');
    expect(set('gadgets', '6')).toBe('invalid: the header announces "6" gadget lines; the target has 6 weights');
    expect(say(setField(d2, 'gadgets', 8))).toBe(
      'invalid: the header announces number 8 gadget lines; the target has 12 weights',
    );
  });

  test('hypothesis: H or none, H at the stated width, H decided on every layer', () => {
    const set = (lines: Lines, v: unknown): string => say(setField(lines, 'hypothesis', v));
    expect(set(d1, "H'")).toBe('malformed: hypothesis must be "H" or "none", got "H\'"');
    expect(set(d1, undefined)).toBe('malformed: hypothesis must be "H" or "none", got undefined undefined');
    expect(set(d1, 'none')).toBe('invalid: a certificate at the stated width must claim hypothesis H');
    const violate = (layer: number, rows: string[][]): string =>
      say(
        withHeader(d1, (h) => {
          h.target.layers[layer] = rows;
        }),
      );
    expect(violate(0, [['1'], ['1'], ['0']])).toBe(
      'invalid: the certificate claims hypothesis H but the target violates it: ||W_1||_2 > 1',
    );
    expect(violate(1, [['1', '1', '0']])).toBe(
      'invalid: the certificate claims hypothesis H but the target violates it: ||W_2||_2 > 1',
    );
    // ||W||_2 = 1 exactly satisfies H (the header passes; the gadgets are for other weights)
    expect(violate(1, [['3/5', '4/5', '0']])).toMatch(/^invalid: gadget \(layer 2, row 0, col 0\): stated error/);
  });

  test('activeWeights', () => {
    const set = (v: unknown): string => say(setField(d1, 'activeWeights', v));
    const n = header(d1).activeWeights;
    expect(set(n + 1)).toBe(`invalid: activeWeights must be ${n}, certificate says number ${n + 1}`);
    expect(set(n - 1)).toBe(`invalid: activeWeights must be ${n}, certificate says number ${n - 1}`);
    expect(set(String(n))).toBe(`invalid: activeWeights must be ${n}, certificate says "${n}"`);
  });

  test('bound: its shape', () => {
    const set = (f: (h: Header) => void): string => say(withHeader(d1, f));
    const bound = (v: Record<string, unknown>): string => say(setField(d1, 'bound', { ...header(d1).bound, ...v }));
    expect(say(setField(d1, 'bound', 5))).toBe('malformed: bound must be an object');
    expect(bound({ perLayer: {} })).toBe('malformed: bound.perLayer must be an array');
    expect(set((h) => h.bound.perLayer.pop())).toBe('malformed: bound.perLayer must have 2 entries, has 1');
    expect(set((h) => ((h.bound.perLayer[1] as { layer: number }).layer = 1))).toBe(
      'invalid: bound.perLayer[1].layer must be 2',
    );
    expect(bound({ total: 0.01 })).toBe(
      'malformed: bound.total must be an exact number string "p/q" of at most 20000 characters',
    );
  });

  test("the chain runs on the kernel's own a_i (dyadic and non-dyadic layers) and s_i = 1 under H", () => {
    for (const lines of [d1, thirds, mixed]) {
      const h = header(lines);
      for (const x of [0, 1]) {
        const a = Rational.parse((h.bound.perLayer[x] as { a: string }).a);
        const low = a.sub(tiny);
        const v = rejected(
          withHeader(lines, (hh) => {
            (hh.bound.perLayer[x] as { a: string }).a = low.toString();
          }),
        );
        expect(v.kind).toBe('invalid');
        expect(v.reason).toBe(
          `layer ${x + 1}: stated a = ${low.toScientific(8)} is below the recomputed ${a.toScientific(8)}`,
        );
        expect(v.detail?.field).toBe(`bound.perLayer[${x}].a`);
        expect(v.detail?.stated).toEqualRational(low);
        expect(v.detail?.recomputed).toEqualRational(a);
      }
      const s = rejected(
        withHeader(lines, (hh) => {
          (hh.bound.perLayer[1] as { s: string }).s = '1/2';
        }),
      );
      expect(s.reason).toBe('layer 2: stated s = 5.0000000e-1 is below the recomputed 1.0000000e0');
      expect(s.detail?.recomputed).toEqualRational(1);
    }
  });

  test('a total below the recomputed bound names it', () => {
    const v = accepted(thirds);
    const low = v.bound.sub(tiny);
    const r = rejected(
      withHeader(thirds, (h) => {
        h.bound.total = low.toString();
      }),
    );
    expect(r.detail?.field).toBe('bound.total');
    expect(r.detail?.recomputed).toEqualRational(v.bound);
  });

  test('calibration: an object with an exact luekerC, needed at the stated width', () => {
    const set = (v: unknown): string => say(setField(d1, 'calibration', v));
    expect(set('32/3')).toBe('malformed: calibration must be an object');
    expect(set([])).toBe('malformed: calibration must be an object');
    expect(set({})).toBe(
      'malformed: calibration.luekerC must be an exact number string "p/q" of at most 20000 characters',
    );
    const custom = 'a certificate at another width says "width": "custom"';
    const none = `invalid: there is no stated width without delta and the constant C_D (calibration); ${custom}`;
    expect(set(null)).toBe(none);
    expect(
      say(
        withHeader(d1, (h) => {
          delete h['calibration'];
        }),
      ),
    ).toBe(none);
    expect(set({ luekerC: '16/3', calibrated: false })).toBe(
      `invalid: random.pool[0] = 251 is not the stated pool 126 of subset; ${custom}`,
    );
  });
});

describe('the stated width', () => {
  const custom = 'a certificate at another width says "width": "custom"';

  test('eta other than the stated one (every side still within it)', () => {
    const h = header(d1);
    const v = rejected(setField(d1, 'eta', '1/5'));
    expect(v.kind).toBe('invalid');
    expect(v.reason).toBe(
      `eta = 1/5 is not the stated eta ${h.eta} of subset for eps = 1/10 and target widths 1,3,1; ${custom}`,
    );
    expect(v.detail).toEqual({ field: 'eta', stated: Rational.parse('1/5'), recomputed: Rational.parse(h.eta) });
  });

  test('a pool other than the stated one, in the first or the last layer', () => {
    const h = header(unit);
    const k = h.random.pool[0] as string;
    for (const x of [0, 1]) {
      const v = rejected(
        withHeader(unit, (y) => {
          y.random.pool[x] = '400';
          y.random.widths[2 * x + 1] = '400';
        }),
      );
      expect(v.kind).toBe('invalid');
      expect(v.reason).toBe(`random.pool[${x}] = 400 is not the stated pool ${k} of subset; ${custom}`);
      expect(v.detail).toEqual({
        field: `random.pool[${x}]`,
        stated: Rational.of(400),
        recomputed: Rational.parse(k),
      });
    }
  });
});

describe('the gadget lines', () => {
  test('a gadget missing, at the end or in the middle', () => {
    expect(say(d1.slice(0, -1))).toBe(
      'invalid: the certificate ends before the gadget (layer 2, row 0, col 2) (line 7)',
    );
    expect(say(d1.slice(0, 1))).toBe(
      'invalid: the certificate ends before the gadget (layer 1, row 0, col 0) (line 2)',
    );
    expect(say([...d1.slice(0, 2), ...d1.slice(3)])).toBe(
      'invalid: line 3 is the gadget (layer 1, row 2, col 0); the next target weight is (layer 1, row 1, col 0)',
    );
  });

  test('a line whose layer, row or column is not the next target weight', () => {
    const move = (n: number, from: string, to: string): string => say(raw(d2, n, (d2[n] as string).replace(from, to)));
    expect(move(2, '"col":1', '"col":0')).toBe(
      'invalid: line 3 is the gadget (layer 1, row 0, col 0); the next target weight is (layer 1, row 0, col 1)',
    );
    expect(move(1, '"row":0', '"row":1')).toBe(
      'invalid: line 2 is the gadget (layer 1, row 1, col 0); the next target weight is (layer 1, row 0, col 0)',
    );
    expect(move(1, '"layer":1', '"layer":2')).toBe(
      'invalid: line 2 is the gadget (layer 2, row 0, col 0); the next target weight is (layer 1, row 0, col 0)',
    );
    expect(move(9, '"layer":2', '"layer":1')).toBe(
      'invalid: line 10 is the gadget (layer 1, row 0, col 0); the next target weight is (layer 2, row 0, col 0)',
    );
  });

  test('a layer of more than 6 digits, a row or column of more than 9: not in canonical form', () => {
    const form = /^malformed: line 2 is not a gadget line in canonical form /;
    const first = d1[1] as string;
    expect(say(raw(d1, 1, first.replace('"layer":1', '"layer":1000000')))).toMatch(form);
    expect(say(raw(d1, 1, first.replace('"row":0', '"row":1000000000')))).toMatch(form);
    expect(say(raw(d1, 1, first.replace('"col":0', '"col":1000000000')))).toMatch(form);
    // leading zeros are not canonical, nor is a layer 0
    expect(say(raw(d1, 1, first.replace('"layer":1', '"layer":01')))).toMatch(form);
    expect(say(raw(d1, 1, first.replace('"layer":1', '"layer":0')))).toMatch(form);
    expect(say(raw(d1, 1, first.replace('"row":0', '"row":00')))).toMatch(form);
    expect(say(raw(d1, 1, first.replace('"col":0', '"col":00')))).toMatch(form);
    // 6 and 9 digits are read as numbers (and then name another weight)
    expect(say(raw(d1, 1, first.replace('"layer":1', '"layer":100000')))).toMatch(
      /^invalid: line 2 is the gadget \(layer 100000, row 0, col 0\)/,
    );
    expect(say(raw(d1, 1, first.replace('"row":0', '"row":100000000')))).toMatch(
      /^invalid: line 2 is the gadget \(layer 1, row 100000000, col 0\)/,
    );
  });

  test('a line not in canonical form is quoted (at most 40 characters)', () => {
    const spaced = (d1[1] as string).replace('"row":', '"row": ');
    expect(say(raw(d1, 1, spaced))).toBe(
      `malformed: line 2 is not a gadget line in canonical form {"layer":i,"row":r,"col":j,"plus":[...],"minus":[...],"error":"p/q"}: ${JSON.stringify(`${spaced.slice(0, 40)}...`)}`,
    );
    expect(say(raw(d1, 2, '{}'))).toBe(
      'malformed: line 3 is not a gadget line in canonical form {"layer":i,"row":r,"col":j,"plus":[...],"minus":[...],"error":"p/q"}: "{}"',
    );
    const g = parse(d1[1] as string);
    const reordered = `{"row":0,"layer":1,"col":0,"plus":[${g.plus.join(',')}],"minus":[${g.minus.join(',')}],"error":"${g.error}"}`;
    expect(say(raw(d1, 1, reordered))).toMatch(/^malformed: line 2 is not a gadget line in canonical form/);
    expect(say(raw(d1, 1, `${d1[1] as string} `))).toMatch(/^malformed: line 2 is not a gadget line/);
    expect(say(raw(d1, 1, ` ${d1[1] as string}`))).toMatch(/^malformed: line 2 is not a gadget line/);
  });

  test('offsets: integers, strictly increasing, at most 15 digits, on each side', () => {
    const g = parse(d1[1] as string);
    const p = g.plus.join(',');
    const m = g.minus.join(',');
    const with_ = (plus: string, minus: string): string =>
      say(raw(d1, 1, (d1[1] as string).replace(`"plus":[${p}],"minus":[${m}]`, `"plus":[${plus}],"minus":[${minus}]`)));
    const plusBad = `malformed: ${at(g)}.plus must list integer offsets in strictly increasing order, without leading zeros`;
    const minusBad = `malformed: ${at(g)}.minus must list integer offsets in strictly increasing order, without leading zeros`;
    const [a, b] = g.plus as [number, number];
    expect(with_(`${p},`, m)).toBe(plusBad);
    expect(with_(`,${p}`, m)).toBe(plusBad);
    // an empty first offset is not read as 0 (this side starts with offset 0)
    expect(a).toBe(0);
    expect(with_(`,${g.plus.slice(1).join(',')}`, m)).toBe(plusBad);
    expect(with_(`${a},,${b}`, m)).toBe(plusBad);
    expect(with_(`${a},${a}`, m)).toBe(plusBad);
    expect(with_(`${b},${a}`, m)).toBe(plusBad);
    expect(with_(`${'9'.repeat(16)}`, m)).toBe(plusBad);
    expect(with_(p, `${m},${g.minus[0] as number}`)).toBe(minusBad);
    expect(with_(p, `,`)).toBe(minusBad);
  });

  test('an integer error (w = -1, both sides empty) and a negative error', () => {
    const lines = edit(unit, 2, (x) => ({ ...x, plus: [], minus: [], error: '1' }));
    expect(say(lines)).toBe(
      `invalid: activeWeights must be ${activeOf(lines)}, certificate says number ${header(unit).activeWeights}`,
    );
    const g = parse(d1[1] as string);
    expect(say(edit(d1, 1, (x) => ({ ...x, error: `-${x.error}` })))).toBe(
      `invalid: ${at(g)}: stated error -${g.error} but the exact error is ${g.error}`,
    );
  });

  test('an empty side sums to 0: its error is |w|', () => {
    // both sides empty with error |w| pass the line; the header's activeWeights then disagrees
    const g = parse(d1[1] as string);
    const w = Rational.parse('13/128'); // |W_1[0][0]| of d1-two-layer
    const lines = edit(d1, 1, (x) => ({ ...x, plus: [], minus: [], error: w.toString() }));
    const n = activeOf(lines);
    expect(say(lines)).toBe(`invalid: activeWeights must be ${n}, certificate says number ${header(d1).activeWeights}`);
    expect(say(edit(d1, 1, (x) => ({ ...x, plus: [], minus: [], error: '0' })))).toBe(
      `invalid: ${at(g)}: stated error 0 but the exact error is 13/128`,
    );
  });

  test('an offset outside its pool (t >= k), and one just inside', () => {
    const g = parse(unit[1] as string);
    const max = Math.max(...g.plus, ...g.minus);
    const side = g.plus.includes(max) ? 'plus' : 'minus';
    const pooled = (k: number): string[] =>
      withHeader(unit, (h) => {
        h['width'] = 'custom';
        h.random.pool[0] = String(k);
        h.random.widths[1] = String(k);
      });
    const v = rejected(pooled(max));
    expect(v.kind).toBe('invalid');
    expect(v.reason).toBe(`${at(g)}: ${side} offset ${max} is outside the pool of ${max} units`);
    expect(v.detail).toEqual({ field: `gadgets[].${side}`, location: { layer: 1, row: 0, col: 0, side } });
    expect(say(pooled(max + 1))).toBe('ACCEPT');
    const h = parse(unit[2] as string);
    const k2 = Number(header(unit).random.pool[1]);
    const v2 = rejected(edit(unit, 2, (x) => ({ ...x, minus: [...x.minus, k2] })));
    expect(v2.reason).toBe(`${at(h)}: minus offset ${k2} is outside the pool of ${k2} units`);
    expect(v2.detail?.location).toEqual({ layer: 2, row: 0, col: 0, side: 'minus' });
  });

  test('a unit on the side its u does not allow', () => {
    const n = d2.findIndex((l, i) => i > 1 && parse(l).plus.length > 1 && parse(l).minus.length > 1);
    const g = parse(d2[n] as string);
    const k = Number(header(d2).random.pool[g.layer - 1]);
    const sorted = (xs: number[]): number[] => [...xs].sort((x, y) => x - y);
    const toMinus = rejected(
      edit(d2, n, (x) => ({ ...x, plus: x.plus.slice(1), minus: sorted([...x.minus, x.plus[0] as number]) })),
    );
    const up = g.col * k + (g.plus[0] as number);
    expect(toMinus.reason).toBe(
      `${at(g)}: unit ${up} of G layer ${2 * g.layer - 1} has u > 0, so it cannot be on the minus side`,
    );
    expect(toMinus.detail).toEqual({
      field: 'gadgets[].minus',
      location: { layer: g.layer, row: g.row, col: g.col, side: 'minus' },
    });
    const toPlus = rejected(
      edit(d2, n, (x) => ({ ...x, minus: x.minus.slice(1), plus: sorted([...x.plus, x.minus[0] as number]) })),
    );
    const down = g.col * k + (g.minus[0] as number);
    expect(toPlus.reason).toBe(
      `${at(g)}: unit ${down} of G layer ${2 * g.layer - 1} has u < 0, so it cannot be on the plus side`,
    );
    expect(toPlus.detail).toEqual({
      field: 'gadgets[].plus',
      location: { layer: g.layer, row: g.row, col: g.col, side: 'plus' },
    });
  });

  test('a wrong error on the dyadic path: the sentence and its detail, on either layer', () => {
    for (const n of [1, 5, 6]) {
      const g = parse(d1[n] as string);
      const e = Rational.parse(g.error);
      const wrong = e.add(Rational.dyadic(1n, -120));
      const v = rejected(edit(d1, n, (x) => ({ ...x, error: wrong.toString() })));
      expect(v.kind).toBe('invalid');
      expect(v.reason).toBe(`${at(g)}: stated error ${wrong.toString()} but the exact error is ${e.toString()}`);
      expect(v.detail).toEqual({
        field: 'gadgets[].error',
        location: { layer: g.layer, row: g.row, col: g.col },
        stated: wrong,
        recomputed: e,
      });
    }
  });

  test('an error with a zero denominator, or too long to show in full', () => {
    const g = parse(d1[1] as string);
    for (const bad of ['0/0', '1/0']) {
      const v = rejected(edit(d1, 1, (x) => ({ ...x, error: bad })));
      expect(v.kind).toBe('malformed');
      expect(v.reason).toBe(`zero denominator in '${bad}'`);
    }
    const big = `1/${'3'.repeat(130)}`;
    expect(say(edit(d1, 1, (x) => ({ ...x, error: big })))).toBe(
      `invalid: ${at(g)}: stated error 3.0000000e-130 (an exact number of 432 bits) but the exact error is ${g.error}`,
    );
    const t = parse(thirds[1] as string);
    expect(say(edit(thirds, 1, (x) => ({ ...x, error: big })))).toBe(
      `invalid: ${at(t)}: stated error 3.0000000e-130 (an exact number of 432 bits) but the exact error is ${t.error}`,
    );
    expect(verdict(check(edit(thirds, 1, (x) => ({ ...x, error: '1/0' }))))).toBe(
      "malformed: zero denominator in '1/0'",
    );
  });

  test('a wrong error on the non-dyadic path: the sentence and its detail', () => {
    for (const [lines, n] of [
      [thirds, 1],
      [thirds, 4],
      [mixed, 3],
      [mixed, 5],
    ] as const) {
      const g = parse(lines[n] as string);
      const e = Rational.parse(g.error);
      const wrong = e.add(Rational.of(1n, 7n << 110n));
      const v = rejected(edit(lines, n, (x) => ({ ...x, error: wrong.toString() })));
      expect(v.kind).toBe('invalid');
      expect(v.reason).toBe(`${at(g)}: stated error ${wrong.toString()} but the exact error is ${e.toString()}`);
      expect(v.detail).toEqual({
        field: 'gadgets[].error',
        location: { layer: g.layer, row: g.row, col: g.col },
        stated: wrong,
        recomputed: e,
      });
    }
  });

  test('the non-dyadic path refuses an unreduced fraction of the exact error as not in lowest terms', () => {
    const g = parse(thirds[1] as string);
    const e = Rational.parse(g.error);
    expect(e.den % 3n).toBe(0n); // this weight is 1/3: the error's denominator has the factor 3
    const unreduced = `${e.num * 2n}/${e.den * 2n}`;
    const v = rejected(edit(thirds, 1, (x) => ({ ...x, error: unreduced })));
    expect(v.kind).toBe('malformed');
    expect(v.reason).toBe(
      `${at(g)}.error must be in lowest terms, got ${JSON.stringify(`${unreduced.slice(0, 40)}...`)}`,
    );
  });

  test('the subset rule: eta just below the worst side error, at its gadget', () => {
    for (const lines of [d1, d2, thirds, mixed, unit]) {
      const { e, g } = worstOf(lines);
      const eta = e.sub(tiny);
      const v = rejected(
        withHeader(lines, (h) => {
          h['width'] = 'custom';
          h.eta = eta.toString();
        }),
      );
      expect(v.kind).toBe('invalid');
      expect(v.reason).toBe(
        `${at(g)}: a side misses its weight by ${shown(e)} > eta = ${shown(eta)} (the subset rule)`,
      );
      expect(v.detail).toEqual({
        field: 'gadgets[].error',
        location: { layer: g.layer, row: g.row, col: g.col },
        stated: e,
        recomputed: eta,
      });
    }
  });

  test('the subset rule on ties: the first of equal worst sides is named (dyadic, across layers, non-dyadic)', () => {
    // every gadget of a layer emptied (error |w|), the header restated so that only the subset rule fails
    const emptied = (lines: Lines, layers: number[], worst: Rational): string[] => {
      const out = lines.map((l, i) => {
        if (i === 0 || !layers.includes(parse(l).layer)) return l;
        const g = parse(l);
        const h = header(lines);
        const w = Rational.parse(h.target.layers[g.layer - 1]?.[g.row]?.[g.col] as string);
        return lineText({ ...g, plus: [], minus: [], error: w.abs().toString() });
      });
      return withHeader(out, (h) => {
        h['width'] = 'custom';
        h.eps = '1000';
        h.eta = worst.sub(tiny).toString();
        h.activeWeights = activeOf(out);
        h.bound = {
          perLayer: [
            { layer: 1, a: '10', s: '1' },
            { layer: 2, a: '10', s: '1' },
          ],
          total: '1000',
        };
      });
    };
    const cases: [Lines, number[], string, Place][] = [
      [halves, [1], '1/2', { layer: 1, row: 0, col: 0 }],
      [halves, [1, 2], '1/2', { layer: 1, row: 0, col: 0 }],
      [halves, [2], '1/2', { layer: 2, row: 0, col: 0 }],
      [tied, [1], '1/3', { layer: 1, row: 0, col: 0 }],
    ];
    for (const [lines, layers, e, g] of cases) {
      const worst = Rational.parse(e);
      const eta = worst.sub(tiny);
      expect(say(emptied(lines, layers, worst))).toBe(
        `invalid: ${at(g)}: a side misses its weight by ${e} > eta = ${shown(eta)} (the subset rule)`,
      );
      expect(rejected(emptied(lines, layers, worst)).detail).toEqual({
        field: 'gadgets[].error',
        location: g,
        stated: worst,
        recomputed: eta,
      });
    }
  });

  test('the subset rule with a short eta, in the stated certificate', () => {
    const { e, g } = worstOf(d2);
    expect(say(withHeader(d2, (h) => (h.eta = '1/10000000')))).toBe(
      `invalid: ${at(g)}: a side misses its weight by ${e.toString()} > eta = 1/10000000 (the subset rule)`,
    );
  });

  test('a side of more than 8192 units: its exact sum over several float64 partial sums', () => {
    // pool 20000 in layer 1 of the 1-1-1 target (units are offsets): every unit with u > 0 on the + side
    const k = 20000;
    const seed = header(unit).random.seed;
    const us = new Cursor(seed, 1, 0);
    const vs = new Cursor(seed, 2, 0);
    const plus: number[] = [];
    let sum = 0n;
    for (let t = 0; t < k; t++) {
      const u = us.next();
      const v = vs.next();
      if (u > 0) {
        plus.push(t);
        sum += BigInt(u * 2 ** 52) * BigInt(v * 2 ** 52);
      }
    }
    expect(plus.length).toBeGreaterThan(8192 + 1000);
    const g = parse(unit[1] as string);
    let minus = 0n;
    const ms = new Cursor(seed, 1, 0);
    const mv = new Cursor(seed, 2, 0);
    for (let t = 0; t <= Math.max(...g.minus); t++) {
      const u = ms.next();
      const v = mv.next();
      if (g.minus.includes(t)) minus += BigInt(u * 2 ** 52) * BigInt(v * 2 ** 52);
    }
    const w = Rational.parse('3/4');
    const scale = Rational.dyadic(1n, -104);
    const ep = Rational.of(sum).mul(scale).sub(w).abs();
    const em = Rational.of(minus).mul(scale).sub(w).abs();
    const e = Rational.max(ep, em);
    const widened = withHeader(unit, (h) => {
      h['width'] = 'custom';
      h.random.pool[0] = String(k);
      h.random.widths[1] = String(k);
    });
    const lines = edit(widened, 1, (x) => ({ ...x, plus, error: e.toString() }));
    expect(say(lines)).toBe(
      `invalid: activeWeights must be ${activeOf(lines)}, certificate says number ${header(unit).activeWeights}`,
    );
    const off = edit(widened, 1, (x) => ({ ...x, plus, error: e.add(scale).toString() }));
    expect(rejected(off).detail?.recomputed).toEqualRational(e);
  });
});

describe('the spot check of G by seedrandom', () => {
  type Prng = { double(): number };
  type Seedrandom = { xor4096: (seed: string) => Prng };
  const broken = async (stream: string, offset: number): Promise<(chunks: Iterable<string>) => SubsetVerdict> => {
    vi.resetModules();
    vi.doMock('seedrandom', async (importOriginal) => {
      const real = (await importOriginal<{ default: Seedrandom }>()).default;
      const xor4096 = (seed: string): Prng => {
        const rng = real.xor4096(seed);
        let o = 0;
        return { double: () => (seed === stream && o++ === offset ? 0.5 : rng.double()) };
      };
      return { default: Object.assign((seed: string) => real.xor4096(seed), real, { xor4096 }) };
    });
    try {
      return (await import('../../src/kernel/subset.js')).checkSubsetCertificate;
    } finally {
      vi.doUnmock('seedrandom');
      vi.resetModules();
    }
  };

  test('a stream the kernel spot-checks, where seedrandom disagrees: an error, not a verdict', async () => {
    const kernel = await broken('slth-g/1:branches/2/0/0', 5);
    expect(() => kernel([textOf(d2)])).toThrow("the kernel's two generators disagree at G[2] line 0 block 0 offset 5");
  });

  test('a stream it does not spot-check (line 1 of G layer 1)', async () => {
    const kernel = await broken('slth-g/1:branches/1/1/0', 0);
    expect(verdict(kernel([textOf(d2)]))).toBe('ACCEPT');
    const checked = await broken('slth-g/1:branches/1/0/0', 0);
    expect(() => checked([textOf(d2)])).toThrow("the kernel's two generators disagree at G[1] line 0 block 0 offset 0");
  });
});
