export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];

export interface ConsentOptions {
  /** the URL the SDK built (GET /oauth/authorize?...) */
  authorizationUrl: string;
  username: string;
  password: string;
  decision: 'allow' | 'deny';
  /** overall limit, default 30 s */
  timeoutMs?: number;
}

export interface ConsentResult {
  /** the redirect URI (with code/state or error) the browser landed on */
  finalUrl: string;
  /** HTTP status the callback server answered with (null if it could not be reached) */
  callbackStatus: number | null;
}

/** Log in and allow/deny on the test server's consent page in headless Chromium. */
export function driveConsent(options: ConsentOptions): Promise<ConsentResult>;
