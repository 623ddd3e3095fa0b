import { InvalidFaultOptionError } from '../../errors.js';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port` (also `[::1]:port` and an http(s) URL, whose port defaults to 80/443). */
export function parseHostPort(value: string, option: string): HostPort {
  const text = value.trim();
  if (/^https?:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new InvalidFaultOptionError(option, `expected host:port or a URL, got ${JSON.stringify(value)}`);
    }
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  }
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || port > 65_535) throw new InvalidFaultOptionError(option, `expected host:port, got ${JSON.stringify(value)}`);
  return { host: match[1] ?? match[2] ?? '', port };
}
