/**
 * `slth-certificate/2`: the streaming writer and reader round-trip a construction D certificate
 * exactly (header and every gadget line), lines survive chunk boundaries, CRLF endings and a
 * missing final newline, writing is atomic (an aborted or inconsistent write leaves nothing), and
 * the structural validation rejects malformed headers and gadget lines with their line number.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { generateTarget } from '../../src/network/generate.js';
import { networkToJson } from '../../src/network/json.js';
import { constructSubsetHere } from '../../src/constructions/subset-construct.js';
import {
  CERTIFICATE_FORMAT_2,
  gadgetLineText,
  parseGadgetLineV2,
  parseHeaderV2,
  type HeaderV2,
} from '../../src/certificate/format2.js';
import { CertificateWriterV2, readCertificateV2, readLines } from '../../src/certificate/stream.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'slth-cert2-'));

function header(gadgets: number, extra: Partial<HeaderV2> = {}): HeaderV2 {
  return {
    format: CERTIFICATE_FORMAT_2,
    construction: 'subset',
    target: networkToJson(generateTarget([2, 2], 'h')),
    random: { scheme: 'slth-g/1', algorithm: 'a', block: 4096, seed: 's', pool: ['3'], widths: ['2', '6', '2'] },
    eps: '1/10',
    delta: null,
    eta: '1/100',
    width: 'custom',
    hypothesis: 'H',
    calibration: null,
    bound: { perLayer: [{ layer: 1, a: '1/3', s: '1' }], total: '1/3' },
    activeWeights: 7,
    depth: 2,
    gadgets,
    provenance: { slth: 'test', command: 'test' },
    ...extra,
  };
}

describe('round trip', () => {
  it('writes a construction run as it streams and reads back the same header and gadget lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.stringMatching(/^[a-z]{1,6}$/),
        fc.integer({ min: 2, max: 24 }),
        (d, n, seed, k) => {
          const target = generateTarget([d, n], seed);
          const path = join(dir(), 'c.jsonl');
          const w = new CertificateWriterV2(path);
          const res = constructSubsetHere(
            { seed, target, eta: Rational.parse('1/64'), pool: [k] },
            { keepGadgets: true, sink: (text, count) => w.gadgetText(text, count) },
          );
          const h = header(d * n, { target: networkToJson(target), activeWeights: res.activeWeights });
          w.finish(h);
          const cert = readCertificateV2(path);
          expect(cert.header).toEqual(h);
          const lines = [...cert.gadgets()];
          expect(lines).toEqual(
            (res.gadgets ?? []).map((g) => ({
              layer: g.layer,
              row: g.row,
              col: g.col,
              plus: [...g.plus],
              minus: [...g.minus],
              error: g.error.toString(),
            })),
          );
          for (const g of lines) expect(gadgetLineText(g)).toBe(JSON.stringify(g));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads lines across 4 MB chunks, with CRLF endings and no final newline', () => {
    const long = 'x'.repeat(5 * 1024 * 1024 + 17);
    const path = join(dir(), 'lines.txt');
    writeFileSync(path, `first\r\n${long}\n\nlast é`);
    const got = [...readLines(path)];
    expect(got.map((l) => l.lineNo)).toEqual([1, 2, 3, 4]);
    expect(got[0]?.text).toBe('first');
    expect(got[1]?.text.length).toBe(long.length);
    expect(got[2]?.text).toBe('');
    expect(got[3]?.text).toBe('last é');
  });
});

describe('atomic writes', () => {
  it('nothing appears before finish, abort leaves nothing, a wrong count leaves nothing', () => {
    const d = dir();
    const path = join(d, 'sub', 'c.jsonl');
    const w = new CertificateWriterV2(path);
    w.gadget({ layer: 1, row: 0, col: 0, plus: [0], minus: [], error: '0' });
    expect(existsSync(path)).toBe(false);
    w.abort();
    expect(existsSync(join(d, 'sub'))).toBe(false);
    const w2 = new CertificateWriterV2(path);
    w2.gadget({ layer: 1, row: 0, col: 0, plus: [0], minus: [], error: '0' });
    expect(() => w2.finish(header(2))).toThrow(/announces 2 gadgets, 1 were written/);
    w2.abort();
    expect(readdirSync(d)).toEqual([]);
    const w3 = new CertificateWriterV2(path);
    w3.gadget({ layer: 1, row: 0, col: 0, plus: [0], minus: [1, 2], error: '1/3' });
    const bytes = w3.finish(header(1));
    expect(readdirSync(join(d, 'sub'))).toEqual(['c.jsonl']);
    expect(bytes).toBeGreaterThan(100);
  });

  it('an unwritable path is an InputError', () => {
    expect(() => new CertificateWriterV2('/proc/slth/c.jsonl')).toThrow(InputError);
  });
});

describe('validation', () => {
  const good = { layer: 1, row: 0, col: 0, plus: [1, 4], minus: [0], error: '3/7' };
  it('gadget lines', () => {
    expect(parseGadgetLineV2(good, 2)).toEqual(good);
    const bad: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ ...good, layer: 0 }, /'layer' must be >= 1/],
      [{ ...good, row: -1 }, /'row' must be an integer >= 0/],
      [{ ...good, col: 1.5 }, /'col'/],
      [{ ...good, plus: [4, 1] }, /strictly increasing/],
      [{ ...good, minus: [1, 1] }, /strictly increasing/],
      [{ ...good, plus: ['1'] }, /'plus' must be an array/],
      [{ ...good, error: 0.5 }, /'error' must be an exact number/],
      [{ ...good, error: '1e-3' }, /'error' must be an exact number/],
    ];
    for (const [v, msg] of bad) {
      expect(() => parseGadgetLineV2(v, 7)).toThrow(InputError);
      expect(() => parseGadgetLineV2(v, 7)).toThrow(msg);
      expect(() => parseGadgetLineV2(v, 7)).toThrow(/line 7/);
    }
  });

  it('headers', () => {
    expect(parseHeaderV2(header(3))).toEqual(header(3));
    const bad: [unknown, RegExp][] = [
      [{ ...header(1), format: 'slth-certificate/1' }, /format must be 'slth-certificate\/2'/],
      [{ ...header(1), construction: 'pair' }, /construction must be 'subset'/],
      [{ ...header(1), width: 'wide' }, /'width'/],
      [{ ...header(1), hypothesis: 'maybe' }, /'hypothesis'/],
      [{ ...header(1), delta: 3 }, /'delta'/],
      [{ ...header(1), gadgets: -1 }, /'gadgets'/],
      [{ ...header(1), calibration: { luekerC: '32/3' } }, /'calibration'/],
      [{ ...header(1), bound: { perLayer: [], total: 1 } }, /'bound'/],
      [{ ...header(1), random: { ...header(1).random, pool: [3] } }, /'random.pool'/],
    ];
    for (const [v, msg] of bad) expect(() => parseHeaderV2(v)).toThrow(msg);
  });

  it('files: a count different from the header, a broken line, an empty file', () => {
    const d = dir();
    const line = gadgetLineText({ layer: 1, row: 0, col: 0, plus: [], minus: [], error: '0' });
    const p1 = join(d, 'a.jsonl');
    writeFileSync(p1, `${JSON.stringify(header(2))}\n${line}\n`);
    expect(() => [...readCertificateV2(p1).gadgets()]).toThrow(/1 gadget lines, the header announces 2/);
    const p2 = join(d, 'b.jsonl');
    writeFileSync(p2, `${JSON.stringify(header(1))}\n${line}\n${line}\n`);
    expect(() => [...readCertificateV2(p2).gadgets()]).toThrow(/more gadget lines than the header's 1/);
    const p3 = join(d, 'c.jsonl');
    writeFileSync(p3, `${JSON.stringify(header(1))}\n{"layer":1,\n`);
    expect(() => [...readCertificateV2(p3).gadgets()]).toThrow(/line 2 is not valid JSON/);
    const p4 = join(d, 'd.jsonl');
    writeFileSync(p4, '');
    expect(() => readCertificateV2(p4)).toThrow(/is empty/);
    expect(() => readCertificateV2(join(d, 'missing.jsonl'))).toThrow(/no such file/);
  });
});
