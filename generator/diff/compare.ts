/**
 * `grantgen diff`: compare what two specs generate, at the SDK level.
 *
 * Each change carries the oasdiff rule it corresponds to at the spec level (in its message) and is
 * classified as oasdiff does: ERR and WARN (potentially breaking) → `breaking`; INFO → `feature`
 * when the SDK gains something, `fix` when only behaviour or text changes (a documentation-only
 * change is `fix`). Where the SDK loses a symbol that oasdiff treats as INFO (a security scheme,
 * flow, scope, environment, server variable, enum member, or the package name), the change is
 * `breaking`, and the message says so (`SDK:`), because code using that symbol stops compiling.
 */
import type { IrApi, IrModel, IrOperation, IrSecurityScheme, IrType } from '../ir/types.js';
import { type SdkNames, type Symbols, opKey, paramKey, sdkNames } from './sdk-names.js';

export type ChangeKind = 'breaking' | 'feature' | 'fix';
export type Bump = 'none' | 'patch' | 'minor' | 'major';

export interface Change {
  kind: ChangeKind;
  message: string;
  python: string;
  typescript: string;
}

export interface DiffResult {
  bump: Bump;
  changes: Change[];
}

type Direction = 'request' | 'response';

/** A type's shape without enum values, nullability or descriptions (those are compared apart). */
export function typeSig(t: IrType | null): string {
  if (t === null) return 'none';
  switch (t.kind) {
    case 'primitive':
      return t.format ? `${t.type}(${t.format})` : t.type;
    case 'array':
      return `array<${typeSig(t.items)}>`;
    case 'map':
      return `map<${typeSig(t.values)}>`;
    case 'ref':
      return `ref:${t.model}`;
    case 'union':
      return `union<${t.variants.map(typeSig).sort().join('|')}>`;
    case 'any':
      return 'any';
  }
}

function enumOf(t: IrType | null): string[] {
  return t?.kind === 'primitive' ? t.enum.map(String) : [];
}

/** Models reachable from a type (through refs, arrays, maps, unions, aliases, properties). */
function reach(t: IrType | null, models: Map<string, IrModel>, into: Set<string>): void {
  if (t === null) return;
  switch (t.kind) {
    case 'ref': {
      if (into.has(t.model)) return;
      into.add(t.model);
      const m = models.get(t.model);
      if (!m) return;
      for (const p of m.properties) reach(p.type, models, into);
      reach(m.alias, models, into);
      return;
    }
    case 'array':
      return reach(t.items, models, into);
    case 'map':
      return reach(t.values, models, into);
    case 'union':
      for (const v of t.variants) reach(v, models, into);
      return;
    default:
      return;
  }
}

function directions(ir: IrApi): Map<string, Set<Direction>> {
  const models = new Map(ir.models.map((m) => [m.wireName, m]));
  const req = new Set<string>();
  const res = new Set<string>();
  for (const op of ir.operations) {
    for (const p of op.parameters) reach(p.schema, models, req);
    reach(op.requestBody?.schema ?? null, models, req);
    for (const r of op.responses) reach(r.schema, models, res);
  }
  const out = new Map<string, Set<Direction>>();
  for (const m of ir.models) {
    const d = new Set<Direction>();
    if (req.has(m.wireName)) d.add('request');
    if (res.has(m.wireName)) d.add('response');
    // Unused models are still exported: treat a change to them as both ways (the stricter).
    if (d.size === 0) ['request', 'response'].forEach((x) => d.add(x as Direction));
    out.set(m.wireName, d);
  }
  return out;
}

const successOf = (op: IrOperation) => op.responses.find((r) => /^2/.test(r.status)) ?? null;

class Collector {
  readonly changes: Change[] = [];
  add(kind: ChangeKind, message: string, symbols: Symbols): void {
    this.changes.push({ kind, message, python: symbols.python, typescript: symbols.typescript });
  }
}

const q = (s: string): string => JSON.stringify(s);

