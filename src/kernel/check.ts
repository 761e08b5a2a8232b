/**
 * The trusted kernel: `slth-certificate/1` document -> ACCEPT or REJECT with a precise reason.
 *
 * It imports exact numbers (src/numeric), the network format (src/network/json.ts, network.ts),
 * the random-network scheme (src/random) and its own small modules; never construction, search or
 * report code, nor the constructions' norm code. What it checks, in order:
 *
 * 1. the document's shape: format tag, construction, width label (`"stated"`, the default when
 *    absent, or `"custom"`), target network, random-network scheme, seed, pool sizes and G widths
 *    (m_i = k_i n_i n_{i-1} for pair, k_i n_{i-1} otherwise), 0 < eps <= 10^6, 0 < delta < 1,
 *    eta > 0, depth = 2l, every exact number within the caps of limits.ts;
 * 2. the hypothesis it claims, decided exactly: H' (|w| <= 1/sqrt(n_{i-1})) or H (||W_i||_2 <= 1);
 * 3. one gadget per target weight, no duplicates, no strays; each gadget's two units are distinct
 *    and lie in the pool the construction allows: the private pool [(r n_{i-1} + j) k_i, +k_i) for
 *    pair, the input's pool [j k_i, (j+1) k_i) otherwise;
 * 4. every kept weight equals G's weight at its address, re-derived from the seed (the unit keeps
 *    only its edge from input `col` in G layer 2i-1 and its edge to output `row` in G layer 2i);
 * 5. every stated realised error equals the exact recomputation
 *    e = max(|v+ (u+)_+ + v- (u-)_+ - w|, |v+ (u+)_- + v- (u-)_- + w|);
 * 6. a_i bounds ||E_i||_2, s_i = 1 if ||W_i||_2 <= 1 (exact) else a certified bound, the Lemma 4
 *    chain Delta_i = s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}), B_i = s_i B_{i-1}; stated figures
 *    may not be below the recomputed ones, and no stated a_i nor the stated total above eps;
 *    Delta_l <= eps; the stated active-weight count is right;
 * 7. the labels: every gadget side satisfies its construction's qualifying rule at eta, and with
 *    width "stated", eta and the pools are the stated ones for (target widths, eps, delta,
 *    construction, hypothesis).
 *
 * ACCEPT reports whether the pools are at the stated width (`atStatedWidth`).
 */
import { Rational, bitLength, describe, isPowerOfTwo } from '../numeric/rational.js';
import type { Matrix, Network } from '../network/network.js';
import { parseNetwork } from '../network/json.js';
import { ALGORITHM, BLOCK, SCHEME, checkSeed } from '../random/scheme.js';
import { EPS_MAX, MAX_DEN_BITS, MAX_EXACT_CHARS, MAX_EXPONENT, MAX_TARGET_DEN_BITS } from './limits.js';
import { normUpper, psdBudget, spectralAtMostOne } from './norms.js';
import { invalid, malformed, rejection, showExact as show, type Rejection } from './reject.js';
import { ruleBreak } from './rules.js';
import { checkChain } from './chain.js';
import { statedFor, type Construction } from './stated.js';
import { readWeights, type Address } from './weights.js';

/** The kernel's verdict. `kind` tells a malformed or undecidable document (exit 2) from an invalid claim (exit 1). */
export type KernelVerdict =
  | {
      readonly verdict: 'ACCEPT';
      readonly bound: Rational;
      readonly eps: Rational;
      readonly delta: Rational;
      readonly construction: Construction;
      readonly hypothesis: 'H' | "H'";
      /** The certificate's width label. */
      readonly width: 'stated' | 'custom';
      /** eta and every pool are the stated ones for (target widths, eps, delta, construction, hypothesis). */
      readonly atStatedWidth: boolean;
      /** The stated pools, or null when eps or delta lie outside what `slth construct` accepts. */
      readonly statedPool: readonly bigint[] | null;
      readonly gadgets: number;
      readonly activeWeights: number;
      readonly depth: number;
    }
  | Rejection;

/** A short rendering of any JSON value: strings quoted and clipped, containers named, never serialised. */
function quote(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `${JSON.stringify(v.slice(0, 40))}...` : JSON.stringify(v);
  return v === undefined || typeof v === 'number' || typeof v === 'boolean' ? String(v) : describe(v);
}
const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s);

