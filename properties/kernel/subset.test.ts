/**
 * The kernel on `slth-certificate/2` (construction D, src/kernel/subset.ts): genuine certificates
 * are accepted with the same verdict whatever the chunking of the text; every tampering is
 * rejected with its reason (a unit moved to the other side or outside its pool, a unit repeated,
 * an error off by one unit in the last place of u v, a subset edited, an error stated too low, a
 * gadget missing, one too many, lines out of order, a line not in canonical form, a changed eta or
 * pool at the stated width, a false H, a wrong active-weight count, a lowered a_i); a custom width
 * is accepted and said not to be at the stated width; and the kernel's own stated width agrees with
 * the producer's (theory/stated-width.ts) on random shapes.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkSubsetCertificate, type SubsetVerdict } from '../../src/kernel/subset.js';
import { subsetStated } from '../../src/kernel/stated.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from '../_support/cli.js';

let dir: string;
let genuine: string[];
let custom: string[];

async function build(args: string[], name: string): Promise<string[]> {
  const out = join(dir, name);
  const r = await runCli([
    'construct',
    '--construction',
    'subset',
    '--seed',
    'kernel-fuzz',
    '--quiet',
    '--no-error',
    '--out',
    out,
    ...args,
  ]);
  if (r.code !== 0) throw new Error(`construct failed: ${r.err}${r.out}`);
  return readFileSync(out, 'utf8').trimEnd().split('\n');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slth-kernel-subset-'));
  genuine = await build(
    ['--target', 'fixtures/targets/d2-small.json', '--eps', '0.1', '--delta', '1e-6'],
    'stated.jsonl',
  );
  custom = await build(
    ['--target', 'fixtures/targets/d1-two-layer.json', '--eps', '0.5', '--eta', '0.05', '--pool', '40'],
    'custom.jsonl',
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (lines: readonly string[], chunk = 1 << 20): SubsetVerdict => {
  const text = `${lines.join('\n')}\n`;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunk) chunks.push(text.slice(i, i + chunk));
  return checkSubsetCertificate(chunks);
};
const reason = (v: SubsetVerdict): string => (v.verdict === 'REJECT' ? `${v.kind}: ${v.reason}` : 'ACCEPT');

interface Line {
  layer: number;
  row: number;
  col: number;
  plus: number[];
  minus: number[];
  error: string;
}
const parse = (s: string): Line => JSON.parse(s) as Line;
const text = (g: Line): string =>
  `{"layer":${g.layer},"row":${g.row},"col":${g.col},"plus":[${g.plus.join(',')}],"minus":[${g.minus.join(',')}],"error":"${g.error}"}`;
const edit = (lines: readonly string[], n: number, f: (g: Line) => Line): string[] =>
  lines.map((l, i) => (i === n ? text(f(parse(l))) : l));
const header = (lines: readonly string[]): Record<string, unknown> =>
  JSON.parse(lines[0] as string) as Record<string, unknown>;
const withHeader = (lines: readonly string[], f: (h: Record<string, unknown>) => Record<string, unknown>): string[] => [
  JSON.stringify(f(header(lines))),
  ...lines.slice(1),
];

describe('kernel: subset certificates', () => {
  test('a genuine certificate is accepted at the stated width, whatever the chunking', () => {
    const v = check(genuine);
    expect(reason(v)).toBe('ACCEPT');
    if (v.verdict !== 'ACCEPT') return;
    expect(v.atStatedWidth).toBe(true);
    expect(v.gadgets).toBe(genuine.length - 1);
    expect(v.bound).toBeLessOrEqual(v.eps);
    for (const chunk of [1, 7, 64, 1000]) expect(check(genuine, chunk)).toEqual(v);
  });

  test('a custom width (no delta, hypothesis as found) is accepted and not at the stated width', () => {
    const v = check(custom);
    expect(reason(v)).toBe('ACCEPT');
    if (v.verdict === 'ACCEPT') expect(v.atStatedWidth).toBe(false);
  });

  const line = (): number =>
    genuine.findIndex((l, i) => i > 0 && parse(l).plus.length > 1 && parse(l).minus.length > 0);

  test('a unit moved to the other side', () => {
    const n = line();
    const v = check(
      edit(genuine, n, (g) => ({
        ...g,
        plus: g.plus.slice(1),
        minus: [...g.minus, g.plus[0] as number].sort((a, b) => a - b),
      })),
    );
    expect(reason(v)).toMatch(/^invalid: gadget .*has u > 0, so it cannot be on the minus side/);
  });

  test('a unit outside its pool, and a unit repeated', () => {
    const n = line();
    const k = Number((header(genuine)['random'] as { pool: string[] }).pool[0]);
    expect(reason(check(edit(genuine, n, (g) => ({ ...g, plus: [...g.plus, k] }))))).toMatch(
      /offset \d+ is outside the pool of \d+ units/,
    );
    expect(reason(check(edit(genuine, n, (g) => ({ ...g, plus: [g.plus[0] as number, ...g.plus] }))))).toMatch(
      /^malformed: .*strictly increasing/,
    );
  });

  test('an error off by one unit in the last place of u v, stated too low, or a subset edited', () => {
    const n = line();
    const g = parse(genuine[n] as string);
    const e = Rational.parse(g.error);
    const ulp = Rational.dyadic(1n, -104).div(Rational.of(1024)); // below the error's own denominator
    expect(reason(check(edit(genuine, n, (x) => ({ ...x, error: e.add(ulp).toString() }))))).toMatch(
      /stated error .* but the exact error is/,
    );
    expect(reason(check(edit(genuine, n, (x) => ({ ...x, error: '0' }))))).toMatch(
      /stated error 0 but the exact error is/,
    );
    // drop one unit of the + side: its sum changes, so the stated error no longer matches
    expect(reason(check(edit(genuine, n, (x) => ({ ...x, plus: x.plus.slice(1) }))))).toMatch(
      /stated error .* but the exact error is/,
    );
  });

  test('a gadget missing, one too many, lines out of order, a line not in canonical form', () => {
    expect(reason(check(genuine.slice(0, -1)))).toMatch(/the certificate ends before the gadget/);
    expect(reason(check([...genuine, genuine[1] as string]))).toMatch(/more lines than target weights/);
    const swapped = [...genuine];
    [swapped[1], swapped[2]] = [swapped[2] as string, swapped[1] as string];
    expect(reason(check(swapped))).toMatch(/the next target weight is \(layer 1, row 0, col 0\)/);
    const loose = genuine.map((l, i) => (i === 1 ? l.replace('"row":', '"row": ') : l));
    expect(reason(check(loose))).toMatch(/^malformed: line 2 is not a gadget line in canonical form/);
    const twice = genuine.map((l, i) => (i === 1 ? l.replace('{"layer":1,', '{"layer":1,"layer":1,') : l));
    expect(reason(check(twice))).toMatch(/^malformed: line 2 is not a gadget line in canonical form/);
  });

  test('labels: eta or a pool changed at the stated width, a false H, wrong active weights, a lowered a_i', () => {
    expect(reason(check(withHeader(genuine, (h) => ({ ...h, eta: '1/1000' }))))).toMatch(
      /eta = 1\/1000 is not the stated eta|misses its weight/,
    );
    const h = header(genuine);
    expect(
      reason(check(withHeader(genuine, (x) => ({ ...x, activeWeights: (h['activeWeights'] as number) + 1 })))),
    ).toMatch(/activeWeights must be/);
    const bound = h['bound'] as { perLayer: { layer: number; a: string; s: string }[]; total: string };
    const lowered = { ...bound, perLayer: bound.perLayer.map((b, i) => (i === 0 ? { ...b, a: '0' } : b)) };
    expect(reason(check(withHeader(genuine, (x) => ({ ...x, bound: lowered }))))).toMatch(
      /stated a = 0 is below the recomputed/,
    );
    const target = h['target'] as { format: string; layers: string[][][] };
    const big = {
      ...target,
      layers: target.layers.map((m, i) => (i === 0 ? m.map((row) => row.map(() => '0.9')) : m)),
    };
    expect(reason(check(withHeader(genuine, (x) => ({ ...x, target: big }))))).toMatch(
      /claims hypothesis H but the target violates it/,
    );
  });

  test("the kernel's stated width of subset equals the producer's on random shapes, eps, delta and C_D", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 64 }),
        (widths, e, dExp, c) => {
          const eps = Rational.of(e, 1000);
          const delta = Rational.of(1n, 10n ** BigInt(dExp));
          const C = Rational.of(c, 3);
          const ref = statedWidth({ widths, eps, delta, construction: 'subset', luekerC: C });
          const mine = subsetStated(widths, eps, delta, C);
          expect(mine?.eta).toEqualRational(ref.eta);
          expect(mine?.pool).toEqual(ref.pool);
        },
      ),
      { numRuns: 60 },
    );
  });
});
