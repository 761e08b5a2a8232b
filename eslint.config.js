// @ts-check
import tseslint from 'typescript-eslint';

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
