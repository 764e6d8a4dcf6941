/**
 * RFC 7009 token revocation at the server (the local sign-out is done by
 * `OAuthManager.revokeToken` before this runs): the refresh token first, then the access token,
 * each with the flow's client authentication.
 */
import {
  ConfigurationError,
  InsecureTransportError,
  NetworkError,
  SdkError,
  TimeoutError,
} from './errors.js';
import { formEncode } from './form.js';
import { send, type HttpSettings } from './http.js';
import { TokenRevocationError } from './oauth-errors.js';
import type { OAuthToken } from './token.js';

export interface RevocationRequest {
  schemeName: string;
  http: HttpSettings;
  token: OAuthToken;
  /** The revocation endpoint (throws ConfigurationError when there is none). */
  endpoint: () => Promise<URL>;
  clientAuth: (
    headers: Record<string, string>,
    pairs: Array<readonly [string, string | undefined]>,
  ) => void;
  signal?: AbortSignal | undefined;
}

function errorCode(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      const error = (body as Record<string, unknown>)['error'];
      if (typeof error === 'string' && error !== '') return error.slice(0, 100);
    }
  } catch {
    // not JSON
  }
  return null;
}

export async function revokeAtServer(request: RevocationRequest): Promise<void> {
  const { schemeName, token } = request;
  let url: URL;
  try {
    url = await request.endpoint();
  } catch (error) {
    if (error instanceof InsecureTransportError || !(error instanceof ConfigurationError))
      throw error;
    throw new TokenRevocationError(
      `${schemeName}: signed out locally, but the API has no revocation endpoint; the server still accepts the token until it expires`,
      null,
      null,
      { cause: error },
    );
  }
  const pending: Array<readonly [string, 'refresh_token' | 'access_token']> = [];
  if (token.refreshToken) pending.push([token.refreshToken, 'refresh_token']);
  pending.push([token.accessToken, 'access_token']);
  let failure: TokenRevocationError | null = null;
  for (const [value, hint] of pending) {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const pairs: Array<readonly [string, string | undefined]> = [
      ['token', value],
      ['token_type_hint', hint],
    ];
    request.clientAuth(headers, pairs);
    let status: number;
    let text: string;
    try {
      const response = await send(request.http, {
        method: 'POST',
        url,
        headers,
        body: formEncode(pairs),
        signal: request.signal,
        followRedirects: false,
        maxResponseBytes: 64 * 1024,
        tooLarge: (s) =>
          new TokenRevocationError(`${schemeName}: the revocation answer is too large`, null, s),
      });
      status = response.status;
      text = response.text;
    } catch (error) {
      if (error instanceof NetworkError || error instanceof TimeoutError) {
        throw new TokenRevocationError(
          `${schemeName}: signed out locally, but the revocation endpoint could not be reached (${error.name}); the server may still accept the token until it expires`,
          null,
          null,
          { cause: error },
        );
      }
      if (error instanceof SdkError) throw error;
      throw error;
    }
    if (status === 200) continue;
    const code = errorCode(text);
    failure ??= new TokenRevocationError(
      `${schemeName}: signed out locally, but the server refused to revoke the ${hint.replace('_', ' ')} (HTTP ${status}${code ? `, ${code}` : ''})`,
      code,
      status,
    );
  }
  if (failure) throw failure;
}
