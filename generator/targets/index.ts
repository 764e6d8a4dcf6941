/** Target registry: name → Target. Each target lives in `targets/<name>/index.ts`. */
import { docsTarget } from './docs/index.js';
import type { Target, TargetName } from './target.js';

export const TARGET_NAMES: readonly TargetName[] = ['python', 'typescript', 'go', 'docs'];

/** Python, TypeScript and Go load on first use, keeping start-up small for single-target runs. */
const loaders: Record<TargetName, () => Promise<Target>> = {
  python: async () => (await import('./python/index.js')).pythonTarget,
  typescript: async () => (await import('./typescript/index.js')).typescriptTarget,
  go: async () => (await import('./go/index.js')).goTarget,
  docs: () => Promise.resolve(docsTarget),
};

export function getTarget(name: TargetName): Promise<Target> {
  return loaders[name]();
}
