/**
 * Benchmark of the sup-error module (`npx tsx scripts/bench-error.ts [seed]`).
 *
 * 1. Exact d = 2 sup between random networks of widths 2,16,16,1 and 2,8,8,1 (a stand-in for a
 *    pair-construction subnetwork against its target), weights U[-1, 1] as exact float64 dyadics
 *    (the law of G's weights): time, number of sectors, exact sup bracket.
 * 2. d = 4 (widths 4,16,16,1 vs 4,8,8,1): certified bracket width against the time budget
 *    (100, 300, 1000, 3000 ms), for an unrelated pair and for a near pair (B = A with every weight
 *    moved by at most 1e-3, where the error is small and cancellation matters).
 * 3. Every d >= 3 certificate of the audit fixtures (d3-hprime, d3-tight, d4-wide; pair, shared,
 *    product at the stated width, eps 1/10, delta 1e-9, the audit's seeds): upper / lower of the
 *    true-error bracket at the default budget (2000 ms), bounding the two networks separately (the
 *    method before the differential bound; upper end capped by the Lemma 4 bound as `slth error
 *    CERT` does) and propagating their difference.
 * 4. Budget adherence: elapsed / budget and memory for large inputs (d and widths up to 1000),
 *    unrelated and near pairs, and a certificate of a 100-wide target.
 *
 * All randomness is seeded (seedrandom); timings are wall-clock and machine dependent.
 * `npx tsx scripts/bench-error.ts [seed] [--skip-large]`.
 */
import seedrandom from 'seedrandom';
import { certificateNetworks } from '../src/certificate/subnetwork.js';
import { certify } from '../src/constructions/certify.js';
import { CONSTRUCTIONS } from '../src/theory/construction-name.js';
import { certificateError } from '../src/cli/certificate-error.js';
import { gadgetForm } from '../src/error/difference-form.js';
import type { SupErrorResult } from '../src/error/result.js';
import { supError, supErrorOfForm } from '../src/error/sup-error.js';
import { readNetworkFile } from '../src/network/json.js';
import { generateTarget } from '../src/network/generate.js';
import { checkHPrime } from '../src/network/norms.js';
import type { Network } from '../src/network/network.js';
import { Rational } from '../src/numeric/rational.js';
import { median } from './median.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const skipLarge = process.argv.includes('--skip-large');
const seed = args[0] ?? 'bench-error';

/**
 * A network with weights U[-1, 1] (exact dyadics 2r - 1 from a seeded stream).
 *
 * @example
 * ```ts
 * randomNetwork([2, 16, 16, 1], 'A');
 * ```
 */
function randomNetwork(widths: readonly number[], name: string): Network {
  const rng = seedrandom.xor4096(`${seed}/${name}`);
  const layers = [];
  for (let i = 1; i < widths.length; i++) {
    const rows = widths[i] as number;
    const cols = widths[i - 1] as number;
    layers.push(
      Array.from({ length: rows }, () => Array.from({ length: cols }, () => Rational.fromFloat(2 * rng.double() - 1))),
    );
  }
  return { layers };
}

/** The same network with every weight moved by U[-delta, delta] (exact dyadics). */
function perturbed(net: Network, delta: number, name: string): Network {
  const rng = seedrandom.xor4096(`${seed}/${name}`);
  return {
    layers: net.layers.map((m) =>
      m.map((row) => row.map((w) => w.add(Rational.fromFloat(delta * (2 * rng.double() - 1))))),
    ),
  };
}

function pad(s: string, n: number): string {
  return s.padStart(n);
}

