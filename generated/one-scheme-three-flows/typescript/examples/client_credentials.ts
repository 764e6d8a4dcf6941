/**
 * OAuth 2 Client Credentials Grant example for the multiAuth scheme of Multi Flow.
 *
 * Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /projects and prints its JSON body.
 *
 * Run: npm install && npm run example -- client_credentials
 */
import { MultiflowClient } from 'multiflow';

function env(name: string): string {
  return process.env[name] ?? '';
}

const baseUrl = env('API_BASE_URL');
const client = new MultiflowClient({
  ...(baseUrl ? { baseUrls: { ['default']: baseUrl } } : {}),
  multiAuthClientCredentialsCredentials: {
    oAuthClientId: env('OAUTH_CLIENT_ID'),
    oAuthClientSecret: env('OAUTH_CLIENT_SECRET'),
  },
});

await client.multiAuthClientCredentials.fetchToken();
const result: unknown = await client.projects.listProjects();
console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
