// ESLint: typescript-eslint with type-aware rules over generator/ and test/, plus the stage rule:
// stages import one way (load → ir → targets → render/write); `ir` and `load` never import a target.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'generated/**', 'templates/**', 'node_modules/**', '.venv/**', 'bench/.work/**', 'test/.tmp/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['generator/load/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ir/**', '**/targets/**', '**/render/**', '**/write/**'], message: 'load is the first stage: it imports no later stage' }] }],
    },
  },
  {
    files: ['generator/ir/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/targets/**', '**/render/**', '**/write/**', '**/load/**'], message: 'ir is language-neutral: it never imports load internals, a target, render or write' }] }],
    },
  },
  {
    files: ['generator/targets/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/render/**', '**/write/**', '**/load/**'], message: 'a target builds view-models from the IR; it never renders, writes or loads' }] }],
    },
  },
  {
    files: ['generator/render/**/*.ts', 'generator/write/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ir/**', '**/load/**'], message: 'render/write see only plans and files, never the IR or the loader' }] }],
    },
  },
);
