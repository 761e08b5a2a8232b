/**
 * Reading a certificate for the CLI: strict JSON within the kernel's caps (a repeated key, an
 * oversized file, deep nesting or an overlong string or number is refused), and the kernel's
 * verdict, with every malformed or undecidable document turned into an {@link InputError} (exit
 * code 2, one line on stderr).
 *
 * The kernel classifies a few wrongly typed fields by value (e.g. `"depth": "2"` is REJECT
 * "depth must be 2l"); for the CLI a wrong JSON type is a malformed document, whatever its
 * value, so those fields are type-checked here as well. Acceptance is the kernel's alone: this
 * module never turns a REJECT into an ACCEPT.
 */
import { isCount, isJsonObject as isObject } from '../network/json-shape.js';
import { checkCertificate, type KernelVerdict } from '../kernel/check.js';
import { MAX_CERTIFICATE_BYTES } from '../kernel/limits.js';
import { parseCertificateText } from '../kernel/read.js';
import { parseJsonStrict } from '../network/strict-json.js';
import { InputError } from '../errors.js';
import { describe } from '../numeric/rational.js';
import { MAX_JSON_BYTES } from '../network/json.js';
import { peekInput, readInputChunks, readInputText } from '../files/read.js';
import { checkSubsetCertificate, type SubsetVerdict } from '../kernel/subset.js';
import { readCertificateV2 } from '../certificate/stream.js';
import { subsetSubnetwork } from '../constructions/subset-subnetwork.js';
import { parseNetwork } from '../network/json.js';
import type { Network } from '../network/network.js';
import type { Rational } from '../numeric/rational.js';

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

