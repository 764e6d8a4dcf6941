/** Shared helpers for the Python target tests: generate, lint, type-check, build, install. */
import path from 'node:path';
import { generate, REPO, run } from '../helpers/sdk.js';

export { generate, listSpecs, REPO, run, tempDir } from '../helpers/sdk.js';

export const VENV_BIN = path.join(REPO, '.venv', 'bin');
export const PYTHON = path.join(VENV_BIN, 'python');

export interface PySdk {
  spec: string;
  dir: string;
  packageName: string;
}

/** Generate the Python SDK of `spec` into `root/<spec name>`. */
export async function generatePython(spec: string, root: string): Promise<PySdk> {
  const name = path.basename(spec).replace(/\.(ya?ml|json)$/, '');
  const dir = path.join(root, name);
  const result = await generate({ spec, jobs: [{ target: 'python', out: dir }] });
  const files = [...(result.targets[0]?.files.keys() ?? [])];
  const init = files.find((f) => /^[^/]+\/__init__\.py$/.test(f));
  if (!init) throw new Error(`no package __init__.py generated for ${spec}`);
  return { spec, dir, packageName: init.split('/')[0] as string };
}

/** Run a tool; on failure the error carries its stdout + stderr. */
export async function tool(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${path.basename(cmd)} ${args.join(' ')} failed in ${cwd}:\n${err.stdout ?? ''}${err.stderr ?? ''}${err.message}`,
    );
  }
}
