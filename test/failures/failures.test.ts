/**
 * Broken and unsupported specs (issue 6 §10): each case of `cases.ts` runs the built CLI
 * `generate <file> --target docs --out <tmp>/out` and must exit 2 with exactly the expected
 * error code and location, print no stack trace, and leave nothing behind.
 */
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, mapLimit, runCli, stackLines, tmpDir, type CliResult } from '../helpers/cli.js';
import { CASES, type FailureCase } from './cases.js';

const CASES_DIR = path.join(ROOT, 'test', 'failures', 'cases');
const HUGE_BYTES = 50 * 1024 * 1024;

interface Outcome {
  c: FailureCase;
  r: CliResult;
  leftovers: string[];
}

/** `file:line:col: error code: message (at pointer)` → parts. */
const PROBLEM_LINE = /^(.+?)(?::(\d+):(\d+))?: error ([a-z0-9-]+): (.*?)(?: \(at (.*)\))?$/;

function parseProblems(
  stderr: string,
): { file: string; line: number | null; code: string; message: string; pointer: string }[] {
  return stderr
    .split('\n')
    .map((l) => PROBLEM_LINE.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      file: m[1] ?? '',
      line: m[2] === undefined ? null : Number(m[2]),
      code: m[4] ?? '',
      message: m[5] ?? '',
      pointer: m[6] ?? '',
    }));
}

async function writeHuge(file: string): Promise<void> {
  // 50 MB of nested arrays: `[[[[...]]]]`, 25 Mi levels deep.
  const half = HUGE_BYTES / 2;
  const chunk = 1024 * 1024;
  const out = createWriteStream(file);
  const put = (s: string): Promise<void> =>
    new Promise((resolve, reject) => (out.write(s) ? resolve() : out.once('drain', resolve).once('error', reject)));
  for (let n = 0; n < half; n += chunk) await put('['.repeat(Math.min(chunk, half - n)));
  for (let n = 0; n < half; n += chunk) await put(']'.repeat(Math.min(chunk, half - n)));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

let work: string;
let outcomes: Map<string, Outcome>;

async function runCase(c: FailureCase): Promise<Outcome> {
  const scratch = await tmpDir('grantgen-fail-');
  const out = path.join(scratch, 'out');
  const r = await runCli(['generate', c.file, '--target', 'docs', '--out', out], work, 180_000);
  return { c, r, leftovers: await readdir(scratch) };
}

beforeAll(async () => {
  await ensureBuilt();
  work = await tmpDir('grantgen-cases-');
  await cp(CASES_DIR, work, { recursive: true });
  await writeFile(
    path.join(work, 'binary.yaml'),
    Buffer.from([0x6f, 0x70, 0x65, 0x6e, 0x00, 0x01, 0xff, 0x00, 0x89, 0x50, 0x4e, 0x47]),
  );
  await mkdir(path.join(work, 'a-directory.yaml'));
  const small = CASES.filter((c) => c.generated !== 'huge');
  outcomes = new Map((await mapLimit(small, 4, runCase)).map((o) => [o.c.file, o]));
});

describe('broken specs', () => {
  it('has at least 40 cases, each with a fixture file unless generated', async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const committed = new Set(await readdir(CASES_DIR));
    for (const c of CASES) if (!c.generated) expect(committed, c.file).toContain(c.file);
    expect(new Set(CASES.map((c) => c.file)).size).toBe(CASES.length);
  });

  it.each(CASES.filter((c) => c.generated !== 'huge').map((c) => [c.file, c] as const))(
    '%s is rejected with its exact code and location, exit 2, no stack trace, no output',
    (_file, c) => {
      const o = outcomes.get(c.file);
      if (!o) throw new Error(`no outcome for ${c.file}`);
      assertOutcome(o);
    },
  );

  it('huge-nested.json (50 MB of nested arrays) fails with a clear message in bounded time', async () => {
    const c = CASES.find((x) => x.generated === 'huge') as FailureCase;
    await writeHuge(path.join(work, c.file));
    const o = await runCase(c);
    assertOutcome(o);
    // Bound by size: 0.2 s per MB (one linear scan refuses it before JSON.parse; ~1 s today).
    expect(o.r.ms).toBeLessThan((HUGE_BYTES / (1024 * 1024)) * 200);
  }, 200_000);
});

function assertOutcome({ c, r, leftovers }: Outcome): void {
  const context = `${c.file}\n--- stderr ---\n${r.stderr.slice(0, 2000)}`;
  expect(r.code, context).toBe(2);
  expect(stackLines(r.stderr), context).toEqual([]);
  expect(r.stderr, context).not.toMatch(/internal error/);
  expect(r.stdout, context).toBe('');
  expect(leftovers, context).toEqual([]);
  const problems = parseProblems(r.stderr);
  expect(problems.length, context).toBeGreaterThan(0);
  const [first] = problems;
  expect({ ...first, message: undefined }, context).toEqual({
    file: c.at ?? c.file,
    line: c.line,
    code: c.code,
    pointer: c.pointer,
    message: undefined,
  });
  expect(first?.message, context).toContain(c.message);
  if (c.alsoCodes)
    expect(
      problems.slice(1).map((p) => p.code),
      context,
    ).toEqual(c.alsoCodes);
  // every problem comes with a fix line
  expect(r.stderr.split('\n').filter((l) => l.startsWith('  fix: ')).length, context).toBe(problems.length);
}
