/**
 * OAuth 2 Resource Owner Credentials Grant example for the oauth2 scheme of Multi-Flow Servers.
 *
 * Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /files and prints its JSON body.
 *
 * Run: npm install && npm run example -- password
 */
import { MultiflowserversClient } from 'multiflowservers';

function env(name: string): string {
  return process.env[name] ?? '';
}

const baseUrl = env('API_BASE_URL');
const client = new MultiflowserversClient({
  ...(baseUrl ? { baseUrls: { ['default']: baseUrl } } : {}),
  oauth2PasswordCredentials: {
    oAuthClientId: env('OAUTH_CLIENT_ID'),
    oAuthClientSecret: env('OAUTH_CLIENT_SECRET'),
    oAuthUsername: env('OAUTH_USERNAME'),
    oAuthPassword: env('OAUTH_PASSWORD'),
  },
});

await client.oauth2Password.fetchToken();
const result: unknown = await client.files.listUploads();
console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
