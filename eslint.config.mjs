// Lint holds the architecture's one-way arrows (STYLE.md) and the no-`any` rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noFrameworks = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'pg', 'express'];
const lib = (name) => ({ group: [`@sow/${name}`, `@sow/${name}/*`], message: `this layer may not import @sow/${name}` });
const appPatterns = [lib('testing'), { group: ['**/apps/worker/**', '../../worker/*'], message: 'api and worker never import each other' }];
const apps = { group: ['**/apps/*', '../../apps/*', '../../../apps/*'], message: 'libraries never import an app' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**', 'apps/web/dist/**', 'apps/web/src/api/schema.d.ts', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noFrameworks.map((p) => ({ group: [p], message: 'libs/domain is pure' })), ...['optimizer', 'core', 'persistence', 'jobs', 'config', 'processors', 'testing'].map(lib), apps] }],
    },
  },
  {
    files: ['libs/optimizer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noFrameworks.map((p) => ({ group: [p], message: 'libs/optimizer is pure' })), ...['domain', 'core', 'persistence', 'jobs', 'config', 'processors', 'testing'].map(lib), apps] }],
    },
  },
  {
    files: ['libs/persistence/**/*.ts', 'libs/jobs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...['optimizer', 'core', 'processors', 'testing'].map(lib), apps] }] },
  },
  {
    files: ['libs/config/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...['domain', 'optimizer', 'core', 'persistence', 'jobs', 'processors', 'testing'].map(lib), apps] }] },
  },
  {
    files: ['libs/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...['processors', 'testing'].map(lib), apps] }] },
  },
  {
    files: ['libs/processors/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [lib('testing'), apps] }] },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: appPatterns,
          paths: [{ name: 'class-validator', importNames: ['IsOptional'], message: 'use OptionalNonNull() or OptionalNullable() from http/optional: every optional field declares whether null is accepted' }],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/http/optional.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: appPatterns }] },
  },
  {
    // The console: feature folders never import each other's internals except through hooks (STYLE.md), and never the server.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@sow/*', '**/apps/api/**', '**/libs/**'], message: 'the console talks to the api only through api/client.ts' }] }] },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
  },
  {
    files: ['bench/**/*.ts', 'libs/optimizer/src/io/cli/**/*.ts', 'apps/api/src/cli/**/*.ts', 'libs/optimizer/src/solve-worker.ts'],
    rules: { 'no-console': 'off' },
  },
);
