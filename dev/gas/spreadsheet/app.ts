/** SpreadsheetApp for a container-bound script: one active spreadsheet. [SSAPP] */
import {
  BooleanCriteria,
  ConditionalFormatRuleBuilderView,
  InterpolationType,
} from './conditional-rules';
import { ChartType } from './chart';
import { DataValidationBuilderView, DataValidationCriteria } from './data-validation';
import type { SpreadsheetDocument } from './document';
import { ProtectionType } from './protection';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility } from './metadata';
import { SpreadsheetView, type Toast } from './spreadsheet';
import { UiView, type UiRecord } from './ui';

export class SpreadsheetAppView {
  readonly gasType = 'SpreadsheetApp';
  readonly BooleanCriteria = BooleanCriteria;
  readonly InterpolationType = InterpolationType;
  readonly ProtectionType = ProtectionType;
  readonly ChartType = ChartType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' };
  readonly BorderStyle = {
    SOLID: 'SOLID',
    DOTTED: 'DOTTED',
    DASHED: 'DASHED',
    SOLID_MEDIUM: 'SOLID_MEDIUM',
    SOLID_THICK: 'SOLID_THICK',
    DOUBLE: 'DOUBLE',
  };
  readonly Dimension = { ROWS: 'ROWS', COLUMNS: 'COLUMNS' };
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  constructor(
    private readonly _doc: SpreadsheetDocument,
    private readonly _ui: UiRecord,
    readonly _toasts: Toast[],
  ) {}
  private _ss(): SpreadsheetView {
    return new SpreadsheetView(this._doc, this._toasts);
  }
  getActive(): SpreadsheetView {
    return this._ss();
  }
  getActiveSpreadsheet(): SpreadsheetView {
    return this._ss();
  }
  getActiveSheet(): unknown {
    return this._ss().getActiveSheet();
  }
  openById(id: string): SpreadsheetView {
    if (id !== this._doc.state.id)
      this._doc.host.fail(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return this._ss();
  }
  flush(): void {
    /* writes are applied at once in memory; flush is a no-op here */
  }
  /** Only a context with a user in front of a document has a UI (the method table refuses the others). [SSAPP] getUi */
  getUi(): UiView {
    return new UiView(this._doc.host, this._ui);
  }
  newDataValidation(): DataValidationBuilderView {
    return new DataValidationBuilderView(this._doc);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilderView {
    return new ConditionalFormatRuleBuilderView(this._doc);
  }
}
