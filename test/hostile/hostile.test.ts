/**
 * Hostile specs (issue 6, item 8): every `specs/hostile/*.yaml` aims one payload at one landing
 * place (identifier, string literal, docstring/JSDoc, comment, Markdown, URL). Each file's header
 * says `# expect: accept` or `# expect: reject <code>`.
 *
 * Accepted specs are generated for python + typescript + docs, then, with CANARY pointing at a
 * file the payloads try to create:
 * - Python: compileall, import every module and use the client (one process for all packages),
 *   then one `mypy --strict` run over all packages;
 * - TypeScript: one strict `tsc` program over every package (same options as the package
 *   tsconfig), emitted once, then every built ESM entry imported and used (one node process);
 * - Markdown (every .md of every target): no raw HTML from the spec, no `javascript:`/`data:`
 *   link target, no injected heading, every table row keeps its column count.
 * The canary file must never exist. Rejected specs must exit 2 with their code.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { generate as generateFn } from '../../generator/generate.js';
import { ensureBuilt, mapLimit, ROOT, runCli } from '../helpers/cli.js';

const run = promisify(execFile);
const HOSTILE = path.join(ROOT, 'specs/hostile');
const PYTHON = path.join(ROOT, '.venv/bin/python');
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');
const HERE = path.join(ROOT, 'test/hostile');
const MAX_BUFFER = 64 * 1024 * 1024;

/** The payloads' canary code, run directly once to prove it does write the marker file. */
const PY_CANARY = "import os; open(os.environ['CANARY'], 'w').write('pwned')";
const TS_CANARY = "process.getBuiltinModule('fs').writeFileSync(process.env.CANARY, 'pwned')";

interface HostileSpec {
  name: string;
  file: string;
  landing: string;
  /** null: must generate; else the error code the generator must reject it with. */
  rejectCode: string | null;
}

async function readSpecs(): Promise<HostileSpec[]> {
  const files = (await readdir(HOSTILE)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => {
      const text = await readFile(path.join(HOSTILE, f), 'utf8');
      const landing = /^# landing: (.+)$/m.exec(text)?.[1];
      const expectation = /^# expect: (accept|reject ([a-z-]+))$/m.exec(text);
      if (!landing || !expectation) throw new Error(`${f}: needs "# landing:" and "# expect:" header lines`);
      return {
        name: f.replace(/\.(ya?ml|json)$/, ''),
        file: path.join(HOSTILE, f),
        landing,
        rejectCode: expectation[2] ?? null,
      };
    }),
  );
}

/** The built generator (vitest cannot follow the target registry's dynamic import from source). */
async function loadGenerate(): Promise<typeof generateFn> {
  const url = pathToFileURL(path.join(ROOT, 'dist/generator/generate.js')).href;
  return ((await import(url)) as { generate: typeof generateFn }).generate;
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p, suffix)));
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out;
}

/** Markdown with fenced code blocks and code spans blanked out (their content is inert text). */
function proseOf(md: string): string {
  const noFences = md.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
  return noFences.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '``');
}

/** Cells of a table row, split at pipes that are not backslash-escaped (GFM, even in code spans). */
function cellCount(row: string): number {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).length;
}

/** Problems of one Markdown file: raw HTML, dangerous link targets, injected headings, broken tables. */
function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  const prose = proseOf(md);
  for (const m of prose.matchAll(/<\/?(script|img|div|iframe|svg|a)\b[^>]*>?/gi)) problems.push(`raw HTML ${m[0]}`);
  for (const m of prose.matchAll(/(?<!\\)\]\(\s*<?\s*(javascript|data|file|vbscript):/gi))
    problems.push(`link target ${m[0]}`);
  for (const m of prose.matchAll(/(?<!\\)<(javascript|data|file|vbscript):/gi)) problems.push(`autolink ${m[0]}`);
  for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(javascript|data|file|vbscript):/gim))
    problems.push(`link definition ${m[0]}`);
  // An injected heading is a line of its own that starts with the payload's heading text; the
  // payload shown escaped inside a legitimate heading (`# T \\# Injected`) is fine.
  for (const m of prose.matchAll(/^ {0,3}#{1,6} +(Injected|tag)\b.*$/gm)) problems.push(`injected heading ${m[0]}`);
  for (const m of prose.matchAll(/^ {0,3}=+\s*$/gm)) problems.push(`setext underline ${JSON.stringify(m[0])}`);
  const lines = md.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\s*\|/.test(lines[i]!) || !/^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(lines[i + 1]!)) continue;
    const columns = cellCount(lines[i]!);
    for (let j = i + 2; j < lines.length && lines[j]!.trim() !== ''; j++) {
      const row = lines[j]!;
      if (!/^\s*\|/.test(row) || cellCount(row) !== columns)
        problems.push(`table row ${j + 1} has not ${columns} cells: ${row}`);
    }
  }
  return problems;
}

