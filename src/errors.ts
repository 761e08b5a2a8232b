/**
 * Errors that mean "the user's input is wrong". The CLI turns them into one line on stderr and
 * exit code 2, never a stack trace. Every other thrown error is a bug in slth.
 *
 * @example
 * ```ts
 * throw new InputError('eps must be > 0, got -1');
 * ```
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Throws an {@link InputError} with `message` unless `condition` holds.
 *
 * @example
 * ```ts
 * ensure(eps.sign() > 0, 'eps must be > 0');
 * ```
 */
export function ensure(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InputError(message);
}
