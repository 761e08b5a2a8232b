/**
 * Output helpers of the CLI: JSON text, and `-` as standard output. Files are written by
 * src/files/write.ts (atomically) and read by network/json.ts readJsonFile, slth's one JSON reader.
 */
import { writeFileAtomic } from '../files/write.js';

/**
 * JSON text with a trailing newline, two-space indented (stable key order as constructed).
 *
 * @example
 * ```ts
 * toJsonText({ a: 1 }); // '{\n  "a": 1\n}\n'
 * ```
 */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}

/**
 * Writes a command's text output to a file, or to standard output for `-`.
 *
 * @example
 * ```ts
 * writeOutput('-', text, io); // prints text
 * ```
 */
export function writeOutput(path: string, text: string, io: { out(text: string): void }): void {
  if (path === '-') io.out(text);
  else writeFileAtomic(path, text);
}
