/**
 * RFC 8252 loopback sign-in, browser-safe part: builds the authorization URL, waits for the
 * redirect through an injected listener, checks `state`/`iss` and exchanges the code. The Node.js
 * listener (`node:http` on 127.0.0.1) lives in `loopback-node.ts`, exported by the `./node` entry,
 * which registers it when imported; the main entry never imports `node:` modules.
 */
import { ConfigurationError, OAuthCallbackError, StateMismatchError } from './errors.js';
import { AuthorizationDeniedError, SignInTimeoutError } from './oauth-errors.js';
import { codeChallengeS256, generateCodeVerifier, generateState } from './pkce.js';
import type { Logger } from './redact.js';
import type { OAuthToken } from './token.js';

/** A one-shot HTTP listener on 127.0.0.1 (see `./node`). */
export interface LoopbackServer {
  /** The port it listens on. */
  readonly port: number;
  /**
   * Resolves with the query of the first request to `path` (after answering it with the page
   * `respond` returns); never settles when nothing arrives (the caller times out).
   */
  readonly callback: Promise<URLSearchParams>;
  /** Stop listening and drop every connection (idempotent). */
  close(): Promise<void>;
}

export interface LoopbackListenOptions {
  port: number;
  path: string;
  /** The HTML page to answer the callback request with (`ok`: the sign-in can go on). */
  respond: (query: URLSearchParams) => { status: number; html: string };
}

export type LoopbackListener = (options: LoopbackListenOptions) => Promise<LoopbackServer>;

let registered: LoopbackListener | null = null;

/** Called by the `./node` entry when it is imported; tests may register their own listener. */
export function registerLoopbackListener(listener: LoopbackListener | null): void {
  registered = listener;
}

export interface LoopbackOptions {
  /** Opens the authorization page (default: the URL is printed with `console.error`). */
  openBrowser?: ((url: string) => void | Promise<void>) | undefined;
  /** How long to wait for the browser, in ms (default 300 000). */
  timeoutMs?: number | undefined;
  /** Port on 127.0.0.1 (default 0: an ephemeral port). */
  port?: number | undefined;
  /** Path of the redirect URI (default `/callback`). */
  path?: string | undefined;
  /** Extra authorization request parameters (cannot replace the protected ones). */
  additionalParams?: Readonly<Record<string, string>> | undefined;
  /** The listener (default: the one registered by importing the package's `./node` entry). */
  listener?: LoopbackListener | undefined;
  signal?: AbortSignal | undefined;
}

/** What `runLoopbackSignIn` needs from the authorization code manager. */
export interface LoopbackHost {
  schemeName: string;
  logger: Logger;
  authorizationUrl: () => Promise<URL>;
  clientId: () => string;
  scope: string | undefined;
  pkce: boolean;
  issuer: () => string | null;
  exchange: (code: string, redirectUri: string, verifier: string | null) => Promise<OAuthToken>;
}

const PAGE = (title: string, id: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1 id="${id}">${title}</h1><p>You can close this window and return to the application.</p></body></html>`;

function same(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export async function runLoopbackSignIn(
  host: LoopbackHost,
  options: LoopbackOptions,
): Promise<OAuthToken> {
  const path = options.path ?? '/callback';
  const port = options.port ?? 0;
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!path.startsWith('/') || /[?#\s]/.test(path)) {
    throw new ConfigurationError('path must start with "/" and have no query, fragment or spaces');
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigurationError('port must be an integer from 0 to 65535');
  if (!(typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new ConfigurationError('timeoutMs must be a positive number');
  }
  const listener = options.listener ?? registered;
  if (!listener) {
    throw new ConfigurationError(
      `${host.schemeName}: authorizeWithLoopback needs Node.js: import the package's "./node" entry once (it registers the 127.0.0.1 listener), or pass { listener }`,
    );
  }
  const authorizeUrl = await host.authorizationUrl();
  const clientId = host.clientId();
  const state = generateState();
  const verifier = host.pkce ? generateCodeVerifier() : null;
  const server = await listener({
    port,
    path,
    respond: (q) =>
      q.get('error') === null && q.get('state') !== null && same(q.get('state') ?? '', state)
        ? { status: 200, html: PAGE('You are signed in', 'done') }
        : { status: 400, html: PAGE('Sign-in failed', 'failed') },
  });
  let query: URLSearchParams;
  let redirectUri: string;
  try {
    redirectUri = `http://127.0.0.1:${server.port}${path}`;
    const q = authorizeUrl.searchParams;
    q.set('response_type', 'code');
    q.set('client_id', clientId);
    q.set('redirect_uri', redirectUri);
    if (host.scope !== undefined) q.set('scope', host.scope);
    q.set('state', state);
    if (verifier !== null) {
      q.set('code_challenge', codeChallengeS256(verifier));
      q.set('code_challenge_method', 'S256');
    }
    for (const [k, v] of Object.entries(options.additionalParams ?? {})) q.set(k, v);
    host.logger.info('waiting for the browser on the loopback redirect URI', {
      scheme: host.schemeName,
      redirectUri,
    });
    const url = authorizeUrl.toString();
    if (options.openBrowser) await options.openBrowser(url);
    else console.error(`Open this URL in your browser to sign in:\n${url}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      query = await Promise.race([
        server.callback,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new SignInTimeoutError(
                  `${host.schemeName}: no sign-in arrived at ${redirectUri} within ${timeoutMs} ms`,
                  timeoutMs,
                ),
              ),
            timeoutMs,
          );
          const signal = options.signal;
          if (signal) {
            onAbort = () =>
              reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            if (signal.aborted) onAbort();
            else signal.addEventListener('abort', onAbort, { once: true });
          }
        }),
      ]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    }
  } finally {
    await server.close();
  }
  const returned = query.get('state');
  if (returned === null || !same(returned, state)) throw new StateMismatchError(returned);
  const issuer = host.issuer();
  if (issuer !== null && query.get('iss') !== issuer) {
    throw new OAuthCallbackError(
      'issuer_mismatch',
      'the callback iss differs from the expected issuer',
      null,
      returned,
    );
  }
  const error = query.get('error');
  if (error !== null) {
    const Kind = error === 'access_denied' ? AuthorizationDeniedError : OAuthCallbackError;
    throw new Kind(error, query.get('error_description'), query.get('error_uri'), returned);
  }
  const code = query.get('code');
  if (code === null || code === '')
    throw new OAuthCallbackError('missing_code', 'the callback URL has no code', null, returned);
  return host.exchange(code, redirectUri, verifier);
}
