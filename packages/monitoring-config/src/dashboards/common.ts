import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  BigValueColorMode,
  BigValueGraphMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
  type DataSourceRef,
} from '@grafana/grafana-foundation-sdk/common';
import { ThresholdsConfigBuilder, ThresholdsMode, type Panel, type Threshold, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

/** The uid of the provisioned Prometheus datasource; every panel references it. */
export const DATASOURCE_UID = 'rag-validate-prometheus';
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: DATASOURCE_UID };

/** Grafana's rate window that adapts to the scrape interval and the zoom level. */
export const RATE_WINDOW = '$__rate_interval';

/** A PromQL query of a panel and how its series are named in the legend. */
export interface PanelQuery {
  readonly expr: string;
  /** Grafana legend format, e.g. `{{route}}` or `p95`. */
  readonly legend: string;
}

/** A horizontal line drawn on a graph (an SLO threshold) or a colour step of a stat. */
export interface ThresholdLine {
  readonly value: number;
  readonly color: string;
}

/** What every panel needs; `width` is in grid columns (24 = full width). */
export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly queries: readonly PanelQuery[];
  readonly width: number;
  readonly height?: number;
}

/** A titled group of panels: one row of a dashboard. */
export interface DashboardSection {
  readonly title: string;
  readonly panels: ReadonlyArray<cog.Builder<Panel>>;
}

function targets(queries: readonly PanelQuery[]): DataqueryBuilder[] {
  return queries.map((query, index) =>
    new DataqueryBuilder().refId(String.fromCharCode(65 + index)).expr(query.expr).legendFormat(query.legend).range().datasource(DATASOURCE),
  );
}

function thresholds(lines: readonly ThresholdLine[], base = 'green'): ThresholdsConfigBuilder {
  const steps: Threshold[] = [{ value: null, color: base }, ...[...lines].sort((a, b) => a.value - b.value).map((line) => ({ value: line.value, color: line.color }))];
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);
}

/** A time-series graph; `lines` are drawn as dashed threshold lines (SLO objectives). */
export function timeseriesPanel(spec: PanelSpec & { readonly lines?: readonly ThresholdLine[]; readonly min?: number }): TimeseriesPanelBuilder {
  const panel = new TimeseriesPanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .targets(targets(spec.queries))
    .unit(spec.unit)
    .span(spec.width)
    .height(spec.height ?? 8)
    .lineWidth(1)
    .fillOpacity(10)
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).calcs([]))
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.lines !== undefined && spec.lines.length > 0) {
    panel.thresholds(thresholds(spec.lines)).thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

/** A single-value panel showing the last value of each query, coloured by `steps`. */
export function statPanel(
  spec: PanelSpec & { readonly steps?: readonly ThresholdLine[]; readonly base?: string; readonly mappings?: ValueMapping[] },
): StatPanelBuilder {
  const panel = new StatPanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .targets(targets(spec.queries))
    .unit(spec.unit)
    .span(spec.width)
    .height(spec.height ?? 4)
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Value)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .thresholds(thresholds(spec.steps ?? [], spec.base ?? 'green'));
  if (spec.mappings !== undefined) panel.mappings(spec.mappings);
  return panel;
}
