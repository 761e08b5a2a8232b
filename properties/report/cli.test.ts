/**
 * The CLI's --junit and --png flags: `slth claim-test --junit` writes a valid one-case JUnit
 * document whose outcome agrees with the exit code; bad --junit paths are refused with exit 2
 * before any trial runs (a budget of ten million trials would not finish otherwise); `slth
 * threshold --svg F --png` writes the PNG next to the SVG; `--png` without `--svg` is an error.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../_support/cli.js';
import { junitSchemaErrors } from './_junit-schema.js';

const TARGET = 'fixtures/targets/d1-single.json';
const CLAIM = ['--claim', 'pair', '--target', TARGET, '--eps', '0.1', '--delta', '0.1', '--workers', '1'];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'slth-report-cli-'));

describe('slth claim-test --junit', () => {
  it('writes a valid JUnit document with one case whose outcome matches the exit code', async () => {
    for (const trials of ['20', '200']) {
      const file = join(tmp(), 'sub', 'claim.xml');
      const r = await runCli(['claim-test', ...CLAIM, '--max-trials', trials, '--junit', file]);
      expect([0, 1]).toContain(r.code);
      const xml = readFileSync(file, 'utf8');
      expect(await junitSchemaErrors(xml)).toEqual([]);
      expect(xml).toContain('tests="1"');
      expect(xml).toContain(`failures="${r.code === 0 ? 0 : 1}"`);
      expect(xml).toContain('<property name="seed base" value="trial"/>');
    }
  });

  it('refuses a --junit path that cannot be written, before running any trial', async () => {
    const dir = tmp();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const huge = ['--max-trials', '10000000'];
    const onDir = await runCli(['claim-test', ...CLAIM, ...huge, '--junit', dir]);
    expect(onDir.code).toBe(2);
    expect(onDir.err).toMatch(/--junit .* is a folder, not a file/);
    const underFile = await runCli(['claim-test', ...CLAIM, ...huge, '--junit', join(file, 'x.xml')]);
    expect(underFile.code).toBe(2);
    expect(underFile.err).toMatch(/a parent of it is not a directory/);
    expect(underFile.err.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('--junit - writes the JUnit XML alone to standard output; with --json it is refused', async () => {
    const r = await runCli(['claim-test', ...CLAIM, '--max-trials', '20', '--junit', '-']);
    expect(r.out.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(await junitSchemaErrors(r.out)).toEqual([]);
    const both = await runCli(['claim-test', ...CLAIM, '--max-trials', '20', '--junit', '-', '--json']);
    expect(both.code).toBe(2);
  });

  it('refuses --junit with --shard (a shard has no verdict)', async () => {
    const dir = tmp();
    const r = await runCli([
      'claim-test',
      ...CLAIM,
      '--shard',
      '1/2',
      '--out',
      join(dir, 's.json'),
      '--junit',
      join(dir, 'j.xml'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--junit/);
    expect(existsSync(join(dir, 'j.xml'))).toBe(false);
    expect(existsSync(join(dir, 's.json'))).toBe(false);
  });
});

describe('slth audit --junit', () => {
  it('refuses a --junit path that is a directory before the audit starts', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'j'));
    const r = await runCli(['audit', '--out', join(dir, 'out'), '--junit', join(dir, 'j')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--junit .* is a folder, not a file/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('slth threshold --png', () => {
  it('writes the PNG next to the SVG; the SVG states the band level and trials per point', async () => {
    const svg = join(tmp(), 'fig', 'rate.svg');
    const r = await runCli(['threshold', ...CLAIM, '--trials', '10', '--svg', svg, '--png', '--json']);
    expect(r.code).toBe(0);
    const png = readFileSync(svg.replace(/\.svg$/, '.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/confidence 99\.\d\d% at each point/);
    expect(text).toContain('10 trials per point');
    expect(text).toMatch(/stated pool k = \d+/);
    expect(text).toContain('delta = 1/10');
    expect(JSON.parse(r.out)).toMatchObject({ svg, png: svg.replace(/\.svg$/, '.png') });
  });

  it('refuses --png without --svg', async () => {
    const r = await runCli(['threshold', ...CLAIM, '--trials', '10', '--png']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--png writes next to the SVG: give --svg FILE/);
    const toStdout = await runCli(['threshold', ...CLAIM, '--trials', '10', '--svg', '-', '--png']);
    expect(toStdout.code).toBe(2);
  });
});