let root = '';
let canary = '';
let specs: HostileSpec[] = [];
let accepted: HostileSpec[] = [];
let rejected: HostileSpec[] = [];
/** spec name → Python package directory (the folder holding the package) and package name. */
const pythonPackages = new Map<string, { dir: string; pkg: string }>();

beforeAll(async () => {
  await ensureBuilt();
  await mkdir(path.join(ROOT, 'test/.tmp'), { recursive: true });
  root = await mkdtemp(path.join(ROOT, 'test/.tmp/hostile-'));
  canary = path.join(root, 'CANARY-FIRED');
  specs = await readSpecs();
  accepted = specs.filter((s) => s.rejectCode === null);
  rejected = specs.filter((s) => s.rejectCode !== null);
  const generate = await loadGenerate();
  await mapLimit(accepted, 8, async (s) => {
    const jobs = (['python', 'typescript', 'docs'] as const).map((target) => ({
      target,
      out: path.join(root, s.name, target),
    }));
    await generate({ spec: s.file, jobs });
    const pyRoot = path.join(root, s.name, 'python');
    const pkg = (await readdir(pyRoot, { withFileTypes: true })).find(
      (e) => e.isDirectory() && existsSync(path.join(pyRoot, e.name, '__init__.py')),
    );
    if (!pkg) throw new Error(`${s.name}: no Python package generated`);
    pythonPackages.set(s.name, { dir: pyRoot, pkg: pkg.name });
  });
}, 600_000);

afterAll(async () => {
  if (root && !process.env['GRANTGEN_KEEP_HOSTILE']) await rm(root, { recursive: true, force: true });
});

