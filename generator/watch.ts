/**
 * `grantgen watch`: regenerate a spec whenever it, a file it `$ref`s, or a template changes.
 * Uses chokidar (maintained, debounced, cross-platform) to watch files.
 */
import path from 'node:path';
// chokidar is imported where the watcher starts: the CLI is bundled into one module whose static
// imports all load at start-up, and only `watch` needs it.
import type { FSWatcher } from 'chokidar';
import { type Io, type OutputOptions, type SpecSelection, processIo, selectSpecs, summarize } from './commands.js';
import type { SpecEntry } from './config.js';
import type { TargetName } from './targets/target.js';
import { formatProblem, GrantgenError } from './errors.js';
import { generate } from './generate.js';
import { getTarget } from './targets/index.js';

export interface WatchHandle {
  close(): Promise<void>;
  /** Resolves after the first full generation. */
  ready: Promise<void>;
}

export function runWatch(sel: SpecSelection, opts: OutputOptions, io: Io = processIo): WatchHandle {
  let closed = false;
  let watcher: FSWatcher | null = null;
  const watched = new Set<string>();
  const specFiles = new Map<string, Set<string>>(); // spec → files it reads
  const templateRootsOf = new Map<TargetName, Set<string>>(); // target → its template folders
  let entries: SpecEntry[] = [];
  let queue = Promise.resolve();

  const run = async (entry: SpecEntry, reason: string, only: ReadonlySet<TargetName> | null = null): Promise<void> => {
    const t0 = performance.now();
    const jobs = only ? entry.jobs.filter((j) => only.has(j.target)) : entry.jobs;
    if (jobs.length === 0) return;
    try {
      const r = await generate({
        spec: entry.spec,
        jobs,
        packageName: sel.packageName ?? entry.packageName,
        metadata: entry.metadata,
        templates: sel.templates,
      });
      specFiles.set(entry.spec, new Set(r.loaded.files));
      for (const t of r.targets)
        templateRootsOf.set(t.target, new Set([...(templateRootsOf.get(t.target) ?? []), ...t.templateRoots]));
      const fresh = [...r.loaded.files, ...r.templateRoots].filter((f) => !watched.has(f));
      for (const f of fresh) watched.add(f);
      if (watcher && fresh.length > 0) watcher.add(fresh);
      const s = summarize(r, performance.now() - t0);
      if (opts.json) io.out(JSON.stringify({ event: 'generated', reason, ...s }));
      else if (!opts.quiet) {
        // Any change rewrites the manifest (it holds every file's hash): count the other files.
        const written = r.targets.reduce((n, t) => n + Math.max(0, (t.stats?.written ?? 0) - 1), 0);
        io.err(
          `${reason}: ${path.relative(process.cwd(), entry.spec)} regenerated, ${written} file(s) written in ${Math.round(performance.now() - t0)} ms`,
        );
      }
    } catch (e) {
      if (e instanceof GrantgenError) for (const p of e.problems) io.err(formatProblem(p));
      else io.err(`internal error: ${(e as Error).message}`);
    }
  };

  const ready = (async () => {
    entries = await selectSpecs(sel);
    for (const e of entries) await run(e, 'start');
    // Start watching only now, and wait for chokidar's initial scan, so no early save is missed.
    const { watch: chokidarWatch } = await import('chokidar');
    const w = chokidarWatch([...watched], {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: 20, pollInterval: 10 },
    });
    watcher = w;
    w.on('all', onChange);
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    if (closed) await w.close();
    if (!opts.quiet && !opts.json) io.err('watching for changes (Ctrl-C to stop)');
    // Keep the pipeline warm: a formatter (prettier for TypeScript) is loaded lazily, which costs
    // the first save after start-up several hundred ms; load it and its parser now, in the idle time.
    await warmFormatters(new Set(entries.flatMap((e) => e.jobs.map((j) => j.target))));
  })();

  function onChange(_event: string, changed: string): void {
    if (closed) return;
    const abs = path.resolve(changed);
    const affected = entries.filter((e) => specFiles.get(e.spec)?.has(abs) ?? true);
    const isTemplate = !entries.some((e) => specFiles.get(e.spec)?.has(abs));
    const reason = `${path.relative(process.cwd(), abs)} changed`;
    if (!isTemplate) {
      for (const e of affected) queue = queue.then(() => run(e, reason));
      return;
    }
    // A template re-renders only the targets whose template folders hold it.
    const using = new Set(
      [...templateRootsOf].filter(([, roots]) => [...roots].some((r) => abs.startsWith(r + path.sep))).map(([t]) => t),
    );
    const only = using.size > 0 ? using : null;
    for (const e of entries) queue = queue.then(() => run(e, reason, only));
  }

  return {
    ready,
    async close() {
      closed = true;
      await ready.catch(() => undefined);
      await watcher?.close();
      await queue;
    },
  };
}

/** Run each target's formatter once on a tiny file so its first real use is fast (result unused). */
async function warmFormatters(targets: ReadonlySet<TargetName>): Promise<void> {
  for (const name of targets) {
    try {
      const t = await getTarget(name);
      await t.format?.('warm.ts', 'export const warm = 1;\n');
      await t.format?.('warm.md', '# warm\n');
    } catch {
      /* warming is best effort; a real failure surfaces on the next save */
    }
  }
}
