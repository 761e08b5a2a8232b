/**
 * Validation of JUnit XML against the Jenkins xUnit schema junit-10.xsd (fixtures/junit/) with
 * xmllint-wasm (libxml2 compiled to WebAssembly), and a decoder of the attribute values slth
 * writes, to check that escaping round-trips.
 */
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync('fixtures/junit/junit-10.xsd', 'utf8');

/**
 * The schema-validation errors of a JUnit XML document (empty: valid).
 *
 * @example
 * ```ts
 * expect(await junitSchemaErrors(xml)).toEqual([]);
 * ```
 */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: XSD }],
  });
  return r.valid ? [] : r.errors.map((e) => e.message);
}

/**
 * The values of attribute `name` in document order, with the entity and character references
 * slth writes decoded.
 *
 * @example
 * ```ts
 * attributeValues('<a name="x &amp; y"/>', 'name'); // ['x & y']
 * ```
 */
export function attributeValues(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) =>
    (m[1] as string).replace(/&(quot|lt|gt|amp|#9|#10|#13);/g, (_all, e: string) => {
      const table: Record<string, string> = {
        quot: '"',
        lt: '<',
        gt: '>',
        amp: '&',
        '#9': '\t',
        '#10': '\n',
        '#13': '\r',
      };
      return table[e] as string;
    }),
  );
}
