const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PARAMETER_LOCATIONS: ReadonlySet<string> = new Set(['query', 'header', 'path', 'cookie']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Structural validation of an OpenAPI 3.0 / 3.1 document (not a full JSON-Schema validation):
 * `openapi` 3.x.y, `info.title` and `info.version`, `paths` whose keys start with `/`, operations
 * that are objects with `responses` (required in 3.0) keyed by status codes or `default`,
 * parameters with `name` and a valid `in`, every `{template}` of a path declared as a path
 * parameter, unique `operationId`s, and local `$ref`s that resolve. Returns the problems found.
 */
export function validateOpenApi(document: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(document)) return ['the document is not a JSON object'];
  const version = document['openapi'];
  if (typeof version !== 'string' || !/^3\.\d+\.\d+/.test(version)) {
    problems.push(`"openapi" is ${JSON.stringify(version)}, expected "3.x.y"${document['swagger'] === undefined ? '' : ' (this is a Swagger 2 document)'}`);
    return problems;
  }
  const is30 = version.startsWith('3.0.');
  const info = document['info'];
  if (!isObject(info)) problems.push('"info" is missing');
  else {
    if (typeof info['title'] !== 'string') problems.push('"info.title" is missing');
    if (typeof info['version'] !== 'string') problems.push('"info.version" is missing');
  }
  const paths = document['paths'];
  if (!isObject(paths)) {
    if (is30 || paths !== undefined) problems.push('"paths" is missing or not an object');
    return problems;
  }
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) problems.push(`path "${path}" does not start with "/"`);
    if (!isObject(item)) {
      problems.push(`path "${path}" is not an object`);
      continue;
    }
    const shared = Array.isArray(item['parameters']) ? (item['parameters'] as unknown[]) : [];
    const templates = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!isObject(operation)) {
        problems.push(`${where} is not an object`);
        continue;
      }
      const responses = operation['responses'];
      if (responses === undefined) {
        if (is30) problems.push(`${where} has no "responses"`);
      } else if (!isObject(responses)) {
        problems.push(`${where} "responses" is not an object`);
      } else {
        for (const code of Object.keys(responses)) {
          if (code !== 'default' && !/^[1-5](?:\d\d|XX)$/.test(code)) problems.push(`${where} has response key "${code}", expected a status code or "default"`);
        }
      }
      const id = operation['operationId'];
      if (typeof id === 'string') {
        if (operationIds.has(id)) problems.push(`operationId "${id}" is used twice`);
        operationIds.add(id);
      }
      const own = Array.isArray(operation['parameters']) ? (operation['parameters'] as unknown[]) : [];
      const parameters = [...shared, ...own].map((p) => resolveRef(document, p));
      for (const parameter of parameters) {
        if (!isObject(parameter) || typeof parameter['name'] !== 'string' || typeof parameter['in'] !== 'string' || !PARAMETER_LOCATIONS.has(parameter['in'])) {
          problems.push(`${where} has a parameter without a name or a valid "in"`);
        }
      }
      for (const name of templates) {
        if (!parameters.some((p) => isObject(p) && p['in'] === 'path' && p['name'] === name)) problems.push(`${where} does not declare path parameter "${name}"`);
      }
    }
  }
  for (const ref of collectRefs(document)) {
    if (ref.startsWith('#') && resolvePointer(document, ref) === undefined) problems.push(`$ref "${ref}" does not resolve`);
  }
  return problems;
}

/** GET operations a probe may call as documented: no path template, no required parameter. */
export function probeableGetRoutes(document: unknown): string[] {
  if (!isObject(document) || !isObject(document['paths'])) return [];
  const routes: string[] = [];
  for (const [path, item] of Object.entries(document['paths'])) {
    if (!isObject(item) || !isObject(item['get']) || path.includes('{')) continue;
    const get = item['get'];
    const parameters = [...(Array.isArray(item['parameters']) ? item['parameters'] : []), ...(Array.isArray(get['parameters']) ? get['parameters'] : [])].map((p) => resolveRef(document, p));
    if (parameters.some((p) => isObject(p) && p['required'] === true)) continue;
    routes.push(path);
  }
  return routes;
}

function resolveRef(document: Json, value: unknown): unknown {
  if (isObject(value) && typeof value['$ref'] === 'string') return resolvePointer(document, value['$ref']) ?? value;
  return value;
}

function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(1).split('/').filter((s) => s !== '')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, out);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') out.push(item);
      else collectRefs(item, out);
    }
  }
  return out;
}
