import type { ChildProcess } from 'node:child_process';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** Start `node test/server/main.mjs` as a subprocess and wait for its {"url"} line. */
export function startTestServer(options?: { args?: string[]; timeoutMs?: number }): Promise<TestServer>;
