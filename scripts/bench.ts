/**
 * `npm run bench [-- --json]`: quick measurements, all in one run (a few seconds).
 *
 * (a) exact dyadic dot product of 1,000 terms (Rational add/mul on G weights and float64 inputs,
 *     both exact dyadics) vs the float64 dot product;
 * (b) sequential rate of G weights through Cursor vs raw seedrandom.xor4096 `.double()` on one
 *     stream (goal: ratio >= 0.8), and the raw rate of the Xor4096 class;
 * (c) random access weightFloat at row 10^12.
 *
 * Each figure is the median of 7 measured runs after a warm-up run. Runs of the different
 * contenders are interleaved so that machine noise hits them alike.
 */
import seedrandom from 'seedrandom';
import { Rational } from '../src/numeric/rational.js';
import { BLOCK, Cursor, weightFloat } from '../src/random/scheme.js';
import { Xor4096 } from '../src/random/xor4096.js';
import { median } from './median.js';

const RUNS = 7;
const json = process.argv.includes('--json');

/** A sink for results, so that no loop is optimised away. */
let sink = 0;

/** Seconds taken by fn(). */
function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Interleaved measurement: one warm-up of every contender, then RUNS rounds; returns the median
 * seconds per call of each contender.
 */
function measure(contenders: Record<string, { reps: number; body: () => void }>): Record<string, number> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = -1; round < RUNS; round++) {
    for (const name of names) {
      const { reps, body } = contenders[name] as { reps: number; body: () => void };
      const seconds = time(() => {
        for (let r = 0; r < reps; r++) body();
      });
      if (round >= 0) (samples[name] as number[]).push(seconds / reps);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n] as number[])]));
}

// ------------------------------------------------------------------------------------------------
// (a) exact dot product vs float64
// ------------------------------------------------------------------------------------------------

const TERMS = 1000;
const wCursor = new Cursor('bench', 2, 0, 0);
const wFloat = Float64Array.from({ length: TERMS }, () => wCursor.next());
const xRng = seedrandom.xor4096('bench-x');
// inputs: doubles of varied magnitude (so the exact sum needs wide denominators)
const xFloat = Float64Array.from(
  { length: TERMS },
  () => (2 * xRng.double() - 1) * 2 ** Math.floor(-20 * xRng.double()),
);
const wExact = Array.from(wFloat, (v) => Rational.fromFloat(v));
const xExact = Array.from(xFloat, (v) => Rational.fromFloat(v));

function dotExact(): Rational {
  let s = Rational.ZERO;
  for (let i = 0; i < TERMS; i++) s = s.add((wExact[i] as Rational).mul(xExact[i] as Rational));
  return s;
}
function dotExactFromFloats(): Rational {
  let s = Rational.ZERO;
  for (let i = 0; i < TERMS; i++)
    s = s.add(Rational.fromFloat(wFloat[i] as number).mul(Rational.fromFloat(xFloat[i] as number)));
  return s;
}
function dotFloat(): number {
  let s = 0;
  for (let i = 0; i < TERMS; i++) s += (wFloat[i] as number) * (xFloat[i] as number);
  return s;
}

const dot = measure({
  exact: { reps: 40, body: () => void (sink += dotExact().sign()) },
  exactWithConversion: { reps: 20, body: () => void (sink += dotExactFromFloats().sign()) },
  float: { reps: 20_000, body: () => void (sink += dotFloat()) },
});
const exactValue = dotExact();
const floatError = Math.abs(exactValue.sub(Rational.fromFloat(dotFloat())).toNumber());

// ------------------------------------------------------------------------------------------------
// (b) sequential rates
// ------------------------------------------------------------------------------------------------

const DRAWS = 4_000_000;
const rawStream = seedrandom.xor4096('slth-g/1:bench/1/0/0');
const classStream = new Xor4096('slth-g/1:bench/1/0/0');
let cursor = new Cursor('bench', 1, 0, 0);
let chunkCursor = new Cursor('bench', 1, 1, 0);
const seeded = new Xor4096('');
let seedCounter = 0;

const seq = measure({
  seedrandom: {
    reps: 1,
    body: () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += rawStream.double();
      sink += s;
    },
  },
  xor4096Class: {
    reps: 1,
    body: () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += classStream.double();
      sink += s;
    },
  },
  seedPerBlock: {
    reps: 2000,
    body: () => {
      seeded.seed(`slth-g/1:bench/1/0/${seedCounter++}`);
      sink += seeded.int32() & 1;
    },
  },
  cursorChunk: {
    reps: 1,
    body: () => {
      let s = 0;
      const c = chunkCursor;
      for (let done = 0; done < DRAWS;) {
        const xs = c.chunk();
        const n = Math.min(xs.length, DRAWS - done);
        for (let i = 0; i < n; i++) s += xs[i] as number;
        done += n;
      }
      sink += s;
      if (c.position > 1e9) chunkCursor = new Cursor('bench', 1, 1, 0);
    },
  },
  cursor: {
    reps: 1,
    body: () => {
      let s = 0;
      const c = cursor;
      for (let i = 0; i < DRAWS; i++) s += c.next();
      sink += s;
      if (c.position > 1e9) cursor = new Cursor('bench', 1, 0, 0);
    },
  },
});
const rate = (secondsPerRun: number | undefined): number => DRAWS / (secondsPerRun as number);
const rates = {
  seedrandom: rate(seq.seedrandom),
  xor4096Class: rate(seq.xor4096Class),
  cursor: rate(seq.cursor),
  cursorChunk: rate(seq.cursorChunk),
};
/** Pool scans read G through Cursor.chunk(); that is the rate the goal is about. */
const cursorRatio = rates.cursorChunk / rates.seedrandom;
const nextRatio = rates.cursor / rates.seedrandom;
const GOAL = 0.8;

