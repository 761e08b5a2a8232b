/**
 * Reading a certificate for the CLI: the kernel's verdict, with every malformed document turned
 * into an {@link InputError} (exit code 2, one line on stderr).
 *
 * The kernel classifies a few wrongly typed fields by value (e.g. `"depth": "2"` is REJECT
 * "depth must be 2l"); for the CLI a wrong JSON type is a malformed document, whatever its
 * value, so those fields are type-checked here as well. Acceptance is the kernel's alone: this
 * module never turns a REJECT into an ACCEPT.
 */
import { isCount, isJsonObject as isObject } from '../network/json-shape.js';
import { checkCertificate, type KernelVerdict } from '../kernel/check.js';
import { InputError } from '../errors.js';
import { describe } from '../numeric/rational.js';

const got = (v: unknown): string => (v === undefined ? 'but it is missing' : `got ${describe(v)}`);

/**
 * The first wrongly typed field among those the kernel decides by value only (`depth`,
 * `activeWeights`, `bound.perLayer[i].layer`) and the `provenance` the kernel ignores; null if none.
 *
 * @example
 * ```ts
 * certificateTypeError({ depth: 2.5 }); // 'depth must be a non-negative integer, got number 2.5'
 * ```
 */
export function certificateTypeError(doc: unknown): string | null {
  if (!isObject(doc)) return null;
  for (const key of ['depth', 'activeWeights'] as const) {
    if (!isCount(doc[key])) return `${key} must be a non-negative integer, ${got(doc[key])}`;
  }
  const bound = doc['bound'];
  if (isObject(bound) && Array.isArray(bound['perLayer'])) {
    for (const [i, b] of (bound['perLayer'] as unknown[]).entries()) {
      if (isObject(b) && !isCount(b['layer']))
        return `bound.perLayer[${i}].layer must be a non-negative integer, ${got(b['layer'])}`;
    }
  }
  if ('provenance' in doc) {
    const p = doc['provenance'];
    if (!isObject(p)) return `provenance must be an object {"slth": ..., "command": ...}, ${got(p)}`;
    for (const key of ['slth', 'command'] as const) {
      if (key in p && typeof p[key] !== 'string') return `provenance.${key} must be a string, ${got(p[key])}`;
    }
  }
  return null;
}

/**
 * The kernel's verdict on a parsed certificate read from `path`; a malformed document is an
 * {@link InputError} naming the file and the field.
 *
 * @example
 * ```ts
 * const v = kernelVerdict(readJsonFile('cert.json'), 'cert.json');
 * v.verdict; // 'ACCEPT' or 'REJECT' (kind 'invalid')
 * ```
 */
export function kernelVerdict(doc: unknown, path: string): KernelVerdict {
  const v = checkCertificate(doc);
  if (v.verdict === 'REJECT' && v.kind === 'malformed')
    throw new InputError(`${path}: malformed certificate: ${v.reason}`);
  const typeError = certificateTypeError(doc);
  if (typeError !== null) throw new InputError(`${path}: malformed certificate: ${typeError}`);
  return v;
}
