/**
 * OAuth 2 Resource Owner Credentials Grant example for the vaultPassword scheme of Password Vault.
 *
 * Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /secrets and prints its JSON body.
 *
 * Run: npm install && npm run example -- password
 */
import { PasswordvaultClient } from 'passwordvault';

function env(name: string): string {
  return process.env[name] ?? '';
}

const baseUrl = env('API_BASE_URL');
const client = new PasswordvaultClient({
  ...(baseUrl ? { baseUrls: { ['default']: baseUrl } } : {}),
  vaultPasswordCredentials: {
    oAuthClientId: env('OAUTH_CLIENT_ID'),
    oAuthClientSecret: env('OAUTH_CLIENT_SECRET'),
    oAuthUsername: env('OAUTH_USERNAME'),
    oAuthPassword: env('OAUTH_PASSWORD'),
  },
});

await client.vaultPassword.fetchToken();
const result: unknown = await client.secrets.listSecrets();
console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
