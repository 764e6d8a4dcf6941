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
import type { PackageMetadata, TargetName } from './targets/target.js';
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
  /** Package version, license, authors, repository (the same for every target). */
  metadata?: PackageMetadata;
  /** Extra template roots (`--templates`), each holding `<target>/...`. */
  templates?: string[];
  /** false: render in memory only (for `check`). */
  write?: boolean;
  /** Called after each step (for progress bars): `done` of `total` steps, and the step's name. */
  onProgress?: (done: number, total: number, step: string) => void;
}

export interface TargetResult {
  target: TargetName;
  out: string;
  files: Map<string, string>;
  stats: WriteStats | null;
  warnings: string[];
  /** The template folders this target rendered from (built-in and `--templates` overlays). */
  templateRoots: string[];
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
  const total = 1 + options.jobs.length * 2 + (options.write === false ? 0 : 1);
  let done = 0;
  const step = (name: string): void => options.onProgress?.(++done, total, name);
  const { loaded, ir } = await loadIr(options.spec, timings);
  step('load + IR');
  const rendered: TargetResult[] = [];
  const templateRoots: string[] = [];
  // Render every target before writing any, so a failure leaves every output folder untouched.
  for (const job of options.jobs) {
    const target = await getTarget(job.target);
    const t = performance.now();
    const plan = target.plan(ir, {
      packageName: options.packageName ?? null,
      specName: specName(options.spec),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
    timings.view += performance.now() - t;
    const templates = await loadTemplateSet(job.target, options.templates ?? []);
    templateRoots.push(...templates.roots);
    step(`${job.target}: view-model`);
    const files = await renderPlan(target, plan, templates, timings);
    rendered.push({
      target: job.target,
      out: job.out,
      files: withManifest(files),
      stats: null,
      warnings: plan.warnings,
      templateRoots: templates.roots,
    });
    step(`${job.target}: render + format`);
  }
  if (options.write !== false) {
    const t = performance.now();
    for (const r of rendered) r.stats = await writeTree(r.out, r.files);
    timings.write += performance.now() - t;
    step('write');
  }
  return { spec: options.spec, loaded, ir, targets: rendered, timings, templateRoots };
}
