import { mkdtempSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/command.js';
import { auditSummaryJson } from '../../src/cli/commands/audit.js';
import { proseFindings } from '../_support/prose.js';
import { formatErrors, validator } from '../_support/schemas.js';

describe('slth audit', () => {
  it('runs on a small fixture set and writes the report, JSON and five SVG figures (two audit runs: minutes)', async () => {
    const fixtures = mkdtempSync(join(tmpdir(), 'slth-fx-'));
    for (const f of ['d1-single.json', 'd1-two-layer.json'])
      copyFileSync(join('fixtures/targets', f), join(fixtures, f));
    const { runAudit } = await import('../../src/audit/audit.js');
    const { renderReport } = await import('../../src/audit/report.js');
    const r = await runAudit({ profile: 'quick', workers: 1, fixtures });
    expect(r.passed).toBe(true);
    expect(r.constructions.length).toBe(8);
    expect(r.constructions.filter((c) => c.construction === 'subset' && !c.ok)).toEqual([]);
    expect(r.subsetThreshold?.claim).toBe('subset');
    expect(r.claims.filter((c) => c.stated).every((c) => c.verdict.verdict === 'supported')).toBe(true);
    expect(r.claims.filter((c) => !c.stated).every((c) => c.verdict.verdict === 'refuted')).toBe(true);
    const files = await renderReport(r, 'test');
    expect(Object.keys(files).sort()).toEqual([
      'bound-vs-error.svg',
      'failure-rate-subset.svg',
      'failure-rate.svg',
      'report.json',
      'report.md',
      'samples.svg',
      'sizes.svg',
    ]);
    for (const f of Object.keys(files).filter((n) => n.endsWith('.svg'))) expect(files[f]).toMatch(/^<svg/);
    expect(files['report.md']).toMatch(/## 2\. Constructions at their stated widths/);
    // the typed report.json and the --json summary validate against their schemas, with no prose
    const report = JSON.parse(files['report.json'] as string) as unknown;
    const reportSchema = validator('audit-report.schema.json');
    expect(reportSchema(report), formatErrors(reportSchema.errors)).toBe(true);
    expect(proseFindings(report)).toEqual([]);
    const summary = auditSummaryJson(r, 'reports/audit', Object.keys(files), null);
    const summarySchema = validator('cli/audit.schema.json');
    expect(summarySchema(summary), formatErrors(summarySchema.errors)).toBe(true);
    expect(proseFindings(summary)).toEqual([]);
    // reproducible: same inputs, same report (figures included: same data, same SVG text)
    const again = await renderReport(await runAudit({ profile: 'quick', workers: 1, fixtures }), 'test');
    expect(again['report.md']).toBe(files['report.md']);
    expect(again['report.json']).toBe(files['report.json']);
    for (const f of ['bound-vs-error.svg', 'failure-rate.svg', 'failure-rate-subset.svg', 'samples.svg', 'sizes.svg'])
      expect(again[f]).toBe(files[f]);
    // the JUnit XML of the real audit is valid and has one case per item (+ the database)
    const { auditJUnit } = await import('../../src/audit/report.js');
    const { junitSchemaErrors } = await import('../report/_junit-schema.js');
    const xml = auditJUnit(r);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const cases = r.lemmas.length + r.constructions.length + r.claims.length + 1;
    expect(xml).toContain(`<testsuites name="slth audit (quick)" tests="${cases}" failures="0" errors="0"`);
  }, 600_000);

  it('rejects an unknown profile with exit 2 and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slth-out-')), 'r');
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (t) => void err.push(t), interactive: false };
    expect(await main(['audit', '--profile', 'huge', '--out', out], io)).toBe(2);
    expect(err.join('')).toMatch(/--profile must be quick or full/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an empty fixture folder instead of passing vacuously', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'slth-fx-empty-'));
    const { runAudit } = await import('../../src/audit/audit.js');
    const { InputError } = await import('../../src/errors.js');
    await expect(runAudit({ profile: 'quick', workers: 1, fixtures: empty })).rejects.toThrow(InputError);
    await expect(runAudit({ profile: 'quick', workers: 1, fixtures: empty })).rejects.toThrow(
      `no fixture targets (*.json) in ${empty}`,
    );
  });
});
