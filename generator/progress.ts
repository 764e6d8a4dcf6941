/**
 * Progress bar for long generations (cli-progress): shown only on a TTY, never with --quiet or
 * --json, and only once a spec has taken more than a second, so quick runs print nothing extra.
 */
import { SingleBar, Presets } from 'cli-progress';

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
        bar = new SingleBar(
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
