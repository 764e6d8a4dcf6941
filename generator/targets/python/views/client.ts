/** View of `<package>_client.py` (`client.py.hbs`): the client class with its managers and controllers. */
import type { IrApi } from '../../../ir/types.js';
import { pyDocView, pyStr, type DocView } from '../escape.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import {
  construct,
  forPairs,
  kwParam,
  type ConstructView,
  propertyView,
  type ForPairsView,
  type KwParamView,
  type PropertyView,
} from './blocks.js';
import { asyncClientImports } from './async.js';
import { call, fits, layout, tuple } from '../layout.js';
import type { PyNames } from '../names.js';
import type { ConfigurationView } from './configuration.js';
import type { ControllerView } from './controller.js';
import { KIND_FACTS } from '../../shared/contract.js';
import { unitLabel, type SchemeView } from './scheme.js';

export interface ClientSchemeView {
  module: string;
  managerClass: string;
  credentialsClass: string;
  accessor: string;
  kwarg: string;
  construct: ConstructView;
  /** The `client.<accessor>` property. */
  property: PropertyView;
  /**
   * `self._context.authorizers["wire"] = ...` registering the scheme, after its last manager is
   * built (a multi-flow scheme registers a `FlowChoice` of its flows); empty on the others.
   */
  authorizer: string;
  hasAuthorizer: boolean;
}

/** `templates/python/client.py.hbs`. */
export interface ClientView {
  clientClass: string;
  /** `return f"<Client>(config=...)"` in `__repr__` fits on one line (else ruff parenthesizes it). */
  reprOneLine: boolean;
  moduleDoc: DocView;
  classDoc: DocView;
  userAgent: string;
  /** The keyword parameters of `__init__` (Configuration's settings, default `_UNSET`). */
  params: KwParamView[];
  /** `for name, value in (("field", field), ...):` over Configuration's fields. */
  changes: ForPairsView;
  schemes: ClientSchemeView[];
  /** The module's import block. */
  imports: ImportBlockView;
  controllers: {
    accessor: string;
    construct: ConstructView;
    property: PropertyView;
  }[];
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
    reprOneLine: fits(`        return f"${names.clientClass}(config={self._config!r})"`),
    moduleDoc: pyDocView([`${names.clientClass}: the entry point of the ${ir.title} SDK.`]),
    classDoc: pyDocView([
      `Client of the ${ir.title} API.`,
      ir.description,
      `Build it from a Configuration (\`${names.clientClass}(config)\`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.`,
    ]),
    userAgent: pyStr(`grantgen-python ${names.packageName}/${ir.version}`.replace(/[^\x20-\x7e]/g, '')),
    params: config.fields.map((f) => kwParam(f.name, f.annotation, f.split, '_UNSET')),
    changes: forPairs(
      'name',
      'value',
      config.fields.map((f) => [pyStr(f.name), f.name]),
    ),
    schemes: schemes.map((s, i) => ({
      module: s.names.module,
      managerClass: s.names.managerClass,
      credentialsClass: s.names.credentialsClass,
      accessor: s.names.accessor,
      kwarg: s.names.kwarg,
      construct: construct(s.names.accessor, s.names.managerClass, [`config.${s.names.kwarg}`, 'self._context']),
      property: propertyView(
        s.names.accessor,
        s.names.managerClass,
        `The ${unitLabel(s.unit)} manager (${KIND_FACTS[s.unit.kind].title}).`,
      ),
      ...authorizer(schemes, i),
    })),
    imports: clientImports(schemes, controllers, config),
    controllers: controllers.map((c) => ({
      accessor: c.accessor,
      construct: construct(c.accessor, c.className, ['self._context']),
      property: propertyView(c.accessor, c.className, `Operations tagged ${c.tagWire}.`),
    })),
  };
}

/** The authorizer registration after manager `i`, when it is the last manager of its scheme. */
function authorizer(schemes: SchemeView[], i: number): { authorizer: string; hasAuthorizer: boolean } {
  const wire = (schemes[i] as SchemeView).unit.scheme.wireName;
  if (schemes.slice(i + 1).some((s) => s.unit.scheme.wireName === wire))
    return { authorizer: '', hasAuthorizer: false };
  const accessors = schemes.filter((s) => s.unit.scheme.wireName === wire).map((s) => `self._${s.names.accessor}`);
  const value = accessors.length === 1 ? (accessors[0] as string) : call('FlowChoice', [pyStr(wire), tuple(accessors)]);
  return { authorizer: layout(value, 8, `self._context.authorizers[${pyStr(wire)}] = `), hasAuthorizer: true };
}

function clientImports(
  schemes: SchemeView[],
  controllers: ControllerView[],
  config: ConfigurationView,
): ImportBlockView {
  const imports = new PyImports()
    .add('__future__', 'annotations')
    .add('typing', 'Any', 'Dict', 'Optional')
    .add('.configuration', 'Configuration', 'Server')
    .add('.http.api_context', 'ApiContext')
    .add('.http.transport', 'Transport');
  // the keyword parameters repeat Configuration's annotations
  for (const f of config.fields)
    for (const t of f.typingNames)
      if (t.name === '') imports.add(t.module);
      else imports.add(t.module, t.name);
  for (const c of controllers) imports.add(`.controllers.${c.module}`, c.className);
  for (const s of schemes) imports.add(`.http.auth.${s.names.module}`, s.names.credentialsClass, s.names.managerClass);
  if (schemes.some((s) => s.unit.multiFlow)) imports.add('.http.auth._security', 'FlowChoice');
  asyncClientImports(imports, schemes, controllers);
  return imports.view();
}
