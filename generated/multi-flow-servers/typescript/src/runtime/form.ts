/** `application/x-www-form-urlencoded` encoding and RFC 6749 §2.3.1 HTTP Basic client auth. */

/** Encode one value the way HTML forms do (space → `+`). */
export function formEncodeComponent(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** Encode ordered pairs as a form body; `undefined` values are skipped. */
export function formEncode(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) if (v !== undefined) params.append(k, v);
  return params.toString();
}

/** Base64 of a UTF-8 string (works in Node, browsers, Deno, Bun). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * `Basic base64(form(id) ":" form(secret))`: the id and secret are form-urlencoded first (RFC 6749
 * §2.3.1), so a `:` or `%` in either survives.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${base64Utf8(`${formEncodeComponent(clientId)}:${formEncodeComponent(clientSecret)}`)}`;
}

/** `Basic base64(username ":" password)` for plain HTTP Basic API authentication (RFC 7617). */
export function basicCredentials(username: string, password: string): string {
  return `Basic ${base64Utf8(`${username}:${password}`)}`;
}
