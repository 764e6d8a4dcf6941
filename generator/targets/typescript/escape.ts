/**
 * Escapers for spec strings landing in TypeScript output. Each returns text that is safe in exactly
 * one place: `tsStr` a complete string literal, `tsDoc` the body lines of a JSDoc block, `jsonStr`
 * a JSON string (package.json).
 */

/** A double-quoted TS string literal holding `raw` exactly (line/paragraph separators and `$` escaped). */
export function tsStr(raw: string): string {
  return JSON.stringify(raw)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\$/g, '\\u0024')
    .replace(/</g, '\\u003c');
}

/** A JSON string literal (for package.json). */
export function jsonStr(raw: string): string {
  return JSON.stringify(raw)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JSDoc body lines for `raw` (empty array when blank). `*\/` cannot close the comment, `@` cannot
 * start a tag, and no line break variant survives except as a new ` * ` line.
 */
export function tsDoc(raw: string): string[] {
  const text = raw.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').trim();
  if (text === '') return [];
  return text.split('\n').map((line) =>
    line
      .replace(/\*\//g, '*\\/')
      .replace(/\/\*/g, '/\\*')
      .replace(/@/g, '\\@')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .trimEnd(),
  );
}

/** A one-line `//` comment body. */
export function tsComment(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
  return raw.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** A property key: bare when it is a plain identifier, else a string literal. */
export function tsKey(raw: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(raw) ? raw : tsStr(raw);
}
