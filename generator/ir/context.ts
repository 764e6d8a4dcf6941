/**
 * Shared state of one IR build: the document, `$ref` resolution with cycle detection, and the
 * problem/warning collectors. Problems are collected (not thrown) so `validate` reports them all.
 */
import { type SpecProblem, pointerJoin } from '../errors.js';
import type { IrDiagnostic } from './types.js';
import { wellFormedDocument } from './well-formed.js';

/** What the IR builder needs from the load stage. */
export interface SpecSource {
  file: string;
  document: Record<string, unknown>;
  specVersion: string;
  locate?(pointer: string): { file: string; pointer: string; line: number; column: number } | undefined;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A scalar as text (YAML turns `version: 1.0` into a number); anything else is ''. */
export function scalar(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** Lone-surrogate warnings listed one by one; the rest are counted. */
const MAX_SURROGATE_WARNINGS = 10;

export class BuildContext {
  readonly problems: SpecProblem[] = [];
  readonly warnings: IrDiagnostic[] = [];
  /** The document with lone UTF-16 surrogates replaced by U+FFFD (see `well-formed.ts`). */
  private readonly document: JsonObject;
  constructor(readonly source: SpecSource) {
    let count = 0;
    this.document = wellFormedDocument(source.document as JsonObject, (pointer) => {
      if (++count <= MAX_SURROGATE_WARNINGS)
        this.warn(
          'lone-surrogate',
          pointer,
          'a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape) cannot be encoded in UTF-8; replaced by U+FFFD',
        );
    });
    if (count > MAX_SURROGATE_WARNINGS)
      this.warn('lone-surrogate', '', `${count - MAX_SURROGATE_WARNINGS} more strings with lone UTF-16 surrogates`);
  }

  get doc(): JsonObject {
    return this.document;
  }

  problem(code: string, pointer: string, message: string, hint: string): void {
    const loc = this.source.locate?.(pointer);
    // `locate` stops at the deepest node that exists in the source. For a field that is missing
    // (`tokenUrl`, `in`, `flows`) that is its parent: keep the line of the parent but the pointer
    // of the missing field, which names what to add. Only when the location is in the spec file
    // itself and the document was not converted (Swagger 2.0 pointers map to another layout).
    const precise =
      loc !== undefined &&
      loc.file === this.source.file &&
      this.source.specVersion !== '2.0' &&
      (pointer === loc.pointer || pointer.startsWith(loc.pointer + '/'));
    this.problems.push({
      code,
      file: loc?.file ?? this.source.file,
      pointer: precise ? pointer : (loc?.pointer ?? pointer),
      line: loc?.line,
      column: loc?.column,
      message,
      hint,
    });
  }

  warn(code: string, pointer: string, message: string): void {
    this.warnings.push({ code, pointer, message });
  }

  /**
   * Follow `$ref`s (internal only; the loader bundled external ones) until a non-ref value.
   * Returns the value and the pointer it lives at, or undefined (with a problem recorded) when a
   * ref is broken or the chain loops.
   */
  deref(value: unknown, pointer: string): { value: unknown; pointer: string } | undefined {
    const seen = new Set<string>();
    let current = value;
    let at = pointer;
    while (isObject(current) && typeof current['$ref'] === 'string') {
      const ref = current['$ref'];
      if (!ref.startsWith('#')) {
        this.problem(
          'ref-external',
          at,
          `external $ref "${ref}" was not bundled`,
          'check that the referenced file exists',
        );
        return undefined;
      }
      if (seen.has(ref)) {
        this.problem('ref-cycle', at, `$ref chain loops at "${ref}"`, 'make one of the $refs point at a real object');
        return undefined;
      }
      seen.add(ref);
      const target = this.lookup(ref);
      if (target === undefined) {
        this.problem(
          'ref-missing',
          at,
          `$ref "${ref}" points at nothing`,
          'fix the JSON pointer or add the missing definition',
        );
        return undefined;
      }
      current = target;
      at = ref.slice(1);
    }
    return { value: current, pointer: at };
  }

  /** Resolve an internal pointer (`#/components/schemas/User`) against the document. */
  lookup(ref: string): unknown {
    const tokens = ref
      .replace(/^#/, '')
      .split('/')
      .slice(1)
      .map((t) => safeDecode(t).replace(/~1/g, '/').replace(/~0/g, '~'));
    let cur: unknown = this.doc;
    for (const t of tokens) {
      if (Array.isArray(cur)) cur = cur[Number(t)];
      else if (isObject(cur) && Object.hasOwn(cur, t)) cur = cur[t];
      else return undefined;
    }
    return cur;
  }

  ptr(base: string, ...tokens: (string | number)[]): string {
    return pointerJoin(base, ...tokens);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
