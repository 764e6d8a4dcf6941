/** Child processes with timeouts, /usr/bin/time measurements, statistics and output-tree sizes. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const TIME_BIN = '/usr/bin/time';

/**
 * Run a command; resolve { code, stdout, stderr, ms, timedOut }. Never rejects; kills the whole
 * process group after `timeoutMs`.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 300_000, input } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(err), ms: performance.now() - t0, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - t0, timedOut });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** Kill a detached child's process group (only processes this bench started). */
export function killGroup(child, signal = 'SIGKILL') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Run a fresh process under /usr/bin/time: { ok, wallMs, rssMb, stdout, stderr, reason }.
 * Wall time is measured by /usr/bin/time itself (%e has 10 ms resolution, so we also keep our own).
 */
export async function timed(cmd, args, opts = {}) {
  const fmt = '__BENCH_TIME__ %e %M';
  const r = await run(TIME_BIN, ['-f', fmt, cmd, ...args], opts);
  const lines = r.stderr.trimEnd().split('\n');
  const last = lines.findLast((l) => l.startsWith('__BENCH_TIME__')) ?? '';
  const [, , rssKb] = last.split(' ');
  const stderr = lines.filter((l) => !l.startsWith('__BENCH_TIME__')).join('\n');
  const ok = r.code === 0 && !r.timedOut;
  return {
    ok,
    wallMs: r.ms,
    rssMb: rssKb ? Number(rssKb) / 1024 : NaN,
    stdout: r.stdout,
    stderr,
    reason: ok ? null : r.timedOut ? `timed out after ${Math.round((opts.timeoutMs ?? 300_000) / 1000)} s` : `exit ${r.code}: ${tail(stderr || r.stdout)}`,
  };
}

export function tail(s, n = 300) {
  const t = s.trim();
  return t.length > n ? '…' + t.slice(-n) : t;
}

/** { median, min, max, n } of a list of numbers (NaN-free). */
export function stats(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

/** Ratio of two stats' medians, with the range of run-by-run ratios when paired. */
export function ratio(a, b) {
  if (!a || !b || !b.median) return null;
  return { value: a.median / b.median, of: 'median/median' };
}

/** Count files and bytes under a folder. */
export function treeSize(dir) {
  let files = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

export function clean(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** First line of a command's version output, or null. */
export function version(cmd, args = ['--version']) {
  try {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
    if (r.error) return null;
    return (r.stdout + r.stderr).trim().split('\n')[0] || null;
  } catch {
    return null;
  }
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Last line of stdout that parses as JSON (CLIs may print other lines first). */
export function lastJson(stdout) {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    try {
      return JSON.parse(l);
    } catch {
      /* not JSON */
    }
  }
  return null;
}