describe.concurrent('hostile specs', () => {
  it('cover every landing place with at least 60 payloads', () => {
    expect(specs.length).toBeGreaterThanOrEqual(60);
    for (const prefix of ['ident-', 'str-', 'doc-', 'jsdoc-', 'comment-', 'md-', 'url-'])
      expect(specs.filter((s) => s.name.startsWith(prefix)).length, prefix).toBeGreaterThanOrEqual(3);
    expect(rejected.length).toBeGreaterThanOrEqual(5);
  });

  it('the canary code really writes the marker file (positive control)', async () => {
    const marker = path.join(root, 'control');
    await run(PYTHON, ['-c', PY_CANARY], { env: { ...process.env, CANARY: `${marker}.py` } });
    await run(process.execPath, ['-e', TS_CANARY], { env: { ...process.env, CANARY: `${marker}.ts` } });
    expect(existsSync(`${marker}.py`) && existsSync(`${marker}.ts`)).toBe(true);
  });

  it('rejected payloads exit 2 with their error code and leave no output', async () => {
    const results = await mapLimit(rejected, 8, async (s) => {
      const out = path.join(root, 'rejected', s.name);
      const r = await runCli(['generate', s.file, '--target', 'all', '--out', out]);
      return { s, r, out: existsSync(out) };
    });
    for (const { s, r, out } of results) {
      expect(r.code, `${s.name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, s.name).toContain(`error ${s.rejectCode}:`);
      expect(out, `${s.name} left output behind`).toBe(false);
    }
  });

  it('Python: every package compiles, imports and runs without firing the canary', async () => {
    const dirs = [...pythonPackages.values()].map((p) => path.join(p.dir, p.pkg));
    await run(PYTHON, ['-m', 'compileall', '-q', ...dirs], { maxBuffer: MAX_BUFFER });
    const items = [...pythonPackages].map(([name, p]) => ({ name, dir: p.dir, package: p.pkg }));
    const { stdout } = await run(PYTHON, [path.join(HERE, 'exercise.py'), JSON.stringify(items)], {
      env: { ...process.env, CANARY: canary },
      maxBuffer: MAX_BUFFER,
      timeout: 300_000,
    });
    expect(JSON.parse(stdout) as string[]).toEqual([]);
    expect(existsSync(canary), 'canary fired').toBe(false);
  });

  it('Python: mypy --strict passes over every package', async () => {
    const names = [...pythonPackages.values()].map((p) => p.pkg);
    expect(new Set(names).size, 'package names must be distinct for one mypy run').toBe(names.length);
    const dirs = [...pythonPackages.values()].map((p) => path.join(p.dir, p.pkg));
    const r = await run(
      PYTHON,
      ['-m', 'mypy', '--strict', '--cache-dir', path.join(ROOT, 'test/.tmp/mypy-cache-hostile'), ...dirs],
      { maxBuffer: MAX_BUFFER, timeout: 500_000 },
    ).catch((e: { stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr, failed: true }));
    expect('failed' in r ? `${r.stdout}\n${r.stderr}` : '').toBe('');
  }, 600_000);

  it('TypeScript: every package type-checks (strict), builds, imports and runs without firing the canary', async () => {
    const tsRoot = path.join(root, 'ts-all');
    await mkdir(tsRoot, { recursive: true });
    const pkgConfig = JSON.parse(
      await readFile(path.join(ROOT, 'templates/typescript/static/tsconfig.json'), 'utf8'),
    ) as {
      compilerOptions: Record<string, unknown>;
    };
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await writeFile(
      path.join(tsRoot, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...pkgConfig.compilerOptions,
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          rootDir: root,
          outDir: path.join(tsRoot, 'out'),
        },
        include: accepted.map((s) => path.join(root, s.name, 'typescript/src/**/*.ts')),
      }),
    );
    const compiled = await run(TSC, ['-p', tsRoot], { maxBuffer: MAX_BUFFER, timeout: 500_000 }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout, failed: true }),
    );
    expect('failed' in compiled ? compiled.stdout : '').toBe('');
    const items = accepted.map((s) => ({
      name: s.name,
      entry: path.join(tsRoot, 'out', s.name, 'typescript/src/index.js'),
    }));
    const { stdout } = await run(process.execPath, [path.join(HERE, 'exercise.mjs'), JSON.stringify(items)], {
      env: { ...process.env, CANARY: canary },
      maxBuffer: MAX_BUFFER,
      timeout: 300_000,
    });
    expect(JSON.parse(stdout) as string[]).toEqual([]);
    expect(existsSync(canary), 'canary fired').toBe(false);
  }, 600_000);

  it('every generated file and folder name stays within 255 bytes (ext4, APFS, NTFS limits)', async () => {
    const long: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (Buffer.byteLength(e.name) > 255) long.push(path.relative(root, path.join(dir, e.name)));
        if (e.isDirectory()) await walk(path.join(dir, e.name));
      }
    };
    for (const s of accepted) await walk(path.join(root, s.name));
    expect(long).toEqual([]);
  });

  it('Markdown of every target: no raw HTML, no script links, no injected headings, tables intact', async () => {
    const problems: string[] = [];
    for (const s of accepted) {
      for (const file of await filesUnder(path.join(root, s.name), '.md')) {
        const md = await readFile(file, 'utf8');
        for (const p of markdownProblems(md)) problems.push(`${path.relative(root, file)}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the Markdown checks catch what they look for', () => {
    expect(markdownProblems('<script>alert(1)</script>')).not.toEqual([]);
    expect(markdownProblems('[x](javascript:alert(1))')).not.toEqual([]);
    expect(markdownProblems('# a\nb\n# Injected')).not.toEqual([]);
    expect(markdownProblems('| a | b |\n| --- | --- |\n| `x|y` | z |')).not.toEqual([]);
    expect(markdownProblems('| a | b |\n| --- | --- |\n| x\ny | z |')).not.toEqual([]);
    expect(
      markdownProblems('| a | b |\n| --- | --- |\n| `x\\|y` | z |\n\n`<script>` \\[x\\]\\(javascript:1\\)'),
    ).toEqual([]);
  });
});
