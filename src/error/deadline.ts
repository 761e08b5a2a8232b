/**
 * A wall-clock budget shared by the phases of a sup-error computation.
 *
 * Long loops call {@link Deadline.check} often (once per unit of a layer, once per ascent step);
 * it throws {@link BudgetExhausted} once the time is up, and the caller keeps the best certified
 * result it had before the interrupted step. Nothing here affects what is certified: an
 * interrupted step is simply discarded.
 */

/**
 * Thrown by {@link Deadline.check} when the budget is spent.
 *
 * @example
 * ```ts
 * try { new Deadline(0).check(); } catch (e) { e instanceof BudgetExhausted; } // true
 * ```
 */
export class BudgetExhausted extends Error {
  constructor() {
    super('wall-clock budget exhausted');
    this.name = 'BudgetExhausted';
  }
}

/**
 * A point in time (`performance.now()` scale) after which work stops.
 *
 * @example
 * ```ts
 * const dl = new Deadline(performance.now() + 1000);
 * dl.check(); // throws BudgetExhausted after 1 s
 * ```
 */
export class Deadline {
  constructor(readonly at: number) {}

  /** A deadline `ms` milliseconds from now (Infinity: none). @example `Deadline.in(500).left() <= 500 // true` */
  static in(ms: number): Deadline {
    return new Deadline(performance.now() + ms);
  }

  /** Milliseconds left (negative when past). @example `Deadline.in(10).left() // about 10` */
  left(): number {
    return this.at - performance.now();
  }

  /** True when the time is up. @example `new Deadline(0).passed() // true` */
  passed(): boolean {
    return performance.now() > this.at;
  }

  /** Throws {@link BudgetExhausted} when the time is up. @example `Deadline.in(1000).check() // returns` */
  check(): void {
    if (performance.now() > this.at) throw new BudgetExhausted();
  }

  /** The earlier of this deadline and `ms` milliseconds from now. @example `Deadline.in(1000).within(10).left() <= 10 // true` */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.at, performance.now() + ms));
  }
}

/**
 * Runs `f`; when it throws {@link BudgetExhausted}, returns undefined instead (other errors pass).
 *
 * @example
 * ```ts
 * const r = orTimeout(() => expensive(deadline)); // undefined when the budget ran out
 * ```
 */
export function orTimeout<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof BudgetExhausted) return undefined;
    throw e;
  }
}
