import { expect } from 'vitest';
import { GrantgenError, type SpecProblem } from '../../generator/errors.js';
import { buildIr } from '../../generator/ir/build.js';
import type { IrApi, IrOAuth2Scheme, IrSecurityScheme } from '../../generator/ir/types.js';

/** A minimal valid OpenAPI 3.0 document, extended by `extra` (shallow merge at the root). */
export function spec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    paths: {},
    ...extra,
  };
}

export function build(document: Record<string, unknown>): IrApi {
  return buildIr({ file: 'inline.yaml', document, specVersion: '3.0.3' });
}

/** Build, expect a GrantgenError, return its problems. */
export function problemsOf(document: Record<string, unknown>): SpecProblem[] {
  try {
    build(document);
  } catch (e) {
    expect(e).toBeInstanceOf(GrantgenError);
    return (e as GrantgenError).problems;
  }
  throw new Error('expected the IR build to fail');
}

export function oauth(ir: IrApi, name: string): IrOAuth2Scheme {
  const s: IrSecurityScheme | undefined = ir.securitySchemes.find((x) => x.wireName === name);
  if (s?.kind !== 'oauth2') throw new Error(`no oauth2 scheme ${name}`);
  return s;
}

export const ACG = {
  type: 'oauth2',
  flows: {
    authorizationCode: {
      authorizationUrl: 'https://auth.example/authorize',
      tokenUrl: 'https://auth.example/token',
      scopes: { read: 'Read', write: 'Write' },
    },
  },
};

export const ROPCG = {
  type: 'oauth2',
  flows: { password: { tokenUrl: 'https://auth.example/token', scopes: {} } },
};

/** An operation object responding 200. */
export function op(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { responses: { '200': { description: 'ok' } }, ...extra };
}
