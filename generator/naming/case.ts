/**
 * Case conversion of spec strings into identifier words. Word splitting is change-case's `split`
 * (lower→upper, acronym→word and separator boundaries); we fold to ASCII first so every target gets
 * the same words, and treat every non-alphanumeric character as a separator.
 */
import { createHash } from 'node:crypto';
import { split } from 'change-case';

/** Fold to ASCII: decompose accents away (NFKD), then drop anything that is still not ASCII. */
export function asciiFold(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ');
}

/** The words of a spec string: `OAuthACG` → `O Auth ACG`, `file_requests.read` → `file requests read`. */
export function words(raw: string): string[] {
  const cleaned = asciiFold(raw).replace(/[^A-Za-z0-9]+/g, ' ');
  return split(cleaned).filter((w) => w.length > 0);
}

const hasLower = (s: string): boolean => /[a-z]/.test(s);

function capitalize(word: string, keepAcronym: boolean): string {
  if (keepAcronym && word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word)) return word;
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** `user_id` → `user_id`, `OAuthACG` → `o_auth_acg`, `MultiAuth-Sample` → `multi_auth_sample`. */
export function snakeCase(raw: string): string {
  return words(raw)
    .map((w) => w.toLowerCase())
    .join('_');
}

/** `OAuthACG` → `O_AUTH_ACG`. */
export function screamingCase(raw: string): string {
  return snakeCase(raw).toUpperCase();
}

/** Longest kebab-case result: these become file names, which file systems cap (255 bytes). */
export const MAX_KEBAB_LENGTH = 64;

/**
 * `OAuthACG` → `o-auth-acg`. A longer result is cut and ends in a hash of the whole, so distinct
 * long inputs stay distinct file names.
 */
export function kebabCase(raw: string): string {
  const full = snakeCase(raw).replace(/_/g, '-');
  if (full.length <= MAX_KEBAB_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_KEBAB_LENGTH - 9).replace(/-+$/, '')}-${hash}`;
}

/**
 * PascalCase that keeps acronyms of mixed-case input: `OAuthACG` → `OAuthACG`, `basicAuth` →
 * `BasicAuth`, but an all-caps input is title-cased: `READ_SCOPE` → `ReadScope`.
 */
export function pascalCase(raw: string): string {
  const keep = hasLower(raw);
  return words(raw)
    .map((w) => capitalize(w, keep))
    .join('');
}

/** camelCase: `OAuthACG` → `oAuthACG`, `o_auth_client_id` → `oAuthClientId`, `XMLHttp` → `xmlHttp`. */
export function camelCase(raw: string): string {
  const keep = hasLower(raw);
  const ws = words(raw);
  return ws.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w, keep))).join('');
}

/** A package-ish name: lower case, every non-alphanumeric dropped: `MultiAuth-Sample` → `multiauthsample`. */
export function flatLowerCase(raw: string): string {
  return asciiFold(raw)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
