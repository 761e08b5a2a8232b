/**
 * slth as a library: the public API of the package (`import { ... } from 'slth'`).
 *
 * Everything a researcher needs to check a construction of their own in their own test suite:
 * exact numbers, networks and their hypotheses, the lazy random network G, stated widths, the
 * constructions, certificates and the trusted kernel, the certified sup error, exact existence,
 * the lemma checkers, the statistics of claim tests, and tensor import/export. fast-check
 * arbitraries and the falsification engine live in `slth/arbitraries`, so this entry point does not
 * load fast-check. Modules not exported here are internal and may change without notice.
 *
 * @example
 * ```ts
 * import { Rational, certify, checkCertificate, readNetworkFile } from 'slth';
 * const target = readNetworkFile('target.json');
 * const out = certify({ target, seed: 's', eps: Rational.parse('0.1'), delta: Rational.parse('1e-9'), construction: 'pair' });
 * checkCertificate(JSON.parse(JSON.stringify(out.certificate))).verdict; // 'ACCEPT'
 * ```
 */

// errors
export { InputError } from './errors.js';

// exact numbers and certified brackets (docs/MATH.md §1)
export { Rational } from './numeric/rational.js';
export type { Bracket } from './numeric/certified.js';
export { expBracket, lnBracket, sqrtBracket } from './numeric/certified.js';

// networks and hypotheses (docs/MATH.md §2)
export type { Matrix, Network } from './network/network.js';
export { forward, widths, weightCount } from './network/network.js';
export { NETWORK_FORMAT, networkToJson, parseNetwork, readJsonFile, readNetworkFile } from './network/json.js';
export type { HypothesisReport } from './network/norms.js';
export { checkH, checkHPrime, spectralAtMostOne, spectralUpper } from './network/norms.js';
export type { GenerateOptions } from './network/generate.js';
export { generateTarget } from './network/generate.js';

// the lazy random network G (docs/MATH.md §3)
export { ALGORITHM, BLOCK, Cursor, SCHEME, checkSeed, weight, weightFloat } from './random/scheme.js';

// the mathematics shared by producers and checkers (docs/MATH.md §4)
export type { ConstructionName } from './theory/construction-name.js';
export { CONSTRUCTIONS } from './theory/construction-name.js';
export { cOfEta, certifiedEta, sUpper } from './theory/eta.js';
export type { StatedWidth, WidthInput } from './theory/stated-width.js';
export { statedWidth } from './theory/stated-width.js';
export type { LayerBound } from './theory/lemma4.js';
export { lemma4Chain, weightNormUpper } from './theory/lemma4.js';

// constructions, certificates and the kernel (docs/MATH.md §4, §8)
export type { ConstructOptions, ConstructResult, Gadget, Miss } from './constructions/construct.js';
export { construct } from './constructions/construct.js';
export type { CertifyInput, CertifyOutput } from './constructions/certify.js';
export { certify } from './constructions/certify.js';
export type { CertificateDoc, GadgetDoc } from './certificate/format.js';
export { CERTIFICATE_FORMAT } from './certificate/format.js';
export { certificateNetworks } from './certificate/subnetwork.js';
export type { KernelVerdict } from './kernel/check.js';
export { checkCertificate } from './kernel/check.js';
export { checkIssuedCertificate } from './kernel/issued.js';

// sup error and exact existence (docs/MATH.md §6, §7)
export type { SupErrorOptions } from './error/sup-error.js';
export { supError } from './error/sup-error.js';
export type { ExistenceResult } from './existence/exists.js';
export { exists } from './existence/exists.js';

// the lemma checkers (docs/MATH.md §5)
export type { LemmaEntry } from './lemmas/index.js';
export { LEMMAS } from './lemmas/index.js';
export type { LemmaResult } from './lemmas/result.js';
export { checkReluIdentities } from './lemmas/relu-identity.js';
export { checkCovering } from './lemmas/covering.js';
export { decideCover } from './lemmas/cover-decision.js';
export { coverProbability } from './lemmas/cover-probability.js';
export { checkPairUnionBound, checkUnionBound } from './lemmas/union-bound.js';
export { checkLipschitz } from './lemmas/lipschitz.js';
export { checkDepthDoubling } from './lemmas/depth-doubling.js';
export { checkSubsetSum, subsetSumCover } from './lemmas/subset-sum.js';
export { checkCounting } from './lemmas/counting.js';

// statistics of claim tests (docs/MATH.md §9)
export { lowerBound, upperBound } from './stats/clopper-pearson.js';
export type { Verdict, VerdictResult } from './stats/verdict.js';
export { threeWayVerdict } from './stats/verdict.js';
export { SequentialTest, sequentialTest } from './stats/sequential.js';

// claims (the falsification engine itself is in 'slth/arbitraries')
export type { Claim, ClaimParams, Outcome } from './falsify/claim-types.js';
export { CLAIMS, claimById } from './falsify/claims.js';

// tensors in and out (safetensors, .npy, .npz)
export type { ImportedNetwork } from './interop/read.js';
export { importNetwork } from './interop/read.js';
export { networkToSafetensors } from './interop/sequential.js';
