// npm `prepare`: builds dist/ from src/ when TypeScript is installed (a development clone). In a
// clone installed without dev dependencies there is nothing to build with: say so, and leave the
// decision to bin/slth.js, which explains what is missing if dist/ is absent.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('slth prepare: TypeScript is not installed (dev dependencies omitted); dist/ not rebuilt\n');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
