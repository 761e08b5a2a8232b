/**
 * How the kernel refuses a certificate: a kind (malformed, invalid or undecidable), a sentence, and
 * for a wrong figure the structured facts behind the sentence (which gadget and side, which
 * field, the stated and the recomputed exact values), so that a script can read a REJECT without
 * parsing prose. Shared by both kernels (check.ts for slth-certificate/1, subset.ts for /2).
 */
import { InputError } from '../errors.js';
import { bitLength, type Rational } from '../numeric/rational.js';
import { BeyondCap } from './norms.js';

/** malformed: not a well-formed certificate; invalid: a figure or label is wrong; undecidable: beyond the kernel's caps. */
export type RejectKind = 'malformed' | 'invalid' | 'undecidable';

/** The target weight a REJECT is about, and the side of its gadget when one side is at fault. */
export interface RejectLocation {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly side?: 'plus' | 'minus';
}

/**
 * The facts behind an invalid certificate's sentence.
 *
 * @example
 * ```ts
 * const d: RejectDetail = { field: 'bound.total', stated: Rational.of(1, 100), recomputed: Rational.of(1, 50) };
 * ```
 */
export interface RejectDetail {
  /** The certificate field at fault, as a path: `bound.total`, `gadgets[].plus.u`, `random.pool[0]`, `eta`. */
  readonly field: string;
  readonly location?: RejectLocation;
  /** The value the certificate states (exact), when it states one. */
  readonly stated?: Rational;
  /** The kernel's own value for that field (exact), or the limit it must not pass (eps, eta). */
  readonly recomputed?: Rational;
}

/** A REJECT verdict. @example `{ verdict: 'REJECT', kind: 'invalid', reason: 'gadget ...', detail: { field: 'error' } }` */
export interface Rejection {
  readonly verdict: 'REJECT';
  readonly kind: RejectKind;
  readonly reason: string;
  readonly detail?: RejectDetail;
}

class Reject extends Error {
  constructor(
    readonly kind: RejectKind,
    reason: string,
    readonly detail?: RejectDetail,
  ) {
    super(reason);
  }
}

/**
 * Refuses a document that is not a well-formed certificate.
 *
 * @example
 * ```ts
 * malformed('eps must be an exact number string'); // throws, caught by rejection()
 * ```
 */
export function malformed(why: string): never {
  throw new Reject('malformed', why);
}

/**
 * Refuses a well-formed certificate whose figure or label is wrong, with the facts when known.
 *
 * @example
 * ```ts
 * invalid('stated bound below the recomputed one', { field: 'bound.total', stated, recomputed });
 * ```
 */
export function invalid(why: string, detail?: RejectDetail): never {
  throw new Reject('invalid', why, detail);
}

/**
 * The REJECT verdict for an error thrown while checking, or undefined for a bug (to be rethrown).
 *
 * @example
 * ```ts
 * try { return run(doc); } catch (e) { const r = rejection(e); if (r) return r; throw e; }
 * ```
 */
export function rejection(e: unknown): Rejection | undefined {
  if (e instanceof Reject)
    return e.detail === undefined
      ? { verdict: 'REJECT', kind: e.kind, reason: e.message }
      : { verdict: 'REJECT', kind: e.kind, reason: e.message, detail: e.detail };
  if (e instanceof BeyondCap) return { verdict: 'REJECT', kind: 'undecidable', reason: e.message };
  if (e instanceof InputError) return { verdict: 'REJECT', kind: 'malformed', reason: e.message };
  return undefined;
}

/**
 * An exact number for a REJECT message: in full when short (at most 400 bits), else in
 * scientific notation with its size.
 *
 * @example
 * ```ts
 * showExact(Rational.of(1, 3)); // '1/3'
 * ```
 */
export function showExact(q: Rational): string {
  const bits = bitLength(q.num) + bitLength(q.den);
  return bits <= 400 ? q.toString() : `${q.toScientific(8)} (an exact number of ${bits} bits)`;
}
