import type { RagValidateConfig } from './load-config.js';
import { SERVICE_NAMES, type ServiceName } from './schema/service-names.js';

/** The four service URLs of a target. */
export type ServiceUrls = Readonly<Record<ServiceName, string>>;

/** The configured URL of every service. */
export function serviceUrls(config: Pick<RagValidateConfig, 'target'>): ServiceUrls {
  const entries = SERVICE_NAMES.map((name) => [name, config.target.services[name].url] as const);
  return Object.fromEntries(entries) as Record<ServiceName, string>;
}

/**
 * The same config pointed at other URLs, e.g. at a reference stack started on free ports.
 * Everything else (timeouts, auth, SLOs) is kept.
 */
export function withServiceUrls<T extends RagValidateConfig>(config: T, urls: Partial<ServiceUrls>): T {
  const services = { ...config.target.services };
  for (const name of SERVICE_NAMES) {
    const url = urls[name];
    if (url !== undefined) services[name] = { ...services[name], url: url.replace(/\/+$/, '') };
  }
  return { ...config, target: { ...config.target, services } };
}
