/**
 * The TypeScript target: an ESM npm package (zero runtime dependencies) with a typed client, OAuth
 * managers built on the static runtime in `templates/typescript/static/src/runtime/`, models,
 * controllers and docs.
 */
import { createRequire } from 'node:module';
import type { Options as PrettierOptions } from 'prettier';
import type { IrApi } from '../../ir/types.js';
import type { PlannedFile, Target, TargetOptions, TargetPlan } from '../target.js';
import { buildViews } from './view.js';

/** The runtime files copied verbatim into `src/runtime/`. */
export const RUNTIME_FILES = [
  'auth.ts',
  'errors.ts',
  'file-token-store.ts',
  'form.ts',
  'http.ts',
  'index.ts',
  'oauth.ts',
  'pkce.ts',
  'redact.ts',
  'request.ts',
  'token-store.ts',
  'token.ts',
  'url.ts',
] as const;

/** Prettier options of every generated file (and of the static runtime, so copying is stable). */
export const PRETTIER_OPTIONS: PrettierOptions = {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  proseWrap: 'preserve',
};

/** Prettier's version, read without loading prettier (part of the format cache key). */
const PRETTIER_VERSION = (createRequire(import.meta.url)('prettier/package.json') as { version: string }).version;

export function planTypeScript(ir: IrApi, options: TargetOptions): TargetPlan {
  const views = buildViews(ir, options.packageName, options.specName);
  const warnings: string[] = [];
  for (const s of ir.securitySchemes) {
    if (s.kind === 'oauth2' && s.flows.some((f) => f.kind === 'implicit')) {
      warnings.push(`${s.wireName}: the implicit flow is not supported by the TypeScript SDK (no manager generated)`);
    }
  }
  if (!views.flows.some((f) => f.isAcg || f.isRopcg)) {
    warnings.push('the spec has no authorization code or password flow');
  }
  const root = views.root;
  const files: PlannedFile[] = [
    { path: 'package.json', template: 'package.json.hbs', view: root },
    { path: 'tsconfig.json', staticFile: 'tsconfig.json' },
    { path: 'README.md', template: 'README.md.hbs', view: root },
    { path: 'src/index.ts', template: 'src/index.ts.hbs', view: root },
    // Node-only entry point (`<package>/node`): the file token store. Kept apart so that the main
    // entry never imports a `node:` module.
    { path: 'src/node.ts', staticFile: 'src/node.ts' },
    { path: 'src/client.ts', template: 'src/client.ts.hbs', view: root },
    { path: 'src/auth.ts', template: 'src/auth.ts.hbs', view: root },
    { path: 'src/models.ts', template: 'src/models.ts.hbs', view: root },
    ...views.controllers.map((c) => ({
      path: `src/controllers/${c.file}.ts`,
      template: 'src/controller.ts.hbs',
      view: c.view,
    })),
    ...RUNTIME_FILES.map((f) => ({ path: `src/runtime/${f}`, staticFile: `src/runtime/${f}` })),
  ];
  for (const flow of views.flows) {
    if (!flow.hasDocFile) continue;
    files.push({
      path: `doc/auth/${flow.docFile}.md`,
      template: flow.isAcg ? 'doc/authorization-code.md.hbs' : 'doc/password.md.hbs',
      view: { ...root, flow },
    });
  }
  return { files, warnings };
}

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
