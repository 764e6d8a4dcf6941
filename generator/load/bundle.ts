/**
 * External `$ref` handling. When the document references other files, every reference is checked
 * first (all problems collected in one pass: missing files, missing pointers, pure `$ref` cycles),
 * then json-schema-ref-parser's `bundle` turns external refs into internal ones. Internal refs are
 * left as they are; recursive schemas stay recursive `$ref`s, so nothing hangs.
 */
import type { FileInfo } from '@apidevtools/json-schema-ref-parser';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { GrantgenError, pointerJoin, type SpecProblem } from '../errors.js';
import { parseSpecText } from './parse.js';
import { readSpecText } from './read.js';
import { Locator, type SourceFile } from './locate.js';
import { childOf, isPointerFragment, isRemoteRef, parseRef, refOf } from './refs.js';

export interface Loaded extends SourceFile {
  value: unknown;
}

export interface BundleResult {
  document: unknown;
  /** Every file read, by absolute path (the main file first). */
  sources: Map<string, SourceFile>;
}

/** Whether any `$ref` in `value` points outside the document (one cheap iterative walk). */
export function hasExternalRefs(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
      continue;
    }
    const r = (v as { $ref?: unknown }).$ref;
    if (typeof r === 'string' && !r.startsWith('#')) return true;
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null) stack.push(x);
    }
  }
  return false;
}

