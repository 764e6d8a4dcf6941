/**
 * Builds the Go harness (test/go/harness/main.go) once against the committed Go SDKs of
 * specs/multiauth-sample.yaml and specs/multi-flow-servers.yaml and talks to it: one JSON request per line, one JSON answer per line.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { go, goEnv, REPO, tempDir } from './helpers.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Harness {
  call(request: Json): Promise<Json>;
  close(): Promise<void>;
}

/** Build the harness binary (one compile per test file) and start it. */
export async function startHarness(): Promise<Harness> {
  const dir = await tempDir('go-harness-');
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await copyFile(path.join(REPO, 'test/go/harness/main.go'), path.join(dir, 'src/main.go'));
  const sample = path.join(REPO, 'generated/multiauth-sample/go');
  const multiFlow = path.join(REPO, 'generated/multi-flow-servers/go');
  await writeFile(
    path.join(dir, 'src/go.mod'),
    'module harness\n\ngo 1.22\n\nrequire (\n\tmultiauthsample v0.0.0\n\tmultiflowservers v0.0.0\n)\n\n' +
      `replace multiauthsample => ${sample}\n\nreplace multiflowservers => ${multiFlow}\n`,
  );
  const bin = path.join(dir, 'harness');
  await go(['build', '-o', bin, '.'], path.join(dir, 'src'));
  const child: ChildProcessWithoutNullStreams = spawn(bin, [], { env: goEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const waiting = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as Json;
    waiting.get(answer['id'] as number)?.resolve(answer);
    waiting.delete(answer['id'] as number);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the Go harness exited (${code}): ${stderr}`));
    waiting.clear();
  });
  let next = 1;
  return {
    call(request: Json): Promise<Json> {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
      });
    },
    async close(): Promise<void> {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    },
  };
}
