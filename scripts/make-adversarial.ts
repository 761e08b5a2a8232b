/**
 * Regenerates the adversarial certificates of `fixtures/adversarial/`: one file per attack on the
 * kernel found in review (a false label, an unchecked range, a repeated key, input that exhausted
 * the checker), each derived from a genuine certificate slth itself wrote, and `manifest.json`
 * with the exit code and the message `slth check` must give on each. `npm test` runs every entry
 * (properties/kernel/adversarial.test.ts). Deterministic: a rerun writes the same bytes.
 *
 * Run: `npx tsx scripts/make-adversarial.ts` (from the repository root).
 *
 * @example
 * ```sh
 * npx tsx scripts/make-adversarial.ts && git status fixtures/adversarial
 * ```
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonText } from '../src/cli/io.js';
import type { CertificateDoc } from '../src/certificate/format.js';
import { certify } from '../src/constructions/certify.js';
import type { ConstructionName } from '../src/theory/construction-name.js';
import { generateTarget } from '../src/network/generate.js';
import { networkToJson } from '../src/network/json.js';
import type { Network } from '../src/network/network.js';
import { Rational } from '../src/numeric/rational.js';

const DIR = join('fixtures', 'adversarial');

/** One manifest entry: `slth check <file>` exits with `exit` and prints `message` (stdout for 0 and 1, stderr for 2). */
interface Entry {
  readonly file: string;
  readonly attack: string;
  readonly exit: 0 | 1 | 2;
  readonly message: string;
}

const EPS = Rational.parse('1/4');
const DELTA = Rational.parse('1e-9');

function genuine(construction: ConstructionName, target: Network, pool?: bigint): CertificateDoc {
  const out = certify({ target, seed: 'adv', eps: EPS, delta: DELTA, construction, pool });
  if (out.certificate === null) throw new Error(`no ${construction} certificate`);
  return out.certificate;
}
const copy = (c: CertificateDoc): CertificateDoc => JSON.parse(JSON.stringify(c)) as CertificateDoc;
const small = generateTarget([2, 2, 1], 'adversarial');

const files: { name: string; text: string }[] = [];
const entries: Entry[] = [];
function add(name: string, text: string, attack: string, exit: 0 | 1 | 2, message: string): void {
  files.push({ name, text });
  entries.push({ file: `${DIR}/${name}`, attack, exit, message });
}
const addDoc = (name: string, doc: unknown, attack: string, exit: 0 | 1 | 2, message: string): void =>
  add(name, toJsonText(doc), attack, exit, message);

// 1. labels
{
  // ||W_1||_2 = 3/4 sqrt(2) ~ 1.06 with every entry <= 1: the constructions run, H does not hold
  const target: Network = {
    layers: [
      [
        [Rational.parse('3/4'), Rational.parse('3/4')],
        [Rational.ZERO, Rational.ZERO],
      ],
    ],
  };
  addDoc(
    'hypothesis-h-false.json',
    genuine('pair', target),
    'a target with ||W_1||_2 ~ 1.06 labelled H',
    1,
    'the certificate claims hypothesis H but the target violates it: ||W_1||_2 > 1',
  );
  const shared = copy(genuine('shared', small));
  addDoc(
    'shared-relabelled-product.json',
    { ...shared, construction: 'product' },
    'a shared certificate relabelled product (same pool layout)',
    1,
    'the plus side breaks the product rule at eta',
  );
  addDoc(
    'shared-relabelled-product-custom.json',
    { ...shared, construction: 'product', width: 'custom' },
    'the same, with its width marked custom so that eta is free',
    1,
    'the plus side breaks the product rule at eta',
  );
  const product = copy(genuine('product', small));
  addDoc(
    'product-relabelled-shared.json',
    { ...product, construction: 'shared', width: 'custom' },
    'a product certificate relabelled shared',
    1,
    'side breaks the shared rule at eta',
  );
  const pair = genuine('pair', small);
  addDoc(
    'eta-huge.json',
    { ...pair, eta: '1000000' },
    'eta 10^6 where the stated eta is about 0.02',
    1,
    'eta = 1000000 is not the stated eta',
  );
  addDoc(
    'eta-tiny.json',
    { ...pair, eta: '1e-100000' },
    'eta 1e-100000 (a nine-character string for a 100000-digit number)',
    2,
    "malformed certificate: eta: '1e-100000' has an exponent beyond ±400 (write it as p/q)",
  );
  addDoc(
    'delta-changed.json',
    { ...pair, delta: '1/2' },
    'delta changed after the run: the pools are no longer the stated ones',
    1,
    'random.pool[0] = ',
  );
  const under = genuine('pair', small, 20000n);
  addDoc(
    'undersized-labelled-stated.json',
    { ...under, width: 'stated' },
    'a run at pool 20000 (stated: about 10^5) labelled as the stated width',
    1,
    'random.pool[0] = 20000 is not the stated pool',
  );
  addDoc(
    'undersized-custom.json',
    under,
    'the same run honestly labelled custom: accepted, and said not to be at the stated width',
    0,
    'at the stated width of pair (hypothesis H) for eps = 1/4, delta = 1/1000000000: no',
  );
  addDoc(
    'eps-above-construct.json',
    { ...pair, eps: '2000000', width: 'custom' },
    'eps 2 * 10^6, above the 10^6 slth construct accepts',
    1,
    'eps = 2.0000000e6 is above 1000000, the largest eps slth construct accepts',
  );
  addDoc(
    'eps-huge.json',
    { ...pair, eps: '1e100000' },
    'eps 1e100000',
    2,
    "malformed certificate: eps: '1e100000' has an exponent beyond ±400 (write it as p/q)",
  );
  addDoc(
    'bound-total-above-eps.json',
    { ...pair, bound: { ...pair.bound, total: '1000' } },
    'a stated total bound of 1000, far above eps = 1/4',
    1,
    'stated bound 1.0000000e3 exceeds eps = 2.5000000e-1',
  );
  addDoc(
    'bound-a-above-eps.json',
    { ...pair, bound: { ...pair.bound, perLayer: pair.bound.perLayer.map((b) => ({ ...b, a: '1000' })) } },
    'a stated per-layer a_1 of 1000, far above eps = 1/4',
    1,
    'layer 1: stated a = 1.0000000e3 exceeds eps = 2.5000000e-1',
  );
}

