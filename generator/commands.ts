/**
 * What each CLI command does, as plain async functions returning an exit code (the CLI parses
 * arguments and calls these; tests call them too). Human output goes to stderr, `--json` to stdout.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMPTY_METADATA, checkMetadata, readConfig, type SpecEntry } from './config.js';
import { GrantgenError, formatProblem, type SpecProblem } from './errors.js';
import { type GenerateResult, type PhaseTimings, generate, specName } from './generate.js';
import { checkIr } from './ir/build.js';
import { loadSpec } from './load/index.js';
import { createProgress } from './progress.js';
import type { TargetName } from './targets/target.js';
import { TARGET_NAMES } from './targets/index.js';
import { MANIFEST, handEdited, readTree } from './write/tree.js';
import type { PackageMetadata } from './targets/target.js';

export interface OutputOptions {
  quiet: boolean;
  json: boolean;
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export const processIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
};

export interface SpecSelection {
  specs: string[];
  target: TargetName | 'all';
  out: string | undefined;
  packageName: string | null;
  templates: string[];
  /** `--package-version`, `--license`, `--author` (repeatable), `--repository`; override the config. */
  packageVersion?: string | undefined;
  license?: string | undefined;
  authors?: string[] | undefined;
  repository?: string | undefined;
}

const FLAG_OF: Record<string, string> = {
  packageVersion: '--package-version',
  license: '--license',
  authors: '--author',
  repository: '--repository',
};

function withFlags(base: PackageMetadata, sel: SpecSelection): PackageMetadata {
  return checkMetadata(
    {
      version: sel.packageVersion,
      license: sel.license,
      authors: sel.authors && sel.authors.length > 0 ? sel.authors : undefined,
      repository: sel.repository,
    },
    'command line',
    (k) => FLAG_OF[k] ?? k,
    base,
  );
}

/** Specs from the command line (with --out) or from grantgen.config.yaml. */
export async function selectSpecs(sel: SpecSelection): Promise<SpecEntry[]> {
  if (sel.specs.length === 0) {
    const entries = (await readConfig()).map((e) => ({ ...e, metadata: withFlags(e.metadata, sel) }));
    if (sel.target === 'all') return entries;
    return entries
      .map((e) => ({ ...e, jobs: e.jobs.filter((j) => j.target === sel.target) }))
      .filter((e) => e.jobs.length > 0);
  }
  if (!sel.out) {
    throw GrantgenError.one({
      code: 'out-missing',
      file: sel.specs[0] ?? '',
      pointer: '',
      message: 'no output folder given',
      hint: 'add --out DIR, or write a config with `grantgen init SPEC` and run without a spec',
    });
  }
  const metadata = withFlags(EMPTY_METADATA, sel);
  const targets: TargetName[] = sel.target === 'all' ? [...TARGET_NAMES] : [sel.target];
  const out = sel.out;
  return sel.specs.map((spec) => {
    const base = sel.specs.length > 1 ? path.join(out, specName(spec)) : out;
    return {
      spec,
      packageName: sel.packageName,
      metadata,
      jobs: targets.map((t) => ({ target: t, out: targets.length > 1 ? path.join(base, t) : base })),
    };
  });
}

function ms(n: number): string {
  return `${Math.round(n)}`;
}

function phaseLine(t: PhaseTimings): string {
  return `load ${ms(t.load)}, ir ${ms(t.ir)}, view ${ms(t.view)}, render ${ms(t.render)}, format ${ms(t.format)}, write ${ms(t.write)} ms`;
}

export function summarize(r: GenerateResult, total: number): Record<string, unknown> {
  return {
    spec: r.spec,
    ms: Math.round(total),
    timings: Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, Math.round(v as number)])),
    warnings: [
      ...r.ir.warnings.map((w) => `${w.code}: ${w.message}${w.pointer ? ` (at ${w.pointer})` : ''}`),
      ...r.targets.flatMap((t) => t.warnings),
    ],
    targets: r.targets.map((t) => ({ target: t.target, out: t.out, files: t.files.size, ...(t.stats ?? {}) })),
  };
}

