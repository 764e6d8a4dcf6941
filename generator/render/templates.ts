/**
 * Template sources for one target: the built-in folder `templates/<target>/` overlaid file by file
 * by user folders (`--templates DIR` holds `DIR/<target>/...`). Templates are precompiled once per
 * content (see compile.ts), so `watch` recompiles only what changed.
 */
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlebarsRuntime, precompiled } from './compile.js';
import { registerHelpers } from './helpers.js';

/** Where the built-in templates live (the package's own `templates/`). */
export const BUILTIN_TEMPLATES = path.join(packageRoot(), 'templates');

/** The folder holding grantgen's package.json, from source (`generator/`) or build (`dist/generator/`). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export interface TemplateSet {
  /** Render `templates/<target>/<name>` with `view`. */
  render(name: string, view: object): string;
  /** Read `templates/<target>/static/<file>` (overlay first). */
  readStatic(file: string): Promise<string>;
  /** Every folder the set reads from, for watchers. */
  roots: string[];
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, r)));
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
    for (const rel of await listFiles(root)) {
      if (rel.startsWith('static/') || !rel.endsWith('.hbs')) continue;
      sources.set(rel, { root, text: await readFile(path.join(root, rel), 'utf8') });
    }
  }
  const hb = handlebarsRuntime().create();
  registerHelpers(hb);
  // Compiled templates are cached across sets (for `watch`), and a compiled template keeps the
  // Handlebars environment it was first run in. So this set's partials are passed at render
  // time too; registering them on `hb` alone would let a cached template see another set's.
  const partials: Record<string, HandlebarsTemplateDelegate> = {};
  for (const [rel, { text }] of sources) {
    if (rel.startsWith('partials/'))
      partials[rel.slice('partials/'.length, -'.hbs'.length)] = hb.template(precompiled(text));
  }
  hb.registerPartial(partials);
  return {
    roots,
    render(name, view) {
      const src = sources.get(name);
      if (!src) throw new Error(`template ${target}/${name} not found in ${roots.join(', ')}`);
      return hb.template(precompiled(src.text))(view, { partials });
    },
    async readStatic(file) {
      for (const root of [...roots].reverse()) {
        try {
          return await readFile(path.join(root, 'static', file), 'utf8');
        } catch {
          /* try the next root */
        }
      }
      throw new Error(`static file ${target}/static/${file} not found in ${roots.join(', ')}`);
    },
  };
}
