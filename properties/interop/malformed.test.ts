/**
 * Every malformed tensor file of fixtures/interop/malformed/ is refused by `slth net import` with
 * exit code 2 and exactly the one line of fixtures/interop/malformed/cases.json, and nothing is
 * written to --out.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../_support/cli.js';

const DIR = 'fixtures/interop/malformed';

interface Case {
  file: string;
  args?: string[];
  message: string;
}

const { cases } = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { cases: Case[] };

describe('malformed tensor files: exit 2, one line, the expected message', () => {
  test.each(cases.map((c) => [`${c.file} ${(c.args ?? []).join(' ')}`, c] as const))('%s', async (_label, c) => {
    const out = join(mkdtempSync(join(tmpdir(), 'slth-interop-bad-')), 'net.json');
    const path = join(DIR, c.file);
    const run = await runCli(['net', 'import', path, ...(c.args ?? []), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.trimEnd().split('\n')).toEqual([`slth net import: ${path}: ${c.message}`]);
    expect(existsSync(out)).toBe(false);
  });

  test('every file of the folder has a case', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'cases.json');
    expect(new Set(cases.map((c) => c.file))).toEqual(new Set(files));
  });
});
