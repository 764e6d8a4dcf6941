/**
 * Markdown escaping for spec strings, per landing place. Raw HTML is neutralized (`<` → `&lt;`),
 * Markdown punctuation is backslash-escaped, and table cells never break the table.
 */

/** Escape one line of text: no HTML, no emphasis/links/code from the spec. */
function escapeLine(raw: string): string {
  return raw
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/[\u2028\u2029]/g, ' ');
}

/** Inline text (a heading, a list item): one line, so no newline can start a heading or block. */
export function mdText(raw: string): string {
  return escapeLine(raw.replace(/\r\n?|\n|[\u2028\u2029\u0085]/g, ' '));
}

/** A paragraph: like mdText, blank lines kept as paragraph breaks. */
export function mdParagraph(raw: string): string {
  return raw
    .trim()
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(escapeLine)
    .join('\n')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)([-=])/gm, '$1\\$2');
}

/** One table cell: single line, pipes escaped. */
export function mdCell(raw: string): string {
  return mdText(raw.trim()).replace(/\n+/g, ' ');
}

/**
 * Inline code span that cannot be broken out of, whatever backticks the value holds. Pipes are
 * escaped: GFM splits table cells at `|` even inside code spans (and shows `\|` as `|` there).
 */
export function mdCode(raw: string): string {
  const oneLine = raw.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\|/g, '\\|');
  const runs = oneLine.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine === '' ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A link target: only http(s) URLs survive; anything else (javascript:, data:) becomes null. */
export function mdUrl(raw: string): string | null {
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) return null;
  return new URL(raw).toString().replace(/[()<> ]/g, (c) => encodeURIComponent(c));
}
