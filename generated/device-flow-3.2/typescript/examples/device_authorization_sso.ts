/**
 * OAuth 2 Device Authorization Grant example for the sso scheme of Device Flow.
 *
 * Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token (prints where to sign in on another device and the code to enter, then waits for the approval), calls GET /device/me and prints its JSON body.
 *
 * Run: npm install && npm run example -- device_authorization_sso
 */
import { DeviceflowClient, type OAuthScopeSsoDeviceAuthorizationEnum } from 'deviceflow';

function env(name: string): string {
  return process.env[name] ?? '';
}

function words(value: string): string[] {
  return value.split(/\s+/).filter((word) => word !== '');
}

const baseUrl = env('API_BASE_URL');
const client = new DeviceflowClient({
  ...(baseUrl ? { baseUrls: { ['default']: baseUrl } } : {}),
  ssoDeviceAuthorizationCredentials: {
    oAuthClientId: env('OAUTH_CLIENT_ID'),
    oAuthClientSecret: env('OAUTH_CLIENT_SECRET'),
    oAuthScopes: words(env('OAUTH_SCOPES')) as OAuthScopeSsoDeviceAuthorizationEnum[],
  },
});

const start = await client.ssoDeviceAuthorization.startDeviceAuthorization();
console.log(`On another device, open ${start.verificationUri} and enter ${start.userCode}`);
await client.ssoDeviceAuthorization.waitForDeviceToken(start);
const result: unknown = await client.account.getMe();
console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
