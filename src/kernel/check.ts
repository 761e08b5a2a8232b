/**
 * The trusted kernel: `slth-certificate/1` document -> ACCEPT or REJECT with a precise reason.
 *
 * It imports only exact numbers, the network format and norms, and the random-network scheme;
 * never construction or search code. What it checks, in order:
 *
 * 1. the document's shape: format tag, construction name, target network, random-network scheme,
 *    seed, pool sizes and G widths (m_i = k_i n_i n_{i-1} for pair, k_i n_{i-1} otherwise),
 *    eps > 0, 0 < delta < 1, eta > 0, depth = 2l, hypothesis H' if claimed;
 * 2. one gadget per target weight, no duplicates, no strays;
 * 3. each gadget's two units are distinct and lie in the pool the construction allows: the private
 *    pool [((r n_{i-1} + j) k_i), +k_i) for pair, the input's pool [j k_i, (j+1) k_i) otherwise;
 * 4. every kept weight equals G's weight at its address, re-derived from the seed (the unit keeps
 *    only its edge from input `col` in G layer 2i-1 and its edge to output `row` in G layer 2i);
 * 5. every stated realised error equals the exact recomputation
 *    e = max(|v+ (u+)_+ + v- (u-)_+ - w|, |v+ (u+)_- + v- (u-)_- + w|);
 * 6. a_i = min(Frobenius, sqrt(||E_i||_1 ||E_i||_inf)) bounds, s_i = 1 if ||W_i||_2 <= 1 (exact) else
 *    a certified bound, the Lemma 4 chain Delta_i = s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}),
 *    B_i = s_i B_{i-1}; stated figures may not be below the recomputed ones;
 * 7. ACCEPT iff Delta_l <= eps, and the stated active-weight count is right.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Matrix, Network } from '../network/network.js';
import { parseNetwork } from '../network/json.js';
import { checkHPrime, frobeniusUpper, rowColUpper, spectralAtMostOne, spectralUpper } from '../network/norms.js';
import { ALGORITHM, BLOCK, SCHEME, checkSeed, weight } from '../random/scheme.js';

/** The kernel's verdict. `kind` tells a malformed document (exit 2) from an invalid claim (exit 1). */
export type KernelVerdict =
  | {
      readonly verdict: 'ACCEPT';
      readonly bound: Rational;
      readonly eps: Rational;
      readonly gadgets: number;
      readonly activeWeights: number;
      readonly depth: number;
    }
  | { readonly verdict: 'REJECT'; readonly kind: 'malformed' | 'invalid'; readonly reason: string };

class Reject extends Error {
  constructor(
    readonly kind: 'malformed' | 'invalid',
    reason: string,
  ) {
    super(reason);
  }
}

const malformed = (why: string): never => {
  throw new Reject('malformed', why);
};
const invalid = (why: string): never => {
  throw new Reject('invalid', why);
};

