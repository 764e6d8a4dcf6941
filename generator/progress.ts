/**
 * Progress bar for long generations (cli-progress): shown only on a TTY, never with --quiet or
 * --json, and only once a spec has taken more than a second, so quick runs print nothing extra.
 */
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';

const require = createRequire(import.meta.url);

export interface Progress {
  update(done: number, total: number, step: string): void;
  stop(): void;
}

export function createProgress(label: string, enabled: boolean, delayMs = 1000): Progress {
  const started = performance.now();
  let bar: SingleBar | null = null;
  return {
    update(done, total, step) {
      if (!enabled) return;
      if (!bar) {
        if (performance.now() - started < delayMs) return;
        // Loaded on demand: most runs never show a bar.
        const { SingleBar: Bar, Presets } = require('cli-progress') as typeof import('cli-progress');
        bar = new Bar(
          { format: `${label} [{bar}] {value}/{total} {step}`, stream: process.stderr, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(total, done, { step });
      }
      bar.update(done, { step });
    },
    stop() {
      bar?.stop();
    },
  };
}
