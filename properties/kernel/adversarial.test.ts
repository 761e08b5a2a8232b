/**
 * The attacks on the kernel found in review, each a committed certificate under
 * fixtures/adversarial/ (made by scripts/make-adversarial.ts) with the exit code and the message
 * `slth check` must give in fixtures/adversarial/manifest.json: one test per file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runCli } from '../_support/cli.js';

interface Entry {
  readonly file: string;
  readonly attack: string;
  readonly exit: 0 | 1 | 2;
  readonly message: string;
}

const DIR = 'fixtures/adversarial';
const ENTRIES = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as Entry[];

describe('adversarial certificates: slth check gives the expected exit code and message', () => {
  test('every file of fixtures/adversarial is in the manifest, once', () => {
    const files = readdirSync(DIR)
      .filter((f) => f !== 'manifest.json')
      .map((f) => `${DIR}/${f}`)
      .sort();
    expect(ENTRIES.map((e) => e.file).sort()).toEqual(files);
  });

  test.each(ENTRIES.map((e) => [e.file.slice(DIR.length + 1), e] as const))('%s', async (_name, e) => {
    const run = await runCli(['check', e.file]);
    expect(run.code, `${e.attack}\n${run.out}${run.err}`).toBe(e.exit);
    if (e.exit === 2) {
      expect(run.out).toBe('');
      expect(run.err.trimEnd().split('\n')).toHaveLength(1);
      expect(run.err).toContain(e.message);
      expect(run.err.length).toBeLessThan(600); // a short prefix of bad input at most, never all of it
    } else {
      expect(run.err).toBe('');
      expect(run.out).toContain(e.exit === 0 ? 'ACCEPT' : 'REJECT');
      expect(run.out).toContain(e.message);
    }
  });
});
