/** View of a non-OAuth scheme (HTTP basic, bearer, API key): its credentials interface and option. */
import { mdCode } from '../../shared/markdown.js';
import { tsDoc, tsStr } from '../escape.js';
import { fieldName, type SimpleSchemeNames } from '../names.js';
import { docLines } from './common.js';

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
}

export function simpleSchemeView(s: SimpleSchemeNames): SimpleSchemeView {
  const sc = s.scheme;
  const kind = sc.kind === 'apiKey' ? 'apiKey' : sc.kind === 'http' && sc.scheme === 'basic' ? 'basic' : 'bearer';
  const fields =
    kind === 'basic'
      ? [
          { name: fieldName('username'), doc: tsDoc('HTTP Basic username') },
          { name: fieldName('password'), doc: tsDoc('HTTP Basic password') },
        ]
      : sc.kind === 'apiKey'
        ? [{ name: fieldName('api_key'), doc: tsDoc(`API key sent in ${sc.in}`) }]
        : [{ name: fieldName('access_token'), doc: tsDoc('Bearer access token') }];
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
  };
}
