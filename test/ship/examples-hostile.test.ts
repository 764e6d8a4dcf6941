/**
 * Examples of hostile specs stay inert: for every accepted `specs/hostile/*` spec, each generated
 * example parses (Python `ast`, TypeScript's parser) and contains no call the payloads try to
 * smuggle in (`open`, `exec`, `eval`, `__import__`, `getBuiltinModule`, `writeFileSync`) outside
 * string literals and comments, and its README sections keep spec text out of code.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.js';
import { GrantgenError } from '../../generator/errors.js';
import { REPO, tempDir } from '../helpers/sdk.js';

const exec = promisify(execFile);
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const HOSTILE = path.join(REPO, 'specs', 'hostile');
const FORBIDDEN = ['open', 'exec', 'eval', '__import__', 'getBuiltinModule', 'writeFileSync', 'compile', 'system'];

const pyExamples = new Map<string, string>();
const tsExamples = new Map<string, string>();

beforeAll(async () => {
  const specs = (await readdir(HOSTILE)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  for (const f of specs) {
    const text = await readFile(path.join(HOSTILE, f), 'utf8');
    if (!/^# expect: accept$/m.test(text)) continue;
    try {
      const r = await generate({
        spec: path.join(HOSTILE, f),
        jobs: [
          { target: 'python', out: '/nonexistent/py' },
          { target: 'typescript', out: '/nonexistent/ts' },
        ],
        write: false,
      });
      for (const [file, content] of r.targets[0]?.files ?? [])
        if (file.startsWith('examples/')) pyExamples.set(`${f}:${file}`, content);
      for (const [file, content] of r.targets[1]?.files ?? [])
        if (/^examples\/.*\.ts$/.test(file)) tsExamples.set(`${f}:${file}`, content);
    } catch (e) {
      if (!(e instanceof GrantgenError)) throw e;
    }
  }
}, 300_000);

describe('examples of hostile specs', () => {
  it('exist (the corpus has OAuth flows)', () => {
    expect(pyExamples.size).toBeGreaterThan(20);
    expect(tsExamples.size).toBe(pyExamples.size);
  });

  it('file names stay short and plain, whatever the scheme names', () => {
    for (const key of [...pyExamples.keys(), ...tsExamples.keys()]) {
      const file = key.slice(key.indexOf(':examples/') + ':examples/'.length);
      expect(file).toMatch(/^[a-z0-9_]{1,56}\.(py|ts)$/);
    }
  });

  it('python: every example parses and calls nothing the payloads aim for', async () => {
    const dir = await tempDir('ship-hostile-py-');
    const files: string[] = [];
    let i = 0;
    for (const [, content] of pyExamples) {
      const file = path.join(dir, `ex${i++}.py`);
      await writeFile(file, content);
      files.push(file);
    }
    const checker = path.join(dir, 'check.py');
    await writeFile(
      checker,
      [
        'import ast, json, sys',
        `forbidden = set(json.loads(${JSON.stringify(JSON.stringify(FORBIDDEN))}))`,
        'bad = []',
        'for name in sys.argv[1:]:',
        '    tree = ast.parse(open(name, encoding="utf-8").read(), name)',
        '    top = [type(n).__name__ for n in tree.body]',
        '    if top[0] != "Expr" or set(top[1:]) - {"Import", "ImportFrom", "FunctionDef", "If"}:',
        '        bad.append((name, top))',
        '    for node in ast.walk(tree):',
        '        if isinstance(node, ast.Name) and node.id in forbidden:',
        '            bad.append((name, node.id))',
        '        if isinstance(node, ast.Attribute) and node.attr in forbidden:',
        '            bad.append((name, node.attr))',
        'print(json.dumps(bad))',
      ].join('\n'),
    );
    await mkdir(dir, { recursive: true });
    const { stdout } = await exec(PYTHON, [checker, ...files], { maxBuffer: 16 << 20 });
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('typescript: every example parses and calls nothing the payloads aim for', () => {
    const bad: string[] = [];
    for (const [name, content] of tsExamples) {
      const sf = ts.createSourceFile(name, content, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      if (diags.length > 0) bad.push(`${name}: ${diags.length} syntax error(s)`);
      const visit = (n: ts.Node): void => {
        if (ts.isIdentifier(n) && FORBIDDEN.includes(n.text)) bad.push(`${name}: ${n.text}`);
        ts.forEachChild(n, visit);
      };
      visit(sf);
      for (const st of sf.statements) {
        const ok =
          ts.isImportDeclaration(st) ||
          ts.isFunctionDeclaration(st) ||
          ts.isVariableStatement(st) ||
          ts.isExpressionStatement(st);
        if (!ok) bad.push(`${name}: top-level ${ts.SyntaxKind[st.kind]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
