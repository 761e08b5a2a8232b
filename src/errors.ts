/**
 * Errors that mean "the user's input is wrong". The CLI turns them into one line on stderr and
 * exit code 2, never a stack trace. Every other thrown error is a bug in slth.
 *
 * Library code speaks of its parameters by their library names (`eps`, `widthScale`, `pool`)
 * and lists them in `params`; the CLI shows each as the flag that sets it (`--eps`,
 * `--width-scale`, `--pool`), so neither layer needs to know the other's vocabulary.
 *
 * @example
 * ```ts
 * throw new InputError('widthScale must be > 0, got -1', { params: ['widthScale'] });
 * ```
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** Library parameter names the message mentions (whole words), for the CLI to show as flags. */
  readonly params: readonly string[];

  constructor(message: string, options?: { readonly params?: readonly string[] }) {
    super(message);
    this.params = options?.params ?? [];
  }
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