/** Compare one field (parameter, property or body) seen from `dirs`, the stricter result kept. */
function compareField(
  c: Collector,
  what: string,
  rule: string,
  dirs: Set<Direction>,
  a: { required: boolean; type: IrType | null; description: string; deprecated?: boolean } | undefined,
  b: { required: boolean; type: IrType | null; description: string; deprecated?: boolean } | undefined,
  sym: Symbols,
): void {
  const req = dirs.has('request');
  const res = dirs.has('response');
  const pick = (request: ChangeKind, response: ChangeKind): ChangeKind =>
    [req ? request : null, res ? response : null].includes('breaking') ? 'breaking' : req ? request : response;
  if (!a && b) {
    if (req && b.required) c.add('breaking', `${what} added, required [new-required-${rule}]`, sym);
    else {
      const id =
        rule === 'response-property'
          ? `response-${b.required ? 'required' : 'optional'}-property-added`
          : `new-optional-${rule}`;
      c.add('feature', `${what} added, ${b.required ? 'required' : 'optional'} [${id}]`, sym);
    }
    return;
  }
  if (a && !b) {
    const id =
      rule === 'response-property'
        ? `response-${a.required ? 'required' : 'optional'}-property-removed`
        : `${rule}-removed`;
    c.add('breaking', `${what} removed [${id}]`, sym);
    return;
  }
  if (!a || !b) return;
  if (a.required !== b.required) {
    const became = b.required ? 'required' : 'optional';
    c.add(
      b.required ? pick('breaking', 'feature') : pick('feature', 'breaking'),
      `${what} became ${became} [${rule}-became-${became}]`,
      sym,
    );
  }
  if (typeSig(a.type) !== typeSig(b.type)) {
    c.add('breaking', `${what} type changed from ${typeSig(a.type)} to ${typeSig(b.type)} [${rule}-type-changed]`, sym);
  } else {
    const na = a.type?.nullable ?? false;
    const nb = b.type?.nullable ?? false;
    if (na !== nb)
      c.add(
        nb ? pick('feature', 'breaking') : pick('breaking', 'feature'),
        `${what} became ${nb ? 'nullable' : 'not nullable'} [${rule}-became-${nb ? 'nullable' : 'not-nullable'}]`,
        sym,
      );
    const ea = enumOf(a.type);
    const eb = enumOf(b.type);
    for (const v of eb.filter((x) => !ea.includes(x)))
      if (ea.length > 0)
        c.add(pick('feature', 'breaking'), `${what}: enum value ${q(v)} added [${rule}-enum-value-added]`, sym);
    for (const v of ea.filter((x) => !eb.includes(x)))
      if (eb.length > 0)
        c.add(pick('breaking', 'feature'), `${what}: enum value ${q(v)} removed [${rule}-enum-value-removed]`, sym);
    if (ea.length === 0 && eb.length > 0)
      c.add(pick('breaking', 'feature'), `${what} became an enum [${rule}-became-enum]`, sym);
  }
  if ((a.deprecated ?? false) !== (b.deprecated ?? false))
    c.add(
      'feature',
      `${what} ${b.deprecated ? 'deprecated' : 'no longer deprecated'} [${rule}-${b.deprecated ? 'deprecated' : 'reactivated'}]`,
      sym,
    );
  if (a.description !== b.description) c.add('fix', `${what}: description changed`, sym);
}

