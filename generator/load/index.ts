/**
 * The load stage: read a spec file, parse it (JSON fast path, safe YAML), check its version,
 * bundle external `$ref`s, convert Swagger 2.0 to OpenAPI 3, and expose lazy source locations.
 *
 * Every user-fixable failure is thrown as a `GrantgenError` (see `../errors.ts`) with codes
 * `file-missing`, `file-unreadable`, `file-binary`, `json-syntax`, `yaml-syntax`, `duplicate-key`,
 * `not-openapi`, `unsupported-version`, `ref-missing`, `ref-cycle`, `swagger-convert`.
 */
import { resolve } from 'node:path';
import { GrantgenError, pointerJoin } from '../errors.js';
import { bundleExternal } from './bundle.js';
import { Locator, swagger2Tokens, type Location, type SourceFile } from './locate.js';
import { parseSpecText } from './parse.js';
import { problem } from './problem.js';
import { readSpecText } from './read.js';
import { childOf, refOf, splitPointer } from './refs.js';
import { convertSwagger2 } from './swagger2.js';
import { detectVersion } from './version.js';

export type { Location } from './locate.js';

export interface LoadedSpec {
  /** Path as the user gave it. */
  file: string;
  absPath: string;
  /**
   * Document in OpenAPI 3.x shape: Swagger 2.0 converted (swagger2openapi), external $refs bundled
   * into internal ones (json-schema-ref-parser `bundle`), internal $refs kept as $ref (resolved
   * lazily by the IR builder).
   */
  document: Record<string, unknown>;
  /** The version the file was written in: '2.0', '3.0.x', '3.1.x' or '3.2.x' (actual string from the file). */
  specVersion: string;
  /** Every file read (the spec plus external $ref targets), absolute paths, sorted. For `watch`. */
  files: string[];
  /**
   * Map a JSON pointer of `document` (3.x shape) back to file/line/column of the source, best
   * effort (the deepest existing ancestor when the exact place does not exist in the source),
   * computed lazily. For Swagger 2.0, 3.x pointers map back to the 2.0 place.
   */
  locate(pointer: string): Location | undefined;
  /**
   * Resolve an internal `$ref` string ('#/components/schemas/User') against `document`, following
   * `$ref`-only chains. Throws GrantgenError `ref-missing` (or `ref-cycle`) with the pointer `from`
   * of the referring place.
   */
  resolveRef(ref: string, from: string): unknown;
}

/** Load the spec at `path` (relative to the current directory or absolute). */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  const absPath = resolve(path);
  const text = await readSpecText(absPath, path);
  const { value, format } = parseSpecText(text, path);
  const main: SourceFile = { absPath, file: path, text, format };

  let early: Locator | undefined;
  const posOf = (pointer: string) =>
    (early ??= new Locator(new Map([[absPath, main]]), absPath)).positionIn(absPath, pointer);
  const specVersion = detectVersion(value, path, posOf);

  const { document: bundled, sources } = await bundleExternal({ ...main, value });
  const isSwagger2 = specVersion === '2.0';
  const document = isSwagger2
    ? await convertSwagger2(bundled as Record<string, unknown>, path)
    : (bundled as Record<string, unknown>);

  const locator = new Locator(sources, absPath, isSwagger2 ? swagger2Tokens : undefined);
  const locate = (pointer: string): Location | undefined => locator.locate(pointer);
  return {
    file: path,
    absPath,
    document,
    specVersion,
    files: [...sources.keys()].sort(),
    locate,
    resolveRef: (ref, from) => resolveInternalRef(document, ref, from, path, locate),
  };
}

function resolveInternalRef(
  document: Record<string, unknown>,
  ref: string,
  from: string,
  file: string,
  locate: (pointer: string) => Location | undefined,
): unknown {
  const raise = (code: string, message: string, hint: string): never => {
    const loc = locate(from);
    throw GrantgenError.one(problem(code, loc?.file ?? file, from, message, hint, loc));
  };
  const seen: string[] = [];
  let current = ref;
  for (;;) {
    if (!current.startsWith('#')) {
      return raise(
        'ref-missing',
        `$ref "${current}" is not an internal reference (external refs are bundled when loading)`,
        'Use a reference of the form #/components/schemas/Name.',
      );
    }
    if (seen.includes(current)) {
      return raise(
        'ref-cycle',
        `$ref "${ref}" never reaches a value: ${[...seen, current].join(' -> ')}`,
        'Break the loop: at least one $ref in the chain must point to an actual object, not to another $ref.',
      );
    }
    seen.push(current);
    let value: unknown = document;
    const tokens = splitPointer(current);
    for (let i = 0; i < tokens.length; i++) {
      const c = childOf(value, tokens[i]!);
      if (!c.found) {
        const at = pointerJoin('', ...tokens.slice(0, i + 1));
        return raise(
          'ref-missing',
          `$ref "${current}" points to nothing: ${at} does not exist in the document`,
          'Fix the $ref target (check the spelling of the name; escape "/" as ~1 and "~" as ~0 in pointers).',
        );
      }
      value = c.value;
    }
    const next = refOf(value);
    if (next === undefined || Object.keys(value as object).length !== 1) return value;
    current = next;
  }
}
