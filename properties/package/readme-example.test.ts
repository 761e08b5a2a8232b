/**
 * The README's "Use slth from your own tests" example runs against the packed package: `npm pack`,
 * install the tarball in an empty folder together with vitest and @fast-check/vitest (the
 * versions this project uses, from the npm cache when it has them), and run the README's code
 * block there with vitest. Internal modules must stay unreachable (package.json `exports`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const version = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

/** The code block that follows the `readme-example` marker in the README. */
function readmeExample(): { name: string; code: string } {
  const readme = readFileSync('README.md', 'utf8');
  const m = /<!-- readme-example: (\S+) -->\n```ts\n([\s\S]*?)\n```/.exec(readme);
  if (!m) throw new Error('README has no readme-example block');
  return { name: m[1] as string, code: `${m[2] as string}\n` };
}

let dir: string;
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slth-readme-'));
  npm(['pack', '--pack-destination', dir, resolve('.')], resolve('.'));
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-example', private: true, type: 'module' }));
  npm(
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      `./${tarball}`,
      `vitest@${version('vitest')}`,
      `@fast-check/vitest@${version('@fast-check/vitest')}`,
    ],
    dir,
  );
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README example against the packed package', () => {
  test('runs and passes with vitest in a fresh folder', () => {
    const { name, code } = readmeExample();
    writeFileSync(join(dir, name), code);
    const out = execFileSync(process.execPath, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', name], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    expect(out).toMatch(/Tests\s+\d+ passed/);
    expect(out).not.toMatch(/failed/);
  }, 300_000);

  test('internal modules are not exported (negative control of the exports map)', () => {
    const script =
      "import('slth/dist/kernel/check.js').then(() => console.log('reachable'), (e) => console.log(e.code))";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    expect(out.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    const ok = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import('slth').then((m) => console.log(typeof m.checkCertificate))"],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(ok.trim()).toBe('function');
  });
});
