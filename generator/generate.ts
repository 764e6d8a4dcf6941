/**
 * The library entry point: one call runs load → IR → view-model → render → format → write for one
 * spec and its targets. The CLI and the tests call exactly this.
 */
import path from 'node:path';
import { buildIr } from './ir/build.js';
import type { IrApi } from './ir/types.js';
import { loadSpec, type LoadedSpec } from './load/index.js';
import { renderPlan } from './render/render.js';
import { loadTemplateSet } from './render/templates.js';
import { getTarget } from './targets/index.js';
import type { TargetName } from './targets/target.js';
import { type WriteStats, withManifest, writeTree } from './write/tree.js';

export interface PhaseTimings {
  load: number;
  ir: number;
  view: number;
  render: number;
  format: number;
  write: number;
}

export interface TargetJob {
  target: TargetName;
  /** Output folder for this target. */
  out: string;
}

export interface GenerateOptions {
  spec: string;
  jobs: TargetJob[];
  packageName?: string | null;
  /** Extra template roots (`--templates`), each holding `<target>/...`. */
  templates?: string[];
  /** false: render in memory only (for `check`). */
  write?: boolean;
}

export interface TargetResult {
  target: TargetName;
  out: string;
  files: Map<string, string>;
  stats: WriteStats | null;
  warnings: string[];
}

export interface GenerateResult {
  spec: string;
  loaded: LoadedSpec;
  ir: IrApi;
  targets: TargetResult[];
  timings: PhaseTimings;
  templateRoots: string[];
}

export function specName(spec: string): string {
  return path.basename(spec).replace(/\.(ya?ml|json)$/i, '');
}

/** Load and build the IR (no targets). */
export async function loadIr(spec: string, timings?: PhaseTimings): Promise<{ loaded: LoadedSpec; ir: IrApi }> {
  let t = performance.now();
  const loaded = await loadSpec(spec);
  if (timings) timings.load += performance.now() - t;
  t = performance.now();
  const ir = buildIr(loaded);
  if (timings) timings.ir += performance.now() - t;
  return { loaded, ir };
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const timings: PhaseTimings = { load: 0, ir: 0, view: 0, render: 0, format: 0, write: 0 };
  const { loaded, ir } = await loadIr(options.spec, timings);
  const rendered: TargetResult[] = [];
  const templateRoots: string[] = [];
  // Render every target before writing any, so a failure leaves every output folder untouched.
  for (const job of options.jobs) {
    const target = await getTarget(job.target);
    let t = performance.now();
    const plan = target.plan(ir, { packageName: options.packageName ?? null, specName: specName(options.spec) });
    timings.view += performance.now() - t;
    const templates = await loadTemplateSet(job.target, options.templates ?? []);
    templateRoots.push(...templates.roots);
    const files = await renderPlan(target, plan, templates, timings);
    rendered.push({
      target: job.target,
      out: job.out,
      files: withManifest(files),
      stats: null,
      warnings: plan.warnings,
    });
    t = performance.now();
  }
  if (options.write !== false) {
    const t = performance.now();
    for (const r of rendered) r.stats = await writeTree(r.out, r.files);
    timings.write += performance.now() - t;
  }
  return { spec: options.spec, loaded, ir, targets: rendered, timings, templateRoots };
}
