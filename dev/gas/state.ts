/** What carries over from one execution to the next: the spreadsheet, properties, triggers, sharing. */
import type { Sharing } from './access';
import type { SpreadsheetState } from './model';
import type { PropertyStores } from './properties';
import type { TriggerRegistry } from './script-app';

export interface RuntimeState {
  version: 1;
  spreadsheet: SpreadsheetState;
  properties: PropertyStores;
  triggers: TriggerRegistry;
  sharing: Sharing;
}
