/**
 * Runs the pytest suite of this folder (issue 14: device flow, discovery, revocation, loopback) on
 * the Python SDK generated from specs/device-flow-3.2.yaml, with the package on PYTHONPATH, against
 * the real test server and headless Chromium.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePython, PYTHON, REPO, tempDir, tool, type PySdk } from '../helpers.js';

let sdk: PySdk;

beforeAll(async () => {
  if (!existsSync(PYTHON)) throw new Error('.venv missing: run `node test/setup/prepare.mjs`');
  sdk = await generatePython(path.join(REPO, 'specs/device-flow-3.2.yaml'), await tempDir('py-beyond-'));
}, 120_000);

describe('python SDK: device flow, discovery, revocation, loopback (issue 14)', () => {
  it('passes test/python/beyond', async () => {
    expect(sdk.packageName).toBe('deviceflow');
    const out = await tool(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/python/beyond'], REPO, {
      PYTHONPATH: sdk.dir,
      GRANTGEN_BEYOND_PY_DIR: sdk.dir,
    });
    expect(out).toMatch(/\d+ passed/);
    expect(out).not.toMatch(/failed|error/i);
  }, 300_000);
});
