/**
 * `slth check CERT`: the trusted kernel's verdict on a certificate.
 */
import { certificateVerdict } from '../certificate-doc.js';
import { boolFlag, JSON_FLAG, type Command } from '../command.js';
import { toJsonText } from '../io.js';
import type { Rational } from '../../numeric/rational.js';
import type { Rejection } from '../../kernel/reject.js';

/**
 * A REJECT as typed JSON: the kind and sentence, and the facts behind it (null when the kernel has
 * none for this refusal): the target weight and side, the certificate field, the stated and the
 * recomputed exact values, and their difference stated - recomputed.
 *
 * @example
 * ```ts
 * rejectionJson({ verdict: 'REJECT', kind: 'invalid', reason: '...', detail: { field: 'bound.total' } });
 * // { verdict: 'REJECT', kind: 'invalid', reason: '...', field: 'bound.total', location: null, ... }
 * ```
 */
export function rejectionJson(v: Rejection): Record<string, unknown> {
  const d = v.detail;
  const stated = d?.stated ?? null;
  const recomputed = d?.recomputed ?? null;
  return {
    verdict: 'REJECT',
    kind: v.kind,
    reason: v.reason,
    field: d?.field ?? null,
    location: d?.location ? { side: null, ...d.location } : null,
    stated: stated?.toString() ?? null,
    recomputed: recomputed?.toString() ?? null,
    difference: stated && recomputed ? stated.sub(recomputed).toString() : null,
  };
}

/** `slth check`. */
export const checkCommand: Command = {
  path: ['check'],
  summary:
    'kernel-check a certificate: ACCEPT (exit 0) or REJECT with the reason (exit 1; 2 if malformed or undecidable)',
  usage: 'check CERT [--json]',
  description:
    'The kernel re-derives every kept weight from the seed, checks pools, edges and the layer mapping,\n' +
    'recomputes every gadget error exactly and the Lemma 4 bound, and accepts only if the bound is <= eps.\n' +
    "It also checks the labels: the hypothesis, each gadget against its construction's rule at eta, and a\n" +
    '"stated" width against the stated eta and pools; ACCEPT says whether the pools are at the stated width.\n' +
    'Subset certificates (slth-certificate/2, JSON Lines) are read as a stream: every unit set, sign of u,\n' +
    'u and v re-derived from the seed, every error recomputed exactly, the same Lemma 4 chain.\n' +
    'A malformed certificate (unreadable, not strict JSON, a repeated key, a field of the wrong type, beyond\n' +
    'a cap) or one beyond the cost cap of an exact test is one line on stderr, exit 2.',
  flags: [JSON_FLAG],
  positional: { min: 1, max: 1, names: 'CERT' },
  run(args, io) {
    const path = args.positional[0] as string;
    const v = certificateVerdict(path);
    if (boolFlag(args, 'json')) {
      io.out(
        toJsonText(
          v.verdict === 'ACCEPT'
            ? {
                verdict: 'ACCEPT',
                bound: v.bound.toString(),
                eps: v.eps.toString(),
                delta: v.delta === null ? null : v.delta.toString(),
                construction: v.construction,
                hypothesis: v.hypothesis,
                width: v.width,
                atStatedWidth: v.atStatedWidth,
                statedPool: v.statedPool === null ? null : v.statedPool.map(String),
                gadgets: v.gadgets,
                activeWeights: v.activeWeights,
                depth: v.depth,
              }
            : rejectionJson(v),
        ),
      );
    } else if (v.verdict === 'ACCEPT') {
      const short = (q: Rational): string => (q.toString().length <= 60 ? q.toString() : q.toScientific(8));
      const stated =
        v.statedPool === null
          ? 'no (there is no stated width for this eps and delta)'
          : v.atStatedWidth
            ? `yes (pool ${v.statedPool.join(', ')})`
            : `no (stated pool ${v.statedPool.join(', ')}; the certificate's width is ${v.width})`;
      io.out(
        `ACCEPT ${path}: Lemma 4 bound ${v.bound.toScientific(8, 'ceil')} <= eps = ${short(v.eps)}; ${v.gadgets} gadgets, ${v.activeWeights} active weights, depth ${v.depth}\n` +
          `  at the stated width of ${v.construction} (hypothesis ${v.hypothesis}) for eps = ${short(v.eps)}, delta = ${v.delta === null ? 'none (custom width)' : short(v.delta)}: ${stated}`,
      );
    } else {
      io.out(`REJECT ${path}: ${v.reason}`);
    }
    return v.verdict === 'ACCEPT' ? 0 : 1;
  },
};