/** The text of a JSON file of at most `maxBytes` bytes (a byte order mark dropped). */
function readText(path: string, maxBytes: number): string {
  const text = readInputText(path, maxBytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a certificate file as the kernel's input: strict JSON within the kernel's caps.
 *
 * @example
 * ```ts
 * const v = kernelVerdict(readCertificateFile('cert.json'), 'cert.json');
 * ```
 */
export function readCertificateFile(path: string): unknown {
  return parseCertificateText(readText(path, MAX_CERTIFICATE_BYTES), path);
}

/**
 * Reads a JSON file that may be a network or a certificate (`slth error A`): strict JSON, and
 * within the kernel's caps when it is a certificate.
 *
 * @example
 * ```ts
 * const doc = readNetworkOrCertificate('a.json');
 * ```
 */
export function readNetworkOrCertificate(path: string): unknown {
  const text = readText(path, MAX_JSON_BYTES);
  const doc = parseJsonStrict(text, { source: path });
  const isCertificate =
    typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === 'slth-certificate/1';
  return isCertificate ? parseCertificateText(text, path) : doc;
}

/**
 * The kernel's verdict on a parsed certificate read from `path`; a malformed document, or one the
 * kernel refuses to decide (an exact test beyond its cost cap), is an {@link InputError} naming the
 * file and the field.
 *
 * @example
 * ```ts
 * const v = kernelVerdict(readCertificateFile('cert.json'), 'cert.json');
 * v.verdict; // 'ACCEPT' or 'REJECT' (kind 'invalid')
 * ```
 */
export function kernelVerdict(doc: unknown, path: string): KernelVerdict {
  const v = checkCertificate(doc);
  if (v.verdict === 'REJECT' && v.kind === 'malformed')
    throw new InputError(`${path}: malformed certificate: ${v.reason}`);
  if (v.verdict === 'REJECT' && v.kind === 'undecidable')
    throw new InputError(`${path}: undecidable here: ${v.reason}`);
  const typeError = certificateTypeError(doc);
  if (typeError !== null) throw new InputError(`${path}: malformed certificate: ${typeError}`);
  return v;
}

/**
 * True when a file is a `slth-certificate/2` certificate (JSON Lines), recognised by its first bytes.
 *
 * @example
 * ```ts
 * isSubsetCertificateFile('cert.jsonl'); // true when its header line starts {"format":"slth-certificate/2"
 * ```
 */
export function isSubsetCertificateFile(path: string): boolean {
  return SUBSET_HEADER.test(peekInput(path));
}

/** How a `slth-certificate/2` file begins. */
const SUBSET_HEADER = /^\uFEFF?\s*\{\s*"format"\s*:\s*"slth-certificate\/2"/;

/**
 * The kernel's verdict on a certificate of either format read from `path`; `-` is standard input
 * (see {@link certificateVerdictOfChunks}). Malformed or undecidable input is an
 * {@link InputError} naming the file.
 *
 * @example
 * ```ts
 * certificateVerdict('cert.jsonl').verdict; // 'ACCEPT' or 'REJECT'
 * certificateVerdict('-'); // from standard input, e.g. `zcat cert.jsonl.gz | slth check -`
 * ```
 */
export function certificateVerdict(path: string): KernelVerdict | SubsetVerdict {
  if (path !== '-')
    return isSubsetCertificateFile(path) ? subsetKernelVerdict(path) : kernelVerdict(readCertificateFile(path), path);
  return certificateVerdictOfChunks(readInputChunks('-'), 'standard input');
}

/**
 * The kernel's verdict on a certificate given as chunks of text that cannot be read twice
 * (standard input). Its first 256 characters, however the chunks cut them, tell the formats
 * apart: a subset certificate goes on to the kernel as a stream, anything else is read whole
 * within the kernel's cap of {@link MAX_CERTIFICATE_BYTES} bytes. Malformed or undecidable input
 * is an {@link InputError} naming `name`.
 *
 * @example
 * ```ts
 * certificateVerdictOfChunks(['{"for', 'mat":"slth-certificate/2", ...'][Symbol.iterator](), 'standard input');
 * ```
 */
export function certificateVerdictOfChunks(chunks: Iterator<string>, name: string): KernelVerdict | SubsetVerdict {
  let head = '';
  for (let r = chunks.next(); r.done !== true; r = chunks.next()) {
    head += r.value;
    if (head.length >= 256) break;
  }
  const rest = (function* (): Generator<string> {
    for (let r = chunks.next(); r.done !== true; r = chunks.next()) yield r.value;
  })();
  if (SUBSET_HEADER.test(head)) {
    const all = (function* (): Generator<string> {
      yield head;
      yield* rest;
    })();
    return subsetVerdictOf(checkSubsetCertificate(all), name);
  }
  const parts = [head];
  let bytes = Buffer.byteLength(head);
  for (const chunk of rest) {
    bytes += Buffer.byteLength(chunk);
    if (bytes > MAX_CERTIFICATE_BYTES)
      throw new InputError(`${name} is too large (more than ${MAX_CERTIFICATE_BYTES} bytes)`);
    parts.push(chunk);
  }
  const text = parts.join('');
  return kernelVerdict(parseCertificateText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, name), name);
}

/**
 * The kernel's verdict on a `slth-certificate/2` file, read as a stream of chunks; a malformed or
 * undecidable one is an {@link InputError} naming the file.
 *
 * @example
 * ```ts
 * subsetKernelVerdict('cert.jsonl').verdict; // 'ACCEPT' or 'REJECT' (kind 'invalid')
 * ```
 */
export function subsetKernelVerdict(path: string): SubsetVerdict {
  return subsetVerdictOf(checkSubsetCertificate(readInputChunks(path)), path);
}

/** A subset verdict with malformed and undecidable turned into an InputError naming `name`. */
function subsetVerdictOf(v: SubsetVerdict, name: string): SubsetVerdict {
  if (v.verdict === 'REJECT' && v.kind === 'malformed')
    throw new InputError(`${name}: malformed certificate: ${v.reason}`);
  if (v.verdict === 'REJECT' && v.kind === 'undecidable')
    throw new InputError(`${name}: undecidable here: ${v.reason}`);
  return v;
}

/** Most gadget lines `subsetCertificateNetworks` materialises (its subnetwork is built in memory). */
export const MAX_SUBSET_NETWORK_GADGETS = 100_000;

/**
 * A `slth-certificate/2` file's subnetwork and target, with the kernel's bound when it accepts
 * (null when it rejects); a malformed or undecidable file, or one too large to materialise, is an
 * {@link InputError}.
 *
 * @example
 * ```ts
 * const { sub, target, bound } = subsetCertificateNetworks('cert.jsonl');
 * ```
 */
export function subsetCertificateNetworks(path: string): { sub: Network; target: Network; bound: Rational | null } {
  // too many gadgets to materialise: refused from the header, before the kernel's pass over the
  // file (seconds at 397,000 gadgets); a header that does not parse is left to the kernel to name
  let announced = 0;
  try {
    announced = readCertificateV2(path).header.gadgets;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // malformed: the kernel names the fault below
  }
  if (announced > MAX_SUBSET_NETWORK_GADGETS)
    throw new InputError(
      `${path}: ${announced} gadgets; subnetworks of subset certificates are built here for at most ${MAX_SUBSET_NETWORK_GADGETS}`,
    );
  const v = subsetKernelVerdict(path);
  const cert = readCertificateV2(path);
  const target = parseNetwork(cert.header.target, `${path}: target`);
  const pool = cert.header.random.pool.map(Number);
  const sub = subsetSubnetwork({ seed: cert.header.random.seed, target, pool }, [...cert.gadgets()]);
  return { sub, target, bound: v.verdict === 'ACCEPT' ? v.bound : null };
}
