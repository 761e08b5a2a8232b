/**
 * `slth audit`: check the whole theorem on the bundled fixtures and write a report.
 */
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { runAudit, type AuditResult, type AuditThreshold, type Profile } from '../../audit/audit.js';
import { auditJUnit, renderReport } from '../../audit/report.js';
import { loadPngRenderer, pngPathFor } from '../../report/png.js';
import { boolFlag, JSON_FLAG, stringFlag, type Command } from '../command.js';
import { toJsonText, writeOutput } from '../io.js';
import { checkOutputDir, checkOutputFile, writeFileAtomic } from '../../files/write.js';
import { countJson } from '../../numeric/json-values.js';
import { progressSteps } from '../progress.js';
import { version } from '../version.js';
import { workersFlag } from './claim-test.js';

function thresholdSummary(t: AuditThreshold | null): Record<string, unknown> | null {
  return t
    ? {
        fixture: t.fixture,
        claim: t.claim,
        statedPool: countJson(t.statedPool),
        threshold: t.threshold === null ? null : countJson(t.threshold),
      }
    : null;
}

/**
 * The `--json` summary of an audit (schemas/cli/audit.schema.json): pass or fail, the failures in
 * words, and the counts of every section; every figure is in report.json.
 *
 * @example
 * ```ts
 * auditSummaryJson(await runAudit({ profile: 'quick', workers: 2 }), 'reports/audit', ['report.md'], null).passed;
 * ```
 */
export function auditSummaryJson(
  result: AuditResult,
  out: string,
  files: readonly string[],
  junit: string | null,
): Record<string, unknown> {
  const stated = result.claims.filter((c) => c.stated);
  const undersized = result.claims.filter((c) => !c.stated);
  return {
    passed: result.passed,
    profile: result.profile,
    failures: result.failures,
    lemmas: { holds: result.lemmas.filter((l) => l.holds).length, total: result.lemmas.length },
    constructions: {
      accepted: result.constructions.filter((c) => c.ok).length,
      total: result.constructions.length,
    },
    statedClaims: {
      supported: stated.filter((c) => c.verdict.verdict === 'supported').length,
      total: stated.length,
    },
    undersizedClaims: {
      refuted: undersized.filter((c) => c.verdict.verdict === 'refuted').length,
      total: undersized.length,
    },
    replay: { entries: result.replay.entries, changed: result.replay.changed },
    threshold: thresholdSummary(result.threshold),
    subsetThreshold: thresholdSummary(result.subsetThreshold),
    out,
    files: [...files],
    junit,
  };
}

/** `slth audit`. */
export const auditCommand: Command = {
  path: ['audit'],
  summary: 'run every checker, construction, claim test, replay and a threshold study; write a report',
  usage: 'audit [--out DIR] [--profile quick|full] [--workers N] [--junit FILE] [--png] [--json] [--quiet]',
  description:
    'Writes DIR/report.md, DIR/report.json and SVG figures (default DIR: reports/audit); with --png also a PNG\n' +
    'next to each SVG; with --junit FILE (- for standard output) the lemmas, constructions and claims as\n' +
    'JUnit XML test cases for CI.\n' +
    'Exit 0 only if every lemma holds, every construction at its stated width is kernel-accepted,\n' +
    'every stated-width claim is supported and the counterexample database is unchanged.',
  flags: [
    { name: 'out', kind: 'string', help: 'report folder (default reports/audit)', placeholder: 'DIR' },
    { name: 'profile', kind: 'string', help: 'quick (default, a few minutes) or full (longer)', placeholder: 'P' },
    { name: 'workers', kind: 'string', help: 'worker threads for trials (default: core count)', placeholder: 'N' },
    { name: 'junit', kind: 'string', help: 'also write JUnit XML (one test case per item)', placeholder: 'FILE' },
    { name: 'png', kind: 'boolean', help: 'also write each figure as PNG next to its SVG' },
    { name: 'quiet', kind: 'boolean', help: 'no progress output' },
    JSON_FLAG,
  ],
  async run(args, io) {
    const profileText = stringFlag(args, 'profile') ?? 'quick';
    if (profileText !== 'quick' && profileText !== 'full')
      throw new InputError(`--profile must be quick or full, got '${profileText}'`);
    const profile: Profile = profileText;
    const out = stringFlag(args, 'out') ?? join('reports', 'audit');
    checkOutputDir(out, '--out');
    const json = boolFlag(args, 'json');
    const junitPath = stringFlag(args, 'junit');
    if (junitPath !== undefined) {
      if (junitPath === '-' && json)
        throw new InputError('--junit - and --json would both write to standard output; give --junit a file name');
      checkOutputFile(junitPath, '--junit');
    }
    const toPng = boolFlag(args, 'png') ? await loadPngRenderer() : undefined;
    const say = progressSteps(io, boolFlag(args, 'quiet'));
    const started = Date.now();
    const result = await runAudit({
      profile,
      workers: workersFlag(args),
      onStep: (label, i, n) => {
        say(`[${i}/${n}] ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      },
    });
    const files = await renderReport(result, version());
    const written = Object.keys(files);
    for (const [name, text] of Object.entries(files)) {
      writeFileAtomic(join(out, name), text);
      if (toPng !== undefined && name.endsWith('.svg')) {
        const png = pngPathFor(name);
        writeFileAtomic(join(out, png), toPng(text));
        written.push(png);
      }
    }
    if (junitPath !== undefined) writeOutput(junitPath, auditJUnit(result), io);
    if (junitPath === '-') {
      // standard output carries the JUnit XML alone
    } else if (json) {
      io.out(toJsonText(auditSummaryJson(result, out, written, junitPath ?? null)));
    } else {
      const lemmas = result.lemmas.filter((l) => l.holds).length;
      const cons = result.constructions.filter((c) => c.ok).length;
      const stated = result.claims.filter((c) => c.stated);
      const undersized = result.claims.filter((c) => !c.stated);
      io.out(
        [
          `slth audit (${profile}): ${result.passed ? 'PASS' : 'FAIL'}`,
          `  lemmas                ${lemmas}/${result.lemmas.length} hold`,
          `  constructions         ${cons}/${result.constructions.length} kernel-accepted at their stated widths`,
          `  stated-width claims   ${stated.filter((c) => c.verdict.verdict === 'supported').length}/${stated.length} supported`,
          `  undersized claims     ${undersized.filter((c) => c.verdict.verdict === 'refuted').length}/${undersized.length} refuted`,
          `  counterexamples       ${result.replay.entries} replayed, ${result.replay.changed} changed`,
          ...[result.threshold, result.subsetThreshold].map((t) =>
            t
              ? `  threshold (${t.claim}, ${t.fixture})${t.claim === 'pair' ? '  ' : ''} stated pool ${t.statedPool}, least supported ${t.threshold ?? 'none'}`
              : '',
          ),
          ...result.failures.map((f) => `  FAILURE: ${f}`),
          `  report: ${join(out, 'report.md')} (+ report.json, ${written
            .filter((f) => f.endsWith('.svg') || f.endsWith('.png'))
            .join(', ')})`,
          junitPath ? `  junit: ${junitPath}` : '',
          `  time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
    return result.passed ? 0 : 1;
  },
};
