/** How the bench invokes grantgen: which targets exist, and config files for "all available targets". */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WORK = path.join(ROOT, 'bench/.work');
export const CLI = path.join(ROOT, 'dist/generator/cli.js');
export const ALL_TARGETS = ['python', 'typescript', 'go', 'docs'];

/** Targets whose source folder has an index.ts right now (others are being written in parallel). */
export function availableTargets() {
  return ALL_TARGETS.filter((t) => existsSync(path.join(ROOT, 'generator/targets', t, 'index.ts')));
}

export function missingTargets() {
  const have = availableTargets();
  return ALL_TARGETS.filter((t) => !have.includes(t));
}

/**
 * A folder holding a grantgen.config.yaml for `spec` with `targets`, each written to <out>/<target>.
 * Used for "all targets" so the same invocation works while some targets do not exist yet
 * (identical to `--target all` once they all do: the CLI builds the same jobs).
 */
export function configDir(name, spec, out, targets) {
  const dir = path.join(WORK, 'cfg', name);
  mkdirSync(dir, { recursive: true });
  const yaml = `specs:\n  - spec: ${JSON.stringify(path.resolve(spec))}\n    out: ${JSON.stringify(path.resolve(out))}\n    targets: [${targets.join(', ')}]\n`;
  writeFileSync(path.join(dir, 'grantgen.config.yaml'), yaml);
  return dir;
}

/** argv + cwd for `grantgen generate` of one spec with the given targets (one target, or several via config). */
export function generateCommand(name, spec, out, targets) {
  if (targets.length === 1)
    return { args: [CLI, 'generate', path.resolve(spec), '--target', targets[0], '--out', path.resolve(out), '--json'], cwd: ROOT };
  return { args: [CLI, 'generate', '--json'], cwd: configDir(name, spec, out, targets) };
}

/** Sum the per-phase timings of a `--json` generate result. */
export function phasesOf(json) {
  const sum = {};
  for (const r of json?.results ?? [])
    for (const [k, v] of Object.entries(r.timings ?? {})) sum[k] = (sum[k] ?? 0) + Number(v);
  return sum;
}

/** In-process generation time (the `ms` field), excluding Node start-up. */
export function inProcessMs(json) {
  return (json?.results ?? []).reduce((n, r) => n + Number(r.ms ?? 0), 0);
}
