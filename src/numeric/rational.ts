/**
 * Exact rational numbers on BigInt.
 *
 * A value is kept as `num / den` with `den > 0` and `gcd(num, den) = 1`, so equal numbers have
 * equal representations. Dyadic values (den a power of two: every float64, every weight of the
 * random network) take a fast path that replaces the gcd by a count of trailing zero bits.
 */
import { InputError } from '../errors.js';

/** Rounding directions understood by {@link Rational.floor}-style conversions and printing. */
export type Rounding = 'floor' | 'ceil' | 'trunc' | 'nearest';

const ZERO_N = 0n;
const ONE_N = 1n;

/**
 * Absolute value of a BigInt.
 *
 * @example
 * ```ts
 * absBig(-3n); // 3n
 * ```
 */
export function absBig(a: bigint): bigint {
  return a < ZERO_N ? -a : a;
}

/**
 * Greatest common divisor of two BigInts (non-negative result).
 *
 * @example
 * ```ts
 * gcd(12n, 18n); // 6n
 * ```
 */
export function gcd(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== ZERO_N) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * True when `d > 0` is a power of two.
 *
 * @example
 * ```ts
 * isPowerOfTwo(8n); // true
 * ```
 */
export function isPowerOfTwo(d: bigint): boolean {
  return d > ZERO_N && (d & (d - ONE_N)) === ZERO_N;
}

/** 2^1023, the largest power of two that is a finite double. */
const MAX_DOUBLE_POWER_OF_TWO = 1n << 1023n;
/** log2 of the leading hex digit of a power of two, indexed by the digit's char code minus '0'. */
const HEX_LOG2: readonly number[] = [-1, 0, 1, -1, 2, -1, -1, -1, 3];

/**
 * Number of trailing zero bits of a non-zero BigInt.
 *
 * @example
 * ```ts
 * trailingZeros(40n); // 3
 * ```
 */
export function trailingZeros(a: bigint): number {
  if (a === ZERO_N) return 0;
  // a & -a is the lowest set bit 2^n of |a| (BigInts behave as infinite two's complement)
  const low = a & -a;
  if (low <= MAX_DOUBLE_POWER_OF_TWO) return Math.round(Math.log2(Number(low))); // Number(2^n) is exact
  const hex = low.toString(16); // '1', '2', '4' or '8' followed by zeros
  return 4 * (hex.length - 1) + (HEX_LOG2[hex.charCodeAt(0) - 0x30] as number);
}

/**
 * Number of bits of |a| (0 for 0).
 *
 * @example
 * ```ts
 * bitLength(8n); // 4
 * ```
 */
export function bitLength(a: bigint): number {
  a = absBig(a);
  if (a === ZERO_N) return 0;
  return a.toString(2).length;
}

/** Reduces `num/den` (den > 0) when den is a power of two: strip common factors of two. */
function reduceDyadic(num: bigint, den: bigint): Rational {
  if (num === ZERO_N) return Rational.ZERO;
  const tz = trailingZeros(num);
  const dz = trailingZeros(den);
  const k = BigInt(Math.min(tz, dz));
  return Rational.unsafe(num >> k, den >> k);
}

function reduceGeneral(num: bigint, den: bigint): Rational {
  if (den === ZERO_N) throw new RangeError('division by zero');
  if (den < ZERO_N) {
    num = -num;
    den = -den;
  }
  if (num === ZERO_N) return Rational.ZERO;
  if (isPowerOfTwo(den)) return reduceDyadic(num, den);
  const g = gcd(num, den);
  return g === ONE_N ? Rational.unsafe(num, den) : Rational.unsafe(num / g, den / g);
}

const FLOAT_VIEW = new DataView(new ArrayBuffer(8));

/**
 * Exact decomposition of a finite float64 `x` as `mantissa * 2^exponent` with an odd mantissa
 * (or mantissa 0 for ±0). Rejects NaN and ±Infinity.
 *
 * @example
 * ```ts
 * decodeFloat(0.75); // { mantissa: 3n, exponent: -2 }
 * ```
 */
