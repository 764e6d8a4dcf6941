import { expect } from 'vitest';
import { GrantgenError, type SpecProblem } from '../../generator/errors.js';
import { loadSpec } from '../../generator/load/index.js';

/** Fixture path as a user would type it (relative to the repo root, where vitest runs). */
export const fx = (p: string): string => `test/fixtures/load/${p}`;

/** Load `path`, expect a GrantgenError, return its problems. */
export async function problemsOf(path: string): Promise<SpecProblem[]> {
  try {
    await loadSpec(path);
  } catch (e) {
    expect(e).toBeInstanceOf(GrantgenError);
    const problems = (e as GrantgenError).problems;
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.hint.length).toBeGreaterThan(10);
    }
    return problems;
  }
  throw new Error(`expected ${path} to fail`);
}
