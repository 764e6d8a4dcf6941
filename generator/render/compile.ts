/**
 * Template compilation with a disk cache. Compiling Handlebars templates (parse + code generation)
 * dominated small runs, so each template's precompiled form is cached by content hash under
 * `node_modules/.cache/grantgen/hbs/`; a warm run loads only the small Handlebars runtime.
 * The compile options are part of the key, and the cached code is Handlebars' own output for
 * exactly that source, so results are identical with or without the cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Handlebars from 'handlebars';
import { CACHE_ROOT } from '../package-root.js';
import { KNOWN_HELPERS } from './helpers.js';

type HandlebarsEnv = typeof Handlebars;
/** Handlebars' precompiled template specification (an object of functions). */
type TemplateSpec = Parameters<HandlebarsEnv['template']>[0];

const require = createRequire(import.meta.url);

export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: KNOWN_HELPERS,
  noEscape: true,
  preventIndent: true,
} as const;

let runtime: HandlebarsEnv | null = null;
/** The Handlebars runtime (no compiler): enough to run precompiled templates. */
export function handlebarsRuntime(): HandlebarsEnv {
  // The single-file build of the same runtime (`handlebars/runtime` pulls in ~20 CommonJS files).
  return (runtime ??= require('handlebars/dist/handlebars.runtime.js') as HandlebarsEnv);
}

function cacheDir(): string | null {
  return process.env['GRANTGEN_NO_TEMPLATE_CACHE'] ? null : path.join(CACHE_ROOT, 'hbs');
}

const DIR = cacheDir();
/** Makes the template function for one Handlebars environment (partials are passed at render). */
export type TemplateFactory = (env: HandlebarsEnv) => HandlebarsTemplateDelegate;
const factories = new Map<string, TemplateFactory>();

/**
 * The precompiled spec of `source`: from memory, else the disk cache (an ES module imported
 * natively: no eval), else Handlebars' full compiler. Without a writable cache folder the spec is
 * compiled in memory instead.
 */
export async function precompiled(source: string): Promise<TemplateFactory> {
  const key = keyOf(source);
  const hit = factories.get(key);
  if (hit) return hit;
  let spec: TemplateSpec | null = null;
  const file = DIR ? path.join(DIR, `${key}.mjs`) : null;
  if (file) spec = await importDefault<TemplateSpec>(file);
  let factory: TemplateFactory;
  if (spec) {
    const s = spec;
    factory = (env) => env.template(s);
  } else {
    const compiler = require('handlebars') as HandlebarsEnv;
    if (file && writeModule(file, compiler.precompile(source, COMPILE_OPTIONS) as string))
      spec = await importDefault<TemplateSpec>(file);
    if (spec) {
      const s = spec;
      factory = (env) => env.template(s);
    } else {
      // No usable cache folder: compile in memory with the full compiler.
      const fn = compiler.compile(source, COMPILE_OPTIONS);
      factory = () => fn;
    }
  }
  factories.set(key, factory);
  return factory;
}

function keyOf(source: string): string {
  return createHash('sha256').update(JSON.stringify(COMPILE_OPTIONS)).update('\0').update(source).digest('hex');
}

/**
 * The factories of a whole template set at once. A set's precompiled specs are also cached as one
 * module (`set-<hash of the templates' keys>.mjs`), so a warm run imports one module per target
 * instead of one per template. A miss (a new or edited template) falls back to `precompiled` per
 * template and then writes the set module from the per-template modules.
 */
export async function precompiledSet(sources: readonly string[]): Promise<TemplateFactory[]> {
  const keys = sources.map(keyOf);
  if (keys.every((k) => factories.has(k))) return keys.map((k) => factories.get(k) as TemplateFactory);
  const setFile = DIR ? path.join(DIR, `set-${createHash('sha256').update(keys.join(',')).digest('hex')}.mjs`) : null;
  const set = setFile ? await importDefault<Record<string, TemplateSpec>>(setFile) : null;
  if (set && keys.every((k) => k in set)) {
    return keys.map((k) => {
      const s = set[k] as TemplateSpec;
      const factory: TemplateFactory = factories.get(k) ?? ((env) => env.template(s));
      factories.set(k, factory);
      return factory;
    });
  }
  const out = await Promise.all(sources.map((s) => precompiled(s)));
  if (setFile) writeSetModule(setFile, keys);
  return out;
}

/** Write the set module from the per-template modules (skipped when any of them is missing). */
function writeSetModule(file: string, keys: readonly string[]): void {
  const parts: string[] = [];
  for (const k of new Set(keys)) {
    let code: string | null;
    try {
      code = codeOfModule(readFileSync(path.join(path.dirname(file), `${k}.mjs`), 'utf8'));
    } catch {
      return;
    }
    if (code === null) return;
    parts.push(`${JSON.stringify(k)}: ${code}`);
  }
  writeModule(file, `{\n${parts.join(',\n')}\n}`);
}

/** The default export of a cached module, or null when it is missing or does not load. */
async function importDefault<T>(file: string): Promise<T | null> {
  if (!existsSync(file)) return null;
  try {
    return ((await import(pathToFileURL(file).href)) as { default: T }).default;
  } catch {
    return null;
  }
}

/** A cache module exporting `code` (a JavaScript expression); `codeOfModule` reads it back. */
function writeModule(file: string, code: string): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `export default ${code};\n`);
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

function codeOfModule(text: string): string | null {
  return /^export default ([\s\S]*);\n$/.exec(text)?.[1] ?? null;
}
