/**
 * The services a script sees, each wrapped so every call is counted, checked against the method
 * table and metered (surface.ts). They are views over the runtime's state, handed in as getters,
 * so a state loaded later is the one they read.
 */
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import { CacheServiceView } from './cache';
import type { Host } from './host';
import { escapeFor, HtmlServiceView } from './html-service';
import { LockServiceView, type LockTable } from './lock';
import { LoggerView, makeConsole } from './logger';
import { PropertiesServiceView, type PropertyStores } from './properties';
import { ScriptAppView, type TriggerRegistry } from './script-app';
import { SessionView } from './session';
import { SpreadsheetAppView } from './spreadsheet/app';
import { ChartsPosition, ChartType } from './spreadsheet/chart';
import type { SpreadsheetDocument } from './spreadsheet/document';
import type { Toast } from './spreadsheet/spreadsheet';
import type { UiRecord } from './spreadsheet/ui';
import { wrap } from './surface';
import { SyncHttp } from './sync-http';
import { UrlFetchAppView, type FetchLogEntry, type HostRoute } from './url-fetch';
import { UtilitiesView } from './utilities';
import { DatasetsView, JobsView, TablesView, type BigQueryState } from '../bigquery/service';

export interface ServiceDeps {
  host: Host;
  doc: SpreadsheetDocument;
  ui: UiRecord;
  toasts: Toast[];
  properties: () => PropertyStores;
  triggers: () => TriggerRegistry;
  locks: LockTable;
  http: () => SyncHttp;
  routes: () => HostRoute[];
  fetchLog: FetchLogEntry[];
  fetchLatencyMs: number | 'real';
  fetchTimeoutMs: number;
  distDir: string;
  /** the running execution's global scope (templates' scriptlets run in it) */
  context: () => vm.Context | null;
  /** the BigQuery advanced service's state, when the manifest enables the service */
  bigquery: () => BigQueryState;
}

/** An advanced service exists only when the manifest enables it [docs/services.md, BigQuery §1.1]. */
function enabled(host: Host, userSymbol: string): boolean {
  return (host.manifest.dependencies?.enabledAdvancedServices ?? []).some(
    (s) => s.userSymbol === userSymbol,
  );
}

export function makeServices(d: ServiceDeps): Record<string, unknown> {
  const { host } = d;
  const compile = (code: string) => (data: object) => {
    const context = d.context() ?? vm.createContext({});
    const fn = vm.runInContext(`(function (__data, __esc) { ${code} })`, context) as (
      data: object,
      esc: (s: unknown, context: string) => string,
    ) => string;
    return fn(data, (v, c) => escapeFor(v, c === 'js' || c === 'attr' ? c : 'html'));
  };
  return {
    SpreadsheetApp: wrap(host, new SpreadsheetAppView(d.doc, d.ui, d.toasts)),
    PropertiesService: wrap(host, new PropertiesServiceView(host, d.properties)),
    CacheService: wrap(host, new CacheServiceView(host)),
    LockService: wrap(host, new LockServiceView(host, d.locks)),
    ScriptApp: wrap(host, new ScriptAppView(host, d.triggers, 'local-script-id')),
    UrlFetchApp: wrap(
      host,
      new UrlFetchAppView(
        host,
        d.http,
        d.routes,
        d.fetchLog,
        d.fetchLatencyMs,
        d.fetchTimeoutMs,
        `gas-${randomUUID()}`,
      ),
    ),
    Utilities: wrap(host, new UtilitiesView(host)),
    Session: wrap(host, new SessionView(host)),
    HtmlService: wrap(host, new HtmlServiceView(host, d.distDir, compile)),
    Logger: wrap(host, new LoggerView(host)),
    console: makeConsole(host),
    Charts: { ChartType, Position: ChartsPosition },
    ...(enabled(host, 'BigQuery')
      ? {
          BigQuery: {
            Jobs: wrap(host, new JobsView(host, d.bigquery())),
            Datasets: wrap(host, new DatasetsView(host, d.bigquery())),
            Tables: wrap(host, new TablesView(host, d.bigquery())),
          },
        }
      : {}),
  };
}