// ------------------------------------------------------------------------------------------------
// (c) random access at row 10^12
// ------------------------------------------------------------------------------------------------

const ROW = 10 ** 12; // a multiple of BLOCK? 10^12 / 4096 = 244140625 exactly, so offset 0 here
const offRng = seedrandom.xor4096('bench-offsets');
const offsets = Array.from({ length: 64 }, () => Math.floor(offRng.double() * BLOCK));
let col = 0;
const access = measure({
  randomOffset: {
    reps: 64,
    body: () => {
      const o = offsets[col % offsets.length] as number;
      sink += weightFloat('bench', 1, ROW + o, col++ % 1000);
    },
  },
  offset0: { reps: 200, body: () => void (sink += weightFloat('bench', 1, ROW, col++ % 1000)) },
  offset4095: { reps: 64, body: () => void (sink += weightFloat('bench', 1, ROW + BLOCK - 1, col++ % 1000)) },
});

// ------------------------------------------------------------------------------------------------
// report
// ------------------------------------------------------------------------------------------------

const report = {
  runs: RUNS,
  statistic: 'median',
  dot: {
    terms: TERMS,
    exactSecondsPerDot: dot.exact,
    exactWithConversionSecondsPerDot: dot.exactWithConversion,
    floatSecondsPerDot: dot.float,
    ratioExactOverFloat: (dot.exact as number) / (dot.float as number),
    exactDenominatorBits: exactValue.den.toString(2).length - 1,
    floatAbsoluteError: floatError,
  },
  sequential: {
    drawsPerRun: DRAWS,
    seedrandomPerSecond: rates.seedrandom,
    xor4096ClassPerSecond: rates.xor4096Class,
    cursorNextPerSecond: rates.cursor,
    cursorChunkPerSecond: rates.cursorChunk,
    cursorChunkOverSeedrandom: cursorRatio,
    cursorNextOverSeedrandom: nextRatio,
    seedSecondsPerBlock: seq.seedPerBlock,
    goal: GOAL,
    verdict: cursorRatio >= GOAL ? 'PASS' : 'below goal',
  },
  randomAccess: {
    row: ROW,
    secondsPerRandomOffset: access.randomOffset,
    secondsAtOffset0: access.offset0,
    secondsAtOffset4095: access.offset4095,
  },
  checksum: sink,
};

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const us = (s: number | undefined): string => `${((s as number) * 1e6).toFixed(2)} µs`;
  const mps = (r: number): string => `${(r / 1e6).toFixed(1)} M/s`;
  const rows: [string, string][] = [
    [`(a) exact dot, ${TERMS} terms (Rational add/mul)`, us(dot.exact)],
    [`    exact dot incl. fromFloat conversions`, us(dot.exactWithConversion)],
    [`    float64 dot, ${TERMS} terms`, us(dot.float)],
    [`    ratio exact / float`, `${report.dot.ratioExactOverFloat.toFixed(0)}x`],
    [`    |exact - float| (exact denominator 2^${report.dot.exactDenominatorBits})`, floatError.toExponential(2)],
    [`(b) seedrandom.xor4096 .double(), one stream`, mps(rates.seedrandom)],
    [`    Xor4096 class .double()`, mps(rates.xor4096Class)],
    [`    Cursor.chunk() (G weights as pool scans read them)`, mps(rates.cursorChunk)],
    [`    Cursor.chunk() / seedrandom (goal >= ${GOAL})`, `${cursorRatio.toFixed(2)}  ${report.sequential.verdict}`],
    [`    Cursor.next() (one call per weight)`, `${mps(rates.cursor)} (ratio ${nextRatio.toFixed(2)})`],
    [`    Xor4096.seed() per block of ${BLOCK} (+ one draw)`, us(seq.seedPerBlock)],
    [`(c) weightFloat at row 10^12, random offset`, us(access.randomOffset)],
    [`    offset 0 / offset 4095`, `${us(access.offset0)} / ${us(access.offset4095)}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`slth bench (median of ${RUNS} runs after a warm-up)`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(`(checksum ${sink.toPrecision(6)})`);
}
