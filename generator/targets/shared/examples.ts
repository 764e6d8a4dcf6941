/**
 * Target-neutral decisions about the generated examples, READMEs and package metadata, made once
 * so every SDK (Python, TypeScript, Go) agrees:
 *
 * - which flows get an example program and its file name (`password`, `authorization_code`,
 *   `client_credentials`, suffixed with the scheme when several schemes share a flow kind);
 * - which environment variable feeds which credential field (`OAUTH_CLIENT_ID`, ...);
 * - which operation an example calls (the first operation secured by the flow's scheme alone whose
 *   inputs are all optional) and which one the README's usage example calls (the first operation
 *   whose inputs are all optional);
 * - the package version, license, authors and repository every target declares.
 */
import type { IrApi, IrOperation, IrParameter } from '../../ir/types.js';
import { NameScope, snakeCase } from '../../naming/index.js';
import type { PackageMetadata } from '../target.js';
import { type CredentialField, type FlowUnit, type AuthContract, credentialFields } from './contract.js';

/** Environment variable → credential field (semantic name) it fills, for every example. */
export const EXAMPLE_ENV: Readonly<Record<string, string>> = {
  o_auth_client_id: 'OAUTH_CLIENT_ID',
  o_auth_client_secret: 'OAUTH_CLIENT_SECRET',
  o_auth_username: 'OAUTH_USERNAME',
  o_auth_password: 'OAUTH_PASSWORD',
  o_auth_redirect_uri: 'OAUTH_REDIRECT_URI',
  o_auth_scopes: 'OAUTH_SCOPES',
};
/** Optional: replaces the URL of the default environment's first server. */
export const BASE_URL_ENV = 'API_BASE_URL';
/** Every variable an example may read, in the order the docs list them. */
export const EXAMPLE_ENV_NAMES = [...Object.values(EXAMPLE_ENV), BASE_URL_ENV];

const KIND_SLUG: Record<string, string> = {
  authorizationCode: 'authorization_code',
  password: 'password',
  clientCredentials: 'client_credentials',
  deviceAuthorization: 'device_authorization',
};

/** The inputs an example or a README snippet cannot make up: any required parameter or body. */
export function needsInput(op: IrOperation): boolean {
  const constant = (p: IrParameter): boolean => p.schema.kind === 'primitive' && p.schema.enum.length === 1;
  return op.parameters.some((p) => p.required && !constant(p)) || (op.requestBody?.required ?? false);
}

/** The first operation (IR order) secured by `scheme` alone (else among others) with only optional inputs. */
export function exampleOperation(ir: IrApi, scheme: string): IrOperation | null {
  const free = ir.operations.filter((o) => !needsInput(o));
  const alone = free.find((o) =>
    o.security.alternatives.some((a) => a.schemes.length === 1 && a.schemes[0]?.wireName === scheme),
  );
  return (
    alone ?? free.find((o) => o.security.alternatives.some((a) => a.schemes.some((s) => s.wireName === scheme))) ?? null
  );
}

/** The operation the README's usage example calls: the first one with only optional inputs. */
export function readmeOperation(ir: IrApi): IrOperation | null {
  return ir.operations.find((o) => !needsInput(o)) ?? null;
}

/** One example program: a flow unit of the contract, its file stem and what it reads and calls. */
export interface ExamplePlan {
  unit: FlowUnit;
  /** File stem / folder name: `password`, `authorization_code`, `client_credentials_partner`. */
  slug: string;
  /** Credential fields filled from the environment, with the variable name. */
  env: { field: CredentialField; variable: string }[];
  /** What it calls after getting a token (null: the spec has no such operation; it prints the token's expiry). */
  operation: IrOperation | null;
  /** Authorization code: print the consent URL, read the callback URL from stdin. */
  interactive: boolean;
  /** Device authorization (RFC 8628): print where to sign in and the code, then wait for the approval. */
  device: boolean;
}

/** The examples of an SDK: one per generated OAuth flow (every flow of a multi-flow scheme too). */
export function examplePlans(ir: IrApi, contract: AuthContract): ExamplePlan[] {
  const perKind = new Map<string, number>();
  for (const f of contract.flows) perKind.set(f.kind, (perKind.get(f.kind) ?? 0) + 1);
  const slugs = new NameScope({
    reserved: new Set(['index', 'run', 'tsconfig']),
    separator: '_',
    caseInsensitive: true,
  });
  return contract.flows.map((unit) => {
    const base = KIND_SLUG[unit.kind] ?? snakeCase(unit.kind);
    const wanted = (perKind.get(unit.kind) ?? 0) > 1 ? `${base}_${snakeCase(unit.scheme.wireName) || 'scheme'}` : base;
    // File names stay short (a 500-character scheme name must not make an unwritable path).
    const safe =
      wanted
        .replace(/[^a-z0-9_]/g, '_')
        .slice(0, 48)
        .replace(/_+$/, '') || base;
    const slug = slugs.claim(`${unit.kind}\0${unit.namingKey}`, safe);
    const fields = credentialFields(unit.kind, unit.flow.scopes.length > 0);
    return {
      unit,
      slug,
      env: fields.flatMap((field) => {
        const variable = EXAMPLE_ENV[field.semantic];
        return variable ? [{ field, variable }] : [];
      }),
      operation: exampleOperation(ir, unit.scheme.wireName),
      interactive: unit.kind === 'authorizationCode',
      device: unit.kind === 'deviceAuthorization',
    };
  });
}

/** The metadata every target declares (validated values from the CLI or config; defaults here). */
export interface ResolvedMetadata {
  /** `X.Y.Z`: the given version, else the spec's `info.version` when it is `X.Y.Z`, else `0.1.0`. */
  version: string;
  license: string | null;
  authors: { name: string; email: string | null }[];
  repository: string | null;
}

export function resolveMetadata(ir: IrApi, given: PackageMetadata | undefined): ResolvedMetadata {
  const fromSpec = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/.test(ir.version) ? ir.version : null;
  return {
    version: given?.version ?? fromSpec ?? '0.1.0',
    license: given?.license ?? null,
    authors: given?.authors ?? [],
    repository: given?.repository ?? null,
  };
}
