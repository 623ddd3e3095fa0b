import { resolveConfig } from './load-config.js';

/**
 * A setting path with its per-service and per-operation keys folded as the docs write them:
 * `target.services.llm.url` → `target.services.<service>.url`, `slos.search.latency.p95Ms` →
 * `slos.<operation>.latency.p95Ms`.
 */
export function foldSettingPath(path: string): string {
  return path
    .replace(/^target\.services\.(rag|embedding|llm|vectorDb)(?=\.|$)/, 'target.services.<service>')
    .replace(/^slos\.(search|generate|index|health)(?=\.|$)/, 'slos.<operation>')
    .replace(/^chaos\.docker\.containers\.(rag|embedding|llm|vectorDb)$/, 'chaos.docker.containers.<service>')
    .replace(/^chaos\.process\.(rag|embedding|llm|vectorDb)(?=\.|$)/, 'chaos.process.<service>')
    .replace(/^chaos\.proxies\.(rag|embedding|llm|vectorDb)$/, 'chaos.proxies.<service>')
    .replace(/\.headers\..*$/, '.headers');
}

/**
 * Every leaf setting of the config (optional ones included), folded with `foldSettingPath`: the
 * settings a config reference has to document. For docs checks.
 */
export function settingLeafPaths(): readonly string[] {
  const everything = resolveConfig(
    {
      target: { services: { rag: { auth: { apiKey: 'k', headers: { x: 'y' } } } } },
      slos: { search: { latency: { p50Ms: 1, p99Ms: 2, maxMs: 3 }, throughput: { perDay: 1 } } },
      quality: { minRecallAtK: 0.5, minPrecisionAtK: 0.5, minMrr: 0.5, minNdcgAtK: 0.5 },
      chaos: {
        prometheusUrl: 'http://localhost:9090',
        process: { embedding: { command: 'c', pidFile: 'p', cwd: 'd', logFile: 'l' } },
        proxies: { llm: 'http://localhost:1' },
        docker: { composeProject: 'p', containers: { rag: 'c' }, socketPath: '/s' },
      },
    },
    { env: {} },
  );
  const settings = Object.fromEntries(Object.entries(everything).filter(([key]) => key !== 'source'));
  return [...new Set(leafPaths(settings).map(foldSettingPath))];
}

function leafPaths(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, path ? `${path}.${key}` : key));
  }
  return [path];
}
