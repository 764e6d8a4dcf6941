/**
 * Start-up cost of YAML: loading and JIT-warming the `yaml` package costs more than the rest of a
 * small generation. `yamlLib()` loads it only when a YAML text is actually parsed, and
 * `cachedYamlValue` keeps the plain value of every successfully parsed YAML text on disk under
 * `node_modules/.cache/grantgen/yaml/`, keyed by the text's hash and the parser's version and
 * options. A hit is exactly what the parser returned for exactly that text (values JSON cannot hold
 * exactly are never cached), so output is the same with or without the cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE_ROOT } from '../package-root.js';

type YamlLib = typeof import('yaml');

const require = createRequire(import.meta.url);
let lib: YamlLib | null = null;

/** The `yaml` package, loaded on first use. */
export function yamlLib(): YamlLib {
  lib ??= require('yaml') as YamlLib;
  return lib;
}

const VERSION = (require('yaml/package.json') as { version: string }).version;
const DIR = process.env['GRANTGEN_NO_PARSE_CACHE'] ? null : path.join(CACHE_ROOT, 'yaml');

function keyOf(kind: string, text: string): string {
  return createHash('sha256').update(`yaml@${VERSION}\0${kind}\0`).update(text).digest('hex');
}

/** Whether JSON holds `v` exactly (finite numbers, plain objects and arrays, no undefined). */
function jsonExact(v: unknown, depth = 0): boolean {
  if (depth > 600) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => jsonExact(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.entries(v as Record<string, unknown>).every(([k, x]) => k !== '__proto__' && jsonExact(x, depth + 1));
  return false;
}

/** The cached value of this exact text (parsed with the options named `kind`), or undefined. */
export function readCachedYaml(kind: string, text: string): unknown {
  if (!DIR) return undefined;
  try {
    return JSON.parse(readFileSync(path.join(DIR, keyOf(kind, text)), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Remember a successful parse (values JSON cannot hold exactly are not cached). */
export function writeCachedYaml(kind: string, text: string, value: unknown): void {
  if (!DIR || value === undefined || !jsonExact(value)) return;
  const file = path.join(DIR, keyOf(kind, text));
  try {
    mkdirSync(DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    /* a read-only cache is fine */
  }
}
