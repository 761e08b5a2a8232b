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
    files: ['src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/constructions/**',
                '**/falsify/**',
                '**/error/**',
                '**/report/**',
                '**/cli/**',
                '**/lemmas/**',
                '**/stats/**',
              ],
              message: 'The kernel must stay independent of untrusted code.',
            },
          ],
        },
      ],
    },
  },
);
