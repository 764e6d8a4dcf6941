/**
 * OAuth 2 Authorization Code Grant example for the oauth2 scheme of Multi-Flow Servers.
 *
 * Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token (prints the consent URL, then reads the URL you were redirected to from stdin), calls GET /files and prints its JSON body.
 *
 * Run: npm install && npm run example -- authorization_code
 */
import { createInterface } from 'node:readline/promises';
import {
  MultiflowserversClient,
  type OAuthScopeOauth2AuthorizationCodeEnum,
} from 'multiflowservers';

function env(name: string): string {
  return process.env[name] ?? '';
}

function words(value: string): string[] {
  return value.split(/\s+/).filter((word) => word !== '');
}

const baseUrl = env('API_BASE_URL');
const client = new MultiflowserversClient({
  ...(baseUrl ? { baseUrls: { ['default']: baseUrl } } : {}),
  oauth2AuthorizationCodeCredentials: {
    oAuthClientId: env('OAUTH_CLIENT_ID'),
    oAuthClientSecret: env('OAUTH_CLIENT_SECRET'),
    oAuthRedirectUri: env('OAUTH_REDIRECT_URI'),
    oAuthScopes: words(env('OAUTH_SCOPES')) as OAuthScopeOauth2AuthorizationCodeEnum[],
  },
});

const request = client.oauth2AuthorizationCode.authorizationRequest();
console.log('Open this URL, consent, then paste the URL you were redirected to:');
console.log(request.url);
const input = createInterface({ input: process.stdin });
const callbackUrl = await new Promise<string>((resolve) => input.once('line', resolve));
input.close();
await client.oauth2AuthorizationCode.fetchTokenFromCallback(
  callbackUrl.trim(),
  request.state,
  request.codeVerifier,
);
const result: unknown = await client.files.listUploads();
console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
