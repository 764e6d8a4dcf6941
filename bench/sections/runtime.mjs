/** Section 4: SDK runtime against the real OAuth test server — per-call overhead and single-flight refresh. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, WORK, availableTargets } from '../lib/grantgen.mjs';
import { clean, killGroup, lastJson, run, stats, tail } from '../lib/proc.mjs';

const CALLS = 500;
const CONCURRENCY = 100;
const PYTHON = path.join(ROOT, '.venv/bin/python');
const SAMPLE = path.join(ROOT, 'specs/multiauth-sample.yaml');
const PKG = 'multiauthsample';
/**
 * The URL the SDKs call: the sample spec's Testing server (environment Testing). The raw and A/A
 * control calls use it too (BENCH_SDK_URL), so every side resolves the same host name and talks to
 * the same origin (in TypeScript all three share fetch's pool for it); the server's own 127.0.0.1
 * URL (BENCH_URL) serves only the drivers' /__control requests.
 */
const SDK_URL = 'http://localhost:3000';

/**
 * Start test/server/main.mjs on `port`; resolve { url, stop }. The sample spec's Testing environment
 * is http://localhost:3000, so port 3000 lets the SDKs reach it with their default configuration.
 */
function startServer(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/server/main.mjs'), '--port', String(port)], {
      cwd: ROOT,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'], // stdin stays open: the server exits when it closes (bench dies)
    });
    let out = '';
    let err = '';
    const stop = () => killGroup(child);
    process.once('exit', stop);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`test server did not start within 15 s: ${tail(err)}`));
    }, 15_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve({ url: JSON.parse(line).url, stop });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test server exited (${code}): ${tail(err)}`));
    });
  });
}

async function generateSdk(target) {
  const out = path.join(WORK, 'sdk', target);
  clean(out);
  const r = await run(process.execPath, [CLI, 'generate', SAMPLE, '--target', target, '--out', out, '--json'], { cwd: ROOT, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`grantgen generate --target ${target} failed: ${tail(r.stderr || r.stdout)}`);
  return out;
}

/** The folder to put on PYTHONPATH: the one holding <pkg>/__init__.py (package root or src/). */
function pythonPath(out) {
  for (const cand of [out, path.join(out, 'src')]) if (existsSync(path.join(cand, PKG, '__init__.py'))) return cand;
  for (const d of readdirSync(out, { withFileTypes: true }))
    if (d.isDirectory() && existsSync(path.join(out, d.name, PKG, '__init__.py'))) return path.join(out, d.name);
  throw new Error(`no ${PKG}/__init__.py in the generated Python SDK`);
}

/** Build the generated TypeScript package with the repo's tsc; return its ESM entry file. */
async function buildTs(out) {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const r = await run(process.execPath, [tsc, '-p', out], { cwd: out, timeoutMs: 180_000 });
  if (r.code !== 0) throw new Error(`tsc build of the generated TypeScript SDK failed: ${tail(r.stdout + r.stderr)}`);
  const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8'));
  const pick = (e) => (typeof e === 'string' ? e : e && (pick(e['.']) ?? pick(e.import) ?? pick(e.default)));
  const entry = pick(pkg.exports) ?? pkg.module ?? pkg.main;
  if (!entry) throw new Error('generated package.json has no exports/main entry');
  return path.join(out, entry);
}

/** Per-round ratios a[i] / b[i] (the sides of one round ran interleaved, so they pair). */
const paired = (a, b) => stats(a.map((x, i) => x / b[i]));

/**
 * One sequential measurement (sync or async) → figures over rounds. Headline `sdkOverRaw`: the ratio
 * of the round's median per-call times (a GC pause or scheduler hiccup lands on either side at
 * random and would move a mean); `sdkOverRawMean` the same with means; `controlOverRaw` the A/A
 * control (a second raw client identical to raw, medians): the bench's own noise floor, ideally 1.00.
 */
function sequentialFigures(seq) {
  return {
    calls: seq.calls,
    design: seq.design,
    url: seq.url,
    sdkUsPerCall: stats(seq.sdkUs),
    rawUsPerCall: stats(seq.rawUs),
    controlUsPerCall: stats(seq.controlUs),
    sdkMedianUsPerCall: stats(seq.sdkMedianUs),
    rawMedianUsPerCall: stats(seq.rawMedianUs),
    controlMedianUsPerCall: stats(seq.controlMedianUs),
    sdkOverRaw: paired(seq.sdkMedianUs, seq.rawMedianUs),
    sdkOverRawMean: paired(seq.sdkUs, seq.rawUs),
    controlOverRaw: paired(seq.controlMedianUs, seq.rawMedianUs),
    controlOverRawMean: paired(seq.controlUs, seq.rawUs),
  };
}

function summarize(raw, lang) {
  if (!raw) return { ok: false, reason: `${lang} driver printed no JSON` };
  const res = { ok: true };
  if (raw.sequential) Object.assign(res, sequentialFigures(raw.sequential));
  else res.sequentialError = raw.sequentialError;
  if (raw.concurrent) res.concurrent = raw.concurrent;
  else res.concurrentError = raw.concurrentError;
  // async client (Python's Async<Client>, issue 12): the same figures on the event loop
  if (raw.asyncSequential) res.async = sequentialFigures(raw.asyncSequential);
  else if (raw.asyncSequentialError) res.asyncSequentialError = raw.asyncSequentialError;
  if (raw.asyncConcurrent) res.asyncConcurrent = raw.asyncConcurrent;
  else if (raw.asyncConcurrentError) res.asyncConcurrentError = raw.asyncConcurrentError;
  return res;
}

async function pythonPart(url, runs, log) {
  if (!availableTargets().includes('python')) return { ok: false, reason: 'skipped: generator/targets/python/index.ts does not exist yet' };
  if (!existsSync(PYTHON)) return { ok: false, reason: 'skipped: .venv/bin/python missing (run npm test once to create it)' };
  try {
    const out = await generateSdk('python');
    const env = { ...process.env, PYTHONPATH: pythonPath(out), BENCH_URL: url, BENCH_SDK_URL: SDK_URL, BENCH_PKG: PKG, BENCH_CALLS: String(CALLS), BENCH_ROUNDS: String(runs), BENCH_CONCURRENCY: String(CONCURRENCY) };
    const r = await run(PYTHON, [path.join(ROOT, 'bench/sdk/py_bench.py')], { env, timeoutMs: 600_000 });
    if (r.code !== 0) return { ok: false, reason: `skipped: python driver failed: ${tail(r.stderr)}` };
    return summarize(lastJson(r.stdout), 'python');
  } catch (e) {
    return { ok: false, reason: `skipped: ${e.message}` };
  }
}

async function typescriptPart(url, runs) {
  if (!availableTargets().includes('typescript')) return { ok: false, reason: 'skipped: generator/targets/typescript/index.ts does not exist yet' };
  try {
    const entry = await buildTs(await generateSdk('typescript'));
    const env = { ...process.env, BENCH_URL: url, BENCH_SDK_URL: SDK_URL, BENCH_CALLS: String(CALLS), BENCH_ROUNDS: String(runs), BENCH_CONCURRENCY: String(CONCURRENCY) };
    const r = await run(process.execPath, [path.join(ROOT, 'bench/sdk/ts_bench.mjs'), entry], { env, timeoutMs: 600_000 });
    if (r.code !== 0) return { ok: false, reason: `skipped: typescript driver failed: ${tail(r.stderr)}` };
    return summarize(lastJson(r.stdout), 'typescript');
  } catch (e) {
    return { ok: false, reason: `skipped: ${e.message}` };
  }
}

export async function runtimeSection({ runs, log }) {
  let server;
  try {
    server = await startServer(3000);
  } catch (e) {
    return { ok: false, reason: `skipped: cannot start the test server on port 3000 (the sample spec's Testing URL): ${e.message}` };
  }
  try {
    log(`  test server at ${server.url}`);
    const python = await pythonPart(server.url, runs, log);
    log(`  python: ${python.ok ? 'done' : python.reason}`);
    const typescript = await typescriptPart(server.url, runs);
    log(`  typescript: ${typescript.ok ? 'done' : typescript.reason}`);
    return { ok: true, server: server.url, sdkUrl: SDK_URL, callsPerRound: CALLS, concurrency: CONCURRENCY, python, typescript };
  } finally {
    server.stop();
  }
}
