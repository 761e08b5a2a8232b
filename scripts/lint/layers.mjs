// ESLint rule `slth/layers`: the import allow-list of every folder of src/ (the data flow of the
// README's architecture section). A backwards import fails lint with a message naming the rule.
// Also: a folder's `_internals/` may be imported only from inside that folder.
import path from 'node:path';

/** Folder -> the folders it may import (itself always allowed; src/errors.ts allowed everywhere). */
export const LAYERS = {
  numeric: [],
  threads: [],
  files: [],
  network: ['files', 'numeric'],
  interop: ['files', 'numeric', 'network'],
  random: ['numeric'],
  certificate: ['files', 'numeric', 'network', 'random'],
  theory: ['numeric', 'network', 'random'],
  stats: ['numeric'],
  kernel: ['numeric', 'network', 'random'],
  constructions: ['numeric', 'network', 'random', 'certificate', 'theory', 'threads'],
  lemmas: ['numeric', 'network', 'random', 'theory', 'stats'],
  error: ['numeric', 'network'],
  existence: ['numeric', 'network', 'random', 'theory', 'stats', 'lemmas'],
  falsify: [
    'files',
    'threads',
    'numeric',
    'network',
    'random',
    'certificate',
    'theory',
    'stats',
    'kernel',
    'constructions',
    'lemmas',
    'error',
    'existence',
  ],
  report: ['numeric', 'stats'],
  audit: [
    'files',
    'threads',
    'numeric',
    'network',
    'random',
    'certificate',
    'theory',
    'stats',
    'kernel',
    'constructions',
    'lemmas',
    'error',
    'existence',
    'falsify',
    'report',
  ],
  cli: [
    'files',
    'threads',
    'numeric',
    'network',
    'interop',
    'random',
    'certificate',
    'theory',
    'stats',
    'kernel',
    'constructions',
    'lemmas',
    'error',
    'existence',
    'falsify',
    'report',
    'audit',
  ],
};

/** Top-level modules of src/ (files, not folders) and what they may import. */
const FILES = {
  'errors.ts': [],
  'index.ts': Object.keys(LAYERS).filter((f) => f !== 'cli' && f !== 'audit'),
  'arbitraries.ts': ['numeric', 'network', 'random', 'theory', 'falsify'],
};

const SRC = path.resolve('src');

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'enforce the layering of src/' } },
  create(context) {
    const file = path.resolve(context.filename);
    if (!file.startsWith(SRC + path.sep)) return {};
    const rel = path.relative(SRC, file).split(path.sep);
    const from = rel.length === 1 ? rel[0] : rel[0];
    const allowed = rel.length === 1 ? FILES[from] : LAYERS[from];
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC + path.sep)) return;
      const trel = path.relative(SRC, target).split(path.sep);
      const to = trel.length === 1 ? trel[0].replace(/\.js$/, '.ts') : trel[0];
      const internals = trel.indexOf('_internals');
      if (internals > 0) {
        const owner = path.join(SRC, ...trel.slice(0, internals));
        if (!file.startsWith(owner + path.sep))
          context.report({
            node,
            message: `${trel.slice(0, internals + 1).join('/')} is private to src/${trel.slice(0, internals).join('/')}`,
          });
      }
      if (to === 'errors.ts' || to === from) return;
      if (allowed === undefined) {
        context.report({ node, message: `src/${rel.join('/')} is not in the layer table (scripts/lint/layers.mjs)` });
        return;
      }
      if (!allowed.includes(to)) {
        context.report({
          node,
          message: `layer rule: src/${from} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (and src/errors.ts), not src/${to}`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
