/**
 * The kernel's verdict on a certificate a producer has just built in memory, judged exactly as
 * its file would be: the object is serialised to JSON text and parsed back before the kernel sees
 * it, so no in-memory detail (a BigInt, a shared reference, an extra property type) can make the
 * verdict differ from the one `slth check` gives on the written file.
 */
import { checkCertificate, type KernelVerdict } from './check.js';

/**
 * Serialises a freshly built certificate and runs the kernel on the parsed copy.
 *
 * @example
 * ```ts
 * checkIssuedCertificate(out.certificate).verdict; // 'ACCEPT'
 * ```
 */
export function checkIssuedCertificate(certificate: object): KernelVerdict {
  return checkCertificate(JSON.parse(JSON.stringify(certificate)) as unknown);
}
