/** Competitors, installed by the bench itself into bench/.work (exact versions pinned here). */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORK } from './grantgen.mjs';
import { run, tail, version } from './proc.mjs';

/**
 * Pinned versions. @hey-api/openapi-ts: 0.95.0 is the newest release whose `engines` allows Node 20
 * (0.96+ require Node ≥ 22.13). openapi-typescript: latest 7.x.
 */
export const NPM_PINS = { 'openapi-typescript': '7.9.1', '@hey-api/openapi-ts': '0.95.0' };
export const OAG_VERSION = '7.17.0';
const OAG_ARTIFACT = `org.openapitools:openapi-generator-cli:${OAG_VERSION}`;

function installedVersion(pkg) {
  const file = path.join(WORK, 'node_modules', pkg, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** npm competitors: { ok, reason, versions }. Installs only when a pinned version is missing. */
export async function installNpmCompetitors(log) {
  mkdirSync(WORK, { recursive: true });
  const stale = Object.entries(NPM_PINS).filter(([p, v]) => installedVersion(p) !== v);
  if (stale.length > 0) {
    log(`installing ${Object.entries(NPM_PINS).map(([p, v]) => `${p}@${v}`).join(', ')} into bench/.work ...`);
    writeFileSync(path.join(WORK, 'package.json'), JSON.stringify({ private: true, dependencies: NPM_PINS }, null, 2));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = await run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: WORK, timeoutMs: 300_000 });
    if (r.code !== 0) return { ok: false, reason: `npm install failed: ${tail(r.stderr)}`, versions: {} };
  }
  return { ok: true, reason: null, versions: Object.fromEntries(Object.keys(NPM_PINS).map((p) => [p, installedVersion(p)])) };
}

function findJar() {
  const dir = path.join(os.homedir(), '.m2/repository/org/openapitools/openapi-generator-cli', OAG_VERSION);
  const jar = path.join(dir, `openapi-generator-cli-${OAG_VERSION}.jar`);
  return existsSync(jar) ? jar : null;
}

/** OpenAPI Generator jar via Maven: { ok, reason, jar }. */
export async function installOpenApiGenerator(log) {
  if (!version('java', ['-version'])) return { ok: false, reason: 'java not found on PATH', jar: null };
  let jar = findJar();
  if (jar) return { ok: true, reason: null, jar };
  if (!version('mvn', ['-v'])) return { ok: false, reason: 'mvn (Maven) not found on PATH', jar: null };
  log(`downloading ${OAG_ARTIFACT} with mvn dependency:get ...`);
  const r = await run('mvn', ['-q', '-B', 'dependency:get', `-Dartifact=${OAG_ARTIFACT}`], { timeoutMs: 600_000 });
  jar = findJar();
  if (r.code !== 0 || !jar) return { ok: false, reason: `mvn dependency:get failed: ${tail(r.stdout + r.stderr)}`, jar: null };
  return { ok: true, reason: null, jar };
}

const bin = (name) => path.join(WORK, 'node_modules/.bin', name);

/** Command lines, each a fresh process writing into `out`. */
export const competitorCommands = {
  'openapi-typescript': (spec, out) => ({
    cmd: bin('openapi-typescript'),
    args: [path.resolve(spec), '-o', path.join(out, 'schema.d.ts')],
  }),
  'hey-api': (spec, out) => ({
    cmd: bin('openapi-ts'),
    // Default plugins are @hey-api/typescript (types) + @hey-api/sdk; client: fetch.
    args: ['-i', path.resolve(spec), '-o', out, '-c', '@hey-api/client-fetch', '-s', '--no-log-file'],
  }),
  'openapi-generator-python': (spec, out, jar) => ({
    cmd: 'java',
    // --skip-validate-spec: real-world specs (GitHub) fail its validator; skipping only makes it faster.
    args: ['-jar', jar, 'generate', '-g', 'python', '-i', path.resolve(spec), '-o', out, '--skip-validate-spec'],
  }),
};

export function ensureDir(d) {
  mkdirSync(d, { recursive: true });
  return readdirSync(d);
}
