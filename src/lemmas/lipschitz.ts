/**
 * Lemma 4 (Lipschitz error propagation; docs/MATH.md §5.4).
 *
 * One layer: if ||W||_2 <= s, ||E||_2 <= a, ||h~ - h||_2 <= Delta and ||h||_2 <= B, then
 *   ||sigma((W + E) h~) - sigma(W h)||_2 <= s Delta + a (B + Delta)
 * (sigma is 1-Lipschitz; (W+E)h~ - Wh = W(h~ - h) + E h~). The same holds for a gadget layer whose
 * entry (r, j) acts as (w + e+) y for y >= 0 and (w + e-) y for y < 0 with |e+-| <= e_rj, taking
 * a >= ||(e_rj)||_2, and without the ReLU (last layer).
 *
 * Network: with s_i >= ||W_i||_2, a_i >= ||E_i||_2, B_0 = 1 (inputs in the unit ball),
 * B_i = s_i B_{i-1}, Delta_0 = 0,
 *   Delta_i <= s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}),
 * and sup_{||x|| <= 1} ||G~(x) - F(x)|| <= Delta_l. Under H (s_i = 1) this is prod_i (1 + a_i) - 1
 * <= exp(sum a_i) - 1. With a_i = c(eta) sqrt(n_i n_{i-1}) (|e| <= c(eta), c(eta) = eta(2 + eta)
 * for pair/shared, eta for product) and the stated eta, prod_i (1 + c(eta) sqrt(n_i n_{i-1})) - 1
 * <= eps, checked exactly from certified upper bounds of the square roots.
 *
 * Without H the H-formula fails: a seeded search finds a target (entries up to 2 in absolute
 * value), realised errors and an exact point x with ||G~(x) - F(x)|| > prod (1 + a_i) - 1.
 *
 * Every comparison is exact: norms are compared through their squares against rational bounds.
 */
