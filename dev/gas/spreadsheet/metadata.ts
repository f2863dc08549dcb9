/**
 * Developer metadata on the spreadsheet and its sheets: key/value pairs a script attaches to find
 * its own sheets whatever a user renames or moves. A sheet's metadata goes with the sheet.
 * [apps-script reference: spreadsheet/developer-metadata, developer-metadata-finder; Sheets API
 * guide "Read, write, and search metadata": 30,000 characters of metadata per location]
 */
import { asText } from '../coerce';
import type { MetadataState } from '../model';
import type { SpreadsheetDocument } from './document';

export const METADATA_CHARS_PER_LOCATION = 30000;
export const DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;
export const DeveloperMetadataLocationType = {
  SPREADSHEET: 'SPREADSHEET',
  SHEET: 'SHEET',
  ROW: 'ROW',
  COLUMN: 'COLUMN',
} as const;

function list(doc: SpreadsheetDocument): MetadataState[] {
  return (doc.state.metadata ??= []);
}

export function addMetadata(
  doc: SpreadsheetDocument,
  sheetId: number | null,
  key: unknown,
  value: unknown,
  visibility: unknown,
): DeveloperMetadataView {
  const k = asText(key);
  if (!k) doc.host.fail('Invalid argument: key');
  const v = value === undefined || value === null ? null : asText(value);
  const used = list(doc)
    .filter((m) => m.sheetId === sheetId)
    .reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0);
  if (used + k.length + (v?.length ?? 0) > METADATA_CHARS_PER_LOCATION)
    doc.host.fail('Developer metadata exceeds the 30,000 characters allowed for one location.');
  const m: MetadataState = {
    id: doc.nextId(),
    key: k,
    value: v,
    visibility: visibility === 'PROJECT' ? 'PROJECT' : 'DOCUMENT',
    sheetId,
  };
  list(doc).push(m);
  return new DeveloperMetadataView(doc, m.id);
}

class LocationView {
  readonly gasType = 'DeveloperMetadataLocation';
  constructor(
    private readonly _doc: SpreadsheetDocument,
    private readonly _sheetId: number | null,
    private readonly _sheet: (id: number) => unknown,
  ) {}
  getLocationType(): string {
    return this._sheetId === null ? 'SPREADSHEET' : 'SHEET';
  }
  getSheet(): unknown {
    return this._sheetId === null ? null : this._sheet(this._sheetId);
  }
}

export class DeveloperMetadataView {
  readonly gasType = 'DeveloperMetadata';
  constructor(
    private readonly _doc: SpreadsheetDocument,
    private readonly _id: number,
  ) {}
  private get _m(): MetadataState {
    const m = list(this._doc).find((x) => x.id === this._id);
    if (!m) this._doc.host.fail('The developer metadata has been removed.');
    return m;
  }
  getId(): number {
    return this._id;
  }
  getKey(): string {
    return this._m.key;
  }
  getValue(): string | null {
    return this._m.value;
  }
  setValue(value: string): this {
    const m = this._m;
    this._doc.host.assertCanEdit(m.sheetId, null);
    m.value = String(value);
    return this;
  }
  getVisibility(): string {
    return this._m.visibility;
  }
  getLocation(): LocationView {
    return new LocationView(this._doc, this._m.sheetId, (id) => this._doc.sheetView(id));
  }
  remove(): void {
    this._doc.host.assertCanEdit(this._m.sheetId, null);
    this._doc.state.metadata = list(this._doc).filter((x) => x.id !== this._id);
  }
}

export class DeveloperMetadataFinderView {
  readonly gasType = 'DeveloperMetadataFinder';
  private _key?: string;
  private _value?: string;
  private _type?: string;
  constructor(
    private readonly _doc: SpreadsheetDocument,
    /** null: the whole spreadsheet; a number: that sheet only */
    private readonly _sheetId: number | null,
  ) {}
  withKey(key: string): this {
    this._key = String(key);
    return this;
  }
  withValue(value: string): this {
    this._value = String(value);
    return this;
  }
  withLocationType(type: string): this {
    this._type = String(type);
    return this;
  }
  withVisibility(_v: string): this {
    return this;
  }
  find(): DeveloperMetadataView[] {
    const live = new Set(this._doc.state.sheets.map((s) => s.id));
    return list(this._doc)
      .filter(
        (m) =>
          (m.sheetId === null || live.has(m.sheetId)) &&
          (this._sheetId === null || m.sheetId === this._sheetId) &&
          (this._key === undefined || m.key === this._key) &&
          (this._value === undefined || m.value === this._value) &&
          (this._type === undefined ||
            this._type === (m.sheetId === null ? 'SPREADSHEET' : 'SHEET')),
      )
      .map((m) => new DeveloperMetadataView(this._doc, m.id));
  }
}
