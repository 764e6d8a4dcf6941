/**
 * Escapers for spec strings landing in Go output. `goStr` is a complete interpreted string literal,
 * `goDoc` the lines of a `//` comment (gofmt-stable: no indentation, no blank lines, no `''` or ``` `` ```, so
 * gofmt's doc comment reformatting has nothing to change), `jsonTagName` says whether a wire name can be a
 * struct tag name that encoding/json honours.
 */

/** A double-quoted Go string literal holding `raw` exactly: printable ASCII as is, the rest escaped. */
export function goStr(raw: string): string {
  let out = '"';
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Text without characters Go source cannot hold (NUL, BOM, other controls, lone surrogates). */
function clean(raw: string): string {
  return (
    raw
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

/**
 * Lines of a `//` comment for `raw` (each to be printed as `// <line>`): trimmed, no blank lines,
 * nothing that could end the comment or start a directive.
 */
export function goDoc(...parts: string[]): string[] {
  const lines: string[] = [];
  for (const p of parts) {
    for (const line of clean(p).split('\n')) {
      // gofmt's doc comment formatter turns `` and '' into typographic quotes: keep them apart
      const t = line
        .replace(/\s+/g, ' ')
        .replace(/'(?=')/g, "' ")
        .replace(/`(?=`)/g, '` ')
        .trim();
      if (t !== '') lines.push(t);
    }
  }
  return lines;
}

/** One-line comment text. */
export function goComment(raw: string): string {
  return goDoc(raw).join(' ');
}

/** Can `wire` be a `json:"..."` tag name that encoding/json uses (see its isValidTag)? */
export function jsonTagName(wire: string): boolean {
  if (wire === '') return false;
  for (const ch of wire) {
    if ('!#$%&()*+-./:;<=>?@[]^_{|}~ '.includes(ch)) continue;
    if (!/^[\p{L}\p{N}]$/u.test(ch)) return false;
  }
  return true;
}

/** A struct tag literal for a JSON field (caller checked jsonTagName). */
export function jsonTag(wire: string, omitEmpty: boolean): string {
  return `\`json:${goStr(wire + (omitEmpty ? ',omitempty' : ''))}\``;
}
