/**
 * Recognising secrets and the placeholders people leave in their place. Shared by the
 * configuration checks (placeholder values) and the deployment checks (secrets written inline).
 */

/** Variable names that hold a credential: `OPENAI_API_KEY`, `SECRET_KEY`, `POSTGRES_PASSWORD`, `QDRANT__SERVICE__API_KEY`… */
const SECRET_NAME = /(?:^|_)(?:API_?KEY|APIKEY|SECRET(?:_KEY)?|TOKEN|PASSWORD|PASSWD|PASS|PRIVATE_KEY|CREDENTIALS?|AUTH_KEY|ACCESS_KEY)$/i;
/** Names that look secret but hold a reference to one (a file path, a name). */
const SECRET_REFERENCE_NAME = /_(?:FILE|PATH|NAME|HEADER|ID)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !SECRET_REFERENCE_NAME.test(name);
}

/**
 * Values that are placeholders or well-known defaults, never real credentials: `changeme`,
 * `your-api-key`, `your_openai_api_key_here`, `sk-...`, `sk-dummy-key` (the codev rag-server's
 * OPENAI_API_KEY default), `your-secret-key-here` (its SECRET_KEY default), `<your key>`, `xxx`…
 */
const PLACEHOLDERS: readonly RegExp[] = [
  /^change[-_ ]?(?:me|it|this)$/i,
  /^(?:replace|insert|put|enter|set)[-_ ]?(?:me|here|your|with)/i,
  /^your[-_ ]/i,
  /[-_ ]here$/i,
  /^<.*>$/,
  /^\[.*\]$/,
  /^\{\{.*\}\}$/,
  /^(?:x+|\*+|\.+|-+|0+|1234\d*|12345678|abc\d*|qwerty)$/i,
  /^sk-(?:\.+|x+|\*+|dummy.*|test.*|fake.*|your.*|placeholder.*|proj-\.+|\.\.\..*)$/i,
  /^(?:secret|password|passwd|pass|admin|root|test|testing|dummy|example|sample|placeholder|todo|tbd|fixme|default|none|null|undefined|token|key|apikey|api-key|api_key|mysecret|supersecret|s3cr3t|letmein)$/i,
  /^(?:dev|development|local|test)[-_](?:secret|key|token|password)/i,
];

/** True when the value is a placeholder or a known default (the variable is then effectively unset). */
export function isPlaceholderSecret(value: string): boolean {
  const trimmed = value.trim();
  return PLACEHOLDERS.some((pattern) => pattern.test(trimmed));
}

/** Values shaped like real credentials whatever the variable is called. */
const CREDENTIAL_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['OpenAI-style key', /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/],
  ['AWS access key id', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{30,}/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['password in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@$]+@/i],
];

/** The kind of credential a value looks like, or undefined. */
export function credentialShape(value: string): string | undefined {
  for (const [kind, pattern] of CREDENTIAL_SHAPES) if (pattern.test(value)) return kind;
  return undefined;
}

/** A value for reports: never the secret itself, only its length and kind. */
export function describeSecret(value: string): string {
  return `${value.length} characters`;
}
