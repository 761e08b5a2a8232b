// @ts-check
import tseslint from 'typescript-eslint';
import { layersRule } from './scripts/lint/layers.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'coverage/**', '.stryker-tmp/**', 'bin/**', 'scratch/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Every random choice must flow from a seed.' },
      ],
      eqeqeq: 'error',
    },
  },
  {
    // the layering of src/ (README, Architecture): a backwards import is an error naming the rule
    files: ['src/**/*.ts'],
    plugins: { slth: { rules: { layers: layersRule } } },
    rules: { 'slth/layers': 'error' },
  },
  {
    // The trusted kernel's allow-list: its own modules, exact numbers, the random-network scheme, the
    // network format and the strict JSON reader, the input error, and seedrandom. Nothing else, not
    // even the constructions' norm code (src/network/norms.ts).
    files: ['src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!(\\./[a-z-]+|\\.\\./(numeric|random)/[a-z0-9-]+|\\.\\./network/(json|network|strict-json)|\\.\\./errors)\\.js$|seedrandom$)',
              message:
                'The kernel may import only src/kernel, src/numeric, src/random, src/network/{json,network,strict-json}.ts, src/errors.ts and seedrandom (its trusted base, listed in the README).',
            },
          ],
        },
      ],
    },
  },
);
