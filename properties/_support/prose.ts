/**
 * The prose scan of `--json` outputs: a bracket, a verdict or a number must never exist only as
 * words inside a string. Every string value of a document is checked; a string is prose when it
 *
 * - starts with a bracket `[a, b]` (a certified value printed, not typed as `{ lower, upper }`);
 * - holds `(exact value, N bits` (an exact value shown only as its printed bracket);
 * - is a verdict word used as a boolean (`yes`, `no`, `NO`, `undecided`, `true`, `false`,
 *   `holds`, `consistent`, ...) or starts with one followed at once by punctuation (`fails: ...`,
 *   `yes, trial 7: ...`); enumerations documented by a schema (`fails`/`passes`, `ACCEPT`,
 *   `supported`) are not booleans and pass;
 * - is a decimal number (`3.21e0`, `0.99`, `1.2e-5`) rather than an exact `p/q`, in a field that is
 *   not labelled as an estimate or a display field.
 *
 * Descriptions (`method`, `reason`, `note`, `statement`, ...) are sentences and pass: they may
 * mention numbers, but each number they mention is also typed elsewhere in the document.
 */

/** One prose finding: where (a JSON path) and the offending string. */
export interface ProseFinding {
  readonly path: string;
  readonly value: string;
  readonly why: string;
}

const BRACKET = /^\[[^\]]*,[^\]]*\]/;
const EXACT_VALUE_BITS = /\(exact value, \d+ bits/;
const VERDICT_WORDS = new Set([
  'yes',
  'no',
  'YES',
  'NO',
  'true',
  'false',
  'undecided',
  'undefined',
  'holds',
  'FAILS',
  'consistent',
  'INCONSISTENT',
  'PASS',
  'FAIL',
  'n/a',
]);
/** A verdict word followed at once by punctuation: 'fails: layer 1 ...', 'yes, trial 7: ...'. */
const VERDICT_PREFIX = /^(yes|no|NO|holds|fails|FAILS|undecided|consistent|INCONSISTENT)[,:;(]/;
const DECIMAL = /^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)$|^[-+]?\d*\.\d+$/;

/** Keys whose values are labelled estimates or display text by contract (their schemas say so). */
const DISPLAY_KEY = /(Estimate|Display)$|^(estimate|display)$/;

/**
 * Every prose finding in a parsed JSON document (empty when it is clean). `allowDecimalsUnder`
 * lists keys below which decimal strings are documented display values (e.g. `decimal` of
 * `slth error`).
 *
 * @example
 * ```ts
 * proseFindings({ covers: 'yes' }); // [{ path: '/covers', value: 'yes', why: 'a verdict word used as a boolean' }]
 * proseFindings({ covers: true }); // []
 * ```
 */
export function proseFindings(doc: unknown, allowDecimalsUnder: readonly string[] = []): ProseFinding[] {
  const out: ProseFinding[] = [];
  const walk = (x: unknown, path: string[], display: boolean): void => {
    if (typeof x === 'string') {
      const at = `/${path.join('/')}`;
      if (BRACKET.test(x)) out.push({ path: at, value: x, why: 'a bracket printed as text (give { lower, upper })' });
      else if (EXACT_VALUE_BITS.test(x))
        out.push({ path: at, value: x, why: 'an exact value only as its printed bracket (give p/q)' });
      else if (VERDICT_WORDS.has(x.trim()) || VERDICT_PREFIX.test(x))
        out.push({ path: at, value: x, why: 'a verdict word used as a boolean (give a boolean)' });
      else if (!display && DECIMAL.test(x.trim()))
        out.push({ path: at, value: x, why: 'a decimal number as a string (give p/q, or a labelled estimate)' });
      return;
    }
    if (Array.isArray(x)) {
      x.forEach((v, i) => walk(v, [...path, String(i)], display));
      return;
    }
    if (x !== null && typeof x === 'object')
      for (const [k, v] of Object.entries(x))
        walk(v, [...path, k], display || DISPLAY_KEY.test(k) || allowDecimalsUnder.includes(k));
  };
  walk(doc, [], false);
  return out;
}
