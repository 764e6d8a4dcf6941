/** Section 1: generation side by side — grantgen (all targets, each alone) vs competitors, fresh processes. */
import path from 'node:path';
import { ROOT, WORK, availableTargets, generateCommand, inProcessMs, missingTargets, phasesOf } from '../lib/grantgen.mjs';
import { competitorCommands, installNpmCompetitors, installOpenApiGenerator } from '../lib/competitors.mjs';
import { clean, lastJson, stats, timed, treeSize } from '../lib/proc.mjs';

export const SPECS = {
  sample: 'specs/multiauth-sample.yaml',
  stripe: '../shared/corpus/stripe-spec3-2022-01.json',
  github: 'node_modules/@octokit/openapi/generated/api.github.com.json',
};

/** Every tool as { name, kind, skip?, invoke(spec, out) → {cmd,args,cwd}, grantgen? }. */
async function tools(log) {
  const list = [];
  const have = availableTargets();
  const missing = missingTargets();
  const allLabel = missing.length ? `grantgen-all (${have.join('+')}; missing ${missing.join(', ')})` : 'grantgen-all';
  list.push({ name: 'grantgen-all', label: allLabel, grantgen: have, targets: have });
  for (const t of ['python', 'typescript', 'docs']) {
    if (have.includes(t)) list.push({ name: `grantgen-${t}`, label: `grantgen-${t}`, grantgen: [t] });
    else list.push({ name: `grantgen-${t}`, label: `grantgen-${t}`, skip: `generator/targets/${t}/index.ts does not exist yet` });
  }
  const npm = await installNpmCompetitors(log);
  for (const n of ['openapi-typescript', 'hey-api'])
    list.push(npm.ok ? { name: n, label: n, competitor: n } : { name: n, label: n, skip: npm.reason });
  const oag = await installOpenApiGenerator(log);
  list.push(
    oag.ok
      ? { name: 'openapi-generator-python', label: 'openapi-generator-python', competitor: 'openapi-generator-python', jar: oag.jar }
      : { name: 'openapi-generator-python', label: 'openapi-generator-python', skip: oag.reason },
  );
  return { list, versions: { ...npm.versions, 'openapi-generator-cli': oag.ok ? path.basename(oag.jar) : null } };
}

function command(tool, specKey, spec, out) {
  if (tool.grantgen) {
    const c = generateCommand(`gen-${specKey}-${tool.name}`, spec, out, tool.grantgen);
    return { cmd: process.execPath, args: c.args, cwd: c.cwd };
  }
  const c = competitorCommands[tool.competitor](spec, out, tool.jar);
  return { ...c, cwd: WORK };
}

/** One fresh run of one tool on one spec: { ok, wallMs, rssMb, files, bytes, phases, inProcessMs, reason }. */
async function runOnce(tool, specKey, spec, timeoutMs) {
  const out = path.join(WORK, 'out', specKey, tool.name);
  clean(out);
  const c = command(tool, specKey, spec, out);
  const r = await timed(c.cmd, c.args, { cwd: c.cwd, timeoutMs });
  const res = { ok: r.ok, wallMs: r.wallMs, rssMb: r.rssMb, reason: r.reason, ...treeSize(out) };
  if (tool.grantgen && r.ok) {
    const json = lastJson(r.stdout);
    res.phases = phasesOf(json);
    res.inProcessMs = inProcessMs(json);
  }
  return res;
}

function summarize(runs) {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return { ok: false, reason: runs[0]?.reason ?? 'no run' };
  const phaseNames = Object.keys(ok[0].phases ?? {});
  return {
    ok: true,
    runs: ok.length,
    wallMs: stats(ok.map((r) => r.wallMs)),
    rssMb: stats(ok.map((r) => r.rssMb)),
    files: ok[0].files,
    bytes: ok[0].bytes,
    ...(ok[0].phases
      ? {
          inProcessMs: stats(ok.map((r) => r.inProcessMs)),
          phases: Object.fromEntries(phaseNames.map((p) => [p, stats(ok.map((r) => r.phases[p]))])),
        }
      : {}),
    raw: ok.map((r) => Math.round(r.wallMs)),
  };
}

/** Ratio of paired runs (same run index, same process round): median, min, max of a_i / b_i. */
function pairedRatio(a, b) {
  const n = Math.min(a?.length ?? 0, b?.length ?? 0);
  const xs = [];
  for (let i = 0; i < n; i++) if (a[i].ok && b[i].ok) xs.push(a[i].wallMs / b[i].wallMs);
  return stats(xs);
}

export async function generationSection({ runs, log, specs = Object.keys(SPECS) }) {
  const { list, versions } = await tools(log);
  for (const t of list.filter((t) => t.skip)) log(`  skipped ${t.name}: ${t.skip}`);
  const active = list.filter((t) => !t.skip);
  const result = { versions, tools: Object.fromEntries(list.map((t) => [t.name, { label: t.label, skip: t.skip ?? null }])), specs: {} };
  for (const specKey of specs) {
    const spec = path.join(ROOT, SPECS[specKey]);
    const timeoutMs = specKey === 'sample' ? 120_000 : 600_000;
    const perTool = Object.fromEntries(active.map((t) => [t.name, []]));
    // Round-robin: run i of every tool before run i+1 of any, so drift hits all tools alike.
    for (let i = 0; i < runs; i++) {
      for (const t of active) {
        const prev = perTool[t.name];
        if (prev.length > 0 && !prev[0].ok) continue; // failed once: do not burn time repeating it
        const r = await runOnce(t, specKey, spec, timeoutMs);
        prev.push(r);
        log(`  ${specKey} run ${i + 1}/${runs} ${t.name}: ${r.ok ? `${Math.round(r.wallMs)} ms, ${Math.round(r.rssMb)} MB` : `FAILED ${r.reason}`}`);
      }
    }
    const summary = Object.fromEntries(Object.entries(perTool).map(([k, v]) => [k, summarize(v)]));
    for (const t of list.filter((t) => t.skip)) summary[t.name] = { ok: false, reason: `skipped: ${t.skip}` };
    const ratios = {
      'grantgen-all / openapi-typescript': pairedRatio(perTool['grantgen-all'], perTool['openapi-typescript']),
      'grantgen-all / hey-api': pairedRatio(perTool['grantgen-all'], perTool['hey-api']),
      'grantgen-python / openapi-generator-python': pairedRatio(perTool['grantgen-python'], perTool['openapi-generator-python']),
    };
    result.specs[specKey] = { spec: SPECS[specKey], tools: summary, ratios };
  }
  return result;
}
