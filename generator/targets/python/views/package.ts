/**
 * Views of the package-level files: `__init__.py` of the package, of `models/` and of
 * `controllers/`, and `pyproject.toml`.
 */
import type { ResolvedMetadata } from '../../shared/examples.js';
import type { IrApi } from '../../../ir/types.js';
import { pyDocView, pyStr, tomlStr, type DocView } from '../escape.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import type { ModuleClass, PyNames } from '../names.js';
import type { ControllerView } from './controller.js';
import type { SchemeView } from './scheme.js';

/** The oldest Python the generated package supports. */
export const PY_VERSION_FLOOR = '3.9';

/** `templates/python/models_init.py.hbs` and `controllers_init.py.hbs`. */
export interface SubpackageInitView {
  /** `from .<module> import <Class>` per module. */
  imports: ImportBlockView;
  /** The `__all__` entries: string literals, sorted (`partials/py_all.hbs`). */
  all: string[];
}

/** `templates/python/package_init.py.hbs`. */
export interface PackageInitView {
  doc: DocView;
  imports: ImportBlockView;
  all: string[];
}

/** `templates/python/pyproject.toml.hbs`. */
export interface PyprojectView {
  name: string;
  version: string;
  description: string;
  packageDir: string;
  /** PEP 639 license expression (a TOML string); none is declared unless one is given. */
  hasLicense: boolean;
  license: string;
  /** `authors = [...]` entries (TOML strings); the line is left out when empty. */
  authors: { name: string; hasEmail: boolean; email: string }[];
  hasRepository: boolean;
  repository: string;
  /** hatchling floor: 1.27 reads PEP 639 license expressions. */
  hatchling: string;
  /** `3.9` (PY_VERSION_FLOOR) and ruff's spelling of it, `py39`. */
  pythonFloor: string;
  ruffTarget: string;
}

/** Model classes the package exports: the runtime's, the scope enums and the spec's models, by module. */
export function modelExports(scoped: SchemeView[], models: ModuleClass[]): ModuleClass[] {
  return [
    { module: 'o_auth_provider_error_enum', className: 'OAuthProviderErrorEnum' },
    { module: 'o_auth_token', className: 'OAuthToken' },
    ...scoped.map((s) => ({ module: s.names.scopeEnumModule, className: s.names.scopeEnumClass })),
    ...models.map((m) => ({ module: m.module, className: m.className })),
  ].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
}

export function modelsInitView(exports: ModuleClass[]): SubpackageInitView {
  return {
    imports: exports.reduce((acc, e) => acc.add(`.${e.module}`, e.className), new PyImports()).view(),
    all: [...exports.map((e) => e.className)].sort().map(pyStr),
  };
}

export function controllersInitView(controllers: ControllerView[]): SubpackageInitView {
  return {
    imports: controllers
      .reduce(
        (acc, c) => acc.add(`.${c.module}`, c.className),
        new PyImports().add('.base_controller', 'BaseController'),
      )
      .view(),
    all: ['"BaseController"', ...controllers.map((c) => pyStr(c.className))].sort(),
  };
}

/** Exceptions the package root re-exports from the static runtime. */
export const ROOT_EXCEPTIONS = [
  'APIException',
  'AuthConflictException',
  'AuthRequiredException',
  'AuthorizationDeniedException',
  'AuthorizationServerMetadataException',
  'ConfigurationException',
  'DeviceAccessDeniedException',
  'DeviceAuthorizationException',
  'DeviceCodeExpiredException',
  'InsecureTransportException',
  'InvalidTokenResponseException',
  'IssuerMismatchException',
  'MissingRefreshTokenException',
  'NetworkException',
  'OAuthCallbackException',
  'OAuthProviderException',
  'ResponseTooLargeException',
  'RetryAfterTooLongException',
  'SdkException',
  'SignInTimeoutException',
  'StateMismatchException',
  'TimeoutException',
  'TokenRevocationException',
];

export function packageInitView(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeView[],
  models: ModuleClass[],
  controllers: ControllerView[],
): PackageInitView {
  const rootExports: { module: string; names: string[] }[] = [
    { module: `.${names.clientModule}`, names: [`Async${names.clientClass}`, names.clientClass] },
    { module: '.configuration', names: ['Configuration', 'Environment', 'Server'] },
    { module: '.exceptions', names: ROOT_EXCEPTIONS },
    { module: '.http.auth.token_store', names: ['FileTokenStore', 'InMemoryTokenStore', 'TokenStore'] },
    ...(schemes.some((s) => s.unit.kind === 'deviceAuthorization')
      ? [{ module: '.http.auth._device', names: ['DeviceAuthorization'] }]
      : []),
    { module: '.http.http_response', names: ['ApiResponse', 'HttpResponse'] },
    { module: '.http.retry', names: ['RequestOptions'] },
    ...schemes.map((s) => ({
      module: `.http.auth.${s.names.module}`,
      names: [s.names.credentialsClass, s.names.managerClass],
    })),
    ...models.map((e) => ({ module: `.models.${e.module}`, names: [e.className] })),
    ...controllers.map((c) => ({ module: `.controllers.${c.module}`, names: [c.className] })),
  ];
  const allNames = rootExports.flatMap((e) => e.names).sort();
  return {
    doc: pyDocView([`${ir.title} SDK (generated by grantgen).`, ir.description]),
    imports: rootExports.reduce((acc, e) => acc.add(e.module, ...e.names), new PyImports()).view(),
    all: allNames.map(pyStr),
  };
}

export function pyprojectView(ir: IrApi, names: PyNames, meta: ResolvedMetadata): PyprojectView {
  const pkg = names.packageName;
  return {
    pythonFloor: PY_VERSION_FLOOR,
    ruffTarget: `py${PY_VERSION_FLOOR.replace('.', '')}`,
    name: tomlStr(pkg),
    version: tomlStr(meta.version),
    description: tomlStr(ir.description.replace(/\s+/g, ' ').trim() || `SDK for ${ir.title}`),
    packageDir: tomlStr(pkg),
    hasLicense: Boolean(meta.license),
    license: tomlStr(meta.license ?? ''),
    authors: meta.authors.map((a) => ({
      name: tomlStr(a.name),
      hasEmail: Boolean(a.email),
      email: tomlStr(a.email ?? ''),
    })),
    hasRepository: meta.repository !== null,
    repository: tomlStr(meta.repository ?? ''),
    hatchling: tomlStr('hatchling>=1.27'),
  };
}
