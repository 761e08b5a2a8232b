/**
 * What src/ imports at run time is what an installed slth has: every package a source file
 * imports (statically, or with a dynamic `import('...')`) is a runtime dependency, never a dev
 * dependency only; and the main entry point (`slth`) does not load fast-check or vega on import,
 * so a library user pays for them only when they use falsification or figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The module specifiers a file imports at run time: static value imports, re-exports and import(). */
function runtimeImports(text: string): { static: string[]; dynamic: string[] } {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const stat = [...code.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] as string,
  );
  const dyn = [...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] as string);
  return { static: stat, dynamic: dyn };
}

const packageName = (spec: string): string =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
const isPackage = (spec: string): boolean =>
  !spec.startsWith('.') && !spec.startsWith('node:') && !builtinModules.includes(spec.split('/')[0] as string);

describe('runtime dependencies', () => {
  test('every package imported by src/ is in dependencies', () => {
    const missing: string[] = [];
    for (const f of sources('src')) {
      const { static: s, dynamic: d } = runtimeImports(readFileSync(f, 'utf8'));
      for (const spec of [...s, ...d].filter(isPackage)) {
        if (!(packageName(spec) in pkg.dependencies)) missing.push(`${f}: ${spec}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('negative control: the scan finds a dev-only import', () => {
    const { static: s } = runtimeImports("import { describe } from 'vitest';\nimport type { X } from 'typescript';\n");
    expect(s.filter(isPackage).filter((p) => !(packageName(p) in pkg.dependencies))).toEqual(['vitest']);
  });

  test("the main entry's static import graph reaches neither fast-check nor vega", () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of runtimeImports(readFileSync(file, 'utf8')).static) {
        if (isPackage(spec)) packages.add(packageName(spec));
        else if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(resolve('src/index.ts'));
    expect(seen.size).toBeGreaterThan(30);
    expect([...packages].sort()).not.toContain('fast-check');
    expect([...packages].sort()).not.toContain('vega');
    expect([...packages].sort()).not.toContain('vega-lite');
    // and the arbitraries entry does load fast-check
    seen.clear();
    packages.clear();
    visit(resolve('src/arbitraries.ts'));
    expect([...packages]).toContain('fast-check');
  });
});
