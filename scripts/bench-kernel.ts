/**
 * Benchmark of the kernel on adversarial certificates, measured in one run: each is written to a
 * temporary file and checked by `slth check` in process (read, strict JSON, kernel), and the
 * slowest is compared with the goal of 5 s for a 1 MB certificate.
 *
 * Cases (about 1 MB each unless said):
 * - long dyadic numbers: 25 target weights and errors of about 18000 characters;
 * - long general numbers: 441 target weights with 1024-bit odd denominators (the cap), gcds everywhere;
 * - 130000 short exponent numbers ("-7e400", the largest exponent allowed);
 * - an eps of about 20000 characters (ln and the stated width on it);
 * - eps of 10^6 digits and 10^6-deep nesting (refused while reading);
 * - the worst exact test of ||W||_2 <= 1 within the cap: a dense 64 x 64 layer of 64-bit weights
 *   with ||W||_2 about 0.9 but both cheap bounds above 1 (cost 2.07e13 of the 2.5e13 cap), with
 *   its 4096 gadgets;
 * - as many gadgets as 1 MB holds (3136), every kept weight at offset 4095 of its own stream;
 * - 10^5 gadgets the same way (about 32 MB): the G re-derivation at scale.
 *
 * Every certificate that is not refused while reading is accepted (custom width, eta = eps = 10^6),
 * so the kernel does all its work. Usage: npm run bench:kernel [-- --json] [-- --skip-large]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../src/cli/command.js';
import { main } from '../src/cli/main.js';
import { gadgetError } from '../src/constructions/gadget.js';
import { networkToJson } from '../src/network/json.js';
import type { Network } from '../src/network/network.js';
import { Rational } from '../src/numeric/rational.js';
import { Cursor } from '../src/random/scheme.js';

const json = process.argv.includes('--json');
const skipLarge = process.argv.includes('--skip-large');
const SEED = 'bench-kernel';
const BLOCK = 4096;

/** A deterministic stream of 32-bit integers (xorshift), for the benchmark's own choices. */
function ints(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** G's weights of one block of one line, as the cursor reads them. */
function block(layer: number, line: number, b: number): Float64Array {
  const c = new Cursor(SEED, layer, line, b * BLOCK);
  return Float64Array.from({ length: BLOCK }, () => c.next());
}

/**
 * A pair certificate with pool 4096 per weight (each private pool is one block of G), the +
 * unit at offset 4094 and the - unit at offset 4095 of it, so that every kept weight needs its
 * stream generated almost to the end. Accepted: custom width, eta = eps = 10^6.
 */
function pairCertificate(target: Network, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const widths = [target.layers[0]?.[0]?.length ?? 0, ...target.layers.map((m) => m.length)];
  const gadgets: unknown[] = [];
  target.layers.forEach((m, li) => {
    const i = li + 1;
    const nIn = widths[li] as number;
    m.forEach((row, r) =>
      row.forEach((w, j) => {
        const b = r * nIn + j;
        const us = block(2 * i - 1, j, b);
        const vs = block(2 * i, r, b);
        const side = (o: number): { unit: number; u: Rational; v: Rational } => ({
          unit: b * BLOCK + o,
          u: Rational.fromFloat(us[o] as number),
          v: Rational.fromFloat(vs[o] as number),
        });
        const plus = side(BLOCK - 2);
        const minus = side(BLOCK - 1);
        const error = gadgetError(w, { uPlus: plus.u, vPlus: plus.v, uMinus: minus.u, vMinus: minus.v });
        gadgets.push({
          layer: i,
          row: r,
          col: j,
          plus: { unit: plus.unit, u: plus.u.toString(), v: plus.v.toString() },
          minus: { unit: minus.unit, u: minus.u.toString(), v: minus.v.toString() },
          error: error.toString(),
        });
      }),
    );
  });
  const l = target.layers.length;
  const gWidths = [String(widths[0])];
  for (let i = 1; i <= l; i++)
    gWidths.push(String(BLOCK * (widths[i - 1] as number) * (widths[i] as number)), String(widths[i]));
  return {
    format: 'slth-certificate/1',
    construction: 'pair',
    width: 'custom',
    target: networkToJson(target),
    random: {
      scheme: 'slth-g/1',
      algorithm: 'seedrandom.xor4096.double',
      block: BLOCK,
      seed: SEED,
      pool: target.layers.map(() => String(BLOCK)),
      widths: gWidths,
    },
    eps: '1000000',
    delta: '1/1000000000',
    eta: '1000000',
    hypothesis: 'H',
    gadgets,
    bound: { perLayer: target.layers.map((_, i) => ({ layer: i + 1, a: '1000000', s: '1' })), total: '1000000' },
    activeWeights: 4 * gadgets.length,
    depth: 2 * l,
    provenance: { slth: 'bench', command: 'scripts/bench-kernel.ts' },
    ...extra,
  };
}

const square = (n: number, f: (r: number, j: number) => Rational): Network => ({
  layers: [Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, j) => f(r, j)))],
});

interface Case {
  readonly name: string;
  readonly text: () => string;
  readonly large?: boolean;
}

