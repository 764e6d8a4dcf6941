/**
 * Issue 14 in the Go SDK of specs/device-flow-3.2.yaml (the committed generated/ module) against the
 * real test server: `go test -race` of test/go/beyond/*_test.go in a module that requires the SDK,
 * with the server's URL in GRANTGEN_SERVER (RFC 8628 device flow approved / denied / expired /
 * slow_down / cancelled, a multi-flow confidential device client) and RFC 7009 revocation (then a call
 * → AuthRequiredError, the old tokens refused by the server; an unreachable server), RFC 8414 discovery
 * (static URLs wrong, fetched once, fallback, pinning, issuer mismatch refused) and RFC 8252 loopback
 * sign-in driven by a plain HTTP client (PKCE, state, iss, denial, timeout, listener closed) and by
 * headless Chromium (the Go test hands the consent URL over through a file in GRANTGEN_BROWSER_DIR).
 */
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveConsent } from '../browser/consent.mjs';
import { startTestServer, type TestServer } from '../server/start.mjs';
import { go, REPO, tempDir } from './helpers.js';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = await tempDir('go-beyond-');
  const sdk = path.join(REPO, 'generated/device-flow-3.2/go');
  await writeFile(
    path.join(dir, 'go.mod'),
    `module beyond\n\ngo 1.22\n\nrequire deviceflow v0.0.0\n\nreplace deviceflow => ${sdk}\n`,
  );
  for (const f of await readdir(path.join(REPO, 'test/go/beyond'))) {
    if (f.endsWith('_test.go')) await copyFile(path.join(REPO, 'test/go/beyond', f), path.join(dir, f));
  }
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('Go SDK: device authorization grant (RFC 8628) revocation (RFC 7009) discovery (RFC 8414) and loopback sign-in (RFC 8252) against the test server', () => {
  it('passes every beyond_test.go test under the race detector', async () => {
    const browserDir = await tempDir('go-beyond-browser-');
    let stop = false;
    const browser = (async () => {
      while (!stop) {
        const url = await readFile(path.join(browserDir, 'url'), 'utf8').catch(() => '');
        if (url !== '') {
          const page = await driveConsent({
            authorizationUrl: url,
            username: 'alice',
            password: 'alice-password',
            decision: 'allow',
          });
          await writeFile(path.join(browserDir, 'status'), String(page.callbackStatus));
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const { stdout } = await go(['test', '-race', '-count=1', '-v', '.'], dir, 600_000, {
      GRANTGEN_SERVER: server.url,
      GRANTGEN_BROWSER_DIR: browserDir,
    }).finally(() => {
      stop = true;
    });
    await browser;
    expect(stdout).toMatch(/^ok\s/m);
    expect(stdout).not.toMatch(/--- FAIL/);
    for (const name of [
      'TestDeviceApproved',
      'TestDeviceDeniedAndExpired',
      'TestDeviceSlowDownAddsFiveSeconds',
      'TestDeviceCancelStopsWaiting',
      'TestDeviceMultiFlowConfidentialClientAndRedaction',
      'TestRevokeThenCallNeedsAuthAndTheServerRefusesTheOldTokens',
      'TestRevokeWhenTheServerIsUnreachableClearsLocallyAndSaysSo',
      'TestDiscoveryFindsTheRealEndpointsOncePerClient',
      'TestDiscoveryFallbackAndPinning',
      'TestDiscoveryIssuerMismatchIsRefusedInEveryMode',
      'TestLoopbackSignInWithAPlainHTTPClient',
      'TestLoopbackWrongIssuerDenialAndTimeout',
      'TestLoopbackChromium',
    ]) {
      expect(stdout).toContain(`--- PASS: ${name} `);
    }
  }, 600_000);
});
