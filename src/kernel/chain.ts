/**
 * The Lemma 4 chain on the kernel's own a_i and s_i (docs/MATH.md §5.4), checked against a
 * certificate's stated `bound`: Delta_i = s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}),
 * B_i = s_i B_{i-1}, Delta_0 = 0, B_0 = 1. No stated a_i, s_i or total may be below its
 * recomputation, Delta_l must be <= eps, and neither a stated a_i nor the stated total may be
 * above eps. Shared by both kernels (check.ts and subset.ts), each with its own readers.
 */
import { Rational } from '../numeric/rational.js';
import { invalid, malformed } from './reject.js';

/** How a kernel reads the certificate's objects and exact numbers (with its own caps). */
export interface ChainReaders {
  readonly obj: (v: unknown, where: string) => Record<string, unknown>;
  readonly exact: (v: unknown, where: string) => Rational;
}

/**
 * Checks a certificate's `bound` against the chain on the kernel's own figures; returns Delta_l.
 *
 * @example
 * ```ts
 * const D = checkChain(d['bound'], 2, eps, (i) => ({ a: aOf(i), s: Rational.ONE }), { obj, exact });
 * ```
 */
export function checkChain(
  boundDoc: unknown,
  l: number,
  eps: Rational,
  own: (i: number) => { readonly a: Rational; readonly s: Rational },
  read: ChainReaders,
): Rational {
  const bound = read.obj(boundDoc, 'bound');
  const perLayer = bound['perLayer'];
  if (!Array.isArray(perLayer)) return malformed('bound.perLayer must be an array');
  if (perLayer.length !== l) malformed(`bound.perLayer must have ${l} entries, has ${perLayer.length}`);
  const statedA: Rational[] = [];
  let B = Rational.ONE;
  let D = Rational.ZERO;
  for (let i = 1; i <= l; i++) {
    const where = `bound.perLayer[${i - 1}]`;
    const st = read.obj(perLayer[i - 1], where);
    if (st['layer'] !== i) invalid(`${where}.layer must be ${i}`);
    const sa = read.exact(st['a'], `${where}.a`);
    const ss = read.exact(st['s'], `${where}.s`);
    const { a, s } = own(i);
    if (sa.lt(a))
      invalid(`layer ${i}: stated a = ${sa.toScientific(8)} is below the recomputed ${a.toScientific(8)}`, {
        field: `${where}.a`,
        stated: sa,
        recomputed: a,
      });
    if (ss.lt(s))
      invalid(`layer ${i}: stated s = ${ss.toScientific(8)} is below the recomputed ${s.toScientific(8)}`, {
        field: `${where}.s`,
        stated: ss,
        recomputed: s,
      });
    statedA.push(sa);
    D = s.mul(D).add(a.mul(B.add(D)));
    B = s.mul(B);
  }
  const total = read.exact(bound['total'], 'bound.total');
  if (total.lt(D))
    invalid(
      `stated bound ${total.toScientific(8)} is below the recomputed ${D.toScientific(8)} (by ${D.sub(total).toScientific(4)})`,
      { field: 'bound.total', stated: total, recomputed: D },
    );
  if (D.gt(eps))
    invalid(
      `the Lemma 4 bound ${D.toScientific(8, 'floor')} exceeds eps = ${eps.toScientific(8)} (by ${D.sub(eps).toScientific(4)})`,
      { field: 'eps', stated: eps, recomputed: D },
    );
  statedA.forEach((sa, x) => {
    if (sa.gt(eps))
      invalid(
        `layer ${x + 1}: stated a = ${sa.toScientific(8)} exceeds eps = ${eps.toScientific(8)} (no stated figure may)`,
        { field: `bound.perLayer[${x}].a`, stated: sa, recomputed: eps },
      );
  });
  if (total.gt(eps))
    invalid(`stated bound ${total.toScientific(8)} exceeds eps = ${eps.toScientific(8)} (no stated figure may)`, {
      field: 'bound.total',
      stated: total,
      recomputed: eps,
    });
  return D;
}
