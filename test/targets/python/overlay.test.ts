/**
 * Python methods are shaped by templates: a `--templates` overlay that overrides one partial
 * (the method docstring) reshapes every generated operation method, sync and async, and the result
 * is still valid Python.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runCli, tmpDir } from '../../helpers/cli.js';

const run = promisify(execFile);
const SPEC = path.join(ROOT, 'specs', 'multi-flow-servers.yaml');
const SAMPLE = path.join(ROOT, 'specs', 'multiauth-sample.yaml');

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

async function controllerFiles(out: string): Promise<string[]> {
  const pkgs = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory());
  const files: string[] = [];
  for (const p of pkgs) {
    const dir = path.join(out, p.name, 'controllers');
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const n of names)
      if (n.endsWith('_controller.py') && n !== 'base_controller.py') files.push(path.join(dir, n));
  }
  return files;
}

describe('python method templates', () => {
  for (const spec of [SAMPLE, SPEC]) {
    it(`an overlay of the docstring partial reshapes every method (${path.basename(spec)})`, async () => {
      const cwd = await tmpDir('grantgen-py-overlay-');
      const overlay = path.join(cwd, 'overlay');
      await mkdir(path.join(overlay, 'python', 'partials'), { recursive: true });
      await writeFile(
        path.join(overlay, 'python', 'partials', 'py_method_doc.hbs'),
        '        """OVERLAY {{{first}}} ({{args.length}} args)."""\n',
      );
      const plain = path.join(cwd, 'plain');
      const shaped = path.join(cwd, 'shaped');
      expect((await runCli(['generate', spec, '-t', 'python', '-o', plain, '-q'], cwd)).code).toBe(0);
      const r = await runCli(['generate', spec, '-t', 'python', '-o', shaped, '-q', '--templates', overlay], cwd);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const plainFiles = await controllerFiles(plain);
      const shapedFiles = await controllerFiles(shaped);
      expect(shapedFiles.length).toBeGreaterThan(0);
      expect(shapedFiles.map((f) => path.relative(shaped, f))).toEqual(plainFiles.map((f) => path.relative(plain, f)));
      let methods = 0;
      for (const file of shapedFiles) {
        const text = await readFile(file, 'utf8');
        const defs = [...text.matchAll(/^ {4}(?:async )?def (\w+)\(\n[\s\S]*?\n {4}\) -> [^\n]+:\n(.*)$/gm)];
        const allDefs = text.match(/^ {4}(?:async )?def /gm) ?? [];
        expect(defs.length).toBe(allDefs.length);
        for (const d of defs) expect(d[2]).toMatch(/^ {8}"""OVERLAY .+ \(\d+ args\)\."""$/);
        // the built-in docstring shape is gone from every method
        expect(text).not.toMatch(/^ {8}Args:$/m);
        methods += defs.length;
        const before = await readFile(path.join(plain, path.relative(shaped, file)), 'utf8');
        expect((before.match(/^ {8}Args:$/gm) ?? []).length).toBe(allDefs.length);
      }
      expect(methods).toBeGreaterThanOrEqual(4);
      // still valid Python
      await run('python3', ['-m', 'py_compile', ...shapedFiles]);
    }, 120_000);
  }
});

async function pyFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await pyFiles(root, r)));
    else if (e.name.endsWith('.py')) out.push(r);
  }
  return out;
}

describe('python auth manager templates', () => {
  it('an overlay of the class docstring partial reshapes every credentials and manager class', async () => {
    const cwd = await tmpDir('grantgen-py-overlay-auth-');
    const overlay = path.join(cwd, 'overlay');
    await mkdir(path.join(overlay, 'python', 'partials'), { recursive: true });
    await writeFile(
      path.join(overlay, 'python', 'partials', 'py_class_doc.hbs'),
      '    """OVERLAY CLASS {{{first}}}"""\n',
    );
    const plain = path.join(cwd, 'plain');
    const shaped = path.join(cwd, 'shaped');
    expect((await runCli(['generate', SPEC, '-t', 'python', '-o', plain, '-q'], cwd)).code).toBe(0);
    const r = await runCli(['generate', SPEC, '-t', 'python', '-o', shaped, '-q', '--templates', overlay], cwd);
    expect(r.code).toBe(0);
    const changed: string[] = [];
    for (const rel of await pyFiles(shaped)) {
      const after = await readFile(path.join(shaped, rel), 'utf8');
      const before = await readFile(path.join(plain, rel), 'utf8');
      if (after === before) continue;
      changed.push(rel);
      const classes = [...after.matchAll(/^class \w+\([\w.]+\):\n(.*)$/gm)];
      expect(classes.length).toBe(2);
      for (const c of classes) expect(c[1]).toMatch(/^ {4}"""OVERLAY CLASS .+"""$/);
      expect(before).not.toContain('OVERLAY');
    }
    // multi-flow-servers.yaml: scheme oauth2 has two flows, so at least two manager modules
    expect(changed.filter((f) => /\/http\/auth\//.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(changed.every((f) => /\/http\/auth\//.test(f))).toBe(true);
    await run('python3', ['-m', 'py_compile', ...changed.map((f) => path.join(shaped, f))]);
  }, 120_000);
});