export function reportError(e: unknown, io: Io, opts: OutputOptions): number {
  if (e instanceof GrantgenError) {
    if (opts.json) io.out(JSON.stringify({ ok: false, problems: e.problems }));
    else for (const p of e.problems) io.err(formatProblem(p));
    return e.exitCode;
  }
  const err = e as Error;
  io.err(
    `grantgen: internal error: ${err.message}\n${err.stack ?? ''}\nThis is a bug in grantgen; please report it with the spec that triggers it.`,
  );
  return 3;
}

export async function runGenerate(sel: SpecSelection, opts: OutputOptions, io: Io = processIo): Promise<number> {
  try {
    const entries = await selectSpecs(sel);
    const results: Record<string, unknown>[] = [];
    for (const e of entries) {
      const t0 = performance.now();
      const progress = createProgress(path.basename(e.spec), process.stderr.isTTY && !opts.quiet && !opts.json);
      let r: GenerateResult;
      try {
        r = await generate({
          spec: e.spec,
          jobs: e.jobs,
          packageName: sel.packageName ?? e.packageName,
          metadata: e.metadata,
          templates: sel.templates,
          onProgress: (done, total, step) => progress.update(done, total, step),
        });
      } finally {
        progress.stop();
      }
      const total = performance.now() - t0;
      results.push(summarize(r, total));
      if (!opts.quiet && !opts.json) {
        for (const w of summarize(r, total)['warnings'] as string[])
          io.err(`${path.relative(process.cwd(), e.spec)}: warning ${w}`);
        const parts = r.targets.map(
          (t) =>
            `${t.target} ${t.files.size} files (${t.stats?.written ?? 0} written, ${t.stats?.unchanged ?? 0} unchanged, ${t.stats?.removed ?? 0} removed)`,
        );
        io.err(
          `${path.relative(process.cwd(), e.spec)}: ${parts.join('; ')} in ${ms(total)} ms [${phaseLine(r.timings)}]`,
        );
        for (const t of r.targets) for (const line of fileReport(t.out, t.stats)) io.err(line);
      }
    }
    if (opts.json) io.out(JSON.stringify({ ok: true, results }));
    return 0;
  } catch (e) {
    return reportError(e, io, opts);
  }
}

/** Compare fresh output with what is on disk; print a unified diff per changed file; 1 on drift. */
export async function runCheck(sel: SpecSelection, opts: OutputOptions, io: Io = processIo): Promise<number> {
  try {
    const entries = await selectSpecs(sel);
    const { createTwoFilesPatch } = await import('diff');
    const drift: string[] = [];
    const handEdits: string[] = [];
    for (const e of entries) {
      const r = await generate({
        spec: e.spec,
        jobs: e.jobs,
        packageName: sel.packageName ?? e.packageName,
        metadata: e.metadata,
        templates: sel.templates,
        write: false,
      });
      for (const t of r.targets) {
        const tree = await readTree(t.out);
        const edited = handEdited(tree);
        const disk = tree.files;
        const names = [...new Set([...t.files.keys(), ...disk.keys()])].sort();
        for (const rel of names) {
          if (rel === MANIFEST) continue; // derived from the others: any drift there shows in a file
          const want = t.files.get(rel);
          const have = disk.get(rel);
          if (want === have) continue;
          const shown = path.relative(process.cwd(), path.join(t.out, rel));
          drift.push(shown);
          if (edited.has(rel)) handEdits.push(shown);
          if (!opts.quiet && !opts.json)
            io.out(
              createTwoFilesPatch(
                `a/${shown}`,
                `b/${shown}`,
                have ?? '',
                want ?? '',
                have === undefined ? 'missing on disk' : edited.has(rel) ? 'edited by hand' : '',
                want === undefined ? 'no longer generated' : '',
              ),
            );
        }
      }
    }
    if (opts.json) io.out(JSON.stringify({ ok: drift.length === 0, drift, handEdited: handEdits }));
    else if (drift.length > 0) {
      if (handEdits.length > 0)
        io.err(`grantgen check: edited by hand since the last generate: ${handEdits.join(', ')}`);
      io.err(
        `grantgen check: ${drift.length} file(s) differ from a fresh run\n  fix: run \`grantgen generate\` with the same arguments (it overwrites hand edits of generated files), then commit the result`,
      );
    } else if (!opts.quiet) io.err('grantgen check: output is up to date');
    return drift.length === 0 ? 0 : 1;
  } catch (e) {
    return reportError(e, io, opts);
  }
}

