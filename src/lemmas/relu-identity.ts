/**
 * Lemma 1 (ReLU identities; docs/MATH.md §5.1), exact. With sigma(a) = max(a, 0), for all real a, c, w, y:
 *
 *   (1) a = sigma(a) - sigma(-a);
 *   (2) sigma(c a) = c sigma(a)        for c > 0  (positive homogeneity);
 *   (3) sigma(c a) = |c| sigma(-a)     for c < 0;
 *   (4) w y = sigma(w y) - sigma(-w y)  (the two-ReLU gadget reproduces a weight exactly).
 *
 * The checker evaluates both sides of every identity in exact rational arithmetic on every value
 * (identity 1) and every ordered pair of values (identities 2 to 4) and reports the first
 * violation with its exact values. The activation is a parameter so that broken activations
 * (a leaky or a shifted ReLU) can be shown to be caught.
 */
import { InputError } from '../errors.js';
import { relu } from '../network/network.js';
import type { Network } from '../network/network.js';
import { Rational } from '../numeric/rational.js';
import type { LemmaResult } from './result.js';
import { FigureBook } from './result.js';

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '1';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.1';

/** Lemma name. */
export const NAME = 'relu-identity';

/** The statement checked. */
export const STATEMENT =
  'for all real a, c, w, y: a = sigma(a) - sigma(-a); sigma(c a) = c sigma(a) if c > 0; ' +
  'sigma(c a) = |c| sigma(-a) if c < 0; w y = sigma(w y) - sigma(-w y)  (sigma = ReLU, exact)';

/** An activation function on exact rationals. */
export type Activation = (a: Rational) => Rational;

/** Which identity failed. */
export type IdentityName =
  | 'a = sigma(a) - sigma(-a)'
  | 'sigma(c a) = c sigma(a), c > 0'
  | 'sigma(c a) = |c| sigma(-a), c < 0'
  | 'w y = sigma(w y) - sigma(-w y)';

/** A violated identity with its exact values. */
export interface IdentityViolation {
  readonly identity: IdentityName;
  readonly values: Readonly<Record<string, Rational>>;
  readonly lhs: Rational;
  readonly rhs: Rational;
}

/**
 * Identity (1) at a: undefined when a = sigma(a) - sigma(-a) exactly, else the violation.
 *
 * @example
 * ```ts
 * identityDifference(Rational.parse('-3/7')); // undefined
 * ```
 */
export function identityDifference(a: Rational, sigma: Activation = relu): IdentityViolation | undefined {
  const rhs = sigma(a).sub(sigma(a.neg()));
  return rhs.eq(a) ? undefined : { identity: 'a = sigma(a) - sigma(-a)', values: { a }, lhs: a, rhs };
}

/**
 * Identities (2) and (3) at (c, a) (c = 0 is not covered by either and passes).
 *
 * @example
 * ```ts
 * identityHomogeneity(Rational.of(-2), Rational.ONE); // undefined: sigma(-2) = 2 sigma(-1) = 0
 * ```
 */
export function identityHomogeneity(c: Rational, a: Rational, sigma: Activation = relu): IdentityViolation | undefined {
  const lhs = sigma(c.mul(a));
  if (c.sign() > 0) {
    const rhs = c.mul(sigma(a));
    return lhs.eq(rhs) ? undefined : { identity: 'sigma(c a) = c sigma(a), c > 0', values: { c, a }, lhs, rhs };
  }
  if (c.sign() < 0) {
    const rhs = c.abs().mul(sigma(a.neg()));
    return lhs.eq(rhs) ? undefined : { identity: 'sigma(c a) = |c| sigma(-a), c < 0', values: { c, a }, lhs, rhs };
  }
  return undefined;
}

/**
 * Identity (4) at (w, y): the gadget sigma(w y) - sigma(-w y) equals w y exactly.
 *
 * @example
 * ```ts
 * identityGadget(Rational.parse('0.3'), Rational.parse('-5')); // undefined
 * ```
 */
export function identityGadget(w: Rational, y: Rational, sigma: Activation = relu): IdentityViolation | undefined {
  const wy = w.mul(y);
  const rhs = sigma(wy).sub(sigma(wy.neg()));
  return rhs.eq(wy) ? undefined : { identity: 'w y = sigma(w y) - sigma(-w y)', values: { w, y }, lhs: wy, rhs };
}

/**
 * The first violation of identities (1) to (4) over all values and ordered pairs, or undefined.
 *
 * @example
 * ```ts
 * firstViolation([Rational.ONE, Rational.parse('-1/3')]); // undefined
 * firstViolation([Rational.of(-1)], (a) => (a.sign() > 0 ? a : a.mul(Rational.of(1, 100)))); // leaky ReLU: a violation
 * ```
 */