/** Bundle external refs of `main` into one document; throws `GrantgenError` listing all broken refs. */
export async function bundleExternal(main: Loaded): Promise<BundleResult> {
  const sources = new Map<string, SourceFile>([[main.absPath, main]]);
  if (!hasExternalRefs(main.value)) return { document: main.value, sources };

  const checker = new RefChecker(main);
  await checker.run();
  if (checker.problems.length > 0) throw new GrantgenError(checker.problems);
  for (const [abs, f] of checker.files) sources.set(abs, f);

  const valueOf = (url: string): unknown => {
    const abs = url.startsWith('file:') ? fileURLToPath(url) : safeDecode(url);
    const f = checker.files.get(abs);
    if (!f) throw new Error(`unexpected file ${abs}`);
    return f.value;
  };
  try {
    // Loaded on demand: only specs with external $refs need the bundler.
    const { $RefParser } = await import('@apidevtools/json-schema-ref-parser');
    const document = await $RefParser.bundle(main.absPath, main.value as object, {
      resolve: {
        external: true,
        http: false,
        file: false,
        grantgen: { order: 1, canRead: true, read: (file: FileInfo) => valueOf(file.url) as object },
      },
      parse: {
        json: false,
        yaml: false,
        text: false,
        binary: false,
        grantgen: { order: 1, canParse: true, parse: (file: FileInfo) => file.data },
      },
    });
    const leftover = fixRefsToMain(document, checker.refsToMain);
    if (leftover) {
      throw GrantgenError.one({
        code: 'ref-cycle',
        file: main.file,
        pointer: leftover.pointer,
        message: `cannot bundle the external $ref "${leftover.ref}": the files reference each other in a way the bundler cannot inline`,
        hint: 'Move the schemas involved in the cycle into one file (or into components/schemas of the main file) and $ref them from there.',
      });
    }
    return { document, sources };
  } catch (e) {
    if (e instanceof GrantgenError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw GrantgenError.one({
      code: /circular/i.test(msg) ? 'ref-cycle' : 'ref-missing',
      file: main.file,
      pointer: '',
      message: `cannot bundle the external $refs: ${msg}`,
      hint: 'Check the $ref targets named in the message (file paths are relative to the file containing the $ref).',
    });
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Target = { ok: true; value: unknown } | { ok: false; why: 'missing' | 'cycle' | 'file'; detail: string };

/** Reads every file reachable through `$ref`s and checks every reference in them. */
class RefChecker {
  readonly files = new Map<string, Loaded>();
  readonly problems: SpecProblem[] = [];
  /** `$ref` strings in other files that point back into the main file. */
  readonly refsToMain = new Set<string>();
  private readonly failed = new Map<string, string>();

  /** Positions for problems, over the files read so far. */
  private readonly locator: Locator;

  constructor(private readonly main: Loaded) {
    this.files.set(main.absPath, main);
    this.locator = new Locator(this.files, main.absPath);
  }

  async run(): Promise<void> {
    const queue = [this.main.absPath];
    const walked = new Set<string>();
    while (queue.length > 0) {
      const abs = queue.shift()!;
      if (walked.has(abs)) continue;
      walked.add(abs);
      const f = this.files.get(abs);
      if (!f) continue;
      for (const { tokens, ref } of collectRefs(f.value)) {
        const pointer = pointerJoin('', ...tokens, '$ref');
        const target = await this.check(f, ref, pointer);
        if (target) queue.push(target);
      }
    }
  }

  /** Check one reference; returns the target file to walk next, if any. */
  private async check(from: Loaded, ref: string, pointer: string): Promise<string | undefined> {
    const report = (code: string, message: string, hint: string): undefined => {
      this.problems.push({
        code,
        file: from.file,
        pointer,
        ...(this.locator.positionIn(from.absPath, pointer) ?? {}),
        message,
        hint,
      });
      return undefined;
    };
    if (isRemoteRef(ref)) {
      return report(
        'ref-missing',
        `$ref "${ref}" points to a remote URL, which grantgen does not fetch`,
        'Download the referenced document and $ref it by a relative file path.',
      );
    }
    const hash = ref.indexOf('#');
    if (hash !== -1 && !isPointerFragment(ref.slice(hash + 1))) return undefined; // `#anchor`: left to the bundler
    const pr = parseRef(ref, from.absPath);
    if (pr.external && pr.abs === this.main.absPath) this.refsToMain.add(ref);
    const target = await this.load(pr.abs);
    if (!target) {
      const why = this.failed.get(pr.abs) ?? 'missing';
      if (why !== 'missing') return undefined; // the file's own problems are already reported
      return report(
        'ref-missing',
        `$ref "${ref}": file not found: ${this.display(pr.abs)}`,
        `Check the path; it is resolved relative to the folder of ${from.file}.`,
      );
    }
    const r = this.resolve(pr.abs, pr.tokens, new Set());
    if (!r.ok) {
      if (r.why === 'cycle') {
        return report(
          'ref-cycle',
          `$ref "${ref}" never reaches a value: ${r.detail}`,
          'Break the loop: at least one $ref in the chain must point to an actual schema/object, not to another $ref.',
        );
      }
      if (r.why === 'file') return undefined;
      return report(
        'ref-missing',
        `$ref "${ref}": ${r.detail}`,
        'Check the part after # (a JSON pointer like #/components/schemas/Name; escape "/" as ~1 and "~" as ~0).',
      );
    }
    return pr.abs;
  }

  /** Follow pointer tokens (through intermediate `$ref`s) and detect pure `$ref` loops. */
  private resolve(abs: string, tokens: string[], seen: Set<string>): Target {
    const key = abs + '#' + pointerJoin('', ...tokens);
    if (seen.has(key) || seen.size > 64) {
      return { ok: false, why: 'cycle', detail: [...seen, key].map((k) => this.shortKey(k)).join(' -> ') };
    }
    seen.add(key);
    const f = this.files.get(abs);
    if (!f) return { ok: false, why: 'file', detail: abs };
    let cur: unknown = f.value;
    const curAbs = abs;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const c = childOf(cur, t);
      if (c.found) {
        cur = c.value;
        continue;
      }
      const via = refOf(cur);
      if (via === undefined) {
        return {
          ok: false,
          why: 'missing',
          detail: `${pointerJoin('', ...tokens.slice(0, i + 1))} not found in ${this.display(curAbs)}`,
        };
      }
      const pr = parseRef(via, curAbs);
      if (!this.files.has(pr.abs)) return { ok: true, value: undefined }; // checked when that file is walked
      const r = this.resolve(pr.abs, [...pr.tokens, ...tokens.slice(i)], seen);
      return r;
    }
    const next = refOf(cur);
    if (next !== undefined && typeof cur === 'object' && cur !== null && Object.keys(cur).length === 1) {
      const pr = parseRef(next, curAbs);
      if (pr.abs !== curAbs && !this.files.has(pr.abs)) return { ok: true, value: cur };
      return this.resolve(pr.abs, pr.tokens, seen);
    }
    return { ok: true, value: cur };
  }

  private shortKey(key: string): string {
    const i = key.indexOf('#');
    return `${this.display(key.slice(0, i))}#${key.slice(i + 1)}`;
  }

  /** Read and parse a referenced file once; problems other than ENOENT are recorded. */
  private async load(abs: string): Promise<Loaded | undefined> {
    const have = this.files.get(abs);
    if (have || this.failed.has(abs)) return have;
    const file = this.display(abs);
    try {
      const text = await readSpecText(abs, file);
      const { value, format } = parseSpecText(text, file);
      const f: Loaded = { absPath: abs, file, text, format, value };
      this.files.set(abs, f);
      return f;
    } catch (e) {
      if (!(e instanceof GrantgenError)) throw e;
      const missing = e.problems.every((p) => p.code === 'file-missing');
      this.failed.set(abs, missing ? 'missing' : 'broken');
      if (!missing) this.problems.push(...e.problems);
      return undefined;
    }
  }

  /** Name of a referenced file for messages: relative to the main file as the user spelled it. */
  private display(abs: string): string {
    return join(dirname(this.main.file), relative(dirname(this.main.absPath), abs));
  }
}

/**
 * json-schema-ref-parser leaves `$ref`s that point from another file back into the main file
 * (cycles through the root) unchanged; turn them into internal refs. Returns the first remaining
 * external `$ref`, if any.
 */
function fixRefsToMain(
  document: unknown,
  refsToMain: ReadonlySet<string>,
): { ref: string; pointer: string } | undefined {
  let leftover: { ref: string; pointer: string } | undefined;
  for (const { tokens, ref } of collectRefs(document)) {
    if (ref.startsWith('#')) continue;
    if (refsToMain.has(ref)) {
      const hash = ref.indexOf('#');
      const holder = tokens.reduce<unknown>((v, t) => (v as Record<string, unknown>)[t], document) as { $ref: string };
      holder.$ref = hash === -1 ? '#' : ref.slice(hash);
    } else {
      leftover ??= { ref, pointer: pointerJoin('', ...tokens, '$ref') };
    }
  }
  return leftover;
}

/** Every `$ref` string in `value` with the tokens of the object holding it. */
function collectRefs(value: unknown): { tokens: string[]; ref: string }[] {
  const out: { tokens: string[]; ref: string }[] = [];
  const stack: { v: unknown; tokens: string[] }[] = [{ v: value, tokens: [] }];
  while (stack.length > 0) {
    const { v, tokens } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], tokens: [...tokens, String(i)] });
      continue;
    }
    const r = refOf(v);
    if (r !== undefined) out.push({ tokens, ref: r });
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null) stack.push({ v: x, tokens: [...tokens, k] });
    }
  }
  return out;
}
