/**
 * Redaction and logging. Tokens and API keys are shown with at most their last 4 characters (short
 * ones hidden completely); passwords and client secrets are always hidden completely.
 */

/** `abcdefgh1234` → `***1234`; values shorter than 12 characters → `***`. For tokens. */
export function redact(value: string | null | undefined): string {
  if (value === null || value === undefined) return String(value);
  if (value.length < 12) return '***';
  return `***${value.slice(-4)}`;
}

/** Always `***` (null/undefined shown as such): for passwords and client secrets, no suffix. */
export function redactSecret(value: string | null | undefined): string {
  if (value === null || value === undefined) return String(value);
  return '***';
}

/** Keys whose values are hidden completely (passwords, client secrets, assertions, verifiers). */
const NO_SUFFIX_KEY = /secret|password|passwd|assertion|codeverifier/i;

/** Keys whose values are secrets wherever they appear (matched case-insensitively, `_`/`-` ignored). */
const SECRET_KEY = /token|secret|password|authorization|codeverifier|apikey|cookie|assertion/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/[-_]/g, ''));
}

/** A deep copy with every secret-looking field redacted (for logs, `toJSON`, `inspect`). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    if (value instanceof URL) return redactUrl(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'function') continue;
      out[k] =
        isSecretKey(k) && (typeof v === 'string' || v === null)
          ? NO_SUFFIX_KEY.test(k.replace(/[-_]/g, ''))
            ? redactSecret(v)
            : redact(v)
          : redactDeep(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** A URL with secret-looking query parameters (`code`, `code_verifier`, tokens) redacted. */
export function redactUrl(url: URL | string): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return '[invalid URL]';
  }
  for (const key of [...u.searchParams.keys()]) {
    if (isSecretKey(key) || key === 'code')
      u.searchParams.set(key, redact(u.searchParams.get(key)));
  }
  u.username = '';
  u.password = '';
  return u.toString();
}

/** Redact token-like fields of a JSON text; other text is returned as it is (capped to 4 KiB). */
export function redactJsonText(text: string): string {
  const capped = text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') return JSON.stringify(redactDeep(parsed));
  } catch {
    // not JSON
  }
  return capped;
}

/** The SDK's logger: plug in `console`, pino, winston, ... Every argument is already redacted. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Logs nothing (the default). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Wraps a user logger so that every `meta` object passes through `redactDeep` first. */
export function redactingLogger(logger: Logger): Logger {
  // Nothing to redact for the silent logger: keep it, so hot paths can skip building log lines.
  if (logger === silentLogger) return silentLogger;
  const wrap =
    (level: keyof Logger) =>
    (message: string, meta?: Record<string, unknown>): void => {
      if (meta === undefined) logger[level](message);
      else logger[level](message, redactDeep(meta) as Record<string, unknown>);
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/**
 * A frozen copy of `value` whose `toJSON` and Node `inspect` show the redacted view, and whose
 * nested plain objects (credentials) get the same views, so printing any part of it is safe.
 */
export function freezeRedacted<T extends object>(value: T): Readonly<T> {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [k, v] of Object.entries(copy)) {
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      copy[k] = Object.freeze(defineRedactedViews({ ...(v as Record<string, unknown>) }, () => v));
    }
  }
  defineRedactedViews(copy, () => value);
  return Object.freeze(copy) as Readonly<T>;
}

/** Give an object a redacted `toJSON` and Node `inspect` view without making them enumerable. */
export function defineRedactedViews<T extends object>(target: T, view: () => unknown): T {
  Object.defineProperty(target, 'toJSON', { value: () => redactDeep(view()), enumerable: false });
  Object.defineProperty(target, Symbol.for('nodejs.util.inspect.custom'), {
    value: () => redactDeep(view()),
    enumerable: false,
  });
  return target;
}
