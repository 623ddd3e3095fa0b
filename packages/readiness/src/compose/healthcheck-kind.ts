/** What a compose healthcheck actually tests. */
export interface HealthcheckKind {
  /**
   * `http`: an HTTP request (curl, wget, a script, or a raw `GET` written to /dev/tcp);
   * `tcp`: only opens a TCP connection (`</dev/tcp/host/port`, `nc -z`) — a hung or erroring
   * service still passes; `other`: a protocol-specific client (`pg_isready`, `redis-cli ping`) or a
   * process check; `none`: no healthcheck or disabled.
   */
  readonly kind: 'http' | 'tcp' | 'other' | 'none';
  /** The path requested, for HTTP checks (`/readyz`). */
  readonly path?: string;
}

const HTTP_URL = /https?:\/\/[^\s'"\\]+/i;
const HTTP_CLIENT = /\b(?:curl|wget|python3?|node|deno|bun|http|httpie|fetch|urllib|requests|httpx|busybox)\b/i;
const RAW_HTTP_REQUEST = /\b(?:GET|HEAD)\s+(\/[^\s'"\\]*)\s+HTTP\/1/;
const TCP_ONLY = /\/dev\/tcp\/|\bnc\b[^|;&]*\s-[a-z]*z|\bncat\b|\bnc\s|\btelnet\b|\bsocat\b/i;

/** Classifies a healthcheck command (the `test` joined into one string). */
export function classifyHealthcheck(command: string | undefined, disabled = false): HealthcheckKind {
  if (command === undefined || disabled || command.trim() === '') return { kind: 'none' };
  const raw = RAW_HTTP_REQUEST.exec(command);
  if (raw !== null) return { kind: 'http', path: raw[1] ?? '/' };
  const url = HTTP_URL.exec(command);
  if (url !== null && HTTP_CLIENT.test(command)) {
    let path = '/';
    try {
      path = new URL(url[0]).pathname;
    } catch {
      // keep '/'
    }
    return { kind: 'http', path };
  }
  if (TCP_ONLY.test(command)) return { kind: 'tcp' };
  return { kind: 'other' };
}
