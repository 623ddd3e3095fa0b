/** What an error answer gives away. */
export interface Leak {
  readonly kind: 'stack trace' | 'internal path' | 'version';
  /** The matched text, cut short. */
  readonly match: string;
}

const STACK_TRACES: readonly RegExp[] = [
  /Traceback \(most recent call last\)/,
  /File "[^"]+", line \d+/,
  /\bat (?:async )?[\w$.<>[\]]+ \((?:file:\/\/|node:)?[^()\s]*:\d+:\d+\)/,
  /\n\s+at (?:async )?(?:file:\/\/)?\/[^\s)]+:\d+:\d+/,
  /\bat [\w.$]+\([\w$]+\.(?:java|kt|scala):\d+\)/,
  /Exception in thread "/,
  /goroutine \d+ \[running\]/,
  /panicked at /,
  /\bat [\w.]+\(.*\) in .*:line \d+/,
];

const INTERNAL_PATHS: readonly RegExp[] = [
  /(?:^|[\s"'(=:,[])((?:\/(?:app|usr|home|opt|srv|root|workspace|work|src|build|code|var\/www|var\/lib|proc))(?:\/[\w.@+-]+)+)/,
  /[\w./-]*(?:node_modules|site-packages|dist-packages)\/[\w./@+-]+/,
  /\b[A-Za-z]:\\(?:[\w.-]+\\)+[\w.-]+/,
];

const VERSIONED_PRODUCTS =
  /\b(?:python|node(?:\.js)?|fastapi|uvicorn|starlette|express|fastify|django|flask|werkzeug|pydantic|gunicorn|nginx|apache|openjdk|spring|tomcat|jetty|php|ruby|rails)[ /:v-]{1,3}\d+\.\d+(?:\.\d+)?/i;
const PYDANTIC_ERROR_URL = /https:\/\/errors\.pydantic\.dev\/\d+\.\d+\/[\w/]+/;

/**
 * Finds stack traces, internal file paths and product versions in an error answer. `sent` are the
 * strings of our own request: they are removed first, so a service that echoes our input (FastAPI
 * 422 `input`, "file not found: <path>") is not blamed for it.
 */
export function findLeaks(body: string, headers: Readonly<Record<string, string | undefined>>, sent: readonly string[]): Leak[] {
  let text = body;
  for (const value of [...sent].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) {
    text = text.split(value).join('');
    text = text.split(JSON.stringify(value).slice(1, -1)).join('');
  }
  const leaks: Leak[] = [];
  const add = (kind: Leak['kind'], match: string | undefined) => {
    if (match !== undefined && !leaks.some((l) => l.kind === kind)) leaks.push({ kind, match: match.trim().slice(0, 80) });
  };
  for (const pattern of STACK_TRACES) add('stack trace', pattern.exec(text)?.[0]);
  for (const pattern of INTERNAL_PATHS) {
    const m = pattern.exec(text);
    add('internal path', m?.[1] ?? m?.[0]);
  }
  add('version', PYDANTIC_ERROR_URL.exec(text)?.[0] ?? VERSIONED_PRODUCTS.exec(text)?.[0]);
  const server = headers['server'];
  if (server !== undefined && /\/\s*v?\d|\d+\.\d+/.test(server)) add('version', `Server: ${server}`);
  const poweredBy = headers['x-powered-by'] ?? headers['x-aspnet-version'];
  if (poweredBy !== undefined) add('version', `X-Powered-By: ${poweredBy}`);
  return leaks;
}
