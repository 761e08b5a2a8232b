/**
 * The registry of falsifiable claims. A claim has an id, a statement, the hypotheses it needs, its
 * stated width, and a predicate on one trial (a target and a seed of G) that says success, failure
 * or inconclusive (inconclusive counts as failure in statistics).
 *
 * - `pair`, `shared`, `product`: "at the stated width the construction succeeds with a
 *   kernel-accepted certificate, with probability >= 1 - delta".
 * - `existence`: "a mask of G with error <= eps exists" for d = 1, l = 1 targets, decided exactly
 *   by meet in the middle for pools up to 40 units, and certified by the pair construction's
 *   kernel-accepted certificate beyond.
 * - `subset`: construction D (subset sums, docs/MATH.md §4.5) at its stated width (C_D calibrated,
 *   not proven) succeeds with a kernel-accepted slth-certificate/2 with probability >= 1 - delta.
 * - `universal`: at the same width G is eta-universal for the target's widths (every slot and sign
 *   eta-covers [-1, 1]), decided exactly for targets of at most {@link UNIVERSAL_MAX_WEIGHTS} weights.
 * - `covering`, `subset-sum` (and `subset-sum@<C>`): lemma claims about i.i.d. U[-1, 1] samples,
 *   which ignore the target (see lemma-claims.ts).
 */
import { certifySubset } from '../constructions/certify-subset.js';
import { checkSubsetCertificate } from '../kernel/subset.js';
import { checkUniversalSize, universal, type UniversalResult } from '../existence/universal.js';
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { checkH, checkHPrime } from '../network/norms.js';
import { certify } from '../constructions/certify.js';
import { scalePools, statedWidth, type StatedWidth } from '../theory/stated-width.js';
import { type ConstructionName } from '../theory/construction-name.js';
import { checkIssuedCertificate } from '../kernel/issued.js';
import { exists } from '../existence/exists.js';
import { LEMMA_CLAIMS, lemmaClaimById } from './lemma-claims.js';
import type { Claim, ClaimParams, Outcome } from './claim-types.js';

function poolFlags(p: ClaimParams): string {
  if (p.pool !== undefined) return ` --pool ${p.pool}`;
  if (p.widthScale !== undefined) return ` --width-scale ${p.widthScale}`;
  return '';
}

/** A trial's outcome from the kernel's verdict on its certificate. */
function kernelOutcome(
  v: { verdict: 'ACCEPT'; bound: Rational } | { verdict: 'REJECT'; reason: string },
  pool: string[],
): Outcome {
  if (v.verdict === 'REJECT') return { status: 'failure', reason: `kernel REJECT: ${v.reason}`, pool };
  return {
    status: 'success',
    reason: `kernel ACCEPT, bound ${v.bound.toScientific(6, 'ceil')} <= eps`,
    pool,
    figures: { bound: v.bound.toString() },
  };
}

/** Construction D's stated width for a target's widths. */
const subsetStated = (target: Network, p: ClaimParams): StatedWidth =>
  statedWidth({ widths: networkWidths(target), eps: p.eps, delta: p.delta, construction: 'subset' });

function constructionClaim(construction: ConstructionName): Claim {
  return {
    id: construction,
    statement: `at its stated width the ${construction} construction succeeds with a kernel-accepted certificate with probability >= 1 - delta`,
    applies(target) {
      if (!checkH(target).holds) return 'the target violates hypothesis H';
      return null;
    },
    statedPool(target, p) {
      return [
        ...statedWidth({
          widths: networkWidths(target),
          eps: p.eps,
          delta: p.delta,
          construction,
          hprime: construction === 'product' && checkHPrime(target).holds,
        }).pool,
      ];
    },
    trial(target, seed, p) {
      const out = certify({
        target,
        seed,
        eps: p.eps,
        delta: p.delta,
        construction,
        hprime: construction === 'product' && checkHPrime(target).holds,
        widthScale: p.widthScale,
        pool: p.pool,
      });
      const pool = out.pool.map(String);
      if (out.certificate === null) {
        const m = out.result.misses[0];
        if (!m) return { status: 'failure', reason: 'construction failed', pool };
        return {
          status: 'failure',
          reason: `no gadget for target weight (layer ${m.layer}, row ${m.row}, col ${m.col}), w = ${m.w}: ${m.side === 'both' ? 'both sides' : `the ${m.side} side`} unmatched in a pool of ${m.pool}`,
          location: { layer: m.layer, row: m.row, col: m.col, side: m.side },
          pool,
        };
      }
      return kernelOutcome(checkIssuedCertificate(out.certificate), pool);
    },
    replayCommand(file, seed, p) {
      return `slth construct --target ${file} --seed ${seed} --eps ${p.eps} --delta ${p.delta} --construction ${construction}${poolFlags(p)}`;
    },
  };
}