type Obj = Record<string, unknown>;
function obj(v: unknown, where: string): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Obj)
    : malformed(`${where} must be an object`);
}
function int(v: unknown, where: string): number {
  return Number.isSafeInteger(v) && (v as number) >= 0
    ? (v as number)
    : malformed(`${where} must be a non-negative integer`);
}

/** Exponents Rational.parse itself refuses (it has its own message for them). */
const PARSE_EXPONENT_MAX = 100_000;
const EXPONENT = /[eE]([+-]?\d+)\s*$/;
/** Why an exact-number string is too large to read, or null. */
function sizeError(text: string): string | null {
  if (text.length > MAX_EXACT_CHARS) return `an exact number of ${text.length} characters (at most ${MAX_EXACT_CHARS})`;
  const m = EXPONENT.exec(text);
  const e = m === null ? 0 : Math.abs(Number(m[1]));
  return e <= PARSE_EXPONENT_MAX && e > MAX_EXPONENT
    ? `'${clip(text)}' has an exponent beyond ±${MAX_EXPONENT} (write it as p/q)`
    : null;
}
/** A denominator that is not a power of two must be short: its gcds cost time quadratic in its length. */
function checkDenominator(q: Rational, where: string, maxBits: number): Rational {
  if (isPowerOfTwo(q.den)) return q;
  const bits = bitLength(q.den);
  return bits > maxBits
    ? malformed(`${where}: a denominator that is not a power of two may have ${maxBits} bits, this one has ${bits}`)
    : q;
}
function exact(v: unknown, where: string): Rational {
  if (typeof v !== 'string') return malformed(`${where} must be an exact number string "p/q"`);
  const big = sizeError(v);
  if (big !== null) return malformed(`${where}: ${big}`);
  let q: Rational;
  try {
    q = Rational.parse(v);
  } catch (e) {
    return malformed(`${where}: ${(e as Error).message}`);
  }
  return checkDenominator(q, where, MAX_DEN_BITS);
}
function bigCount(v: unknown, where: string): bigint {
  return typeof v === 'string' && /^[1-9]\d{0,30}$/.test(v)
    ? BigInt(v)
    : malformed(`${where} must be a positive integer string`);
}
function list(v: unknown, where: string, length?: number): unknown[] {
  if (!Array.isArray(v)) return malformed(`${where} must be an array`);
  if (length !== undefined && v.length !== length) malformed(`${where} must have ${length} entries, has ${v.length}`);
  return v;
}

/** The target network, with every weight string within the size caps before it is parsed. */
function readTarget(t: unknown): Network {
  const layers = typeof t === 'object' && t !== null ? (t as Obj)['layers'] : undefined;
  if (Array.isArray(layers)) {
    layers.forEach((layer: unknown, i) => {
      if (!Array.isArray(layer)) return;
      layer.forEach((row: unknown, r) => {
        if (!Array.isArray(row)) return;
        row.forEach((w: unknown, c) => {
          const big = typeof w === 'string' ? sizeError(w) : null;
          if (big !== null) malformed(`target: layer ${i + 1} row ${r} column ${c}: ${big}`);
        });
      });
    });
  }
  const target = parseNetwork(t, 'target'); // its InputErrors are malformed REJECTs
  target.layers.forEach((m, i) =>
    m.forEach((row, r) =>
      row.forEach((w, c) => checkDenominator(w, `target: layer ${i + 1} row ${r} column ${c}`, MAX_TARGET_DEN_BITS)),
    ),
  );
  return target;
}

const pos = (a: Rational): Rational => (a.sign() > 0 ? a : Rational.ZERO);
const negPart = (a: Rational): Rational => (a.sign() < 0 ? a.neg() : Rational.ZERO);

/** One side of a gadget as read, before it is compared with G. */
interface SideRead {
  readonly unit: number;
  readonly u: Rational;
  readonly v: Rational;
}
interface GadgetRead {
  readonly at: string;
  readonly i: number;
  readonly r: number;
  readonly j: number;
  readonly plus: SideRead;
  readonly minus: SideRead;
  readonly error: Rational;
}