export function decodeFloat(x: number): { mantissa: bigint; exponent: number } {
  if (!Number.isFinite(x)) throw new InputError(`not a finite number: ${String(x)}`);
  FLOAT_VIEW.setFloat64(0, x);
  const hi = FLOAT_VIEW.getUint32(0);
  const lo = FLOAT_VIEW.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  const fracHi = BigInt(hi & 0xfffff);
  let frac = (fracHi << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    if (frac === ZERO_N) return { mantissa: ZERO_N, exponent: 0 };
    exponent = -1074; // subnormal: frac * 2^-1074
  } else {
    frac |= ONE_N << 52n;
    exponent = biased - 1075;
  }
  const tz = trailingZeros(frac);
  frac >>= BigInt(tz);
  exponent += tz;
  return { mantissa: negative ? -frac : frac, exponent };
}

const MAX_PARSE_EXPONENT = 100_000;
const NUMBER_RE = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION_RE = /^([+-]?\d+)\/([+-]?\d+)$/;

/**
 * An exact rational number. Immutable.
 *
 * @example
 * ```ts
 * const x = Rational.parse('0.1').add(Rational.parse('2/10')); // exactly 3/10
 * x.toString(); // '3/10'
 * ```
 */
export class Rational {
  /** Numerator (sign carrier). */
  readonly num: bigint;
  /** Denominator, always > 0, coprime with {@link num}. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** @internal Builds without reducing; callers guarantee the invariant. */
  static unsafe(num: bigint, den: bigint): Rational {
    return new Rational(num, den);
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  /**
   * `num / den`, reduced. `num` may be a bigint or a safe integer number.
   *
   * @example
   * ```ts
   * Rational.of(6, 4).toString(); // '3/2'
   * ```
   */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = typeof num === 'number' ? toBigIntStrict(num) : num;
    const d = typeof den === 'number' ? toBigIntStrict(den) : den;
    return reduceGeneral(n, d);
  }

  /**
   * The exact value of a finite float64 (every double is a dyadic rational). -0 becomes 0.
   *
   * @example
   * ```ts
   * Rational.fromFloat(0.1).toString(); // '3602879701896397/36028797018963968'
   * ```
   */
  static fromFloat(x: number): Rational {
    const { mantissa, exponent } = decodeFloat(x);
    if (mantissa === ZERO_N) return Rational.ZERO;
    if (exponent >= 0) return new Rational(mantissa << BigInt(exponent), ONE_N);
    return new Rational(mantissa, ONE_N << BigInt(-exponent));
  }

  /**
   * `m * 2^e` exactly.
   *
   * @example
   * ```ts
   * Rational.dyadic(3n, -2).toString(); // '3/4'
   * ```
   */
  static dyadic(m: bigint, e: number): Rational {
    if (e >= 0) return new Rational(m << BigInt(e), ONE_N);
    return reduceDyadic(m, ONE_N << BigInt(-e));
  }