/** Largest pool decided exactly by meet in the middle. */
export const EXACT_EXISTENCE_POOL = 40;

/**
 * The fixed target that falsification pairs with target-free claims: the one-weight network
 * x -> 0, the value a generated target shrinks to anyway.
 *
 * @example
 * ```ts
 * PLACEHOLDER_TARGET.layers[0][0][0].toString(); // '0'
 * ```
 */
export const PLACEHOLDER_TARGET: Network = { layers: [[[Rational.ZERO]]] };

const existenceClaim: Claim = {
  id: 'existence',
  statement:
    'G (depth 2, hidden width K) contains a mask whose subnetwork is within eps of the target on [-1, 1] (d = 1, l = 1)',
  applies(target) {
    const w = networkWidths(target);
    if (w.length !== 2 || w[0] !== 1) return 'existence is decided exactly only for d = 1, l = 1 targets';
    if (!checkH(target).holds) return 'the target violates hypothesis H';
    return null;
  },
  statedPool(target, p) {
    // the pair construction's G: K = k * n_1 hidden units
    const w = networkWidths(target);
    const k = statedWidth({ widths: w, eps: p.eps, delta: p.delta, construction: 'pair' }).pool[0] as bigint;
    return [k * BigInt(w[1] as number)];
  },
  trial(target, seed, p): Outcome {
    let K: bigint;
    if (p.pool !== undefined) K = p.pool;
    else {
      const stated = this.statedPool(target, p)[0] as bigint;
      K = p.widthScale === undefined ? stated : Rational.of(stated).mul(p.widthScale).ceil();
      if (K < 1n) K = 1n;
    }
    const pool = [K.toString()];
    if (K <= BigInt(EXACT_EXISTENCE_POOL)) {
      const res = exists(target, Number(K), seed, p.eps);
      if (res.exists) {
        // the same G as the pair construction with k = K / n_1 units per weight: does it find one?
        const k = K / BigInt(networkWidths(target)[1] as number);
        const pair =
          k >= 1n ? certify({ target, seed, eps: p.eps, delta: p.delta, construction: 'pair', pool: k }) : null;
        const pairNote =
          pair === null
            ? 'too few units for the pair construction'
            : pair.certificate
              ? 'the pair construction finds one too'
              : 'the pair construction FAILS at this width';
        return {
          status: 'success',
          reason: `a mask exists (exact, meet in the middle over ${K} units); ${pairNote}`,
          pool,
          figures: { pairConstruction: pair?.certificate ? 'success' : 'failure' },
        };
      }
      const bad = res.outputs.find((o) => !o.exists);
      const minSup = res.minimalSup.lower.toScientific(6, 'floor');
      return {
        status: 'failure',
        reason: bad
          ? `no mask exists (exact): output ${bad.row} alone has minimal error ${bad.minError.toScientific(6, 'floor')} > eps`
          : `no mask exists (exact): the minimal sup error over all masks is >= ${minSup} > eps`,
        location: { layer: 1, row: bad?.row ?? -1, col: 0, side: 'exists' },
        pool,
        figures: { minimalSupSquared: res.minimalSupSquared.toString() },
      };
    }
    // beyond exact reach: a kernel-accepted pair certificate within the same G proves existence
    const n1 = BigInt(networkWidths(target)[1] as number);
    const k = K / n1;
    if (k < 1n)
      return {
        status: 'inconclusive',
        reason: `pool ${K} is beyond exact search and too small for the pair construction`,
        pool,
      };
    const out = certify({ target, seed, eps: p.eps, delta: p.delta, construction: 'pair', pool: k });
    if (out.certificate && checkIssuedCertificate(out.certificate).verdict === 'ACCEPT') {
      return {
        status: 'success',
        reason: `a mask exists: the pair construction's certificate (pool ${k} per weight) is kernel-accepted`,
        pool,
      };
    }
    return {
      status: 'inconclusive',
      reason: `pool ${K} is beyond exact search (> ${EXACT_EXISTENCE_POOL}) and the pair construction found no certificate`,
      pool,
    };
  },
  replayCommand(file, seed, p) {
    return `slth exists --target ${file} --pool ${p.pool ?? '<K>'} --seed ${seed} --eps ${p.eps}`;
  },
};

/** The largest target (weights) the universal claim decides, slot by slot and sign by sign. */
export const UNIVERSAL_MAX_WEIGHTS = 64;

