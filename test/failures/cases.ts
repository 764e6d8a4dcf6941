/**
 * Broken or unsupported specs and exactly how grantgen must reject each: error code, location
 * (file, JSON pointer, line) and a piece of the message. Every case exits 2, prints no stack
 * trace and leaves no output folder behind. Files live in `cases/`; the ones marked `generated`
 * are created at test time (binary bytes, a directory, a missing path, 50 MB of nested arrays).
 */
export interface FailureCase {
  /** Path relative to `test/failures/cases/` (the CLI runs there, so messages use this name). */
  file: string;
  code: string;
  /** JSON pointer of the first problem (`''` for the whole document). */
  pointer: string;
  /** Line of the first problem, or null when the problem has no position (whole file). */
  line: number | null;
  /** File named by the first problem when it is not `file` (external `$ref` targets). */
  at?: string;
  message: string;
  /** More problem codes the same run must report, in order (validate-style "all problems"). */
  alsoCodes?: string[];
  generated?: 'binary' | 'directory' | 'missing' | 'huge';
}

const X = '/components/securitySchemes/X';

export const CASES: FailureCase[] = [
  // --- reading and parsing -------------------------------------------------------------------
  {
    file: 'missing.yaml',
    generated: 'missing',
    code: 'file-missing',
    pointer: '',
    line: null,
    message: 'file not found',
  },
  {
    file: 'a-directory.yaml',
    generated: 'directory',
    code: 'file-unreadable',
    pointer: '',
    line: null,
    message: 'is a directory',
  },
  {
    file: 'binary.yaml',
    generated: 'binary',
    code: 'file-binary',
    pointer: '',
    line: null,
    message: 'NUL byte at offset',
  },
  { file: 'latin1.yaml', code: 'file-binary', pointer: '', line: null, message: 'not valid UTF-8' },
  { file: 'utf16.yaml', code: 'file-binary', pointer: '', line: null, message: 'UTF-16' },
  { file: 'empty.yaml', code: 'not-openapi', pointer: '', line: null, message: 'root is empty' },
  { file: 'comments-only.yaml', code: 'not-openapi', pointer: '', line: null, message: 'root is empty' },
  {
    file: 'truncated.yaml',
    code: 'yaml-syntax',
    pointer: '',
    line: 10,
    message: 'Missing closing "quote',
    alsoCodes: ['yaml-syntax'],
  },
  {
    file: 'tab-indented.yaml',
    code: 'yaml-syntax',
    pointer: '',
    line: 3,
    message: 'Tabs are not allowed',
    alsoCodes: ['yaml-syntax'],
  },
  {
    file: 'duplicate-key.yaml',
    code: 'duplicate-key',
    pointer: '/info/title',
    line: 5,
    message: 'duplicate key "title"',
  },
  { file: 'multi-document.yaml', code: 'yaml-syntax', pointer: '', line: 6, message: 'several YAML documents' },
  { file: 'alias-bomb.yaml', code: 'yaml-syntax', pointer: '', line: null, message: 'alias bomb' },
  { file: 'json-syntax.json', code: 'json-syntax', pointer: '', line: 4, message: "Expected ',' or '}'" },
  { file: 'json-truncated.json', code: 'json-syntax', pointer: '', line: 4, message: 'JSON syntax error' },
  // --- not OpenAPI, or an unsupported version --------------------------------------------------
  { file: 'root-array.json', code: 'not-openapi', pointer: '', line: null, message: 'root is an array' },
  { file: 'root-scalar.yaml', code: 'not-openapi', pointer: '', line: null, message: 'root is a string' },
  {
    file: 'not-openapi.yaml',
    code: 'not-openapi',
    pointer: '',
    line: null,
    message: 'no "openapi" or "swagger" field',
  },
  {
    file: 'openapi-4.yaml',
    code: 'unsupported-version',
    pointer: '/openapi',
    line: 1,
    message: '"4.0.0" is not supported',
  },
  {
    file: 'openapi-2.yaml',
    code: 'unsupported-version',
    pointer: '/openapi',
    line: 1,
    message: '"2.0" is not supported',
  },
  { file: 'openapi-number.yaml', code: 'unsupported-version', pointer: '/openapi', line: 1, message: 'is a number' },
  {
    file: 'swagger-3.yaml',
    code: 'unsupported-version',
    pointer: '/swagger',
    line: 1,
    message: 'Swagger version "3.0"',
  },
  {
    file: 'swagger-1.2.json',
    code: 'unsupported-version',
    pointer: '/swaggerVersion',
    line: 2,
    message: 'Swagger 1.2',
  },
  {
    file: 'huge-nested.json',
    generated: 'huge',
    code: 'nesting-too-deep',
    pointer: '',
    line: 1,
    message: 'more than 512 levels deep',
  },
  // --- $ref ------------------------------------------------------------------------------------
  {
    file: 'ref-missing-file.yaml',
    code: 'ref-missing',
    pointer: '/paths/~1a/get/responses/200/$ref',
    line: 10,
    message: 'file not found: parts/does-not-exist.yaml',
  },
  {
    file: 'ref-missing-external-pointer.yaml',
    code: 'ref-missing',
    pointer: '/paths/~1a/get/responses/200/$ref',
    line: 10,
    message: '/Nope not found in parts/responses.yaml',
  },
  {
    file: 'ref-missing-pointer.yaml',
    code: 'ref-missing',
    pointer: '/paths/~1a/get/responses/200/content/application~1json/schema',
    line: 13,
    message: '"#/components/schemas/Nope" points at nothing',
  },
  {
    file: 'ref-external-cycle.yaml',
    code: 'ref-cycle',
    at: 'parts/cycle-a.yaml',
    pointer: '/R/$ref',
    line: 2,
    message: 'never reaches a value',
  },
  {
    file: 'ref-chain-loop.yaml',
    code: 'ref-cycle',
    pointer: '/components/parameters/Q',
    line: 16,
    message: 'loops at "#/components/parameters/P"',
  },
  // --- security schemes and flows --------------------------------------------------------------
  { file: 'scheme-string.yaml', code: 'security-scheme-not-object', pointer: X, line: 8, message: 'is not an object' },
  {
    file: 'schemes-list.yaml',
    code: 'security-schemes-not-object',
    pointer: '/components/securitySchemes',
    line: 7,
    message: 'must be an object',
  },
  {
    file: 'scheme-unknown-type.yaml',
    code: 'security-scheme-type',
    pointer: `${X}/type`,
    line: 9,
    message: 'unknown type "kerberos"',
  },
  { file: 'apikey-no-in.yaml', code: 'api-key-in', pointer: `${X}/in`, line: 8, message: 'needs `in`' },
  {
    file: 'flows-missing.yaml',
    code: 'flows-not-object',
    pointer: `${X}/flows`,
    line: 8,
    message: 'needs a `flows` object',
  },
  {
    file: 'flows-list.yaml',
    code: 'flows-not-object',
    pointer: `${X}/flows`,
    line: 10,
    message: 'needs a `flows` object',
  },
  {
    file: 'flow-string.yaml',
    code: 'flow-not-object',
    pointer: `${X}/flows/password`,
    line: 11,
    message: 'flow "password" is not an object',
  },
  {
    file: 'flow-unknown.yaml',
    code: 'flow-unknown',
    pointer: `${X}/flows/deviceCode`,
    line: 11,
    message: 'unknown OAuth flow "deviceCode"',
  },
  {
    file: 'scopes-list.yaml',
    code: 'scopes-not-object',
    pointer: `${X}/flows/password/scopes`,
    line: 13,
    message: '`scopes` must map',
  },
  {
    file: 'token-url-missing-password.yaml',
    code: 'flow-token-url',
    pointer: `${X}/flows/password/tokenUrl`,
    line: 11,
    message: 'password flow has no `tokenUrl`',
  },
  {
    file: 'token-url-missing-acg.yaml',
    code: 'flow-token-url',
    pointer: `${X}/flows/authorizationCode/tokenUrl`,
    line: 11,
    message: 'authorizationCode flow has no `tokenUrl`',
  },
  {
    file: 'authorization-url-missing.yaml',
    code: 'flow-authorization-url',
    pointer: `${X}/flows/authorizationCode/authorizationUrl`,
    line: 11,
    message: 'has no `authorizationUrl`',
  },
  {
    file: 'token-url-not-url.yaml',
    code: 'flow-url-invalid',
    pointer: `${X}/flows/password/tokenUrl`,
    line: 12,
    message: '"not a url" is not a usable URL',
  },
  {
    file: 'token-url-javascript.yaml',
    code: 'flow-url-invalid',
    pointer: `${X}/flows/password/tokenUrl`,
    line: 12,
    message: '"javascript:alert(1)" is not an http(s) URL',
  },
  {
    file: 'token-url-dotdot.yaml',
    code: 'flow-url-invalid',
    pointer: `${X}/flows/password/tokenUrl`,
    line: 12,
    message: 'is not a usable URL',
  },
  {
    file: 'token-url-number.yaml',
    code: 'flow-url-type',
    pointer: `${X}/flows/password/tokenUrl`,
    line: 12,
    message: 'must be a string, got number',
  },
  {
    file: 'refresh-url-invalid.yaml',
    code: 'flow-url-invalid',
    pointer: `${X}/flows/password/refreshUrl`,
    line: 13,
    message: 'is not an http(s) URL',
  },
  {
    file: 'client-auth-unknown.yaml',
    code: 'flow-client-auth',
    pointer: `${X}/x-grantgen-client-auth`,
    line: 10,
    message: 'unknown client authentication "private_key_jwt"',
  },
  {
    file: 'swagger2-password-no-token-url.yaml',
    code: 'flow-token-url',
    pointer: '/securityDefinitions/pw',
    line: 7,
    message: 'password flow has no `tokenUrl`',
  },
  {
    file: 'swagger2-flow-unknown.yaml',
    code: 'flow-unknown',
    pointer: '/securityDefinitions/pw',
    line: 7,
    message: '"deviceCode"',
  },
  // --- security requirements ---------------------------------------------------------------------
  {
    file: 'requirement-unknown-scheme.yaml',
    code: 'security-unknown-scheme',
    pointer: '/security/0/Ghost',
    line: 7,
    message: 'unknown scheme "Ghost"',
  },
  {
    file: 'requirement-not-object.yaml',
    code: 'security-requirement',
    pointer: '/security/0',
    line: 7,
    message: 'must be an object',
  },
  {
    file: 'security-not-list.yaml',
    code: 'security-not-array',
    pointer: '/security',
    line: 6,
    message: 'must be a list',
  },
  // --- document structure ------------------------------------------------------------------------
  { file: 'no-title.yaml', code: 'info-title', pointer: '/info/title', line: 2, message: 'no `info.title`' },
  { file: 'info-string.yaml', code: 'info-title', pointer: '/info/title', line: 2, message: 'no `info.title`' },
  {
    file: 'paths-list.yaml',
    code: 'paths-not-object',
    pointer: '/paths',
    line: 5,
    message: '`paths` must be an object',
  },
  {
    file: 'operation-not-object.yaml',
    code: 'operation-not-object',
    pointer: '/paths/~1a/get',
    line: 7,
    message: 'GET /a is not an object',
  },
  {
    file: 'parameters-not-list.yaml',
    code: 'parameters-not-array',
    pointer: '/paths/~1a/get/parameters',
    line: 8,
    message: 'must be a list',
  },
  {
    file: 'parameter-no-in.yaml',
    code: 'parameter-invalid',
    pointer: '/paths/~1a/get/parameters/0',
    line: 9,
    message: '`in` (path, query, header, cookie)',
  },
  {
    file: 'servers-not-list.yaml',
    code: 'servers-not-array',
    pointer: '/servers',
    line: 6,
    message: '`servers` must be a list',
  },
  { file: 'server-no-url.yaml', code: 'server-url', pointer: '/servers/0', line: 7, message: 'needs a string `url`' },
  {
    file: 'server-url-file-scheme.yaml',
    code: 'server-url-invalid',
    pointer: '/servers/1/url',
    line: 7,
    message: 'is not an http(s) URL or a relative path',
  },
  {
    file: 'server-variable-no-default.yaml',
    code: 'server-variable-default',
    pointer: '/servers/0/variables/region',
    line: 9,
    message: 'needs a `default`',
  },
  {
    file: 'server-variables-not-object.yaml',
    code: 'server-variables',
    pointer: '/servers/0/variables',
    line: 8,
    message: 'must be an object',
  },
];
