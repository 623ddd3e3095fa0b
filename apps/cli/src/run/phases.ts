import { createServiceClients, probeServices } from '@rag-validate/clients';
import { e2eToJUnitXml } from '@rag-validate/e2e';
import { ChaosJournal, SHIPPED_EXPERIMENTS } from '@rag-validate/chaos';
import type { HealthResult } from '@rag-validate/report';
import { runChaosAndReport } from '../commands/chaos.js';
import { printE2eSummary, runE2eWithProgress } from '../commands/e2e.js';
import { runPerfPhase } from '../commands/perf.js';
import { runReadinessAndReport } from '../commands/readiness.js';
import type { Phase, PhaseName } from './phase.js';

const healthPhase: Phase = {
  name: 'health',
  title: 'health of the four services',
  async run({ target, output, writer }) {
    const results = await probeServices(createServiceClients(target.config), { timeoutMs: target.config.target.healthTimeoutMs, signal: target.signal });
    output.table(
      ['service', 'url', 'status', 'detail'],
      results.map((r) => [r.displayName, r.url, r.ok ? 'healthy' : 'NOT HEALTHY', r.probes.map((p) => `${p.endpoint} ${p.detail}`).join('; ')]),
    );
    const health: HealthResult = { kind: 'health', version: 1, checkedAt: new Date().toISOString(), services: results };
    const file = await writer.json('health.json', health);
    const down = results.filter((r) => !r.ok).map((r) => r.displayName);
    return { status: down.length === 0 ? 'pass' : 'fail', summary: down.length === 0 ? '4/4 services healthy' : `not healthy: ${down.join(', ')}`, files: [file] };
  },
};

const e2ePhase: Phase = {
  name: 'e2e',
  title: 'e2e suites',
  async run({ target, output, writer }) {
    const result = await runE2eWithProgress(output, target.config, undefined, target.signal);
    printE2eSummary(output, result);
    const files = [await writer.json('e2e.json', result), await writer.text('e2e-junit.xml', e2eToJUnitXml(result))];
    const cases = result.suites.flatMap((s) => s.cases);
    const count = (status: string) => cases.filter((c) => c.status === status).length;
    return { status: result.status, summary: `${count('pass')} passed, ${count('fail')} failed, ${count('finding')} findings, ${count('skip')} skipped`, files };
  },
};

const perfPhase: Phase = {
  name: 'perf',
  title: 'load at the SLO rates, gated on the SLOs',
  run: ({ target, output, writer, full }) => runPerfPhase(output, target.config, { full, dir: writer.dir, signal: target.signal }),
};

const chaosPhase: Phase = {
  name: 'chaos',
  title: 'fault injection: clean errors, recovery time, no data lost, rollback',
  async run({ target, cli, writer }) {
    const config = target.config;
    const embedded = config.target.mode === 'embedded';
    if (!embedded && !config.chaos.allowExternalTarget) {
      return { status: 'skip', summary: 'external target: chaos needs chaos.allowExternalTarget: true (and chaos.process/proxies/docker settings)', files: [] };
    }
    if (embedded && config.chaos.driver === 'docker') {
      return { status: 'skip', summary: 'the docker driver needs the stack in containers: run `rag-validate chaos run all --driver docker` against a compose deployment', files: [] };
    }
    // In embedded mode the experiments get a stack of their own (with fault proxies in front of its
    // dependencies), so faults never touch the stack the other areas measure.
    const { result, files } = await runChaosAndReport(cli, config, {
      experiments: SHIPPED_EXPERIMENTS,
      selection: 'all',
      journal: new ChaosJournal(config.chaos.journalFile, cli.cwd),
      embedded,
      prometheusUrl: config.chaos.prometheusUrl,
      resultsDir: writer.dir,
    });
    const passed = result.experiments.filter((e) => e.verdict === 'pass').length;
    const recoveries = result.experiments.map((e) => e.recovery?.timeToFirstGoodQueryMs).filter((ms): ms is number => typeof ms === 'number');
    const worst = recoveries.length > 0 ? `; slowest recovery ${(Math.max(...recoveries) / 1_000).toFixed(1)} s (MTTR objective ${config.recovery.mttrMs / 1_000} s)` : '';
    return { status: result.pass ? 'pass' : 'fail', summary: `${passed}/${result.experiments.length} experiments passed${worst}`, files };
  },
};

const readinessPhase: Phase = {
  name: 'readiness',
  title: 'production-readiness checklist',
  async run({ target, cli, writer, deployment }) {
    const { result, files } = await runReadinessAndReport(cli, target.config, {
      profile: 'production',
      audit: true,
      out: writer.dir,
      ...(deployment.compose === undefined ? {} : { compose: deployment.compose }),
      ...(deployment.envFile === undefined ? {} : { envFile: deployment.envFile }),
    });
    const verdict = result.verdict.replace(/-/g, ' ').toUpperCase();
    const critical = result.criticalFailures.length > 0 ? `; critical: ${result.criticalFailures.join(', ')}` : '';
    return { status: result.verdict === 'not-ready' ? 'fail' : 'pass', summary: `${verdict}, score ${result.score}/100${critical}`, files };
  },
};

/** Every phase of `run`, by name. */
export const PHASES: Readonly<Record<PhaseName, Phase>> = { health: healthPhase, e2e: e2ePhase, perf: perfPhase, chaos: chaosPhase, readiness: readinessPhase };
