#!/usr/bin/env node
// Prepare what the tests need outside node_modules. Idempotent and fast when already done.
//   - .venv with the pins of test/python-requirements.txt (skipped while .venv/.requirements.sha256 matches)
//   - .cache/newest-venv with the newest ruff and mypy releases (refreshed once a day), so the
//     generated Python is also checked by tools newer than the pins
//   - Debian chromium at /usr/bin/chromium: installed with apt-get when missing and running as root
//     (as on CI); otherwise the exact command to run is printed. Never a browser download.
// Run as `node test/setup/prepare.mjs` from anywhere (`--only chromium` skips the venv).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REQUIREMENTS = join(ROOT, 'test', 'python-requirements.txt');
const VENV = join(ROOT, '.venv');
const VENV_PYTHON = join(VENV, 'bin', 'python');
const STAMP = join(VENV, '.requirements.sha256');
const CHROMIUM = process.env.GRANTGEN_CHROMIUM ?? '/usr/bin/chromium';

/** @param {string} msg */
function fail(msg) {
  process.stderr.write(`prepare: ${msg}\n`);
  process.exitCode = 1;
}

/**
 * @param {string} cmd @param {string[]} args
 * @returns {boolean}
 */
function run(cmd, args) {
  process.stderr.write(`prepare: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) {
    fail(`${cmd} could not be run: ${r.error.message}`);
    return false;
  }
  if (r.status !== 0) {
    fail(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    return false;
  }
  return true;
}

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const r = spawnSync(
      /** @type {string} */ (candidate),
      ['-c', 'import sys, venv; assert sys.version_info >= (3, 9)'],
      { stdio: 'ignore' },
    );
    if (r.status === 0) return /** @type {string} */ (candidate);
  }
  return null;
}

function ensureVenv() {
  if (!existsSync(REQUIREMENTS)) {
    fail(`${REQUIREMENTS} is missing`);
    return;
  }
  const hash = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  // existsSync follows the symlink: a venv whose interpreter vanished counts as missing.
  const venvOk = existsSync(VENV_PYTHON);
  if (venvOk && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash) return;

  if (!venvOk) {
    const python = findPython();
    if (!python) {
      fail(
        'python3 (>= 3.9, with the venv module) not found: install it, e.g. `apt-get install -y python3 python3-venv`',
      );
      return;
    }
    if (!run(python, ['-m', 'venv', '--clear', VENV])) {
      fail('creating .venv failed (on Debian: `apt-get install -y python3-venv`)');
      return;
    }
  }
  if (!run(VENV_PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', REQUIREMENTS])) {
    fail('installing the Python test requirements failed (is the package registry reachable?)');
    return;
  }
  const tmp = `${STAMP}.${process.pid}.tmp`;
  writeFileSync(tmp, `${hash}\n`);
  renameSync(tmp, STAMP);
}

const NEWEST_VENV = join(ROOT, '.cache', 'newest-venv');
const NEWEST_STAMP = join(NEWEST_VENV, '.installed-on');

function ensureNewestTools() {
  const today = new Date().toISOString().slice(0, 10);
  const python = join(NEWEST_VENV, 'bin', 'python');
  if (existsSync(python) && existsSync(NEWEST_STAMP) && readFileSync(NEWEST_STAMP, 'utf8').trim() === today) return;
  if (!existsSync(python)) {
    const base = findPython();
    if (!base || !run(base, ['-m', 'venv', '--clear', NEWEST_VENV])) {
      fail('creating .cache/newest-venv failed');
      return;
    }
  }
  if (
    !run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '--upgrade', 'ruff', 'mypy', 'httpx'])
  ) {
    fail('installing the newest ruff, mypy and httpx failed (is the package registry reachable?)');
    return;
  }
  writeFileSync(NEWEST_STAMP, `${today}\n`);
}

function checkChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    process.stderr.write(`prepare: ${CHROMIUM} not found; installing Debian's chromium (running as root)\n`);
    process.env.DEBIAN_FRONTEND = 'noninteractive';
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
      if (existsSync(CHROMIUM)) return;
      fail(`apt-get installed chromium but ${CHROMIUM} is still missing (set GRANTGEN_CHROMIUM to its path)`);
    }
    return;
  }
  fail(
    `${CHROMIUM} not found. The browser tests drive Debian's Chromium through playwright-core (no browser is ever downloaded).\n` +
      '  Install it, then run the tests again:  sudo apt-get update && sudo apt-get install -y chromium',
  );
}

const only = process.argv.indexOf('--only');
const what = only >= 0 ? process.argv[only + 1] : 'all';
if (what === 'all' || what === 'venv') ensureVenv();
if (what === 'all' || what === 'newest') ensureNewestTools();
if (what === 'all' || what === 'chromium') checkChromium();