function compareOperations(c: Collector, a: IrApi, b: IrApi, na: SdkNames, nb: SdkNames): void {
  const oldOps = new Map(a.operations.map((o) => [opKey(o), o]));
  const newOps = new Map(b.operations.map((o) => [opKey(o), o]));
  for (const [key, op] of newOps)
    if (!oldOps.has(key)) c.add('feature', `${key}: operation added [endpoint-added]`, nb.operation(op));
  for (const [key, op] of oldOps) {
    const next = newOps.get(key);
    if (!next) {
      c.add(
        'breaking',
        op.deprecated
          ? `${key}: deprecated operation removed [api-removed-with-deprecation; SDK: method removed]`
          : `${key}: operation removed [api-removed-without-deprecation]`,
        na.operation(op),
      );
      continue;
    }
    const before = na.operation(op);
    const after = nb.operation(next);
    if (before.python !== after.python || before.typescript !== after.typescript) {
      const rule = op.operationId !== next.operationId ? 'api-operation-id-updated' : 'api-tag-updated';
      c.add('breaking', `${key}: SDK method renamed to ${after.python} / ${after.typescript} [${rule}]`, before);
    }
    if (op.deprecated !== next.deprecated)
      c.add(
        'feature',
        `${key}: operation ${next.deprecated ? 'deprecated [endpoint-deprecated]' : 'no longer deprecated [endpoint-reactivated]'}`,
        after,
      );
    if (op.summary !== next.summary || op.description !== next.description)
      c.add('fix', `${key}: summary or description changed`, after);

    // Parameters.
    const pa = new Map(op.parameters.map((p) => [paramKey(p), p]));
    const pb = new Map(next.parameters.map((p) => [paramKey(p), p]));
    for (const k of new Set([...pa.keys(), ...pb.keys()])) {
      const x = pa.get(k);
      const y = pb.get(k);
      const p = (y ?? x)!;
      const sym = y ? nb.argument(next, k) : na.argument(op, k);
      const label = `${key}: ${p.in} parameter ${q(p.wireName)}`;
      const rule = p.in === 'path' && !x ? 'request-path-parameter' : 'request-parameter';
      compareField(
        c,
        label,
        rule,
        new Set(['request']),
        x && { required: x.required, type: x.schema, description: x.description, deprecated: x.deprecated },
        y && { required: y.required, type: y.schema, description: y.description, deprecated: y.deprecated },
        sym,
      );
    }
    // Request body.
    const ba = op.requestBody;
    const bb = next.requestBody;
    const bodySym = bb ? nb.argument(next, 'body:') : na.argument(op, 'body:');
    if (ba && bb && ba.contentType !== bb.contentType)
      c.add(
        'breaking',
        `${key}: request body media type changed from ${ba.contentType} to ${bb.contentType} [request-body-media-type-removed]`,
        bodySym,
      );
    if (!ba && bb)
      c.add(
        bb.required ? 'breaking' : 'feature',
        `${key}: ${bb.required ? 'required' : 'optional'} request body added [added-${bb.required ? 'required' : 'optional'}-request-body]`,
        bodySym,
      );
    else if (ba && !bb) c.add('breaking', `${key}: request body removed [request-body-removed]`, bodySym);
    else if (ba && bb)
      compareField(
        c,
        `${key}: request body`,
        'request-body',
        new Set(['request']),
        { required: ba.required, type: ba.schema, description: ba.description },
        { required: bb.required, type: bb.schema, description: bb.description },
        bodySym,
      );
    // Success response.
    const ra = successOf(op);
    const rb = successOf(next);
    if (ra && !rb)
      c.add('breaking', `${key}: success response ${ra.status} removed [response-success-status-removed]`, after);
    else if (!ra && rb)
      c.add('feature', `${key}: success response ${rb.status} added [response-success-status-added]`, after);
    else if (ra && rb) {
      if (ra.status !== rb.status)
        c.add(
          'breaking',
          `${key}: success status changed from ${ra.status} to ${rb.status} [response-success-status-removed]`,
          after,
        );
      if (ra.contentType !== rb.contentType && ra.contentType !== null && rb.contentType !== null)
        c.add(
          'breaking',
          `${key}: response media type changed from ${ra.contentType} to ${rb.contentType} [response-media-type-removed]`,
          after,
        );
      if (ra.schema === null && rb.schema !== null)
        c.add('feature', `${key}: response body added [response-body-media-type-schema-added]`, after);
      else if (ra.schema !== null && rb.schema === null)
        c.add('breaking', `${key}: response body removed [response-body-media-type-schema-removed]`, after);
      else if (typeSig(ra.schema) !== typeSig(rb.schema))
        c.add(
          'breaking',
          `${key}: response type changed from ${typeSig(ra.schema)} to ${typeSig(rb.schema)} [response-body-type-changed]`,
          after,
        );
      else if ((ra.schema?.nullable ?? false) !== (rb.schema?.nullable ?? false))
        c.add(
          rb.schema?.nullable ? 'breaking' : 'feature',
          `${key}: response body became ${rb.schema?.nullable ? 'nullable [response-body-became-nullable]' : 'not nullable [response-body-became-not-nullable]'}`,
          after,
        );
      if (ra.description !== rb.description) c.add('fix', `${key}: response description changed`, after);
    }
    // Security requirement of the operation.
    const sec = (o: IrOperation) =>
      new Set(
        o.security.alternatives.map((alt) =>
          alt.schemes
            .map((s) => s.wireName + (s.scopes.length ? `(${[...s.scopes].sort().join(' ')})` : ''))
            .sort()
            .join(' + '),
        ),
      );
    const sa = sec(op);
    const sb = sec(next);
    for (const s of sb)
      if (!sa.has(s)) c.add('feature', `${key}: accepts security ${s || '(none)'} [api-security-added]`, after);
    for (const s of sa)
      if (!sb.has(s))
        c.add('feature', `${key}: no longer accepts security ${s || '(none)'} [api-security-removed]`, after);
  }
}

