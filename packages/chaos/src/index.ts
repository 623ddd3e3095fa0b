// Faults and the injector interface.
export { Fault, CHAOS_DRIVERS, SERVICE_FAULT_KINDS, PROXY_FAULT_KINDS, describeFault, isProxyFault } from './faults/fault-spec.js';
export type { ChaosDriverName, FaultKind, FaultSpec, ProxyFault, ServiceFault } from './faults/fault-spec.js';
export type { FaultInjector, InjectOptions } from './faults/fault-injector.js';
export { StartedFault, activeFaults, rollbackActiveFaults } from './faults/started-fault.js';
export type { StartedFaultState } from './faults/started-fault.js';

// Drivers.
export { ProcessFaultInjector } from './drivers/process/process-fault-injector.js';
export { PidFileProcess } from './drivers/process/pid-file-process.js';
export type { PidFileProcessOptions } from './drivers/process/pid-file-process.js';
export { StackServiceProcess } from './drivers/process/stack-service-process.js';
export type { StackServiceHandle } from './drivers/process/stack-service-process.js';
export type { ManagedProcess } from './drivers/process/managed-process.js';
export { processState } from './drivers/process/process-liveness.js';
export type { ProcessState } from './drivers/process/process-liveness.js';
export { DockerFaultInjector, createDockerFaultInjector } from './drivers/docker/docker-fault-injector.js';
export type { DockerFaultInjectorOptions } from './drivers/docker/docker-fault-injector.js';
export { ContainerResolver } from './drivers/docker/container-resolver.js';
export type { ContainerSelection, ResolvedContainer } from './drivers/docker/container-resolver.js';
export { connectDocker, defaultDockerSocket } from './drivers/docker/docker-connection.js';
export { TcpProxyFaultInjector } from './drivers/tcp-proxy/tcp-proxy-fault-injector.js';
export { TcpFaultProxy } from './drivers/tcp-proxy/tcp-fault-proxy.js';
export type { TcpFaultProxyOptions, TcpFaultProxyState, TcpFaultProxyStats } from './drivers/tcp-proxy/tcp-fault-proxy.js';
export { startFaultProxyProcess } from './drivers/tcp-proxy/fault-proxy-process.js';
export type { FaultProxyProcess, FaultProxyProcessOptions } from './drivers/tcp-proxy/fault-proxy-process.js';
export { ProxyControlClient } from './drivers/tcp-proxy/proxy-control-client.js';
export { startProxyControlServer } from './drivers/tcp-proxy/proxy-control-server.js';
export { toxicSchema, TOXIC_TYPES, describeToxic } from './drivers/tcp-proxy/toxic.js';
export type { Toxic, ToxicInput, ToxicType, ToxicDirection } from './drivers/tcp-proxy/toxic.js';

// Journal, rollback and safety.
export { ChaosJournal, DEFAULT_JOURNAL_FILE } from './journal/chaos-journal.js';
export type { JournalEntry } from './journal/chaos-journal.js';
export type { UndoRecipe, UndoOutcome } from './journal/undo-recipe.js';
export { rollbackJournal, undoRecipe } from './journal/rollback-journal.js';
export type { JournalRollbackItem, JournalRollbackReport, RollbackJournalOptions } from './journal/rollback-journal.js';
export { assertFaultAllowed, chaosPolicy } from './safety/chaos-policy.js';
export type { ChaosPolicy, TargetKind } from './safety/chaos-policy.js';
export { rollbackOnSignals } from './safety/rollback-on-signals.js';
export type { SignalGuard } from './safety/rollback-on-signals.js';

// Experiments.
export { Experiment, defaultSteadyState } from './experiment/experiment.js';
export type { ExperimentDefinition, OperationExpectation } from './experiment/experiment.js';
export { Probe, captureBaseline } from './experiment/probe.js';
export type { BaselineAnswers, ProbeContext, ProbeResult } from './experiment/probe.js';
export { CHAOS_CHECKS } from './experiment/checks.js';
export type { CheckResult, HypothesisId } from './experiment/checks.js';
export { LOAD_OPERATIONS, OUTCOME_CLASSES } from './experiment/request-outcome.js';
export type { LoadOperation, OutcomeClass, RequestRecord } from './experiment/request-outcome.js';
export { fixedRateLoad } from './experiment/background-load.js';
export type { BackgroundLoad, BackgroundLoadOptions, BackgroundLoadRunner } from './experiment/background-load.js';
export type { ExpectedAlert } from './experiment/alert-watcher.js';
export { runExperiment } from './experiment/run-experiment.js';
export type { ChaosTiming, ExperimentContext } from './experiment/run-experiment.js';
export { RagWorkload } from './experiment/rag-workload.js';
export { CHAOS_CORPUS, CHAOS_QUERIES } from './experiment/chaos-corpus.js';
export { SHIPPED_EXPERIMENTS, EXPERIMENT_NAMES, selectExperiments } from './experiments/shipped-experiments.js';

// Environments and runs.
export { createEmbeddedEnvironment, createExternalEnvironment, environmentFromStack, PROXIED_DEPENDENCIES } from './environment/chaos-environment.js';
export type { ChaosEnvironment, LaunchedStack, StackLauncher, ProxiedDependency } from './environment/chaos-environment.js';
export { routeFault, emulateAtProxy } from './environment/fault-routing.js';
export type { FaultInjectors } from './environment/fault-routing.js';
export { runChaos, planChaos, preflight, chaosTiming } from './run-chaos.js';
export type { RunChaosOptions, PlannedExperiment } from './run-chaos.js';

// Results and export.
export type {
  ChaosRunResult,
  ExperimentResult,
  HypothesisVerdict,
  TimelineEvent,
  TimelineEventName,
  LoadSummary,
  ErrorBudget,
  RecoveryResult,
  ConsistencyResult,
  AlertResult,
  Verdict,
} from './result/chaos-result.js';
export { TIMELINE_EVENTS } from './result/chaos-result.js';
export { renderChaosMarkdown } from './result/render-markdown.js';
export { writeChaosResults } from './result/write-chaos-results.js';
export { exportChaosMesh, writeChaosMeshFiles } from './export/chaos-mesh.js';
export type { ChaosMeshExport, ChaosMeshExportOptions, ChaosMeshFile } from './export/chaos-mesh.js';
export { validateChaosMeshManifest } from './export/chaos-mesh-schema.js';
export type { ChaosMeshManifest } from './export/chaos-mesh-schema.js';

// Errors.
export {
  FaultNotAllowedError,
  ExternalTargetNotAllowedError,
  UnknownExperimentError,
  InvalidFaultOptionError,
  FaultTargetNotFoundError,
  UnsupportedFaultError,
  FaultInjectionError,
  RollbackError,
  JournalError,
  DockerUnavailableError,
  ExperimentAbortedError,
  ChaosMeshExportError,
  CHAOS_ERROR_CODES,
} from './errors.js';
export type { ChaosErrorCode } from './errors.js';
