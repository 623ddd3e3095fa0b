import { sendJson, startTestServer, type TestServer } from '@rag-validate/clients/testing';

/** One advisory as the npm registry's bulk advisory endpoint returns it. */
export interface FakeAdvisory {
  readonly id: number;
  readonly title: string;
  readonly severity: 'critical' | 'high' | 'moderate' | 'low' | 'info';
  readonly vulnerableVersions: string;
}

/**
 * A local stand-in for the npm registry's audit API, for `npm audit --registry <url>`: the real npm
 * client POSTs `/-/npm/v1/security/advisories/bulk` (gzip) and GETs the packuments of vulnerable
 * packages to compute fixes. `status` other than 200 makes the audit endpoint fail (as the proxy
 * in front of this machine's registry does with 405).
 */
export async function startFakeNpmRegistry(options: { advisories?: Readonly<Record<string, readonly FakeAdvisory[]>>; status?: number; versions?: Readonly<Record<string, readonly string[]>> } = {}): Promise<TestServer> {
  const { advisories = {}, status = 200, versions = {} } = options;
  return startTestServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path === '/-/npm/v1/security/advisories/bulk') {
      if (status !== 200) return sendJson(res, status, { error: `fake registry answers ${status}` });
      const body = Object.fromEntries(
        Object.entries(advisories).map(([name, list]) => [
          name,
          list.map((a) => ({ id: a.id, url: `https://github.com/advisories/${a.id}`, title: a.title, severity: a.severity, vulnerable_versions: a.vulnerableVersions, cwe: [], cvss: { score: 0 } })),
        ]),
      );
      return sendJson(res, 200, body);
    }
    const name = decodeURIComponent(path.slice(1));
    const known = versions[name];
    if (req.method === 'GET' && known !== undefined) {
      const entry = (version: string) => ({ name, version, dist: { tarball: `http://127.0.0.1/${name}-${version}.tgz` } });
      return sendJson(res, 200, { name, 'dist-tags': { latest: known.at(-1) }, versions: Object.fromEntries(known.map((v) => [v, entry(v)])) });
    }
    return sendJson(res, 404, { error: 'Not found' });
  });
}
