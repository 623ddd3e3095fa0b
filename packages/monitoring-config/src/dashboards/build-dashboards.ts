import { SERVICE_NAMES, type Slos } from '@rag-validate/config';
import { DashboardBuilder, DashboardCursorSync, DashboardLinkBuilder, DashboardLinkType, RowBuilder, type Dashboard, type Panel, type RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import { GENERATED_MARKER } from '../files/render.js';
import type { ResolvedMonitoringOptions } from '../options.js';
import type { SloObjective } from '../rules/slo-objectives.js';
import type { DashboardSection } from './common.js';
import { errorBudgetSection } from './error-budget-section.js';
import { latencySection } from './latency-section.js';
import { qdrantSection } from './qdrant-section.js';
import { ragStagesSection } from './rag-stages-section.js';
import { serviceSection } from './service-section.js';
import { trafficSection } from './traffic-section.js';

/** Tag of every generated dashboard (the dashboards link to each other by it). */
export const DASHBOARD_TAG = 'rag-validate';

/** A generated dashboard and the file name it is written to under `grafana/dashboards/`. */
export interface GeneratedDashboard {
  readonly fileName: string;
  readonly dashboard: Dashboard;
}

/** The dashboard description starts with the marker; Grafana shows it, and `--check` finds generated dashboards by it. */
const DASHBOARD_DESCRIPTION_PREFIX = GENERATED_MARKER;

function build(uid: string, title: string, summary: string, sections: readonly DashboardSection[]): Dashboard {
  const builder = new DashboardBuilder(title)
    .uid(uid)
    .description(`${DASHBOARD_DESCRIPTION_PREFIX} from the rag-validate config; change the config and regenerate. ${summary}`)
    .tags([DASHBOARD_TAG])
    .readonly()
    .timezone('browser')
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .tooltip(DashboardCursorSync.Crosshair)
    .annotations([])
    .link(new DashboardLinkBuilder('RAG system').type(DashboardLinkType.Dashboards).tags([DASHBOARD_TAG]).asDropdown(true).keepTime(true));
  for (const section of sections) {
    builder.withRow(new RowBuilder(section.title));
    for (const panel of section.panels) builder.withPanel(panel);
  }
  return numberPanels(builder.build());
}

/** Gives every panel and row a unique id (1, 2, …) in the order they appear. */
function numberPanels(dashboard: Dashboard): Dashboard {
  let next = 1;
  const visit = (panel: Panel | RowPanel): void => {
    panel.id = next++;
    if (panel.type === 'row') for (const nested of (panel as RowPanel).panels) visit(nested);
  };
  for (const panel of dashboard.panels ?? []) visit(panel);
  return dashboard;
}

/**
 * The dashboards: "RAG system — SLOs" (traffic, latency against the objectives, error budgets)
 * and "RAG system — services" (one row per service, RAG stages, Qdrant).
 */
export function buildDashboards(slos: Slos, objectives: readonly SloObjective[], options: ResolvedMonitoringOptions): GeneratedDashboard[] {
  return [
    {
      fileName: 'rag-validate-slos.json',
      dashboard: build(
        'rag-validate-slos',
        'RAG system — SLOs',
        'Request rate, latency against the SLO objectives, 5xx ratio and error budgets of search, generate, index and health.',
        [trafficSection(options), latencySection(slos), errorBudgetSection(objectives)],
      ),
    },
    {
      fileName: 'rag-validate-services.json',
      dashboard: build(
        'rag-validate-services',
        'RAG system — services',
        'Per service: up, traffic, errors and latency by route, in-flight requests, CPU and memory; RAG stage timings; Qdrant.',
        [...SERVICE_NAMES.map((service) => serviceSection(service, options)), ragStagesSection(), qdrantSection()],
      ),
    },
  ];
}
