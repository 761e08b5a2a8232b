/**
 * Benchmark of the sup-error module (`npx tsx scripts/bench-error.ts [seed]`).
 *
 * 1. Exact d = 2 sup between random networks of widths 2,16,16,1 and 2,8,8,1 (a stand-in for a
 *    pair-construction subnetwork against its target), weights U[-1, 1] as exact float64 dyadics
 *    (the law of G's weights): time, number of sectors, exact sup bracket.
 * 2. d = 4 (widths 4,16,16,1 vs 4,8,8,1): certified bracket width against the time budget
 *    (100, 300, 1000, 3000 ms), for an unrelated pair and for a near pair (B = A with every weight
 *    moved by at most 1e-3, where the error is small and cancellation matters).
 *
 * All randomness is seeded (seedrandom); timings are wall-clock and machine dependent.
 */
import seedrandom from 'seedrandom';
import { supError } from '../src/error/sup-error.js';
import type { Network } from '../src/network/network.js';
import { Rational } from '../src/numeric/rational.js';

const seed = process.argv[2] ?? 'bench-error';

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
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
