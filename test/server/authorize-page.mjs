// Authorization endpoint: GET /oauth/authorize renders login + consent, POST processes it.
import OAuth2Server from '@node-oauth/oauth2-server';
import { createModel, findClient, findUser, isLoopbackRedirectUri } from './model.mjs';
import { escapeHtml, parseBody, readBody, send, sendHtml } from './http.mjs';

/** Parameters carried from the authorization request through the consent form. */
const CARRIED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
];

/**
 * Checks done before showing the page. Errors about the client or the redirect URI are shown
 * to the user (never redirected, RFC 6749 §4.1.2.1); the others are redirected.
 * @param {Record<string, string>} p
 * @param {import('./settings.mjs').Settings} settings
 * @returns {null | { page: string } | { error: string, description: string }}
 */
function preValidate(p, settings) {
  if (!p.client_id) return { page: 'Missing parameter: client_id' };
  const client = findClient(p.client_id);
  if (!client) return { page: 'Unknown client_id' };
  if (!p.redirect_uri) return { page: 'Missing parameter: redirect_uri' };
  if (!isLoopbackRedirectUri(p.redirect_uri)) {
    return {
      page: 'Invalid redirect_uri: only http://127.0.0.1:<port>/<path> or http://localhost:<port>/<path> (RFC 8252 loopback)',
    };
  }
  if (!client.grants.includes('authorization_code')) {
    return { error: 'unauthorized_client', description: 'client may not use the authorization code grant' };
  }
  if (p.response_type !== 'code')
    return { error: 'unsupported_response_type', description: 'response_type must be code' };
  if (settings.requireState && !p.state) return { error: 'invalid_request', description: 'Missing parameter: `state`' };
  if (p.code_challenge && p.code_challenge_method !== 'S256') {
    return { error: 'invalid_request', description: 'code_challenge_method must be S256' };
  }
  if (!p.code_challenge && p.code_challenge_method)
    return { error: 'invalid_request', description: 'Missing parameter: code_challenge' };
  if (client.secret === null && !p.code_challenge) {
    return { error: 'invalid_request', description: 'PKCE (code_challenge with S256) is required for public clients' };
  }
  return null;
}

/**
 * Append parameters to a redirect URI (keeps its existing query).
 * @param {string} uri @param {Record<string, string | null | undefined>} params
 */
function withParams(uri, params) {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') u.searchParams.set(k, v);
  return u.toString();
}

/**
 * @param {Record<string, string>} p
 * @param {string | null} error
 */
function renderPage(p, error) {
  const client = p.client_id ? findClient(p.client_id) : null;
  const hidden = CARRIED.filter((k) => typeof p[k] === 'string')
    .map((k) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(p[k] ?? '')}">`)
    .join('\n      ');
  const scopes = (p.scope ?? '').split(/\s+/).filter(Boolean);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in and authorize</title></head>
<body>
  <h1>Sign in</h1>
  <p id="client">Application <strong>${escapeHtml(client ? client.id : (p.client_id ?? ''))}</strong> requests access${
    scopes.length ? ` to: <span id="scopes">${scopes.map(escapeHtml).join(', ')}</span>` : ''
  }.</p>
  ${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <form id="consent" method="post" action="/oauth/authorize">
      ${hidden}
      <label>Username <input id="username" name="username" autocomplete="username" value="${escapeHtml(p.username ?? '')}"></label>
      <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
      <button id="allow" type="submit" name="decision" value="allow">Allow</button>
      <button id="deny" type="submit" name="decision" value="deny">Deny</button>
  </form>
</body>
</html>
`;
}

/** @param {string} message */
function renderErrorPage(message) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head>
<body><h1>Authorization error</h1><p id="error" role="alert">${escapeHtml(message)}</p></body></html>
`;
}

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 */
function redirect(app, res, location) {
  const issuer = app.settings.issuer;
  send(res, 302, '', {
    Location: issuer ? withParams(location, { iss: issuer }) : location,
    'Cache-Control': 'no-store',
  });
}

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleAuthorize(app, req, res, url) {
  /** @type {Record<string, string>} */
  let p = {};
  // Query parameters first; on POST the form fields override them (so a client may also POST the
  // credentials + decision to the authorization URL itself).
  for (const [k, v] of url.searchParams) p[k] = v;
  if (req.method === 'POST') {
    const raw = await readBody(req);
    try {
      Object.assign(p, /** @type {Record<string, string>} */ (parseBody(req, raw)));
    } catch {
      // ignore an unparsable body: the checks below report what is missing
    }
  }
  const entry = app.logRequest(req, url, { grantType: null, clientId: p.client_id ?? null, clientAuth: 'none' });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });

  if (req.method !== 'GET' && req.method !== 'POST') {
    sendHtml(res, 405, renderErrorPage('Method not allowed'), { Allow: 'GET, POST' });
    return;
  }
  const pre = preValidate(p, app.settings);
  if (pre && 'page' in pre) {
    sendHtml(res, 400, renderErrorPage(pre.page));
    return;
  }
  if (pre) {
    redirect(
      app,
      res,
      withParams(/** @type {string} */ (p.redirect_uri), {
        error: pre.error,
        error_description: pre.description,
        state: p.state,
      }),
    );
    return;
  }
  if (req.method === 'GET') {
    sendHtml(res, 200, renderPage(p, null));
    return;
  }

  const deny = p.decision !== 'allow';
  const user = findUser(p.username ?? '', p.password ?? '');
  if (!deny && !user) {
    sendHtml(res, 200, renderPage(p, 'Invalid username or password.'));
    return;
  }
  /** @type {Record<string, string>} */
  const body = {};
  for (const k of CARRIED) if (typeof p[k] === 'string') body[k] = /** @type {string} */ (p[k]);
  if (deny) body.allowed = 'false';
  const request = new OAuth2Server.Request({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: {},
    body,
  });
  const response = new OAuth2Server.Response({});
  const server = new OAuth2Server({
    model: createModel(app.store, { grantType: 'authorization_code', settings: app.settings }),
  });
  const resolvedUser = user ?? { id: 0, username: '', name: '', email: '' };
  try {
    await server.authorize(request, response, {
      authenticateHandler: { handle: async () => resolvedUser },
      allowEmptyState: !app.settings.requireState,
      authorizationCodeLifetime: 300,
    });
  } catch (err) {
    if (!(err instanceof OAuth2Server.OAuthError) || !response.get('location')) {
      if (!(err instanceof OAuth2Server.OAuthError)) app.warn('authorize error', err);
      sendHtml(res, 400, renderErrorPage(err instanceof Error ? err.message : 'authorization failed'));
      return;
    }
    // The library's error redirect drops a query already present on redirect_uri; rebuild it.
    const e = /** @type {any} */ (err);
    redirect(
      app,
      res,
      withParams(/** @type {string} */ (p.redirect_uri), {
        error: e.name,
        error_description: e.message,
        state: p.state,
      }),
    );
    return;
  }
  redirect(app, res, String(response.get('location')));
}
