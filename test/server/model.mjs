// In-memory data (clients, users, codes, tokens) and the @node-oauth/oauth2-server model over it.
import { randomBytes } from 'node:crypto';

/**
 * @typedef {object} Client
 * @property {string} id
 * @property {string | null} secret null for public clients (PKCE S256 required)
 * @property {string[]} grants
 * @property {string[]} redirectUris placeholder (the library needs one); real check is validateRedirectUri
 */

/**
 * @typedef {object} User
 * @property {number} id
 * @property {string} username
 * @property {string} name
 * @property {string} email
 * @property {boolean} [clientOnly] pseudo-user of a client_credentials token
 */

/**
 * @typedef {object} StoredToken
 * @property {string} accessToken
 * @property {Date} accessTokenExpiresAt
 * @property {string} [refreshToken]
 * @property {Date} [refreshTokenExpiresAt]
 * @property {string[]} scope
 * @property {Client} client
 * @property {User} user
 * @property {string} grant the grant that originally issued the token (refresh keeps it)
 */

/** Scopes the server knows (spec: OAuthACG `file_requests.read`). */
export const KNOWN_SCOPES = ['file_requests.read'];

const ALL_GRANTS = ['authorization_code', 'refresh_token', 'password', 'client_credentials'];
const PLACEHOLDER_REDIRECT = ['http://127.0.0.1/callback'];

/** @type {Client[]} */
export const CLIENTS = [
  {
    id: 'acg-client',
    secret: 'acg-secret',
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: PLACEHOLDER_REDIRECT,
  },
  {
    id: 'ropcg-client',
    secret: 'ropcg-secret',
    grants: ['password', 'refresh_token'],
    redirectUris: PLACEHOLDER_REDIRECT,
  },
  { id: 'ccg-client', secret: 'ccg-secret', grants: ['client_credentials'], redirectUris: PLACEHOLDER_REDIRECT },
  { id: 'odd:client%id', secret: 's3cr3t:with%odd&chars', grants: ALL_GRANTS, redirectUris: PLACEHOLDER_REDIRECT },
  {
    id: 'public-client',
    secret: null,
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: PLACEHOLDER_REDIRECT,
  },
];

/** @type {(User & { password: string })[]} */
export const USERS = [
  { id: 1, username: 'alice', password: 'alice-password', name: 'Alice Example', email: 'alice@example.test' },
  { id: 2, username: 'bob', password: 'bob-password', name: 'Bob Example', email: 'bob@example.test' },
];

/**
 * RFC 8252 loopback redirect URIs: http://127.0.0.1[:port]/path, http://localhost[:port]/path, http://[::1][:port]/path.
 * @param {string} uri
 */
export function isLoopbackRedirectUri(uri) {
  let u;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  return (
    u.protocol === 'http:' &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
    u.username === '' &&
    u.password === '' &&
    u.hash === '' &&
    !uri.includes('#')
  );
}

/**
 * @param {string} username
 * @param {string} password
 * @returns {User | null}
 */
export function findUser(username, password) {
  const u = USERS.find((x) => x.username === username && x.password === password);
  if (!u) return null;
  const { password: _p, ...user } = u;
  return user;
}

/** @param {string} id */
export function findClient(id) {
  return CLIENTS.find((c) => c.id === id) ?? null;
}

function token() {
  return randomBytes(24).toString('base64url');
}

/** The mutable in-memory store (codes and tokens). */
export class Store {
  constructor() {
    /** @type {Map<string, any>} */
    this.codes = new Map();
    /** @type {Map<string, StoredToken>} */
    this.accessTokens = new Map();
    /** @type {Map<string, StoredToken>} */
    this.refreshTokens = new Map();
  }

  reset() {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  revokeAllAccessTokens() {
    const n = this.accessTokens.size;
    this.accessTokens.clear();
    return n;
  }
}

/**
 * Per-request context the model needs (the grant being run, settings).
 * @typedef {object} ModelContext
 * @property {string | undefined} grantType
 * @property {import('./settings.mjs').Settings} settings
 * @property {string} [originalGrant] set while refreshing: the grant of the refreshed token
 */

/**
 * Build the oauth2-server model for one request.
 * @param {Store} store
 * @param {ModelContext} ctx
 */
export function createModel(store, ctx) {
  return {
    /**
     * secret === null: authorize endpoint lookup (no authentication). undefined: no secret sent.
     * @param {string} clientId @param {string | null | undefined} clientSecret
     */
    async getClient(clientId, clientSecret) {
      const client = findClient(clientId);
      if (!client) return null;
      if (clientSecret === null) return client;
      if (client.secret === null) return clientSecret === undefined || clientSecret === '' ? client : null;
      return clientSecret === client.secret ? client : null;
    },

    /** @param {string} redirectUri */
    async validateRedirectUri(redirectUri) {
      return isLoopbackRedirectUri(redirectUri);
    },

    /** @param {User} _user @param {Client} _client @param {string[] | undefined} scope */
    async validateScope(_user, _client, scope) {
      if (!scope || scope.length === 0) return [];
      const granted = ctx.settings.grantedScopes;
      if (granted) return scope.filter((s) => granted.includes(s));
      return scope.every((s) => KNOWN_SCOPES.includes(s)) ? scope : false;
    },

    /** @param {StoredToken} token @param {string[]} required */
    async verifyScope(token, required) {
      return required.every((s) => (token.scope ?? []).includes(s));
    },

    async generateAuthorizationCode() {
      return token();
    },
    async generateAccessToken() {
      return token();
    },
    async generateRefreshToken() {
      return token();
    },

    /** @param {any} code @param {Client} client @param {User} user */
    async saveAuthorizationCode(code, client, user) {
      const stored = { ...code, client, user };
      store.codes.set(code.authorizationCode, stored);
      return stored;
    },

    /** @param {string} authorizationCode */
    async getAuthorizationCode(authorizationCode) {
      return store.codes.get(authorizationCode) ?? null;
    },

    /** @param {any} code */
    async revokeAuthorizationCode(code) {
      return store.codes.delete(code.authorizationCode);
    },

    /** @param {any} t @param {Client} client @param {User} user */
    async saveToken(t, client, user) {
      /** @type {StoredToken} */
      const stored = {
        accessToken: t.accessToken,
        accessTokenExpiresAt: t.accessTokenExpiresAt,
        scope: Array.isArray(t.scope) ? t.scope : [],
        client,
        user,
        grant: ctx.originalGrant ?? ctx.grantType ?? 'unknown',
      };
      if (t.refreshToken && !ctx.settings.omitRefreshToken) {
        stored.refreshToken = t.refreshToken;
        stored.refreshTokenExpiresAt = t.refreshTokenExpiresAt;
        store.refreshTokens.set(t.refreshToken, stored);
      }
      store.accessTokens.set(t.accessToken, stored);
      return stored;
    },

    /** @param {string} accessToken */
    async getAccessToken(accessToken) {
      return store.accessTokens.get(accessToken) ?? null;
    },

    /** @param {string} refreshToken */
    async getRefreshToken(refreshToken) {
      const t = store.refreshTokens.get(refreshToken);
      if (!t) return null;
      ctx.originalGrant = t.grant;
      return t;
    },

    /** @param {StoredToken} t */
    async revokeToken(t) {
      return t.refreshToken !== undefined && store.refreshTokens.delete(t.refreshToken);
    },

    /** @param {string} username @param {string} password */
    async getUser(username, password) {
      return findUser(username, password);
    },

    /** @param {Client} client */
    async getUserFromClient(client) {
      return { id: 0, username: `client:${client.id}`, name: client.id, email: '', clientOnly: true };
    },
  };
}
