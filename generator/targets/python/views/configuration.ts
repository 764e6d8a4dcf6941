/** View of `configuration.py` (`configuration.py.hbs`): environments, servers, variables, credentials. */
import type { IrApi } from '../../../ir/types.js';
import { screamingCase } from '../../../naming/index.js';
import { pyComment, pyDocView, pyStr, type DocView } from '../escape.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import { layout, tuple, wrapAssignment } from '../layout.js';
import {
  constantView,
  forPairs,
  kwParam,
  propertyView,
  type ConstantView,
  type ForPairsView,
  type KwParamView,
  type SplitAnnotation,
  type PropertyView,
} from './blocks.js';
import type { PyNames } from '../names.js';
import { unitLabel, type SchemeView } from './scheme.js';

/** One keyword argument of Configuration (and of the client). */
export interface ConfigFieldView {
  name: string;
  annotation: string;
  /** What the annotation needs imported: module and name (no name: `import module`). */
  typingNames: { module: string; name: string }[];
  /** The annotation's brackets ruff may split (`Optional[\n    X\n]`), or null. */
  split: SplitAnnotation | null;
  default: string;
  /** The `name: annotation = default,` parameter of `__init__`. */
  param: KwParamView;
  /** `self._name = name` needs the value wrapped in parentheses (ruff's layout of a long line). */
  assignWrap: boolean;
  /** The read-only property of the setting. */
  property: PropertyView;
  /** The description as a comment-safe line. */
  argDoc: string;
}

export interface ServerVariableView {
  wire: string;
  name: string;
  default: string;
  env: string;
  doc: string;
  hasEnum: boolean;
  enum: string;
}

/** `templates/python/configuration.py.hbs`. */
export interface ConfigurationView {
  /** `NAME = "wire"` members of the Environment and Server enums. */
  environments: ConstantView[];
  servers: ConstantView[];
  defaultServer: string;
  environmentsTable: string;
  variables: ServerVariableView[];
  variableEnums: string;
  /** The module's import block. */
  imports: ImportBlockView;
  hasCredentials: boolean;
  /** `for name, credentials_class in (("<kwarg>", <CredentialsClass>), ...):`. */
  credentialsFromEnv: ForPairsView;
  fields: ConfigFieldView[];
  /** `_FIELDS`: every setting's name as a string literal (always several: one per line). */
  fieldNames: string[];
  classDoc: DocView;
  variableValues: string;
}

