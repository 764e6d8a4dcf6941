// SDK runtime benchmark for the generated TypeScript SDK (run by bench/sections/runtime.mjs).
// Usage: node ts_bench.mjs <entry.js>   Env: BENCH_URL (test server root, for /__control),
// BENCH_SDK_URL (the URL the SDK calls: the sample spec's Testing server, http://localhost:3000; the
// raw calls use it too, so both sides share one origin), BENCH_CALLS, BENCH_ROUNDS,
// BENCH_CONCURRENCY, BENCH_WARMUP.
// Prints one JSON object. Documented surface: new <Title>Client({ oAuthROPCGCredentials, environment }),
// client.oAuthROPCG.fetchToken(), the Authentication controller's oAuthAuthorizationGrant().
import { pathToFileURL } from 'node:url';

const URL_ = process.env.BENCH_URL.replace(/\/$/, '');
const SDK_URL = (process.env.BENCH_SDK_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const OP_PATH = '/oauth2/non-auth-server/user';
const ROPCG = { oAuthClientId: 'ropcg-client', oAuthClientSecret: 'ropcg-secret', oAuthUsername: 'alice', oAuthPassword: 'alice-password' };
const DESIGN = 'per-call, rotating order, A/A control';
// The six orders of the three sides: cycling through them puts every side in every position, and
// after every other side, equally often (a side's time depends on what ran just before it).
const ORDERS = [
  ['sdk', 'raw', 'control'],
  ['raw', 'control', 'sdk'],
  ['control', 'sdk', 'raw'],
  ['sdk', 'control', 'raw'],
  ['control', 'raw', 'sdk'],
  ['raw', 'sdk', 'control'],
];

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

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** A raw fetch call of the operation on the URL the SDK calls (one per side: raw and control). */
function rawCaller(headers) {
  return async () => {
    const r = await fetch(SDK_URL + OP_PATH, { headers });
    if (!r.ok) throw new Error(`raw call: ${r.status}`);
    return r.json();
  };
}

async function sequential() {
  const token = await makeClient().oAuthROPCG.fetchToken();
  const sides = { sdk: operation(makeClient({ oAuthToken: token })) };
  const headers = { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' };
  sides.raw = rawCaller(headers);
  sides.control = rawCaller(headers); // A/A control: identical to raw, measures the bench's own bias
  for (const side of ['raw', 'control']) {
    const body = await sides[side]();
    if (!body || typeof body !== 'object') throw new Error(`${side} call did not return a JSON object`);
  }
  const before = (await control('GET', '/__control/log')).length;
  for (let i = 0; i < 20; i++) await sides.sdk();
  const hits = (await control('GET', '/__control/log')).slice(before).filter((e) => e.path === OP_PATH);
  if (hits.length < 20) throw new Error(`20 SDK calls reached the server ${hits.length} times`);
  // Warm-up to steady state: every side runs WARMUP calls (interleaved) before anything is timed, so
  // none is measured while V8 is still compiling its code (the SDK has more code to optimize).
  let iteration = 0;
  for (let i = 0; i < WARMUP; i++) for (const side of ORDERS[iteration++ % ORDERS.length]) await sides[side]();
  // Each round makes CALLS iterations; each iteration calls every side once, in the next of ORDERS,
  // and times each call on its own. Blocks of calls of one side were biased on this shared VM (a
  // block following a block of the same kind ran slower): an A/A pair measured 1.04-1.07x.
  const out = { sdkUs: [], rawUs: [], controlUs: [], sdkMedianUs: [], rawMedianUs: [], controlMedianUs: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const times = { sdk: [], raw: [], control: [] };
    for (let i = 0; i < CALLS; i++) {
      for (const side of ORDERS[iteration++ % ORDERS.length]) {
        const t0 = performance.now();
        await sides[side]();
        times[side].push((performance.now() - t0) * 1000);
      }
    }
    for (const side of ['sdk', 'raw', 'control']) {
      out[`${side}Us`].push(mean(times[side]));
      out[`${side}MedianUs`].push(median(times[side]));
    }
  }
  return { ...out, calls: CALLS, warmup: WARMUP, url: SDK_URL, design: DESIGN };
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
