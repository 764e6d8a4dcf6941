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
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
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
  return (runtime ??= require('handlebars/runtime') as HandlebarsEnv);
}

function cacheDir(): string | null {
  if (process.env['GRANTGEN_NO_TEMPLATE_CACHE']) return null;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'node_modules', '.cache', 'grantgen', 'hbs');
}

const DIR = cacheDir();
const specs = new Map<string, TemplateSpec>();

function evaluate(code: string): TemplateSpec {
  // The code is Handlebars' own precompiler output (from the cache or just produced).
  return new Function(`return ${code};`)() as TemplateSpec;
}

/** The precompiled spec of `source` (memory, then disk cache, then the full compiler). */
export function precompiled(source: string): TemplateSpec {
  const key = createHash('sha256').update(JSON.stringify(COMPILE_OPTIONS)).update('\0').update(source).digest('hex');
  const hit = specs.get(key);
  if (hit) return hit;
  const file = DIR ? path.join(DIR, `${key}.js`) : null;
  let code: string | null = null;
  if (file) {
    try {
      code = readFileSync(file, 'utf8');
    } catch {
      /* not cached yet */
    }
  }
  if (code === null) {
    const compiler = require('handlebars') as HandlebarsEnv;
    code = compiler.precompile(source, COMPILE_OPTIONS) as string;
    if (file) {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, code);
        renameSync(tmp, file);
      } catch {
        /* a read-only cache is fine */
      }
    }
  }
  const spec = evaluate(code);
  specs.set(key, spec);
  return spec;
}
