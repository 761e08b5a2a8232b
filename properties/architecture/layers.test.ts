/**
 * The layering of src/ (scripts/lint/layers.mjs): every folder has an allow-list, the allowed
 * imports form an acyclic graph, and ESLint refuses a backwards import with a message naming the
 * rule (negative control), while accepting an allowed one.
 */
import { readdirSync, statSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { LAYERS } from '../../scripts/lint/layers.mjs';

const layers = LAYERS;

describe('layers', () => {
  test('every folder of src/ has an allow-list, and every allowed folder exists', () => {
    const folders = readdirSync('src').filter((f) => statSync(`src/${f}`).isDirectory());
    expect(folders.filter((f) => !(f in layers))).toEqual([]);
    for (const [from, to] of Object.entries(layers)) {
      expect(
        to.filter((t) => !(t in layers)),
        `src/${from}`,
      ).toEqual([]);
    }
  });

  test('the allowed imports form an acyclic graph (a layer order exists)', () => {
    const order: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') throw new Error(`cycle: ${[...path, f].join(' -> ')}`);
      state.set(f, 'open');
      for (const t of layers[f] ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
      order.push(f);
    };
    for (const f of Object.keys(layers)) visit(f, []);
    expect(order.indexOf('numeric')).toBe(0);
    expect(order.indexOf('cli')).toBe(order.length - 1);
  });

  test('ESLint refuses a backwards import with the layer rule, and accepts a downward one', async () => {
    const eslint = new ESLint();
    const [bad] = await eslint.lintText(
      "import { statedWidth } from '../theory/stated-width.js';\nexport const x = statedWidth;\n",
      {
        filePath: 'src/kernel/zz-backwards.ts',
      },
    );
    expect(bad?.messages.map((m) => m.message)).toContain(
      'layer rule: src/kernel may import only numeric, network, random (and src/errors.ts), not src/theory',
    );
    const [good] = await eslint.lintText(
      "import { Rational } from '../numeric/rational.js';\nexport const x = Rational.ONE;\n",
      {
        filePath: 'src/kernel/zz-downward.ts',
      },
    );
    expect(good?.messages.filter((m) => m.ruleId === 'slth/layers')).toEqual([]);
  });

  test("a folder's _internals are private to it", async () => {
    const eslint = new ESLint();
    const [r] = await eslint.lintText("import { x } from '../lemmas/_internals/y.js';\nexport const z = x;\n", {
      filePath: 'src/falsify/zz-internals.ts',
    });
    expect(r?.messages.map((m) => m.message)).toContain('lemmas/_internals is private to src/lemmas');
  });
});