const CASES: Case[] = [
  {
    name: 'long dyadic numbers (5 x 5, 9000-digit weights)',
    text: () => {
      const next = ints(1);
      const big = (): bigint => {
        let m = 1n;
        for (let k = 0; k < 940; k++) m = (m << 32n) | BigInt(next());
        return m | 1n;
      };
      // |w| about 2^-18 with 30000 fractional bits
      return JSON.stringify(
        pairCertificate(
          square(5, () => Rational.dyadic(big() >> 140n, -30000).mul(Rational.of(next() % 2 === 0 ? 1 : -1))),
        ),
      );
    },
  },
  {
    name: 'long general numbers (21 x 21, 1024-bit odd denominators)',
    text: () => {
      const next = ints(2);
      const odd = (): bigint => {
        let m = 1n;
        for (let k = 0; k < 31; k++) m = (m << 32n) | BigInt(next());
        return (m << 31n) | 1n;
      };
      // |w| < 1/32 so that the Frobenius bound decides H
      return JSON.stringify(
        pairCertificate(
          square(21, () => {
            const q = odd();
            return Rational.of(q / 64n - BigInt(next() % 1000), q);
          }),
        ),
      );
    },
  },
  {
    name: '1 MB of short exponents (a 360 x 360 target of "-7e400")',
    text: () => {
      const c = pairCertificate(square(1, () => Rational.of(1, 8)));
      const layer = Array.from({ length: 360 }, () => Array.from({ length: 360 }, () => '-7e400'));
      return JSON.stringify({ ...c, target: { format: 'slth-network/1', layers: [layer] } });
    },
  },
  {
    name: 'eps of 19880 characters (999999 + 2^-33000)',
    text: () =>
      JSON.stringify(
        pairCertificate(
          square(2, () => Rational.of(1, 8)),
          {
            eps: Rational.of(999_999).add(Rational.dyadic(1n, -33000)).toString(),
            bound: { perLayer: [{ layer: 1, a: '1000', s: '1' }], total: '999999' },
          },
        ),
      ),
  },
  {
    name: 'eps of 10^6 digits (refused while reading)',
    text: () =>
      JSON.stringify(
        pairCertificate(
          square(1, () => Rational.of(1, 8)),
          { eps: `1/${'7'.repeat(1_000_000)}` },
        ),
      ),
  },
  {
    name: '10^6-deep nesting (refused while reading)',
    text: () =>
      JSON.stringify(
        pairCertificate(
          square(1, () => Rational.of(1, 8)),
          { provenance: { slth: 'bench', command: 'DEEP' } },
        ),
      ).replace('"DEEP"', `${'['.repeat(500_000)}${']'.repeat(500_000)}`),
  },
  {
    name: 'worst exact test within the cap (dense 64 x 64, 64-bit weights) and 4096 gadgets',
    // 64^5 * 139^2 = 2.07e13 of the 2.5e13 cap
    text: () => {
      const next = ints(3);
      // uniform entries in [-1/10, 1/10] (64-bit, times 1/10): ||W||_F^2 about 13.7 and
      // ||W||_1 ||W||_inf about 10, rows of squared norm about 0.21, ||W||_2 about 0.92
      const w = (): Rational =>
        Rational.dyadic(((BigInt(next()) << 32n) | BigInt(next())) - 2n ** 63n, -63).mul(Rational.of(1, 10));
      return JSON.stringify(pairCertificate(square(64, w)));
    },
  },
  {
    name: '1 MB of gadgets (56 x 56), every kept weight at offset 4095',
    text: () => JSON.stringify(pairCertificate(square(56, (r, j) => Rational.of((r + j) % 2 === 0 ? 1 : -1, 128)))),
  },
  {
    name: '10^5 gadgets (316 x 316), every kept weight at offset 4095',
    large: true,
    text: () => JSON.stringify(pairCertificate(square(316, (r, j) => Rational.of(((r * 7 + j) % 3) - 1, 512)))),
  },
];

const dir = mkdtempSync(join(tmpdir(), 'slth-bench-kernel-'));
const rows: { name: string; mb: number; exit: number; line: string; seconds: number }[] = [];
try {
  for (const c of CASES) {
    if (c.large && skipLarge) continue;
    const file = join(dir, 'cert.json');
    writeFileSync(file, c.text());
    const mb = statSync(file).size / 1e6;
    const out: string[] = [];
    const io: Io = { out: (t) => void out.push(t), err: (t) => void out.push(t), interactive: false };
    const t = performance.now();
    const exit = await main(['check', file], io);
    const seconds = (performance.now() - t) / 1000;
    const line = out.join('').split('\n')[0]?.replace(file, 'CERT').slice(0, 110) ?? '';
    rows.push({ name: c.name, mb, exit, line, seconds });
    if (!json)
      process.stdout.write(
        `${c.name}: ${mb.toFixed(2)} MB, exit ${exit}, ${seconds.toFixed(2)} s (${(seconds / mb).toFixed(2)} s/MB)\n  ${line}\n`,
      );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const oneMb = rows.filter((r) => r.mb <= 1.5);
const slowest = oneMb.reduce((a, b) => (b.seconds > a.seconds ? b : a), oneMb[0] as (typeof rows)[number]);
const big = rows.filter((r) => r.mb >= 0.5);
const perMb = big.reduce((a, b) => (b.seconds / b.mb > a.seconds / a.mb ? b : a), big[0] as (typeof rows)[number]);
if (json)
  process.stdout.write(
    `${JSON.stringify({ rows, slowest: slowest.name, slowestSeconds: slowest.seconds, goalSeconds: 5 }, null, 2)}\n`,
  );
else {
  process.stdout.write(
    `slowest certificate of at most 1.5 MB: ${slowest.name}, ${slowest.seconds.toFixed(2)} s (goal: under 5 s: ${slowest.seconds < 5 ? 'met' : 'NOT met'})\n` +
      `highest time per MB (certificates of 0.5 MB or more): ${perMb.name}, ${(perMb.seconds / perMb.mb).toFixed(2)} s/MB\n`,
  );
}
