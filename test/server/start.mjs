// Helper for tests written in JS/TS: start the test server as a subprocess.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const MAIN = fileURLToPath(new URL('./main.mjs', import.meta.url));

/**
 * @typedef {object} TestServer
 * @property {string} url e.g. http://127.0.0.1:41234
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => Promise<void>} close
 */

/**
 * Start `node test/server/main.mjs` and wait for its {"url"} line.
 * @param {{ args?: string[], timeoutMs?: number }} [options]
 * @returns {Promise<TestServer>}
 */
export function startTestServer(options = {}) {
  const child = spawn(process.execPath, [MAIN, ...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`test server did not start in time: ${stderr}`));
    }, options.timeoutMs ?? 10_000);
    const rl = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
    rl.once('line', (line) => {
      clearTimeout(timer);
      try {
        const { url } = JSON.parse(line);
        resolve({
          url,
          child,
          close: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      } catch (err) {
        child.kill('SIGTERM');
        reject(new Error(`unexpected first line from test server: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test server exited with ${code}: ${stderr}`));
    });
  });
}