import seedrandom from 'seedrandom';
import { relu } from '../network/network.js';
import type { Matrix, Network } from '../network/network.js';
import { widths as networkWidths } from '../network/network.js';
import { ceilDyadic, floorDyadic, sqrtBracket, sqrtUpper } from '../numeric/certified.js';
import { expBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import { spectralUpper } from '../network/norms.js';
import { lemma4Chain, weightNormUpper } from '../theory/lemma4.js';
import type { ConstructionName } from '../theory/construction-name.js';
import { cOfEta, certifiedEta, sUpper } from '../theory/eta.js';
import type { LemmaResult } from './result.js';
import { FigureBook } from './result.js';
import { bracketFigure } from '../numeric/figure.js';

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '4';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.4';

/** Lemma name. */
export const NAME = 'lipschitz';

/** The statement checked. */
export const STATEMENT =
  '||sigma((W+E)h~) - sigma(Wh)|| <= s Delta + a (B + Delta); Delta_i <= s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}) ' +
  'bounds sup_{||x||<=1} ||G~(x) - F(x)||; under H it is prod(1 + a_i) - 1, and prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1 <= eps ' +
  'at the stated eta; without H the H-formula fails (exact witness)';

const ONE = Rational.ONE;
const ZERO = Rational.ZERO;

/**
 * The H-formula prod_i (1 + a_i) - 1 (Lemma 4 with every s_i = 1).
 *
 * @example
 * ```ts
 * hBound([Rational.parse('0.1')]).toString(); // '1/10'
 * ```
 */
export function hBound(a: readonly Rational[]): Rational {
  let p = ONE;
  for (const ai of a) p = p.mul(ONE.add(ai));
  return p.sub(ONE);
}

/**
 * Exact squared Euclidean norm.
 *
 * @example
 * ```ts
 * squaredNorm([Rational.of(3), Rational.of(4)]).toString(); // '25'
 * ```
 */
export function squaredNorm(x: readonly Rational[]): Rational {
  let s = ZERO;
  for (const v of x) s = s.add(v.mul(v));
  return s;
}

function sub(x: readonly Rational[], y: readonly Rational[]): Rational[] {
  return x.map((v, i) => v.sub(y[i] as Rational));
}

/** A layer whose entry (r, j) acts as (W + E+)[r][j] y for y >= 0 and (W + E-)[r][j] y for y < 0. */
export interface PerturbedLayer {
  readonly w: Matrix;
  readonly ePlus: Matrix;
  readonly eMinus: Matrix;
}

/**
 * The exact output of a perturbed layer (before the ReLU).
 *
 * @example
 * ```ts
 * perturbedApply({ w: [[Rational.ONE]], ePlus: [[Rational.parse('0.1')]], eMinus: [[Rational.ZERO]] }, [Rational.ONE]); // [11/10]
 * ```
 */
export function perturbedApply(layer: PerturbedLayer, h: readonly Rational[]): Rational[] {
  return layer.w.map((row, r) => {
    let s = ZERO;
    row.forEach((w, j) => {
      const y = h[j] as Rational;
      const e = ((y.sign() >= 0 ? layer.ePlus : layer.eMinus)[r] as readonly Rational[])[j] as Rational;
      s = s.add(w.add(e).mul(y));
    });
    return s;
  });
}

/**
 * The matrix of error magnitudes max(|E+[r][j]|, |E-[r][j]|).
 *
 * @example
 * ```ts
 * errorMagnitudes({ w: [[Rational.ONE]], ePlus: [[Rational.of(-1, 10)]], eMinus: [[Rational.of(1, 20)]] }); // [[1/10]]
 * ```
 */
export function errorMagnitudes(layer: PerturbedLayer): Matrix {
  return layer.ePlus.map((row, r) =>
    row.map((e, j) => Rational.max(e.abs(), ((layer.eMinus[r] as readonly Rational[])[j] as Rational).abs())),
  );
}

/** The exact verdict of the one-layer inequality at one point. */
export interface OneLayerCheck {
  readonly holds: boolean;
  /** ||sigma(G h~) - sigma(W h)||^2, exact. */
  readonly lhsSquared: Rational;
  /** s Delta + a (B + Delta), with s, a, Delta, B certified upper bounds. */
  readonly rhs: Rational;
  readonly s: Rational;
  readonly a: Rational;
  readonly delta: Rational;
  readonly b: Rational;
}

/**
 * The one-layer inequality at (h, h~), exactly: LHS^2 <= RHS^2, where s, a, Delta and B are
 * certified upper bounds of the true norms (so a violation here would refute the lemma).
 * `withRelu = false` checks the last-layer form.
 *
 * @example
 * ```ts
 * oneLayerCheck(layer, [Rational.ONE], [Rational.parse('0.9')]).holds; // true
 * ```
 */
export function oneLayerCheck(
  layer: PerturbedLayer,
  h: readonly Rational[],
  hTilde: readonly Rational[],
  withRelu = true,
): OneLayerCheck {
  const s = weightNormUpper(layer.w);
  const a = spectralUpper(errorMagnitudes(layer));
  const delta = sqrtUpper(squaredNorm(sub(hTilde, h)));
  const b = sqrtUpper(squaredNorm(h));
  const act = (v: Rational[]): Rational[] => (withRelu ? v.map(relu) : v);
  const out = act(perturbedApply(layer, hTilde));
  const ref = act(perturbedApply({ w: layer.w, ePlus: zeros(layer.w), eMinus: zeros(layer.w) }, h));
  const lhsSquared = squaredNorm(sub(out, ref));
  const rhs = s.mul(delta).add(a.mul(b.add(delta)));
  return { holds: lhsSquared.le(rhs.mul(rhs)), lhsSquared, rhs, s, a, delta, b };
}

function zeros(m: Matrix): Matrix {
  return m.map((row) => row.map(() => ZERO));
}

/**
 * Forward pass of the perturbed network G~ (ReLU after every layer but the last), exact.
 *
 * @example
 * ```ts
 * perturbedForward(layers, [Rational.ONE]);
 * ```
 */
export function perturbedForward(layers: readonly PerturbedLayer[], x: readonly Rational[]): Rational[] {
  let h: Rational[] = [...x];
  layers.forEach((layer, i) => {
    h = perturbedApply(layer, h);
    if (i < layers.length - 1) h = h.map(relu);
  });
  return h;
}

/** A uniform draw from a seeded stream as an exact dyadic in [-1, 1) with 30 bits. */
function draw(rng: seedrandom.PRNG): Rational {
  return Rational.dyadic(BigInt(Math.floor(rng.double() * 2 ** 31)) - (1n << 30n), -30);
}

/**
 * Seeded realised errors for a target: E+ and E- with entries uniform in [-c, c] (exact dyadic
 * multiples of c).
 *
 * @example
 * ```ts
 * randomPerturbation(net, Rational.parse('0.01'), 's').length; // number of layers
 * ```
 */
export function randomPerturbation(net: Network, c: Rational, seed: string): PerturbedLayer[] {
  const rng = seedrandom.xor4096(`slth-lemma-lipschitz/errors:${seed}`);
  return net.layers.map((w) => ({
    w,
    ePlus: w.map((row) => row.map(() => draw(rng).mul(c))),
    eMinus: w.map((row) => row.map(() => draw(rng).mul(c))),
  }));
}

/**
 * `count` seeded exact points of the closed unit ball of R^d (the basis vectors +-e_j first, then
 * random directions scaled onto or just inside the sphere, with ||x||^2 <= 1 exactly).
 *
 * @example
 * ```ts
 * ballPoints(2, 8, 's').every((x) => squaredNorm(x).le(Rational.ONE)); // true
 * ```
 */
export function ballPoints(d: number, count: number, seed: string): Rational[][] {
  const out: Rational[][] = [];
  for (let j = 0; j < d && out.length < count; j++) {
    const e = Array.from({ length: d }, (_, i) => (i === j ? ONE : ZERO));
    out.push(
      e,
      e.map((v) => v.neg()),
    );
  }
  const rng = seedrandom.xor4096(`slth-lemma-lipschitz/points:${seed}`);
  while (out.length < count) {
    const x = Array.from({ length: d }, () => draw(rng));
    const n = squaredNorm(x);
    if (n.isZero()) continue;
    const c = floorDyadic(ONE.div(ceilDyadic(sqrtUpper(n, 64), 64)), 64);
    const y = x.map((v) => v.mul(c));
    if (squaredNorm(y).le(ONE)) out.push(y);
  }
  return out.slice(0, count);
}

/** The a-priori bound of a construction at the stated eta. */
export interface AprioriBound {
  readonly construction: ConstructionName;
  readonly eta: Rational;
  readonly cEta: Rational;
  /** prod_i (1 + c(eta) u_i) - 1 with u_i certified upper bounds of sqrt(n_i n_{i-1}). */
  readonly bound: Rational;
  /** Certified upper bound of exp(c(eta) S) - 1 (S from the same u_i). */
  readonly expBound: Rational;
  readonly holds: boolean;
}

/**
 * The a-priori error bound of a construction: prod_i (1 + c(eta) sqrt(n_i n_{i-1})) - 1 <= eps
 * with eta the construction's certified tolerance (src/constructions/width.ts), decided exactly.
 *
 * @example
 * ```ts
 * aprioriBound([2, 4, 1], Rational.parse('0.1'), 'pair').holds; // true
 * ```
 */
export function aprioriBound(widths: readonly number[], eps: Rational, construction: ConstructionName): AprioriBound {
  const eta = certifiedEta(construction, widths, eps);
  const cEta = cOfEta(construction, eta);
  let p = ONE;
  for (let i = 1; i < widths.length; i++) {
    const u = sqrtUpper(Rational.of((widths[i] as number) * (widths[i - 1] as number)));
    p = p.mul(ONE.add(cEta.mul(u)));
  }
  const bound = p.sub(ONE);
  const expBound = expBracket(cEta.mul(sUpper(widths))).upper.sub(ONE);
  return { construction, eta, cEta, bound, expBound, holds: bound.le(eps) };
}

/** An exact witness that the H-formula fails for a target violating H. */
export interface HViolation {
  readonly net: Network;
  readonly layers: readonly PerturbedLayer[];
  readonly x: readonly Rational[];
  /** ||G~(x) - F(x)||^2, exact. */
  readonly errorSquared: Rational;
  /** prod (1 + a_i) - 1, exceeded. */
  readonly hFormula: Rational;
  /** Lemma 4 with the true s_i (still an upper bound). */
  readonly generalBound: Rational;
  readonly trial: number;
}

/**
 * Seeded search for a target violating H (entries uniform in [-2, 2], widths among a few small
 * shapes), realised errors |e| <= 1/10 and a point x of the unit ball with
 * ||G~(x) - F(x)|| > prod (1 + a_i) - 1, decided exactly. Returns undefined if none is found
 * within `trials` trials.
 *
 * @example
 * ```ts
 * searchHViolation('neg', 200)?.hFormula; // the H-formula, exceeded at the witness point
 * ```
 */
export function searchHViolation(seed: string, trials = 200): HViolation | undefined {
  const shapes = [
    [1, 1, 1],
    [2, 2, 1],
    [1, 2, 2, 1],
    [2, 3, 2],
  ];
  const rng = seedrandom.xor4096(`slth-lemma-lipschitz/search:${seed}`);
  const c = Rational.of(1, 10);
  for (let t = 0; t < trials; t++) {
    const shape = shapes[t % shapes.length] as number[];
    const layers: Matrix[] = [];
    for (let i = 1; i < shape.length; i++) {
      layers.push(
        Array.from({ length: shape[i] as number }, () =>
          Array.from({ length: shape[i - 1] as number }, () => draw(rng).mul(Rational.of(2))),
        ),
      );
    }
    const net: Network = { layers };
    const pert = randomPerturbation(net, c, `${seed}/${t}`);
    const a = pert.map((l) => spectralUpper(errorMagnitudes(l)));
    const hf = hBound(a);
    const general = lemma4Chain(
      net.layers.map((w, i) => ({ layer: i + 1, s: weightNormUpper(w), a: a[i] as Rational })),
    );
    for (const x of ballPoints(shape[0] as number, 8, `${seed}/${t}`)) {
      const g = perturbedForward(pert, x);
      const f = perturbedForward(
        net.layers.map((w) => ({ w, ePlus: zeros(w), eMinus: zeros(w) })),
        x,
      );
      const err2 = squaredNorm(sub(g, f));
      if (err2.gt(hf.mul(hf)))
        return { net, layers: pert, x, errorSquared: err2, hFormula: hf, generalBound: general, trial: t };
    }
  }
  return undefined;
}

/** The exact checks at one point x of the unit ball (see {@link checkPoint}). */
export interface PointCheck {
  /** ||G~(x) - F(x)||^2, exact. */
  readonly errorSquared: Rational;
  /** Layers at which the one-layer inequality failed along the pass. */
  readonly oneLayerFailures: number;
  /** The first failure at x (a one-layer violation, else ||G~(x) - F(x)||^2 > Delta_l^2), as exact figures. */
  readonly failure: Readonly<Record<string, string>> | undefined;
}

/**
 * The exact checks at one point x: the passes of G~ (the perturbed layers) and F (the same
 * weights, no errors) side by side, the one-layer inequality at every layer (ReLU on all but the
 * last), and ||G~(x) - F(x)||^2 <= `deltaSquared` (Delta_l^2).
 *
 * @example
 * ```ts
 * const layers = [{ w: [[Rational.ONE]], ePlus: [[Rational.of(1, 4)]], eMinus: [[Rational.of(1, 4)]] }];
 * checkPoint(layers, [Rational.ONE], Rational.of(1, 16)).errorSquared.toString(); // '1/16'
 * checkPoint(layers, [Rational.ONE], Rational.ZERO).failure; // { x: '1', errorSquared: '1/16', 'Delta_l^2': '0' }
 * ```
 */
export function checkPoint(
  layers: readonly PerturbedLayer[],
  x: readonly Rational[],
  deltaSquared: Rational,
): PointCheck {
  let h: Rational[] = [...x];
  let hT: Rational[] = [...x];
  let oneLayerFailures = 0;
  let failure: Record<string, string> | undefined;
  layers.forEach((layer, i) => {
    const last = i === layers.length - 1;
    const chk = oneLayerCheck(layer, h, hT, !last);
    if (!chk.holds) {
      oneLayerFailures++;
      failure ??= {
        layer: String(i + 1),
        x: x.map(String).join(', '),
        lhsSquared: chk.lhsSquared.toString(),
        rhs: chk.rhs.toString(),
      };
    }
    const nextT = perturbedApply(layer, hT);
    const next = perturbedApply({ w: layer.w, ePlus: zeros(layer.w), eMinus: zeros(layer.w) }, h);
    hT = last ? nextT : nextT.map(relu);
    h = last ? next : next.map(relu);
  });
  const errorSquared = squaredNorm(sub(hT, h));
  if (errorSquared.gt(deltaSquared))
    failure ??= {
      x: x.map(String).join(', '),
      errorSquared: errorSquared.toString(),
      'Delta_l^2': deltaSquared.toString(),
    };
  return { errorSquared, oneLayerFailures, failure };
}

/**
 * The verdict of {@link checkLipschitz} from its parts: it holds when no point failed, both
 * a-priori bounds hold and the negative control was caught (or skipped). The witness is the
 * first point failure, else the reason (the a-priori bound first).
 *
 * @example
 * ```ts
 * lipschitzVerdict(undefined, true, true, false); // { holds: false, witness: { reason: 'negative control not caught' } }
 * ```
 */
export function lipschitzVerdict(
  failure: Readonly<Record<string, string>> | undefined,
  pairHolds: boolean,
  productHolds: boolean,
  controlOk: boolean,
): { readonly holds: boolean; readonly witness: Readonly<Record<string, string>> | undefined } {
  const holds = failure === undefined && pairHolds && productHolds && controlOk;
  const witness =
    failure ??
    (holds
      ? undefined
      : { reason: !pairHolds || !productHolds ? 'a-priori bound exceeds eps' : 'negative control not caught' });
  return { holds, witness };
}

/** Options of {@link checkLipschitz}. */
export interface LipschitzOptions {
  readonly eps?: Rational;
  readonly points?: number;
  readonly seed?: string;
  /** Skip the negative-control search (for repeated runs). */
  readonly skipControl?: boolean;
  /** Trials of the negative-control search (default: {@link searchHViolation}'s 200). */
  readonly controlTrials?: number;
}

/**
 * Lemma 4 on a target: per-layer s_i (exact H decision), seeded realised errors at the pair
 * construction's a-priori level c(eta), the exact error at seeded points against Delta_l (and
 * the one-layer inequality at every layer and point), the a-priori bounds of the three
 * constructions, and the negative control without H.
 *
 * @example
 * ```ts
 * checkLipschitz(net, 'fixtures/targets/d2-small.json').holds; // true
 * ```
 */
export function checkLipschitz(net: Network, input: string, opts: LipschitzOptions = {}): LemmaResult {
  const eps = opts.eps ?? Rational.of(1, 10);
  const seed = opts.seed ?? 'lipschitz';
  const count = opts.points ?? 32;
  const ws = networkWidths(net);
  const d = ws[0] as number;
  const s = net.layers.map(weightNormUpper);
  const underH = s.every((v) => v.eq(ONE));
  const pair = aprioriBound(ws, eps, 'pair');
  const product = aprioriBound(ws, eps, 'product');
  // realised errors at the pair level: |e| <= c(eta)
  const pert = randomPerturbation(net, pair.cEta, seed);
  const a = pert.map((l) => spectralUpper(errorMagnitudes(l)));
  const bound = lemma4Chain(s.map((si, i) => ({ layer: i + 1, s: si, a: a[i] as Rational })));
  const bound2 = bound.mul(bound);
  let worst = ZERO;
  let worstX: readonly Rational[] | undefined;
  let oneLayerFailures = 0;
  let failure: Readonly<Record<string, string>> | undefined;
  for (const x of ballPoints(d, count, seed)) {
    const pc = checkPoint(pert, x, bound2);
    oneLayerFailures += pc.oneLayerFailures;
    failure ??= pc.failure;
    if (pc.errorSquared.gt(worst)) {
      worst = pc.errorSquared;
      worstX = x;
    }
  }
  const control = opts.skipControl ? undefined : searchHViolation(seed, opts.controlTrials);
  const pairText = bracketFigure({ lower: pair.bound, upper: pair.bound });
  const productText = bracketFigure({ lower: product.bound, upper: product.bound });
  const worstError = sqrtBracket(worst);
  const book = new FigureBook()
    .counts('widths', 'widths', ws, ws.join(','))
    .boolean('underH', 'H holds (exact)', underH)
    .exacts('s', 's_i', s)
    .exact('cEta', 'c(eta) (pair, stated eta)', pair.cEta, pair.cEta.toString())
    .exacts(
      'a',
      'a_i (realised |e| <= c(eta), seeded)',
      a,
      a.map((v) => bracketFigure({ lower: v, upper: v })).join(', '),
    )
    .exact('deltaL', 'Delta_l (Lemma 4 recursion)', bound, bound.toString())
    .exact('hFormula', 'prod(1 + a_i) - 1', hBound(a), hBound(a).toString())
    .line('max ||G~(x) - F(x)|| over points', bracketFigure(worstError), (b) =>
      b
        .certified('maxError', 'max ||G~(x) - F(x)|| over points', worstError)
        .exact('maxErrorSquared', 'max ||G~(x) - F(x)||^2 over points (exact)', worst),
    )
    .count('points', 'points', count)
    .count('oneLayerViolations', 'one-layer inequality violations', oneLayerFailures)
    .line(
      'pair: prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1',
      `${pairText} <= eps = ${eps.toString()}: ${pair.holds ? 'yes' : 'NO'}`,
      (b) =>
        b
          .exact('pairApriori', 'pair: prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1', pair.bound)
          .exact('eps', 'eps', eps)
          .boolean('pairAprioriWithinEps', 'pair: a-priori bound <= eps', pair.holds),
    )
    .line(
      'product: prod(1 + eta sqrt(n_i n_{i-1})) - 1',
      `${productText} <= eps: ${product.holds ? 'yes' : 'NO'}`,
      (b) =>
        b
          .exact('productApriori', 'product: prod(1 + eta sqrt(n_i n_{i-1})) - 1', product.bound)
          .boolean('productAprioriWithinEps', 'product: a-priori bound <= eps', product.holds),
    )
    .exact(
      'pairExpBound',
      'pair: exp(c(eta) S) - 1 (certified upper)',
      pair.expBound,
      bracketFigure({ lower: pair.expBound, upper: pair.expBound }),
    );
  if (worstX) book.exacts('worstPoint', 'worst point x', worstX);
  if (control) {
    const h2 = control.hFormula.mul(control.hFormula);
    book.line(
      'negative control (no H): caught',
      `yes, trial ${control.trial}: ||G~(x)-F(x)||^2 = ${bracketFigure({ lower: control.errorSquared, upper: control.errorSquared })} > (prod(1+a_i)-1)^2 = ${bracketFigure({ lower: h2, upper: h2 })}`,
      (b) =>
        b
          .boolean('controlCaught', 'negative control (no H): caught', true)
          .count('controlTrial', 'negative control: trial', control.trial)
          .exact('controlErrorSquared', 'negative control: ||G~(x)-F(x)||^2', control.errorSquared)
          .exact('controlHFormulaSquared', 'negative control: (prod(1+a_i)-1)^2', h2),
    );
    book.boolean(
      'controlGeneralBoundHolds',
      'negative control: general Lemma 4 bound still holds',
      control.errorSquared.le(control.generalBound.mul(control.generalBound)),
      control.errorSquared.le(control.generalBound.mul(control.generalBound)) ? 'yes' : 'NO',
    );
  } else if (!opts.skipControl)
    book.boolean('controlCaught', 'negative control (no H): caught', false, 'NO (search found nothing)');
  const controlOk =
    opts.skipControl ||
    (control !== undefined && control.errorSquared.le(control.generalBound.mul(control.generalBound)));
  const { holds, witness } = lipschitzVerdict(failure, pair.holds, product.holds, controlOk);
  return {
    lemma: NAME,
    input,
    holds,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
    checks: [
      { name: 'one-layer inequality and Delta_l at every point', holds: failure === undefined },
      { name: 'pair: prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1 <= eps', holds: pair.holds },
      { name: 'product: prod(1 + eta sqrt(n_i n_{i-1})) - 1 <= eps', holds: product.holds },
      opts.skipControl
        ? { name: 'negative control caught, general Lemma 4 bound holds', holds: null, applicable: false }
        : { name: 'negative control caught, general Lemma 4 bound holds', holds: controlOk },
    ],
    ...(witness ? { witness } : {}),
    notes: [
      'all comparisons exact (squares of norms against squares of rational upper bounds); brackets only print sqrt of exact values',
      underH
        ? 's_i = 1: H decided exactly (I - W^T W PSD)'
        : 'target violates H: s_i are certified upper bounds of ||W_i||_2',
    ],
  };
}
