/** Reserved words per target: names a generated identifier must never be (they get a `_` suffix). */

/** Python hard keywords, soft keywords, builtins, and the names our templates and runtime use. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  // soft keywords
  'match', 'case', 'type', '_',
]);

export const PYTHON_BUILTINS: ReadonlySet<string> = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir', 'divmod',
  'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals',
  'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter', 'len',
  'license', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open',
  'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr',
  'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'vars', 'zip', '__import__',
  'Exception', 'BaseException', 'ValueError', 'TypeError', 'KeyError', 'Ellipsis', 'NotImplemented',
  // typing names our generated modules import
  'Any', 'Dict', 'List', 'Optional', 'Union', 'Mapping', 'Sequence', 'Callable', 'Enum',
]);

/** Names the Python templates and runtime use as locals, attributes or module names. */
export const PYTHON_TEMPLATE_NAMES: ReadonlySet<string> = new Set([
  'self', 'cls', 'client', 'config', 'configuration', 'request', 'response', 'kwargs', 'args',
  'headers', 'query', 'body', 'path', 'timeout', 'environment', 'server', 'http', 'models',
  'controllers', 'exceptions', 'base_controller', 'annotations', 'logging', 'json', 'httpx',
]);

/** JavaScript/TypeScript reserved words (ES2023 strict mode + TypeScript contextual type names). */
export const TS_KEYWORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof',
  'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private', 'protected',
  'public', 'static', 'yield', 'await', 'async', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  // TypeScript type keywords (invalid as type names)
  'any', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'unknown', 'bigint', 'type',
  'declare', 'namespace', 'module', 'abstract', 'as', 'asserts', 'infer', 'is', 'keyof', 'readonly',
  'require', 'satisfies', 'unique', 'constructor', 'global',
]);

/** Globals a generated TypeScript name must not shadow. */
export const TS_GLOBALS: ReadonlySet<string> = new Set([
  'Array', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map', 'Math', 'Number', 'Object',
  'Promise', 'Record', 'RegExp', 'Set', 'String', 'Symbol', 'URL', 'URLSearchParams', 'AbortSignal',
  'Headers', 'Request', 'Response', 'fetch', 'crypto', 'console', 'globalThis', 'Partial', 'Required',
  'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'ReturnType', 'TypeError', 'RangeError',
]);

/** Names the TypeScript templates and runtime use. */
export const TS_TEMPLATE_NAMES: ReadonlySet<string> = new Set([
  'client', 'config', 'options', 'request', 'response', 'signal', 'headers', 'query', 'body', 'init',
]);
