/**
 * The imports of one generated Python module, collected from what the module's view uses (never
 * by scanning emitted code) and printed the way ruff's isort (rule `I`) keeps them: sections
 * `__future__`, standard library, third party, then relative imports (furthest first); `import x`
 * before `from x import ...` in a section; modules sorted; names ordered constants, classes, then
 * the rest.
 */
import { importFits } from './layout.js';

const THIRD_PARTY = new Set(['httpx']);

type Section = 0 | 1 | 2 | 3;

function sectionOf(module: string): Section {
  if (module === '__future__') return 0;
  if (module.startsWith('.')) return 3;
  return THIRD_PARTY.has(module.split('.')[0] as string) ? 2 : 1;
}

/** isort's order-by-type: CONSTANTS, then Classes, then everything else; case-insensitive inside. */
function nameKey(name: string): string {
  const kind = /^[A-Z0-9_]+$/.test(name) && name.length > 1 ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${kind}${name.toLowerCase()}\0${name}`;
}

/** Relative modules furthest first (`..x` before `.x`), then by name. */
function moduleKey(module: string): string {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  return `${String(99 - dots).padStart(2, '0')}${module.slice(dots).toLowerCase()}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Imported names in isort's order (constants, classes, the rest; case-insensitive). */
export function sortImportedNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => compare(nameKey(a), nameKey(b)));
}

/** One import statement for `partials/py_imports.hbs`. */
export interface ImportLineView {
  module: string;
  /** Imported names in isort's order; empty for `import module`. */
  names: string[];
  /** `import module` (no names). */
  plain: boolean;
  /** `from module import a, b` fits on one line; else one name per line in parentheses. */
  oneLine: boolean;
}

/** A module's import block (`partials/py_imports.hbs`): sections separated by a blank line. */
export interface ImportBlockView {
  sections: { lines: ImportLineView[] }[];
}

export class PyImports {
  private readonly from = new Map<string, Set<string>>();
  private readonly plain = new Set<string>();

  /** `from module import name, ...` (no names: `import module`). */
  add(module: string, ...names: string[]): this {
    if (names.length === 0) {
      this.plain.add(module);
      return this;
    }
    const set = this.from.get(module) ?? new Set<string>();
    for (const n of names) set.add(n);
    this.from.set(module, set);
    return this;
  }

  /** The import block for `partials/py_imports.hbs`: names and layout decisions, no code. */
  view(): ImportBlockView {
    const sections: ImportLineView[][] = [[], [], [], []];
    const plain = [...this.plain].sort((a, b) => compare(moduleKey(a), moduleKey(b)));
    for (const m of plain)
      (sections[sectionOf(m)] as ImportLineView[]).push({ module: m, names: [], plain: true, oneLine: true });
    const from = [...this.from.keys()].sort((a, b) => compare(moduleKey(a), moduleKey(b)));
    for (const m of from) {
      const names = sortImportedNames(this.from.get(m) as Set<string>);
      (sections[sectionOf(m)] as ImportLineView[]).push({
        module: m,
        names,
        plain: false,
        oneLine: importFits(m, names),
      });
    }
    return { sections: sections.filter((s) => s.length > 0).map((lines) => ({ lines })) };
  }
}
