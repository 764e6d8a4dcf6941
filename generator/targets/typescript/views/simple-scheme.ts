/** View of a non-OAuth scheme (HTTP basic, bearer, API key): its credentials interface and option. */
import { credentialFields } from '../../shared/contract.js';
import { mdCell, mdCode } from '../../shared/markdown.js';
import { tsDoc, tsStr } from '../escape.js';
import { fieldName, type SimpleSchemeNames } from '../names.js';
import { docLines } from './common.js';
import { credentialType } from './flow.js';

export interface SimpleSchemeView {
  credentialsName: string;
  optionName: string;
  schemeWire: string;
  schemeDoc: string;
  doc: string[];
  isBasic: boolean;
  isApiKey: boolean;
  isBearer: boolean;
  apiKeyIn: string;
  apiKeyName: string;
  fields: { name: string; doc: string[] }[];
  first: string;
  second: string;
  mdSchemeName: string;
  /** `Basic Authentication`, `Bearer token`, `API key`. */
  title: string;
  docFile: string;
  /** Credential table rows of the doc page. */
  rows: { name: string; docName: string; mdType: string; mdDescription: string; mdName: string }[];
}

export function simpleSchemeView(s: SimpleSchemeNames): SimpleSchemeView {
  const sc = s.scheme;
  const kind = s.unit.kind;
  const catalogue = credentialFields(kind, false);
  const describe = (description: string): string =>
    sc.kind === 'apiKey' ? `${description} sent in ${sc.in}` : description;
  const fields = catalogue.map((f) => ({ name: fieldName(f.semantic), doc: tsDoc(describe(f.description)) }));
  return {
    credentialsName: s.credentialsName,
    optionName: s.optionName,
    schemeWire: tsStr(sc.wireName),
    schemeDoc: tsDoc(sc.wireName).join(' '),
    doc: docLines(sc.description, `Credentials for the ${sc.wireName} security scheme.`),
    isBasic: kind === 'basic',
    isApiKey: kind === 'apiKey',
    isBearer: kind === 'bearer',
    apiKeyIn: sc.kind === 'apiKey' ? tsStr(sc.in) : "'header'",
    apiKeyName: sc.kind === 'apiKey' ? tsStr(sc.paramName) : "''",
    fields,
    first: fields[0]?.name ?? '',
    second: fields[1]?.name ?? '',
    mdSchemeName: mdCode(sc.wireName),
    title: s.unit.title,
    docFile: s.unit.docSlug,
    rows: catalogue.map((f) => ({
      name: fieldName(f.semantic),
      docName: f.docName,
      mdType: mdCode(credentialType(f.value, null)),
      mdDescription: mdCell(describe(f.description)),
      mdName: mdCode(fieldName(f.semantic)),
    })),
  };
}