  /**
   * Parses an exact value: integer (`-3`), decimal (`0.1` is exactly 1/10), scientific (`1e-3`,
   * `2.5E4`) or fraction (`3/8`, `-7/2`). Surrounding white space is allowed; anything else is an
   * {@link InputError}. Exponents beyond ±100000 are rejected as absurd.
   *
   * @example
   * ```ts
   * Rational.parse('1e-3').toString(); // '1/1000'
   * ```
   */
  static parse(text: string): Rational {
    const s = text.trim();
    const frac = FRACTION_RE.exec(s);
    if (frac) {
      const d = BigInt(frac[2] as string);
      if (d === ZERO_N) throw new InputError(`zero denominator in '${clip(text)}'`);
      return reduceGeneral(BigInt(frac[1] as string), d);
    }
    const m = NUMBER_RE.exec(s);
    if (!m || (m[2] === undefined && (m[3] === undefined || m[3] === ''))) {
      throw new InputError(`not an exact number: '${clip(text)}' (expected an integer, decimal, 1e-3 or p/q)`);
    }
    const sign = m[1] === '-' ? -ONE_N : ONE_N;
    const intPart = m[2] ?? '0';
    const fracPart = m[3] ?? '';
    const exp = m[4] === undefined ? 0 : Number(m[4]);
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_PARSE_EXPONENT) {
      throw new InputError(`exponent out of range in '${clip(text)}' (at most ±${MAX_PARSE_EXPONENT})`);
    }
    const digits = BigInt(intPart + fracPart);
    const scale = exp - fracPart.length;
    if (scale >= 0) return reduceGeneral(sign * digits * 10n ** BigInt(scale), ONE_N);
    return reduceGeneral(sign * digits, 10n ** BigInt(-scale));
  }

  /**
   * Parses a JSON weight: a number is its exact double; a string is parsed by {@link parse}.
   *
   * @example
   * ```ts
   * Rational.fromJson('1/3').toString(); // '1/3'
   * ```
   */
  static fromJson(value: unknown): Rational {
    if (typeof value === 'number') return Rational.fromFloat(value);
    if (typeof value === 'string') return Rational.parse(value);
    throw new InputError(`expected a number or a string, got ${describe(value)}`);
  }

  /**
   * The smaller of two values.
   *
   * @example
   * ```ts
   * Rational.min(Rational.ONE, Rational.ZERO); // 0
   * ```
   */
  static min(a: Rational, b: Rational): Rational {
    return a.cmp(b) <= 0 ? a : b;
  }

  /**
   * The larger of two values.
   *
   * @example
   * ```ts
   * Rational.max(Rational.ONE, Rational.ZERO); // 1
   * ```
   */
  static max(a: Rational, b: Rational): Rational {
    return a.cmp(b) >= 0 ? a : b;
  }

  /**
   * Sum of a list (0 for the empty list).
   *
   * @example
   * ```ts
   * Rational.sum([Rational.ONE, Rational.ONE]); // 2
   * ```
   */
  static sum(values: readonly Rational[]): Rational {
    let s = Rational.ZERO;
    for (const v of values) s = s.add(v);
    return s;
  }

  /** True when the denominator is a power of two. @example `Rational.parse('3/8').isDyadic() // true` */
  isDyadic(): boolean {
    return isPowerOfTwo(this.den);
  }

  /** True when the value is an integer. @example `Rational.of(4, 2).isInteger() // true` */
  isInteger(): boolean {
    return this.den === ONE_N;
  }

  /** True for 0. @example `Rational.ZERO.isZero() // true` */
  isZero(): boolean {
    return this.num === ZERO_N;
  }

  /** -1, 0 or 1. @example `Rational.parse('-2/3').sign() // -1` */
  sign(): -1 | 0 | 1 {
    return this.num < ZERO_N ? -1 : this.num > ZERO_N ? 1 : 0;
  }

  /** Exact sum. @example `Rational.parse('1/2').add(Rational.parse('1/3')) // 5/6` */
  add(o: Rational): Rational {
    // an integer plus p/q is (p + n q)/q, already reduced: gcd(p + n q, q) = gcd(p, q) = 1
    if (o.den === ONE_N)
      return this.den === ONE_N
        ? new Rational(this.num + o.num, ONE_N)
        : new Rational(this.num + o.num * this.den, this.den);
    if (this.den === ONE_N) return new Rational(o.num + this.num * o.den, o.den);
    if (this.den === o.den) {
      return this.den === ONE_N ? new Rational(this.num + o.num, ONE_N) : reduceGeneral(this.num + o.num, this.den);
    }
    if (isPowerOfTwo(this.den) && isPowerOfTwo(o.den)) {
      if (this.den > o.den) return reduceDyadic(this.num + o.num * (this.den / o.den), this.den);
      return reduceDyadic(this.num * (o.den / this.den) + o.num, o.den);
    }
    return reduceGeneral(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  /** Exact difference. @example `Rational.ONE.sub(Rational.parse('0.1')) // 9/10` */
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  /** Exact product. @example `Rational.parse('2/3').mul(Rational.parse('3/4')) // 1/2` */
  mul(o: Rational): Rational {
    if (this.num === ZERO_N || o.num === ZERO_N) return Rational.ZERO;
    if (this.den === ONE_N && o.den === ONE_N) return new Rational(this.num * o.num, ONE_N);
    if (isPowerOfTwo(this.den) && isPowerOfTwo(o.den)) return reduceDyadic(this.num * o.num, this.den * o.den);
    const g1 = gcd(this.num, o.den);
    const g2 = gcd(o.num, this.den);
    return new Rational((this.num / g1) * (o.num / g2), (this.den / g2) * (o.den / g1));
  }

  /** Exact quotient; throws RangeError on division by zero. @example `Rational.ONE.div(Rational.of(3)) // 1/3` */
  div(o: Rational): Rational {
    if (o.num === ZERO_N) throw new RangeError('division by zero');
    return reduceGeneral(this.num * o.den, this.den * o.num);
  }

  /** Negation. @example `Rational.ONE.neg() // -1` */
  neg(): Rational {
    return this.num === ZERO_N ? this : new Rational(-this.num, this.den);
  }

  /** Absolute value. @example `Rational.of(-3, 2).abs() // 3/2` */
  abs(): Rational {
    return this.num < ZERO_N ? new Rational(-this.num, this.den) : this;
  }

  /** Multiplicative inverse. @example `Rational.of(2, 3).inv() // 3/2` */
  inv(): Rational {
    return Rational.ONE.div(this);
  }

  /** `this^k` for an integer k >= 0. @example `Rational.of(1, 2).pow(3) // 1/8` */
  pow(k: number): Rational {
    if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`pow needs an integer >= 0, got ${k}`);
    return new Rational(this.num ** BigInt(k), this.den ** BigInt(k));
  }

  /** Multiplies by 2^k exactly (k may be negative). @example `Rational.ONE.shift(-3) // 1/8` */
  shift(k: number): Rational {
    if (k >= 0) return reduceGeneral(this.num << BigInt(k), this.den);
    return reduceGeneral(this.num, this.den << BigInt(-k));
  }

  /** -1, 0, 1 as this <, =, > o. @example `Rational.ONE.cmp(Rational.ZERO) // 1` */
  cmp(o: Rational): -1 | 0 | 1 {
    if (this.den === o.den) return this.num < o.num ? -1 : this.num > o.num ? 1 : 0;
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Equality. @example `Rational.parse('0.5').eq(Rational.of(1, 2)) // true` */
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  /** this < o. @example `Rational.ZERO.lt(Rational.ONE) // true` */
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  /** this <= o. @example `Rational.ONE.le(Rational.ONE) // true` */
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  /** this > o. @example `Rational.ONE.gt(Rational.ZERO) // true` */
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  /** this >= o. @example `Rational.ONE.ge(Rational.ONE) // true` */
  ge(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }

  /** Largest integer <= this. @example `Rational.parse('-3/2').floor() // -2n` */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < ZERO_N && q * this.den !== this.num ? q - ONE_N : q;
  }

  /** Smallest integer >= this. @example `Rational.parse('3/2').ceil() // 2n` */
  ceil(): bigint {
    const q = this.num / this.den;
    return this.num > ZERO_N && q * this.den !== this.num ? q + ONE_N : q;
  }

  /** Integer rounding in a declared direction ('nearest' rounds half to even). @example `Rational.parse('5/2').round('nearest') // 2n` */
  round(mode: Rounding): bigint {
    switch (mode) {
      case 'floor':
        return this.floor();
      case 'ceil':
        return this.ceil();
      case 'trunc':
        return this.num / this.den;
      case 'nearest': {
        const f = this.floor();
        const twice = (this.num - f * this.den) * 2n;
        if (twice < this.den) return f;
        if (twice > this.den) return f + ONE_N;
        return f % 2n === ZERO_N ? f : f + ONE_N;
      }
    }
  }

  /**
   * Reduced `p/q`, or `p` for integers. This is the exact form used in JSON output.
   *
   * @example
   * ```ts
   * Rational.parse('0.25').toString(); // '1/4'
   * ```
   */
  toString(): string {
    return this.den === ONE_N ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** Same as {@link toString}, so JSON.stringify prints the exact value. @example `JSON.stringify(Rational.ONE) // '"1"'` */
  toJSON(): string {
    return this.toString();
  }

  /**
   * Decimal with `digits` digits after the point, rounded in the declared direction. With
   * 'floor' the printed value is <= the exact one, with 'ceil' it is >=.
   *
   * @example
   * ```ts
   * Rational.of(1, 3).toDecimal(4, 'ceil'); // '0.3334'
   * ```
   */
  toDecimal(digits: number, mode: Rounding = 'nearest'): string {
    if (!Number.isSafeInteger(digits) || digits < 0) throw new RangeError(`digits must be an integer >= 0`);
    const scaled = new Rational(this.num * 10n ** BigInt(digits), this.den).round(mode);
    const neg = scaled < ZERO_N;
    const s = absBig(scaled)
      .toString()
      .padStart(digits + 1, '0');
    const body = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
    return neg ? `-${body}` : body;
  }

  /**
   * Scientific notation with `significant` digits, rounded in the declared direction
   * (e.g. `1.23456e-5`). Exact values print with as many digits as asked.
   *
   * @example
   * ```ts
   * Rational.of(2, 3).toScientific(3, 'floor'); // '6.66e-1'
   * ```
   */
  toScientific(significant: number, mode: Rounding = 'nearest'): string {
    if (!Number.isSafeInteger(significant) || significant < 1) throw new RangeError('significant must be >= 1');
    if (this.num === ZERO_N) return '0';
    const a = this.abs();
    // estimate the decimal exponent, then correct it
    let e = absBig(a.num).toString().length - a.den.toString().length;
    const pow10 = (k: number): Rational =>
      k >= 0 ? new Rational(10n ** BigInt(k), ONE_N) : Rational.of(1n, 10n ** BigInt(-k));
    while (a.lt(pow10(e))) e -= 1;
    while (a.ge(pow10(e + 1))) e += 1;
    const effective: Rounding = this.num < ZERO_N ? flip(mode) : mode;
    let m = a.div(pow10(e - significant + 1)).round(effective);
    if (m >= 10n ** BigInt(significant)) {
      m /= 10n;
      e += 1;
    }
    const ms = m.toString();
    const body = ms.length > 1 ? `${ms[0]}.${ms.slice(1)}` : ms;
    return `${this.num < ZERO_N ? '-' : ''}${body}e${e}`;
  }

  /**
   * The float64 nearest to this value (ties to even): an estimate, never a verdict.
   *
   * @example
   * ```ts
   * Rational.of(1, 3).toNumber(); // 0.3333333333333333
   * ```
   */
  toNumber(): number {
    if (this.num === ZERO_N) return 0;
    const a = this.abs();
    const k = bitLength(a.num) - bitLength(a.den);
    const s = 55 - k; // a * 2^s lies in (2^54, 2^56)
    const q = s >= 0 ? (a.num << BigInt(s)) / a.den : a.num / (a.den << BigInt(-s));
    const drop = Math.max(bitLength(q) - 53, s - 1074); // keep 53 bits, never below 2^-1074
    const lsbExp = drop - s;
    const m = a.shift(-lsbExp).round('nearest');
    const v = lsbExp > 971 ? Infinity : Number(m) * 2 ** lsbExp;
    return this.num < ZERO_N ? -v : v;
  }
}

/** Shortens user text quoted in error messages. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function flip(mode: Rounding): Rounding {
  return mode === 'floor' ? 'ceil' : mode === 'ceil' ? 'floor' : mode;
}

function toBigIntStrict(x: number): bigint {
  if (!Number.isSafeInteger(x)) throw new RangeError(`expected a safe integer, got ${x}`);
  return BigInt(x);
}

/**
 * A short description of a JSON value for error messages.
 *
 * @example
 * ```ts
 * describe(null); // 'null'
 * ```
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string '${value.length > 40 ? value.slice(0, 40) + '...' : value}'`;
  return `${typeof value} ${String(value)}`;
}
