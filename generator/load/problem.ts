/**
 * Small helpers shared by the load stage for building `SpecProblem`s and throwing them.
 */
import { GrantgenError, type SpecProblem } from '../errors.js';

/** Build a problem; `line`/`column` are only set when known (exactOptionalPropertyTypes-safe). */
export function problem(
  code: string,
  file: string,
  pointer: string,
  message: string,
  hint: string,
  pos?: { line: number; column: number },
): SpecProblem {
  const p: SpecProblem = { code, file, pointer, message, hint };
  if (pos) {
    p.line = pos.line;
    p.column = pos.column;
  }
  return p;
}

/** Throw one problem as a `GrantgenError`. */
export function fail(...args: Parameters<typeof problem>): never {
  throw GrantgenError.one(problem(...args));
}

/** Whether `e` is a Node.js system error with the given `code`. */
export function isErrnoCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

/** 1-based line and column of a character offset in `text`. */
export function offsetToPos(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
