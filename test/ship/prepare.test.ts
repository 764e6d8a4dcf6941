/**
 * `node test/setup/prepare.mjs` on a machine without Chromium: as root it installs Debian's
 * `chromium` with apt-get itself (a stand-in apt-get on PATH records what it was asked); as any
 * other user it fails and prints the exact command to run.
 */
import { spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../helpers/cli.js';

const PREPARE = path.join(ROOT, 'test', 'setup', 'prepare.mjs');

async function fakeApt(dir: string, createsBrowser: boolean): Promise<{ log: string; chromium: string }> {
  const log = path.join(dir, 'apt.log');
  const chromium = path.join(dir, 'bin-chromium');
  await writeFile(
    path.join(dir, 'apt-get'),
    `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${JSON.stringify(log)}\n` +
      (createsBrowser ? `case "$*" in *install*) touch ${JSON.stringify(chromium)};; esac\n` : '') +
      'exit 0\n',
  );
  await chmod(path.join(dir, 'apt-get'), 0o755);
  return { log, chromium };
}

function prepare(dir: string, chromium: string, asNobody = false): { status: number | null; stderr: string } {
  const env = { ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}`, GRANTGEN_CHROMIUM: chromium };
  const cmd = asNobody ? 'setpriv' : process.execPath;
  const args = asNobody
    ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, PREPARE, '--only', 'chromium']
    : [PREPARE, '--only', 'chromium'];
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', cwd: dir });
  if (r.error) throw r.error;
  return { status: r.status, stderr: r.stderr };
}

describe('prepare.mjs and Chromium', () => {
  it('as root, installs Debian chromium with apt-get when it is missing', async () => {
    expect(process.getuid?.()).toBe(0); // the tests run as root here and on CI
    const dir = await tmpDir('grantgen-prepare-');
    const { log, chromium } = await fakeApt(dir, true);
    const r = prepare(dir, chromium);
    expect(r.stderr).toContain('installing Debian');
    expect(r.status).toBe(0);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq chromium',
    ]);
  });

  it('as root, fails loudly when apt-get did not produce the browser', async () => {
    const dir = await tmpDir('grantgen-prepare-');
    const { chromium } = await fakeApt(dir, false);
    const r = prepare(dir, chromium);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('still missing');
  });

  it('as another user, prints the exact command and installs nothing', async () => {
    const dir = await tmpDir('grantgen-prepare-');
    await chmod(dir, 0o755);
    const { log, chromium } = await fakeApt(dir, true);
    const r = prepare(dir, chromium, true);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    await expect(readFile(log, 'utf8')).rejects.toThrow();
  });

  it('does nothing when the browser is there', async () => {
    const dir = await tmpDir('grantgen-prepare-');
    const { log } = await fakeApt(dir, true);
    const present = path.join(dir, 'present');
    await writeFile(present, '');
    expect(prepare(dir, present).status).toBe(0);
    await expect(readFile(log, 'utf8')).rejects.toThrow();
  });
});
