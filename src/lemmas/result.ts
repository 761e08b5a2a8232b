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

import type { Bracket } from '../numeric/certified.js';
import { bracketFigure, exactOrBracket } from '../numeric/figure.js';
import type { Quantity } from '../numeric/quantity.js';
import { formatQ } from '../numeric/quantity.js';
import type { Rational } from '../numeric/rational.js';
import { countJson } from '../numeric/json-values.js';

/**
 * The machine form of one figure: an exact rational, a certified bracket, a count, a boolean, a
 * float estimate (labelled as one), a list of counts or of exact values, a short text (a name, an
 * enumeration), or none (the figure has no value on this input, e.g. the minimum of an empty set).
 */
export type FigureValue =
  | { readonly kind: 'exact'; readonly value: Rational }
  | { readonly kind: 'certified'; readonly lower: Rational; readonly upper: Rational }
  | { readonly kind: 'count'; readonly value: bigint | number }
  | { readonly kind: 'counts'; readonly values: readonly (bigint | number)[] }
  | { readonly kind: 'exacts'; readonly values: readonly Rational[] }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'estimate'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'none' };

/** One figure of a lemma check: a stable id, the human label, the typed value and its printed form. */
export interface Figure {
  /** Stable identifier (camelCase), the key of the figure in `--json` output. */
  readonly id: string;
  /** The human label, the key of the figure in the text output. */
  readonly label: string;
  readonly value: FigureValue;
  /** The printed form (`p/q`, `[lower, upper]`, a count, ...). */
  readonly text: string;
  /**
   * The label of the printed line that shows this figure: its own label, the label of the line it
   * is part of ({@link FigureBook.line}), or undefined when a note shows it ({@link FigureBook.inNotes}).
   */
  readonly line?: string;
}

/**
 * One named certified check: true (certain), false (certain violation) or null (undecided);
 * `applicable: false` marks a check skipped because its premise fails on this input.
 */
export interface CheckOutcome {
  readonly name: string;
  readonly holds: boolean | null;
  readonly applicable?: false;
}

/**
 * Builds a lemma's figures once, typed, and derives the printed forms from the typed values.
 * A printed line normally shows one typed figure; {@link FigureBook.line} prints several typed
 * figures on one line, and {@link FigureBook.checkLines} prints the lines of checks whose typed
 * form is the result's `checks`. No printed line is without a typed counterpart.
 *
 * @example
 * ```ts
 * const book = new FigureBook().count('k', 'k', 50).exact('pCover', 'P_cover(k, eps0)', P);
 * book.figures; // { k: '50', 'P_cover(k, eps0)': '8675.../1004...' }
 * ```
 */
export class FigureBook {
  private readonly items: Figure[] = [];
  private readonly lines: { readonly label: string; readonly text: string }[] = [];

  private addLine(label: string, text: string): void {
    if (this.lines.some((l) => l.label === label)) throw new Error(`figure line ${label} given twice`);
    this.lines.push({ label, text });
  }

  /**
   * Adds a typed figure, printed on its own line (`on` undefined), as part of the printed line
   * `on`, or only in a note (`on` null).
   */
  private add(id: string, label: string, value: FigureValue, text: string, on?: string | null): this {
    if (!/^[a-z][A-Za-z0-9]*$/.test(id)) throw new Error(`figure id ${id} is not camelCase`);
    if (this.items.some((f) => f.id === id || f.label === label))
      throw new Error(`figure ${id} / ${label} given twice`);
    if (on === undefined) this.addLine(label, text);
    const line = on === undefined ? label : on;
    this.items.push({ id, label, value, text, ...(line === null ? {} : { line }) });
    return this;
  }

  /** An exact rational (printed `p/q`, or as the bracket of a huge exact value). */
  exact(id: string, label: string, q: Rational, text = exactOrBracket(q)): this {
    return this.add(id, label, { kind: 'exact', value: q }, text);
  }

