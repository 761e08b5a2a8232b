/**
 * `slth export`: a certificate's ticket (its subnetwork) as a PyTorch-loadable safetensors file.
 */
import type { CertificateDoc } from '../../certificate/format.js';
import { keptUnits } from '../../certificate/kept-units.js';
import { certificateNetworks } from '../../certificate/subnetwork.js';
import { InputError } from '../../errors.js';
import { networkToSafetensors, sequentialName } from '../../interop/sequential.js';
import { widths as widthsOf, type Network } from '../../network/network.js';
import type { Rational } from '../../numeric/rational.js';
import { isSubsetCertificateFile, kernelVerdict } from '../certificate-doc.js';
import { boolFlag, JSON_FLAG, requiredFlag, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import { checkOutputFile, writeFileAtomic } from '../../files/write.js';
import { readJsonFile } from '../../network/json.js';
import { version } from '../version.js';

/** Schema tag of the ticket metadata. @example `metadata.schema // 'slth-ticket/1'` */
export const TICKET_SCHEMA = 'slth-ticket/1';

/**
 * The metadata of an exported ticket, typed (the safetensors `__metadata__` holds the same keys,
 * every value that is not a string JSON-encoded).
 *
 * @example
 * ```ts
 * ticketMetadata(cert, sub, bound).units; // [[17, 905], ...]
 * ```
 */
export function ticketMetadata(doc: CertificateDoc, sub: Network, bound: Rational): Record<string, unknown> {
  return {
    format: 'pt',
    schema: TICKET_SCHEMA,
    slth: version(),
    construction: doc.construction,
    scheme: doc.random.scheme,
    seed: doc.random.seed,
    eps: doc.eps,
    delta: doc.delta,
    eta: doc.eta,
    hypothesis: doc.hypothesis,
    kernel: 'ACCEPT',
    bound: bound.toString(),
    pools: [...doc.random.pool],
    gWidths: [...doc.random.widths],
    targetWidths: [doc.target.layers[0]?.[0]?.length ?? 0, ...doc.target.layers.map((m) => m.length)],
    widths: widthsOf(sub),
    tensors: sub.layers.map((_, k) => sequentialName(k + 1)),
    units: keptUnits(doc),
  };
}

/**
 * A typed metadata object as a safetensors string map (strings kept, everything else as JSON).
 *
 * @example
 * ```ts
 * stringMap({ seed: 'demo', pools: ['5'] }); // { seed: 'demo', pools: '["5"]' }
 * ```
 */
export function stringMap(meta: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** `slth export CERT --out ticket.safetensors [--json]`. */
export const exportCommand: Command = {
  path: ['export'],
  summary: "write a certificate's ticket (its subnetwork) as float64 safetensors that PyTorch loads",
  usage: 'export CERT --out TICKET.safetensors [--json]',
  description:
    'The kernel checks the certificate first; a rejected certificate writes nothing (exit 1). The\n' +
    'ticket is the subnetwork G~ of depth 2l restricted to the kept units, as the state dict of\n' +
    'nn.Sequential(Linear(d, m_1, bias=False), ReLU(), Linear(m_1, n_1, bias=False), ReLU(), ...):\n' +
    'tensors 0.weight, 2.weight, ..., each (out, in), float64. Every kept weight is a weight of G,\n' +
    'hence exactly a double; a weight that is not is refused. __metadata__ holds format "pt",\n' +
    'schema slth-ticket/1, construction, scheme, seed, eps, delta, eta, hypothesis, the Lemma 4\n' +
    'bound, pools, G widths, target and ticket widths, the tensor names and the kept units of each\n' +
    'G layer 2i-1 (row h of tensor 4(i-1).weight is unit units[i-1][h]). --json prints it typed.',
  flags: [
    {
      name: 'out',
      kind: 'string',
      help: 'the safetensors file to write (atomically)',
      required: true,
      placeholder: 'FILE',
    },
    JSON_FLAG,
  ],
  positional: { min: 1, max: 1, names: 'CERT' },
  run(args, io) {
    const path = args.positional[0] as string;
    const out = requiredFlag(args, 'out');
    if (out === '-') throw new InputError('--out -: the ticket is a binary file; give a file name');
    checkOutputFile(out, '--out');
    if (isSubsetCertificateFile(path))
      throw new InputError(
        `${path} is a slth-certificate/2 (construction D); export writes tickets of slth-certificate/1 only (pair, shared, product) for now`,
      );
    const doc = readJsonFile(path);
    const v = kernelVerdict(doc, path);
    if (v.verdict === 'REJECT') {
      io.err(`slth export: REJECT ${path}: ${v.reason} (nothing written)`);
      return 1;
    }
    const cert = doc as CertificateDoc;
    let sub: Network;
    try {
      sub = certificateNetworks(cert).sub;
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${path}: ${e.message}`);
      throw e;
    }
    const meta = ticketMetadata(cert, sub, v.bound);
    let bytes: Uint8Array;
    try {
      bytes = networkToSafetensors(sub, stringMap(meta));
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${path}: ticket ${e.message}`);
      throw e;
    }
    writeFileAtomic(out, bytes);
    const shapes = sub.layers.map((m, k) => `${sequentialName(k + 1)} [${m.length}, ${m[0]?.length ?? 0}]`);
    if (boolFlag(args, 'json')) {
      io.out(toJsonText({ written: out, bytes: bytes.byteLength, metadata: meta }));
    } else {
      io.out(
        `wrote ${out}: ${sub.layers.length} float64 tensors ${shapes.join(', ')} (exact; kernel ACCEPT, Lemma 4 bound ${v.bound.toScientific(8, 'ceil')})\n` +
          `  in PyTorch: nn.Sequential of Linear(bias=False) layers with widths ${widthsOf(sub).join(',')} and a ReLU between\n` +
          `  consecutive ones, .double(), then load_state_dict(safetensors.torch.load_file(FILE)) (see the README)`,
      );
    }
    return 0;
  },
};
