/**
 * Recognising the spec version from the document root: OpenAPI 3.0.x, 3.1.x, 3.2.x or Swagger 2.0.
 */
import { fail } from './problem.js';

export const SUPPORTED = 'OpenAPI 3.0.x, OpenAPI 3.1.x, OpenAPI 3.2.x and Swagger 2.0';

/** Position lookup for a pointer of the file (lazy, for error messages). */
export type PosOf = (pointer: string) => { line: number; column: number } | undefined;

/**
 * Return the version string as written (`'2.0'`, `'3.0.3'`, `'3.1.0'`, `'3.2.0'`...). Throws `not-openapi`
 * or `unsupported-version` problems.
 */
export function detectVersion(root: unknown, file: string, posOf: PosOf): string {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    const what = root === null ? 'empty (null)' : Array.isArray(root) ? 'an array' : `a ${typeof root}`;
    fail(
      'not-openapi',
      file,
      '',
      `the document root is ${what}, not an object with an "openapi" or "swagger" field`,
      'Pass an OpenAPI document: its top level must be a mapping starting with `openapi: 3.1.0` (or `swagger: "2.0"`).',
    );
  }
  const doc = root as Record<string, unknown>;
  if ('openapi' in doc) {
    const v = doc.openapi;
    if (typeof v === 'string' && /^3\.[0-2]\.\d+(-[\w.]+)?$/.test(v.trim())) return v.trim();
    if (typeof v === 'number' && (v === 3 || v === 3.1 || v === 3.2)) {
      fail(
        'unsupported-version',
        file,
        '/openapi',
        `"openapi: ${v}" is a number; the version must be a full version string`,
        `Write it as a quoted string with a patch version, e.g. openapi: "${v === 3 ? '3.0.3' : v === 3.1 ? '3.1.0' : '3.2.0'}". Supported: ${SUPPORTED}.`,
        posOf('/openapi'),
      );
    }
    fail(
      'unsupported-version',
      file,
      '/openapi',
      `OpenAPI version ${JSON.stringify(v)} is not supported`,
      `grantgen supports ${SUPPORTED}. Convert the document to one of these (e.g. OpenAPI 3.1.0).`,
      posOf('/openapi'),
    );
  }
  if ('swagger' in doc) {
    const v = doc.swagger;
    if (v === '2.0' || v === 2) return '2.0';
    fail(
      'unsupported-version',
      file,
      '/swagger',
      `Swagger version ${JSON.stringify(v)} is not supported`,
      `grantgen supports ${SUPPORTED}. Use swagger: "2.0" or convert the document to OpenAPI 3.`,
      posOf('/swagger'),
    );
  }
  if ('swaggerVersion' in doc) {
    const v = doc.swaggerVersion;
    fail(
      'unsupported-version',
      file,
      '/swaggerVersion',
      `Swagger ${String(v)} (swaggerVersion) is not supported`,
      `grantgen supports ${SUPPORTED}. Convert the Swagger 1.x document to Swagger 2.0 or OpenAPI 3 first (e.g. with api-spec-converter).`,
      posOf('/swaggerVersion'),
    );
  }
  fail(
    'not-openapi',
    file,
    '',
    'not an OpenAPI document: the top level has no "openapi" or "swagger" field',
    `Pass an OpenAPI 3 document (starting with \`openapi: 3.1.0\`) or a Swagger 2.0 document (\`swagger: "2.0"\`). Supported: ${SUPPORTED}.`,
  );
}
