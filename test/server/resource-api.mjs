// Resource API: every operation of specs/multiauth-sample.yaml with its security requirements.
import OAuth2Server from '@node-oauth/oauth2-server';
import { createModel } from './model.mjs';
import { applyFault } from './faults.mjs';
import { readBody, sendJson, sendText } from './http.mjs';

export const STATIC_BEARER = 'static-bearer-token';
export const BASIC_USER = 'basic-user';
export const BASIC_PASS = 'basic-pass';
export const API_KEY = 'api-key-value';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Which grant(s) issued the tokens an OAuth scheme of the spec accepts. */
const OAUTH_SCHEMES = /** @type {Record<string, string | string[]>} */ ({
  OAuthCCG: 'client_credentials',
  OAuthACG: 'authorization_code',
  OAuthROPCG: 'password',
  // specs/device-flow-3.2.yaml
  tv: DEVICE_GRANT,
  oauth2: ['authorization_code', DEVICE_GRANT],
  sso: ['authorization_code', DEVICE_GRANT],
  // specs/multi-flow-servers.yaml (its scheme `oauth2` has authorizationCode + password flows)
  multiFlow: ['authorization_code', 'password'],
});

/**
 * Security requirement of an operation: alternatives (OR) of scheme → scopes (AND).
 * @typedef {Record<string, string[]>[]} Security
 */

/**
 * @typedef {object} Operation
 * @property {Security} security
 * @property {(ctx: { token: import('./model.mjs').StoredToken | null, url: URL }) => { status: number, json?: unknown, text?: string }} respond
 */

const API_WIDE = [{ OAuthBearerToken: [] }, { basicAuth: [], apiKey: [], apiHeader: [] }];
const text = (/** @type {string} */ t) => () => ({ status: 200, text: t });

/** @type {Record<string, Operation>} */
export const OPERATIONS = {
  '/auth/oauth2': { security: [{ OAuthBearerToken: [] }], respond: text('oAuthBearerToken: authorized') },
  '/oauth2/non-auth-server/status': {
    security: [{ OAuthCCG: [] }],
    respond: () => ({
      status: 200,
      json: {
        app: 'grantgen test server',
        moto: 'tokens are real here',
        notes: 0,
        users: 2,
        time: new Date().toISOString(),
        os: process.platform,
        php_version: 'none',
        status: 'OK',
      },
    }),
  },
  '/oauth2/non-auth-server/user': {
    security: [{ OAuthACG: ['file_requests.read'] }, { OAuthROPCG: [] }],
    respond: ({ token }) => ({
      status: 200,
      json: {
        id: token?.user.id ?? 0,
        name: token?.user.username ?? '',
        email: token?.user.email ?? '',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-02T00:00:00Z',
      },
    }),
  },
  '/auth/customQueryOrHeaderParam': {
    security: [{ apiKey: [] }, { apiHeader: [] }],
    respond: text('customQueryOrHeaderAuthentication: authorized'),
  },
  '/auth/basicAndApiKeyAndApiHeader': {
    security: [{ basicAuth: [], apiKey: [], apiHeader: [] }],
    respond: text('basicAuthAndApiHeaderAuth: authorized'),
  },
  '/oauth2/oauthOrCombination': {
    security: [{ OAuthCCG: [] }, { OAuthBearerToken: [] }],
    respond: text('oAuthGrantTypesOrCombinations: authorized'),
  },
  '/auth/multipleAuthCombination': { security: API_WIDE, respond: text('multipleAuthCombination: authorized') },
  // specs/multi-flow-servers.yaml: each operation on its own server (path prefix).
  '/mf/profile': { security: [{ multiFlow: [] }], respond: (ctx) => multiFlowUser(ctx, 'profile') },
  '/mf-reports/summary': { security: [{ multiFlow: [] }], respond: (ctx) => multiFlowUser(ctx, 'summary') },
  '/mf-reports/archive': { security: [{ multiFlow: [] }], respond: (ctx) => multiFlowUser(ctx, 'archive') },
  '/mf-uploads/files': { security: [{ multiFlow: [] }], respond: (ctx) => multiFlowUser(ctx, 'files') },
  '/auth/noAuth': {
    security: [{}],
    respond: ({ url }) =>
      url.searchParams.get('array') === 'true'
        ? { status: 200, text: 'noAuth: ok' }
        : {
            status: 400,
            json: { error: 'invalid_request', error_description: 'query parameter array=true is required' },
          },
  },
};

/**
 * The answer of the multi-flow-servers operations: the user and which operation answered.
 * @param {{ token: import('./model.mjs').StoredToken | null }} ctx @param {string} name
 */
function multiFlowUser({ token }, name) {
  return { status: 200, json: { id: token?.user.id ?? 0, name: `${name}:${token?.user.username ?? ''}` } };
}

/**
 * Failure of one scheme check, ordered by how it is reported (higher wins).
 * @typedef {{ rank: number, status: number, error: string, description: string, challenge: string }} Failure
 */

/** @param {string} description @param {string} [challenge] @returns {Failure} */
const missing = (description, challenge = '') => ({
  rank: 0,
  status: 401,
  error: 'unauthorized',
  description,
  challenge,
});

/**
 * @param {string | undefined} header
 * @returns {{ user: string, pass: string } | null} RFC 7617 Basic credentials
 */
