import { DATASOURCE_UID } from '../dashboards/common.js';
import { DASHBOARD_TAG } from '../dashboards/build-dashboards.js';
import type { ResolvedMonitoringOptions } from '../options.js';

/** Name of the provisioned Prometheus datasource. */
export const DATASOURCE_NAME = 'Prometheus (rag-validate)';

/**
 * grafana/provisioning/datasources/rag-validate.yml: the Prometheus datasource, with the fixed uid
 * the dashboards reference. Not marked default, so it never clashes with an existing default.
 */
export function datasourceProvisioning(options: ResolvedMonitoringOptions): Record<string, unknown> {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: DATASOURCE_NAME,
        uid: DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: options.prometheusUrl,
        isDefault: false,
        editable: false,
        jsonData: { timeInterval: options.scrapeInterval, httpMethod: 'POST' },
      },
    ],
  };
}

/** grafana/provisioning/dashboards/rag-validate.yml: loads the dashboard JSON from `dashboardsPath`. */
export function dashboardProvisioning(options: ResolvedMonitoringOptions): Record<string, unknown> {
  return {
    apiVersion: 1,
    providers: [
      {
        name: DASHBOARD_TAG,
        orgId: 1,
        folder: 'RAG system',
        folderUid: DASHBOARD_TAG,
        type: 'file',
        disableDeletion: false,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: options.dashboardsPath, foldersFromFilesStructure: false },
      },
    ],
  };
}
