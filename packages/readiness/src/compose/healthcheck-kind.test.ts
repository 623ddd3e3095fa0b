import { describe, expect, it } from 'vitest';
import { classifyHealthcheck } from './healthcheck-kind.js';

describe('classifyHealthcheck', () => {
  it.each([
    ['curl -f http://localhost:8000/health', 'http', '/health'],
    ['wget -q -O /dev/null http://127.0.0.1:6333/readyz || exit 1', 'http', '/readyz'],
    ['python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"', 'http', '/health'],
    ['node -e "fetch(\'http://127.0.0.1:8001/health\').then(r => process.exit(r.ok ? 0 : 1))"', 'http', '/health'],
    ['bash -c \'exec 3<>/dev/tcp/127.0.0.1/6333 && printf "GET /readyz HTTP/1.0\\r\\n\\r\\n" >&3 && grep -q "200 OK" <&3\'', 'http', '/readyz'],
    ["bash -c '</dev/tcp/localhost/6333' || exit 1", 'tcp', undefined],
    ['bash -c ":> /dev/tcp/127.0.0.1/6333"', 'tcp', undefined],
    ['nc -z localhost 8000', 'tcp', undefined],
    ['pg_isready -U postgres', 'other', undefined],
    ['', 'none', undefined],
  ])('%s → %s', (command, kind, path) => {
    const result = classifyHealthcheck(command);
    expect(result.kind).toBe(kind);
    expect(result.path).toBe(path);
  });

  it('treats a disabled or missing healthcheck as none', () => {
    expect(classifyHealthcheck('curl http://x/health', true).kind).toBe('none');
    expect(classifyHealthcheck(undefined).kind).toBe('none');
  });
});