function compareModels(c: Collector, a: IrApi, b: IrApi, na: SdkNames, nb: SdkNames): void {
  const ma = new Map(a.models.map((m) => [m.wireName, m]));
  const mb = new Map(b.models.map((m) => [m.wireName, m]));
  const da = directions(a);
  const db = directions(b);
  for (const [w] of mb) if (!ma.has(w)) c.add('feature', `model ${q(w)} added [components-schema-added]`, nb.model(w));
  for (const [w] of ma) if (!mb.has(w)) c.add('breaking', `model ${q(w)} removed [api-schema-removed]`, na.model(w));
  for (const [w, x] of ma) {
    const y = mb.get(w);
    if (!y) continue;
    const dirs = new Set([...(da.get(w) ?? []), ...(db.get(w) ?? [])]);
    const side =
      dirs.has('request') && dirs.has('response')
        ? 'request-and-response'
        : dirs.has('request')
          ? 'request'
          : 'response';
    if (x.kind !== y.kind) {
      c.add('breaking', `model ${q(w)} changed from ${x.kind} to ${y.kind} [${side}-body-type-changed]`, nb.model(w));
      continue;
    }
    if (x.description !== y.description) c.add('fix', `model ${q(w)}: description changed`, nb.model(w));
    if (x.kind === 'enum') {
      const res = dirs.has('response');
      const req = dirs.has('request');
      for (const v of y.enumValues.map(String).filter((v) => !x.enumValues.map(String).includes(v)))
        c.add(
          res ? 'breaking' : 'feature',
          `enum ${q(w)}: value ${q(v)} added [${res ? 'response-property-enum-value-added' : 'request-property-enum-value-added'}]`,
          nb.enumMember(w, v),
        );
      for (const v of x.enumValues.map(String).filter((v) => !y.enumValues.map(String).includes(v)))
        c.add(
          'breaking',
          `enum ${q(w)}: value ${q(v)} removed [${req ? 'request-property-enum-value-removed' : 'response-property-enum-value-removed; SDK: enum member removed'}]`,
          na.enumMember(w, v),
        );
      continue;
    }
    if (x.kind === 'alias') {
      if (typeSig(x.alias) !== typeSig(y.alias))
        c.add(
          'breaking',
          `model ${q(w)} type changed from ${typeSig(x.alias)} to ${typeSig(y.alias)} [${side}-body-type-changed]`,
          nb.model(w),
        );
      continue;
    }
    const pa = new Map(x.properties.map((p) => [p.wireName, p]));
    const pb = new Map(y.properties.map((p) => [p.wireName, p]));
    for (const k of new Set([...pa.keys(), ...pb.keys()])) {
      const p = pa.get(k);
      const r = pb.get(k);
      const sym = r ? nb.property(w, k) : na.property(w, k);
      const label = `model ${q(w)}: property ${q(k)}`;
      // The rule follows the model's direction; a model used both ways gets the stricter result.
      const rule = dirs.size === 2 ? 'request/response-property' : `${[...dirs][0] ?? 'response'}-property`;
      compareField(
        c,
        label,
        rule,
        dirs,
        p && { required: p.required, type: p.type, description: p.description },
        r && { required: r.required, type: r.type, description: r.description },
        sym,
      );
    }
  }
}

