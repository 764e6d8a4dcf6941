/**
 * Real-world corpus (../shared/corpus): generate Python, TypeScript and docs for every spec and
 * prove the output is usable: no crash, every authorizationCode/password flow of the raw spec shows
 * up in both SDKs (counted from the raw file, independently of the IR), the Python package
 * byte-compiles and imports, the TypeScript package passes `tsc --strict --noEmit`, and specs
 * without ACG/ROPCG still generate with a warning. Output goes to a temp dir.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generate } from '../../generator/generate.js';

const execFileAsync = promisify(execFile);
/** Run a tool; on failure the error carries its stdout too (tsc reports there). */
async function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; maxBuffer?: number } = {},
): Promise<void> {
  try {
    await execFileAsync(cmd, args, { maxBuffer: 64 * 1024 * 1024, ...opts });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${err.message}\n${(err.stdout ?? '').slice(0, 4000)}\n${(err.stderr ?? '').slice(0, 2000)}`);
  }
}
const ROOT = path.resolve(import.meta.dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const PYTHON = path.join(ROOT, '.venv/bin/python');
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');

const specs = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.(json|ya?ml)$/.test(f))
      .sort()
  : [];

interface RawFlow {
  scheme: string;
  kind: 'authorizationCode' | 'password';
  tokenUrl: string;
}

/** Count ACG/ROPCG flows straight from the raw document (no IR, no loader). */
function rawGrantFlows(file: string): RawFlow[] {
  const text = readFileSync(file, 'utf8');
  const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>;
  const out: RawFlow[] = [];
  const asObj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  if (doc['swagger'] === '2.0') {
    for (const [name, s] of Object.entries(asObj(doc['securityDefinitions']))) {
      const def = asObj(s);
      if (def['type'] !== 'oauth2') continue;
      if (def['flow'] === 'accessCode')
        out.push({ scheme: name, kind: 'authorizationCode', tokenUrl: String(def['tokenUrl']) });
      if (def['flow'] === 'password') out.push({ scheme: name, kind: 'password', tokenUrl: String(def['tokenUrl']) });
    }
    return out;
  }
  for (const [name, s] of Object.entries(asObj(asObj(doc['components'])['securitySchemes']))) {
    const def = asObj(s);
    if (def['type'] !== 'oauth2') continue;
    const flows = asObj(def['flows']);
    for (const kind of ['authorizationCode', 'password'] as const) {
      if (flows[kind]) out.push({ scheme: name, kind, tokenUrl: String(asObj(flows[kind])['tokenUrl']) });
    }
  }
  return out;
}

async function allText(dir: string, files: Map<string, string>, ext: string): Promise<string> {
  const parts: string[] = [];
  for (const rel of files.keys()) if (rel.endsWith(ext)) parts.push(await readFile(path.join(dir, rel), 'utf8'));
  return parts.join('\n');
}

let work = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'grantgen-corpus-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(specs.length === 0)('real-world corpus', () => {
  it.each(specs)('%s generates Python, TypeScript and docs that compile', { timeout: 600_000 }, async (file) => {
    const spec = path.join(CORPUS, file);
    const out = path.join(work, file.replace(/\W/g, '_'));
    const r = await generate({
      spec,
      jobs: [
        { target: 'python', out: path.join(out, 'python') },
        { target: 'typescript', out: path.join(out, 'typescript') },
        { target: 'docs', out: path.join(out, 'docs') },
      ],
    });
    const [py, ts] = r.targets;
    expect(py?.files.size).toBeGreaterThan(5);
    expect(ts?.files.size).toBeGreaterThan(5);

    // Every ACG/ROPCG flow of the raw spec appears in both SDKs: its scheme name and token URL.
    const flows = rawGrantFlows(spec);
    const pyText = await allText(path.join(out, 'python'), py!.files, '.py');
    const tsText = await allText(path.join(out, 'typescript'), ts!.files, '.ts');
    for (const f of flows) {
      expect(pyText, `${f.scheme} ${f.kind} token URL in Python`).toContain(f.tokenUrl);
      expect(tsText, `${f.scheme} ${f.kind} token URL in TypeScript`).toContain(f.tokenUrl);
      expect(pyText).toContain(JSON.stringify(f.scheme).slice(1, -1));
    }
    const irGrants = r.ir.securitySchemes.flatMap((s) =>
      s.kind === 'oauth2' ? s.flows.filter((f) => f.kind === 'authorizationCode' || f.kind === 'password') : [],
    );
    expect(irGrants.length).toBe(flows.length);
    if (flows.length === 0) expect(r.ir.warnings.map((w) => w.code)).toContain('no-oauth-grant');

    // Python: byte-compiles and imports.
    const pkgDir = [...py!.files.keys()].find((k) => /^[a-z_0-9]+\/__init__\.py$/.test(k))!.split('/')[0]!;
    await run(PYTHON, ['-m', 'compileall', '-q', path.join(out, 'python', pkgDir)]);
    await run(PYTHON, ['-c', `import ${pkgDir}`], { env: { ...process.env, PYTHONPATH: path.join(out, 'python') } });

    // TypeScript: strict type-check of the generated package (its only dev typing, @types/node for
    // the optional ./node entry, comes from grantgen's own node_modules instead of an install).
    await run(
      TSC,
      ['-p', path.join(out, 'typescript'), '--noEmit', '--typeRoots', path.join(ROOT, 'node_modules/@types')],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  });
});
