/**
 * User-facing errors. Every problem a user can fix (bad path, bad YAML, broken `$ref`, missing
 * `tokenUrl`, ...) is a `SpecProblem`; a run collects them and throws one `GrantgenError`, which the
 * CLI prints without a stack trace and turns into exit code 2.
 */

export interface SpecProblem {
  /** Stable machine code, e.g. `yaml-syntax`, `ref-missing`, `flow-token-url`. */
  code: string;
  /** The file the problem is in (as given by the user, or resolved). */
  file: string;
  /** JSON pointer into that file, `''` for the whole document. */
  pointer: string;
  /** 1-based line and column when known. */
  line?: number | undefined;
  column?: number | undefined;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/** Render one problem as `file:line:col: message (at pointer)\n  hint`. */
export function formatProblem(p: SpecProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  const at = p.pointer ? ` (at ${p.pointer})` : '';
  return `${where}: error ${p.code}: ${p.message}${at}\n  fix: ${p.hint}`;
}

export class GrantgenError extends Error {
  readonly problems: SpecProblem[];
  /** 2 for user errors (the default). */
  readonly exitCode: number;
  constructor(problems: SpecProblem[], exitCode = 2) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'GrantgenError';
    this.problems = problems;
    this.exitCode = exitCode;
  }
  static one(problem: SpecProblem): GrantgenError {
    return new GrantgenError([problem]);
  }
}

/** Escape one JSON pointer reference token (RFC 6901). */
export function pointerToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerJoin(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + pointerToken(String(t))).join('');
}

/** Split a JSON pointer into its unescaped tokens. */
export function pointerSplit(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return p
    .split('/')
    .slice(1)
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
}
