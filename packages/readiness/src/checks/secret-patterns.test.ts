import { describe, expect, it } from 'vitest';
import { findLeaks } from './leak-patterns.js';
import { credentialShape, isPlaceholderSecret, isSecretName } from './secret-patterns.js';

describe('isSecretName', () => {
  it.each(['OPENAI_API_KEY', 'SECRET_KEY', 'POSTGRES_PASSWORD', 'QDRANT__SERVICE__API_KEY', 'GITHUB_TOKEN', 'LLM_UPSTREAM_API_KEY', 'AWS_SECRET_ACCESS_KEY'])('%s holds a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['ACCESS_TOKEN_EXPIRE_MINUTES', 'API_KEY_FILE', 'API_KEY_HEADER', 'KEYWORDS', 'MODEL_NAME', 'TOKEN_LIMIT', 'PASSWORD_PATH'])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('isPlaceholderSecret', () => {
  it.each(['changeme', 'CHANGE_ME', 'your-api-key', 'your_openai_api_key_here', 'your-secret-key-here', 'sk-...', 'sk-xxxx', 'sk-dummy-key', '<api key>', '{{ secret }}', 'xxx', '****', 'secret', 'Password', 'replace-me', 'dev-secret-key'])(
    '%j is a placeholder',
    (value) => {
      expect(isPlaceholderSecret(value)).toBe(true);
    },
  );

  it.each(['sk-proj-3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c', '8f14e45fceea167a5a36dedd4bea2543', 'S3cure-Generated-Value-93jd8'])('%j is not', (value) => {
    expect(isPlaceholderSecret(value)).toBe(false);
  });
});

describe('credentialShape', () => {
  it('recognises real-looking credentials, not ordinary values', () => {
    expect(credentialShape('sk-proj-abcdefghijklmnopqrstuvwxyz0123')).toBe('OpenAI-style key');
    expect(credentialShape('AKIAIOSFODNN7EXAMPLE')).toBe('AWS access key id');
    expect(credentialShape('postgresql://user:pw@db:5432/app')).toBe('password in a URL');
    expect(credentialShape('postgresql://user:${PW}@db:5432/app')).toBeUndefined();
    expect(credentialShape('http://embedding-server:8001')).toBeUndefined();
  });
});

describe('findLeaks', () => {
  it('finds stack traces, internal paths and versions, ignoring what we sent', () => {
    expect(findLeaks('Traceback (most recent call last):\n  File "/app/main.py", line 3', {}, []).map((l) => l.kind)).toEqual(['stack trace', 'internal path']);
    expect(findLeaks('{"detail":"not found: /app/probe-x.py"}', {}, ['/app/probe-x.py'])).toEqual([]);
    expect(findLeaks('{"detail":"Not Found"}', { server: 'nginx/1.25.3' }, [])).toEqual([{ kind: 'version', match: 'Server: nginx/1.25.3' }]);
    expect(findLeaks('{"detail":"Not Found"}', { server: 'uvicorn' }, [])).toEqual([]);
    expect(findLeaks('{"error":"x"}', { 'x-powered-by': 'Express' }, [])).toEqual([{ kind: 'version', match: 'X-Powered-By: Express' }]);
  });
});