function flowsOf(s: IrSecurityScheme): Map<string, { scopes: string[]; urls: string; auth: string }> {
  if (s.kind !== 'oauth2') return new Map();
  return new Map(
    s.flows.map((f) => [
      f.kind,
      {
        scopes: f.scopes.map((x) => x.wireName),
        urls: [f.tokenUrl, f.refreshUrl, 'authorizationUrl' in f ? f.authorizationUrl : ''].join(' '),
        auth: [f.clientAuth, 'pkce' in f ? String(f.pkce) : '', 'issuer' in f ? String(f.issuer) : ''].join(' '),
      },
    ]),
  );
}

function compareSecurity(c: Collector, a: IrApi, b: IrApi, na: SdkNames, nb: SdkNames): void {
  const sa = new Map(a.securitySchemes.map((s) => [s.wireName, s]));
  const sb = new Map(b.securitySchemes.map((s) => [s.wireName, s]));
  for (const [w] of sb)
    if (!sa.has(w)) c.add('feature', `security scheme ${q(w)} added [api-components-security-added]`, nb.scheme(w));
  for (const [w] of sa)
    if (!sb.has(w))
      c.add(
        'breaking',
        `security scheme ${q(w)} removed [api-components-security-removed; SDK: credentials removed]`,
        na.scheme(w),
      );
  for (const [w, x] of sa) {
    const y = sb.get(w);
    if (!y) continue;
    if (x.kind !== y.kind) {
      c.add(
        'breaking',
        `security scheme ${q(w)} changed type from ${x.kind} to ${y.kind} [api-components-security-type-updated; SDK: credentials changed]`,
        nb.scheme(w),
      );
      continue;
    }
    if (x.description !== y.description) c.add('fix', `security scheme ${q(w)}: description changed`, nb.scheme(w));
    if (x.kind === 'apiKey' && y.kind === 'apiKey' && (x.in !== y.in || x.paramName !== y.paramName))
      c.add('fix', `security scheme ${q(w)}: API key now sent as ${y.in} ${q(y.paramName)}`, nb.scheme(w));
    const fa = flowsOf(x);
    const fb = flowsOf(y);
    for (const [k] of fb)
      if (!fa.has(k))
        c.add('feature', `security scheme ${q(w)}: ${k} flow added [api-components-security-added]`, nb.flow(w, k));
    for (const [k] of fa)
      if (!fb.has(k))
        c.add(
          'breaking',
          `security scheme ${q(w)}: ${k} flow removed [api-components-security-removed; SDK: flow removed]`,
          na.flow(w, k),
        );
    for (const [k, f] of fa) {
      const g = fb.get(k);
      if (!g) continue;
      for (const s of g.scopes.filter((s) => !f.scopes.includes(s)))
        c.add(
          'feature',
          `security scheme ${q(w)}: ${k} scope ${q(s)} added [api-security-component-oauth-scope-added]`,
          nb.scope(w, k, s),
        );
      for (const s of f.scopes.filter((s) => !g.scopes.includes(s)))
        c.add(
          'breaking',
          `security scheme ${q(w)}: ${k} scope ${q(s)} removed [api-security-component-oauth-scope-removed; SDK: scope member removed]`,
          na.scope(w, k, s),
        );
      if (f.urls !== g.urls)
        c.add(
          'fix',
          `security scheme ${q(w)}: ${k} URLs changed [api-security-component-oauth-token-url-changed]`,
          nb.flow(w, k),
        );
      if (f.auth !== g.auth)
        c.add('fix', `security scheme ${q(w)}: ${k} client authentication, PKCE or issuer changed`, nb.flow(w, k));
    }
  }
}