// 1. exact d = 2
{
  console.log(`slth bench-error (seed '${seed}', node ${process.version})\n`);
  console.log('1. exact d = 2 sector sweep, A: 2,16,16,1 vs B: 2,8,8,1, weights U[-1,1] (float64 dyadics)\n');
  console.log(`| pair | time ms (median of 5) | sectors | sup (17 digits, outward) | sup^2 digits |`);
  console.log(`|---|---:|---:|---|---:|`);
  for (let p = 0; p < 3; p++) {
    const a = randomNetwork([2, 16, 16, 1], `d2-A-${p}`);
    const b = randomNetwork([2, 8, 8, 1], `d2-B-${p}`);
    const times: number[] = [];
    let r = supError(a, b);
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      r = supError(a, b);
      times.push(performance.now() - t);
    }
    const s2 = r.supSquared?.toString() ?? '';
    console.log(
      `| ${p} | ${median(times).toFixed(1)} | ${r.sectors ?? 0} | [${r.lower.toScientific(17, 'floor')}, ${r.upper.toScientific(17, 'ceil')}] | ${s2.length} |`,
    );
  }
}

// 2. d = 4 bracket width against the budget
{
  const a = randomNetwork([4, 16, 16, 1], 'd4-A');
  const b = randomNetwork([4, 8, 8, 1], 'd4-B');
  const near = perturbed(a, 1e-3, 'd4-near');
  for (const [label, x, y] of [
    ['unrelated pair A: 4,16,16,1 vs B: 4,8,8,1', a, b],
    ['near pair A: 4,16,16,1 vs A + U[-1e-3, 1e-3] per weight', a, near],
  ] as const) {
    console.log(`\n2. d = 4 branch-and-bound, ${label}\n`);
    console.log('| budget ms | elapsed ms | boxes | open | stop | lower | upper | width | width / lower |');
    console.log('|---:|---:|---:|---:|---|---|---|---|---:|');
    for (const budgetMs of [100, 300, 1000, 3000]) {
      const r = supError(x, y, { budgetMs, seed });
      const width = r.upper.sub(r.lower);
      const rel = r.lower.isZero() ? 'inf' : width.div(r.lower).toNumber().toPrecision(3);
      console.log(
        `| ${pad(String(budgetMs), 5)} | ${r.elapsedMs.toFixed(0)} | ${r.boxes ?? 0} | ${r.openBoxes ?? 0} | ${r.stopReason ?? ''} | ${r.lower.toScientific(8, 'floor')} | ${r.upper.toScientific(8, 'ceil')} | ${width.toScientific(3, 'ceil')} | ${rel} |`,
      );
    }
  }
}

// 3. the d >= 3 certificates of the audit fixtures: upper / lower before and after
{
  console.log('\n3. true-error bracket of every d >= 3 audit certificate, default budget 2000 ms');
  console.log(
    '   (stated width, eps 1/10, delta 1e-9, seed audit-<fixture>; "separate": A and B bounded on their own,',
  );
  console.log(
    '   the method before the differential bound, upper end capped by the Lemma 4 bound as `slth error CERT` does)\n',
  );
  console.log(
    '| certificate | Lemma 4 bound | separate: [lower, upper] | upper / lower | differential: [lower, upper] | upper / lower | boxes | stop |',
  );
  console.log('|---|---|---|---:|---|---:|---:|---|');
  const ratios: number[] = [];
  for (const fixture of ['d3-hprime', 'd3-tight', 'd4-wide']) {
    const target = readNetworkFile(new URL(`../fixtures/targets/${fixture}.json`, import.meta.url).pathname);
    for (const construction of CONSTRUCTIONS) {
      const out = certify({
        target,
        seed: `audit-${fixture}`,
        eps: Rational.parse('1/10'),
        delta: Rational.parse('1/1000000000'),
        construction,
        // as the audit does: product under H' when the target satisfies it
        hprime: construction === 'product' && checkHPrime(target).holds,
      });
      if (!out.certificate) {
        console.log(`| ${fixture} ${construction} | (no certificate) | | | | | | |`);
        continue;
      }
      const bound = out.result.total;
      const form = gadgetForm(target, out.result.gadgets);
      const cap = (r: SupErrorResult): Rational => (r.upper.lt(bound) ? r.upper : bound);
      const { sub } = certificateNetworks(out.certificate);
      const before = supError(sub, target, { budgetMs: 2000, seed: 'slth', bounds: 'separate' });
      const after = supErrorOfForm(form, { budgetMs: 2000, seed: 'slth' });
      const rb = cap(before).div(before.lower).toNumber();
      const ra = cap(after).div(after.lower).toNumber();
      ratios.push(ra);
      console.log(
        `| ${fixture} ${construction} | ${bound.toScientific(4, 'ceil')} | [${before.lower.toScientific(4, 'floor')}, ${cap(before).toScientific(4, 'ceil')}] | ${rb.toFixed(2)} | [${after.lower.toScientific(4, 'floor')}, ${cap(after).toScientific(4, 'ceil')}] | ${ra.toFixed(3)} | ${after.boxes ?? 0} | ${after.stopReason ?? ''} |`,
      );
    }
  }
  console.log(`\nlargest upper / lower with the differential bound: ${Math.max(...ratios).toFixed(3)} (goal <= 1.5)`);
}

