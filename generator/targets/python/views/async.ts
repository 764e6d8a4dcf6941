/**
 * The async half of `<package>_client.py` (`client.py.hbs`, issue 12): `Async<Client>` with the
 * async twins of the managers and controllers. The protocol logic stays in the sync managers: an
 * async OAuth manager wraps one; simple schemes (no I/O) are wrapped for the async controllers.
 */
import type { IrApi } from '../../../ir/types.js';
import { KIND_FACTS, type AuthKind } from '../../shared/contract.js';
import { pyDocView, pyStr, type DocView } from '../escape.js';
import { construct, propertyView, type ConstructView, type PropertyView } from './blocks.js';
import type { PyImports } from '../imports.js';
import { call, fits, layout, tuple, type PyExpr } from '../layout.js';
import type { PyNames } from '../names.js';
import type { ControllerView } from './controller.js';
import { unitLabel, type SchemeView } from './scheme.js';

/** Runtime class (in `http/_async.py`) of the async twin of an OAuth manager. */
const ASYNC_OAUTH: Partial<Record<AuthKind, string>> = {
  authorizationCode: 'AsyncAuthorizationCodeGrant',
  password: 'AsyncPasswordGrant',
  clientCredentials: 'AsyncClientCredentialsGrant',
  deviceAuthorization: 'AsyncDeviceAuthorizationGrant',
};

export interface AsyncClientSchemeView {
  accessor: string;
  construct: ConstructView;
  /** The `client.<accessor>` property. */
  property: PropertyView;
  /** The registration of the scheme for the async controllers (after its last manager). */
  register: string;
  hasRegister: boolean;
}

export interface AsyncClientView {
  asyncClientClass: string;
  asyncReprOneLine: boolean;
  asyncClassDoc: DocView;
  asyncSchemes: AsyncClientSchemeView[];
  asyncControllers: { accessor: string; construct: ConstructView; property: PropertyView }[];
}

/** What the async client needs imported (added to the client module's imports). */
export function asyncClientImports(imports: PyImports, schemes: SchemeView[], controllers: ControllerView[]): void {
  imports.add('.http.api_context', 'AsyncApiContext').add('.http.transport', 'AsyncTransport');
  for (const c of controllers) imports.add(`.controllers.${c.module}`, c.asyncClassName);
  for (const s of schemes) imports.add('.http._async', ASYNC_OAUTH[s.unit.kind] ?? 'AsyncStaticAuthorizer');
  if (schemes.some((s) => s.unit.multiFlow)) imports.add('.http._async', 'AsyncFlowChoice');
}

export function asyncClientView(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeView[],
  controllers: ControllerView[],
): AsyncClientView {
  const oauth = (s: SchemeView): string | undefined => ASYNC_OAUTH[s.unit.kind];
  const authorizerOf = (s: SchemeView): PyExpr =>
    oauth(s) ? `self._${s.names.accessor}` : call('AsyncStaticAuthorizer', [`self._${s.names.accessor}`]);
  return {
    asyncClientClass: `Async${names.clientClass}`,
    asyncReprOneLine: fits(`        return f"Async${names.clientClass}(config={self._config!r})"`),
    asyncClassDoc: pyDocView([
      `Async client of the ${ir.title} API, on httpx.AsyncClient.`,
      `Built like ${names.clientClass} (a Configuration and/or the same keywords); use it as \`async with Async${names.clientClass}(...) as client:\`. Every operation and every OAuth manager method that does I/O is awaited: \`await client.<controller>.<operation>(...)\`, \`await client.<manager>.fetch_token()\`. Token handling, errors and retries are the sync client's.`,
    ]),
    asyncSchemes: schemes.map((s, i) => {
      const twin = oauth(s);
      const core = { fn: s.names.managerClass, args: [`config.${s.names.kwarg}`, 'self._context'] };
      const wire = s.unit.scheme.wireName;
      const last = !schemes.slice(i + 1).some((o) => o.unit.scheme.wireName === wire);
      const members = schemes.filter((o) => o.unit.scheme.wireName === wire);
      const value =
        members.length === 1
          ? authorizerOf(s)
          : call('AsyncFlowChoice', [pyStr(wire), tuple(members.map(authorizerOf))]);
      return {
        accessor: s.names.accessor,
        construct: twin
          ? construct(s.names.accessor, twin, [core, 'self._context'])
          : construct(s.names.accessor, core.fn, core.args),
        property: propertyView(
          s.names.accessor,
          twin ?? s.names.managerClass,
          `The ${unitLabel(s.unit)} manager (${KIND_FACTS[s.unit.kind].title})${twin ? ', async: await its fetch and refresh methods' : ''}.`,
        ),
        register: last ? layout(value, 8, `self._context.async_authorizers[${pyStr(wire)}] = `) : '',
        hasRegister: last,
      };
    }),
    asyncControllers: controllers.map((c) => ({
      accessor: c.accessor,
      construct: construct(c.accessor, c.asyncClassName, ['self._context']),
      property: propertyView(c.accessor, c.asyncClassName, `Operations tagged ${c.tagWire} (async).`),
    })),
  };
}
