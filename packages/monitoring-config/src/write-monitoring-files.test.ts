import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitoringWriteError } from './errors.js';
import { generateMonitoringFiles } from './generate-monitoring-files.js';
import { writeMonitoringFiles } from './write-monitoring-files.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rv-monitoring-write-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const files = generateMonitoringFiles(defaultConfig());

describe('writeMonitoringFiles', () => {
  it('check mode on an empty dir reports every file missing and writes nothing', async () => {
    const dir = join(root, 'empty');
    const result = await writeMonitoringFiles(dir, files, { check: true });
    expect(result.missing).toEqual(files.map((f) => f.path));
    expect(result.upToDate).toBe(false);
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes the files, then check mode finds them current', async () => {
    const dir = join(root, 'fresh');
    const written = await writeMonitoringFiles(dir, files);
    expect(written.missing.length).toBe(files.length);
    expect(await readFile(join(dir, 'prometheus.yml'), 'utf8')).toBe(files.find((f) => f.path === 'prometheus.yml')?.content);
    const check = await writeMonitoringFiles(dir, files, { check: true });
    expect(check).toMatchObject({ upToDate: true, stale: [], missing: [], orphaned: [] });
    expect(check.current.length).toBe(files.length);
  });

  it('reports a hand-edited file as stale and a removed one as missing, and rewrites both', async () => {
    const dir = join(root, 'edited');
    await writeMonitoringFiles(dir, files);
    await writeFile(join(dir, 'alerts.yml'), `${await readFile(join(dir, 'alerts.yml'), 'utf8')}\n# my local tweak\n`);
    await rm(join(dir, 'grafana/dashboards/rag-validate-slos.json'));
    const check = await writeMonitoringFiles(dir, files, { check: true });
    expect(check).toMatchObject({ upToDate: false, stale: ['alerts.yml'], missing: ['grafana/dashboards/rag-validate-slos.json'] });
    await writeMonitoringFiles(dir, files);
    expect((await writeMonitoringFiles(dir, files, { check: true })).upToDate).toBe(true);
  });

  it('finds generated files the generator no longer writes (orphans) and deletes them, but never hand-written files', async () => {
    const dir = join(root, 'orphans');
    await writeMonitoringFiles(dir, files);
    const old = files.find((f) => f.path === 'grafana/dashboards/rag-validate-slos.json');
    await writeFile(join(dir, 'grafana/dashboards/old-name.json'), old?.content ?? '');
    await writeFile(join(dir, 'grafana/dashboards/my-own.json'), '{"title": "hand-made"}\n');
    await writeFile(join(dir, 'extra-rules.yml'), 'groups: []\n');
    const check = await writeMonitoringFiles(dir, files, { check: true });
    expect(check).toMatchObject({ upToDate: false, orphaned: ['grafana/dashboards/old-name.json'] });
    await writeMonitoringFiles(dir, files);
    await expect(stat(join(dir, 'grafana/dashboards/old-name.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(join(dir, 'grafana/dashboards/my-own.json'), 'utf8')).toContain('hand-made');
    expect(await readFile(join(dir, 'extra-rules.yml'), 'utf8')).toBe('groups: []\n');
  });

  it('fails with RV_ERR_MONITORING_WRITE when the output path is a file', async () => {
    const blocker = join(root, 'blocker');
    await mkdir(root, { recursive: true });
    await writeFile(blocker, 'not a directory');
    await expect(writeMonitoringFiles(blocker, files)).rejects.toBeInstanceOf(MonitoringWriteError);
    await expect(writeMonitoringFiles(blocker, files)).rejects.toMatchObject({ code: 'RV_ERR_MONITORING_WRITE' });
  });
});