// 4. budget adherence for large inputs
if (!skipLarge) {
  console.log('\n4. budget adherence (elapsed = the sup-error computation, after the networks are in memory)\n');
  console.log(
    '| pair | weights | budget ms | elapsed ms | elapsed / budget | bounds | boxes | stop | heap MB | [lower, upper] |',
  );
  console.log('|---|---:|---:|---:|---:|---|---:|---|---:|---|');
  const row = (label: string, weights: number, budgetMs: number, run: () => SupErrorResult): number => {
    const t = performance.now();
    const r = run();
    const el = performance.now() - t;
    const heap = process.memoryUsage().heapUsed / 1e6;
    console.log(
      `| ${label} | ${weights} | ${budgetMs} | ${el.toFixed(0)} | ${(el / budgetMs).toFixed(2)} | ${r.boxBounds?.method ?? r.method}${r.boxBounds?.symbolic ? ', symbolic' : ''} | ${r.boxes ?? 0} | ${r.stopReason ?? ''} | ${heap.toFixed(0)} | [${r.lower.toScientific(3, 'floor')}, ${r.upper.toScientific(3, 'ceil')}] |`,
    );
    return el / budgetMs;
  };
  const count = (n: Network): number => n.layers.reduce((s, m) => s + m.length * (m[0]?.length ?? 0), 0);
  const worst: number[] = [];
  for (const widths of [
    [50, 50, 50, 1],
    [200, 200, 200, 1],
    [1000, 10, 1],
    [10, 1000, 1000, 1],
    [1000, 1000, 1000, 1],
  ]) {
    const a = generateTarget(widths, `${seed}/A`);
    const b = generateTarget(widths, `${seed}/B`);
    const near = perturbed(b, 1e-3, `${seed}/near`);
    for (const budgetMs of [500, 1000, 2000]) {
      worst.push(
        row(`${widths.join(',')} unrelated`, count(a) + count(b), budgetMs, () => supError(a, b, { budgetMs })),
      );
      worst.push(
        row(`${widths.join(',')} near`, count(near) + count(b), budgetMs, () => supError(near, b, { budgetMs })),
      );
    }
  }
  // the true-error step of `slth construct` on a 200-wide target (product, pool 200000):
  // difference form from the gadgets and sup error, as construct runs it
  const target = generateTarget([200, 200, 1], `${seed}/cert`);
  const out = certify({
    target,
    seed: 'bench',
    eps: Rational.parse('1/2'),
    delta: Rational.parse('1/1000'),
    construction: 'product',
    pool: 200000n,
  });
  if (out.certificate) {
    const cert = out.certificate;
    for (const budgetMs of [500, 1500, 3000])
      worst.push(
        row('construct true-error step, target 200,200,1', 4 * out.result.gadgets.length, budgetMs, () => {
          return certificateError(cert, out.result.total, budgetMs, { target, gadgets: out.result.gadgets }).result;
        }),
      );
  } else console.log('| construct true-error step, target 200,200,1 | (no certificate at pool 200000) |');
  console.log(`\nlargest elapsed / budget: ${Math.max(...worst).toFixed(2)} (goal <= 1.2)`);
}
