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
