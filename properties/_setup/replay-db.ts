/**
 * Runs before every test file: replays the counterexample database (fixtures/counterexamples).
 * Each stored entry must still behave as recorded; a changed behaviour stops the test run loudly.
 */
import { BUNDLED_DB, replayDatabase } from '../../src/falsify/database.js';

export default function setup(): void {
  const results = replayDatabase(BUNDLED_DB);
  const changed = results.filter((r) => !r.asRecorded);
  console.log(`[slth] counterexample database: ${results.length} entries replayed, ${changed.length} changed`);
  if (changed.length > 0) {
    throw new Error(`counterexample database CHANGED:\n${changed.map((r) => `  ${r.file}: ${r.message}`).join('\n')}`);
  }
}
