/**
 * The common shape of a lemma check, and the printing rules every lemma follows:
 *
 * - an exact value prints as `p/q` (exactFigure in src/numeric/figure.ts);
 * - a certified value prints as `[lower, upper]`, both with 17 significant digits rounded outward
 *   (bracketFigure);
 * - an exact value whose `p/q` would be enormous prints as the bracket of its exact value, and the
 *   result says so (`exact: true` still holds: the verdict was reached in exact arithmetic);
 * - nothing is ever reported from float64 alone: a float figure, when shown, is labelled
 *   `estimate` and never decides `holds`.
 */

/** One lemma check: a verdict, the statement it checked and its figures (all strings). */
export interface LemmaResult {
  /** Lemma name, as in `slth lemma NAME` (e.g. `relu-identity`). */
  readonly lemma: string;
  /** What the check ran on (a fixture path, a seed, "built-in values", ...). */
  readonly input: string;
  /** True when the checked statement holds on this input (an exact or certified verdict). */
  readonly holds: boolean;
  /** The statement checked, in words. */
  readonly statement: string;
  /** True when every verdict of this check was decided in exact rational arithmetic. */
  readonly exact: boolean;
  /** Named figures: `p/q` when exact, `[lower, upper]` when certified. */
  readonly figures: Readonly<Record<string, string>>;
  /** When the statement fails: the exact input that refutes it, as named exact values. */
  readonly witness?: Readonly<Record<string, string>>;
  /** Remarks (methods, labels of estimates, sanity checks). */
  readonly notes?: readonly string[];
}

/**
 * The one-line summary of a result: `NAME: holds (input)` or `NAME: REFUTED (input) witness ...`.
 *
 * @example
 * ```ts
 * summaryLine(result); // 'relu-identity: holds on built-in values (exact)'
 * ```
 */
export function summaryLine(r: LemmaResult): string {
  const how = r.exact ? 'exact' : 'certified';
  if (r.holds) return `${r.lemma}: holds on ${r.input} (${how})`;
  const w = r.witness
    ? ` witness ${Object.entries(r.witness)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`
    : '';
  return `${r.lemma}: REFUTED on ${r.input} (${how})${w}`;
}

/**
 * The human-readable form of a result: summary, statement, figures, witness and notes.
 *
 * @example
 * ```ts
 * io.out(formatResult(result));
 * ```
 */
export function formatResult(r: LemmaResult): string {
  const lines = [summaryLine(r), `  statement: ${r.statement}`];
  const keys = Object.keys(r.figures);
  const pad = Math.min(40, Math.max(0, ...keys.map((k) => k.length)));
  for (const k of keys) lines.push(`  ${k.padEnd(pad)}  ${r.figures[k] as string}`);
  if (r.witness) {
    lines.push('  witness:');
    for (const [k, v] of Object.entries(r.witness)) lines.push(`    ${k} = ${v}`);
  }
  for (const n of r.notes ?? []) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

/** The verdict of named certified checks (see {@link checksVerdict}). */
export interface ChecksVerdict {
  /** True when every check is certainly true. */
  readonly holds: boolean;
  /** `check NAME` -> 'yes' (true), 'NO' (false) or 'undecided' (undefined), in order. */
  readonly figures: Readonly<Record<string, string>>;
  /** The checks that are not certainly true, NAME -> 'false' | 'undefined' (undefined when holds). */
  readonly witness: Readonly<Record<string, string>> | undefined;
}

/**
 * Combines named certified checks (true, false, or undefined = undecided) into a verdict: it
 * holds only when every check is certainly true.
 *
 * @example
 * ```ts
 * checksVerdict([['a', true], ['b', undefined]]).witness; // { b: 'undefined' }
 * ```
 */
export function checksVerdict(checks: readonly (readonly [string, boolean | undefined])[]): ChecksVerdict {
  const holds = checks.every(([, v]) => v === true);
  const figures: Record<string, string> = {};
  for (const [name, v] of checks) figures[`check ${name}`] = v === true ? 'yes' : v === false ? 'NO' : 'undecided';
  const witness = holds
    ? undefined
    : Object.fromEntries(checks.filter(([, v]) => v !== true).map(([n, v]) => [n, String(v)]));
  return { holds, figures, witness };
}
