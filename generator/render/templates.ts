/**
 * Template sources for one target: the built-in folder `templates/<target>/` overlaid file by file
 * by user folders (`--templates DIR` holds `DIR/<target>/...`). Templates are precompiled once per
 * content (see compile.ts), so `watch` recompiles only what changed.
 */
import { type Dirent, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { type TemplateFactory, handlebarsRuntime, precompiledSet } from './compile.js';
import { registerHelpers } from './helpers.js';

/** Where the built-in templates live (the package's own `templates/`). */
export const BUILTIN_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

export interface TemplateSet {
  /** Render `templates/<target>/<name>` with `view`. */
  render(name: string, view: object): string;
  /** Read `templates/<target>/static/<file>` (overlay first). */
  readStatic(file: string): Promise<string>;
  /** Every folder the set reads from, for watchers. */
  roots: string[];
}

// Synchronous file-system calls throughout: a template set is ~100 small files read once, and a
// thread-pool round trip per file cost more than the reads themselves (start-up, issue 11 §5).
function listFiles(root: string, rel = ''): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out;
}

/** Load the template set of `target` from the built-in folder plus overlays (later wins). */
export async function loadTemplateSet(
  target: string,
  overlays: string[] = [],
  builtin = BUILTIN_TEMPLATES,
): Promise<TemplateSet> {
  const roots = [path.join(builtin, target), ...overlays.map((o) => path.join(path.resolve(o), target))];
  const sources = new Map<string, { root: string; text: string }>();
  for (const root of roots) {
    for (const rel of listFiles(root)) {
      if (rel.startsWith('static/') || !rel.endsWith('.hbs')) continue;
      sources.set(rel, { root, text: readFileSync(path.join(root, rel), 'utf8') });
    }
  }
  const hb = handlebarsRuntime().create();
  registerHelpers(hb);
  // Every template is precompiled up front (compile errors such as an unknown helper surface here,
  // before anything renders); a template function is made for this set's own environment, and the
  // set's partials are also passed at render time so no other set's partials can leak in.
  const names = [...sources.keys()];
  const factories = await precompiledSet(names.map((rel) => (sources.get(rel) as { text: string }).text));
  const fns = new Map(names.map((rel, i) => [rel, (factories[i] as TemplateFactory)(hb)]));
  const partials: Record<string, HandlebarsTemplateDelegate> = {};
  for (const [rel, fn] of fns) {
    if (rel.startsWith('partials/')) partials[rel.slice('partials/'.length, -'.hbs'.length)] = fn;
  }
  hb.registerPartial(partials);
  return {
    roots,
    render(name, view) {
      const fn = fns.get(name);
      if (!fn) throw new Error(`template ${target}/${name} not found in ${roots.join(', ')}`);
      return fn(view, { partials });
    },
    readStatic(file) {
      for (const root of [...roots].reverse()) {
        try {
          return Promise.resolve(readFileSync(path.join(root, 'static', file), 'utf8'));
        } catch {
          /* try the next root */
        }
      }
      return Promise.reject(new Error(`static file ${target}/static/${file} not found in ${roots.join(', ')}`));
    },
  };
}
