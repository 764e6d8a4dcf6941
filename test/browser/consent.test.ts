import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/start.mjs';
import { driveConsent } from './consent.mjs';

const CONSENT_CLI = fileURLToPath(new URL('./consent.mjs', import.meta.url));

let server: TestServer;
let callback: Server;
let callbackBase = '';
const hits: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  callback = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>done</title><p>You can close this window.</p>');
  });
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  callbackBase = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
});

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => callback?.close(resolve));
});

function authorizationUrl(params: Record<string, string>) {
  return `${server.url}/oauth/authorize?${new URLSearchParams({ response_type: 'code', redirect_uri: callbackBase, ...params })}`;
}

describe('headless Chromium drives the consent page', () => {
  it('allow: the code reaches the callback server and can be exchanged (public client, PKCE S256)', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(8).toString('hex');
    const url = authorizationUrl({
      client_id: 'public-client',
      state,
      scope: 'file_requests.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });

    const result = await driveConsent({
      authorizationUrl: url,
      username: 'alice',
      password: 'alice-password',
      decision: 'allow',
    });
    expect(result.callbackStatus).toBe(200);
    const final = new URL(result.finalUrl);
    expect(`${final.origin}${final.pathname}`).toBe(callbackBase);
    expect(final.searchParams.get('state')).toBe(state);
    const code = final.searchParams.get('code')!;
    expect(code).toBeTruthy();
    expect(hits.some((h) => new URLSearchParams(h.split('?')[1]).get('code') === code)).toBe(true);

    const res = await fetch(`${server.url}/oauth2/non-auth-server/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: callbackBase,
        client_id: 'public-client',
        code_verifier: verifier,
      }),
    });
    expect(res.status).toBe(200);
    const token = (await res.json()) as { scope?: string; access_token?: string };
    expect(token.scope).toBe('file_requests.read');
    const user = await fetch(`${server.url}/oauth2/non-auth-server/user`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { name?: string }).name).toBe('alice');
  }, 60_000);

  it('deny: the browser lands on the callback with error=access_denied and the state', async () => {
    const url = authorizationUrl({ client_id: 'acg-client', state: 'deny-me' });
    const result = await driveConsent({
      authorizationUrl: url,
      username: 'bob',
      password: 'bob-password',
      decision: 'deny',
    });
    const final = new URL(result.finalUrl);
    expect(final.searchParams.get('error')).toBe('access_denied');
    expect(final.searchParams.get('state')).toBe('deny-me');
    expect(final.searchParams.has('code')).toBe(false);
  }, 60_000);

  it('wrong password: rejects with the login error', async () => {
    const url = authorizationUrl({ client_id: 'acg-client', state: 's' });
    await expect(
      driveConsent({ authorizationUrl: url, username: 'alice', password: 'wrong', decision: 'allow' }),
    ).rejects.toThrow(/login failed/);
  }, 60_000);

  it('CLI prints one {"finalUrl"} JSON line; the code is exchangeable by a confidential client', async () => {
    const url = authorizationUrl({ client_id: 'acg-client', state: 'cli' });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CONSENT_CLI, '--url', url, '--username', 'alice', '--password', 'alice-password', '--decision', 'allow'],
      {
        timeout: 60_000,
      },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { finalUrl } = JSON.parse(lines[0]!) as { finalUrl: string };
    const code = new URL(finalUrl).searchParams.get('code')!;
    const res = await fetch(`${server.url}/oauth2/non-auth-server/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('acg-client:acg-secret').toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callbackBase }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { access_token?: string }).access_token).toBeTruthy();
  }, 60_000);
});