export function firstViolation(values: readonly Rational[], sigma: Activation = relu): IdentityViolation | undefined {
  for (const a of values) {
    const v = identityDifference(a, sigma);
    if (v) return v;
  }
  for (const x of values) {
    for (const y of values) {
      const v = identityHomogeneity(x, y, sigma) ?? identityGadget(x, y, sigma);
      if (v) return v;
    }
  }
  return undefined;
}

/**
 * The default values of `slth lemma relu-identity`: zero, signs, fractions, and IEEE edge doubles
 * (-0, the smallest subnormal 5e-324, the largest double, 2^-50), each as its exact rational.
 *
 * @example
 * ```ts
 * defaultValues().length; // 14
 * ```
 */
export function defaultValues(): Rational[] {
  const floats = [-0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -50, 0.1, -2.5e-308];
  const texts = ['0', '1', '-1', '1/3', '-3/7', '0.1'];
  return [...texts.map((t) => Rational.parse(t)), ...floats.map((f) => Rational.fromFloat(f))];
}

/**
 * Parses `--values "a,b,c"`: each entry is an exact number (`0.1` is 1/10, `3/8`, `1e-3`).
 *
 * @example
 * ```ts
 * parseValues('1/3, -0.5, 1e-3').map(String); // ['1/3', '-1/2', '1/1000']
 * ```
 */
export function parseValues(text: string): Rational[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === ''))
    throw new InputError(`values needs a comma-separated list of exact numbers, got '${text}'`, { params: ['values'] });
  if (parts.length > 2000)
    throw new InputError(`values: at most 2000 values (got ${parts.length})`, { params: ['values'] });
  return parts.map((p, i) => {
    try {
      return Rational.parse(p);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`values entry ${i}: ${e.message}`, { params: ['values'] });
      throw e;
    }
  });
}

/**
 * Checks the four identities on the given values (exact) and packages the verdict.
 *
 * @example
 * ```ts
 * checkReluIdentities(defaultValues()).holds; // true
 * ```
 */
export function checkReluIdentities(
  values: readonly Rational[],
  input = 'given values',
  sigma: Activation = relu,
): LemmaResult {
  const v = firstViolation(values, sigma);
  const n = values.length;
  const book = new FigureBook()
    .count('values', 'values', n)
    .count('checks', 'checks', n + 2 * n * n)
    .text('arithmetic', 'arithmetic', 'exact rationals');
  const { figures, typed } = book;
  if (!v) return { lemma: NAME, input, holds: true, statement: STATEMENT, exact: true, figures, typed, checks: [] };
  const witness: Record<string, string> = { identity: v.identity };
  for (const [k, q] of Object.entries(v.values)) witness[k] = q.toString();
  witness['lhs'] = v.lhs.toString();
  witness['rhs'] = v.rhs.toString();
  return { lemma: NAME, input, holds: false, statement: STATEMENT, exact: true, figures, typed, checks: [], witness };
}

/**
 * Identity (4) for every weight w of a target and a fixed set of inputs y (and (1) to (3) on the
 * weights): the exact gadget reproduces every weight. The activation is a parameter (default
 * ReLU) so that a broken one can be shown to be caught.
 *
 * @example
 * ```ts
 * checkReluOnTarget(net, 'fixtures/targets/d1-single.json').holds; // true
 * ```
 */
export function checkReluOnTarget(net: Network, input: string, sigma: Activation = relu): LemmaResult {
  const ys = ['1', '-1', '1/3', '-2/7', '1e-9'].map((t) => Rational.parse(t));
  const ws: Rational[] = [];
  const seen = new Set<string>();
  for (const m of net.layers) {
    for (const row of m) {
      for (const w of row) {
        const key = w.toString();
        if (!seen.has(key)) {
          seen.add(key);
          ws.push(w);
        }
      }
    }
  }
  let v: IdentityViolation | undefined;
  for (const w of ws) {
    v = identityDifference(w, sigma);
    for (const y of ys)
      v = v ?? identityGadget(w, y, sigma) ?? identityHomogeneity(w, y, sigma) ?? identityHomogeneity(y, w, sigma);
    if (v) break;
  }
  const { figures, typed } = new FigureBook()
    .count('distinctWeights', 'distinct weights', ws.length)
    .exacts('inputs', 'inputs', ys)
    .text('arithmetic', 'arithmetic', 'exact rationals');
  if (!v) return { lemma: NAME, input, holds: true, statement: STATEMENT, exact: true, figures, typed, checks: [] };
  const witness: Record<string, string> = { identity: v.identity };
  for (const [k, q] of Object.entries(v.values)) witness[k] = q.toString();
  return { lemma: NAME, input, holds: false, statement: STATEMENT, exact: true, figures, typed, checks: [], witness };
}
