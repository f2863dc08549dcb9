/**
 * Which store keeps the account's data: the spreadsheet (the default) or BigQuery, as the head
 * chose in the sidebar (storage/store-choice.ts keeps the choice). The BigQuery store exists only
 * in the build variant that carries the BigQuery permission (README, «BigQuery variant»).
 */
import { spreadsheetStore } from '../storage/spreadsheet-store';
import type { AccountStore } from '../shapes/account-store';

export function chosenStore(): AccountStore {
  return spreadsheetStore;
}
