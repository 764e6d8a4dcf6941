/**
 * OAuth 2 Resource Owner Credentials Grant example for the OAuthROPCG scheme of MultiAuth-Sample.
 *
 * Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /oauth2/non-auth-server/user and prints its JSON body.
 *
 * Run: npm install && npm run example -- password
 */
import { MultiauthsampleClient } from 'multiauthsample';

function env(name: string): string {
  return process.env[name] ?? '';
}

const baseUrl = env('API_BASE_URL');
const client = new MultiauthsampleClient({
  ...(baseUrl ? { baseUrls: { ['default']: baseUrl } } : {}),
  oAuthROPCGCredentials: {
    oAuthClientId: env('OAUTH_CLIENT_ID'),
    oAuthClientSecret: env('OAUTH_CLIENT_SECRET'),
    oAuthUsername: env('OAUTH_USERNAME'),
    oAuthPassword: env('OAUTH_PASSWORD'),
  },
});

await client.oAuthROPCG.fetchToken();
const result: unknown = await client.authentication.oAuthAuthorizationGrant();
console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
