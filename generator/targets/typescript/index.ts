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
  formatParts(path: string, content: string): string[] | null {
    return path.endsWith('.md') ? markdownSections(content) : null;
  },
};

/**
 * A Markdown file cut before each top-level `## ` heading outside fenced code blocks. Prettier
 * formats such sections independently (no list, fence or paragraph spans a heading), so the README
 * is formatted section by section and a spec edit that changes the intro re-formats only the intro.
 * Spec text lands in Markdown escaped (it cannot open a fence or start a heading line), so every
 * heading and fence seen here is the template's.
 */
export function markdownSections(content: string): string[] {
  const lines = content.split('\n');
  const parts: string[][] = [[]];
  let fence: string | null = null;
  for (const line of lines) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (m) {
      const marker = m[1] as string;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    } else if (fence === null && line.startsWith('## ')) parts.push([]);
    (parts[parts.length - 1] as string[]).push(line);
  }
  return parts
    .map((p) => p.join('\n').trim())
    .filter((p) => p !== '')
    .map((p) => p + '\n');
}
