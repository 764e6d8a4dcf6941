// Runtime settings of the test authorization server, changed through POST /__control/settings.

/**
 * @typedef {object} Settings
 * @property {number} accessTokenLifetime seconds (> 0, fractions allowed)
 * @property {boolean} rotateRefreshTokens issue a new refresh token on refresh and revoke the old one
 * @property {boolean} omitRefreshToken never return a refresh token
 * @property {string | null} issuer `iss` added to authorization responses (RFC 9207) when set
 * @property {string} tokenType the `token_type` value of token responses
 * @property {boolean} requireState reject authorization requests without `state`
 * @property {number} deviceInterval RFC 8628 polling `interval` in seconds (>= 0, fractions allowed)
 * @property {number} deviceCodeLifetime device code `expires_in` in seconds (> 0)
 * @property {number} deviceSlowDown the next n polls of the device grant answer `slow_down`
 * @property {string | null} metadataIssuer replaces the `issuer` of the RFC 8414 metadata when set
 * @property {string[] | null} grantedScopes when set, a grant issues only the requested scopes in this list
 *   (other requested scopes are dropped, not refused); null = grant what was asked
 */

/** @returns {Settings} */
export function defaultSettings() {
  return {
    accessTokenLifetime: 300,
    rotateRefreshTokens: true,
    omitRefreshToken: false,
    issuer: null,
    tokenType: 'Bearer',
    requireState: true,
    deviceInterval: 5,
    deviceCodeLifetime: 600,
    deviceSlowDown: 0,
    metadataIssuer: null,
    grantedScopes: null,
  };
}

/**
 * Validate a partial settings object; returns an error message or null.
 * @param {Record<string, unknown>} patch
 * @returns {string | null}
 */
export function validateSettings(patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return 'settings must be a JSON object';
  const known = new Set(Object.keys(defaultSettings()));
  for (const [key, value] of Object.entries(patch)) {
    if (!known.has(key)) return `unknown setting: ${key}`;
    switch (key) {
      case 'accessTokenLifetime':
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
          return 'accessTokenLifetime must be a positive number';
        break;
      case 'rotateRefreshTokens':
      case 'omitRefreshToken':
      case 'requireState':
        if (typeof value !== 'boolean') return `${key} must be a boolean`;
        break;
      case 'issuer':
        if (value !== null && typeof value !== 'string') return 'issuer must be a string or null';
        break;
      case 'deviceInterval':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          return 'deviceInterval must be a non-negative number';
        break;
      case 'deviceCodeLifetime':
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
          return 'deviceCodeLifetime must be a positive number';
        break;
      case 'deviceSlowDown':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
          return 'deviceSlowDown must be a non-negative integer';
        break;
      case 'metadataIssuer':
        if (value !== null && typeof value !== 'string') return 'metadataIssuer must be a string or null';
        break;
      case 'grantedScopes':
        if (value !== null && (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')))
          return 'grantedScopes must be an array of non-empty strings or null';
        break;
      case 'tokenType':
        if (typeof value !== 'string' || value === '') return 'tokenType must be a non-empty string';
        break;
    }
  }
  return null;
}
