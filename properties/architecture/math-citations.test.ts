/**
 * Every citation of the project's mathematics document (`docs/MATH.md §N` or `§N.M`) in the
 * sources, scripts, tests and README names a section that exists, and nothing cites a MATH
 * document by any other name.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const files = execFileSync('git', ['ls-files', 'src', 'scripts', 'properties', 'README.md'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mjs|md)$/.test(f));
const sections = new Set(
  readFileSync('docs/MATH.md', 'utf8')
    .split('\n')
    .map((l) => /^#{2,3} (\d+(?:\.\d+)?)[. ]/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined),
);

describe('docs/MATH.md citations', () => {
  test('the document has sections 1-10 with their subsections', () => {
    for (const s of ['1', '4.2', '4.5', '5.4', '5.6', '6.4', '9', '10']) expect(sections).toContain(s);
  });

  test('every cited section exists', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/docs\/MATH\.md §(\d+(?:\.\d+)?)/g)) {
        if (!sections.has(m[1] as string)) bad.push(`${f}: §${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('no citation of a MATH document outside the repository (MATH 3A, MATH section 4, ...)', () => {
    const bad: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (
            /\bMATH(\.md)?\b/.test(line.replace(/docs\/MATH\.md( §\d+(\.\d+)?)?/g, '')) &&
            !f.endsWith('math-citations.test.ts')
          )
            bad.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });
});
