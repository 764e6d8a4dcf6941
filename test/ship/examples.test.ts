/**
 * The generated examples run against the real test server (the password example of both SDKs, as
 * a user runs them: `python examples/password.py`, `npm install && npm run example -- password`),
 * and the packages are publishable: package metadata from the flags in every target, sdist + wheel
 * pass `twine check --strict`, the npm package passes `npm publish --dry-run`, publint and attw.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.js';
import { startTestServer } from '../server/start.mjs';
import type { TestServer } from '../server/start.d.mts';
import { REPO, tempDir } from '../helpers/sdk.js';

const exec = promisify(execFile);
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const SPEC = path.join(REPO, 'specs', 'multiauth-sample.yaml');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  try {
    const r = await exec(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20, timeout: 240_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

let root: string;
let server: TestServer;
let py: string;
let ts: string;
const META = ['--package-version', '2.3.4', '--license', 'Apache-2.0', '--author', 'Ada Lovelace <ada@example.com>'];

beforeAll(async () => {
  root = await tempDir('ship-examples-');
  py = path.join(root, 'py');
  ts = path.join(root, 'ts');
  await generate({
    spec: SPEC,
    jobs: [
      { target: 'python', out: py },
      { target: 'typescript', out: ts },
    ],
    metadata: {
      version: '2.3.4',
      license: 'Apache-2.0',
      authors: [
        { name: 'Ada Lovelace', email: 'ada@example.com' },
        { name: 'Grace Hopper', email: null },
      ],
      repository: 'https://github.com/acme/multiauth-sdk',
    },
  });
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const ROPCG_ENV = (): NodeJS.ProcessEnv => ({
  OAUTH_CLIENT_ID: 'ropcg-client',
  OAUTH_CLIENT_SECRET: 'ropcg-secret',
  OAUTH_USERNAME: 'alice',
  OAUTH_PASSWORD: 'alice-password',
  API_BASE_URL: server.url,
});

describe('examples', () => {
  it('one example per OAuth flow in each SDK, reading the documented variables', async () => {
    expect((await readdir(path.join(py, 'examples'))).sort()).toEqual([
      'authorization_code.py',
      'client_credentials.py',
      'password.py',
    ]);
    expect((await readdir(path.join(ts, 'examples'))).sort()).toEqual([
      'authorization_code.ts',
      'client_credentials.ts',
      'password.ts',
      'run.mjs',
      'tsconfig.json',
    ]);
    const acg = await readFile(path.join(py, 'examples', 'authorization_code.py'), 'utf8');
    for (const v of ['OAUTH_CLIENT_ID', 'OAUTH_CLIENT_SECRET', 'OAUTH_REDIRECT_URI', 'OAUTH_SCOPES', 'API_BASE_URL'])
      expect(acg).toContain(`env("${v}")`);
    expect(acg).toContain('sys.stdin.readline()');
    expect(acg).toContain('fetch_token_from_callback');
    const tsAcg = await readFile(path.join(ts, 'examples', 'authorization_code.ts'), 'utf8');
    expect(tsAcg).toContain("env('OAUTH_REDIRECT_URI')");
    expect(tsAcg).toContain('fetchTokenFromCallback');
  });

  it('python examples/password.py gets a token from the real server and prints the JSON body', async () => {
    const r = await sh(PYTHON, ['examples/password.py'], py, { ...ROPCG_ENV(), PYTHONPATH: py });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'alice' });
    const log = (await (await fetch(`${server.url}/__control/log`)).json()) as {
      path: string;
      grantType: string | null;
      status: number;
    }[];
    expect(log.some((e) => e.grantType === 'password' && e.status === 200)).toBe(true);
    expect(log.some((e) => e.path === '/oauth2/non-auth-server/user' && e.status === 200)).toBe(true);
  });

  it('python: a wrong password fails with the provider error, and the password is not printed', async () => {
    const r = await sh(PYTHON, ['examples/password.py'], py, {
      ...ROPCG_ENV(),
      OAUTH_PASSWORD: 'wrong-pass-Zq81',
      PYTHONPATH: py,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('invalid_grant');
    expect(r.stdout + r.stderr).not.toContain('wrong-pass-Zq81');
    expect(r.stdout + r.stderr).not.toContain('ropcg-secret');
  });

  it('typescript: npm install && npm run example -- password prints the JSON body', async () => {
    const install = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], ts);
    expect(install.code, install.stderr).toBe(0);
    const r = await sh('npm', ['run', '--silent', 'example', '--', 'password'], ts, ROPCG_ENV());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'alice' });
    const bad = await sh('npm', ['run', '--silent', 'example', '--', 'nope'], ts);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run example -- <authorization_code|client_credentials|password>');
  }, 240_000);
});

describe('the TypeScript examples of every golden spec', () => {
  it('type-check with the package tsconfig (strict, noUnusedLocals) after the package builds', async () => {
    const { cp, symlink } = await import('node:fs/promises');
    const goldens = (await readdir(path.join(REPO, 'generated'))).sort();
    const tsc = path.join(REPO, 'node_modules', '.bin', 'tsc');
    let checked = 0;
    for (const g of goldens) {
      const src = path.join(REPO, 'generated', g, 'typescript');
      if (!existsSync(path.join(src, 'examples'))) continue;
      const dir = path.join(root, 'golden-ts', g);
      await cp(src, dir, { recursive: true });
      await symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
      for (const project of ['tsconfig.json', 'examples/tsconfig.json']) {
        const r = await sh(tsc, ['-p', project], dir);
        expect(r.code, `${g} ${project}: ${r.stdout}${r.stderr}`).toBe(0);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  }, 300_000);
});

describe('package metadata', () => {
  it('every target declares the same version, the license, authors and repository given', async () => {
    const pyproject = await readFile(path.join(py, 'pyproject.toml'), 'utf8');
    expect(pyproject).toContain('version = "2.3.4"');
    expect(pyproject).toContain('license = "Apache-2.0"');
    expect(pyproject).toContain(
      'authors = [{ name = "Ada Lovelace", email = "ada@example.com" }, { name = "Grace Hopper" }]',
    );
    expect(pyproject).toContain('Repository = "https://github.com/acme/multiauth-sdk"');
    const pkg = JSON.parse(await readFile(path.join(ts, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      version: '2.3.4',
      license: 'Apache-2.0',
      author: { name: 'Ada Lovelace', email: 'ada@example.com' },
      contributors: [{ name: 'Grace Hopper' }],
      repository: { type: 'git', url: 'git+https://github.com/acme/multiauth-sdk.git' },
    });
  });

  it('no license is declared unless one is given; the version defaults to info.version', async () => {
    const out = await tempDir('ship-nolicense-');
    const r = await generate({
      spec: SPEC,
      jobs: [
        { target: 'python', out: path.join(out, 'py') },
        { target: 'typescript', out: path.join(out, 'ts') },
      ],
      write: false,
    });
    const pyproject = r.targets[0]?.files.get('pyproject.toml') ?? '';
    const pkg = JSON.parse(r.targets[1]?.files.get('package.json') ?? '{}') as Record<string, unknown>;
    expect(pyproject).not.toMatch(/^license/m);
    expect(pkg).not.toHaveProperty('license');
    expect(pkg).not.toHaveProperty('author');
    expect(pyproject).toContain('version = "1.0.0"');
    expect(pkg['version']).toBe('1.0.0');
  });

  it('the CLI flags reach every target', async () => {
    const out = await tempDir('ship-flags-');
    const cli = path.join(REPO, 'dist', 'generator', 'cli.js');
    expect(existsSync(cli)).toBe(true);
    const r = await sh(process.execPath, [cli, 'generate', SPEC, '-o', out, '-q', ...META], out);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(path.join(out, 'python', 'pyproject.toml'), 'utf8')).toContain('version = "2.3.4"');
    const pkg = JSON.parse(await readFile(path.join(out, 'typescript', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg).toMatchObject({ version: '2.3.4', license: 'Apache-2.0' });
  });
});

describe('publishable', () => {
  it('python: sdist and wheel build and pass twine check --strict', async () => {
    const b = await sh(PYTHON, ['-m', 'build', '--no-isolation', '--outdir', path.join(root, 'pydist'), '.'], py);
    expect(b.code, b.stdout + b.stderr).toBe(0);
    const files = (await readdir(path.join(root, 'pydist'))).sort();
    expect(files).toEqual(['multiauthsample-2.3.4-py3-none-any.whl', 'multiauthsample-2.3.4.tar.gz']);
    const t = await sh(
      PYTHON,
      ['-m', 'twine', 'check', '--strict', ...files.map((f) => path.join(root, 'pydist', f))],
      py,
    );
    expect(t.code, t.stdout + t.stderr).toBe(0);
    expect(t.stdout.match(/PASSED/g)).toHaveLength(2);
  }, 240_000);

  it('typescript: npm publish --dry-run, publint --strict and attw pass', async () => {
    if (!existsSync(path.join(ts, 'node_modules'))) {
      const install = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], ts);
      expect(install.code, install.stderr).toBe(0);
    }
    const dry = await sh('npm', ['publish', '--dry-run', '--ignore-scripts=false'], ts);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('multiauthsample@2.3.4');
    expect(dry.stderr).toContain('dist/index.js');
    expect(dry.stderr).not.toContain('examples/');
    const publint = await sh(path.join(REPO, 'node_modules', '.bin', 'publint'), ['--strict', ts], ts);
    expect(publint.code, publint.stdout + publint.stderr).toBe(0);
    const pack = await sh('npm', ['pack', '--json', '--pack-destination', root], ts);
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = path.join(root, (JSON.parse(pack.stdout) as { filename: string }[])[0]?.filename ?? '');
    const attw = await sh(path.join(REPO, 'node_modules', '.bin', 'attw'), [tarball, '--profile', 'esm-only'], ts);
    expect(attw.code, attw.stdout + attw.stderr).toBe(0);
  }, 240_000);
});
