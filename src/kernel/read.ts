/**
 * Reading a certificate's text for the kernel: strict JSON (a repeated key is refused, so that
 * what a human or another parser reads is what the kernel checks) within the kernel's caps on
 * size, nesting, string and number length (limits.ts).
 */
import { parseJsonStrict } from '../network/strict-json.js';
import { MAX_CERTIFICATE_BYTES, MAX_CERTIFICATE_DEPTH, MAX_EXACT_CHARS, MAX_NUMBER_CHARS } from './limits.js';

/** The strict-JSON caps of a certificate. */
export const CERTIFICATE_JSON_LIMITS = {
  maxBytes: MAX_CERTIFICATE_BYTES,
  maxDepth: MAX_CERTIFICATE_DEPTH,
  maxStringLength: MAX_EXACT_CHARS,
  maxNumberLength: MAX_NUMBER_CHARS,
} as const;

/**
 * Parses a certificate's JSON text within the kernel's caps; every refusal is an InputError whose
 * message starts with `source` (a file path, say) and names the place.
 *
 * @example
 * ```ts
 * const doc = parseCertificateText(readFileSync('cert.json', 'utf8'), 'cert.json');
 * checkCertificate(doc);
 * ```
 */
export function parseCertificateText(text: string, source = 'certificate'): unknown {
  return parseJsonStrict(text, { ...CERTIFICATE_JSON_LIMITS, source });
}
