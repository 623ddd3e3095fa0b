// Running load
export { runScenario } from './run-scenario.js';
export type { RunScenarioOptions } from './run-scenario.js';
export { runOpenModel, PRECISE_GAP_MS } from './runner/open-model-runner.js';
export type { LoadProgress, LoadRun, OpenModelPlan, OperationCall, OperationOutcome, RunLoadOptions, RunnerOperation } from './runner/open-model-runner.js';
export { realClock } from './runner/load-clock.js';
export type { LoadClock, RealClockOptions } from './runner/load-clock.js';

// Scenarios and schedules
export { BUILTIN_SCENARIOS, getScenario } from './scenarios/builtin-scenarios.js';
export { scenarioSchema } from './scenarios/scenario.js';
export type { MixEntry, Scenario } from './scenarios/scenario.js';
export { resolveRunSettings, defaultRate } from './scenarios/run-settings.js';
export type { RunOverrides, RunSettings } from './scenarios/run-settings.js';
export { SEARCH_QUERIES, GENERATION_PROMPTS } from './scenarios/query-pools.js';
export type { GenerationPrompt } from './scenarios/query-pools.js';
export { OPERATIONS, OPERATION_IDS, createOperation } from './operations/operation-catalog.js';
export type { OperationContext, OperationId, OperationInfo, OperationParams } from './operations/operation-catalog.js';
export { constantRate, parseStages, arrivals, arrivalOffsetMs, arrivalsInStage, expectedArrivals, stagesDurationMs } from './schedule/rate-stage.js';
export type { Arrival, RateStage } from './schedule/rate-stage.js';
export { parseDuration, formatDuration } from './schedule/parse-duration.js';

// Gates
export { GATES, GATE_IDS } from './gates/gate-registry.js';
export type { GateDefinition, GateId, GateMeasurements } from './gates/gate-registry.js';
export { checkThreshold, formatValue } from './gates/gate-check.js';
export type { GateOutcome, ThresholdCheck, GateUnit, GateBound } from './gates/gate-check.js';
export { evaluateGates } from './gates/evaluate-gates.js';
export { deriveObjectives } from './gates/objectives.js';

// Results
export { PERF_RESULT_KIND, PERF_RESULT_SCHEMA_VERSION, perfResultSchema } from './result/perf-result.js';
export type { PerfResult, SeriesStats, SeriesSecond, TimelinePoint, GateResult, GeneratorInfo, OperationObjectives } from './result/perf-result.js';
export { buildPerfResult } from './result/build-result.js';
export { mergePerfResults } from './result/merge-results.js';
export { readPerfResult, parsePerfResult } from './result/read-result.js';
export { worstWindows } from './result/window-stats.js';
export type { WorstWindow, WorstWindows } from './result/window-stats.js';
export { HISTOGRAM_SETTINGS, decodeHistogram, encodeHistogram, summarize, distribution } from './recorder/latency-histogram.js';
export type { LatencySummary, DistributionBand } from './recorder/latency-histogram.js';

// Reports
export { renderPerfHtml, renderPerfSeriesCharts, renderPerfGatesChart } from './report/render-html.js';
export { renderPerfMarkdown } from './report/render-markdown.js';
export { writePerfArtifacts } from './report/write-perf-artifacts.js';
export type { PerfArtifacts } from './report/write-perf-artifacts.js';
export { lineChart, barChart, thresholdChart, niceTicks, logTicks, formatTick, escapeXml, CHART_COLORS, PASS_COLOR, FAIL_COLOR } from './report/svg-charts.js';
export type { LineChartOptions, LineSeries, BarChartOptions, ChartFrame, ChartThreshold, ThresholdItem } from './report/svg-charts.js';

// Export to other tools
export { exportScenario } from './export/export-scenario.js';
export type { ExportScenarioOptions } from './export/export-scenario.js';

// Errors
export { PerfOptionError, UnknownScenarioError, PerfResultFileError, PerfMergeError, PerfPreflightError, PERF_ERROR_CODES } from './errors.js';
export type { PerfError, PerfErrorCode } from './errors.js';
