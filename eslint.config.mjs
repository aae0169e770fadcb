// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const DEEP_IMPORT = {
  group: ['@app/*/*'],
  message: "import a library through its public surface, '@app/<lib>' (add to its index.ts what others may use)",
};
const INTO_AN_APP = { group: ['**/apps/**'], message: 'a library never imports an app' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'eslint.config.mjs', 'test/run-tests.js', 'vitest.config.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-imports': 'off',
    },
  },
  {
    // A library is used through its public surface (its index.ts), never by a deep path.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_IMPORT] }] },
  },
  {
    // …and a library never reaches into an app.
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_IMPORT, INTO_AN_APP] }] },
  },
  {
    // Every setting goes through the validated environment (libs/core/src/config).
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'apps/**/*.tsx'],
    ignores: [
      '**/*.spec.ts',
      'libs/core/src/config/environment.ts',
      'libs/core/src/config/app-config.ts',
      // A client's secret is named by its config entry (secretEnv), so it is looked up by that name.
      'libs/identity/src/embedded/directory.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read settings through AppConfig or environmentSetting()' },
      ],
    },
  },
  {
    // The scoring engine and the statistics stay pure: no framework, database or queue code inside.
    files: ['libs/scoring/src/**/*.ts', 'libs/stats/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'mysql2', '@app/*'] },
      ],
    },
  },
);
