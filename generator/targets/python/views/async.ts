/**
 * The async half of `<package>_client.py` (`client.py.hbs`, issue 12): `Async<Client>` with the
 * async twins of the scheme managers and controllers. The protocol logic stays in the sync
 * managers; an async OAuth manager wraps one, static schemes are wrapped for the async controllers.
 */
import type { IrApi } from '../../../ir/types.js';
import { pyDocstring, pyStr } from '../escape.js';
import { call, layout } from '../layout.js';
import { importLine } from './package.js';
import type { PyNames } from '../names.js';
import type { ControllerView } from './controller.js';
import { KIND_TITLES, type SchemeKind, type SchemeView } from './scheme.js';

/** Runtime class (in `http/_async.py`) of the async twin of an OAuth manager. */
const ASYNC_OAUTH: Partial<Record<SchemeKind, string>> = {
  acg: 'AsyncAuthorizationCodeGrant',
  ropcg: 'AsyncPasswordGrant',
  ccg: 'AsyncClientCredentialsGrant',
};

export interface AsyncClientSchemeView {
  accessor: string;
  /** The type of the client's property. */
  propertyType: string;
  construct: string;
  register: string;
  doc: string;
}

export interface AsyncClientView {
  asyncClientClass: string;
  asyncClassDoc: string;
  asyncImports: string;
  /** `from .controllers.<module> import Async<X>, <X>` lines (both classes of each controller). */
  controllerImports: string[];
  asyncSchemes: AsyncClientSchemeView[];
  asyncControllers: { accessor: string; className: string; doc: string }[];
}

export function asyncClientView(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeView[],
  controllers: ControllerView[],
): AsyncClientView {
  const runtime = [...new Set(schemes.map((s) => ASYNC_OAUTH[s.kind] ?? 'AsyncStaticAuthorizer'))].sort();
  const imports = importLine('.http._async', runtime);
  return {
    asyncClientClass: `Async${names.clientClass}`,
    asyncClassDoc: pyDocstring(
      [
        `Async client of the ${ir.title} API, on httpx.AsyncClient.`,
        `Built like ${names.clientClass} (a Configuration and/or the same keywords); use it as \`async with Async${names.clientClass}(...) as client:\`. Every operation and every OAuth manager method that does I/O is awaited: \`await client.<controller>.<operation>(...)\`, \`await client.<scheme>.fetch_token()\`. Token handling, errors and retries are the sync client's.`,
      ],
      4,
    ),
    asyncImports: imports,
    controllerImports: controllers.map((c) => importLine(`.controllers.${c.module}`, [c.asyncClassName, c.className])),
    asyncSchemes: schemes.map((s) => {
      const oauth = ASYNC_OAUTH[s.kind];
      const core = call(s.names.managerClass, [`config.${s.names.kwarg}`, 'self._context']);
      return {
        accessor: s.names.accessor,
        propertyType: oauth ?? s.names.managerClass,
        construct: layout(oauth ? call(oauth, [core, 'self._context']) : core, 8, `self._${s.names.accessor} = `),
        register: layout(
          oauth ? `self._${s.names.accessor}` : call('AsyncStaticAuthorizer', [`self._${s.names.accessor}`]),
          8,
          `self._context.async_authorizers[${pyStr(s.scheme.wireName)}] = `,
        ),
        doc: pyDocstring(
          [
            oauth
              ? `The ${s.scheme.wireName} manager (${KIND_TITLES[s.kind]}), async: await its fetch and refresh methods.`
              : `The ${s.scheme.wireName} manager (${KIND_TITLES[s.kind]}).`,
          ],
          8,
        ),
      };
    }),
    asyncControllers: controllers.map((c) => ({
      accessor: c.accessor,
      className: c.asyncClassName,
      doc: pyDocstring([`Operations tagged ${c.tagWire} (async).`], 8),
    })),
  };
}
