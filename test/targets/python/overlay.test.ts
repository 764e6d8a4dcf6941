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
import { PYTHON } from '../../python/helpers.js';

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

/** Generate SPEC plain and with an overlay (path under `python/` → content); the .py files that differ. */
async function overlayRun(
  files: Record<string, string>,
): Promise<{ plain: string; shaped: string; changed: string[] }> {
  const cwd = await tmpDir('grantgen-py-overlay-');
  const overlay = path.join(cwd, 'overlay');
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(overlay, 'python', rel)), { recursive: true });
    await writeFile(path.join(overlay, 'python', rel), text);
  }
  const plain = path.join(cwd, 'plain');
  const shaped = path.join(cwd, 'shaped');
  expect((await runCli(['generate', SPEC, '-t', 'python', '-o', plain, '-q'], cwd)).code).toBe(0);
  const r = await runCli(['generate', SPEC, '-t', 'python', '-o', shaped, '-q', '--templates', overlay], cwd);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const changed: string[] = [];
  for (const rel of await pyFiles(shaped)) {
    const after = await readFile(path.join(shaped, rel), 'utf8');
    if (after !== (await readFile(path.join(plain, rel), 'utf8'))) changed.push(rel);
  }
  return { plain, shaped, changed };
}

const CLASS_DOC = /^class \w+(?:\([\w., ]+\))?:\n(.*)$/gm;

describe('python class and module templates', () => {
  it('an overlay of the class docstring partial reshapes every generated class docstring', async () => {
    const { plain, shaped, changed } = await overlayRun({
      'partials/py_class_doc.hbs': '    """OVERLAY CLASS {{{first}}}"""\n',
    });
    let overlaid = 0;
    for (const rel of changed) {
      const after = await readFile(path.join(shaped, rel), 'utf8');
      const before = await readFile(path.join(plain, rel), 'utf8');
      expect(before).not.toContain('OVERLAY');
      const docsAfter = [...after.matchAll(CLASS_DOC)].map((m) => m[1]);
      const docsBefore = [...before.matchAll(CLASS_DOC)].map((m) => m[1]);
      expect(docsAfter.length).toBe(docsBefore.length);
      // each class docstring is the overlay's, or one the template writes out itself
      docsAfter.forEach((d, i) => {
        if (d !== docsBefore[i]) expect(d).toMatch(/^ {4}"""OVERLAY CLASS .+"""$/);
      });
      overlaid += docsAfter.filter((d) => d?.includes('OVERLAY CLASS')).length;
    }
    // multi-flow-servers.yaml: scheme oauth2 has two flows, so two manager modules (credentials +
    // manager class each), plus the User model and the scope enum
    expect(changed.filter((f) => /\/http\/auth\/oauth2_/.test(f)).length).toBe(2);
    for (const kind of [/\/models\/user\.py$/, /\/models\/o_auth_scope_\w+_enum\.py$/])
      expect(changed).toEqual(expect.arrayContaining([expect.stringMatching(kind)]));
    expect(overlaid).toBeGreaterThanOrEqual(6);
    await run('python3', ['-m', 'py_compile', ...changed.map((f) => path.join(shaped, f))]);
  }, 120_000);

  it('an overlay of the module docstring partial reshapes the module docstrings', async () => {
    const { plain, shaped, changed } = await overlayRun({
      'partials/py_module_doc.hbs': '"""OVERLAY MODULE {{{first}}}"""\n',
    });
    for (const rel of changed) {
      const after = await readFile(path.join(shaped, rel), 'utf8');
      const before = await readFile(path.join(plain, rel), 'utf8');
      expect(after).toMatch(/^"""OVERLAY MODULE .+"""\n\n/);
      // only the docstring changed: the rest of the module is the same
      const close = before.startsWith('"""') ? before.indexOf('"""', 3) + 3 : -1;
      expect(close).toBeGreaterThan(3);
      expect(after.slice(after.indexOf('"""', 3) + 3)).toBe(before.slice(close));
    }
    for (const kind of [
      /^\w+\/__init__\.py$/,
      /\/models\/user\.py$/,
      /\/http\/auth\/oauth2_password\.py$/,
      /_enum\.py$/,
    ])
      expect(changed).toEqual(expect.arrayContaining([expect.stringMatching(kind)]));
    await run('python3', ['-m', 'py_compile', ...changed.map((f) => path.join(shaped, f))]);
  }, 120_000);

  it('overlays reshape the package __init__ (imports, __all__) and the enum members', async () => {
    const { shaped, changed } = await overlayRun({
      // one `from m import name` per name, and __all__ as a tuple
      'partials/py_imports.hbs':
        '{{#each sections}}{{#each lines}}{{#if plain}}import {{module}}\n{{else}}{{#each names}}from {{../module}} import {{this}}\n{{/each}}{{/if}}{{/each}}{{/each}}',
      'partials/py_all.hbs': '__all__ = ({{#each this}}{{{this}}}, {{/each}})\n',
      // enum members (scope enums and spec enums) with a trailing comment
      'partials/py_constant.hbs': '    {{name}} = {{{value}}}  # OVERLAY {{name}}\n',
      // every manager/controller the clients build, one line each with a trailing comment
      'partials/py_construct.hbs':
        '        self._{{attribute}} = {{call.fn}}({{#each call.args}}{{#if isCall}}{{call.fn}}({{#each call.args}}{{name}}, {{/each}}){{else}}{{name}}{{/if}}, {{/each}})  # OVERLAY\n',
    });
    const clientFile = changed.find((f) => /^\w+\/\w+_client\.py$/.test(f));
    expect(clientFile).toBeDefined();
    const client = await readFile(path.join(shaped, clientFile as string), 'utf8');
    // two managers and the controllers, in the sync and the async client
    expect((client.match(/^ {8}self\._\w+ = \w+\(.*\) {2}# OVERLAY$/gm) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(client).toMatch(/= Async\w+\(\w+\(config\.\w+, self\._context, \), self\._context, \) {2}# OVERLAY$/m);
    const pkg = changed.find((f) => /^\w+\/__init__\.py$/.test(f));
    expect(pkg).toBeDefined();
    const init = await readFile(path.join(shaped, pkg as string), 'utf8');
    expect(init).not.toContain('import (');
    expect(init).toMatch(/^from \.configuration import Configuration$/m);
    expect(init).toMatch(/^__all__ = \("APIException", .*\)$/m);
    const enumFile = changed.find((f) => /\/models\/o_auth_scope_\w+_enum\.py$/.test(f));
    expect(enumFile).toBeDefined();
    const enumText = await readFile(path.join(shaped, enumFile as string), 'utf8');
    const members = [...enumText.matchAll(/^ {4}(\w+) = "[^"]*" {2}# OVERLAY (\w+)$/gm)];
    expect(members.length).toBeGreaterThanOrEqual(1);
    for (const m of members) expect(m[2]).toBe(m[1]);
    // the package imports (needs httpx: the test venv's Python)
    const { stdout } = await run(PYTHON, [
      '-c',
      'import importlib, sys; sys.path.insert(0, sys.argv[1]); m = importlib.import_module(sys.argv[2]); print(len(m.__all__), type(m.__all__).__name__, m.Configuration.__name__)',
      shaped,
      (pkg as string).split('/')[0] as string,
    ]);
    expect(stdout.trim()).toMatch(/^\d{2,} tuple Configuration$/);
    await run('python3', ['-m', 'py_compile', ...changed.map((f) => path.join(shaped, f))]);
  }, 120_000);
});
