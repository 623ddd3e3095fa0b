import type { RagValidateConfig } from './load-config.js';
import { SERVICE_NAMES } from './schema/service-names.js';

/** What a secret is replaced with in any output. */
export const REDACTED = '***';

/** Every credential in the config (API keys and extra header values). */
export function collectSecrets(config: Pick<RagValidateConfig, 'target'>): string[] {
  const secrets: string[] = [];
  for (const name of SERVICE_NAMES) {
    const auth = config.target.services[name].auth;
    if (auth === undefined) continue;
    if (auth.apiKey !== undefined) secrets.push(auth.apiKey);
    secrets.push(...Object.values(auth.headers));
  }
  return secrets.filter((secret) => secret.length > 0);
}

/** A deep copy of the config with every credential replaced by `***`, safe to print. */
export function redactConfig<T extends Pick<RagValidateConfig, 'target'>>(config: T): T {
  const copy = structuredClone(config);
  for (const name of SERVICE_NAMES) {
    const auth = copy.target.services[name].auth;
    if (auth === undefined) continue;
    if (auth.apiKey !== undefined) auth.apiKey = REDACTED;
    for (const key of Object.keys(auth.headers)) auth.headers[key] = REDACTED;
  }
  return copy;
}

// A header name, not the end of a file name or path (`secrets/vector-db.api-key: create it …`).
const HEADER_SECRET = /(?<![\w./-])(authorization|api-key|x-api-key|proxy-authorization|cookie)(["']?\s*[:=]\s*["']?)(bearer\s+|basic\s+)?[^\s"',}]+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(:[^/\s@]*)?@/gi;

/**
 * Returns a function that removes secrets from any text before it is logged or written: the given
 * secret values, credential-looking headers (`Authorization: Bearer …`, `api-key: …`) and
 * user:password in URLs.
 */
export function createRedactor(secrets: readonly string[] = []): (text: string) => string {
  const ordered = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const secret of ordered) out = out.split(secret).join(REDACTED);
    out = out.replace(HEADER_SECRET, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}${REDACTED}`);
    out = out.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`);
    return out;
  };
}
