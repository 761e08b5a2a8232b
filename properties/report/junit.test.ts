/**
 * The JUnit writer (src/report/junit.ts) produces documents valid against the Jenkins xUnit
 * schema junit-10.xsd for any names and messages, hostile ones included (quotes, <, &, ]]>,
 * control characters, unpaired surrogates), and its escaping round-trips. Negative controls: a
 * writer that does not escape, a time with four decimals and a missing required attribute are
 * rejected by the same validator, so validation is not vacuous.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../src/numeric/rational.js';
import { threeWayVerdict } from '../../src/stats/verdict.js';
import { junitSeconds, junitXml, xmlAttr, xmlText, type JUnitCase } from '../../src/report/junit.js';
import { verdictCase } from '../../src/report/verdict-case.js';
import { attributeValues, junitSchemaErrors } from './_junit-schema.js';

const HOSTILE = [
  'plain',
  'say "hi" & <b>bye</b>',
  "it's ]]> the end",
  'tab\there, newline\nthere, return\rback',
  'nul \u0000 bell \u0007 escape \u001b del \u007f',
  'lone surrogates \ud800 and \udfff, pair 😀',
  'non-characters \ufffe \uffff',
  '&amp; already escaped &#10;',
  '',
];

/** What a string becomes once characters XML cannot carry are replaced. */
const sanitized = (s: string): string =>
  [...s]
    .map((ch) => {
      const cp = ch.codePointAt(0) as number;
      const ok =
        cp === 9 ||
        cp === 10 ||
        cp === 13 ||
        (cp >= 0x20 && cp <= 0xd7ff) ||
        (cp >= 0xe000 && cp <= 0xfffd) ||
        cp >= 0x10000;
      return ok ? ch : `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
    })
    .join('');

const casesFor = (names: readonly string[]): JUnitCase[] =>
  names.map((name, i) => ({
    name,
    classname: `slth.${name}`,
    seconds: i * 0.12345,
    output: name,
    outcome:
      i % 3 === 0
        ? { status: 'passed' }
        : i % 3 === 1
          ? { status: 'failed', type: name, message: name, details: name }
          : { status: 'skipped', message: name },
  }));

describe('JUnit XML against the junit-10.xsd schema', () => {
  it('a document with passed, failed and skipped cases and properties is valid, with the right counts', async () => {
    const xml = junitXml('slth audit (quick)', [
      { name: 'lemmas', properties: [{ name: 'profile', value: 'quick' }], cases: casesFor(['a', 'b', 'c', 'd']) },
      { name: 'empty', cases: [] },
    ]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<testsuites name="slth audit \(quick\)" tests="4" failures="1" errors="0" time="0\.741">/);
    expect(xml).toMatch(/<testsuite name="lemmas" tests="4" failures="1" errors="0" skipped="1" time="0\.741">/);
    expect(xml).toContain('<testsuite name="empty" tests="0" failures="0" errors="0" skipped="0" time="0.000">');
  });

  it('hostile names, messages and outputs: valid, and attributes decode to the (sanitized) text', async () => {
    const xml = junitXml('hostile "suite" <&>', [{ name: 'hostile\u0001', cases: casesFor(HOSTILE) }]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    // every testcase name round-trips (control characters become visible \u{XXXX})
    const names = attributeValues(xml, 'name');
    expect(names).toEqual(['hostile "suite" <&>', 'hostile\\u{0001}', ...HOSTILE.map(sanitized)]);
    // no raw control character and no raw '<' inside attribute values
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect([...xml.matchAll(/="([^"]*)"/g)].filter((m) => (m[1] as string).includes('<'))).toEqual([]);
  });

  it('any strings as names, messages and outputs give a valid document (property)', async () => {
    const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(fc.string({ unit: anyUnit, maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 12 }), async (names) => {
        const xml = junitXml(names[0] as string, [{ name: names.join(''), cases: casesFor(names) }]);
        expect(await junitSchemaErrors(xml)).toEqual([]);
        expect(attributeValues(xml, 'classname')).toEqual(names.map((n) => sanitized(`slth.${n}`)));
      }),
      { numRuns: 25 },
    );
  });

  it('times are seconds with three decimals, never negative', () => {
    expect(junitSeconds(1.23456)).toBe('1.235');
    expect(junitSeconds(-1)).toBe('0.000');
    expect(junitSeconds(Number.NaN)).toBe('0.000');
    expect(xmlText('a < b & c > d\r')).toBe('a &lt; b &amp; c &gt; d&#13;');
    expect(xmlAttr('"\t\n')).toBe('&quot;&#9;&#10;');
  });
});

describe('negative controls: the validator rejects broken JUnit', () => {
  it('an unescaped writer', async () => {
    const naive = `<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase name="${HOSTILE[1]}"/></testsuite></testsuites>`;
    expect((await junitSchemaErrors(naive)).length).toBeGreaterThan(0);
    const control = `<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a\u0001"/></testsuite></testsuites>`;
    expect((await junitSchemaErrors(control)).length).toBeGreaterThan(0);
  });

  it('a suite time with four decimals, and a suite without its required counts', async () => {
    const good = junitXml('s', [{ name: 'x', cases: casesFor(['a']) }]);
    expect(await junitSchemaErrors(good)).toEqual([]);
    expect((await junitSchemaErrors(good.replace('time="0.000">', 'time="0.0001">'))).length).toBeGreaterThan(0);
    expect(
      (await junitSchemaErrors(good.replace(' failures="0" errors="0" skipped', ' skipped'))).length,
    ).toBeGreaterThan(0);
    expect(
      (await junitSchemaErrors(good.replace('<testcase', '<test-case').replace('/>', '/>'))).length,
    ).toBeGreaterThan(0);
  });
});

describe('verdicts as test cases', () => {
  const delta = Rational.of(1, 10);
  const alpha = Rational.of(1, 20);
  const supported = threeWayVerdict(0, 200, delta, alpha);
  const refuted = threeWayVerdict(150, 200, delta, alpha);
  const inconclusive = threeWayVerdict(2, 10, delta, alpha);
  const make = (v: typeof supported, expect: 'supported' | 'refuted'): JUnitCase =>
    verdictCase({ name: 'c', classname: 'slth.claims', verdict: v, expect, seconds: 1 });

  it('are the verdicts the fixtures say', () => {
    expect([supported.verdict, refuted.verdict, inconclusive.verdict]).toEqual([
      'supported',
      'refuted',
      'inconclusive',
    ]);
  });

  it('at a stated width: supported passes; refuted and inconclusive fail with the verdict as type', async () => {
    expect(make(supported, 'supported').outcome).toEqual({ status: 'passed' });
    expect(make(refuted, 'supported').outcome).toMatchObject({ status: 'failed', type: 'refuted' });
    const inc = make(inconclusive, 'supported').outcome;
    expect(inc).toMatchObject({ status: 'failed', type: 'inconclusive' });
    expect(inc.status === 'failed' && inc.message).toMatch(/inconclusive is not support/);
  });

  it('at an undersized width: refuted passes; anything else is skipped, not failed', async () => {
    expect(make(refuted, 'refuted').outcome).toEqual({ status: 'passed' });
    expect(make(inconclusive, 'refuted').outcome.status).toBe('skipped');
    expect(make(supported, 'refuted').outcome.status).toBe('skipped');
    const xml = junitXml('v', [
      {
        name: 'claims',
        cases: [supported, refuted, inconclusive].flatMap((v) => [make(v, 'supported'), make(v, 'refuted')]),
      },
    ]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('tests="6" failures="2" errors="0" skipped="2"');
  });
});
