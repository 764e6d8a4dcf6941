/** Section 2: scaling — grantgen all targets on synthetic specs of 10 … 5,000 operations. */
import path from 'node:path';
import { WORK, availableTargets, generateCommand, inProcessMs, phasesOf } from '../lib/grantgen.mjs';
import { writeSynthSpec } from '../lib/synth.mjs';
import { clean, lastJson, stats, timed } from '../lib/proc.mjs';

export const SIZES = [10, 100, 1000, 5000];

export async function scalingSection({ runs, log }) {
  const targets = availableTargets();
  const sizes = {};
  for (const n of SIZES) {
    const spec = writeSynthSpec(path.join(WORK, 'synth'), n);
    const out = path.join(WORK, 'out/synth', String(n));
    const wall = [];
    const gen = [];
    const phases = [];
    let reason = null;
    for (let i = 0; i < runs && !reason; i++) {
      clean(out);
      const c = generateCommand(`synth-${n}`, spec, out, targets);
      const r = await timed(process.execPath, c.args, { cwd: c.cwd, timeoutMs: 600_000 });
      if (!r.ok) {
        reason = r.reason;
        break;
      }
      const json = lastJson(r.stdout);
      wall.push(r.wallMs);
      gen.push(inProcessMs(json));
      phases.push(phasesOf(json));
      log(`  ${n} ops run ${i + 1}/${runs}: ${Math.round(r.wallMs)} ms wall, ${Math.round(gen.at(-1))} ms in-process`);
    }
    if (reason) {
      sizes[n] = { ok: false, reason };
      log(`  ${n} ops FAILED: ${reason}`);
      continue;
    }
    const names = Object.keys(phases[0] ?? {});
    sizes[n] = {
      ok: true,
      wallMs: stats(wall),
      inProcessMs: stats(gen),
      // Per operation, from the in-process time (Node start-up excluded; it would swamp the small specs).
      msPerOp: stats(gen.map((g) => g / n)),
      wallMsPerOp: stats(wall.map((w) => w / n)),
      phases: Object.fromEntries(names.map((p) => [p, stats(phases.map((x) => x[p]))])),
    };
  }
  const per = SIZES.filter((n) => sizes[n]?.ok).map((n) => sizes[n].msPerOp.median);
  const largestOverSmallest = per.length >= 2 ? Math.max(...per) / Math.min(...per) : null;
  const big = sizes[5000]?.ok && sizes[1000]?.ok ? sizes[5000].msPerOp.median / sizes[1000].msPerOp.median : null;
  // Marginal cost per extra operation between consecutive sizes: flat when generation is linear
  // (the plain per-op figure also carries the fixed cost, which dominates the small specs).
  const ok = SIZES.filter((n) => sizes[n]?.ok);
  const marginal = ok.slice(1).map((n, i) => {
    const m = ok[i];
    return { from: m, to: n, msPerOp: (sizes[n].inProcessMs.median - sizes[m].inProcessMs.median) / (n - m) };
  });
  const slopes = marginal.filter((x) => x.from >= 100).map((x) => x.msPerOp);
  const marginalLastOverFirst = slopes.length >= 2 && slopes[0] > 0 ? slopes.at(-1) / slopes[0] : null;
  return { targets, sizes, largestOverSmallestPerOp: largestOverSmallest, perOp5000Over1000: big, marginal, marginalLastOverFirst };
}