type Obj = Record<string, unknown>;
function obj(v: unknown, where: string): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Obj)
    : malformed(`${where} must be an object`);
}
function int(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
    ? v
    : malformed(`${where} must be a non-negative integer`);
}
function exact(v: unknown, where: string): Rational {
  if (typeof v !== 'string') return malformed(`${where} must be an exact number string "p/q"`);
  try {
    return Rational.parse(v);
  } catch (e) {
    return malformed(`${where}: ${(e as Error).message}`);
  }
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

/** Certified upper bound of ||E||_2 (the same two cheap bounds the format documents). */
const normUpper = (m: Matrix): Rational => Rational.min(frobeniusUpper(m), rowColUpper(m));
const pos = (a: Rational): Rational => (a.sign() > 0 ? a : Rational.ZERO);
const negPart = (a: Rational): Rational => (a.sign() < 0 ? a.neg() : Rational.ZERO);

function run(doc: unknown): KernelVerdict {
  const d = obj(doc, 'certificate');
  if (d['format'] !== 'slth-certificate/1')
    malformed(`format must be "slth-certificate/1", got ${JSON.stringify(d['format'])}`);
  const construction = d['construction'];
  if (construction !== 'pair' && construction !== 'shared' && construction !== 'product') {
    malformed(`construction must be pair, shared or product, got ${JSON.stringify(construction)}`);
  }
  let target: Network;
  try {
    target = parseNetwork(d['target'], 'target');
  } catch (e) {
    if (e instanceof InputError) return malformed(e.message);
    throw e;
  }
  const l = target.layers.length;
  const n = [target.layers[0]?.[0]?.length ?? 0, ...target.layers.map((m) => m.length)];

  const random = obj(d['random'], 'random');
  if (random['scheme'] !== SCHEME)
    malformed(`random.scheme must be "${SCHEME}", got ${JSON.stringify(random['scheme'])}`);
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
  if (eps.sign() <= 0) invalid(`eps must be > 0, got ${eps}`);
  if (delta.sign() <= 0 || delta.ge(Rational.ONE)) invalid(`delta must be in (0, 1), got ${delta}`);
  if (eta.sign() <= 0) invalid(`eta must be > 0, got ${eta}`);
  if (d['depth'] !== 2 * l) invalid(`depth must be 2l = ${2 * l}, certificate says ${JSON.stringify(d['depth'])}`);
  if (d['hypothesis'] !== 'H' && d['hypothesis'] !== "H'") malformed(`hypothesis must be "H" or "H'"`);
  if (d['hypothesis'] === "H'" && !checkHPrime(target).holds)
    invalid(`the certificate claims hypothesis H' but the target violates it`);

  // gadgets: one per target weight
  const gadgets = list(d['gadgets'], 'gadgets');
  const E: Rational[][][] = target.layers.map((m) => m.map((row) => row.map(() => Rational.ZERO)));
  const seen = new Set<string>();
  const units = new Set<string>();
  gadgets.forEach((gv, gi) => {
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
    const side = (name: 'plus' | 'minus'): { unit: number; u: Rational; v: Rational } => {
      const s = obj(g[name], `${at}.${name}`);
      const unit = int(s['unit'], `${at}.${name}.unit`);
      const u = exact(s['u'], `${at}.${name}.u`);
      const v = exact(s['v'], `${at}.${name}.v`);
      if (BigInt(unit) < start || BigInt(unit) >= start + k) {
        invalid(`${at}: ${name} unit ${unit} is outside its pool [${start}, ${start + k}) (${construction})`);
      }
      const uG = weight(seed, 2 * i - 1, unit, j);
      if (!uG.eq(u))
        invalid(`${at}: ${name}.u = ${u} but G[${2 * i - 1}][${unit}][${j}] = ${uG} (differs by ${u.sub(uG)})`);
      const vG = weight(seed, 2 * i, r, unit);
      if (!vG.eq(v))
        invalid(`${at}: ${name}.v = ${v} but G[${2 * i}][${r}][${unit}] = ${vG} (differs by ${v.sub(vG)})`);
      units.add(`${i}:${unit}`);
      return { unit, u, v };
    };
    const p = side('plus');
    const m = side('minus');
    if (p.unit === m.unit) invalid(`${at}: plus and minus use the same unit ${p.unit}`);
    const w = target.layers[i - 1]?.[r]?.[j] as Rational;
    const right = p.v
      .mul(pos(p.u))
      .add(m.v.mul(pos(m.u)))
      .sub(w)
      .abs();
    const left = p.v
      .mul(negPart(p.u))
      .add(m.v.mul(negPart(m.u)))
      .add(w)
      .abs();
    const e = Rational.max(right, left);
    const stated = exact(g['error'], `${at}.error`);
    if (!stated.eq(e)) invalid(`${at}: stated error ${stated} but the exact error is ${e}`);
    (E[i - 1]?.[r] as Rational[])[j] = e;
  });
  const weightsTotal = target.layers.reduce((acc, m) => acc + m.length * (m[0]?.length ?? 0), 0);
  if (seen.size !== weightsTotal) {
    for (let i = 1; i <= l; i++) {
      for (let r = 0; r < (n[i] as number); r++) {
        for (let j = 0; j < (n[i - 1] as number); j++)
          if (!seen.has(`${i}/${r}/${j}`)) invalid(`no gadget for target weight (layer ${i}, row ${r}, col ${j})`);
      }
    }
  }
  const active = units.size + 2 * gadgets.length;
  if (d['activeWeights'] !== active)
    invalid(`activeWeights must be ${active}, certificate says ${JSON.stringify(d['activeWeights'])}`);

  // Lemma 4 chain
  const bound = obj(d['bound'], 'bound');
  const stated = list(bound['perLayer'], 'bound.perLayer', l);
  let B = Rational.ONE;
  let D = Rational.ZERO;
  for (let i = 1; i <= l; i++) {
    const W = target.layers[i - 1] as Matrix;
    const a = normUpper(E[i - 1] as Matrix);
    const s = spectralAtMostOne(W) ? Rational.ONE : spectralUpper(W);
    const st = obj(stated[i - 1], `bound.perLayer[${i - 1}]`);
    if (st['layer'] !== i) invalid(`bound.perLayer[${i - 1}].layer must be ${i}`);
    const sa = exact(st['a'], `bound.perLayer[${i - 1}].a`);
    const ss = exact(st['s'], `bound.perLayer[${i - 1}].s`);
    if (sa.lt(a)) invalid(`layer ${i}: stated a = ${sa.toScientific(8)} is below the recomputed ${a.toScientific(8)}`);
    if (ss.lt(s)) invalid(`layer ${i}: stated s = ${ss.toScientific(8)} is below the recomputed ${s.toScientific(8)}`);
    D = s.mul(D).add(a.mul(B.add(D)));
    B = s.mul(B);
  }
  const total = exact(bound['total'], 'bound.total');
  if (total.lt(D))
    invalid(
      `stated bound ${total.toScientific(8)} is below the recomputed ${D.toScientific(8)} (by ${D.sub(total).toScientific(4)})`,
    );
  if (D.gt(eps))
    invalid(
      `the Lemma 4 bound ${D.toScientific(8, 'floor')} exceeds eps = ${eps.toScientific(8)} (by ${D.sub(eps).toScientific(4)})`,
    );
  return { verdict: 'ACCEPT', bound: D, eps, gadgets: gadgets.length, activeWeights: active, depth: 2 * l };
}

/**
 * Checks a certificate document (parsed JSON) and returns ACCEPT or REJECT with a reason.
 *
 * @example
 * ```ts
 * const v = checkCertificate(JSON.parse(text));
 * if (v.verdict === 'REJECT') console.error(v.reason);
 * ```
 */
export function checkCertificate(doc: unknown): KernelVerdict {
  try {
    return run(doc);
  } catch (e) {
    if (e instanceof Reject) return { verdict: 'REJECT', kind: e.kind, reason: e.message };
    if (e instanceof InputError) return { verdict: 'REJECT', kind: 'malformed', reason: e.message };
    throw e;
  }
}