const subsetClaim: Claim = {
  id: 'subset',
  statement:
    'at its stated width (C_D calibrated, not proven) construction D (subset sums) succeeds with a kernel-accepted certificate with probability >= 1 - delta',
  applies(target) {
    if (!checkH(target).holds) return 'the target violates hypothesis H';
    return null;
  },
  statedPool: (target, p) => [...subsetStated(target, p).pool],
  trial(target, seed, p) {
    const out = certifySubset({
      target,
      seed,
      eps: p.eps,
      delta: p.delta,
      ...(p.widthScale === undefined ? {} : { widthScale: p.widthScale }),
      ...(p.pool === undefined ? {} : { pool: p.pool }),
    });
    const pool = out.pool.map(String);
    const m = out.result.misses[0];
    if (m)
      return {
        status: 'failure',
        reason: `no subset within eta for target weight (layer ${m.layer}, row ${m.row}, col ${m.col}), w = ${m.w}: the ${m.side === 'both' ? 'two sides' : `${m.side} side`} miss in a pool of ${m.pool}`,
        location: { layer: m.layer, row: m.row, col: m.col, side: m.side },
        pool,
      };
    return kernelOutcome(checkSubsetCertificate([out.text]), pool);
  },
  replayCommand(file, seed, p) {
    return `slth construct --target ${file} --seed ${seed} --eps ${p.eps} --delta ${p.delta} --construction subset${poolFlags(p)}`;
  },
};

/** Construction D's stated width for a target and the pools a universal trial uses (scaled or given). */
function universalPools(target: Network, p: ClaimParams): { stated: StatedWidth; pool: bigint[] } {
  const stated = subsetStated(target, p);
  let pool = [...stated.pool];
  if (p.widthScale !== undefined) pool = scalePools(stated.pool, p.widthScale);
  if (p.pool !== undefined) pool = pool.map(() => p.pool as bigint);
  return { stated, pool };
}

const universalClaim: Claim = {
  id: 'universal',
  statement:
    "at the stated width of construction D (C_D calibrated, not proven) G is eta-universal for the target's widths (every slot and sign eta-covers [-1, 1]) with probability >= 1 - delta",
  applies(target) {
    const ws = networkWidths(target);
    const weights = ws.slice(1).reduce((a, n, i) => a + n * (ws[i] as number), 0);
    if (weights > UNIVERSAL_MAX_WEIGHTS)
      return `universality is decided here for targets of at most ${UNIVERSAL_MAX_WEIGHTS} weights`;
    return null;
  },
  statedPool: (target, p) => [...subsetStated(target, p).pool],
  trial(target, seed, p) {
    const ws = networkWidths(target);
    const { stated, pool } = universalPools(target, p);
    const shown = pool.map(String);
    // a pool too large for the check is the user's input, the same for every seed: an error, not an
    // inconclusive trial (which would be reported as a counterexample)
    checkUniversalSize(
      ws,
      pool.map((k) => (k > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(k))),
    );
    let r: UniversalResult;
    try {
      r = universal({ widths: ws, seed, eta: stated.eta, pool: pool.map(Number) });
    } catch (e) {
      if (e instanceof InputError)
        return { status: 'inconclusive', reason: `undecided here: ${e.message}`, pool: shown };
      throw e;
    }
    if (r.universal)
      return { status: 'success', reason: `G is eta-universal (${r.slotsChecked} slots, both signs)`, pool: shown };
    const f = r.failure as NonNullable<UniversalResult['failure']>;
    return {
      status: 'failure',
      reason: `slot (layer ${f.layer}, row ${f.row}, col ${f.col}), ${f.side} side: the subset sums do not eta-cover [-1, 1]; no subset reaches w = ${f.uncovered?.toString() ?? '?'} within eta`,
      location: { layer: f.layer, row: f.row, col: f.col, side: f.side },
      pool: shown,
    };
  },
  replayCommand(_file, seed, p, target) {
    const { pool } = universalPools(target, p);
    // construction D's stated pool is the same for every layer, and so is any scale of it
    const sized = p.pool === undefined && p.widthScale === undefined ? `--delta ${p.delta}` : `--pool ${pool[0]}`;
    return `slth universal --widths ${networkWidths(target).join(',')} --seed ${seed} --eps ${p.eps} ${sized}`;
  },
};

/** Every registered claim (the lemma claims of lemma-claims.ts last). */
export const CLAIMS: readonly Claim[] = [
  constructionClaim('pair'),
  constructionClaim('shared'),
  constructionClaim('product'),
  subsetClaim,
  universalClaim,
  existenceClaim,
  ...LEMMA_CLAIMS,
];

/**
 * Finds a claim by id.
 *
 * @example
 * ```ts
 * claimById('pair').statement;
 * ```
 */
export function claimById(id: string): Claim {
  const c = CLAIMS.find((x) => x.id === id) ?? lemmaClaimById(id);
  if (!c) throw new InputError(`unknown claim '${id}' (known: ${CLAIMS.map((x) => x.id).join(', ')})`);
  return c;
}
