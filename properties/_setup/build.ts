/**
 * Runs once before the test files: compiles src/ to dist/ (incremental, so a no-op when nothing
 * changed). The tests that start `bin/slth.js` as a process then run the code under test, not a
 * stale build.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
