/**
 * JUnit XML, the test-report format CI systems read (Jenkins, GitLab, GitHub Actions reporters,
 * Azure DevOps): `<testsuites>` of `<testsuite>`s of `<testcase>`s, written to the widely used
 * Jenkins xUnit schema junit-10.xsd (a copy is in fixtures/junit/ and the tests validate against it).
 *
 * Outcomes map as follows: a passed case has no child; a failed case has one `<failure type message>`
 * whose text holds the details; a case that was not asserted has `<skipped message>`. Times are
 * seconds with three decimals (the schema's SUREFIRE_TIME pattern allows no more). Nothing else
 * varies between runs: no timestamp and no host name, so two runs differ only in their times.
 *
 * Escaping: `&`, `<`, `>` and carriage return (which parsers would fold into a newline) always;
 * `"`, tab and newline in attribute values too, as character references (attribute-value
 * normalisation would turn them into spaces); characters XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF, unpaired
 * surrogates) become the visible text `\u{XXXX}`, so a hostile name never breaks the document.
 */

/** The outcome of one test case. */
export type JUnitOutcome =
  | { readonly status: 'passed' }
  | { readonly status: 'failed'; readonly type: string; readonly message: string; readonly details?: string }
  | { readonly status: 'skipped'; readonly message: string };

/** One test case. */
export interface JUnitCase {
  readonly name: string;
  /** Dotted group name that CI systems show as the class (e.g. `slth.audit.lemmas`). */
  readonly classname: string;
  /** Wall-clock seconds (non-finite or negative values are written as 0). */
  readonly seconds: number;
  readonly outcome: JUnitOutcome;
  /** Free text shown with the case (the numbers behind its verdict). */
  readonly output?: string;
}

/** One test suite. */
export interface JUnitSuite {
  readonly name: string;
  readonly cases: readonly JUnitCase[];
  /** name = value pairs describing the run (seeds, levels, profile). */
  readonly properties?: readonly { readonly name: string; readonly value: string }[];
}

/** True for a code point that XML 1.0 allows in a document. */
function xmlAllowed(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Replaces every character XML 1.0 cannot carry by the visible text `\u{XXXX}`. */
function xmlChars(s: string): string {
  let out = '';
  for (const ch of s) {
    // iterating a string yields whole code points, and unpaired surrogates alone
    const cp = ch.codePointAt(0) as number;
    out += xmlAllowed(cp) ? ch : `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
  }
  return out;
}

/**
 * Text escaped for element content.
 *
 * @example
 * ```ts
 * xmlText('a < b & c'); // 'a &lt; b &amp; c'
 * ```
 */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * Text escaped for a double-quoted attribute value (line breaks and tabs survive).
 *
 * @example
 * ```ts
 * xmlAttr('say "hi"\n'); // 'say &quot;hi&quot;&#10;'
 * ```
 */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/**
 * Seconds as JUnit writes them: three decimals, never negative.
 *
 * @example
 * ```ts
 * junitSeconds(1.23456); // '1.235'
 * ```
 */
export function junitSeconds(seconds: number): string {
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 0).toFixed(3);
}

const attrs = (pairs: readonly (readonly [string, string | number])[]): string =>
  pairs.map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');

function caseXml(c: JUnitCase): string[] {
  const open = `    <testcase${attrs([
    ['name', c.name],
    ['classname', c.classname],
    ['time', junitSeconds(c.seconds)],
  ])}`;
  const body: string[] = [];
  const o = c.outcome;
  if (o.status === 'failed') {
    const head = `      <failure${attrs([
      ['type', o.type],
      ['message', o.message],
    ])}`;
    body.push(o.details ? `${head}>${xmlText(o.details)}</failure>` : `${head}/>`);
  } else if (o.status === 'skipped') {
    body.push(`      <skipped${attrs([['message', o.message]])}/>`);
  }
  if (c.output) body.push(`      <system-out>${xmlText(c.output)}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

const count = (cases: readonly JUnitCase[], status: JUnitOutcome['status']): number =>
  cases.filter((c) => c.outcome.status === status).length;
const totalSeconds = (cases: readonly JUnitCase[]): number => cases.reduce((s, c) => s + Math.max(0, c.seconds), 0);

/**
 * A JUnit XML document of the given suites (UTF-8, one element a line, trailing newline).
 *
 * @example
 * ```ts
 * junitXml('slth claim-test', [{ name: 'claims', cases: [{ name: 'pair', classname: 'slth.claims', seconds: 1.5, outcome: { status: 'passed' } }] }]);
 * ```
 */
export function junitXml(name: string, suites: readonly JUnitSuite[]): string {
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs([
      ['name', name],
      ['tests', all.length],
      ['failures', count(all, 'failed')],
      ['errors', 0],
      ['time', junitSeconds(totalSeconds(all))],
    ])}>`,
  ];
  for (const s of suites) {
    lines.push(
      `  <testsuite${attrs([
        ['name', s.name],
        ['tests', s.cases.length],
        ['failures', count(s.cases, 'failed')],
        ['errors', 0],
        ['skipped', count(s.cases, 'skipped')],
        ['time', junitSeconds(totalSeconds(s.cases))],
      ])}>`,
    );
    if (s.properties && s.properties.length > 0) {
      lines.push('    <properties>');
      for (const p of s.properties)
        lines.push(
          `      <property${attrs([
            ['name', p.name],
            ['value', p.value],
          ])}/>`,
        );
      lines.push('    </properties>');
    }
    for (const c of s.cases) lines.push(...caseXml(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
