/** View of `<package>_client.py` (`client.py.hbs`): the client class with its managers and controllers. */
import type { IrApi } from '../../../ir/types.js';
import { pyDocstring, pyStr } from '../escape.js';
import { call, layout, tuple } from '../layout.js';
import type { PyNames } from '../names.js';
import type { ConfigurationView } from './configuration.js';
import type { ControllerView } from './controller.js';
import { KIND_TITLES, type SchemeView } from './scheme.js';

export interface ClientSchemeView {
  module: string;
  managerClass: string;
  credentialsClass: string;
  accessor: string;
  kwarg: string;
  wire: string;
  construct: string;
  doc: string;
}

/** `templates/python/client.py.hbs`. */
export interface ClientView {
  clientClass: string;
  moduleDoc: string;
  classDoc: string;
  userAgent: string;
  params: string[];
  changes: string;
  schemes: ClientSchemeView[];
  controllers: { module: string; className: string; accessor: string; doc: string }[];
}

export function clientView(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeView[],
  controllers: ControllerView[],
  config: ConfigurationView,
): ClientView {
  return {
    clientClass: names.clientClass,
    moduleDoc: pyDocstring([`${names.clientClass}: the entry point of the ${ir.title} SDK.`], 0),
    classDoc: pyDocstring(
      [
        `Client of the ${ir.title} API.`,
        ir.description,
        `Build it from a Configuration (\`${names.clientClass}(config)\`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.`,
      ],
      4,
    ),
    userAgent: pyStr(`grantgen-python ${names.packageName}/${ir.version}`.replace(/[^\x20-\x7e]/g, '')),
    params: config.fields.map((f) => layout(`${f.name}: ${f.annotation} = _UNSET`, 8, '', ',')),
    changes: layout(
      tuple(
        config.fields.map((f) => tuple([pyStr(f.name), f.name])),
        true,
      ),
      8,
      'for name, value in ',
      '',
    ),
    schemes: schemes.map((s) => ({
      module: s.names.module,
      managerClass: s.names.managerClass,
      credentialsClass: s.names.credentialsClass,
      accessor: s.names.accessor,
      kwarg: s.names.kwarg,
      wire: pyStr(s.scheme.wireName),
      construct: layout(
        call(s.names.managerClass, [`config.${s.names.kwarg}`, 'self._context']),
        8,
        `self._${s.names.accessor} = `,
      ),
      doc: pyDocstring([`The ${s.scheme.wireName} manager (${KIND_TITLES[s.kind]}).`], 8),
    })),
    controllers: controllers.map((c) => ({
      module: c.module,
      className: c.className,
      accessor: c.accessor,
      doc: pyDocstring([`Operations tagged ${c.tagWire}.`], 8),
    })),
  };
}