function run(doc: unknown): KernelVerdict {
  const d = obj(doc, 'certificate');
  if (d['format'] !== 'slth-certificate/1') malformed(`format must be "slth-certificate/1", got ${quote(d['format'])}`);
  const construction = d['construction'];
  if (construction !== 'pair' && construction !== 'shared' && construction !== 'product') {
    return malformed(`construction must be pair, shared or product, got ${quote(construction)}`);
  }
  const width = d['width'] === undefined ? 'stated' : d['width'];
  if (width !== 'stated' && width !== 'custom')
    return malformed(`width must be "stated" or "custom", got ${quote(width)}`);
  const target = readTarget(d['target']);
  const l = target.layers.length;
  const n = [target.layers[0]?.[0]?.length ?? 0, ...target.layers.map((m) => m.length)];

  const random = obj(d['random'], 'random');
  if (random['scheme'] !== SCHEME) malformed(`random.scheme must be "${SCHEME}", got ${quote(random['scheme'])}`);
  if (random['algorithm'] !== ALGORITHM) malformed(`random.algorithm must be "${ALGORITHM}"`);
  if (random['block'] !== BLOCK) malformed(`random.block must be ${BLOCK}`);
  if (typeof random['seed'] !== 'string') malformed('random.seed must be a string');
  let seed: string;
  try {
    seed = checkSeed(random['seed'] as string);
  } catch (e) {
    return malformed((e as Error).message);
  }
  const pool = list(random['pool'], 'random.pool', l).map((k, i) => bigCount(k, `random.pool[${i}]`));
  const gw = list(random['widths'], 'random.widths', 2 * l + 1).map((w, i) => bigCount(w, `random.widths[${i}]`));
  for (let i = 1; i <= l; i++) {
    const k = pool[i - 1] as bigint;
    const nIn = BigInt(n[i - 1] as number);
    const nOut = BigInt(n[i] as number);
    const m = construction === 'pair' ? k * nIn * nOut : k * nIn;
    if (gw[2 * i - 2] !== nIn || gw[2 * i] !== nOut)
      invalid(`random.widths disagree with the target's widths at target layer ${i}`);
    if (gw[2 * i - 1] !== m)
      invalid(
        `G layer ${2 * i - 1} must have ${m} units for ${construction} with pool ${k}, certificate says ${gw[2 * i - 1]}`,
      );
    if (m > BigInt(Number.MAX_SAFE_INTEGER)) invalid(`G layer ${2 * i - 1} exceeds the 2^53 addressable units`);
  }

  const eps = exact(d['eps'], 'eps');
  const delta = exact(d['delta'], 'delta');
  const eta = exact(d['eta'], 'eta');
  if (eps.sign() <= 0) invalid(`eps must be > 0, got ${show(eps)}`);
  if (eps.gt(Rational.of(EPS_MAX)))
    invalid(`eps = ${eps.toScientific(8)} is above ${EPS_MAX}, the largest eps slth construct accepts`);
  if (delta.sign() <= 0 || delta.ge(Rational.ONE)) invalid(`delta must be in (0, 1), got ${show(delta)}`);
  if (eta.sign() <= 0) invalid(`eta must be > 0, got ${show(eta)}`);
  if (d['depth'] !== 2 * l) invalid(`depth must be 2l = ${2 * l}, certificate says ${quote(d['depth'])}`);
  const hypothesis = d['hypothesis'];
  if (hypothesis !== 'H' && hypothesis !== "H'") return malformed(`hypothesis must be "H" or "H'"`);

  // ||W_i||_2 <= 1, decided once per layer within the certificate's cost cap
  const budget = psdBudget();
  const atMostOne: boolean[] = [];
  const spectralOk = (i: number): boolean =>
    (atMostOne[i] ??= spectralAtMostOne(target.layers[i - 1] as Matrix, budget, `layer ${i}: `));
  if (hypothesis === "H'") {
    target.layers.forEach((m) => {
      const fanIn = BigInt((m[0] as readonly Rational[]).length);
      for (const row of m)
        for (const w of row)
          if (w.num * w.num * fanIn > w.den * w.den)
            invalid(`the certificate claims hypothesis H' but the target violates it`);
    });
  } else {
    for (let i = 1; i <= l; i++)
      if (!spectralOk(i)) invalid(`the certificate claims hypothesis H but the target violates it: ||W_${i}||_2 > 1`);
  }

  // gadgets: one per target weight, read and placed
  const docs = list(d['gadgets'], 'gadgets');
  const read: GadgetRead[] = [];
  const seen = new Set<string>();
  docs.forEach((gv, gi) => {
    const g = obj(gv, `gadgets[${gi}]`);
    const i = int(g['layer'], `gadgets[${gi}].layer`);
    const r = int(g['row'], `gadgets[${gi}].row`);
    const j = int(g['col'], `gadgets[${gi}].col`);
    const at = `gadget (layer ${i}, row ${r}, col ${j})`;
    if (i < 1 || i > l || r >= (n[i] as number) || j >= (n[i - 1] as number))
      invalid(`${at} addresses no target weight`);
    const key = `${i}/${r}/${j}`;
    if (seen.has(key)) invalid(`${at} appears twice`);
    seen.add(key);
    const k = pool[i - 1] as bigint;
    const start = construction === 'pair' ? (BigInt(r) * BigInt(n[i - 1] as number) + BigInt(j)) * k : BigInt(j) * k;
    const side = (name: 'plus' | 'minus'): SideRead => {
      const s = obj(g[name], `${at}.${name}`);
      const unit = int(s['unit'], `${at}.${name}.unit`);
      const u = exact(s['u'], `${at}.${name}.u`);
      const v = exact(s['v'], `${at}.${name}.v`);
      if (BigInt(unit) < start || BigInt(unit) >= start + k) {
        invalid(`${at}: ${name} unit ${unit} is outside its pool [${start}, ${start + k}) (${construction})`, {
          field: `gadgets[].${name}.unit`,
          location: { layer: i, row: r, col: j, side: name },
        });
      }
      return { unit, u, v };
    };
    const plus = side('plus');
    const minus = side('minus');
    read.push({ at, i, r, j, plus, minus, error: exact(g['error'], `${at}.error`) });
  });

  // kept weights against G, every stream generated once
  const addresses: Address[] = read.flatMap(({ i, r, j, plus, minus }) => [
    { layer: 2 * i - 1, row: plus.unit, col: j },
    { layer: 2 * i, row: r, col: plus.unit },
    { layer: 2 * i - 1, row: minus.unit, col: j },
    { layer: 2 * i, row: r, col: minus.unit },
  ]);
  const g = readWeights(seed, addresses);
  const E: Rational[][][] = target.layers.map((m) => m.map((row) => row.map(() => Rational.ZERO)));
  const units = new Set<string>();
  read.forEach(({ at, i, r, j, plus, minus, error }, x) => {
    const compare = (side: 'plus' | 'minus', uv: 'u' | 'v', stated: Rational, at4: number, address: string): void => {
      const truth = Rational.fromFloat(g[4 * x + at4] as number);
      if (!truth.eq(stated))
        invalid(
          `${at}: ${side}.${uv} = ${show(stated)} but G${address} = ${show(truth)} (differs by ${show(stated.sub(truth))})`,
          { field: `gadgets[].${side}.${uv}`, location: { layer: i, row: r, col: j, side }, stated, recomputed: truth },
        );
    };
    compare('plus', 'u', plus.u, 0, `[${2 * i - 1}][${plus.unit}][${j}]`);
    compare('plus', 'v', plus.v, 1, `[${2 * i}][${r}][${plus.unit}]`);
    compare('minus', 'u', minus.u, 2, `[${2 * i - 1}][${minus.unit}][${j}]`);
    compare('minus', 'v', minus.v, 3, `[${2 * i}][${r}][${minus.unit}]`);
    if (plus.unit === minus.unit)
      invalid(`${at}: plus and minus use the same unit ${plus.unit}`, {
        field: 'gadgets[].minus.unit',
        location: { layer: i, row: r, col: j },
      });
    units.add(`${i}:${plus.unit}`).add(`${i}:${minus.unit}`);
    const w = target.layers[i - 1]?.[r]?.[j] as Rational;
    const right = plus.v
      .mul(pos(plus.u))
      .add(minus.v.mul(pos(minus.u)))
      .sub(w)
      .abs();
    const left = plus.v
      .mul(negPart(plus.u))
      .add(minus.v.mul(negPart(minus.u)))
      .add(w)
      .abs();
    const e = Rational.max(right, left);
    if (!error.eq(e))
      invalid(`${at}: stated error ${show(error)} but the exact error is ${show(e)}`, {
        field: 'gadgets[].error',
        location: { layer: i, row: r, col: j },
        stated: error,
        recomputed: e,
      });
    (E[i - 1]?.[r] as Rational[])[j] = e;
  });
  for (let i = 1; i <= l; i++) {
    for (let r = 0; r < (n[i] as number); r++) {
      for (let j = 0; j < (n[i - 1] as number); j++)
        if (!seen.has(`${i}/${r}/${j}`))
          invalid(`no gadget for target weight (layer ${i}, row ${r}, col ${j})`, {
            field: 'gadgets',
            location: { layer: i, row: r, col: j },
          });
    }
  }
  const active = units.size + 2 * read.length;
  if (d['activeWeights'] !== active)
    invalid(`activeWeights must be ${active}, certificate says ${quote(d['activeWeights'])}`);

  // Lemma 4 chain, on the kernel's own a_i and s_i
  const D = checkChain(
    d['bound'],
    l,
    eps,
    (i) => ({
      a: normUpper(E[i - 1] as Matrix),
      s: spectralOk(i) ? Rational.ONE : normUpper(target.layers[i - 1] as Matrix),
    }),
    { obj, exact },
  );

  // labels: the construction's rule at eta, and the stated width
  for (const { at, i, r, j, plus, minus } of read) {
    const w = target.layers[i - 1]?.[r]?.[j] as Rational;
    for (const [name, s] of [
      ['plus', plus],
      ['minus', minus],
    ] as const) {
      const why = ruleBreak(construction, name, s.u, s.v, w, eta);
      if (why !== null)
        invalid(`${at}: the ${name} side breaks the ${construction} rule at eta = ${eta.toScientific(8)}: ${why}`, {
          field: `gadgets[].${name}`,
          location: { layer: i, row: r, col: j, side: name },
        });
    }
  }
  const at = statedFor(construction, n, eps, delta, hypothesis === "H'");
  const atStatedWidth = at !== null && at.eta.eq(eta) && at.pool.every((k, i) => k === pool[i]);
  if (width === 'stated' && !atStatedWidth) {
    const custom = 'a certificate at another width says "width": "custom"';
    if (at === null)
      invalid(
        `there is no stated width for eps = ${eps.toScientific(8)}, delta = ${delta.toScientific(8)} (slth construct accepts 1e-30 <= eps <= 1e6, 1e-300 <= delta < 1); ${custom}`,
      );
    const stWidth = at as { eta: Rational; pool: readonly bigint[] };
    if (!stWidth.eta.eq(eta))
      invalid(
        `eta = ${show(eta)} is not the stated eta ${show(stWidth.eta)} of ${construction} for eps = ${show(eps)} and target widths ${n.join(',')}; ${custom}`,
        { field: 'eta', stated: eta, recomputed: stWidth.eta },
      );
    const i = stWidth.pool.findIndex((k, x) => k !== pool[x]);
    invalid(
      `random.pool[${i}] = ${pool[i]} is not the stated pool ${stWidth.pool[i]} of ${construction} (hypothesis ${hypothesis}) for eps = ${show(eps)}, delta = ${show(delta)} and target widths ${n.join(',')}; ${custom}`,
      {
        field: `random.pool[${i}]`,
        stated: Rational.of(pool[i] as bigint),
        recomputed: Rational.of(stWidth.pool[i] as bigint),
      },
    );
  }
  return {
    verdict: 'ACCEPT',
    bound: D,
    eps,
    delta,
    construction,
    hypothesis,
    width,
    atStatedWidth,
    statedPool: at === null ? null : at.pool,
    gadgets: read.length,
    activeWeights: active,
    depth: 2 * l,
  };
}

/**
 * Checks a certificate document (parsed JSON) and returns ACCEPT or REJECT with a reason.
 *
 * @example
 * ```ts
 * const v = checkCertificate(parseCertificateText(text));
 * if (v.verdict === 'REJECT') console.error(v.reason);
 * ```
 */
export function checkCertificate(doc: unknown): KernelVerdict {
  try {
    return run(doc);
  } catch (e) {
    const r = rejection(e);
    if (r) return r;
    throw e;
  }
}
