/**
 * The packed tarball, installed globally into a temporary prefix, is a working `grantgen`: run
 * from an unrelated folder, `init`, `generate`, `check` and `diff` work as the README says.
 */
import { spawn } from 'node:child_process';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, tmpDir } from '../helpers/cli.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let prefix: string;
let tarball: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  await ensureBuilt();
  const tmp = await tmpDir('grantgen-pack-');
  // dist/ is built by ensureBuilt(); --ignore-scripts keeps `npm pack` from rebuilding it.
  const pack = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(tmp, info?.filename ?? '');
  const shipped = (info?.files ?? []).map((f) => f.path);
  expect(shipped).toContain('dist/generator/cli.js');
  expect(shipped.some((f) => f.startsWith('templates/python/'))).toBe(true);
  expect(shipped.filter((f) => /^(test|generated|specs|bench|generator)\//.test(f))).toEqual([]);
  prefix = path.join(tmp, 'prefix');
  const install = await sh(
    'npm',
    ['install', '-g', tarball, '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund'],
    tmp,
  );
  expect(install.code, install.stderr).toBe(0);
  env = { ...process.env, PATH: `${path.join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };
}, 240_000);

describe('the packed tarball installed globally', () => {
  it('puts a working grantgen on PATH that runs init, generate, check and diff from an unrelated folder', async () => {
    const work = await tmpDir('grantgen-user-');
    await copyFile(path.join(ROOT, 'specs', 'multiauth-sample.yaml'), path.join(work, 'openapi.yaml'));
    const which = await sh('sh', ['-c', 'command -v grantgen'], work, env);
    expect(which.stdout.trim()).toBe(path.join(prefix, 'bin', 'grantgen'));
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await sh('grantgen', ['--version'], work, env)).stdout.trim()).toBe(pkg.version);

    const init = await sh('grantgen', ['init', 'openapi.yaml'], work, env);
    expect(init.code, init.stderr).toBe(0);
    const gen = await sh('grantgen', ['generate', '--license', 'Apache-2.0'], work, env);
    expect(gen.code, gen.stderr).toBe(0);
    expect((await readdir(path.join(work, 'sdk'))).sort()).toEqual(
      expect.arrayContaining(['docs', 'python', 'typescript']),
    );
    const chk = await sh('grantgen', ['check', '--license', 'Apache-2.0'], work, env);
    expect(chk.code, chk.stdout + chk.stderr).toBe(0);
    // a user's file in the output survives and check stays green
    await writeFile(path.join(work, 'sdk', 'python', 'LICENSE'), 'mine\n');
    expect((await sh('grantgen', ['generate', '--license', 'Apache-2.0'], work, env)).stderr).toContain(
      'kept (not generated): LICENSE',
    );
    expect(await readFile(path.join(work, 'sdk', 'python', 'LICENSE'), 'utf8')).toBe('mine\n');

    const spec = await readFile(path.join(work, 'openapi.yaml'), 'utf8');
    await writeFile(
      path.join(work, 'new.yaml'),
      spec.replace('title: MultiAuth-Sample', 'title: MultiAuth-Sample\n  x-note: docs only'),
    );
    const same = await sh('grantgen', ['diff', 'openapi.yaml', 'new.yaml', '--json'], work, env);
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toEqual({ bump: 'none', changes: [] });
    await writeFile(path.join(work, 'renamed.yaml'), spec.replace('title: MultiAuth-Sample', 'title: Other API'));
    const diff = await sh('grantgen', ['diff', 'openapi.yaml', 'renamed.yaml', '--fail-on', 'breaking'], work, env);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('bump: major');
  }, 120_000);
});

describe('a fresh clone', () => {
  it('`npm install && npm link` (the README way) puts a working grantgen on PATH', async () => {
    const tmp = await tmpDir('grantgen-clone-');
    const clone = path.join(tmp, 'grantgen');
    const c = await sh('git', ['clone', '-q', ROOT, clone], tmp);
    expect(c.code, c.stderr).toBe(0);
    const install = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], clone);
    expect(install.code, install.stderr).toBe(0);
    const linkPrefix = path.join(tmp, 'prefix');
    const link = await sh('npm', ['link', '--no-audit', '--no-fund'], clone, {
      ...process.env,
      npm_config_prefix: linkPrefix,
    });
    expect(link.code, link.stderr).toBe(0);
    const linked = { ...process.env, PATH: `${path.join(linkPrefix, 'bin')}:${process.env['PATH'] ?? ''}` };
    const work = await tmpDir('grantgen-clone-user-');
    await copyFile(path.join(ROOT, 'specs', 'ropcg-no-scopes.json'), path.join(work, 'api.json'));
    const gen = await sh(
      'grantgen',
      ['generate', 'api.json', '--target', 'python', '--out', 'sdk', '-q'],
      work,
      linked,
    );
    expect(gen.code, gen.stderr).toBe(0);
    expect(await readdir(path.join(work, 'sdk'))).toContain('pyproject.toml');
  }, 300_000);

  it('without TypeScript installed, prepare says what to run instead of failing on `tsc: not found`', async () => {
    const tmp = await tmpDir('grantgen-prep-');
    await sh('mkdir', ['-p', path.join(tmp, 'scripts')], tmp);
    await copyFile(path.join(ROOT, 'scripts', 'prepare.mjs'), path.join(tmp, 'scripts', 'prepare.mjs'));
    const r = await sh(process.execPath, [path.join(tmp, 'scripts', 'prepare.mjs')], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('npm install && npm link');
    expect(r.stderr).not.toContain('tsc: not found');
  });
});
