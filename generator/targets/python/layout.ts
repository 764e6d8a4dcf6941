/**
 * The Python target's formatter, run before rendering instead of after (the target has no
 * `format` hook): ruff's line-breaking decisions, measured against its 88 columns.
 *
 * - Statements and signatures are shaped by templates (`templates/python/partials/`); for them this
 *   module only answers "does it fit?" (`fits`, `importFits`, `defFits`, `wrapAssignment`) and the
 *   views pass the answers as booleans.
 * - Nested call/collection expressions that views still pass whole (`layout`) are printed on one
 *   line when they fit, else exploded one item per line with a magic trailing comma (which ruff
 *   never re-joins). Strings and names are atoms ruff cannot split.
 *
 * `test/targets/python/hostile-layout.test.ts` and test/python/sdk.test.ts check the result with
 * `ruff format --check`.
 */

export const LINE_LENGTH = 88;

export type PyExpr =
  | string
  | { kind: 'call'; open: string; close: string; items: PyExpr[]; force?: boolean }
  | { kind: 'kw'; name: string; value: PyExpr };

export const call = (fn: string, items: PyExpr[], force = false): PyExpr => ({
  kind: 'call',
  open: fn + '(',
  close: ')',
  items,
  force,
});
export const list = (items: PyExpr[], force = false): PyExpr => ({ kind: 'call', open: '[', close: ']', items, force });
/** A tuple; a one-element tuple's comma is not a magic trailing comma for ruff, so never forced. */
export const tuple = (items: PyExpr[], force = false): PyExpr => ({
  kind: 'call',
  open: '(',
  close: items.length === 1 ? ',)' : ')',
  items,
  force: force && items.length > 1,
});
export const kw = (name: string, value: PyExpr): PyExpr => ({ kind: 'kw', name, value });

function forced(e: PyExpr): boolean {
  if (typeof e === 'string') return false;
  if (e.kind === 'kw') return forced(e.value);
  return e.force === true || e.items.some(forced);
}

/** One-line form. */
export function compact(e: PyExpr): string {
  if (typeof e === 'string') return e;
  if (e.kind === 'kw') return `${e.name}=${compact(e.value)}`;
  return e.open + e.items.map(compact).join(', ') + e.close;
}

/**
 * Render `e` starting at column `indent` after `prefix` (same line), followed by `suffix`
 * (e.g. `,`). Returns the lines joined with `\n`, the first one including indentation + prefix.
 */
export function layout(e: PyExpr, indent: number, prefix = '', suffix = ''): string {
  const pad = ' '.repeat(indent);
  const one = pad + prefix + compact(e) + suffix;
  if (!forced(e) && one.length <= LINE_LENGTH) return one;
  if (typeof e === 'string') {
    // ruff wraps a too-long right-hand side in parentheses when that makes it fit.
    if (prefix.endsWith('= ') && suffix === '' && pad.length + 4 + e.length <= LINE_LENGTH)
      return `${pad}${prefix}(\n${pad}    ${e}\n${pad})`;
    return one;
  }
  if (e.kind === 'kw') return layout(e.value, indent, prefix + e.name + '=', suffix);
  if (e.items.length === 0) return one;
  const lines = [pad + prefix + e.open];
  for (const item of e.items) lines.push(layout(item, indent + 4, '', ','));
  // A one-element tuple keeps its comma inside: `(\n    x,\n)`.
  const close = e.close === ',)' ? ')' : e.close;
  lines.push(pad + close + suffix);
  return lines.join('\n');
}

/** Whether `line` (already indented) fits in ruff's line length. */
export function fits(line: string): boolean {
  return line.length <= LINE_LENGTH;
}

/** Whether `from module import a, b` fits on one line (else the template parenthesizes it). */
export function importFits(module: string, items: string[]): boolean {
  return fits(`from ${module} import ${items.join(', ')}`);
}

/**
 * Whether a method's `def` fits on one line at class level (`    def name(self, a, b) -> R:`);
 * else ruff puts one parameter per line with a trailing comma. `params` include `self`/`cls`.
 */
export function defFits(name: string, params: string[], returns: string, indent = 4): boolean {
  return fits(`${' '.repeat(indent)}def ${name}(${params.join(', ')}) -> ${returns}:`);
}

/**
 * Whether `NAME = value` at `indent` needs its value wrapped in parentheses on a line of its own:
 * ruff format does that when the line is too long and the wrapped value then fits.
 */
export function wrapAssignment(indent: number, name: string, value: string): boolean {
  return indent + name.length + 3 + value.length > LINE_LENGTH && indent + 4 + value.length <= LINE_LENGTH;
}
