#!/usr/bin/env node
// Drive the test server's login + consent page in a real headless Chromium (Debian /usr/bin/chromium,
// never a downloaded browser) and report where the browser landed.
//
//   node test/browser/consent.mjs --url URL --username alice --password alice-password --decision allow
//   → {"finalUrl":"http://127.0.0.1:PORT/callback?code=...&state=..."}
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GRANTGEN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * @typedef {object} ConsentOptions
 * @property {string} authorizationUrl the URL the SDK built (GET /oauth/authorize?...)
 * @property {string} username
 * @property {string} password
 * @property {'allow' | 'deny'} decision
 * @property {number} [timeoutMs] overall limit (default 30 s)
 */

/**
 * @typedef {object} ConsentResult
 * @property {string} finalUrl the redirect URI (with code/state or error) the browser landed on
 * @property {number | null} callbackStatus HTTP status the callback server answered with (null if it could not be reached)
 */

/**
 * The redirect_uri of the authorization request without its query, or null when absent.
 * @param {string} authorizationUrl
 */
function redirectBase(authorizationUrl) {
  const r = new URL(authorizationUrl).searchParams.get('redirect_uri');
  if (!r) return null;
  const u = new URL(r);
  return `${u.origin}${u.pathname}`;
}

/**
 * Open the authorization URL in headless Chromium, log in, click allow/deny and wait until the
 * browser lands on the redirect URI.
 * @param {ConsentOptions} options
 * @returns {Promise<ConsentResult>}
 */
export async function driveConsent({ authorizationUrl, username, password, decision, timeoutMs = 30_000 }) {
  if (decision !== 'allow' && decision !== 'deny') throw new Error(`decision must be allow or deny, got ${decision}`);
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian chromium (apt-get install -y chromium)`);
  }
  const authOrigin = new URL(authorizationUrl).origin;
  const target = redirectBase(authorizationUrl);
  /** @param {string} href */
  const isRedirect = (href) => {
    if (!href.startsWith('http')) return false;
    if (target) return href === target || href.startsWith(`${target}?`) || href.startsWith(`${target}#`);
    const u = new URL(href);
    return !(u.origin === authOrigin && u.pathname === '/oauth/authorize');
  };

  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  // playwright launches Chromium with a fresh temporary profile (user-data dir) and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: left(),
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(left());

    /** @type {(r: ConsentResult) => void} */
    let landed = () => {};
    /** @type {Promise<ConsentResult>} */
    const landing = new Promise((resolve) => {
      landed = resolve;
    });
    page.on('response', (response) => {
      const req = response.request();
      if (req.isNavigationRequest() && req.frame() === page.mainFrame() && isRedirect(response.url())) {
        landed({ finalUrl: response.url(), callbackStatus: response.status() });
      }
    });
    page.on('requestfailed', (req) => {
      if (req.isNavigationRequest() && req.frame() === page.mainFrame() && isRedirect(req.url())) {
        landed({ finalUrl: req.url(), callbackStatus: null });
      }
    });

    const first = await page.goto(authorizationUrl, { waitUntil: 'domcontentloaded', timeout: left() });
    if (isRedirect(page.url())) return await landing; // the server redirected straight away (e.g. an error)
    if (!first || !first.ok()) {
      const text = (await page.textContent('body').catch(() => '')) ?? '';
      throw new Error(
        `authorization page answered ${first ? first.status() : 'nothing'}: ${text.trim().slice(0, 300)}`,
      );
    }

    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click(decision === 'allow' ? '#allow' : '#deny', { noWaitAfter: true });

    // Either the browser reaches the redirect URI or the page shows a login error.
    const loginError = page.waitForSelector('#error', { timeout: left() }).then(async (el) => {
      throw new Error(`login failed: ${((await el?.textContent()) ?? '').trim()}`);
    });
    const timeout = new Promise((_, reject) => {
      const t = setTimeout(
        () =>
          reject(new Error(`timed out after ${timeoutMs} ms waiting for the redirect to ${target ?? 'the client'}`)),
        left(),
      );
      t.unref();
    });
    loginError.catch(() => {});
    const result = await Promise.race([landing, loginError, timeout]);
    if (result.callbackStatus !== null) {
      // let the callback page finish loading so the callback server has fully served it
      await page.waitForLoadState('load', { timeout: Math.min(left(), 5000) }).catch(() => {});
    }
    return result;
  } finally {
    await browser.close().catch(() => {});
  }
}

async function cli() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      username: { type: 'string', default: 'alice' },
      password: { type: 'string', default: 'alice-password' },
      decision: { type: 'string', default: 'allow' },
      timeout: { type: 'string', default: '30000' },
    },
    strict: true,
  });
  if (!values.url) {
    process.stderr.write(
      'usage: node test/browser/consent.mjs --url URL [--username alice] [--password alice-password] [--decision allow|deny] [--timeout ms]\n',
    );
    process.exit(2);
  }
  const decision = /** @type {'allow' | 'deny'} */ (values.decision);
  const result = await driveConsent({
    authorizationUrl: values.url,
    username: values.username ?? 'alice',
    password: values.password ?? 'alice-password',
    decision,
    timeoutMs: Number(values.timeout),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().catch((err) => {
    process.stderr.write(`consent: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
