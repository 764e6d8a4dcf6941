/** Render a target's plan into file contents (in memory), formatted by the target. */
import type { Target, TargetPlan } from '../targets/target.js';
import { formatCached } from './format-cache.js';
import type { TemplateSet } from './templates.js';

export interface RenderTimings {
  render: number;
  format: number;
}

/**
 * Files sorted by path, every content ending in exactly one newline. Static files are copied as
 * they are (they are kept formatted at the source, checked by the lint step); rendered files go
 * through the target's formatter, cached by content.
 */
export async function renderPlan(
  target: Target,
  plan: TargetPlan,
  templates: TemplateSet,
  timings: RenderTimings = { render: 0, format: 0 },
): Promise<Map<string, string>> {
  const t0 = performance.now();
  const raw = await Promise.all(
    plan.files.map(async (f): Promise<[string, string, boolean]> => {
      if ('template' in f) return [f.path, templates.render(f.template, f.view), true];
      if ('staticFile' in f) return [f.path, await templates.readStatic(f.staticFile), false];
      return [f.path, f.content, true];
    }),
  );
  const t1 = performance.now();
  const format = target.format?.bind(target);
  const formatterId = target.formatterId ?? target.name;
  const formatOne = async (p: string, c: string): Promise<string> => {
    if (!format) return c;
    const parts = target.formatParts?.(p, c) ?? null;
    if (!parts || parts.length < 2) return formatCached(formatterId, p, c, format);
    const done = await Promise.all(parts.map((part) => formatCached(formatterId, p, part, format)));
    return done.map((d) => d.trimEnd() + '\n').join('\n');
  };
  const formatted = await Promise.all(
    raw.map(async ([p, c, needsFormat]): Promise<[string, string]> => [p, needsFormat ? await formatOne(p, c) : c]),
  );
  const t2 = performance.now();
  timings.render += t1 - t0;
  timings.format += t2 - t1;
  const seen = new Set<string>();
  for (const [p] of formatted) {
    if (seen.has(p)) throw new Error(`target ${target.name} planned ${p} twice`);
    seen.add(p);
  }
  formatted.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(formatted.map(([p, c]) => [p, c.trimEnd() + '\n']));
}