  /** An exact rational, or a figure without value (printed `-`) when there is none. */
  exactOrNone(id: string, label: string, q: Rational | undefined): this {
    return q === undefined ? this.none(id, label) : this.exact(id, label, q);
  }

  /** Several exact rationals (a point, one value per layer), printed `a, b, c`. */
  exacts(id: string, label: string, qs: readonly Rational[], text = qs.map(String).join(', ')): this {
    return this.add(id, label, { kind: 'exacts', values: qs }, text);
  }

  /** A certified bracket [lower, upper]. */
  certified(id: string, label: string, b: Bracket, text = bracketFigure(b)): this {
    return this.add(id, label, { kind: 'certified', lower: b.lower, upper: b.upper }, text);
  }

  /** A quantity: exact when it is, else its certified bracket. */
  quantity(id: string, label: string, q: Quantity, text = formatQ(q)): this {
    const value: FigureValue = q.exact
      ? { kind: 'exact', value: q.exact }
      : { kind: 'certified', lower: q.lower, upper: q.upper };
    return this.add(id, label, value, text);
  }

  /** A count (a safe integer or a BigInt). */
  count(id: string, label: string, n: bigint | number, text = String(n)): this {
    return this.add(id, label, { kind: 'count', value: n }, text);
  }

  /** Several counts (one per layer, say). */
  counts(id: string, label: string, ns: readonly (bigint | number)[], text = ns.join(', ')): this {
    return this.add(id, label, { kind: 'counts', values: ns }, text);
  }

  /** A boolean. */
  boolean(id: string, label: string, v: boolean, text = v ? 'yes' : 'no'): this {
    return this.add(id, label, { kind: 'boolean', value: v }, text);
  }

  /** A float64 estimate (never a verdict). */
  estimate(id: string, label: string, x: number, text = String(x)): this {
    return this.add(id, label, { kind: 'estimate', value: x }, text);
  }

  /** A short text (a name, a method, an enumeration value). */
  text(id: string, label: string, t: string): this {
    return this.add(id, label, { kind: 'text', value: t }, t);
  }

  /** A figure without a value on this input (printed `-` unless told otherwise). */
  none(id: string, label: string, text = '-'): this {
    return this.add(id, label, { kind: 'none' }, text);
  }

  /**
   * One printed line `label  text` whose content is several typed figures, built by `parts` on a
   * fresh book (their own labels name them in `--json`; they are not printed separately).
   *
   * @example
   * ```ts
   * book.line('worst weight', 'layer 1 [0][0] = 1/2', (b) => b.count('worstLayer', 'worst weight: layer', 1).exact(...));
   * ```
   */
  line(label: string, text: string, parts: (b: FigureBook) => FigureBook): this {
    const sub = parts(new FigureBook());
    if (sub.items.length === 0) throw new Error(`figure line ${label} has no typed figure`);
    this.addLine(label, text);
    for (const f of sub.items) this.add(f.id, f.label, f.value, f.text, label);
    return this;
  }

  /**
   * Typed figures that the text output shows inside a note rather than as figure lines (a float64
   * estimate quoted by a note, say), built by `parts` on a fresh book.
   *
   * @example
   * ```ts
   * book.inNotes((b) => b.estimate('pFloat', 'P in float64 (estimate, not used)', 0.86));
   * ```
   */
  inNotes(parts: (b: FigureBook) => FigureBook): this {
    for (const f of parts(new FigureBook()).items) this.add(f.id, f.label, f.value, f.text, null);
    return this;
  }

  /**
   * The printed lines of certified checks (`check NAME` -> `yes`, ...), whose typed form is the
   * result's `checks` (see {@link checksVerdict}).
   *
   * @example
   * ```ts
   * book.checkLines(checksVerdict([['a <= b', true]]).figures); // prints 'check a <= b  yes'
   * ```
   */
  checkLines(lines: Readonly<Record<string, string>>): this {
    for (const [label, text] of Object.entries(lines)) {
      if (!label.startsWith('check ')) throw new Error(`check line ${label} must start with 'check '`);
      this.addLine(label, text);
    }
    return this;
  }