/** Report every problem of each spec without writing anything. */
export async function runValidate(specs: string[], opts: OutputOptions, io: Io = processIo): Promise<number> {
  try {
    const list = specs.length > 0 ? specs : (await readConfig()).map((e) => e.spec);
    const problems: SpecProblem[] = [];
    const warnings: string[] = [];
    for (const spec of list) {
      try {
        const loaded = await loadSpec(spec);
        const { ir, problems: found } = checkIr(loaded);
        problems.push(...found);
        warnings.push(...ir.warnings.map((w) => `${spec}: warning ${w.code}: ${w.message} (at ${w.pointer})`));
      } catch (e) {
        if (e instanceof GrantgenError) problems.push(...e.problems);
        else throw e;
      }
    }
    if (opts.json) io.out(JSON.stringify({ ok: problems.length === 0, problems, warnings }));
    else {
      for (const p of problems) io.err(formatProblem(p));
      if (!opts.quiet) for (const w of warnings) io.err(w);
      if (!opts.quiet && problems.length === 0) io.err(`${list.length} spec(s) valid`);
    }
    return problems.length === 0 ? 0 : 2;
  } catch (e) {
    return reportError(e, io, opts);
  }
}

/** Print the IR of one spec as JSON. */
export async function runIr(spec: string, io: Io = processIo): Promise<number> {
  try {
    const loaded = await loadSpec(spec);
    const { buildIr } = await import('./ir/build.js');
    io.out(JSON.stringify(buildIr(loaded), null, 2));
    return 0;
  } catch (e) {
    return reportError(e, io, { quiet: false, json: false });
  }
}

/** Lines telling what a write kept and what hand edits it overwrote (nothing when neither). */
export function fileReport(out: string, stats: GenerateResult['targets'][number]['stats']): string[] {
  if (!stats) return [];
  const shown = path.relative(process.cwd(), out) || '.';
  const lines: string[] = [];
  const list = (xs: string[]): string =>
    xs.length > 10 ? `${xs.slice(0, 10).join(', ')}, ... (${xs.length})` : xs.join(', ');
  if (stats.overwrittenEdits.length > 0)
    lines.push(`  ${shown}: overwritten (edited by hand): ${list(stats.overwrittenEdits)}`);
  if (stats.kept.length > 0) lines.push(`  ${shown}: kept (not generated): ${list(stats.kept)}`);
  return lines;
}

/** Read a file or return undefined (for watch's change report). */
export async function readMaybe(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface DiffOptions {
  json: boolean;
  markdown: boolean;
  failOn: 'breaking' | 'feature' | 'fix' | undefined;
  packageName: string | null;
  title: string | undefined;
}

/** `grantgen diff OLD NEW`: SDK-level changes and the semver bump they need. */
export async function runDiff(oldSpec: string, newSpec: string, o: DiffOptions, io: Io = processIo): Promise<number> {
  try {
    const { loadIr } = await import('./generate.js');
    const { diffIr } = await import('./diff/compare.js');
    const fmt = await import('./diff/format.js');
    const [a, b] = [await loadIr(oldSpec), await loadIr(newSpec)];
    const r = diffIr(a.ir, b.ir, o.packageName);
    if (o.json) io.out(fmt.json(r));
    else if (o.markdown) io.out(fmt.markdown(r, o.title));
    else io.out(fmt.table(r));
    const levels = ['breaking', 'feature', 'fix'] as const;
    if (o.failOn) {
      const limit = levels.indexOf(o.failOn);
      const hit = r.changes.find((c) => levels.indexOf(c.kind) <= limit);
      if (hit) {
        if (!o.json)
          io.err(
            `grantgen diff: ${r.changes.filter((c) => levels.indexOf(c.kind) <= limit).length} change(s) at or above --fail-on ${o.failOn}`,
          );
        return 1;
      }
    }
    return 0;
  } catch (e) {
    return reportError(e, io, { quiet: false, json: o.json });
  }
}
