/** Render a target's plan into file contents (in memory), formatted by the target. */
import type { Target, TargetPlan } from '../targets/target.js';
import type { TemplateSet } from './templates.js';

export interface RenderTimings {
  render: number;
  format: number;
}

/** Files sorted by path, every content ending in exactly one newline. */
export async function renderPlan(
  target: Target,
  plan: TargetPlan,
  templates: TemplateSet,
  timings: RenderTimings = { render: 0, format: 0 },
): Promise<Map<string, string>> {
  const t0 = performance.now();
  const raw = await Promise.all(
    plan.files.map(async (f): Promise<[string, string]> => {
      if ('template' in f) return [f.path, templates.render(f.template, f.view)];
      if ('staticFile' in f) return [f.path, await templates.readStatic(f.staticFile)];
      return [f.path, f.content];
    }),
  );
  const t1 = performance.now();
  const formatted = await Promise.all(
    raw.map(async ([p, c]): Promise<[string, string]> => [p, target.format ? await target.format(p, c) : c]),
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
