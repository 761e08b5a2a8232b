#!/usr/bin/env node
// The slth command: runs the compiled CLI in dist/ (built by `npm install` through `prepare`,
// and shipped compiled in the published package).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('slth: the compiled CLI (dist/) is missing; run `npm run build` in the slth folder\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
