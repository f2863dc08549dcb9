/**
 * Which store keeps the account's data: the spreadsheet (the default) or BigQuery, as the head
 * chose in the sidebar. The choice is a document property of its own, not a rating setting: it
 * belongs to the data, and changing it starts a new first sync into the new store. The BigQuery
 * store exists only in the build variant that carries the BigQuery permission and advanced
 * service (README, «BigQuery variant»); elsewhere the choice is refused in words.
 */
import * as v from 'valibot';
import { BigQueryClient, type BigQueryService } from '../bigquery/bigquery-api';
import { bigQueryStore } from '../bigquery/bigquery-store';
import type { AccountStore } from '../shapes/account-store';
import { parseJson } from '../shapes/parse-json';
import { spreadsheetStore } from '../storage/spreadsheet-store';

export const STORE_CHOICE_KEY = 'store.choice';

/** Google Cloud project ids: 6–30 lowercase letters, digits and hyphens, from a letter */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** dataset ids: letters, digits and underscores, at most 1,024 */
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;

const ChoiceSchema = v.object({
  kind: v.literal('bigquery'),
  projectId: v.pipe(v.string(), v.regex(PROJECT_ID)),
  datasetId: v.pipe(v.string(), v.regex(DATASET_ID)),
  location: v.string(),
});
export type StoreChoice = v.InferOutput<typeof ChoiceSchema>;

/** The BigQuery advanced service, when this build has it. */
export function bigQueryService(): BigQueryService | null {
  const g = globalThis as { BigQuery?: BigQueryService };
  return g.BigQuery ?? null;
}

export function readStoreChoice(): StoreChoice | null {
  return parseJson(
    PropertiesService.getDocumentProperties().getProperty(STORE_CHOICE_KEY),
    ChoiceSchema,
  );
}

export function saveStoreChoice(c: StoreChoice | null): void {
  const props = PropertiesService.getDocumentProperties();
  if (c) props.setProperty(STORE_CHOICE_KEY, JSON.stringify(c));
  else props.deleteProperty(STORE_CHOICE_KEY);
}

export function validChoice(c: unknown): c is StoreChoice {
  return v.is(ChoiceSchema, c);
}

/** The store the sync and the refresh use; `deadline` (ms) bounds BigQuery's waits. */
export function chosenStore(deadline = Date.now() + 4.5 * 60 * 1000): AccountStore {
  const choice = readStoreChoice();
  const service = bigQueryService();
  if (!choice || !service) return spreadsheetStore;
  return bigQueryStore({
    client: new BigQueryClient(service, {
      projectId: choice.projectId,
      datasetId: choice.datasetId,
      location: choice.location,
      deadline,
    }),
  });
}
