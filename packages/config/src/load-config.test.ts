import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError, ConfigParseError, ConfigValidationError } from './errors.js';
import { loadConfig, resolveConfig } from './load-config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('loadConfig', () => {
  it('uses the embedded reference stack on the default ports when there is no file and no env', async () => {
    const config = await loadConfig({ env: {}, cwd: dir });
    expect(config.target.mode).toBe('embedded');
    expect(config.target.services.rag.url).toBe('http://localhost:8000');
    expect(config.target.services.embedding.url).toBe('http://localhost:8001');
    expect(config.target.services.llm.url).toBe('http://localhost:8002');
    expect(config.target.services.vectorDb.url).toBe('http://localhost:6333');
    expect(config.source.file).toBeUndefined();
  });

  it('defaults the SLOs to the seed numbers', async () => {
    const { slos, recovery } = await loadConfig({ env: {}, cwd: dir });
    expect(slos.search).toEqual({ latency: { avgMs: 3_000, p95Ms: 5_000 }, availability: 0.99, throughput: { rps: 100 } });
    expect(slos.generate.latency).toEqual({ avgMs: 30_000, p95Ms: 60_000 });
    expect(slos.generate.throughput.rps).toBe(10);
    expect(slos.index.latency.maxMs).toBe(60_000);
    expect(slos.index.throughput.perDay).toBe(1_000);
    expect(recovery.mttrMs).toBe(300_000);
  });

  it('reads ./rag-validate.yaml from the working directory and switches to external mode when URLs are set', async () => {
    await writeConfig('rag-validate.yaml', 'target:\n  services:\n    rag:\n      url: http://staging.example:9000/\n');
    const config = await loadConfig({ env: {}, cwd: dir });
    expect(config.target.mode).toBe('external');
    expect(config.target.services.rag.url).toBe('http://staging.example:9000');
    expect(config.source.file).toBe(join(dir, 'rag-validate.yaml'));
  });

  it('lists every problem of an invalid file at once, each with its path', async () => {
    const file = await writeConfig(
      'bad.yaml',
      ['target:', '  contract: v3', '  services:', '    rag:', '      url: not-a-url', 'slos:', '  search:', '    availability: 1.5', ''].join('\n'),
    );
    const error = await loadConfig({ file, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.map((p) => p.path).sort();
    expect(problems).toEqual(['slos.search.availability', 'target.contract', 'target.services.rag.url']);
    expect((error as ConfigValidationError).message).toContain('3 problems');
    expect((error as ConfigValidationError).message).toContain('expected one of "auto", "codev-task06", "codev-head"');
  });

  it('names unknown keys so typos do not pass silently', () => {
    const error = (() => {
      try {
        resolveConfig({ target: { servcies: {} } }, { env: {} });
        return undefined;
      } catch (e) {
        return e as ConfigValidationError;
      }
    })();
    expect(error?.problems).toEqual([{ path: 'target', message: expect.stringContaining("'servcies'") as unknown as string }]);
  });

  it('reports the line of a YAML syntax error', async () => {
    const file = await writeConfig('broken.yaml', 'target:\n  mode: [unclosed\n');
    const error = await loadConfig({ file, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigParseError);
    expect((error as ConfigParseError).code).toBe('RV_ERR_CONFIG_PARSE');
    expect((error as ConfigParseError).line).toBeGreaterThan(0);
  });

  it('fails with RV_ERR_CONFIG_FILE when the named file does not exist', async () => {
    const error = await loadConfig({ file: join(dir, 'missing.yaml'), env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).message).toContain('no such file');
  });

  it('takes the file from RAG_VALIDATE_CONFIG when --config is not given', async () => {
    const file = await writeConfig('other.yaml', 'target:\n  contract: codev-head\n');
    const config = await loadConfig({ env: { RAG_VALIDATE_CONFIG: file }, cwd: dir });
    expect(config.target.contract).toBe('codev-head');
  });
});

describe('environment overrides', () => {
  it('override file values and are recorded in the source', () => {
    const config = resolveConfig(
      { target: { services: { rag: { url: 'http://from-file:8000' } } } },
      { env: { RAG_VALIDATE_RAG_URL: 'http://from-env:8000', RAG_VALIDATE_LLM_TIMEOUT_MS: '250', RAG_VALIDATE_CONTRACT: 'codev-task06' } },
    );
    expect(config.target.services.rag.url).toBe('http://from-env:8000');
    expect(config.target.services.llm.timeoutMs).toBe(250);
    expect(config.target.contract).toBe('codev-task06');
    expect(config.source.envOverrides).toEqual(['RAG_VALIDATE_RAG_URL', 'RAG_VALIDATE_LLM_TIMEOUT_MS', 'RAG_VALIDATE_CONTRACT']);
  });

  it('a URL set only in the environment makes the target external', () => {
    expect(resolveConfig({}, { env: { RAG_VALIDATE_VECTOR_DB_URL: 'http://qdrant:6333' } }).target.mode).toBe('external');
  });

  it('name the variable when its value is invalid', () => {
    expect(() => resolveConfig({}, { env: { RAG_VALIDATE_EMBEDDING_TIMEOUT_MS: 'soon' } })).toThrow(
      /target\.services\.embedding\.timeoutMs \(from RAG_VALIDATE_EMBEDDING_TIMEOUT_MS\)/,
    );
  });

  it('an explicit mode wins over URL detection', () => {
    const config = resolveConfig({ target: { mode: 'embedded', services: { rag: { url: 'http://x:1' } } } }, { env: {} });
    expect(config.target.mode).toBe('embedded');
  });
});

describe('${VAR} references', () => {
  it('are replaced from the environment, with :- fallbacks', () => {
    const config = resolveConfig(
      { target: { services: { llm: { auth: { apiKey: '${OPENAI_API_KEY}' } }, rag: { url: '${RAG_URL:-http://fallback:8000}' } } } },
      { env: { OPENAI_API_KEY: 'sk-test-1234' } },
    );
    expect(config.target.services.llm.auth?.apiKey).toBe('sk-test-1234');
    expect(config.target.services.rag.url).toBe('http://fallback:8000');
  });

  it('report an unset variable at its path', () => {
    expect(() => resolveConfig({ target: { services: { llm: { auth: { apiKey: '${MISSING_KEY}' } } } } }, { env: {} })).toThrow(
      /target\.services\.llm\.auth\.apiKey: environment variable MISSING_KEY is not set/,
    );
  });
});

describe('SLO overrides', () => {
  it('merge over the defaults key by key, and null removes a default', () => {
    const config = resolveConfig({ slos: { search: { latency: { p99Ms: 8_000, avgMs: null } } } }, { env: {} });
    expect(config.slos.search.latency).toEqual({ p95Ms: 5_000, p99Ms: 8_000 });
    expect(config.slos.search.throughput.rps).toBe(100);
  });

  it('reject an operation left with no latency objective', () => {
    expect(() => resolveConfig({ slos: { health: { latency: { avgMs: null } } } }, { env: {} })).toThrow(/slos\.health\.latency: expected at least one/);
  });
});

describe('perf settings', () => {
  it('default to a 60 s run after a 5 s warm-up, 1,000 calls in flight, a 10 s window and 10 ms lateness', () => {
    const { perf } = resolveConfig({}, { env: {} });
    expect(perf).toEqual({ durationMs: 60_000, warmupMs: 5_000, maxInFlight: 1_000, windowMs: 10_000, lateThresholdMs: 10 });
  });

  it('accept a zero warm-up and reject a zero in-flight cap, naming the path', () => {
    expect(resolveConfig({ perf: { warmupMs: 0 } }, { env: {} }).perf.warmupMs).toBe(0);
    expect(() => resolveConfig({ perf: { maxInFlight: 0, durationMs: -1 } }, { env: {} })).toThrow(/perf\.durationMs[\s\S]*perf\.maxInFlight|perf\.maxInFlight[\s\S]*perf\.durationMs/);
  });

  it('name a misspelt perf setting', () => {
    expect(() => resolveConfig({ perf: { warmup: 1 } }, { env: {} })).toThrow(/perf: unknown setting 'warmup'/);
  });
});
