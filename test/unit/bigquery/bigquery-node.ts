/**
 * The BigQuery stand-in (dev/bigquery: ZetaSQL analysis, then DuckDB) reached from Node without a
 * script runtime: the product's own client and store call its Jobs, Datasets and Tables as Apps
 * Script's advanced service would be called. For tests that load many small accounts quickly.
 */
import {
  BigQueryEngine,
  BigQueryState,
  DatasetsView,
  JobsView,
  TablesView,
} from '../../../dev/bigquery/service';
import type { Host } from '../../../dev/gas/host';
import { BigQueryClient, type BigQueryService } from '../../../src/bigquery/bigquery-api';

export interface NodeBigQuery {
  engine: BigQueryEngine;
  /** the service as the script calls it (Jobs, Datasets, Tables) */
  service: BigQueryService;
  /** a client on its own dataset (each account loaded into a fresh one) */
  client(datasetId: string): BigQueryClient;
  close(): Promise<void>;
}

export function nodeBigQuery(): NodeBigQuery {
  const engine = new BigQueryEngine();
  const state = new BigQueryState(engine);
  // what the service views need of a runtime: a clock and Apps Script's way of failing
  const host = {
    clock: { now: () => Date.now() },
    fail(message: string): never {
      throw new Error(message);
    },
  } as unknown as Host;
  const service = {
    Jobs: new JobsView(host, state),
    Datasets: new DatasetsView(host, state),
    Tables: new TablesView(host, state),
  } as unknown as BigQueryService;
  // the client's two Apps Script globals: a sleep (jobs here finish at the next poll) and a Blob
  (globalThis as Record<string, unknown>).Utilities = {
    sleep: () => undefined,
    newBlob: (text: string) => ({ getDataAsString: () => text }),
  };
  return {
    engine,
    service,
    client: (datasetId) =>
      new BigQueryClient(service, {
        projectId: 'facts-project',
        datasetId,
        location: 'US',
        deadline: Date.now() + 3600_000,
      }),
    close: () => engine.close(),
  };
}
