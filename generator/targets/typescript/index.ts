/**
 * The TypeScript target: an ESM npm package (zero runtime dependencies) with a typed client, OAuth
 * managers built on the static runtime in `templates/typescript/static/src/runtime/`, models,
 * controllers and docs.
 */
import { createRequire } from 'node:module';
import type { Options as PrettierOptions } from 'prettier';
import type { Target } from '../target.js';
import { planTypeScript } from './plan.js';

export { planTypeScript, RUNTIME_FILES } from './plan.js';

/** Prettier options of every generated file (and of the static runtime, so copying is stable). */
export const PRETTIER_OPTIONS: PrettierOptions = {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  proseWrap: 'preserve',
};

/** Prettier's version, read without loading prettier (part of the format cache key). */
const PRETTIER_VERSION = (createRequire(import.meta.url)('prettier/package.json') as { version: string }).version;

export const typescriptTarget: Target = {
  name: 'typescript',
  plan: planTypeScript,
  formatterId: `prettier@${PRETTIER_VERSION} ${JSON.stringify(PRETTIER_OPTIONS)}`,
  async format(path: string, content: string): Promise<string> {
    // Parser from the extension alone (no file-system lookups of ignore files or configs).
    if (!/\.(ts|json|md)$/.test(path)) return content;
    // Loaded on demand: with a warm format cache prettier is never needed.
    const prettier = await import('prettier');
    return prettier.format(content, { ...PRETTIER_OPTIONS, filepath: path });
  },
};