function configurationViewWithoutImports(ir: IrApi, names: PyNames, schemes: SchemeView[]): ConfigurationView {
  const defaultEnv = ir.environments.find((e) => e.isDefault) ?? ir.environments[0];
  const envMember = (w: string): string => `Environment.${names.environments.get(w) as string}`;
  const serverMember = (w: string): string => `Server.${names.servers.get(w) as string}`;
  const environmentsTable = layout(
    {
      kind: 'call',
      open: '{',
      close: '}',
      force: true,
      items: ir.environments.map((e) => ({
        kind: 'call',
        open: `${envMember(e.wireName)}: {`,
        close: '}',
        force: true,
        items: e.servers.map((s) => `${serverMember(s.serverName)}: ${pyStr(s.url)}`),
      })),
    },
    4,
    'ENVIRONMENTS: ClassVar[Dict[Environment, Dict[Server, str]]] = ',
  );
  const variables: ServerVariableView[] = ir.serverVariables.map((v) => ({
    wire: pyStr(v.wireName),
    name: names.variables.get(v.wireName) as string,
    default: pyStr(v.default),
    env: pyStr(screamingCase(v.wireName)),
    doc: `${names.variables.get(v.wireName) as string}: Server variable \`${v.wireName}\` (default ${JSON.stringify(v.default)}). ${v.description}`,
    hasEnum: v.enum.length > 0,
    enum: layout(tuple(v.enum.map(pyStr), true), 8, `${pyStr(v.wireName)}: `, ','),
  }));
  type Field = {
    name: string;
    annotation: string;
    uses: string[];
    split?: SplitAnnotation;
    default: string;
    doc: string;
  };
  const fields: Field[] = [
    {
      name: 'environment',
      annotation: 'Environment',
      uses: ['.configuration:Environment'],
      default: defaultEnv ? envMember(defaultEnv.wireName) : 'None',
      doc: 'The environment whose servers are used.',
    },
    {
      name: 'timeout',
      annotation: 'Optional[float]',
      uses: ['typing:Optional'],
      default: '60',
      doc: 'Seconds per HTTP request (one deadline, body included); None or 0 means no timeout.',
    },
    {
      name: 'base_urls',
      annotation: 'Optional[Mapping[Union[Server, str], str]]',
      uses: ['typing:Optional', 'typing:Mapping', 'typing:Union', '.configuration:Server'],
      default: 'None',
      doc: 'Replace server URLs of the selected environment (e.g. for a test server).',
    },
    {
      name: 'allow_insecure_http',
      annotation: 'bool',
      uses: [],
      default: 'False',
      doc: 'Allow credentials and token/authorization URLs over plain http to non-loopback hosts (testing only).',
    },
    {
      name: 'extra_bearer_hosts',
      annotation: 'Sequence[str]',
      uses: ['typing:Sequence'],
      default: '()',
      doc: 'More hosts (besides the servers) allowed to receive credentials.',
    },
    {
      name: 'http_client',
      annotation: 'Optional[httpx.Client]',
      uses: ['typing:Optional', 'httpx:'],
      default: 'None',
      doc: 'An httpx.Client to send requests with (proxies, mocks).',
    },
    {
      name: 'max_retries',
      annotation: 'int',
      uses: [],
      default: '2',
      doc: 'Retries of a call after a connection error, a timeout or HTTP 408/429/500/502/503/504 (idempotent methods, or calls with an idempotency key).',
    },
    {
      name: 'max_retry_wait',
      annotation: 'float',
      uses: [],
      default: '60',
      doc: 'Longest Retry-After wait honoured (seconds); a longer one raises RetryAfterTooLongException.',
    },
    {
      name: 'async_http_client',
      annotation: 'Optional[httpx.AsyncClient]',
      uses: ['typing:Optional', 'httpx:'],
      default: 'None',
      doc: 'An httpx.AsyncClient for the async client (proxies, mocks).',
    },
    ...variables.map((v) => ({ name: v.name, annotation: 'str', uses: [], default: v.default, doc: v.doc })),
    ...schemes.map((s) => ({
      name: s.names.kwarg,
      annotation: `Optional[${s.names.credentialsClass}]`,
      uses: ['typing:Optional', `.http.auth.${s.names.module}:${s.names.credentialsClass}`],
      split: { outer: 'Optional', inner: s.names.credentialsClass },
      default: 'None',
      doc: `Credentials of the ${unitLabel(s.unit)} scheme.`,
    })),
  ];
  return {
    environments: ir.environments.map((e) =>
      constantView(names.environments.get(e.wireName) as string, pyStr(e.wireName)),
    ),
    servers: ir.serverNames.map((s) => constantView(names.servers.get(s) as string, pyStr(s))),
    defaultServer: ir.serverNames[0] ? serverMember(ir.serverNames[0]) : 'Server.DEFAULT',
    environmentsTable,
    variables,
    variableEnums: layout(
      {
        kind: 'call',
        open: '{',
        close: '}',
        force: variables.some((v) => v.hasEnum),
        items: ir.serverVariables
          .filter((v) => v.enum.length > 0)
          .map((v) => ({
            kind: 'call',
            open: `${pyStr(v.wireName)}: (`,
            close: ')',
            force: true,
            items: v.enum.map(pyStr),
          })),
      },
      4,
      'VARIABLE_ENUMS: ClassVar[Dict[str, Tuple[str, ...]]] = ',
    ),
    imports: { sections: [] },
    hasCredentials: schemes.length > 0,
    credentialsFromEnv: forPairs(
      'name',
      'credentials_class',
      schemes.map((s) => [pyStr(s.names.kwarg), s.names.credentialsClass]),
    ),
    fields: fields.map(({ split, uses, ...f }) => ({
      ...f,
      typingNames: uses.map((u) => ({ module: u.slice(0, u.indexOf(':')), name: u.slice(u.indexOf(':') + 1) })),
      split: split ?? null,
      param: kwParam(f.name, f.annotation, split ?? null, f.default),
      assignWrap: wrapAssignment(8, `self._${f.name}`, f.name),
      property: propertyView(f.name, f.annotation, f.doc),
      argDoc: pyComment(f.doc),
    })),
    fieldNames: fields.map((f) => pyStr(f.name)),
    classDoc: pyDocView([
      `Settings of a ${names.clientClass} (immutable; change with \`clone_with\`).`,
      'Args:\n' + fields.map((f) => `    ${f.name}: ${pyComment(f.doc)}`).join('\n'),
    ]),
    variableValues: layout(
      {
        kind: 'call',
        open: '{',
        close: '}',
        force: variables.length > 0,
        items: variables.map((v) => `${v.wire}: self._${v.name}`),
      },
      8,
      'return ',
    ),
  };
}

export function configurationView(ir: IrApi, names: PyNames, schemes: SchemeView[]): ConfigurationView {
  const view = configurationViewWithoutImports(ir, names, schemes);
  const imports = new PyImports()
    .add('__future__', 'annotations')
    .add('os')
    .add('enum', 'Enum')
    .add('typing', 'Any', 'ClassVar', 'Dict', 'Mapping', 'Optional', 'Tuple', 'Union');
  for (const f of view.fields)
    for (const t of f.typingNames) {
      if (t.module === '.configuration') continue; // defined in this module
      if (t.name === '') imports.add(t.module);
      else imports.add(t.module, t.name);
    }
  return { ...view, imports: imports.view() };
}
