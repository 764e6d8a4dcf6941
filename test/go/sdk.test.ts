/**
 * The Go SDK of every golden spec (the committed `generated/<spec>/go`, which test/snapshot proves
 * equal to a fresh run): gofmt -l prints nothing, go vet is clean (it type-checks every package,
 * examples included), go build succeeds, staticcheck is clean, and the module is standard-library
 * only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { go, goEnv, gofmtList, listSpecs, REPO, run } from './helpers.js';

/** staticcheck, pinned, installed from the Go module proxy into the clone's cache (once). */
const STATICCHECK = 'honnef.co/go/tools/cmd/staticcheck@v0.8.2';

const specs = (await listSpecs()).map((s) => path.basename(s).replace(/\.(ya?ml|json)$/, ''));

describe('generated Go SDKs of the golden specs', () => {
  it('covers every golden spec', () => {
    expect(specs.length).toBeGreaterThanOrEqual(6);
  });

  for (const spec of specs) {
    it(`${spec}: gofmt-clean, go vet clean, builds, standard library only`, async () => {
      const dir = path.join(REPO, 'generated', spec, 'go');
      expect(await gofmtList(dir)).toEqual([]);
      await go(['vet', './...'], dir);
      await go(['build', './...'], dir);
      const mod = await readFile(path.join(dir, 'go.mod'), 'utf8');
      expect(mod).toMatch(/^module \S+\n\ngo 1\.22\n$/);
      const { stdout } = await go(['list', '-deps', '-f', '{{if not .Standard}}{{.ImportPath}}{{end}}', './...'], dir);
      const module = /^module (\S+)/.exec(mod)![1]!;
      for (const dep of stdout.split('\n').filter(Boolean)) expect(dep.startsWith(module), dep).toBe(true);
    }, 300_000);
  }

  it('staticcheck is clean on every golden spec', async () => {
    const bin = path.join(REPO, '.cache/go/bin');
    await go(['install', STATICCHECK], REPO, 600_000, { GOBIN: bin });
    for (const spec of specs) {
      const dir = path.join(REPO, 'generated', spec, 'go');
      try {
        await run(path.join(bin, 'staticcheck'), ['./...'], { cwd: dir, env: goEnv(), maxBuffer: 16 * 1024 * 1024 });
      } catch (error) {
        const e = error as { stdout?: string };
        throw new Error(`staticcheck ${spec}:\n${e.stdout ?? String(error)}`);
      }
    }
  }, 900_000);
});
