import { SERVICE_DISPLAY_NAMES } from '@rag-validate/config';
import { failed, passed, skipped, unknown, warned, type ReadinessCheck } from '../model/check-types.js';
import { APP_SERVICES } from '../model/evidence.js';
import { validateOpenApi } from '../openapi/validate-openapi.js';
import { describeProbe, is2xx, is5xx, jsonBody } from './observations.js';

export const openApiValidCheck: ReadinessCheck = {
  id: 'docs.openapi-valid',
  category: 'api-docs',
  severity: 'medium',
  title: '/openapi.json is a valid OpenAPI 3 document',
  probes: 'GET /openapi.json on the rag-, embedding- and llm-server, checked for OpenAPI 3 structure: `openapi` 3.x.y, `info.title`/`info.version`, `paths` starting with `/`, operations with `responses`, declared path parameters, unique operationIds, resolvable local `$ref`s.',
  howToFix: 'Serve the framework-generated OpenAPI document at /openapi.json (FastAPI does by default) and fix the reported structural errors in the route declarations.',
  needs: ['openapi'],
  evaluate(evidence) {
    const openapi = evidence.openapi;
    if (openapi === undefined) return unknown('/openapi.json was not probed');
    const failures: string[] = [];
    const unreachable: string[] = [];
    const facts: string[] = [];
    for (const service of APP_SERVICES) {
      const name = SERVICE_DISPLAY_NAMES[service];
      const probe = openapi[service];
      if (!probe.ok) {
        unreachable.push(describeProbe(`${name} GET /openapi.json`, probe));
        continue;
      }
      if (!is2xx(probe.value.status)) {
        failures.push(describeProbe(`${name} GET /openapi.json`, probe));
        continue;
      }
      const document = jsonBody(probe.value);
      if (document === undefined) {
        failures.push(`${name}: /openapi.json is not JSON`);
        continue;
      }
      const problems = validateOpenApi(document);
      if (problems.length > 0) failures.push(...problems.slice(0, 8).map((p) => `${name}: ${p}`));
      else facts.push(`${name}: OpenAPI ${String((document as { openapi: unknown }).openapi)}, ${Object.keys((document as { paths?: object }).paths ?? {}).length} paths`);
    }
    if (failures.length > 0) return failed(`${failures.length} problem${failures.length === 1 ? '' : 's'} in the API documents`, [...failures, ...unreachable, ...facts]);
    if (unreachable.length > 0) return unknown('some services did not answer', [...unreachable, ...facts]);
    return passed('rag-, embedding- and llm-server publish valid OpenAPI 3 documents', facts);
  },
};

export const docsReachableCheck: ReadinessCheck = {
  id: 'docs.ui-reachable',
  category: 'api-docs',
  severity: 'low',
  title: '/docs is reachable',
  probes: 'GET /docs on the rag-, embedding- and llm-server answers 200 with an HTML page.',
  howToFix: 'Serve the interactive API documentation at /docs (FastAPI’s Swagger UI), at least on the internal network.',
  needs: ['docsPage'],
  evaluate(evidence) {
    const docs = evidence.docsPage;
    if (docs === undefined) return unknown('/docs was not probed');
    const failures: string[] = [];
    const unreachable: string[] = [];
    const facts: string[] = [];
    for (const service of APP_SERVICES) {
      const probe = docs[service];
      const line = describeProbe(`${SERVICE_DISPLAY_NAMES[service]} GET /docs`, probe);
      if (!probe.ok) unreachable.push(line);
      else if (!is2xx(probe.value.status)) failures.push(line);
      else if (!(probe.value.headers['content-type'] ?? '').includes('html')) failures.push(`${SERVICE_DISPLAY_NAMES[service]}: /docs answers ${probe.value.headers['content-type'] ?? 'no content type'}, not HTML`);
      else facts.push(`${SERVICE_DISPLAY_NAMES[service]}: /docs 200 HTML`);
    }
    if (failures.length > 0) return failed(`/docs is missing on ${failures.length} service${failures.length === 1 ? '' : 's'}`, [...failures, ...unreachable]);
    if (unreachable.length > 0) return unknown('some services did not answer', unreachable);
    return passed('/docs serves HTML on all three services', facts);
  },
};

export const documentedRoutesExistCheck: ReadinessCheck = {
  id: 'docs.routes-exist',
  category: 'api-docs',
  severity: 'medium',
  title: 'Documented routes exist',
  probes: 'Up to 20 documented GET operations per service that need no parameters (from /openapi.json; /metrics, /docs and /openapi.json themselves excluded) are called: 404 or 405 fails (documented but missing), 5xx warns (documented but broken, like the codev users route).',
  howToFix: 'Remove routes from the document that the service does not serve (or serve them); fix documented routes that crash.',
  needs: ['documentedRoutes'],
  evaluate(evidence) {
    const routes = evidence.documentedRoutes;
    if (routes === undefined) return unknown('documented routes were not probed');
    const missing: string[] = [];
    const broken: string[] = [];
    const reasons: string[] = [];
    let probed = 0;
    for (const service of APP_SERVICES) {
      const name = SERVICE_DISPLAY_NAMES[service];
      const result = routes[service];
      if (!result.ok) {
        reasons.push(`${name}: ${result.reason}`);
        continue;
      }
      for (const route of result.value) {
        probed += 1;
        const line = describeProbe(`${name} GET ${route.path}`, route.observation);
        if (!route.observation.ok) reasons.push(line);
        else if (route.observation.value.status === 404 || route.observation.value.status === 405) missing.push(line);
        else if (is5xx(route.observation.value.status)) broken.push(line);
      }
    }
    if (missing.length > 0) return failed(`${missing.length} documented route${missing.length === 1 ? '' : 's'} answer 404/405`, [...missing, ...broken, ...reasons]);
    if (probed === 0) return reasons.length > 0 ? unknown('no API document to read routes from', reasons) : skipped('no documented GET route without parameters');
    if (broken.length > 0) return warned(`${broken.length} of ${probed} documented routes answer 5xx`, [...broken, ...reasons]);
    return passed(`${probed} documented GET routes answer`, reasons);
  },
};

export const API_DOCS_CHECKS: readonly ReadinessCheck[] = [openApiValidCheck, docsReachableCheck, documentedRoutesExistCheck];
