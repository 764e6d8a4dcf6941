/**
 * The Python templates make ruff's layout decisions from booleans the views compute (layout.ts):
 * a class header, a `NAME = value` constant, an import, a `from_value` signature or a `__repr__`
 * that a long spec name pushes past 88 columns must come out the way `ruff format` writes it. The
 * hostile specs (500-character scheme and tag names, quotes, unicode) produce such names; every
 * module whose code the templates lay out completely must pass `ruff format --check` unchanged.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, REPO, run, tempDir, VENV_BIN } from '../../python/helpers.js';

const HOSTILE = path.join(REPO, 'specs', 'hostile');

/** Every generated module whose layout the templates own, relative to the output root. */
const checked: string[] = [];
let out = '';

async function pyFiles(root: string, rel = ''): Promise<string[]> {
  const files: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) files.push(...(await pyFiles(root, r)));
    else if (e.name.endsWith('.py')) files.push(r);
  }
  return files;
}

/** Modules laid out entirely by templates whose wrapping the views decide. */
function templateLaidOut(rel: string, text: string): boolean {
  const parts = rel.split('/');
  const file = parts[parts.length - 1] as string;
  if (file === '__init__.py' && !rel.includes('/http/')) return true; // package, models, controllers
  if (/\/http\/auth\/[a-z0-9]/.test(rel) && file !== 'token_store.py') return true; // scheme modules
  if (rel.includes('/models/') && /^class \w+\(\s*(str|int|float)?,? ?Enum\s*\):?/m.test(text)) return true; // enums
  return /\/models\/o_auth_scope_/.test(rel);
}

beforeAll(async () => {
  out = await tempDir('grantgen-py-hostile-layout-');
  const specs = (await readdir(HOSTILE)).filter((f) => f.endsWith('.yaml')).sort();
  for (const name of specs) {
    const spec = path.join(HOSTILE, name);
    if (!/^# expect: accept$/m.test(await readFile(spec, 'utf8'))) continue;
    await generate({ spec, jobs: [{ target: 'python', out: path.join(out, name.replace(/\.yaml$/, '')) }] });
  }
  for (const rel of await pyFiles(out))
    if (templateLaidOut(rel, await readFile(path.join(out, rel), 'utf8'))) checked.push(rel);
}, 180_000);

describe('python layout decisions under hostile names', () => {
  it('the long-name cases are exercised', async () => {
    const texts = await Promise.all(checked.map((f) => readFile(path.join(out, f), 'utf8')));
    const all = texts.join('\n');
    // a wrapped class header, a wrapped constant and a split from_value signature
    expect(all).toMatch(/^class \w+\(\n {4}[\w.]+(, \w+)?\n\):$/m);
    expect(all).toMatch(/^ {4}[A-Z_]+ = \(\n {8}\S+\n {4}\)$/m);
    expect(all).toMatch(/^ {4}def from_value\(\n {8}cls,\n/m);
    expect(checked.filter((f) => f.endsWith('/__init__.py')).length).toBeGreaterThan(100);
  });

  it('every template-laid-out module passes ruff format --check', async () => {
    expect(checked.length).toBeGreaterThan(200);
    const ruff = path.join(VENV_BIN, 'ruff');
    try {
      await run(ruff, ['format', '--check', '--no-cache', '--line-length', '88', ...checked], { cwd: out });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`ruff format --check failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
  }, 120_000);
});
