/**
 * Import and use every built hostile-spec TypeScript package (run by hostile.test.ts).
 *
 * argv[2] is a JSON list of {name, entry}. For each package: import the built ESM entry, build the
 * client with credentials for every scheme and a fake fetch, call getAuthorizationUrl() on every
 * authorization-code manager, and call every controller method with dummy parameters (their
 * rejections are expected: no tokens, dummy values). Prints a JSON list of failures.
 */
import { pathToFileURL } from 'node:url';

const CREDENTIALS = {
  clientId: 'id',
  clientSecret: 'secret',
  redirectUri: 'https://app.example.com/callback',
  username: 'user',
  password: 'password',
  accessToken: 'token',
  apiKey: 'key',
};

const fakeFetch = async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });

/** Client options: credentials under every `...Credentials` option, whatever it is named. */
const options = new Proxy(
  {},
  {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      if (/Credentials\d*$/.test(key)) return CREDENTIALS;
      if (key === 'fetch') return fakeFetch;
      if (key === 'allowInsecureHttp') return true;
      return undefined;
    },
  },
);

/** Parameters of an operation: a dummy string for every field. */
const params = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? 'x' : undefined) });

async function exercise(mod) {
  const clientName = Object.keys(mod).find(
    (k) => typeof mod[k] === 'function' && mod[k].prototype !== undefined && 'withConfiguration' in mod[k].prototype,
  );
  if (clientName === undefined) throw new Error('no client class exported');
  const client = new mod[clientName](options);
  JSON.stringify(client);
  String(client);
  void client.configuration;
  for (const value of Object.values(client)) {
    if (value instanceof mod.AuthorizationCodeManager) {
      try {
        value.getAuthorizationUrl();
      } catch (e) {
        if (!(e instanceof mod.SdkError)) throw e;
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const proto = Object.getPrototypeOf(value);
    for (const method of Object.getOwnPropertyNames(proto)) {
      if (method === 'constructor' || typeof proto[method] !== 'function') continue;
      try {
        await value[method](params);
      } catch {
        // dummy parameters and no tokens: only the canary matters here
      }
    }
  }
}

const failures = [];
for (const item of JSON.parse(process.argv[2])) {
  try {
    await exercise(await import(pathToFileURL(item.entry).href));
  } catch (e) {
    failures.push(`${item.name}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}
process.stdout.write(JSON.stringify(failures));
