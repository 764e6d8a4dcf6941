// SDK runtime benchmark for the generated TypeScript SDK (run by bench/sections/runtime.mjs).
// Usage: node ts_bench.mjs <entry.js>   Env: BENCH_URL, BENCH_CALLS, BENCH_ROUNDS, BENCH_CONCURRENCY,
// BENCH_BLOCK, BENCH_WARMUP.
// Prints one JSON object. Documented surface: new <Title>Client({ oAuthROPCGCredentials, environment }),
// client.oAuthROPCG.fetchToken(), the Authentication controller's oAuthAuthorizationGrant().
import { pathToFileURL } from 'node:url';

const URL_ = process.env.BENCH_URL.replace(/\/$/, '');
const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const OP_PATH = '/oauth2/non-auth-server/user';
const ROPCG = { oAuthClientId: 'ropcg-client', oAuthClientSecret: 'ropcg-secret', oAuthUsername: 'alice', oAuthPassword: 'alice-password' };

const sdk = await import(pathToFileURL(process.argv[2]).href);
const Client = Object.entries(sdk).find(([k, v]) => k.endsWith('Client') && typeof v === 'function')?.[1];
if (!Client) throw new Error('the package exports no *Client class');
// The sample spec's Testing environment is http://localhost:3000 (the bench starts the server there).
const environment = sdk.Environment?.Testing ?? sdk.Environment?.TESTING ?? 'testing';

async function control(method, path, body) {
  const r = await fetch(URL_ + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status}`);
  const text = await r.text();
  return text ? JSON.parse(text) : null;
}

function makeClient(extra = {}) {
  return new Client({ oAuthROPCGCredentials: { ...ROPCG, ...extra }, environment });
}

function operation(client) {
  for (const key of Object.keys(client).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(client)))) {
    let ctl;
    try {
      ctl = client[key];
    } catch {
      continue;
    }
    if (ctl && typeof ctl.oAuthAuthorizationGrant === 'function') return () => ctl.oAuthAuthorizationGrant();
  }
  throw new Error('no controller with oAuthAuthorizationGrant() on the client');
}

async function perCallUs(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t0) / n) * 1000;
}

async function sequential() {
  const token = await makeClient().oAuthROPCG.fetchToken();
  const call = operation(makeClient({ oAuthToken: token }));
  const headers = { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' };
  const raw = async () => {
    const r = await fetch(URL_ + OP_PATH, { headers });
    if (!r.ok) throw new Error(`raw call: ${r.status}`);
    return r.json();
  };
  await raw();
  const before = (await control('GET', '/__control/log')).length;
  for (let i = 0; i < 20; i++) await call();
  const hits = (await control('GET', '/__control/log')).slice(before).filter((e) => e.path === OP_PATH);
  if (hits.length < 20) throw new Error(`20 SDK calls reached the server ${hits.length} times`);
  // Warm-up to steady state: both sides run WARMUP calls (interleaved) before anything is timed, so
  // neither is measured while V8 is still compiling its code (the SDK has more code to optimize;
  // 50 calls left part of the first round on unoptimized code).
  for (let i = 0; i < WARMUP; i++) {
    await raw();
    await call();
  }
  // Each round makes CALLS calls of each kind in interleaved blocks of BLOCK (alternating which
  // goes first), so both see the same machine load even when it changes within a round.
  const sdkUs = [];
  const rawUs = [];
  for (let i = 0; i < ROUNDS; i++) {
    let sdkTotal = 0;
    let rawTotal = 0;
    for (let done = 0, b = 0; done < CALLS; done += BLOCK, b++) {
      const n = Math.min(BLOCK, CALLS - done);
      if ((i + b) % 2 === 0) {
        rawTotal += (await perCallUs(raw, n)) * n;
        sdkTotal += (await perCallUs(call, n)) * n;
      } else {
        sdkTotal += (await perCallUs(call, n)) * n;
        rawTotal += (await perCallUs(raw, n)) * n;
      }
    }
    sdkUs.push(sdkTotal / CALLS);
    rawUs.push(rawTotal / CALLS);
  }
  return { sdkUs, rawUs, calls: CALLS };
}

async function concurrent() {
  await control('POST', '/__control/reset');
  await control('POST', '/__control/settings', { accessTokenLifetime: 1 });
  const token = await makeClient().oAuthROPCG.fetchToken();
  if (!token.refreshToken) throw new Error('token response carried no refreshToken');
  await control('POST', '/__control/settings', { accessTokenLifetime: 300 });
  await new Promise((r) => setTimeout(r, 2200)); // the held token is now expired (expiresIn was 1 s)
  let updates = 0;
  const call = operation(makeClient({ oAuthToken: token, oAuthOnTokenUpdate: () => void updates++ }));
  const before = (await control('GET', '/__control/log')).length;
  const t0 = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: CONCURRENCY }, () => call()));
  const totalMs = performance.now() - t0;
  const log = (await control('GET', '/__control/log')).slice(before);
  const tokenRequests = log.filter((e) => e.grantType);
  const errors = settled.filter((s) => s.status === 'rejected').map((s) => `${s.reason?.name}: ${s.reason?.message}`);
  return {
    calls: CONCURRENCY,
    totalMs,
    tokenRequests: tokenRequests.length,
    grantTypes: [...new Set(tokenRequests.map((e) => e.grantType))].sort(),
    successes: CONCURRENCY - errors.length,
    errors: errors.slice(0, 3),
    tokenUpdateCallbacks: updates,
  };
}

const out = { node: process.version };
try {
  out.sequential = await sequential();
} catch (e) {
  out.sequentialError = `${e.name}: ${e.message}`;
}
try {
  out.concurrent = await concurrent();
} catch (e) {
  out.concurrentError = `${e.name}: ${e.message}`;
}
process.stdout.write(JSON.stringify(out) + '\n');
