/** Section 3: incremental — `grantgen watch` latency after spec / template saves, and `grantgen check`. */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, WORK, availableTargets, configDir } from '../lib/grantgen.mjs';
import { clean, killGroup, run, stats, tail, timed } from '../lib/proc.mjs';

const EDITS = 20;
// Unique per run: a format cache warmed by an earlier bench run must not make spec saves look free.
const NONCE = `${process.pid}-${Date.now()}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A spawned `grantgen watch --json` whose stdout events can be awaited one by one. */
function startWatch(cwd, overlay) {
  const child = spawn(process.execPath, [CLI, 'watch', '--json', '--templates', overlay], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events = [];
  const waiters = [];
  let buf = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      let ev;
      try {
        ev = JSON.parse(line);
      } catch {
        continue;
      }
      ev.at = performance.now();
      events.push(ev);
      waiters.splice(0).forEach((w) => w());
    }
  });
  child.stderr.on('data', (d) => (stderr += d));
  /** Next event after index `from` matching `pred`, or throw after timeoutMs. */
  const next = (from, pred, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no watch event within ${timeoutMs} ms; stderr: ${tail(stderr)}`)),
        timeoutMs,
      );
      const check = () => {
        const ev = events.slice(from).find(pred);
        if (ev) {
          clearTimeout(timer);
          resolve(ev);
        } else waiters.push(check);
      };
      check();
    });
  return { child, events, next, stderr: () => stderr };
}

/** Time `edits` saves of `file` (each via `edit(text, i)`) to the matching regeneration event. */
async function timeEdits(w, file, edit, edits, log, label) {
  const latencies = [];
  for (let i = 0; i < edits; i++) {
    const text = readFileSync(file, 'utf8');
    const from = w.events.length;
    writeFileSync(file, edit(text, i));
    const t0 = performance.now();
    const ev = await w.next(from, (e) => e.event === 'generated' && e.reason !== 'start', 10_000);
    latencies.push(ev.at - t0);
    await sleep(150); // let the watcher settle so edits do not coalesce
  }
  log(`  watch ${label}: ${latencies.map((x) => Math.round(x)).join(' ')} ms`);
  return latencies;
}

async function watchLatency({ edits, log }) {
  const dir = path.join(WORK, 'incr');
  clean(dir);
  mkdirSync(path.join(dir, 'overlay/docs'), { recursive: true });
  const spec = path.join(dir, 'multiauth-sample.yaml');
  copyFileSync(path.join(ROOT, 'specs/multiauth-sample.yaml'), spec);
  const template = path.join(dir, 'overlay/docs/README.md.hbs');
  copyFileSync(path.join(ROOT, 'templates/docs/README.md.hbs'), template);
  const targets = availableTargets();
  const cwd = configDir('watch', spec, path.join(dir, 'out'), targets);
  const w = startWatch(cwd, path.join(dir, 'overlay'));
  try {
    const start = await w.next(0, (e) => e.event === 'generated', 60_000);
    await sleep(300); // chokidar finishes adding the watched files
    const specLat = await timeEdits(
      w,
      spec,
      (t, i) => t.replace(/^( {2}description: API for Markdown Notes app\.).*$/m, `$1 (bench edit ${NONCE}-${i})`),
      edits,
      log,
      'spec edits',
    );
    const tplLat = await timeEdits(
      w,
      template,
      (t, i) => t.replace(/\n<!-- bench edit \d+ -->\n?$/, '') + `\n<!-- bench edit ${i} -->\n`,
      edits,
      log,
      'template edits',
    );
    const inProc = w.events.filter((e) => e.reason !== 'start').map((e) => e.ms);
    // Where a save's time goes, per phase (median over every edit), to show what to speed up next.
    const editEvents = w.events.filter((e) => e.reason !== 'start' && e.timings);
    const phases = Object.fromEntries(
      Object.keys(editEvents[0]?.timings ?? {}).map((k) => [
        k,
        Math.round(stats(editEvents.map((e) => e.timings[k]))?.median ?? 0),
      ]),
    );
    log(`  watch phases (median ms): ${JSON.stringify(phases)}`);
    return {
      ok: true,
      targets,
      startMs: start.ms,
      specEditMs: stats(specLat),
      templateEditMs: stats(tplLat),
      allEditsMs: stats([...specLat, ...tplLat]),
      reportedGenerateMs: stats(inProc),
    };
  } catch (e) {
    return { ok: false, reason: e.message };
  } finally {
    killGroup(w.child, 'SIGTERM');
    await sleep(100);
    killGroup(w.child);
  }
}

async function checkUnchanged({ runs, log }) {
  const targets = availableTargets();
  const cwd = configDir('check', path.join(ROOT, 'specs/multiauth-sample.yaml'), path.join(WORK, 'out/check'), targets);
  const gen = await run(process.execPath, [CLI, 'generate', '--json'], { cwd, timeoutMs: 120_000 });
  if (gen.code !== 0) return { ok: false, reason: `generate failed: ${tail(gen.stderr || gen.stdout)}` };
  const wall = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(process.execPath, [CLI, 'check', '--json'], { cwd, timeoutMs: 120_000 });
    if (!r.ok) return { ok: false, reason: `check on an unchanged tree: ${r.reason}` };
    wall.push(r.wallMs);
  }
  log(`  check: ${wall.map((x) => Math.round(x)).join(' ')} ms`);
  return { ok: true, targets, wallMs: stats(wall) };
}

export async function incrementalSection({ runs, log }) {
  const watch = await watchLatency({ edits: EDITS, log });
  if (!watch.ok) log(`  watch FAILED: ${watch.reason}`);
  const check = await checkUnchanged({ runs, log });
  if (!check.ok) log(`  check FAILED: ${check.reason}`);
  return { watch, check };
}
