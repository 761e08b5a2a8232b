/**
 * A kernel REJECT carries the facts behind its sentence (kernel/reject.ts): the field at fault,
 * the target weight and side, the stated and the recomputed exact values. Each tampering below
 * is checked in the library verdict and in `slth check --json` (validated against its schema by
 * runCli), where `difference` is stated - recomputed; a genuine certificate carries none.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { certify } from '../../src/constructions/certify.js';
import { certifySubset } from '../../src/constructions/certify-subset.js';
import { checkCertificate } from '../../src/kernel/check.js';
import { checkSubsetCertificate } from '../../src/kernel/subset.js';
import type { RejectDetail } from '../../src/kernel/reject.js';
import { readNetworkFile } from '../../src/network/json.js';
import { Rational } from '../../src/numeric/rational.js';
import { runCli } from '../_support/cli.js';

type Doc = Record<string, unknown> & {
  gadgets: { layer: number; row: number; col: number; plus: Record<string, unknown>; error: string }[];
  bound: { total: string; perLayer: { a: string }[] };
};

const target = readNetworkFile('fixtures/targets/d2-small.json');
const eps = Rational.parse('1/10');
const delta = Rational.parse('1e-6');
let dir: string;
let pair: Doc;
let subset: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slth-reject-'));
  const out = certify({ target, seed: 'detail', eps, delta, construction: 'pair' });
  pair = JSON.parse(JSON.stringify(out.certificate)) as Doc;
  subset = certifySubset({ target, seed: 'detail', eps, delta }).text.trimEnd().split('\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const copy = (d: Doc): Doc => JSON.parse(JSON.stringify(d)) as Doc;
const detailOf = (v: ReturnType<typeof checkCertificate>): RejectDetail | undefined =>
  v.verdict === 'REJECT' ? v.detail : undefined;

async function checkJson(name: string, text: string): Promise<Record<string, unknown>> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = await runCli(['check', file, '--json']);
  expect(r.code).toBe(1);
  return JSON.parse(r.out) as Record<string, unknown>;
}

describe('slth-certificate/1', () => {
  test('a genuine certificate is accepted, with no detail', () => {
    expect(checkCertificate(copy(pair)).verdict).toBe('ACCEPT');
  });

  test('u of one gadget side changed: field, weight, side, stated and G value', async () => {
    const d = copy(pair);
    const g = d.gadgets[1] as Doc['gadgets'][number];
    const u = Rational.parse(g.plus['u'] as string);
    const bumped = u.add(Rational.of(1, 1024));
    g.plus['u'] = bumped.toString();
    const detail = detailOf(checkCertificate(d));
    expect(detail?.field).toBe('gadgets[].plus.u');
    expect(detail?.location).toEqual({ layer: g.layer, row: g.row, col: g.col, side: 'plus' });
    expect(detail?.stated).toEqualRational(bumped);
    expect(detail?.recomputed).toEqualRational(u);
    const json = await checkJson('u.json', JSON.stringify(d));
    expect(json).toMatchObject({
      verdict: 'REJECT',
      kind: 'invalid',
      field: 'gadgets[].plus.u',
      location: { layer: g.layer, row: g.row, col: g.col, side: 'plus' },
      stated: bumped.toString(),
      recomputed: u.toString(),
      difference: '1/1024',
    });
  });

  test('the stated total lowered below the recomputed bound', async () => {
    const d = copy(pair);
    const total = Rational.parse(d.bound.total);
    const lowered = total.div(Rational.of(2));
    d.bound.total = lowered.toString();
    const detail = detailOf(checkCertificate(d));
    expect(detail?.field).toBe('bound.total');
    expect(detail?.location).toBeUndefined();
    expect(detail?.stated).toEqualRational(lowered);
    expect(detail?.recomputed).toBeAbove(lowered); // the kernel's own D, above the stated total
    const json = await checkJson('total.json', JSON.stringify(d));
    expect(json['field']).toBe('bound.total');
    expect(json['location']).toBeNull();
    const diff = Rational.parse(json['difference'] as string);
    expect(diff.sign()).toBe(-1);
    expect(diff).toEqualRational(lowered.sub(Rational.parse(json['recomputed'] as string)));
  });

  test('a stated error off the exact one', () => {
    const d = copy(pair);
    const g = d.gadgets[0] as Doc['gadgets'][number];
    const e = Rational.parse(g.error);
    g.error = e.add(Rational.of(1, 1n << 60n)).toString();
    const detail = detailOf(checkCertificate(d));
    expect(detail?.field).toBe('gadgets[].error');
    expect(detail?.location).toEqual({ layer: g.layer, row: g.row, col: g.col });
    expect(detail?.recomputed).toEqualRational(e);
  });

  test('a missing gadget: its weight and field, no values (null in JSON)', async () => {
    const d = copy(pair);
    d.gadgets.pop();
    const json = await checkJson('missing.json', JSON.stringify(d));
    expect(json).toMatchObject({ kind: 'invalid', field: 'gadgets', stated: null, recomputed: null, difference: null });
    expect(json['location']).toMatchObject({ side: null });
  });
});

describe('slth-certificate/2', () => {
  test('a genuine certificate is accepted', () => {
    expect(checkSubsetCertificate([`${subset.join('\n')}\n`]).verdict).toBe('ACCEPT');
  });

  test('a gadget line with an edited error: weight, stated and exact error', async () => {
    const lines = [...subset];
    const g = JSON.parse(lines[3] as string) as { layer: number; row: number; col: number; error: string };
    const e = Rational.parse(g.error);
    const wrong = e.add(Rational.of(1, 1n << 70n));
    lines[3] = (lines[3] as string).replace(`"error":"${g.error}"`, `"error":"${wrong.toString()}"`);
    const v = checkSubsetCertificate([`${lines.join('\n')}\n`]);
    expect(v.verdict).toBe('REJECT');
    const detail = v.verdict === 'REJECT' ? v.detail : undefined;
    expect(detail?.field).toBe('gadgets[].error');
    expect(detail?.location).toEqual({ layer: g.layer, row: g.row, col: g.col });
    expect(detail?.stated).toEqualRational(wrong);
    expect(detail?.recomputed).toEqualRational(e);
    const json = await checkJson('edited.jsonl', `${lines.join('\n')}\n`);
    expect(json).toMatchObject({ field: 'gadgets[].error', difference: '1/1180591620717411303424' });
  });

  test('a lowered a_1: the layer figure and both values', () => {
    const h = JSON.parse(subset[0] as string) as Doc;
    const a = Rational.parse((h.bound.perLayer[0] as { a: string }).a);
    (h.bound.perLayer[0] as { a: string }).a = a.div(Rational.of(4)).toString();
    const v = checkSubsetCertificate([`${[JSON.stringify(h), ...subset.slice(1)].join('\n')}\n`]);
    const detail = v.verdict === 'REJECT' ? v.detail : undefined;
    expect(detail?.field).toBe('bound.perLayer[0].a');
    expect(detail?.stated).toEqualRational(a.div(Rational.of(4)));
    expect(detail?.recomputed).toBeAbove(detail?.stated as Rational);
  });
});
