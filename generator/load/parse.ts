/**
 * Parsing spec text into a plain JS value. JSON goes through `JSON.parse` (fast path; big specs
 * are JSON); YAML through `yaml` with unique keys and an alias-expansion limit. Which parser runs
 * first depends on the extension, then on sniffing the first character.
 */
import { extname } from 'node:path';
import type { Document, YAMLError } from 'yaml';
import { GrantgenError, pointerJoin, type SpecProblem } from '../errors.js';
import { offsetToPos, problem } from './problem.js';
import { readCachedYaml, writeCachedYaml, yamlLib } from './yaml-cache.js';

export type SourceFormat = 'json' | 'yaml';

export interface ParsedText {
  value: unknown;
  /** Which parser produced `value` (drives how `locate` re-reads the text). */
  format: SourceFormat;
}

/** Alias expansion limit (billion-laughs protection). */
export const MAX_ALIAS_COUNT = 1000;
/** Options for every YAML parse of a spec. */
export const YAML_OPTIONS = { uniqueKeys: true, maxAliasCount: MAX_ALIAS_COUNT } as const;

/** Whether the text should be tried as JSON first: by extension, else by its first character. */
export function looksLikeJson(text: string, file: string): boolean {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.yaml' || ext === '.yml') return false;
  const m = /\S/.exec(text);
  return m !== null && (m[0] === '{' || m[0] === '[');
}

/**
 * Parse `text` (the content of `file`) into a value. Throws `GrantgenError` with `json-syntax`,
 * `yaml-syntax` or `duplicate-key` problems (all YAML errors at once, with line and column).
 */
export function parseSpecText(text: string, file: string): ParsedText {
  if (looksLikeJson(text, file)) {
    checkJsonNesting(text, file);
    try {
      return { value: JSON.parse(text), format: 'json' };
    } catch (e) {
      // Not strict JSON: it may still be YAML (comments, trailing commas are not, but single
      // quotes, unquoted keys etc. are). Report the JSON error if YAML does not make sense of it.
      // Large JSON-looking files are not retried as YAML: the YAML parser is far slower.
      if (text.length > YAML_RETRY_LIMIT) throw GrantgenError.one(jsonProblem(e, text, file));
      const viaYaml = tryYaml(text, file);
      if (viaYaml.ok) return { value: viaYaml.value, format: 'yaml' };
      const sniffJson = /^\s*[[{]/.test(text);
      if (sniffJson || viaYaml.problems.length === 0) throw GrantgenError.one(jsonProblem(e, text, file));
      throw new GrantgenError(viaYaml.problems);
    }
  }
  const r = tryYaml(text, file);
  if (r.ok) return { value: r.value, format: 'yaml' };
  throw new GrantgenError(r.problems);
}

/** JSON text longer than this is never retried as YAML. */
const YAML_RETRY_LIMIT = 1024 * 1024;
/** Deepest bracket nesting accepted; real specs stay far below (JSON.parse takes seconds on millions). */
export const MAX_NESTING = 512;

/** One linear pass over the text (strings skipped): refuse absurd nesting before parsing. */
function checkJsonNesting(text: string, file: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_NESTING) {
        throw GrantgenError.one(
          problem(
            'nesting-too-deep',
            file,
            '',
            `the document nests arrays/objects more than ${MAX_NESTING} levels deep`,
            'This is not a usable OpenAPI document; check that the right file was given.',
            offsetToPos(text, i),
          ),
        );
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
}

type YamlResult = { ok: true; value: unknown } | { ok: false; problems: SpecProblem[] };

function tryYaml(text: string, file: string): YamlResult {
  const cached = readCachedYaml('spec', text);
  if (cached !== undefined) return { ok: true, value: cached };
  const r = parseYaml(text, file);
  if (r.ok) writeCachedYaml('spec', text, r.value);
  return r;
}

function parseYaml(text: string, file: string): YamlResult {
  let doc: Document;
  try {
    doc = yamlLib().parseDocument(text, YAML_OPTIONS);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return {
      ok: false,
      problems: [
        problem(
          'nesting-too-deep',
          file,
          '',
          'the YAML document nests too deeply to parse',
          'This is not a usable OpenAPI document; check that the right file was given.',
        ),
      ],
    };
  }
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => yamlProblem(e, doc, file)) };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      problems: [
        problem(
          'yaml-syntax',
          file,
          '',
          /alias/i.test(msg)
            ? `YAML aliases (*name) expand to too many nodes (limit ${MAX_ALIAS_COUNT}); this looks like an alias bomb ("billion laughs")`
            : `cannot convert the YAML document: ${msg}`,
          /alias/i.test(msg)
            ? 'Write the repeated parts out, or use $ref instead of deeply nested YAML anchors/aliases.'
            : 'Fix the YAML so that it is a plain JSON-compatible document.',
        ),
      ],
    };
  }
}

function yamlProblem(e: YAMLError, doc: Document, file: string): SpecProblem {
  const pos = e.linePos?.[0];
  const where = pos ? { line: pos.line, column: pos.col } : undefined;
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'DUPLICATE_KEY') {
    const { pointer, key } = pointerAtKeyOffset(doc, e.pos[0]);
    return problem(
      'duplicate-key',
      file,
      pointer,
      `duplicate key${key ? ` ${JSON.stringify(key)}` : ''}: ${message}`,
      'Remove or rename one of the two entries; YAML mappings must not repeat a key.',
      where,
    );
  }
  if (e.code === 'MULTIPLE_DOCS') {
    return problem(
      'yaml-syntax',
      file,
      '',
      'the file holds several YAML documents (separated by `---`)',
      'Keep exactly one document per spec file.',
      where,
    );
  }
  return problem(
    'yaml-syntax',
    file,
    '',
    `YAML syntax error: ${message}`,
    'Fix the YAML at the given line and column (check indentation, quoting and colons).',
    where,
  );
}

/** JSON pointer of the map entry whose key starts at `offset` (for duplicate-key messages). */
function pointerAtKeyOffset(doc: Document, offset: number): { pointer: string; key: string } {
  let found = '';
  let last = '';
  const { isPair, isScalar, visit } = yamlLib();
  visit(doc, {
    Pair(_key, pair, path) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const tokens: string[] = [];
      for (const n of path) if (isPair(n) && isScalar(n.key)) tokens.push(String(n.key.value));
      tokens.push(String(pair.key.value));
      last = String(pair.key.value);
      found = pointerJoin('', ...tokens);
      return visit.BREAK;
    },
  });
  return { pointer: found, key: last };
}

function jsonProblem(e: unknown, text: string, file: string): SpecProblem {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /at position (\d+)/.exec(msg);
  const lc = /\(line (\d+) column (\d+)\)/.exec(msg);
  const where = lc
    ? { line: Number(lc[1]), column: Number(lc[2]) }
    : m
      ? offsetToPos(text, Number(m[1]))
      : /Unexpected end of JSON input/.test(msg)
        ? offsetToPos(text, text.length)
        : undefined;
  const clean = msg.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
  return problem(
    'json-syntax',
    file,
    '',
    `JSON syntax error: ${clean}`,
    'Fix the JSON at the given line and column (look for a missing comma, quote or bracket just before it).',
    where,
  );
}
