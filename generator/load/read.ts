/**
 * Reading a spec file from disk: file errors become `SpecProblem`s (`file-missing`,
 * `file-unreadable`, `file-binary`) and the bytes are decoded as strict UTF-8.
 */
import { readFile } from 'node:fs/promises';
import { fail, isErrnoCode } from './problem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Read `absPath` as UTF-8 text (a leading BOM is dropped). `file` is the name used in messages.
 * Throws `GrantgenError` with `file-missing`, `file-unreadable` or `file-binary`.
 */
export async function readSpecText(absPath: string, file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT') || isErrnoCode(e, 'ENOTDIR')) {
      fail(
        'file-missing',
        file,
        '',
        `file not found: ${absPath}`,
        'Check the path (it is relative to the current directory) and the spelling of the file name.',
      );
    }
    if (isErrnoCode(e, 'EISDIR')) {
      fail(
        'file-unreadable',
        file,
        '',
        `${file} is a directory, not a file`,
        'Pass the path of the OpenAPI/Swagger file itself (e.g. openapi.yaml), not its folder.',
      );
    }
    const msg = e instanceof Error ? e.message : String(e);
    fail(
      'file-unreadable',
      file,
      '',
      `cannot read the file: ${msg}`,
      'Check that the file exists and that you have permission to read it.',
    );
  }
  return decodeText(bytes, file);
}

/** Decode bytes as strict UTF-8; NUL bytes or invalid sequences mean binary input (`file-binary`). */
export function decodeText(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    fail(
      'file-binary',
      file,
      '',
      utf16
        ? 'the file is UTF-16 encoded, not UTF-8'
        : `the file is binary (NUL byte at offset ${nul}), not a JSON or YAML text file`,
      utf16
        ? 'Save the file as UTF-8.'
        : 'Pass the OpenAPI/Swagger document as a UTF-8 .json, .yaml or .yml file (not an archive or image).',
    );
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return fail(
      'file-binary',
      file,
      '',
      'the file is not valid UTF-8 text',
      'Save the file as UTF-8 (OpenAPI documents must be UTF-8 JSON or YAML).',
    );
  }
}
