/** The built `grantgen` CLI, run as a subprocess in a temp folder. */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runCli, stackLines, tmpDir } from '../helpers/cli.js';

const SPEC = path.join(ROOT, 'specs', 'multiauth-sample.yaml');
let cwd: string;

beforeAll(async () => {
  await ensureBuilt();
  cwd = await tmpDir('grantgen-cli-');
});

const SUMMARY =
  /: docs 2 files \((\d+) written, (\d+) unchanged, (\d+) removed\) in \d+ ms \[load \d+, ir \d+, view \d+, render \d+, format \d+, write \d+ ms\]/;

describe('help and version', () => {
  it('--help lists the commands and shows examples', async () => {
    const r = await runCli(['--help'], cwd);
    expect(r.code).toBe(0);
    for (const cmd of ['generate', 'check', 'watch', 'validate', 'ir']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/grantgen generate api\.yaml --target python --out/);
    expect(r.stdout).toContain('Exit codes');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('an unknown option exits 2 and shows help, without a stack trace', async () => {
    const r = await runCli(['generate', '--no-such-flag'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option');
    expect(stackLines(r.stderr)).toEqual([]);
  });
});

describe('generate', () => {
  it('writes the docs tree and a summary line with per-phase timings to stderr', async () => {
    const out = path.join(cwd, 'gen1');
    const r = await runCli(['generate', SPEC, '--target', 'docs', '--out', out], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(SUMMARY);
    expect(SUMMARY.exec(r.stderr)?.slice(1, 4)).toEqual(['2', '0', '0']);
    expect((await readdir(out)).sort()).toEqual(['.grantgen', 'README.md']);
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toContain('# MultiAuth-Sample 1.0.0');
    expect(await readFile(path.join(out, '.grantgen/FILES'), 'utf8')).toContain('README.md');
  });

  it('--json prints parseable JSON with timings and write stats on stdout', async () => {
    const out = path.join(cwd, 'gen-json');
    const r = await runCli(['generate', SPEC, '--target', 'docs', '--out', out, '--json'], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as {
      ok: boolean;
      results: { timings: Record<string, number>; targets: { target: string; written: number; files: number }[] }[];
    };
    expect(j.ok).toBe(true);
    expect(Object.keys(j.results[0]?.timings ?? {}).sort()).toEqual([
      'format',
      'ir',
      'load',
      'render',
      'view',
      'write',
    ]);
    expect(j.results[0]?.targets).toEqual([expect.objectContaining({ target: 'docs', files: 2, written: 2 })]);
  });

  it('--quiet prints nothing on success', async () => {
    const r = await runCli(
      ['generate', SPEC, '--target', 'docs', '--out', path.join(cwd, 'gen-quiet'), '--quiet'],
      cwd,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  });

  it('a second run rewrites no file: same inodes and mtimes, 0 written', async () => {
    const out = path.join(cwd, 'gen-twice');
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q'], cwd)).code).toBe(0);
    const files = ['README.md', '.grantgen/FILES'];
    const before = await Promise.all(files.map((f) => stat(path.join(out, f))));
    await new Promise((r) => setTimeout(r, 20));
    const r = await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '--json'], cwd);
    const j = JSON.parse(r.stdout) as { results: { targets: { written: number; unchanged: number }[] }[] };
    expect(j.results[0]?.targets[0]).toMatchObject({ written: 0, unchanged: 2 });
    const after = await Promise.all(files.map((f) => stat(path.join(out, f))));
    for (let i = 0; i < files.length; i++) {
      expect(after[i]?.ino).toBe(before[i]?.ino);
      expect(after[i]?.mtimeMs).toBe(before[i]?.mtimeMs);
    }
    const human = await runCli(['generate', SPEC, '-t', 'docs', '-o', out], cwd);
    expect(SUMMARY.exec(human.stderr)?.slice(1, 4)).toEqual(['0', '2', '0']);
  });

  it('refuses a non-empty folder grantgen did not write (exit 2) and leaves it untouched', async () => {
    const out = path.join(cwd, 'precious');
    await mkdir(out);
    await writeFile(path.join(out, 'notes.txt'), 'mine');
    const r = await runCli(['generate', SPEC, '--target', 'docs', '--out', out], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out-not-grantgen');
    expect(stackLines(r.stderr)).toEqual([]);
    expect(await readdir(out)).toEqual(['notes.txt']);
    expect(await readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await readdir(cwd)).filter((f) => f.startsWith('precious'))).toEqual(['precious']);
  });

  it('a spec argument without --out exits 2 with a hint', async () => {
    const r = await runCli(['generate', SPEC, '--target', 'docs'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out-missing');
  });
});

describe("output folders keep the user's files", () => {
  it('generate reports kept and hand-edited files; check names the hand edit as drift', async () => {
    const out = path.join(cwd, 'safe');
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q'], cwd)).code).toBe(0);
    await writeFile(path.join(out, 'LICENSE'), 'mine');
    await mkdir(path.join(out, 'notes'));
    await writeFile(path.join(out, 'notes', 'todo.md'), 'mine too');
    const readme = path.join(out, 'README.md');
    const original = await readFile(readme, 'utf8');
    await writeFile(readme, original + 'my edit\n');
    const c = await runCli(['check', SPEC, '-t', 'docs', '-o', out, '--json'], cwd);
    expect(c.code).toBe(1);
    const j = JSON.parse(c.stdout) as { drift: string[]; handEdited: string[] };
    expect(j.drift).toEqual([expect.stringMatching(/README\.md$/)]);
    expect(j.handEdited).toEqual(j.drift);
    const human = await runCli(['check', SPEC, '-t', 'docs', '-o', out], cwd);
    expect(human.stderr).toMatch(/edited by hand since the last generate: .*README\.md/);
    expect(human.stderr).toContain('fix: run `grantgen generate`');
    expect(human.stderr).not.toContain('npm run');
    const g = await runCli(['generate', SPEC, '-t', 'docs', '-o', out], cwd);
    expect(g.code).toBe(0);
    expect(g.stderr).toMatch(/overwritten \(edited by hand\): README\.md/);
    expect(g.stderr).toMatch(/kept \(not generated\): LICENSE, notes\//);
    expect(await readFile(readme, 'utf8')).toBe(original);
    expect(await readFile(path.join(out, 'LICENSE'), 'utf8')).toBe('mine');
    expect(await readFile(path.join(out, 'notes', 'todo.md'), 'utf8')).toBe('mine too');
    expect((await runCli(['check', SPEC, '-t', 'docs', '-o', out], cwd)).code).toBe(0);
  });
});

describe('check', () => {
  it('exits 0 when the output is in sync', async () => {
    const out = path.join(cwd, 'chk');
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q'], cwd)).code).toBe(0);
    const r = await runCli(['check', SPEC, '-t', 'docs', '-o', out], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('up to date');
  });

  it('exits 1 with a unified diff after a template overlay changes the output', async () => {
    const out = path.join(cwd, 'chk-overlay');
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q'], cwd)).code).toBe(0);
    const overlay = path.join(cwd, 'overlay');
    await mkdir(path.join(overlay, 'docs'), { recursive: true });
    const builtin = await readFile(path.join(ROOT, 'templates/docs/README.md.hbs'), 'utf8');
    await writeFile(path.join(overlay, 'docs/README.md.hbs'), builtin + '\nOverlay footer line.\n');
    const r = await runCli(['check', SPEC, '-t', 'docs', '-o', out, '--templates', overlay], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- a\/.*README\.md/m);
    expect(r.stdout).toMatch(/^\+\+\+ b\/.*README\.md/m);
    expect(r.stdout).toMatch(/^@@ .* @@/m);
    expect(r.stdout).toMatch(/^\+Overlay footer line\.$/m);
    expect(r.stderr).toContain('1 file(s) differ');
    // and generating with the overlay then makes check pass again
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q', '--templates', overlay], cwd)).code).toBe(0);
    expect((await runCli(['check', SPEC, '-t', 'docs', '-o', out, '--templates', overlay], cwd)).code).toBe(0);
  });

  it('exits 1 with a diff after a generated file is edited by hand', async () => {
    const out = path.join(cwd, 'chk-edit');
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q'], cwd)).code).toBe(0);
    const readme = path.join(out, 'README.md');
    await writeFile(readme, (await readFile(readme, 'utf8')).replace('# MultiAuth-Sample', '# Hand edited'));
    const r = await runCli(['check', SPEC, '-t', 'docs', '-o', out], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^-# Hand edited/m);
    expect(r.stdout).toMatch(/^\+# MultiAuth-Sample/m);
  });

  it('exits 1 when a generated file was deleted', async () => {
    const out = path.join(cwd, 'chk-del');
    expect((await runCli(['generate', SPEC, '-t', 'docs', '-o', out, '-q'], cwd)).code).toBe(0);
    const { rm } = await import('node:fs/promises');
    await rm(path.join(out, 'README.md'));
    const r = await runCli(['check', SPEC, '-t', 'docs', '-o', out, '--json'], cwd);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { drift: string[] }).drift).toEqual([expect.stringMatching(/README\.md$/)]);
  });
});

describe('validate and ir', () => {
  it('validate lists every problem of a spec (exit 2) and writes nothing', async () => {
    const dir = path.join(cwd, 'validate');
    await mkdir(dir);
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(
      bad,
      [
        'openapi: 3.0.3',
        'info: { version: "1" }',
        'servers: [{ description: no url }]',
        'paths: {}',
        'security: [{ Missing: [] }]',
        'components:',
        '  securitySchemes:',
        '    P: { type: oauth2, flows: { password: { scopes: {} } } }',
        '    J: { type: oauth2, flows: { password: { tokenUrl: "javascript:alert(1)" } } }',
        '    S: just a string',
        '',
      ].join('\n'),
    );
    const r = await runCli(['validate', bad], dir);
    expect(r.code).toBe(2);
    for (const code of [
      'info-title',
      'server-url',
      'flow-url-invalid',
      'flow-token-url',
      'security-scheme-not-object',
      'security-unknown-scheme',
    ])
      expect(r.stderr).toContain(`error ${code}`);
    expect(r.stderr).toMatch(/bad\.yaml:8:\d+: error flow-token-url/);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(await readdir(dir)).toEqual(['bad.yaml']);
    const j = await runCli(['validate', bad, '--json'], dir);
    expect(j.code).toBe(2);
    expect((JSON.parse(j.stdout) as { problems: unknown[] }).problems).toHaveLength(6);
  });

  it('validate exits 0 on a valid spec', async () => {
    const r = await runCli(['validate', SPEC], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 spec(s) valid');
  });

  it('ir prints the IR as JSON on stdout', async () => {
    const r = await runCli(['ir', SPEC], cwd);
    expect(r.code).toBe(0);
    const ir = JSON.parse(r.stdout) as { title: string; securitySchemes: { wireName: string }[] };
    expect(ir.title).toBe('MultiAuth-Sample');
    expect(ir.securitySchemes.map((s) => s.wireName)).toContain('OAuthACG');
  });

  it('ir of a missing file exits 2 with file-missing', async () => {
    const r = await runCli(['ir', 'nope.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file-missing');
  });
});

describe('grantgen.config.yaml', () => {
  it.each([
    ['invalid YAML', 'specs:\n  - spec: [unclosed\n', 'not valid YAML'],
    ['an empty entry', 'specs:\n  -\n', 'needs `spec` and `out`'],
    ['specs not a list', 'specs: specs/a.yaml\n', '`specs` must be a list'],
    ['an unknown target', 'specs:\n  - { spec: a.yaml, out: gen, targets: [cobol] }\n', 'unknown target "cobol"'],
  ])('a config with %s exits 2 with config-invalid and no stack trace', async (_what, text, message) => {
    const dir = await tmpDir('grantgen-config-');
    await writeFile(path.join(dir, 'grantgen.config.yaml'), text);
    const r = await runCli(['generate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error config-invalid');
    expect(r.stderr).toContain(message);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(await readdir(dir)).toEqual(['grantgen.config.yaml']);
  });

  it('no config and no spec exits 2 with config-missing', async () => {
    const r = await runCli(['generate'], await tmpDir('grantgen-noconfig-'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error config-missing');
  });
});

describe('output path', () => {
  it('--out naming an existing file exits 2 and keeps the file', async () => {
    const file = path.join(cwd, 'a-file');
    await writeFile(file, 'keep');
    const r = await runCli(['generate', SPEC, '-t', 'docs', '-o', file], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error out-not-directory');
    expect(stackLines(r.stderr)).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('keep');
    expect((await readdir(cwd)).filter((f) => f.startsWith('a-file'))).toEqual(['a-file']);
  });
});

describe('init', () => {
  it('writes a commented config for the spec that generate and check then use', async () => {
    const dir = await tmpDir('grantgen-init-');
    await writeFile(path.join(dir, 'openapi.yaml'), await readFile(SPEC, 'utf8'));
    const r = await runCli(['init'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote grantgen.config.yaml');
    const text = await readFile(path.join(dir, 'grantgen.config.yaml'), 'utf8');
    for (const key of [
      'spec: openapi.yaml',
      'out: sdk',
      'targets: [',
      'packageName',
      'packageVersion: 1.0.0',
      'license',
      'authors',
      'repository',
    ])
      expect(text).toContain(key);
    expect(text.split('\n').filter((l) => l.trimStart().startsWith('#')).length).toBeGreaterThan(5);
    const g = await runCli(['generate', '-t', 'docs', '-q'], dir);
    expect(g.code).toBe(0);
    expect(await readFile(path.join(dir, 'sdk', 'docs', 'README.md'), 'utf8')).toContain('MultiAuth-Sample');
    expect((await runCli(['check', '-t', 'docs'], dir)).code).toBe(0);
  });

  it('never overwrites a config without --force (exit 2, one line and a fix hint)', async () => {
    const dir = await tmpDir('grantgen-init-');
    await writeFile(
      path.join(dir, 'api.json'),
      await readFile(path.join(ROOT, 'specs', 'ropcg-no-scopes.json'), 'utf8'),
    );
    await writeFile(path.join(dir, 'grantgen.config.yaml'), 'mine\n');
    const r = await runCli(['init', 'api.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^grantgen\.config\.yaml: error init-exists: .*\n {2}fix: .*--force/);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(await readFile(path.join(dir, 'grantgen.config.yaml'), 'utf8')).toBe('mine\n');
    expect((await runCli(['init', 'api.json', '--force', '--out', 'clients', '-t', 'python', 'docs'], dir)).code).toBe(
      0,
    );
    const text = await readFile(path.join(dir, 'grantgen.config.yaml'), 'utf8');
    expect(text).toContain('out: clients');
    expect(text).toContain('targets: [python, docs]');
  });

  it.each([
    ['a missing spec', ['init', 'nope.yaml'], 'file-missing'],
    ['no spec and none here', ['init'], 'init-no-spec'],
    ['a broken spec', ['init', 'broken.yaml'], 'error '],
  ])('%s exits 2 with a fix hint and writes nothing', async (_what, args, code) => {
    const dir = await tmpDir('grantgen-init-');
    if (args[1] === 'broken.yaml') await writeFile(path.join(dir, 'broken.yaml'), 'openapi: 3.0.3\ninfo: [\n');
    const r = await runCli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
    expect(r.stderr).toContain('fix: ');
    expect(stackLines(r.stderr)).toEqual([]);
    expect((await readdir(dir)).filter((f) => f !== 'broken.yaml')).toEqual([]);
  });

  it('--ci github writes the publish and regenerate workflows', async () => {
    const dir = await tmpDir('grantgen-init-');
    await writeFile(path.join(dir, 'openapi.yaml'), await readFile(SPEC, 'utf8'));
    expect((await runCli(['init', '--ci', 'github'], dir)).code).toBe(0);
    const wf = path.join(dir, '.github', 'workflows');
    expect((await readdir(wf)).sort()).toEqual(['grantgen-publish.yml', 'grantgen-regenerate.yml']);
    const publish = await readFile(path.join(wf, 'grantgen-publish.yml'), 'utf8');
    expect(publish).toContain('twine check --strict');
    expect(publish).toContain('pypa/gh-action-pypi-publish');
    expect(publish).toContain('npm publish --provenance');
    const regen = await readFile(path.join(wf, 'grantgen-regenerate.yml'), 'utf8');
    expect(regen).toContain('grantgen diff');
    expect(regen).toContain('gh pr create');
    expect(regen).not.toContain('npx grantgen');
    const { parse } = await import('yaml');
    for (const f of [publish, regen]) expect(parse(f)).toHaveProperty('jobs');
    // a second run refuses, and refuses before writing anything
    await rm(path.join(dir, 'grantgen.config.yaml'));
    expect((await runCli(['init', '--ci', 'github'], dir)).code).toBe(2);
    expect(await readdir(dir)).not.toContain('grantgen.config.yaml');
  });
});

describe('user errors of every command exit 2 with a fix hint and no stack trace', () => {
  it.each([
    ['generate without --out', ['generate', SPEC, '-t', 'docs']],
    ['check without --out', ['check', SPEC]],
    ['watch without --out', ['watch', SPEC]],
    ['watch without a config', ['watch']],
    ['generate without a config', ['generate']],
    ['validate without a config', ['validate']],
    ['a bad --package-version', ['generate', SPEC, '-o', 'x', '--package-version', '1.0']],
    ['a bad --license', ['generate', SPEC, '-o', 'x', '--license', 'MIT; rm -rf /']],
    ['a bad --author', ['generate', SPEC, '-o', 'x', '--author', 'Eve <eve@x> "quoted"']],
    ['an http --repository', ['generate', SPEC, '-o', 'x', '--repository', 'http://example.com/x']],
    ['an unknown option', ['generate', '--no-such-flag']],
    ['an unknown command', ['frobnicate']],
    ['a bad --target', ['generate', SPEC, '-o', 'x', '-t', 'cobol']],
    ['diff without specs', ['diff']],
    ['diff with a missing spec', ['diff', SPEC, 'nope.yaml']],
  ])('%s', async (_what, args) => {
    const dir = await tmpDir('grantgen-err-');
    const r = await runCli(args, dir, 30_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n {2}fix: \S/);
    expect(stackLines(r.stderr)).toEqual([]);
    const hints = r.stderr.split('\n').filter((l) => l.trimStart().startsWith('fix:'));
    for (const h of hints) expect(h).not.toMatch(/npm run|specs\/|generated\//);
    expect(await readdir(dir)).toEqual([]);
  });
});