function compareServers(c: Collector, a: IrApi, b: IrApi, na: SdkNames, nb: SdkNames): void {
  const ea = new Map(a.environments.map((e) => [e.wireName, e]));
  const eb = new Map(b.environments.map((e) => [e.wireName, e]));
  for (const [w] of eb) if (!ea.has(w)) c.add('feature', `environment ${q(w)} added`, nb.environment(w));
  for (const [w] of ea)
    if (!eb.has(w))
      c.add('breaking', `environment ${q(w)} removed [SDK: environment member removed]`, na.environment(w));
  for (const [w, x] of ea) {
    const y = eb.get(w);
    if (!y) continue;
    if (JSON.stringify(x.servers) !== JSON.stringify(y.servers))
      c.add('fix', `environment ${q(w)}: server URLs changed`, nb.environment(w));
  }
  const da = a.environments.find((e) => e.isDefault)?.wireName;
  const dbName = b.environments.find((e) => e.isDefault)?.wireName;
  if (da !== undefined && dbName !== undefined && da !== dbName && ea.has(dbName))
    c.add(
      'breaking',
      `default environment changed from ${q(da)} to ${q(dbName)} [SDK: calls go elsewhere by default]`,
      nb.environment(dbName),
    );
  const va = new Map(a.serverVariables.map((v) => [v.wireName, v]));
  const vb = new Map(b.serverVariables.map((v) => [v.wireName, v]));
  for (const [w] of vb) if (!va.has(w)) c.add('feature', `server variable ${q(w)} added`, nb.variable(w));
  for (const [w] of va)
    if (!vb.has(w)) c.add('breaking', `server variable ${q(w)} removed [SDK: option removed]`, na.variable(w));
  for (const [w, x] of va) {
    const y = vb.get(w);
    if (!y) continue;
    if (x.default !== y.default)
      c.add('fix', `server variable ${q(w)}: default changed from ${q(x.default)} to ${q(y.default)}`, nb.variable(w));
    for (const v of x.enum.filter((v) => y.enum.length > 0 && !y.enum.includes(v)))
      c.add('breaking', `server variable ${q(w)}: value ${q(v)} removed`, nb.variable(w));
  }
}

const ORDER: Record<ChangeKind, number> = { breaking: 0, feature: 1, fix: 2 };

export function bumpOf(changes: Change[]): Bump {
  if (changes.some((x) => x.kind === 'breaking')) return 'major';
  if (changes.some((x) => x.kind === 'feature')) return 'minor';
  return changes.length > 0 ? 'patch' : 'none';
}

/** Compare two IRs (already loaded) at the SDK level. */
export function diffIr(a: IrApi, b: IrApi, packageName: string | null = null): DiffResult {
  const na = sdkNames(a, packageName);
  const nb = sdkNames(b, packageName);
  const c = new Collector();
  if (na.packageName.python !== nb.packageName.python || na.packageName.typescript !== nb.packageName.typescript)
    c.add('breaking', `package renamed (from the spec title) [SDK: package name changed]`, {
      python: `${na.packageName.python} → ${nb.packageName.python}`,
      typescript: `${na.packageName.typescript} → ${nb.packageName.typescript}`,
    });
  if (a.description !== b.description) c.add('fix', 'API description changed', nb.packageName);
  compareOperations(c, a, b, na, nb);
  compareModels(c, a, b, na, nb);
  compareSecurity(c, a, b, na, nb);
  compareServers(c, a, b, na, nb);
  const changes = c.changes
    .map((x, i) => ({ x, i }))
    .sort((p, r) => ORDER[p.x.kind] - ORDER[r.x.kind] || p.i - r.i)
    .map(({ x }) => x);
  return { bump: bumpOf(changes), changes };
}