function parseBasic(header) {
  const m = /^basic\s+(\S*)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? { user: decoded, pass: '' } : { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 */
function makeChecker(app, req, url) {
  const authorization = req.headers.authorization;
  const bearer = /^bearer\s/i.test(authorization ?? '');
  /** @type {Promise<{ token: import('./model.mjs').StoredToken } | { error: any }> | null} */
  let authenticated = null;

  const authenticate = () => {
    authenticated ??= (async () => {
      const server = new OAuth2Server({
        model: createModel(app.store, { grantType: undefined, settings: app.settings }),
      });
      const request = new OAuth2Server.Request({
        method: 'GET',
        headers: { authorization: authorization ?? '' },
        query: {},
        body: {},
      });
      try {
        return { token: /** @type {any} */ (await server.authenticate(request, new OAuth2Server.Response({}))) };
      } catch (error) {
        return { error };
      }
    })();
    return authenticated;
  };

  /**
   * @param {string} scheme @param {string[]} scopes
   * @returns {Promise<{ ok: true, token?: import('./model.mjs').StoredToken } | { ok: false, failure: Failure }>}
   */
  return async function check(scheme, scopes) {
    if (scheme === 'OAuthBearerToken') {
      if (!bearer) return { ok: false, failure: missing('bearer token required', 'Bearer') };
      if (/^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] === STATIC_BEARER) return { ok: true };
      return {
        ok: false,
        failure: {
          rank: 3,
          status: 401,
          error: 'invalid_token',
          description: 'unknown bearer token',
          challenge: 'Bearer error="invalid_token"',
        },
      };
    }
    if (scheme === 'basicAuth') {
      const c = parseBasic(authorization);
      if (c && c.user === BASIC_USER && c.pass === BASIC_PASS) return { ok: true };
      return {
        ok: false,
        failure: missing(c ? 'invalid basic credentials' : 'basic credentials required', 'Basic realm="grantgen-test"'),
      };
    }
    if (scheme === 'apiKey') {
      return url.searchParams.get('api-key') === API_KEY
        ? { ok: true }
        : { ok: false, failure: missing('api-key query parameter required', 'ApiKey in="query", name="api-key"') };
    }
    if (scheme === 'apiHeader') {
      return req.headers['api-key'] === API_KEY
        ? { ok: true }
        : { ok: false, failure: missing('api-key header required', 'ApiKey in="header", name="api-key"') };
    }
    const grant = OAUTH_SCHEMES[scheme];
    if (!grant) throw new Error(`unknown security scheme ${scheme}`);
    if (!bearer) return { ok: false, failure: missing('OAuth 2 access token required', 'Bearer') };
    const result = await authenticate();
    if ('error' in result) {
      const e = result.error;
      if (e instanceof OAuth2Server.InvalidTokenError) {
        return {
          ok: false,
          failure: {
            rank: 3,
            status: 401,
            error: 'invalid_token',
            description: e.message,
            challenge: 'Bearer error="invalid_token"',
          },
        };
      }
      if (e instanceof OAuth2Server.OAuthError) {
        const err = /** @type {any} */ (e);
        return {
          ok: false,
          failure: {
            rank: 2,
            status: err.code === 401 ? 401 : 400,
            error: err.name,
            description: err.message,
            challenge: `Bearer error="${err.name}"`,
          },
        };
      }
      throw e;
    }
    const { token } = result;
    const insufficient = (/** @type {string} */ description) => ({
      ok: /** @type {const} */ (false),
      failure: {
        rank: 1,
        status: 403,
        error: 'insufficient_scope',
        description,
        challenge: `Bearer error="insufficient_scope"${scopes.length ? `, scope="${scopes.join(' ')}"` : ''}`,
      },
    });
    const grants = Array.isArray(grant) ? grant : [grant];
    if (!grants.includes(token.grant))
      return insufficient(`token was issued by the ${token.grant} grant; ${scheme} needs ${grants.join(' or ')}`);
    if (!scopes.every((s) => token.scope.includes(s))) return insufficient(`token lacks scope ${scopes.join(' ')}`);
    return { ok: true, token };
  };
}

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {Operation} op
 */
export async function handleApi(app, req, res, url, op) {
  await readBody(req);
  const entry = app.logRequest(req, url, { grantType: null, clientId: null, clientAuth: 'none' });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const fault = app.faults.take('api');
  if (fault) {
    entry.fault = fault.kind;
    if (await applyFault(res, fault)) return;
  }
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'GET' });
    return;
  }

  const check = makeChecker(app, req, url);
  /** @type {Failure | null} */
  let worst = null;
  /** @type {Failure[]} */
  const failures = [];
  for (const alternative of op.security) {
    /** @type {import('./model.mjs').StoredToken | null} */
    let token = null;
    let ok = true;
    for (const [scheme, scopes] of Object.entries(alternative)) {
      const r = await check(scheme, scopes);
      if (!r.ok) {
        ok = false;
        failures.push(r.failure);
        if (!worst || r.failure.rank > worst.rank) worst = r.failure;
        break;
      }
      if (r.token) token = r.token;
    }
    if (ok) {
      if (token) entry.clientId = token.client.id;
      const out = op.respond({ token, url });
      if (out.json !== undefined) sendJson(res, out.status, out.json);
      else sendText(res, out.status, out.text ?? '');
      return;
    }
  }
  const f = /** @type {Failure} */ (worst);
  const challenge =
    f.rank === 0
      ? [...new Set(failures.filter((x) => x.rank === 0 && x.challenge).map((x) => x.challenge))].join(', ')
      : f.challenge;
  sendJson(
    res,
    f.status,
    { error: f.error, error_description: f.description },
    challenge ? { 'WWW-Authenticate': challenge } : {},
  );
}
