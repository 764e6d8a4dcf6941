/**
 * The real-world corpus (../shared/corpus) through the Go target: every spec generates, its Go SDK
 * is gofmt-clean, all of them build in one program that constructs each client and calls every
 * operation against a fake transport (test/go/exercise), and a spec with authorization code or
 * password flows gets managers for them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndExercise } from '../go/exercise.js';
import { REPO, tempDir } from '../go/helpers.js';

const CORPUS = path.resolve(REPO, '../shared/corpus');
const specs = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.(json|ya?ml)$/.test(f))
      .sort()
      .map((f) => ({ name: f.replace(/\.(json|ya?ml)$/, ''), file: path.join(CORPUS, f) }))
  : [];

let root: string;
let result: Awaited<ReturnType<typeof buildAndExercise>>;

beforeAll(async () => {
  root = await tempDir('go-corpus-');
  result = await buildAndExercise(specs, root, 'corpus');
}, 1_800_000);

describe('corpus through the Go target', () => {
  it('has the corpus', () => {
    expect(specs.length).toBeGreaterThanOrEqual(12);
  });

  it('every Go SDK is gofmt-clean', () => {
    expect(result.gofmt).toEqual([]);
  });

  it('every Go SDK builds, constructs and runs its operations without a foreign error or panic', () => {
    expect(Object.keys(result.failures).sort()).toEqual(specs.map((s) => s.name).sort());
    expect(Object.entries(result.failures).filter(([, f]) => f !== null && f.length > 0)).toEqual([]);
  });

  it('specs with authorization code or password flows get their managers', async () => {
    let withFlows = 0;
    for (const s of specs) {
      const raw = await readFile(s.file, 'utf8');
      const hasFlow = /"?(authorizationCode|accessCode)"?\s*:|"?flow"?\s*:\s*"?password|"?password"?\s*:\s*\{/.test(
        raw,
      );
      const client = await readFile(path.join(root, s.name, 'client.go'), 'utf8');
      const managers = (client.match(/\*core\.(AuthorizationCodeManager|PasswordManager)$/gm) ?? []).length;
      if (hasFlow) {
        withFlows++;
        expect(managers, s.name).toBeGreaterThan(0);
      }
    }
    expect(withFlows).toBeGreaterThan(5);
  });
});
