/**
 * Section 5: start-up (issue 11) — cold `grantgen generate` of the sample spec, all targets, into
 * an existing output folder (the everyday re-run), against a bare `node -e 0` in the same paired
 * runs on the same machine. The figure is the ratio of the medians (target ≤ 3.5×).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, WORK, availableTargets, generateCommand } from '../lib/grantgen.mjs';
import { stats } from '../lib/proc.mjs';

export const STARTUP_TARGET_RATIO = 3.5;

function wallMs(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return ms;
}

export async function startupSection({ runs, log }) {
  const targets = availableTargets();
  const out = path.join(WORK, 'out', 'startup');
  const c = generateCommand('startup', path.join(ROOT, 'specs/multiauth-sample.yaml'), out, targets);
  wallMs(process.execPath, c.args, c.cwd); // the output exists (and the format cache is warm) from here on
  const pairs = Math.max(10, runs * 4);
  const bare = [];
  const generate = [];
  for (let i = 0; i < pairs; i++) {
    bare.push(wallMs(process.execPath, ['-e', '0'], ROOT));
    generate.push(wallMs(process.execPath, c.args, c.cwd));
  }
  const b = stats(bare);
  const g = stats(generate);
  const ratio = g.median / b.median;
  log(`  bare node ${b.median.toFixed(0)} ms, generate (${targets.join('+')}) ${g.median.toFixed(0)} ms: ${ratio.toFixed(2)}×`);
  return { ok: true, targets, pairs, bareMs: b, generateMs: g, ratio };
}

export function startupRows(s) {
  const row = (item, x, unit, note) => ({ section: '5 start-up', item, median: x.median, min: x.min, max: x.max, unit, note });
  return [
    row('bare `node -e 0`', s.bareMs, 'ms', `${s.pairs} paired runs`),
    row(`cold generate, sample spec (${s.targets.join('+')}), existing output`, s.generateMs, 'ms', ''),
    { section: '5 start-up', item: 'generate / bare node', median: s.ratio, min: s.ratio, max: s.ratio, unit: '×', digits: 2, note: `target ≤ ${STARTUP_TARGET_RATIO}×` },
  ];
}