// 2. strict input
{
  const pair = genuine('pair', small);
  const text = toJsonText({ ...pair, eps: '1/10' }).replace(
    '  "eps": "1/10",\n',
    '  "eps": "1/1000",\n  "eps": "1/10",\n',
  );
  add(
    'duplicate-key-eps.json',
    text,
    'eps given twice: JSON.parse keeps the last (1/10), a human reads the first (1/1000)',
    2,
    'duplicate key "eps" at $.eps',
  );
  const deep = toJsonText({ ...pair, provenance: { slth: 'adv', command: 'NESTED' } }).replace(
    '"NESTED"',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
  );
  add(
    'deep-nesting.json',
    deep,
    'a 5000-deep nested array in a string field (formerly a stack overflow, exit 3)',
    2,
    'nesting deeper than 16 arrays and objects at $.provenance.command[0]',
  );
  addDoc(
    'eps-long.json',
    { ...pair, eps: `1/${'3'.repeat(30_000)}` },
    'an eps of 30000 digits (10^6 digits took 120 s)',
    2,
    'a string longer than 20000 characters at $.eps',
  );
  const odd = 2n ** 1100n + 1n;
  const w = Rational.of(odd / 3n, odd);
  const wide: Network = { layers: [[[w]]] };
  addDoc(
    'target-denominator-long.json',
    { ...pair, target: networkToJson(wide) },
    'a target weight with a 1101-bit denominator that is not a power of two (its gcds cost quadratic time)',
    2,
    'target: layer 1 row 0 column 0: a denominator that is not a power of two may have 1024 bits, this one has 1101',
  );
  // 64 x 64: (1/8 - 2^-80) H_64 for the Sylvester-Hadamard matrix: ||W||_2 < 1 but both cheap
  // bounds exceed 1, so H needs the exact test, whose cost 64^5 * 171^2 is beyond the cap
  const n = 64;
  const c = Rational.of(1, 8).sub(Rational.dyadic(1n, -80));
  const hadamard = (r: number, j: number): number => {
    let x = r & j;
    let bits = 0;
    while (x > 0) {
      bits += x & 1;
      x >>= 1;
    }
    return bits % 2 === 0 ? 1 : -1;
  };
  const layer = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, j) => c.mul(Rational.of(hadamard(r, j)))),
  );
  const big: Network = { layers: [layer] };
  const k = BigInt(pair.random.pool[0] as string);
  addDoc(
    'psd-beyond-cap.json',
    {
      ...pair,
      target: networkToJson(big),
      random: { ...pair.random, pool: [k.toString()], widths: ['64', (k * 64n * 64n).toString(), '64'] },
      depth: 2,
      gadgets: [],
      bound: { perLayer: [{ layer: 1, a: '0', s: '1' }], total: '0' },
    },
    'a 64 x 64 layer with ||W||_2 <= 1 but Frobenius > 1 whose exact test would take minutes (45 x 45 with 2000-bit weights took 45 s)',
    2,
    'undecidable here: layer 1: the exact test of ||W||_2 <= 1 on a 64 x 64 layer (n = 64, 171-bit integers) costs n^5 beta^2 = 3.14e+13',
  );
}

mkdirSync(DIR, { recursive: true });
for (const f of readdirSync(DIR)) unlinkSync(join(DIR, f));
for (const f of files) writeFileSync(join(DIR, f.name), f.text);
writeFileSync(join(DIR, 'manifest.json'), toJsonText(entries));
process.stdout.write(`wrote ${files.length} adversarial certificates and manifest.json to ${DIR}\n`);
