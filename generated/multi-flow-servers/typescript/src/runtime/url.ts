/** URL helpers: server templates, joining spec paths, and the https-or-loopback rule. */
import { ConfigurationError, InsecureTransportError } from './errors.js';

/** Replace `{name}` in a server URL template; values are percent-encoded. */
export function fillServerTemplate(
  template: string,
  variables: Readonly<Record<string, string>>,
): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = variables[name];
    return value === undefined ? whole : encodeURIComponent(value);
  });
}

/**
 * Append a spec path (or a relative OAuth URL) to a server URL by concatenation, as OpenAPI does:
 * `http://h/base` + `/token` → `http://h/base/token`. Absolute URLs are returned unchanged.
 */
export function joinUrl(base: string, pathOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) return pathOrUrl;
  const b = base.replace(/\/+$/, '');
  const p = pathOrUrl.replace(/^\/+/, '');
  return p === '' ? b : `${b}/${p}`;
}

/** Replace `{name}` path parameters with percent-encoded values. */
export function fillPath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : encodeURIComponent(value);
  });
}

/** 127.0.0.0/8, `::1`, `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((x) => Number(x) <= 255);
}

/**
 * Parse `url` and require `https` (or `http` to a loopback host). `allowInsecureHttp` lifts the
 * rule (tests, private networks): it is an explicit opt-out, never a default.
 */
export function requireSecureUrl(url: string, what: string, allowInsecureHttp: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ConfigurationError(
      `the ${what} ${JSON.stringify(url.slice(0, 200))} is not a valid absolute URL`,
      {
        cause,
      },
    );
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && (allowInsecureHttp || isLoopbackHost(parsed.hostname)))
    return parsed;
  throw new InsecureTransportError(
    `the ${what} ${parsed.origin} must use https (plain http is only allowed for loopback hosts, ` +
      'or with allowInsecureHttp: true)',
  );
}

/** May a credential go to `url`? https, http to a loopback host, or anything when allowed. */
export function isSecureTransport(url: URL, allowInsecureHttp: boolean): boolean {
  return (
    url.protocol === 'https:' ||
    allowInsecureHttp ||
    (url.protocol === 'http:' && isLoopbackHost(url.hostname))
  );
}
