/**
 * Reads the service configuration from environment variables once at startup
 * and fails fast with every problem listed, instead of crashing later on the
 * first request that needs a missing value.
 */
const SPEC = {
  NODE_ENV: { default: 'development', oneOf: ['development', 'test', 'production'] },
  PORT: { default: '3000', type: 'port' },
  DATABASE_URL: { required: true },
  JWT_SECRET: { required: true, minLength: 32, secret: true },
  CORS_ORIGINS: { default: '', type: 'list' },
  LOG_LEVEL: { default: 'info', oneOf: ['debug', 'info', 'warn', 'error'] },
};

function parseValue(name, raw, rule, problems) {
  if (rule.oneOf && !rule.oneOf.includes(raw)) {
    problems.push(`${name} must be one of ${rule.oneOf.join(', ')} (got "${raw}")`);
  }
  if (rule.minLength && raw.length < rule.minLength) {
    problems.push(`${name} must be at least ${rule.minLength} characters`);
  }
  if (rule.type === 'port') {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${name} must be a TCP port`);
    return port;
  }
  if (rule.type === 'list') {
    return raw.split(',').map((s) => s.trim()).filter(Boolean);
  }
  return raw;
}

export function loadEnv(env = process.env) {
  const problems = [];
  const config = {};
  for (const [name, rule] of Object.entries(SPEC)) {
    const raw = env[name] ?? rule.default;
    if (raw === undefined || raw === '') {
      if (rule.required) problems.push(`${name} is required`);
      continue;
    }
    config[name] = parseValue(name, raw, rule, problems);
  }
  if (problems.length > 0) {
    throw new Error(`invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze(config);
}

/** For startup logs: the config with secrets masked. */
export function describeEnv(config) {
  return Object.fromEntries(
    Object.entries(config).map(([name, value]) => [name, SPEC[name]?.secret ? '***' : value]),
  );
}
