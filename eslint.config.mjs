// Lint holds the architecture's one-way arrows (STYLE.md) and the no-`any` rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noFrameworks = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'pg', 'express'];
const lib = (name) => ({ group: [`@sow/${name}`, `@sow/${name}/*`], message: `this layer may not import @sow/${name}` });
const appPatterns = [lib('testing'), { group: ['**/apps/worker/**', '../../worker/*'], message: 'api and worker never import each other' }];
const apps = { group: ['**/apps/*', '../../apps/*', '../../../apps/*'], message: 'libraries never import an app' };
// Unit specs in a library may take the pure test builders, never the e2e harness (which boots an app).
const builders = { regex: '^@sow/testing(?!/builders$)', message: 'a library spec may import @sow/testing/builders only' };
const layers = {
  domain: [...noFrameworks.map((p) => ({ group: [p], message: 'libs/domain is pure' })), ...['optimizer', 'core', 'persistence', 'jobs', 'config', 'processors'].map(lib), apps],
  optimizer: [...noFrameworks.map((p) => ({ group: [p], message: 'libs/optimizer is pure' })), ...['domain', 'core', 'persistence', 'jobs', 'config', 'processors'].map(lib), apps],
  persistenceAndJobs: [...['optimizer', 'core', 'processors'].map(lib), apps],
  config: [...['domain', 'optimizer', 'core', 'persistence', 'jobs', 'processors'].map(lib), apps],
  core: [lib('processors'), apps],
  processors: [apps],
  testing: [lib('processors'), apps],
};

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
  // The layers' one-way arrows. Production files of a library never import @sow/testing; its specs may import the builders.
  ...[
    ['libs/domain', layers.domain],
    ['libs/optimizer', layers.optimizer],
    ['libs/persistence', layers.persistenceAndJobs],
    ['libs/jobs', layers.persistenceAndJobs],
    ['libs/config', layers.config],
    ['libs/core', layers.core],
    ['libs/processors', layers.processors],
  ].flatMap(([dir, patterns]) => [
    { files: [`${dir}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, lib('testing')] }] } },
    { files: [`${dir}/**/*.spec.ts`], rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, builders] }] } },
  ]),
  {
    // The planning stage's pure steps (snapshot → model → solve → verify → result, and staleness) beside their
    // services: plain functions over plain data, no framework, and persistence for its row types only.
    files: ['libs/core/src/planning/**/*.ts'],
    ignores: ['**/*.service.ts', '**/*.module.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noFrameworks.map((p) => ({ group: [p], message: 'the planning stage steps are pure: I/O belongs in the *.service.ts beside them' })),
            { group: ['@sow/persistence'], allowTypeImports: true, message: 'the planning stage steps take row types from persistence, never a repository' },
            ...['jobs', 'config', 'processors'].map(lib),
            { group: ['./*.service', './*.module'], message: 'a pure step never calls a service' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/testing/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layers.testing }] },
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
