import { describe, expect, it } from 'vitest';
import { resolveConfig } from './load-config.js';
import { collectSecrets, createRedactor, redactConfig, REDACTED } from './redact.js';

const config = resolveConfig(
  {
    target: {
      services: {
        llm: { auth: { apiKey: 'sk-live-abcdef123456' } },
        vectorDb: { auth: { apiKey: 'qdrant-key-987654', apiKeyHeader: 'api-key', headers: { 'x-tenant-token': 'tenant-secret-42' } } },
      },
    },
  },
  { env: {} },
);

describe('redactConfig', () => {
  it('replaces every credential and keeps everything else', () => {
    const redacted = redactConfig(config);
    const text = JSON.stringify(redacted);
    for (const secret of collectSecrets(config)) expect(text).not.toContain(secret);
    expect(redacted.target.services.vectorDb.auth?.apiKey).toBe(REDACTED);
    expect(redacted.target.services.vectorDb.auth?.headers).toEqual({ 'x-tenant-token': REDACTED });
    expect(redacted.target.services.vectorDb.url).toBe('http://localhost:6333');
  });

  it('does not modify the config it was given', () => {
    redactConfig(config);
    expect(config.target.services.llm.auth?.apiKey).toBe('sk-live-abcdef123456');
  });
});

describe('createRedactor', () => {
  const redact = createRedactor(collectSecrets(config));

  it('removes configured secret values wherever they appear', () => {
    expect(redact('upstream said: invalid key sk-live-abcdef123456 (tenant-secret-42)')).toBe(`upstream said: invalid key ${REDACTED} (${REDACTED})`);
  });

  it('masks credential headers and URL user info even when the value is not configured', () => {
    expect(redact('Authorization: Bearer eyJhbGciOi.x.y')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('{"api-key":"unknown-key-1"}')).toBe(`{"api-key":"${REDACTED}"}`);
    expect(redact('X-Api-Key: unknown-key-2')).toBe(`X-Api-Key: ${REDACTED}`);
    expect(redact('headers: {authorization=Basic dXNlcjpwYXNz}')).toBe(`headers: {authorization=Basic ${REDACTED}}`);
    expect(redact('GET https://user:pa55@qdrant.internal:6333/collections')).toBe(`GET https://${REDACTED}@qdrant.internal:6333/collections`);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('search p95 4200 ms at 100 rps')).toBe('search p95 4200 ms at 100 rps');
    expect(redact('prometheus.yml reads secrets/vector-db.api-key: create it with the key')).toBe('prometheus.yml reads secrets/vector-db.api-key: create it with the key');
  });
});
