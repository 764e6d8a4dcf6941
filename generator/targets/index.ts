/** Target registry: name → Target. Each target lives in `targets/<name>/index.ts`. */
import { docsTarget } from './docs/index.js';
import type { Target, TargetName } from './target.js';

export const TARGET_NAMES: readonly TargetName[] = ['python', 'typescript', 'docs'];

const cache = new Map<TargetName, Target>([['docs', docsTarget]]);

/** Load a target by name (python and typescript load on first use, keeping start-up small). */
export async function getTarget(name: TargetName): Promise<Target> {
  const hit = cache.get(name);
  if (hit) return hit;
  const mod = (await import(`./${name}/index.js`)) as Record<string, unknown>;
  const target = Object.values(mod).find(
    (v): v is Target =>
      typeof v === 'object' && v !== null && (v as Target).name === name && typeof (v as Target).plan === 'function',
  );
  if (!target) throw new Error(`targets/${name}/index.ts exports no Target named "${name}"`);
  cache.set(name, target);
  return target;
}
