/**
 * Escaping of spec strings for each place they land in generated Python, already in the form
 * `ruff format` keeps (quote choice, docstring shape), so the output needs no formatter run.
 */

/** Escape one character that may not appear raw in a Python literal. */
function escapeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  if (code > 0xffff) return '\\U' + code.toString(16).padStart(8, '0');
  return '\\u' + code.toString(16).padStart(4, '0');
}

/**
 * A Python string literal. Double quotes unless the value holds `"` and no `'` (ruff's
 * preference); backslashes, control characters and every non-ASCII character are escaped.
 */
export function pyStr(raw: string): string {
  const quote = raw.includes('"') && !raw.includes("'") ? "'" : '"';
  let out = '';
  for (const ch of raw) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (/[\x20-\x7e]/.test(ch)) out += ch;
    else out += escapeChar(ch);
  }
  return quote + out + quote;
}

/** Normalize free text to lines: newlines unified, control chars and U+2028/9 become spaces. */
export function textLines(raw: string): string[] {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085]/g, '\n')
    .replace(/\t/g, '    ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // Dedent (ruff re-indents docstrings relative to the smallest indentation).
  const indents = lines.filter((l) => l !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}

/** Docstring body text: backslashes doubled, runs of quotes broken up so `"""` cannot close it. */
function docText(line: string): string {
  return line.replace(/\\/g, '\\\\').replace(/"(?=")/g, '\\"');
}

/**
 * The escaped lines of a docstring's text (no indentation, no quotes): `paragraphs` are raw spec
 * texts (empty ones skipped), separated by blank lines; the first line is safe right after `"""`.
 * Empty when there is no text.
 */
export function pyDocLines(paragraphs: string[]): string[] {
  const lines: string[] = [];
  for (const p of paragraphs) {
    const ls = textLines(p);
    if (ls.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(...ls);
  }
  if (lines.length === 0) return [];
  const body = lines.map(docText);
  // The first line must not start with a space or a quote right after `"""`.
  body[0] = (body[0] ?? '').trimStart();
  if (body[0].startsWith('"')) body[0] = '\\' + body[0];
  return body;
}

/** One docstring line from raw text: line breaks become spaces, escaped like `pyDocLines`. */
export function pyDocLine(raw: string): string {
  return docText(textLines(raw.replace(/\s*\n\s*/g, ' ')).join(' '));
}

/**
 * A docstring for a template partial (`partials/py_module_doc.hbs`, `partials/py_class_doc.hbs`):
 * escaped lines, no indentation, no quotes; the partial lays it out.
 */
export interface DocView {
  /** False when the text is empty: the partial prints no docstring at all. */
  hasText: boolean;
  /** The whole text when it is one line (already spaced off a closing quote), else null. */
  oneLine: string | null;
  first: string;
  /** Further lines ('' = blank line). */
  rest: string[];
}

/** `pyDocLines` shaped for a docstring partial. */
export function pyDocView(paragraphs: string[]): DocView {
  const [first = '', ...rest] = pyDocLines(paragraphs);
  const oneLine = rest.length === 0 ? (first.endsWith('"') ? first + ' ' : first) : null;
  return { hasText: first !== '' || rest.length > 0, oneLine, first, rest };
}

/** A one-line `# comment` text (no newlines can escape it). */
export function pyComment(raw: string): string {
  return textLines(raw).join(' ').replace(/\s+/g, ' ').trim();
}

/** A TOML basic string. */
export function tomlStr(raw: string): string {
  let out = '';
  for (const ch of raw) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (/[\x20-\x7e]/.test(ch)) out += ch;
    else {
      const code = ch.codePointAt(0) ?? 0;
      out += code > 0xffff ? '\\U' + code.toString(16).padStart(8, '0') : '\\u' + code.toString(16).padStart(4, '0');
    }
  }
  return '"' + out + '"';
}
