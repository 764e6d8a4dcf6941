import { describe, expect, it } from 'vitest';
import { camelCase, flatLowerCase, pascalCase, screamingCase, snakeCase } from '../../generator/naming/index.js';

// input → [snake, pascal, camel, screaming, flat]
const TABLE: [string, string, string, string, string, string][] = [
  ['OAuthACG', 'o_auth_acg', 'OAuthACG', 'oAuthACG', 'O_AUTH_ACG', 'oauthacg'],
  [
    'OAuthACGCredentials',
    'o_auth_acg_credentials',
    'OAuthACGCredentials',
    'oAuthACGCredentials',
    'O_AUTH_ACG_CREDENTIALS',
    'oauthacgcredentials',
  ],
  ['o_auth_client_id', 'o_auth_client_id', 'OAuthClientId', 'oAuthClientId', 'O_AUTH_CLIENT_ID', 'oauthclientid'],
  [
    'MultiAuth-Sample',
    'multi_auth_sample',
    'MultiAuthSample',
    'multiAuthSample',
    'MULTI_AUTH_SAMPLE',
    'multiauthsample',
  ],
  ['basicAuth', 'basic_auth', 'BasicAuth', 'basicAuth', 'BASIC_AUTH', 'basicauth'],
  ['READ_SCOPE', 'read_scope', 'ReadScope', 'readScope', 'READ_SCOPE', 'readscope'],
  ['XMLHttp', 'xml_http', 'XMLHttp', 'xmlHttp', 'XML_HTTP', 'xmlhttp'],
  [
    'file_requests.read',
    'file_requests_read',
    'FileRequestsRead',
    'fileRequestsRead',
    'FILE_REQUESTS_READ',
    'filerequestsread',
  ],
  ['files:read', 'files_read', 'FilesRead', 'filesRead', 'FILES_READ', 'filesread'],
  [
    'https://example.com/auth/files.read',
    'https_example_com_auth_files_read',
    'HttpsExampleComAuthFilesRead',
    'httpsExampleComAuthFilesRead',
    'HTTPS_EXAMPLE_COM_AUTH_FILES_READ',
    'httpsexamplecomauthfilesread',
  ],
  ['a--b', 'a_b', 'AB', 'aB', 'A_B', 'ab'],
  ['naïve', 'naive', 'Naive', 'naive', 'NAIVE', 'naive'],
  ['Crème Brûlée', 'creme_brulee', 'CremeBrulee', 'cremeBrulee', 'CREME_BRULEE', 'cremebrulee'],
  ['日本語', '', '', '', '', ''],
  ['', '', '', '', '', ''],
  ['2fa', '2fa', '2fa', '2fa', '2FA', '2fa'],
];

describe('case conversion tables', () => {
  it.each(TABLE)(
    '%s → snake %s, pascal %s, camel %s, screaming %s, flat %s',
    (raw, snake, pascal, camel, screaming, flat) => {
      expect(snakeCase(raw)).toBe(snake);
      expect(pascalCase(raw)).toBe(pascal);
      expect(camelCase(raw)).toBe(camel);
      expect(screamingCase(raw)).toBe(screaming);
      expect(flatLowerCase(raw)).toBe(flat);
    },
  );

  it('reproduces the documented sample names', () => {
    expect(snakeCase('OAuthACG')).toBe('o_auth_acg');
    expect(pascalCase('OAuthACG') + 'Credentials').toBe('OAuthACGCredentials');
    expect('OAuthScope' + pascalCase('OAuthACG') + 'Enum').toBe('OAuthScopeOAuthACGEnum');
    expect(camelCase('OAuthACG')).toBe('oAuthACG');
    expect(camelCase('o_auth_client_id')).toBe('oAuthClientId');
    expect(flatLowerCase('MultiAuth-Sample')).toBe('multiauthsample');
    expect(pascalCase(flatLowerCase('MultiAuth-Sample')) + 'Client').toBe('MultiauthsampleClient');
  });

  it('emits only ASCII letters, digits and underscores for any input', () => {
    for (const raw of ['naïve café', 'Ωmega', '🚀 launch', 'tab\there', 'new\nline', '"quoted"', '${x}', '*/']) {
      for (const f of [snakeCase, pascalCase, camelCase, screamingCase, flatLowerCase]) {
        expect(f(raw)).toMatch(/^[A-Za-z0-9_]*$/);
      }
    }
  });
});
