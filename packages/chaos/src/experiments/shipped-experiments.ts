import { UnknownExperimentError } from '../errors.js';
import { Experiment, type ExperimentDefinition } from '../experiment/experiment.js';
import { Fault } from '../faults/fault-spec.js';

/**
 * The experiments rag-validate ships (seed Phase 3, 장애 복구 테스트). Each states what a healthy
 * system does; the reference stack is built to do exactly that.
 */
export const SHIPPED_EXPERIMENTS: readonly ExperimentDefinition[] = [
  Experiment.named('embedding-down')
    .titled('Embedding server down')
    .describedAs('Stops the embedding-server while search and generation run, starts it again, and measures how long the rag-server takes to serve good answers.')
    .injecting(Fault.stop('embedding'))
    .underLoad('search', 'generate')
    .expecting({ search: 'fails-cleanly', generate: 'fails-cleanly' })
    .expectingOutcome('search and generate answer 503 with a JSON body within 10 s (no hang, no empty 200); the rag-server recovers by itself once the embedding-server is back')
    .withAlert({ alertname: 'ServiceDown', labels: { service: 'embedding-server' } })
    .build(),
  Experiment.named('llm-down')
    .titled('LLM server down')
    .describedAs('Stops the llm-server: generation must fail cleanly while search, which needs no LLM, keeps working.')
    .injecting(Fault.stop('llm'))
    .underLoad('search', 'generate')
    .expecting({ search: 'available', generate: 'fails-cleanly' })
    .expectingOutcome('generate answers 503 with a JSON body within 10 s; search keeps answering as before; generation recovers by itself')
    .withAlert({ alertname: 'ServiceDown', labels: { service: 'llm-server' } })
    .build(),
  Experiment.named('vector-db-down')
    .titled('Vector DB down, then data consistency')
    .describedAs('Stops the vector DB, starts it again, and proves nothing indexed was lost: the pre-fault manifest (point ids and content hashes) against an exact count and a full scroll.')
    .injecting(Fault.stop('vectorDb'))
    .underLoad('search', 'generate')
    .expecting({ search: 'fails-cleanly', generate: 'fails-cleanly' })
    .withConsistencyCheck()
    .expectingOutcome('search and generate answer 503 with a JSON body within 10 s; after the restart every pre-fault point is present and unchanged, exact counts match')
    .withAlert({ alertname: 'ServiceDown', labels: { service: 'vector-db' } })
    .build(),
  Experiment.named('rag-server-crash')
    .titled('rag-server crash (kill -9) during indexing')
    .describedAs('Kills the rag-server with SIGKILL under an indexing load and starts it again: every write it acknowledged must be stored; writes in flight fail visibly to the client.')
    .injecting(Fault.crash('rag'))
    .underLoad('index')
    .expecting({ index: 'fails-cleanly' })
    .acceptingConnectionErrors()
    .comparingAnswersLoosely()
    .withConsistencyCheck()
    .withDurableWrites()
    .expectingOutcome('index calls fail with refused/reset connections while the rag-server is down; no acknowledged chunk is lost and no pre-fault point changes; it serves again right after the restart')
    .withAlert({ alertname: 'ServiceDown', labels: { service: 'rag-server' } })
    .build(),
  Experiment.named('slow-llm-network')
    .titled('Slow network to the LLM')
    .describedAs('Adds 2 s ± 0.5 s of latency (both directions) on the rag-server → llm-server path with the TCP fault proxy: generation must stay within its p95 SLO, without errors.')
    .injecting(Fault.latency('llm', 2_000, { jitterMs: 500 }))
    .underLoad('generate', 'search')
    .expecting({ generate: 'available', search: 'available' })
    .withLatencyObjective('generate')
    .expectingOutcome('generation slows by the injected delay but succeeds within slos.generate.latency.p95Ms; search is unaffected')
    .build(),
  Experiment.named('vector-db-blackhole')
    .titled('Vector DB blackhole')
    .describedAs('Makes the rag-server → vector-db path accept connections and never answer (TCP fault proxy): the rag-server must time out its calls, not hang its clients.')
    .injecting(Fault.blackhole('vectorDb', { direction: 'both' }))
    .underLoad('search')
    .expecting({ search: 'fails-cleanly' })
    .expectingOutcome('search answers 503/504 with a JSON body within 10 s (a timeout, not a hang) and recovers once the path answers again')
    .withAlert({ alertname: 'HighErrorRate', labels: { service: 'rag-server' } })
    .build(),
  Experiment.named('embedding-freeze')
    .titled('Embedding server frozen (SIGSTOP)')
    .describedAs('Freezes the embedding-server process: its port stays open but nothing answers. The rag-server must time out and answer cleanly; SIGCONT ends the fault.')
    .injecting(Fault.freeze('embedding'))
    .underLoad('search')
    .expecting({ search: 'fails-cleanly' })
    .expectingOutcome('search answers 503 with a JSON body within 10 s; after SIGCONT it recovers by itself')
    .withAlert({ alertname: 'ServiceDown', labels: { service: 'embedding-server' } })
    .build(),
];

/** Names of the shipped experiments. */
export const EXPERIMENT_NAMES: readonly string[] = SHIPPED_EXPERIMENTS.map((e) => e.name);

/** The shipped experiments with these names, in the order given (`all` selects every one). */
export function selectExperiments(names: readonly string[]): ExperimentDefinition[] {
  if (names.length === 0 || names.includes('all')) return [...SHIPPED_EXPERIMENTS];
  return names.map((name) => {
    const found = SHIPPED_EXPERIMENTS.find((e) => e.name === name);
    if (found === undefined) throw new UnknownExperimentError(name, EXPERIMENT_NAMES);
    return found;
  });
}
