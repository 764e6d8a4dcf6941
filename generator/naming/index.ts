/**
 * The one place where spec strings become identifiers, per target. Targets call `pyName` /
 * `tsName` with a casing style; collisions are resolved with `NameScope` / `assignNames`.
 */
import { camelCase, flatLowerCase, kebabCase, pascalCase, screamingCase, snakeCase } from './case.js';
import {
  PYTHON_BUILTINS,
  PYTHON_KEYWORDS,
  PYTHON_TEMPLATE_NAMES,
  TS_GLOBALS,
  TS_KEYWORDS,
  TS_TEMPLATE_NAMES,
} from './reserved.js';

export * from './case.js';
export * from './reserved.js';
export * from './scope.js';

export type CaseStyle = 'snake' | 'screaming' | 'pascal' | 'camel' | 'kebab' | 'flat';

/** Longest identifier we emit; longer spec strings are cut (collisions then resolve in the scope). */
export const MAX_IDENTIFIER_LENGTH = 64;

export function applyCase(raw: string, style: CaseStyle): string {
  switch (style) {
    case 'snake':
      return snakeCase(raw);
    case 'screaming':
      return screamingCase(raw);
    case 'pascal':
      return pascalCase(raw);
    case 'camel':
      return camelCase(raw);
    case 'kebab':
      return kebabCase(raw);
    case 'flat':
      return flatLowerCase(raw);
  }
}

/** Cased, non-empty, not starting with a digit, length-capped. No reserved-word check yet. */
function baseIdentifier(raw: string, style: CaseStyle, fallback: string): string {
  let name = applyCase(raw, style);
  if (name === '') name = applyCase(fallback, style);
  if (/^[0-9]/.test(name)) name = '_' + name;
  if (name.length > MAX_IDENTIFIER_LENGTH) name = name.slice(0, MAX_IDENTIFIER_LENGTH).replace(/_+$/, '');
  return name;
}

/** Every name a generated Python identifier must avoid. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  ...PYTHON_KEYWORDS,
  ...PYTHON_BUILTINS,
  ...PYTHON_TEMPLATE_NAMES,
]);

/** Every name a generated TypeScript identifier must avoid. */
export const TS_RESERVED: ReadonlySet<string> = new Set([...TS_KEYWORDS, ...TS_GLOBALS, ...TS_TEMPLATE_NAMES]);

/**
 * A safe Python identifier for a spec string: cased, ASCII, digit-safe, and suffixed with `_` when
 * it is a keyword, builtin, template local or a dunder (PEP 8's rule for clashes).
 */
export function pyName(raw: string, style: CaseStyle, fallback = 'value'): string {
  let name = baseIdentifier(raw, style, fallback);
  if (PYTHON_RESERVED.has(name) || /^__.*__$/.test(name)) name += '_';
  return name;
}

/** A safe TypeScript identifier for a spec string (reserved words and globals get a `_` suffix). */
export function tsName(raw: string, style: CaseStyle, fallback = 'value'): string {
  let name = baseIdentifier(raw, style, fallback);
  if (TS_RESERVED.has(name)) name += '_';
  return name;
}

/** Is `name` a valid, non-reserved Python identifier (ASCII)? */
export function isValidPyName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_RESERVED.has(name) && !/^__.*__$/.test(name);
}

/** Is `name` a valid, non-reserved TypeScript identifier (ASCII)? */
export function isValidTsName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !TS_RESERVED.has(name);
}