  /** The typed figures, in order. */
  get typed(): readonly Figure[] {
    return [...this.items];
  }

  /** The printed figures, label -> text, in order. */
  get figures(): Record<string, string> {
    return Object.fromEntries(this.lines.map((l) => [l.label, l.text]));
  }
}

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
  /** Named figures as printed: `p/q` when exact, `[lower, upper]` when certified (text output). */
  readonly figures: Readonly<Record<string, string>>;
  /** The same figures typed, with stable ids (`--json` output); checks are in `checks`. */
  readonly typed: readonly Figure[];
  /** The named certified checks behind `holds`, in order (empty when the verdict has no named checks). */
  readonly checks: readonly CheckOutcome[];
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
  /** The checks, typed. */
  readonly checks: readonly CheckOutcome[];
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
  const outcomes = checks.map(([name, v]) => ({ name, holds: v === undefined ? null : v }));
  return { holds, figures, witness, checks: outcomes };
}

/**
 * The JSON form of a figure value: exact values as "p/q", certified ones as `{ lower, upper }` of
 * "p/q" strings, counts as numbers (decimal strings beyond 2^53), estimates as numbers under the
 * key `estimate`.
 *
 * @example
 * ```ts
 * figureValueJson({ kind: 'exact', value: Rational.of(1, 3) }); // { kind: 'exact', exact: '1/3' }
 * ```
 */
export function figureValueJson(v: FigureValue): Record<string, unknown> {
  switch (v.kind) {
    case 'exact':
      return { kind: 'exact', exact: v.value.toString() };
    case 'certified':
      return { kind: 'certified', lower: v.lower.toString(), upper: v.upper.toString() };
    case 'count':
      return { kind: 'count', count: countJson(v.value) };
    case 'counts':
      return { kind: 'counts', counts: v.values.map(countJson) };
    case 'exacts':
      return { kind: 'exacts', exacts: v.values.map(String) };
    case 'boolean':
      return { kind: 'boolean', value: v.value };
    case 'estimate':
      return { kind: 'estimate', estimate: v.value };
    case 'text':
      return { kind: 'text', text: v.value };
    case 'none':
      return { kind: 'none' };
  }
}

/** Where a lemma is stated: its number and section (src/lemmas/index.ts). */
export interface LemmaPlace {
  readonly number: string;
  readonly section: string;
}

/**
 * The `--json` form of a lemma result (schemas/lemma-result.schema.json): the lemma's number and
 * section, typed figures keyed by id (each with its label), the checks with boolean-or-null
 * outcomes (and `applicable`), the witness (exact values and names; a failed check is in
 * `checks`, not repeated in the witness) and notes.
 *
 * @example
 * ```ts
 * lemmaResultJson(checkCovering(50, Rational.of(1, 8)), { number: '2', section: 'docs/MATH.md §5.2' }).figures.pCover;
 * // { label: 'P_cover(k, eps0)', kind: 'exact', exact: '...' }
 * ```
 */
export function lemmaResultJson(r: LemmaResult, place: LemmaPlace): Record<string, unknown> {
  const figures: Record<string, unknown> = {};
  for (const f of r.typed) figures[f.id] = { label: f.label, ...figureValueJson(f.value) };
  const checkNames = new Set(r.checks.map((c) => c.name));
  const witness = r.witness
    ? Object.fromEntries(Object.entries(r.witness).filter(([k]) => !checkNames.has(k)))
    : undefined;
  return {
    lemma: r.lemma,
    number: place.number,
    section: place.section,
    input: r.input,
    holds: r.holds,
    exact: r.exact,
    statement: r.statement,
    figures,
    checks: r.checks.map((c) => ({ name: c.name, holds: c.holds, applicable: c.applicable ?? true })),
    witness: witness && Object.keys(witness).length > 0 ? witness : null,
    notes: r.notes ?? [],
  };
}
