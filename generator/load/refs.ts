/**
 * `$ref` string handling shared by bundling, `locate` and `resolveRef`: splitting a reference into
 * the target file and the JSON pointer tokens of its fragment (with `~0`/`~1` and `%xx` escapes).
 */
import { dirname, resolve } from 'node:path';

export interface ParsedRef {
  /** Absolute path of the target file (the referring file for internal refs). */
  abs: string;
  /** Unescaped pointer tokens of the fragment (`[]` for the whole file). */
  tokens: string[];
  /** Whether the reference points into another file. */
  external: boolean;
}

/** Whether a `$ref` value points to a remote URL (not supported: grantgen only reads local files). */
export function isRemoteRef(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !/^file:\/\//i.test(ref);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Unescape the tokens of a JSON pointer; `#`-prefixed (URI fragment) pointers are %-decoded too. */
export function splitPointer(pointer: string): string[] {
  const frag = pointer.startsWith('#');
  const p = frag ? pointer.slice(1) : pointer;
  if (p === '') return [];
  return p
    .split('/')
    .slice(1)
    .map((t) => (frag ? decode(t) : t).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Whether a fragment is a JSON pointer (`#`, `#/...`) rather than a plain-name anchor (`#foo`). */
export function isPointerFragment(fragment: string): boolean {
  return fragment === '' || fragment.startsWith('/');
}

/** Split `ref` (relative to the file `baseAbs`) into target file and pointer tokens. */
export function parseRef(ref: string, baseAbs: string): ParsedRef {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  const tokens = splitPointer('#' + fragment);
  if (filePart === '') return { abs: baseAbs, tokens, external: false };
  let p = filePart.replace(/^file:\/\//i, '');
  p = decode(p);
  const abs = resolve(dirname(baseAbs), p);
  return { abs, tokens, external: abs !== baseAbs };
}

/** Child of a parsed JSON value by pointer token (own properties only). */
export function childOf(value: unknown, token: string): { found: boolean; value: unknown } {
  if (Array.isArray(value)) {
    if (!/^(0|[1-9]\d*)$/.test(token)) return { found: false, value: undefined };
    const i = Number(token);
    return i < value.length ? { found: true, value: value[i] } : { found: false, value: undefined };
  }
  if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, token)) {
    return { found: true, value: (value as Record<string, unknown>)[token] };
  }
  return { found: false, value: undefined };
}

/** The `$ref` string of a reference object, if `value` is one. */
export function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = (value as { $ref?: unknown }).$ref;
  return typeof r === 'string' ? r : undefined;
}
