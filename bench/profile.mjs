#!/usr/bin/env node
/**
 * CPU-profile one grantgen generation and print the hottest functions (self time, and total time of
 * grantgen's own functions) with file:line.
 *   node bench/profile.mjs [SPEC] [--target docs|python|typescript|all] [--top 25]
 * Default SPEC: the GitHub REST spec. Profiles land in bench/.work/prof/.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, ROOT, WORK } from './lib/grantgen.mjs';
import { run, tail } from './lib/proc.mjs';

const { values, positionals } = parseArgs({ options: { target: { type: 'string', default: 'docs' }, top: { type: 'string', default: '25' } }, allowPositionals: true });
const spec = path.resolve(positionals[0] ?? path.join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json'));
const dir = path.join(WORK, 'prof');
rmSync(dir, { recursive: true, force: true });
const r = await run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, CLI, 'generate', spec, '--target', values.target, '--out', path.join(WORK, 'out/prof'), '--json'], { cwd: ROOT, timeoutMs: 600_000 });
if (r.code !== 0) throw new Error(`generate failed: ${tail(r.stderr || r.stdout)}`);
console.log(r.stdout.trim());
const prof = JSON.parse(readFileSync(path.join(dir, readdirSync(dir)[0]), 'utf8'));

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
const where = (cf) => `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^file:\/\//, '').replace(ROOT + '/', '')}:${cf.lineNumber + 1}`;

// Self time per function location.
const selfBy = new Map();
for (const n of prof.nodes) selfBy.set(where(n.callFrame), (selfBy.get(where(n.callFrame)) ?? 0) + (self.get(n.id) ?? 0));
// Total (inclusive) time per location, counting each location once per stack.
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = new Map();
for (const [id, ms] of self) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = where(byId.get(cur).callFrame);
    if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + ms);
    seen.add(k);
  }
}
const top = Number(values.top);
const show = (title, m, filter = () => true) => {
  console.log(`\n${title}`);
  [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, ms]) => console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`));
};
show('Self time (all code):', selfBy);
show("Inclusive time (grantgen's own code, dist/generator):", total, (k) => k.includes('dist/generator/'));
