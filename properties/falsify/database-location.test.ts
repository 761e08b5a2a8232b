/**
 * Where counterexamples go: `slth falsify` stores them in ./slth-counterexamples (or --db), never
 * inside the package; when storing fails it still prints the counterexample, warns and exits 1,
 * with no replay line for an entry that was not written; `--no-store` prints no replay line
 * either; `slth replay` refuses an entry whose id does not match its content.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BUNDLED_DB, USER_DB, listEntries } from '../../src/falsify/database.js';
import { runCli } from '../_support/cli.js';

const TARGET = resolve('fixtures/targets/d1-single.json');
const ARGS = ['falsify', '--claim', 'pair', '--eps', '0.1', '--delta', '0.1', '--runs', '3', '--quiet'];
const args = (...more: string[]): string[] => [...ARGS, '--target', TARGET, '--pool', '1', ...more];

let dir: string;
let cwd: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slth-db-'));
  cwd = process.cwd();
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('counterexample database location', () => {
  test('the default database is ./slth-counterexamples in the working directory', async () => {
    const before = listEntries(BUNDLED_DB).length;
    const r = await runCli(args());
    expect(r.code).toBe(1);
    const files = readdirSync(join(dir, USER_DB, 'pair'));
    expect(files).toHaveLength(1);
    expect(r.out).toContain(`stored  ${join(USER_DB, 'pair', files[0] as string)}`);
    expect(r.out).toContain(`replay  slth replay --entry ${join(USER_DB, 'pair', files[0] as string)}`);
    expect(listEntries(BUNDLED_DB)).toHaveLength(before);
    // replay without --db now reads the working directory's database
    const rep = await runCli(['replay', '--json']);
    expect(rep.code).toBe(0);
    expect(JSON.parse(rep.out).entries).toBe(1);
  });

  test('an unwritable database: the counterexample is printed, a warning names the path, exit 1, no replay line', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const r = await runCli(args('--db', 'not-a-folder/db'));
    expect(r.code).toBe(1);
    expect(r.out).toContain("COUNTEREXAMPLE to 'pair'");
    expect(r.out).toContain('(not stored: see the warning)');
    expect(r.out).not.toContain('replay  ');
    expect(r.err).toContain(
      'slth falsify: warning: the counterexample was not stored: cannot write not-a-folder/db/pair/',
    );
    expect(existsSync(join(dir, 'not-a-folder', 'db'))).toBe(false);
    const j = await runCli(args('--db', 'not-a-folder/db', '--json'));
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.out);
    expect(doc.counterexample.file).toBeNull();
    expect(doc.counterexample.replay).toBeNull();
    expect(doc.storeError).toContain('cannot write not-a-folder/db/pair/');
  });

  test('--no-store prints no replay line and writes nothing', async () => {
    const r = await runCli(args('--no-store'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('(not stored: --no-store)');
    expect(r.out).not.toContain('replay  ');
    expect(existsSync(join(dir, USER_DB))).toBe(false);
  });

  test('replay refuses an entry whose id does not match its content (negative control: an edited seed)', async () => {
    const r = await runCli(args());
    expect(r.code).toBe(1);
    const folder = join(dir, USER_DB, 'pair');
    const file = join(folder, readdirSync(folder)[0] as string);
    const ok = await runCli(['replay', '--entry', file]);
    expect(ok.code).toBe(0);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...entry, seed: `${entry.seed}x` }));
    const bad = await runCli(['replay', '--entry', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/id "[0-9a-f]{16}" does not match the entry's content \(its hash is [0-9a-f]{16}\)/);
  });
});
