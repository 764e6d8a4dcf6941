/**
 * Go names. Every spec-derived identifier the Go target emits is exported (PascalCase), so Go
 * keywords and predeclared identifiers (all lower case) can never be produced; collisions are
 * resolved per scope (package, struct, method set) with the shared NameScope. The package name is
 * the one lower-case name and is checked against keywords, predeclared names and imports.
 */
import { flatLowerCase, NameScope, words } from '../../naming/index.js';

export const GO_KEYWORDS: ReadonlySet<string> = new Set([
  'break',
  'case',
  'chan',
  'const',
  'continue',
  'default',
  'defer',
  'else',
  'fallthrough',
  'for',
  'func',
  'go',
  'goto',
  'if',
  'import',
  'interface',
  'map',
  'package',
  'range',
  'return',
  'select',
  'struct',
  'switch',
  'type',
  'var',
]);

export const GO_PREDECLARED: ReadonlySet<string> = new Set([
  'any',
  'bool',
  'byte',
  'comparable',
  'complex64',
  'complex128',
  'error',
  'float32',
  'float64',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'rune',
  'string',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'true',
  'false',
  'iota',
  'nil',
  'append',
  'cap',
  'clear',
  'close',
  'complex',
  'copy',
  'delete',
  'imag',
  'len',
  'make',
  'max',
  'min',
  'new',
  'panic',
  'print',
  'println',
  'real',
  'recover',
]);

/** Package names the generated files import (a package must not be named like one of them). */
export const GO_IMPORTS: ReadonlySet<string> = new Set([
  'context',
  'core',
  'errors',
  'fmt',
  'http',
  'json',
  'log',
  'net',
  'os',
  'slog',
  'strings',
  'time',
  'url',
  'main',
  'testing',
  'internal',
  'vendor',
  'examples',
]);

/** Words Go code writes in upper case (Effective Go / the standard library's initialisms). */
const INITIALISMS = new Set([
  'api',
  'ascii',
  'cpu',
  'css',
  'dns',
  'eof',
  'guid',
  'html',
  'http',
  'https',
  'id',
  'ip',
  'json',
  'jwt',
  'pkce',
  'rpc',
  'sla',
  'sql',
  'ssh',
  'tcp',
  'tls',
  'ttl',
  'udp',
  'ui',
  'uid',
  'uri',
  'url',
  'utf8',
  'uuid',
  'xml',
]);

/** Longest identifier emitted (longer spec strings are cut; collisions resolve in the scope). */
const MAX = 64;

/**
 * An exported Go identifier for a spec string: PascalCase words (initialisms upper-cased), ASCII,
 * never starting with a digit (`X` prefix), `fallback` when nothing is left.
 */
export function goExported(raw: string, fallback = 'Value'): string {
  const ws = words(raw);
  const mixed = /[a-z]/.test(raw);
  let name = ws
    .map((w) => {
      const low = w.toLowerCase();
      if (INITIALISMS.has(low)) return low.toUpperCase();
      if (mixed && w.length > 1 && w === w.toUpperCase() && /[A-Z]/.test(w)) return w;
      return low.charAt(0).toUpperCase() + low.slice(1);
    })
    .join('');
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `X${name}`;
  if (name.length > MAX) name = name.slice(0, MAX);
  return name;
}

/** A scope of exported names (collision counter appended without separator). */
export function exportedScope(reserved: Iterable<string> = []): NameScope {
  const scope = new NameScope({ reserved: new Set(), separator: '' });
  for (const r of reserved) scope.reserve(r);
  return scope;
}

/** The Go package name: the module path's last element (a `/vN` suffix skipped), lower-case ASCII. */
export function goPackageName(modulePath: string): string {
  const parts = modulePath.split('/').filter(Boolean);
  let last = parts.pop() ?? '';
  if (/^v[0-9]+$/.test(last) && parts.length > 0) last = parts.pop() ?? '';
  let name = words(last)
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (name === '') name = 'sdk';
  if (/^[0-9]/.test(name)) name = `sdk${name}`;
  if (GO_KEYWORDS.has(name) || GO_PREDECLARED.has(name) || GO_IMPORTS.has(name)) name = `${name}sdk`;
  return name.slice(0, MAX);
}

/**
 * The module path: `--package-name` cleaned to a valid module path (lower case, `[a-z0-9._~-]`
 * elements joined by `/`, no empty, dot-edged or Windows-reserved element), else the title's words
 * in lower case (`MultiAuth-Sample` → `multiauthsample`).
 */
export function goModulePath(packageName: string | null, title: string): string {
  if (packageName === null) return flatLowerCase(title) || 'sdk';
  const cleaned = packageName
    .toLowerCase()
    .split('/')
    .map((seg) =>
      seg
        .replace(/[^a-z0-9._~-]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/^[-.~]+|[-.~]+$/g, ''),
    )
    .filter((seg) => seg !== '')
    .map((seg) => (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/.test(seg) ? `${seg}-sdk` : seg))
    .join('/');
  return cleaned === '' ? 'sdk' : cleaned;
}

/** Package-level names the templates and the static aliases use. */
export const FIXED_PACKAGE_NAMES = [
  'Client',
  'Config',
  'NewClient',
  'Environment',
  'DefaultEnvironment',
  'ServerName',
  // aliases.go
  'Token',
  'TokenStore',
  'MemoryTokenStore',
  'FileTokenStore',
  'NewMemoryTokenStore',
  'NewFileTokenStore',
  'ClientAuthMethod',
  'ClientSecretBasic',
  'ClientSecretPost',
  'ClientAuthNone',
  'AuthorizationRequest',
  'AuthorizationOption',
  'TokenOption',
  'RequestOption',
  'Response',
  'WithState',
  'WithAuthorizationParams',
  'WithTokenParams',
  'WithCodeVerifier',
  'WithTimeout',
  'WithMaxRetries',
  'WithHeader',
  'WithIdempotencyKey',
  'WithRawResponse',
  'ConfigurationError',
  'AuthRequiredError',
  'APIError',
  'OAuthProviderError',
  'OAuthCallbackError',
  'StateMismatchError',
  'InvalidTokenResponseError',
  'NetworkError',
  'TimeoutError',
  'DeviceAccessDeniedError',
  'DeviceCodeExpiredError',
  'DeviceAuthorization',
  'TokenRevocationError',
  'AuthorizationServerMetadataError',
  'DiscoveryMode',
  'DiscoveryAuto',
  'DiscoveryMetadata',
  'DiscoveryStatic',
  'Bool',
  'String',
];
