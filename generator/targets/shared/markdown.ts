/**
 * Markdown escaping for spec strings, per landing place. Raw HTML is neutralized (`<` → `&lt;`),
 * Markdown punctuation is backslash-escaped, and table cells never break the table.
 */

/** Inline text (a paragraph or heading): no HTML, no emphasis/links/code from the spec. */
export function mdText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/[\u2028\u2029]/g, ' ');
}

/** A paragraph: like mdText, blank lines kept as paragraph breaks. */
export function mdParagraph(raw: string): string {
  return mdText(raw.trim())
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)([-=])/gm, '$1\\$2');
}

/** One table cell: single line, pipes escaped. */
export function mdCell(raw: string): string {
  return mdText(raw.trim()).replace(/\n+/g, ' ');
}

/** Inline code span that cannot be broken out of, whatever backticks the value holds. */
export function mdCode(raw: string): string {
  const oneLine = raw.replace(/[\r\n\u2028\u2029]+/g, ' ');
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
