/**
 * Checks both OpenAPI documents share: that a document has the structure OpenAPI 3.1 requires
 * (no validator package is installed; these are the rules a client generator trips on), and that
 * a route appears in it with the parameters and body of the schemas its handler validates with.
 */
import type * as v from 'valibot';
import type { RouteSchemas } from '../../shared/contract/openapi';

/** The fields of a valibot object schema, through any pipe around it (a union: the fields of all its options). */
export const objectKeys = (schema: unknown): string[] => {
  const s = schema as { entries?: Record<string, unknown>; pipe?: unknown[]; options?: unknown[] };
  if (s.entries) return Object.keys(s.entries);
  if (s.options) return [...new Set(s.options.flatMap(objectKeys))];
  const inner = s.pipe?.find((p) => (p as { entries?: unknown }).entries);
  return inner ? objectKeys(inner) : [];
};

type Doc = Record<string, any>;
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every structural rule the document breaks, as readable lines: none for a sound one. */
export function openApi31Problems(doc: Doc): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!/^3\.1\.\d+$/.test(doc.openapi)) fail('openapi', `is ${JSON.stringify(doc.openapi)}, not 3.1.x`);
  if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string') fail('info', 'needs a title and a version');
  for (const server of doc.servers ?? []) if (typeof server.url !== 'string') fail('servers', 'each needs a url');
  const schemes = Object.keys(doc.components?.securitySchemes ?? {});
  const checkSecurity = (where: string, security: unknown) => {
    if (security === undefined) return;
    if (!Array.isArray(security)) return fail(where, 'security must be a list');
    for (const requirement of security) for (const name of Object.keys(requirement)) if (!schemes.includes(name)) fail(where, `security names an undeclared scheme ${name}`);
  };
  checkSecurity('security', doc.security);
  const resolves = (ref: string) => ref.startsWith('#/') && ref.slice(2).split('/').reduce<any>((node, key) => node?.[key], doc) !== undefined;
  const checkRefs = (where: string, node: unknown): void => {
    if (Array.isArray(node)) return node.forEach((n) => checkRefs(where, n));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && (typeof value !== 'string' || !resolves(value))) fail(where, `$ref ${String(value)} does not resolve`);
      else checkRefs(where, value);
    }
  };
  const operationIds = new Set<string>();
  if (!doc.paths || typeof doc.paths !== 'object') fail('paths', 'missing');
  for (const [path, item] of Object.entries<Doc>(doc.paths ?? {})) {
    if (!path.startsWith('/')) fail(path, 'a path must start with /');
    const templated = (path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
    for (const [method, op] of Object.entries<Doc>(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!methods.includes(method)) { fail(where, 'not an HTTP method'); continue; }
      if (typeof op.operationId === 'string') {
        if (operationIds.has(op.operationId)) fail(where, `operationId ${op.operationId} repeated`);
        operationIds.add(op.operationId);
      }
      const params: Doc[] = op.parameters ?? [];
      for (const p of params) {
        if (typeof p.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(p.in)) fail(where, `parameter ${JSON.stringify(p.name)} needs a name and in: path, query, header or cookie`);
        if (p.in === 'path' && (p.required !== true || !templated.includes(p.name))) fail(where, `path parameter ${p.name} must be required and in the path`);
        if (!p.schema && !p.content) fail(where, `parameter ${p.name} needs a schema`);
      }
      const keys = params.map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) fail(where, 'a parameter is repeated');
      for (const name of templated) if (!params.some((p) => p.in === 'path' && p.name === name)) fail(where, `{${name}} has no path parameter`);
      if (op.requestBody && typeof op.requestBody.content !== 'object') fail(where, 'requestBody needs content');
      const responses = Object.entries<Doc>(op.responses ?? {});
      if (!responses.length) fail(where, 'needs at least one response');
      for (const [status, response] of responses) {
        if (!/^([1-5][0-9X]{2}|default)$/.test(status)) fail(where, `response key ${status} is not a status`);
        if (typeof response.description !== 'string') fail(where, `response ${status} needs a description`);
      }
      checkSecurity(where, op.security);
      checkRefs(where, op);
    }
  }
  return problems;
}

/** The route is in the document under `path`, with its handler's path, query and body schemas. */
export function documentedProblems(doc: Doc, route: { name: string; method: string; path: string }, path: string, schemas: RouteSchemas): string[] {
  const operation = doc.paths?.[path]?.[route.method.toLowerCase()];
  if (!operation) return [`${route.name}: not in the document`];
  const problems: string[] = [];
  if (operation.operationId !== route.name) problems.push(`${route.name}: operationId is ${operation.operationId}`);
  const params = (where: string) => (operation.parameters ?? []).filter((p: Doc) => p.in === where).map((p: Doc) => p.name).sort();
  const same = (what: string, documented: string[], validated: string[]) => {
    if (JSON.stringify(documented) !== JSON.stringify(validated)) problems.push(`${route.name}: ${what} documented ${JSON.stringify(documented)}, validated ${JSON.stringify(validated)}`);
  };
  same('path parameters', params('path'), objectKeys(schemas.path ?? {}).sort());
  same('query parameters', params('query'), objectKeys(schemas.query ?? {}).sort());
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (!schemas.body) {
    if (operation.requestBody !== undefined) problems.push(`${route.name}: documents a body it does not take`);
  } else if (!body) {
    problems.push(`${route.name}: its body is not documented`);
  } else {
    const documented = [...new Set([body, ...(body.anyOf ?? body.oneOf ?? [])].flatMap((s: Doc) => Object.keys(s.properties ?? {})))].sort();
    same('body fields', documented, objectKeys(schemas.body as v.GenericSchema).sort());
  }
  return problems;
}
